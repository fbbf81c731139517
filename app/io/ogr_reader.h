// Reads one layer of any vector source GDAL/OGR understands into plain rows of text,
// with geometry reprojected to EPSG:4326 (x = lon) and invalid polygons repaired.
// GDAL types stay inside io/ogr_reader.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/parse.h"

namespace gapmap {

struct SourceRow {
    int index = 0;                                    // 1-based record number
    std::vector<std::optional<std::string>> values;  // one per field, UTF-8 NFC; nullopt = null
    std::optional<MultiPolygon> area;                 // polygon geometry, EPSG:4326
    std::optional<LonLat> point;                      // point geometry, EPSG:4326
    std::string geometryProblem;                      // why the geometry could not be used
    std::string geometryType;                         // OGR's flat type name ("Point", "LineString" …), "" without geometry
    bool repaired = false;                            // an invalid polygon was made valid
    bool ringsClosed = false;                         // a ring whose last point was not its first was closed
};

// Turns x/y in the source's CRS into EPSG:4326 lon/lat.
class Reprojector {
public:
    Reprojector();  // identity (EPSG:4326)
    ~Reprojector();
    Reprojector(Reprojector&&) noexcept;
    Reprojector& operator=(Reprojector&&) noexcept;
    // userCrs: anything PROJ knows ("EPSG:9205", a WKT, a PROJ string). Throws UsageError.
    static Reprojector fromUserCrs(const std::string& userCrs);
    std::optional<LonLat> apply(double x, double y) const;
    bool identity() const;
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend struct OgrReaderAccess;
};

struct SourceTable {
    std::string path;
    std::string driver;                 // GDAL driver short name, e.g. "GeoJSON"
    std::string layer;
    std::vector<std::string> fields;
    std::vector<SourceRow> rows;
    bool hasGeometryColumn = false;
    std::string crsName;                // of the source geometry, "" when it has none
    Reprojector lonLatColumns;          // for x/y columns in CSV/XLSX: the source's or --crs's CRS
    // Line (CSV) or spreadsheet row of record 1 minus 1: 1 when the first line is the header; 0 for a
    // spreadsheet GDAL found no header in (fields Field1, Field2 …), so that record N is row N.
    int rowOffset = 1;
    bool swapLonLat = false;            // --swap-lonlat: read the lon column as latitude and the lat column as longitude
    std::string convertedFrom;          // "TCVN3", "VNI", "CP1258", "UTF-8"; "" when the text was UTF-8 as it is
    std::string codePageFile;           // a shapefile's .cpg content ("CP1258", "ANSI 1258"), "" without one
    std::string codePageOverruled;      // the encoding the .cpg named when the text read better otherwise
    bool convertedThroughCp1252 = false;  // the text had been read as CP1252 and saved again (mojibake)
    std::vector<DecimalMark> decimalMarks;  // per field, how its numbers write decimals (core/parse.h)          // "TCVN3", "VNI", "UTF-8 (read as CP1252)" …; "" when the text was UTF-8
    // How a user finds row `index` in this file, in the user's language: "FILE: line 12" (CSV),
    // "FILE: row 12" (spreadsheets), "FILE: feature 12" (vi: dòng, hàng, đối tượng).
    std::string where(int index) const;
    // The line, spreadsheet row or feature number `where` names.
    int rowNumber(int index) const;
    // A workbook's sheet read as one of several (gapmap import of whole workbooks): `where` names it,
    // "FILE, sheet Thôn bản: row 12". Empty: the file is named alone.
    std::string sheet;
};

// Per field of `table`, the decimal mark its values show (for RowReader::real).
std::vector<DecimalMark> columnDecimalMarks(const SourceTable& table);

struct ReadOptions {
    std::string layer;   // empty: the first layer that has features
    std::string crs;     // for sources without one (or to override a wrong one)
    std::string where;   // OGR SQL attribute filter, e.g. "province_id = 301"
    bool swapLonLat = false;  // --swap-lonlat (lon/lat columns only; geometry is never swapped)
    std::string encoding;  // --encoding utf-8|cp1258|tcvn3|vni; "" = detect (core/legacy_encoding.h)
    bool allowEmpty = false;  // --allow-empty: a layer with a header and no rows is read, not refused
};

// Throws InputError with one line naming the file: missing, unreadable, unknown format,
// truncated, empty layer, no CRS where geometry needs one, a shapefile without its .shx, .dbf or .prj.
// `path` may be a .gdb folder or a .zip/.tar/.tar.gz/.7z archive of one vector source (io/source_path.h).
// Text is detected and converted to UTF-8 NFC (legacy Vietnamese encodings, mojibake); shapefiles
// are read as raw bytes and converted by gapmap, a .cpg naming a code page it knows (UTF-8, CP1258)
// taken as a hint its scoring checks; a .cpg naming another code page is left to GDAL.
// GDAL errors while reading a feature make that row's geometryProblem (plain words, no source paths).
SourceTable readSource(const std::string& path, const ReadOptions& options);

}  // namespace gapmap
