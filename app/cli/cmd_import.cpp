// gapmap import PROJECT.gpkg --as TABLE FILE [options]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/legacy_encoding.h"
#include "io/column_map.h"
#include "io/importer.h"
#include "io/unicode.h"

namespace gapmap::cli {

int runImport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--as", "--layer", "--crs", "--where", "--map", "--mapping", "--level", "--encoding", "--province"}, {"--skip-invalid", "--swap-lonlat", "--partial", "--allow-empty"});
    // The catalogue trims a text's leading blanks: the first option of each part is indented here.
    if (args.help) { std::fputs((tr("import.help") + "  " + tr("import.help.bad_input") + "  " + tr("import.help.safety")).c_str(), stdout); return kOk; }
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
