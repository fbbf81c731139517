// gapmap report --priorities / --summary: the coverage analysis (core/coverage.h) as the ranked
// priority list or the per-area summary, in text, CSV, JSON, XLSX or GeoPackage.
#include <algorithm>
#include <cstdio>

#include "cli/cli_common.h"
#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/table_export.h"

namespace gapmap::cli {

std::optional<double> radiusOption(const Args& args) {
    if (args.value("--radius-km").empty()) return std::nullopt;
    const auto radius = parseReal(args.value("--radius-km"));
    if (!radius || *radius <= 0) throw UsageError(tr("report.error.bad_radius"));
    return radius;
}

namespace {

// The priority list as CSV, made 4,096 rows at a time: the whole list as cells (100,000 villages,
// 14 cells each) was most of `report --priorities`' memory.
std::string priorityCsv(const Project& project, const CoverageResult& result, std::size_t top) {
    const std::size_t count = top == 0 ? result.priority.size() : std::min(top, result.priority.size());
    constexpr std::size_t kSlice = 4096;
    std::string out = formatCsvHeader(priorityTable(project, result, 0, result.priority.size()));
    for (std::size_t first = 0; first < count; first += kSlice) {
        appendCsvRows(priorityTable(project, result, std::min(count, first + kSlice), first), out);
        // After the first slice, room for the whole text at its bytes per row (+5 %): growing a
        // 20 MB string by doubling held the old and the new buffer at once.
        if (first == 0 && count > kSlice) out.reserve(out.size() / kSlice * count * 21 / 20);
    }
    return out;
}

}  // namespace

int runCoverageReport(const Args& args) {
    const bool summary = args.has("--summary");
    if (summary && args.has("--priorities")) throw UsageError(tr("report.error.priorities_or_summary"));
    if (!args.value("--table").empty()) throw UsageError(tr("report.error.table_with_coverage"));
    const std::string format = args.value("--format", summary ? "csv" : "text");
    if (format != "text" && format != "csv" && format != "json" && format != "xlsx" && format != "gpkg")
        throw UsageError(tr("report.error.bad_coverage_format", {format}));
    if (summary && format == "text") throw UsageError(tr("report.error.summary_text"));
    const std::string out = args.value("--out");
    if ((format == "xlsx" || format == "gpkg") && (out.empty() || out == "-")) throw UsageError(tr("report.error.needs_out", {format}));
    std::size_t top = 0;
    if (!args.value("--top").empty()) {
        if (summary) throw UsageError(tr("report.error.top_needs_priorities"));
        const auto n = parseInteger(args.value("--top"));
        if (!n || *n < 0) throw UsageError(tr("report.error.bad_top"));
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
        const std::string villages = formatLocaleNumber(double(tables.front().rows.size()));
        const std::string communes = formatLocaleNumber(double(result.communes.size()));
        const std::string message = project.synthetic() ? tr("report.wrote_synthetic", {out, villages, communes})
                                                        : tr("report.wrote", {out, villages, communes});
        std::printf("%s\n", message.c_str());
        return kOk;
    }
    const std::string text = summary ? (format == "json" ? formatSummaryJson(project, result) : formatSummaryCsv(project, result))
                           : format == "json" ? formatPrioritiesJson(project, result, top)
                           : format == "csv"  ? priorityCsv(project, result, top)
                                              : formatPrioritiesText(project, result, top);
    if (out.empty() || out == "-") writeOutput(text, "");
    else writeTextFile(out, text);
    return kOk;
}

}  // namespace gapmap::cli
