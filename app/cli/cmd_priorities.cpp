// gapmap report --priorities / --summary: the coverage analysis (core/coverage.h) as the ranked
// priority list or the per-area summary, in text, CSV, JSON, XLSX or GeoPackage.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/parse.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/table_export.h"

namespace gapmap::cli {

std::optional<double> radiusOption(const Args& args) {
    if (args.value("--radius-km").empty()) return std::nullopt;
    const auto radius = parseReal(args.value("--radius-km"));
    if (!radius || *radius <= 0) throw UsageError("--radius-km needs a positive number of kilometres");
    return radius;
}

int runCoverageReport(const Args& args) {
    const bool summary = args.has("--summary");
    if (summary && args.has("--priorities")) throw UsageError("--priorities and --summary: choose one");
    if (!args.value("--table").empty()) throw UsageError("--table does not go with --priorities or --summary");
    const std::string format = args.value("--format", summary ? "csv" : "text");
    if (format != "text" && format != "csv" && format != "json" && format != "xlsx" && format != "gpkg")
        throw UsageError("--format " + format + ": use text, csv, json, xlsx or gpkg");
    if (summary && format == "text") throw UsageError("--summary --format text: use csv, json, xlsx or gpkg");
    const std::string out = args.value("--out");
    if ((format == "xlsx" || format == "gpkg") && (out.empty() || out == "-")) throw UsageError("--format " + format + " needs --out FILE");
    std::size_t top = 0;
    if (!args.value("--top").empty()) {
        if (summary) throw UsageError("--top goes with --priorities");
        const auto n = parseInteger(args.value("--top"));
        if (!n || *n < 0) throw UsageError("--top needs a number of villages (0: all)");
        top = static_cast<std::size_t>(*n);
    }
    const std::optional<double> radius = radiusOption(args);

    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0]);
    CoverageRules rules = CoverageRules::fromProject(project);
    if (radius) rules.taRadiusKm = *radius;
    const CoverageResult result = analyseCoverage(project, rules);
    if (format == "xlsx" || format == "gpkg") {
        const std::vector<DataTable> tables = exportTables(project, result, top);
        if (format == "xlsx") writeXlsx(tables, out);
        else writeGeoPackage(tables, out);
        std::printf("wrote %s: %zu priority villages, %zu communes%s\n", out.c_str(), tables.front().rows.size(),
                    result.communes.size(), project.synthetic() ? " (SYNTHETIC demo data)" : "");
        return kOk;
    }
    const std::string text = summary ? (format == "json" ? formatSummaryJson(project, result) : formatSummaryCsv(project, result))
                           : format == "json" ? formatPrioritiesJson(project, result, top)
                           : format == "csv"  ? formatCsv(priorityTable(project, result, top))
                                              : formatPrioritiesText(project, result, top);
    if (out.empty() || out == "-") writeOutput(text, "");
    else writeTextFile(out, text);
    return kOk;
}

}  // namespace gapmap::cli
