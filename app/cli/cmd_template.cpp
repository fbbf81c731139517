// gapmap template PROJECT.gpkg --out FILE.xlsx [--district CODE | --commune CODE] [--tables LIST]:
// a collection workbook for one scope (io/collection_workbook.h).
#include <algorithm>
#include <cstdio>
#include <optional>

#include "cli/cli_common.h"
#include "cli/progress_bar.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/collection_workbook.h"
#include "io/project_file.h"

namespace gapmap::cli {

int runTemplate(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--out", "--district", "--commune", "--tables"}, {});
    if (args.help) { std::fputs(tr("flow.template.help").c_str(), stdout); return kOk; }
    if (args.positional.size() != 1) throw UsageError(tr("flow.template.error.needs_project"));
    if (args.value("--out").empty()) throw UsageError(tr("flow.template.error.needs_out"));
    CollectionScope scope{args.value("--district"), args.value("--commune")};
    if (!scope.districtCode.empty() && !scope.communeCode.empty()) throw UsageError(tr("flow.template.error.two_scopes"));
    const std::vector<std::string> tables = splitList(args.value("--tables"));
    std::optional<TerminalProgress> progress(std::in_place);  // terminals only
    progressSteps(2);
    progressStep(tr("progress.read_project"));
    const Project project = readProject(args.positional[0]);
    progressStep(tr("progress.write_file"));
    const WorkbookSummary summary = writeCollectionWorkbook(project, scope, tables, args.value("--out"));
    progress.reset();
    std::string out = tr("flow.template.written", {args.value("--out"), summary.scope}) + "\n";
    for (const auto& [sheet, rows] : summary.rows) out += "  " + tr("flow.guide.sheet_line", {sheet, formatLocaleNumber(double(rows))}) + "\n";
    std::fputs(out.c_str(), stdout);
    if (summary.sensitive) std::fprintf(stderr, "gapmap: %s\n", tr("flow.guide.sensitive").c_str());
    return kOk;
}

}  // namespace gapmap::cli
