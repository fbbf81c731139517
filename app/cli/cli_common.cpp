#include "cli/cli_common.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "core/errors.h"

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
                    if (i + 1 >= argv.size()) throw UsageError(name + " needs a value");
                    value = argv[++i];
                }
                args.options[name].push_back(value);
            } else if (flags.count(name)) {
                args.flags.insert(name);
            } else {
                throw UsageError("unknown option " + a);
            }
            continue;
        }
        args.positional.push_back(a);
    }
    return args;
}

void writeOutput(const std::string& text, const std::string& outPath) {
    if (outPath.empty() || outPath == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return;
    }
    std::ofstream out(outPath, std::ios::binary);
    out << text;
    if (!out) throw InputError(outPath + ": cannot write this file");
}

}  // namespace gapmap::cli
