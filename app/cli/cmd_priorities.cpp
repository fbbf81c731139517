// gapmap report --priorities / --summary: the coverage analysis (core/coverage.h) as the ranked
// priority list or the per-area summary, in text, CSV, JSON, XLSX or GeoPackage.
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

    // The communes' polygons only for the spatial export's summary layers; the figures never use them.
    const ProjectReadOptions read{.areas = format == "gpkg"};
    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0], read);
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
    if (!summary && (format == "csv" || format == "json")) {  // written as it is made, never held whole
        const auto writeList = format == "csv" ? writePrioritiesCsv : writePrioritiesJson;
        if (out.empty() || out == "-") {
            writeList(project, result, top, [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
        } else {
            TextFileOut file(out);
            writeList(project, result, top, [&file](std::string_view piece) { file.write(piece); });
            file.commit();
        }
        return kOk;
    }
    const std::string text = summary ? (format == "json" ? formatSummaryJson(project, result) : formatSummaryCsv(project, result))
                                     : formatPrioritiesText(project, result, top);
    if (out.empty() || out == "-") writeOutput(text, "");
    else writeTextFile(out, text);
    return kOk;
}

}  // namespace gapmap::cli
