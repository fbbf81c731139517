// gapmap demo OUT.gpkg [--force]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/project_file.h"

namespace gapmap::cli {

int runDemo(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {}, {"--force", "--verbose"});
    if (args.help) { std::fputs(tr("demo.help").c_str(), stdout); return kOk; }
    if (args.positional.size() != 1) throw UsageError(tr("demo.error.needs_out"));
    const std::string out = args.positional[0];
    if (projectExists(out) && !args.has("--force"))
        throw InputError(tr("demo.error.exists", {out}));
    std::vector<ImportResult> log;
    const Project project = buildDemoProject(&log);
    writeProject(project, out);
    for (const ImportResult& r : log) {
        const std::string text = formatImportResult(r);
        std::fputs(args.has("--verbose") ? text.c_str() : text.substr(0, text.find('\n') + 1).c_str(), stdout);
    }
    std::printf("%s\n", tr("demo.wrote", {out, demoTitle()}).c_str());
    return kOk;
}

}  // namespace gapmap::cli
