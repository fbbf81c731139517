#include "cli/import_options.h"

#include "core/errors.h"
#include "core/i18n.h"
#include "core/legacy_encoding.h"
#include "io/column_map.h"
#include "io/unicode.h"

namespace gapmap::cli {

const std::set<std::string> kImportOptionsWithValue = {"--layer", "--crs", "--where", "--map", "--mapping", "--level", "--encoding", "--province"};
const std::set<std::string> kImportFlags = {"--skip-invalid", "--swap-lonlat", "--partial", "--allow-empty"};

ImportRequest importRequestFrom(const Args& args, const std::string& table, const std::string& file) {
    ImportRequest request;
    request.table = table;
    request.file = file;
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
    return request;
}

}  // namespace gapmap::cli
