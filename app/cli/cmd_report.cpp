// gapmap report [PROJECT.gpkg] [--format text|csv|json] [--table ...] [--out FILE]
// (--priorities and --summary: cmd_priorities.cpp)
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/report.h"
#include "io/demo_data.h"
#include "io/project_file.h"

namespace gapmap::cli {
namespace {

const char* kHelp =
    "usage: gapmap report [PROJECT.gpkg] [--format text|csv|json] [--table areas|indicators|uncovered]\n"
    "                     [--radius-km R] [--out FILE]\n"
    "       gapmap report [PROJECT.gpkg] --priorities [--top N] [--format text|csv|json|xlsx|gpkg] [--out FILE]\n"
    "       gapmap report [PROJECT.gpkg] --summary [--format csv|json|xlsx|gpkg] [--out FILE]\n"
    "\n"
    "Province totals against targets; per district and commune the villages, especially difficult villages,\n"
    "villages with a communication team, with a club (in the village or commune-wide), with an active\n"
    "Trusted Address within R km (default 10), without grid electricity, without mobile signal (none or 2G)\n"
    "and without internet; and the especially difficult villages without a team.\n"
    "Without PROJECT.gpkg: the embedded synthetic demo province.\n"
    "--format csv writes one table: areas (default), indicators or uncovered. Trusted Addresses appear only\n"
    "as counts, never as locations.\n"
    "\n"
    "--priorities: the villages with a gap, ranked by score (the weighted sum of their gaps, weights from the\n"
    "project's settings), each with its gaps and reasons; --top N keeps the first N (default: all).\n"
    "--summary: per province, district and commune the counts and shares of villages and of people reached.\n"
    "--format xlsx or gpkg (both need --out) writes the priority list and the summaries as sheets or as\n"
    "GeoPackage layers (EPSG:4326) for QGIS. Coverage rules and weights: README, \"Coverage and priorities\".\n"
    "R (--radius-km) defaults to the project's coverage.ta_radius_km, else 10.\n";

}  // namespace

int runReport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format", "--table", "--out", "--radius-km", "--top"}, {"--priorities", "--summary"});
    if (args.help) { std::fputs(kHelp, stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError("report takes at most one PROJECT.gpkg");
    if (args.has("--priorities") || args.has("--summary")) return runCoverageReport(args);
    if (!args.value("--top").empty()) throw UsageError("--top goes with --priorities");
    const std::string format = args.value("--format", "text");
    const std::string table = args.value("--table", "areas");
    if (format != "text" && format != "csv" && format != "json") throw UsageError("--format " + format + ": use text, csv or json");
    if (table != "areas" && table != "indicators" && table != "uncovered") throw UsageError("--table " + table + ": use areas, indicators or uncovered");
    const std::optional<double> radius = radiusOption(args);

    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0]);
    const Report report = buildReport(project, radius);
    const std::string text = format == "json" ? formatReportJson(report)
                           : format == "csv"  ? formatReportCsv(report, table)
                                              : formatReportText(report);
    writeOutput(text, args.value("--out"));
    return kOk;
}

}  // namespace gapmap::cli
