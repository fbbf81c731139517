// gapmap info PROJECT.gpkg [--format text|json]: the project's tables, loaded or not (core/data_status.h).
#include <cstdio>
#include <filesystem>

#include "cli/cli_common.h"
#include "core/data_status.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/project_file.h"

namespace gapmap::cli {

int runInfo(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format"}, {});
    if (args.help) { std::fputs(tr("info.help").c_str(), stdout); return kOk; }
    if (args.positional.size() != 1) throw UsageError(tr("info.error.needs_project"));
    const std::string format = args.value("--format", "text");
    if (format != "text" && format != "json") throw UsageError(tr("info.error.bad_format", {format}));
    const Project project = readProject(args.positional[0]);
    const std::string name = std::filesystem::path(args.positional[0]).filename().string();
    writeOutput(format == "json" ? formatInfoJson(project, name) : formatInfoText(project, name), "");
    return kOk;
}

}  // namespace gapmap::cli
