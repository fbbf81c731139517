// gapmap report [PROJECT.gpkg] [--format text|csv|json] [--table ...] [--as-of YEAR] [--out FILE]
// (--priorities and --summary: cmd_priorities.cpp)
#include <cstdio>
#include <optional>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "core/report.h"
#include "core/timeline.h"
#include "io/demo_data.h"
#include "io/project_file.h"

namespace gapmap::cli {
int runReport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--format", "--table", "--out", "--radius-km", "--top", "--as-of"}, {"--priorities", "--summary"});
    if (args.help) { std::fputs((tr("report.help") + tr("kpi.report.help_as_of")).c_str(), stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError(tr("report.error.too_many_files"));
    const std::string asOfText = args.value("--as-of");
    if (!asOfText.empty() && (args.has("--priorities") || args.has("--summary"))) throw UsageError(tr("kpi.report.as_of_alone"));
    if (args.has("--priorities") || args.has("--summary")) return runCoverageReport(args);
    if (!args.value("--top").empty()) throw UsageError(tr("report.error.top_needs_priorities"));
    const std::string format = args.value("--format", "text");
    const std::string table = args.value("--table", "areas");
    if (format != "text" && format != "csv" && format != "json") throw UsageError(tr("report.error.bad_format", {format}));
    if (table != "areas" && table != "indicators" && table != "uncovered" && table != "outcomes") throw UsageError(tr("report.error.bad_table", {table}));
    const std::optional<double> radius = radiusOption(args);

    std::optional<int> asOf;
    if (!asOfText.empty()) {
        const std::optional<long long> year = parseInteger(asOfText);
        if (!year || *year < 1900 || *year > 2200) throw UsageError(tr("kpi.report.bad_as_of", {asOfText}));
        asOf = int(*year);
    }

    // The report's figures and texts never use the communes' polygons (ProjectReadOptions::areas).
    const Project full = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0], {.areas = false});
    // "As of" figures, as leaders send them upward: the project at the end of that year.
    // Without --as-of the project read is used as it is: a copy was 20 MB of a national report's peak.
    std::optional<Project> yearEnd;
    if (asOf) yearEnd = projectAsOf(full, *asOf);
    const Project& project = yearEnd ? *yearEnd : full;
    Report report = buildReport(project, radius);
    report.asOfYear = asOf;
    // A migrated project's earlier years are shown on the new units: the report says so.
    const std::string reform = full.settingOr("reform_date", "");
    if (asOf && !full.crosswalk.empty() && !reform.empty() && std::to_string(*asOf) + "-12-31" < reform) {
        report.crosswalkReformDate = reform;
        report.migratedFrom = full.settingOr("migrated_from", "");
    }
    const std::string text = format == "json" ? formatReportJson(report)
                           : format == "csv"  ? formatReportCsv(report, table)
                                              : formatReportText(report);
    writeOutput(text, args.value("--out"));
    return kOk;
}

}  // namespace gapmap::cli
