// gapmap import PROJECT.gpkg --as TABLE FILE [options], or without --as: whole workbooks, one or
// several files in one transaction (io/returns_import.h), --update merging rows by key.
#include <cstdio>
#include <optional>

#include "cli/cli_common.h"
#include "cli/progress_bar.h"
#include "cli/import_options.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/import_merge.h"
#include "io/importer.h"
#include "io/returns_import.h"

namespace gapmap::cli {

int runImport(const std::vector<std::string>& argv) {
    std::set<std::string> options = kImportOptionsWithValue;
    options.insert("--as");
    std::set<std::string> flags = kImportFlags;
    flags.insert("--update");
    const Args args = parseArgs(argv, options, flags);
    // The catalogue trims a text's leading blanks: the first option of each part is indented here.
    if (args.help) { std::fputs((tr("import.help") + "  " + tr("import.help.bad_input") + "  " + tr("import.help.safety") + tr("flow.import.help")).c_str(), stdout); return kOk; }
    if (args.value("--as").empty() && args.positional.size() >= 2) {
        // Whole workbooks: the options that choose one layer or map one table's columns do not apply.
        for (const std::string& option : kImportOptionsWithValue)
            if (!args.values(option).empty()) throw UsageError(tr("flow.import.error.option_needs_as", {option}));
        for (const std::string& flag : kImportFlags)
            if (args.has(flag)) throw UsageError(tr("flow.import.error.option_needs_as", {flag}));
        const std::vector<std::string> files(args.positional.begin() + 1, args.positional.end());
        std::optional<TerminalProgress> progress(std::in_place);  // terminals only; the steps: io/returns_import.cpp
        const ReturnsResult result = importReturns(args.positional[0], files, args.has("--update"));
        progress.reset();
        std::fputs(formatReturnsResult(result).c_str(), stdout);
        return kOk;
    }
    if (args.positional.size() != 2) throw UsageError(tr("import.error.needs_files"));
    if (args.value("--as").empty()) throw UsageError(tr("import.error.needs_table"));
    importTable(args.value("--as"));  // refused before the project is read
    ImportRequest request = importRequestFrom(args, args.value("--as"), args.positional[1]);
    MergeLedger ledger;
    if (args.has("--update")) request.merge = &ledger;
    std::optional<TerminalProgress> progress(std::in_place);  // terminals only; the steps: io/importer.cpp importFile
    const ImportResult result = importFile(args.positional[0], request);
    progress.reset();
    std::fputs(formatImportResult(result).c_str(), stdout);
    return kOk;
}

}  // namespace gapmap::cli
