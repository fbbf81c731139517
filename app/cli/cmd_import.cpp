// gapmap import PROJECT.gpkg --as TABLE FILE [options]
#include <cstdio>

#include "cli/cli_common.h"
#include "cli/import_options.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/importer.h"

namespace gapmap::cli {

int runImport(const std::vector<std::string>& argv) {
    std::set<std::string> options = kImportOptionsWithValue;
    options.insert("--as");
    const Args args = parseArgs(argv, options, kImportFlags);
    // The catalogue trims a text's leading blanks: the first option of each part is indented here.
    if (args.help) { std::fputs((tr("import.help") + "  " + tr("import.help.bad_input") + "  " + tr("import.help.safety")).c_str(), stdout); return kOk; }
    if (args.positional.size() != 2) throw UsageError(tr("import.error.needs_files"));
    if (args.value("--as").empty()) throw UsageError(tr("import.error.needs_table"));
    importTable(args.value("--as"));  // refused before the project is read
    const ImportRequest request = importRequestFrom(args, args.value("--as"), args.positional[1]);
    const ImportResult result = importFile(args.positional[0], request);
    std::fputs(formatImportResult(result).c_str(), stdout);
    return kOk;
}

}  // namespace gapmap::cli
