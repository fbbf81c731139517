// gapmap export-report [PROJECT.gpkg] --out report.pdf [--per-district] [--top N] [--radius-km R]:
// the printable PDF report (io/pdf_report.h). Without PROJECT: the embedded demo, as `gapmap report`.
#include <cstdio>
#include <optional>

#include "cli/cli_common.h"
#include "cli/progress_bar.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/demo_data.h"
#include "io/pdf_report.h"
#include "io/project_file.h"

namespace gapmap::cli {

int runExportReport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--out", "--top", "--radius-km"}, {"--per-district"});
    if (args.help) { std::fputs(tr("export_report.help").c_str(), stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError(tr("export_report.error.too_many_files"));
    const std::string out = args.value("--out");
    if (out.empty() || out == "-") throw UsageError(tr("export_report.error.needs_out"));
    PdfReportOptions options;
    options.perDistrict = args.has("--per-district");
    options.radiusKm = radiusOption(args);
    if (!args.value("--top").empty()) {
        const auto n = parseInteger(args.value("--top"));
        if (!n || *n < 1) throw UsageError(tr("export_report.error.bad_top"));
        options.topPriorities = static_cast<std::size_t>(*n);
    }
    std::optional<TerminalProgress> progress(std::in_place);  // a bar on stderr while the report is made (terminals only)
    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0]);
    const PdfReportSummary summary = writePdfReport(project, out, options);
    progress.reset();  // the bar is gone before the summary line
    const std::string pages = std::to_string(summary.pages);
    std::printf("%s\n", (project.synthetic() ? tr("export_report.wrote_synthetic", {out, pages})
                                             : tr("export_report.wrote", {out, pages})).c_str());
    return kOk;
}

}  // namespace gapmap::cli
