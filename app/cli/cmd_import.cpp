// gapmap import PROJECT.gpkg --as TABLE FILE [options], or without --as: whole workbooks, one or
// several files in one transaction (io/returns_import.h), --update merging rows by key.
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/legacy_encoding.h"
#include "io/column_map.h"
#include "io/importer.h"
#include "io/returns_import.h"
#include "io/unicode.h"

namespace gapmap::cli {

int runImport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--as", "--layer", "--crs", "--where", "--map", "--mapping", "--level", "--encoding", "--province"}, {"--skip-invalid", "--swap-lonlat", "--partial", "--allow-empty", "--update"});
    // The catalogue trims a text's leading blanks: the first option of each part is indented here.
    if (args.help) { std::fputs((tr("import.help") + "  " + tr("import.help.bad_input") + "  " + tr("import.help.safety") + tr("flow.import.help")).c_str(), stdout); return kOk; }
    if (args.value("--as").empty() && args.positional.size() >= 2) {
        // Whole workbooks: the options that choose one layer or map one table's columns do not apply.
        for (const char* option : {"--layer", "--crs", "--where", "--map", "--mapping", "--level", "--encoding", "--province"})
            if (!args.values(option).empty()) throw UsageError(tr("flow.import.error.option_needs_as", {option}));
        for (const char* flag : {"--skip-invalid", "--swap-lonlat", "--partial", "--allow-empty"})
            if (args.has(flag)) throw UsageError(tr("flow.import.error.option_needs_as", {flag}));
        const std::vector<std::string> files(args.positional.begin() + 1, args.positional.end());
        std::fputs(formatReturnsResult(importReturns(args.positional[0], files, args.has("--update"))).c_str(), stdout);
        return kOk;
    }
    if (args.positional.size() != 2) throw UsageError(tr("import.error.needs_files"));
    if (args.value("--as").empty()) throw UsageError(tr("import.error.needs_table"));
    ImportRequest request;
    request.table = args.value("--as");
    importTable(request.table);  // refused before the project is read
    request.file = args.positional[1];
    request.read.layer = args.value("--layer");
    request.read.crs = args.value("--crs");
    request.read.where = args.value("--where");
    request.read.encoding = args.value("--encoding");
    if (!request.read.encoding.empty() && !encodingFromName(request.read.encoding))
        throw UsageError(tr("import.error.unknown_encoding", {request.read.encoding}));
    request.read.swapLonLat = args.has("--swap-lonlat");
    request.level = args.value("--level");
    request.province = toNfc(args.value("--province"));
    request.skipInvalid = args.has("--skip-invalid");
    request.partial = args.has("--partial");
    request.allowEmpty = args.has("--allow-empty");
    MergeLedger ledger;
    if (args.has("--update")) request.merge = &ledger;
    if (!args.value("--mapping").empty()) request.columnMap = readMappingFile(args.value("--mapping"));
    for (const std::string& m : args.values("--map")) {
        auto [column, source] = parseMapOption(m);
        request.columnMap[column] = source;
    }
    const ImportResult result = importFile(args.positional[0], request);
    std::fputs(formatImportResult(result).c_str(), stdout);
    return kOk;
}

}  // namespace gapmap::cli
