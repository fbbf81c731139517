// gapmap import PROJECT.gpkg --as TABLE FILE [options]
#include <cstdio>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/schema.h"
#include "io/column_map.h"
#include "io/importer.h"

namespace gapmap::cli {
namespace {

const char* kHelp =
    "usage: gapmap import PROJECT.gpkg --as TABLE FILE [options]\n"
    "\n"
    "Reads FILE with GDAL (GeoJSON, TopoJSON, Shapefile, GeoPackage, KML, CSV, XLSX, …), reprojects it to\n"
    "EPSG:4326 and replaces TABLE in PROJECT.gpkg (created when absent). For admin_units only the levels in\n"
    "FILE are replaced. Rows join to communes and villages by code, or by name (tone marks, case, đ and\n"
    "prefixes such as \"Xã\", \"Thôn\", \"Bản\" ignored). Every row left out is listed with its reason.\n"
    "A failed import leaves PROJECT.gpkg exactly as it was.\n"
    "\n"
    "tables: admin_units villages communication_teams trusted_addresses clubs activities\n"
    "        commune_offices outcomes targets settings\n"
    "options:\n"
    "  --layer NAME          layer of a multi-layer source (default: the first with rows)\n"
    "  --crs CRS             CRS of a source without one, e.g. EPSG:9205 (VN-2000 / TM-3 103°30', Lai Châu);\n"
    "                        also the CRS of x/y columns in CSV/XLSX (default EPSG:4326 lon/lat)\n"
    "  --where CONDITION     only the rows matching an OGR SQL condition, e.g. \"province_id = 301\"\n"
    "  --map COLUMN=HEADER   take COLUMN from the source field HEADER (repeatable; COLUMN may be lon or lat)\n"
    "  --mapping FILE        a file of COLUMN=HEADER lines\n"
    "  --level LEVEL         admin_units: province, district or commune for rows without a level column\n"
    "  --skip-invalid        import the rows that parse and list the others, instead of failing\n";

}  // namespace

int runImport(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--as", "--layer", "--crs", "--where", "--map", "--mapping", "--level"}, {"--skip-invalid"});
    if (args.help) { std::fputs(kHelp, stdout); return kOk; }
    if (args.positional.size() != 2) throw UsageError("import needs PROJECT.gpkg and FILE");
    if (args.value("--as").empty()) throw UsageError("import needs --as TABLE");
    ImportRequest request;
    request.table = args.value("--as");
    if (!findTable(request.table)) throw UsageError("--as " + request.table + ": unknown table (see gapmap import --help)");
    request.file = args.positional[1];
    request.read.layer = args.value("--layer");
    request.read.crs = args.value("--crs");
    request.read.where = args.value("--where");
    request.level = args.value("--level");
    request.skipInvalid = args.has("--skip-invalid");
    if (!args.value("--mapping").empty()) request.columnMap = readMappingFile(args.value("--mapping"));
    for (const std::string& m : args.values("--map")) {
        const size_t eq = m.find('=');
        if (eq == std::string::npos || eq == 0) throw UsageError("--map " + m + ": expected COLUMN=HEADER");
        request.columnMap[m.substr(0, eq)] = m.substr(eq + 1);
    }
    const ImportResult result = importFile(args.positional[0], request);
    std::fputs(formatImportResult(result).c_str(), stdout);
    return kOk;
}

}  // namespace gapmap::cli
