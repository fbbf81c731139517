#include "cli/cli_common.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/text_file.h"

namespace gapmap::cli {

std::string Args::value(const std::string& option, const std::string& fallback) const {
    const auto it = options.find(option);
    return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Args::values(const std::string& option) const {
    const auto it = options.find(option);
    return it == options.end() ? std::vector<std::string>{} : it->second;
}

Args parseArgs(const std::vector<std::string>& argv, const std::set<std::string>& withValue,
               const std::set<std::string>& flags) {
    Args args;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--help" || a == "-h") { args.help = true; continue; }
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a, value;
            const size_t eq = a.find('=');
            const bool inlineValue = eq != std::string::npos && withValue.count(a.substr(0, eq));
            if (inlineValue) { name = a.substr(0, eq); value = a.substr(eq + 1); }
            if (withValue.count(name)) {
                if (!inlineValue) {
                    if (i + 1 >= argv.size()) throw UsageError(tr("cli.error.needs_value", {name}));
                    value = argv[++i];
                }
                args.options[name].push_back(value);
            } else if (flags.count(name)) {
                args.flags.insert(name);
            } else {
                throw UsageError(tr("cli.error.unknown_option", {a}));
            }
            continue;
        }
        args.positional.push_back(a);
    }
    return args;
}

void selectLanguage(std::vector<std::string>& argv) {
    // The environment first, so that a bad --lang is reported in the language it names.
    const char* env = std::getenv("GAPMAP_LANG");
    const std::string envValue = env ? env : "";
    const std::optional<Lang> fromEnv = parseLocaleLang(envValue);
    setLanguage(fromEnv.value_or(Lang::Vi));
    std::optional<std::string> option;
    for (size_t i = 0; i < argv.size();) {
        if (argv[i] == "--lang") {
            if (i + 1 >= argv.size()) throw UsageError(tr("cli.error.needs_value", {"--lang"}));
            option = argv[i + 1];
            argv.erase(argv.begin() + static_cast<long>(i), argv.begin() + static_cast<long>(i) + 2);
        } else if (argv[i].rfind("--lang=", 0) == 0) {
            option = argv[i].substr(7);
            argv.erase(argv.begin() + static_cast<long>(i));
        } else {
            ++i;
        }
    }
    if (option) {
        const std::optional<Lang> lang = parseLang(*option);
        if (!lang) throw UsageError(tr("cli.error.bad_lang", {*option}));
        setLanguage(*lang);
    } else if (!fromEnv && !envValue.empty()) {
        throw UsageError(tr("cli.error.bad_lang_env", {envValue}));
    }
}

int runReportingFailures(int (*command)(std::vector<std::string>&), std::vector<std::string>& args) {
    try {
        return command(args);
    } catch (const UsageError& e) {
        // A message that already points at a command's --help keeps that hint alone.
        const std::string what = e.what();
        if (what.find("--help") != std::string::npos) std::fprintf(stderr, "gapmap: %s\n", what.c_str());
        else std::fprintf(stderr, "%s\n", tr("cli.error.usage_line", {what}).c_str());
        return kUsageError;
    } catch (const InputError& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return kInputError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return kInputError;
    }
}

void writeOutput(const std::string& text, const std::string& outPath) {
    if (outPath.empty() || outPath == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    writeTextFile(outPath, text);  // atomic: an interrupted report never leaves half a file
}

}  // namespace gapmap::cli
