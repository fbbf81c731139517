// gapmap: dispatches `gapmap [SUBCOMMAND] ...` and turns failures into exit codes.
// No subcommand (or `open FILE`) is the desktop app.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "ui/desktop.h"

namespace {

// `gapmap` (the demo) or `gapmap open FILE.gpkg`: the desktop window.
int runApp(const std::vector<std::string>& args, bool open) {
    if (open && args.size() != 1) throw gapmap::UsageError(gapmap::tr("cli.error.open_needs_file"));
    if (!open && !args.empty()) throw gapmap::UsageError(gapmap::tr("cli.error.unknown_command", {args[0]}));
    return gapmap::ui::runDesktop(open ? args[0] : std::string());
}

}  // namespace

int main(int argc, char** argv) {
    using namespace gapmap;
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        cli::selectLanguage(args);  // --lang anywhere, else GAPMAP_LANG, else Vietnamese
        const std::string command = args.empty() ? "" : args.front();
        if (!args.empty()) args.erase(args.begin());
        if (command == "" || command == "open") return runApp(args, command == "open");
        if (command == "import") return cli::runImport(args);
        if (command == "report") return cli::runReport(args);
        if (command == "demo") return cli::runDemo(args);
        if (command == "render") return cli::runRender(args);
        if (command == "find") return cli::runFind(args);
        if (command == "set") return cli::runSet(args);
        if (command == "edit") return cli::runEdit(args);
        if (command == "export-report") return cli::runExportReport(args);
        if (command == "info") return cli::runInfo(args);
        if (command == "migrate") return cli::runMigrate(args);
        if (command == "--version" || command == "-V") {
            std::printf("gapmap %s\n", GAPMAP_VERSION);  // CMakeLists.txt: the project's version
            return cli::kOk;
        }
        if (command == "template") return cli::runTemplate(args);
        if (command == "--help" || command == "-h" || command == "help") {
            std::fputs(tr("cli.usage").c_str(), stdout);
            return cli::kOk;
        }
        throw UsageError(tr("cli.error.unknown_command", {command}));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "%s\n", tr("cli.error.usage_line", {e.what()}).c_str());
        return cli::kUsageError;
    } catch (const InputError& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return cli::kInputError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return cli::kInputError;
    }
}
