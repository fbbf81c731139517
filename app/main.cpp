// gapmap: dispatches `gapmap [SUBCOMMAND] ...` and turns failures into exit codes.
// No subcommand (or `open FILE`) is the desktop app.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "core/errors.h"

namespace {

const char* kUsage =
    "gapmap – where Project 8 support reaches villages, and where it does not\n"
    "\n"
    "usage: gapmap [open PROJECT.gpkg]                 the desktop app\n"
    "       gapmap import PROJECT.gpkg --as TABLE FILE  bring data in through GDAL\n"
    "       gapmap report [PROJECT.gpkg]               figures against targets (default: the demo)\n"
    "       gapmap demo OUT.gpkg                       write the synthetic demo province\n"
    "       gapmap find [PROJECT.gpkg] QUERY           find a village or commune, with or without tone marks\n"
    "\n"
    "`gapmap COMMAND --help` explains each command. Exit status: 0 success, 1 input error, 2 usage error.\n";

int runApp(const std::vector<std::string>&) {
    std::fprintf(stderr,
                 "gapmap: the desktop map is not built yet (it comes with the map work); "
                 "use `gapmap report` or `gapmap demo OUT.gpkg` meanwhile\n");
    return gapmap::cli::kInputError;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace gapmap;
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::string command = args.empty() ? "" : args.front();
    if (!args.empty()) args.erase(args.begin());
    try {
        if (command == "" || command == "open") return runApp(args);
        if (command == "import") return cli::runImport(args);
        if (command == "report") return cli::runReport(args);
        if (command == "demo") return cli::runDemo(args);
        if (command == "find") return cli::runFind(args);
        if (command == "--help" || command == "-h" || command == "help") {
            std::fputs(kUsage, stdout);
            return cli::kOk;
        }
        throw UsageError("unknown command \"" + command + "\"");
    } catch (const UsageError& e) {
        std::fprintf(stderr, "gapmap: %s (see gapmap --help)\n", e.what());
        return cli::kUsageError;
    } catch (const InputError& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return cli::kInputError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gapmap: %s\n", e.what());
        return cli::kInputError;
    }
}
