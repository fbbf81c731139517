// gapmap: the program users start. It renders a project file itself (`gapmap render FILE.gpkg …`),
// in a process that maps no GDAL, cairo, poppler or libpq (issue #15: a national render's memory),
// and runs the full program (gapmap-full, app/main.cpp) with the same arguments for everything else.
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "cli/full_program.h"
#include "io/gpkg_read.h"

namespace {

int renderProjectFile(std::vector<std::string>& args) {
    gapmap::cli::selectLanguage(args);
    args.erase(args.begin());  // "render"
    return gapmap::cli::runRender(args, [](const std::string& path) { return gapmap::readGeoPackageProject(path); });
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (gapmap::cli::rendersProjectFile(args)) return gapmap::cli::runReportingFailures(renderProjectFile, args);
    return gapmap::cli::execFullProgram(argv);
}
