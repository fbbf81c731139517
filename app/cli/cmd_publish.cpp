// gapmap publish [PROJECT.gpkg] --to PG:… [--schema NAME] [--force]: a project put on a
// PostgreSQL/PostGIS server for a province team (io/pg_publish.h). Without PROJECT.gpkg, the demo.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/pg_address.h"
#include "io/pg_publish.h"
#include "io/project_file.h"

namespace gapmap::cli {

int runPublish(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--to", "--schema"}, {"--force"});
    if (args.help) { std::fputs(tr("publish.help").c_str(), stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError(tr("publish.error.one_project"));
    if (args.values("--to").size() != 1) throw UsageError(tr("publish.error.needs_to"));
    ServerAddress to = parseServerAddress(args.value("--to"));
    if (!args.value("--schema").empty()) to = to.withSchema(args.value("--schema"));
    const std::string source = args.positional.empty() ? std::string("synthetic demo") : args.positional[0];
    if (!args.positional.empty() && isServerProject(source)) throw UsageError(tr("publish.error.source_is_server", {source}));
    const Project project = args.positional.empty() ? buildDemoProject() : readProject(source);
    const PublishResult result = publishProject(project, source, to, args.has("--force"));
    std::printf("%s\n", tr("publish.done", {source, to.display(), to.schema}).c_str());
    for (const auto& [table, rows] : result.rows) std::printf("  %-22s %s\n", table.c_str(), formatLocaleNumber(double(rows)).c_str());
    std::printf("%s\n", tr("publish.roles").c_str());
    return kOk;
}

}  // namespace gapmap::cli
