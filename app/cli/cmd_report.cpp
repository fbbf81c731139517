// gapmap report [PROJECT.gpkg] [--format text|csv|json] [--table ...] [--out FILE]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/parse.h"
#include "core/report.h"
#include "io/demo_data.h"
#include "io/project_file.h"

namespace gapmap::cli {
namespace {

const char* kHelp =
    "usage: gapmap report [PROJECT.gpkg] [--format text|csv|json] [--table areas|indicators|uncovered]\n"
    "                     [--radius-km R] [--out FILE]\n"
    "\n"
    "Province totals against targets; per district and commune the villages, especially difficult villages,\n"
    "villages with a communication team, with a club (in the village or commune-wide), with an active\n"
    "Trusted Address within R km (default 10), without grid electricity, without mobile signal (none or 2G)\n"
    "and without internet; and the especially difficult villages without a team.\n"
    "Without PROJECT.gpkg: the embedded synthetic demo province.\n"
    "--format csv writes one table: areas (default), indicators or uncovered. Trusted Addresses appear only\n"
    "as counts, never as locations.\n";

}  // namespace

int runReport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format", "--table", "--out", "--radius-km"}, {});
    if (args.help) { std::fputs(kHelp, stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError("report takes at most one PROJECT.gpkg");
    const std::string format = args.value("--format", "text");
    const std::string table = args.value("--table", "areas");
    if (format != "text" && format != "csv" && format != "json") throw UsageError("--format " + format + ": use text, csv or json");
    if (table != "areas" && table != "indicators" && table != "uncovered") throw UsageError("--table " + table + ": use areas, indicators or uncovered");
    const auto radius = parseReal(args.value("--radius-km", "10"));
    if (!radius || *radius <= 0) throw UsageError("--radius-km needs a positive number of kilometres");

    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0]);
    const Report report = buildReport(project, *radius);
    const std::string text = format == "json" ? formatReportJson(report)
                           : format == "csv"  ? formatReportCsv(report, table)
                                              : formatReportText(report);
    writeOutput(text, args.value("--out"));
    return kOk;
}

}  // namespace gapmap::cli
