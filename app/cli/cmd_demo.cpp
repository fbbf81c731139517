// gapmap demo OUT.gpkg [--force]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "io/demo_data.h"
#include "io/project_file.h"

namespace gapmap::cli {
namespace {

const char* kHelp =
    "usage: gapmap demo OUT.gpkg [--force] [--verbose]\n"
    "\n"
    "Writes the embedded SYNTHETIC demo province (8 districts, about 100 communes and 1,000 villages placed\n"
    "around 22°N 103°E; invented, not real records) as a project file. It is built from the text files in\n"
    "geodata/ through the same importer as `gapmap import`. An existing OUT.gpkg is kept unless --force.\n";

}  // namespace

int runDemo(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {}, {"--force", "--verbose"});
    if (args.help) { std::fputs(kHelp, stdout); return kOk; }
    if (args.positional.size() != 1) throw UsageError("demo needs OUT.gpkg");
    const std::string out = args.positional[0];
    if (projectExists(out) && !args.has("--force"))
        throw InputError(out + ": already exists; pass --force to replace it with the demo");
    std::vector<ImportResult> log;
    const Project project = buildDemoProject(&log);
    writeProject(project, out);
    for (const ImportResult& r : log) {
        const std::string text = formatImportResult(r);
        std::fputs(args.has("--verbose") ? text.c_str() : text.substr(0, text.find('\n') + 1).c_str(), stdout);
    }
    std::printf("wrote %s: %s\n", out.c_str(), kDemoTitle);
    return kOk;
}

}  // namespace gapmap::cli
