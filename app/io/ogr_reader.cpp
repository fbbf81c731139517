#include "io/ogr_reader.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cctype>
#include <filesystem>
#include <optional>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/legacy_encoding.h"
#include "io/gdal_session.h"
#include "io/source_path.h"
#include "io/unicode.h"

namespace gapmap {

struct Reprojector::Impl {
    std::unique_ptr<OGRCoordinateTransformation> transform;  // null: already EPSG:4326
};

Reprojector::Reprojector() : impl_(std::make_unique<Impl>()) {}
Reprojector::~Reprojector() = default;
Reprojector::Reprojector(Reprojector&&) noexcept = default;
Reprojector& Reprojector::operator=(Reprojector&&) noexcept = default;

bool Reprojector::identity() const { return !impl_->transform; }

std::optional<LonLat> Reprojector::apply(double x, double y) const {
    if (impl_->transform && !impl_->transform->Transform(1, &x, &y)) return std::nullopt;
    return LonLat{x, y};
}

struct OgrReaderAccess {
    static OGRSpatialReference wgs84() {
        OGRSpatialReference srs;
        srs.importFromEPSG(4326);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // x = lon, y = lat
        return srs;
    }

    // Throws InputError (message without the file name; the caller adds it).
    static Reprojector make(const OGRSpatialReference& source) {
        Reprojector r;
        OGRSpatialReference dst = wgs84();
        if (source.IsSame(&dst)) return r;
        OGRSpatialReference src(source);
        src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        r.impl_->transform.reset(OGRCreateCoordinateTransformation(&src, &dst));
        if (!r.impl_->transform)
            throw InputError(tr("import.error.crs_not_transformable", {CPLGetLastErrorMsg()}));
        return r;
    }

    static OGRCoordinateTransformation* transform(const Reprojector& r) { return r.impl_->transform.get(); }
};

Reprojector Reprojector::fromUserCrs(const std::string& userCrs) {
    GdalSession::ensure();
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(userCrs.c_str()) != OGRERR_NONE)
        throw UsageError(tr("import.error.unknown_crs", {userCrs}));
    return OgrReaderAccess::make(srs);
}

std::string SourceTable::where(int index) const {
    if (driver == "CSV") return tr("import.where.line", {path, std::to_string(index + rowOffset)});  // line 1 is the header
    if ((driver == "XLSX" || driver == "ODS") && !sheet.empty())
        return tr("flow.where.sheet_row", {path, sheet, std::to_string(index + rowOffset)});
    if (driver == "XLSX" || driver == "ODS") return tr("import.where.row", {path, std::to_string(index + rowOffset)});
    return tr("import.where.feature", {path, std::to_string(index)});
}

int SourceTable::rowNumber(int index) const {
    return driver == "CSV" || driver == "XLSX" || driver == "ODS" ? index + rowOffset : index;
}

namespace {

MultiPolygon toMultiPolygon(const OGRGeometry& geometry) {
    MultiPolygon out;
    auto addPolygon = [&out](const OGRPolygon& poly) {
        Polygon p;
        for (const OGRLinearRing* ring : poly) {
            Ring r;
            r.reserve(ring->getNumPoints());
            for (const OGRPoint& pt : *ring) r.push_back(LonLat{pt.getX(), pt.getY()});
            p.rings.push_back(std::move(r));
        }
        out.push_back(std::move(p));
    };
    const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPolygon) addPolygon(*geometry.toPolygon());
    else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (const OGRGeometry* part : *geometry.toGeometryCollection()) {
            const OGRwkbGeometryType pt = wkbFlatten(part->getGeometryType());
            if (pt == wkbPolygon || pt == wkbMultiPolygon) {
                MultiPolygon sub = toMultiPolygon(*part);
                out.insert(out.end(), sub.begin(), sub.end());
            }
        }
    }
    return out;
}

// Whether a polygon ring ends away from its first point (GeoJSON and KML writers that forget to
// repeat it). closeRings() then closes it, and the import summary says so.
bool hasOpenRing(const OGRGeometry& geometry) {
    const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPolygon) {
        for (const OGRLinearRing* ring : *geometry.toPolygon())
            if (ring->getNumPoints() > 0 && !ring->get_IsClosed()) return true;
        return false;
    }
    if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (const OGRGeometry* part : *geometry.toGeometryCollection())
            if (hasOpenRing(*part)) return true;
    }
    return false;
}

// A shapefile is three or four files; GDAL's own messages for a missing one are cryptic.
// The sibling with extension `ext` (either case), or "" when there is none. VSIStatL so that the
// parts of a shapefile inside an archive (/vsizip/…) are found too.
std::string sibling(const std::string& path, const std::string& ext) {
    for (const std::string& e : {ext, [&] { std::string u = ext; for (char& c : u) c = char(std::toupper(c)); return u; }()}) {
        const std::string p = std::string(CPLResetExtension(path.c_str(), e.c_str() + 1));
        VSIStatBufL st;
        if (VSIStatL(p.c_str(), &st) == 0) return p;
    }
    return "";
}

// The first line of a small text file (a .cpg), "" when unreadable.
std::string firstLineOf(const std::string& path) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return "";
    char buffer[128] = {};
    const size_t n = VSIFReadL(buffer, 1, sizeof buffer - 1, f);
    VSIFCloseL(f);
    std::string line(buffer, n);
    line = line.substr(0, line.find_first_of("\r\n"));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Sets a GDAL configuration option for this thread while in scope.
class ScopedConfig {
public:
    ScopedConfig(const char* key, const char* value) : key_(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) old_ = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(key_, old_ ? old_->c_str() : nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;
private:
    const char* key_;
    std::optional<std::string> old_;
};

// Detects the encoding of every text of the table together and converts it to UTF-8 NFC.
// `hint`: the encoding a .cpg names. It is taken unless another reading makes more words
// Vietnamese (a .cpg copied from another file, or written by a tool that did not re-encode).
void convertTableText(SourceTable& table, const ReadOptions& options, std::optional<TextEncoding> hint) {
    std::vector<std::string> texts = table.fields;
    for (const SourceRow& row : table.rows)
        for (const auto& v : row.values)
            if (v) texts.push_back(*v);
    EncodingGuess guess;
    if (options.encoding.empty()) {
        guess = detectEncoding(texts);
        if (hint && *hint != TextEncoding::Utf8) {
            const EncodingGuess hinted = detectEncoding(texts, *hint);
            if (hinted.words > 0 && hinted.vietnameseWords >= guess.vietnameseWords) guess = hinted;
            else if (hinted.words > 0 && guess.encoding != *hint) table.codePageOverruled = std::string(encodingName(*hint));
        } else if (hint && guess.converts() && guess.encoding != TextEncoding::Utf8) {
            table.codePageOverruled = std::string(encodingName(*hint));  // a UTF-8 .cpg on TCVN3/VNI/CP1258 bytes
        }
    } else {
        const std::optional<TextEncoding> given = encodingFromName(options.encoding);
        if (!given) throw UsageError(tr("import.error.unknown_encoding", {options.encoding}));
        guess = detectEncoding(texts, *given);
    }
    auto convert = [&guess](const std::string& text) {
        return toNfc(guess.converts() ? gapmap::convertText(text, guess) : isValidUtf8(text) ? text : decodeText(text, TextEncoding::Utf8));
    };
    for (std::string& f : table.fields) f = convert(f);
    for (SourceRow& row : table.rows)
        for (auto& v : row.values)
            if (v) *v = convert(*v);
    if (guess.converts()) {
        table.convertedFrom = encodingName(guess.encoding);
        table.convertedThroughCp1252 = guess.throughCp1252;
    }
}

bool inRange(LonLat p) { return p.lonDeg >= -180 && p.lonDeg <= 180 && p.latDeg >= -90 && p.latDeg <= 90; }

// Reprojects, repairs and converts one feature's geometry into the row.
void convertGeometry(OGRGeometry* geometry, const Reprojector& reprojector, SourceRow& row) {
    if (!geometry || geometry->IsEmpty()) return;
    row.geometryType = OGRGeometryTypeToName(wkbFlatten(geometry->getGeometryType()));
    if (!reprojector.identity() && geometry->transform(OgrReaderAccess::transform(reprojector)) != OGRERR_NONE) {
        row.geometryProblem = tr("import.geometry.not_transformable");
        return;
    }
    OGREnvelope env;
    geometry->getEnvelope(&env);
    if (!inRange({env.MinX, env.MinY}) || !inRange({env.MaxX, env.MaxY})) {
        row.geometryProblem = tr("import.geometry.out_of_range");
        return;
    }
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    if (type == wkbPoint) {
        const OGRPoint* p = geometry->toPoint();
        row.point = LonLat{p->getX(), p->getY()};
        return;
    }
    if (type == wkbMultiPoint && geometry->toMultiPoint()->getNumGeometries() == 1) {
        const OGRPoint* p = geometry->toMultiPoint()->getGeometryRef(0);
        row.point = LonLat{p->getX(), p->getY()};
        return;
    }
    if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbGeometryCollection) {
        row.ringsClosed = hasOpenRing(*geometry);
        geometry->closeRings();
        std::unique_ptr<OGRGeometry> fixed;
        if (!geometry->IsValid()) {
            fixed.reset(geometry->MakeValid());
            if (!fixed) {
                row.geometryProblem = tr("import.geometry.unrepairable");
                return;
            }
            row.repaired = true;
            geometry = fixed.get();
        }
        row.area = toMultiPolygon(*geometry);
        if (row.area->empty()) {
            row.area.reset();
            row.geometryProblem = tr("import.geometry.empty_after_repair");
            return;
        }
        // A point guaranteed inside the polygon, for labels and for joining to communes.
        std::unique_ptr<OGRGeometry> inside(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(geometry))));
        if (inside && wkbFlatten(inside->getGeometryType()) == wkbPoint)
            row.point = LonLat{inside->toPoint()->getX(), inside->toPoint()->getY()};
        return;
    }
    row.geometryProblem = tr("import.geometry.unsupported", {OGRGeometryTypeToName(type)});
}

OGRLayer* pickLayer(GDALDataset& ds, const ReadOptions& options, const std::string& path) {
    if (!options.layer.empty()) {
        OGRLayer* layer = ds.GetLayerByName(options.layer.c_str());
        if (!layer) throw InputError(tr("import.error.no_layer_named", {path, options.layer}));
        return layer;
    }
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        if (ds.GetLayer(i)->GetFeatureCount() != 0) return ds.GetLayer(i);
    if (ds.GetLayerCount() == 0) throw InputError(tr("import.error.no_layer", {path}));
    return ds.GetLayer(0);
}

}  // namespace

std::vector<DecimalMark> columnDecimalMarks(const SourceTable& table) {
    std::vector<DecimalMark> marks(table.fields.size(), DecimalMark::Unknown);
    for (const SourceRow& row : table.rows)
        for (size_t f = 0; f < marks.size() && f < row.values.size(); ++f)
            if (row.values[f]) marks[f] = combineMarks(marks[f], decimalMarkOf(*row.values[f]));
    return marks;
}

SourceTable readSource(const std::string& userPath, const ReadOptions& givenOptions) {
    GdalSession::ensure();
    const ResolvedSource source = resolveSource(userPath, givenOptions.layer);
    const std::string& path = source.shown;  // how messages name the source
    const std::string& gdalPath = source.gdalPath;
    ReadOptions options = givenOptions;

    const std::string ext = lowerExtension(gdalPath);
    if (ext == ".shp") {
        if (sibling(gdalPath, ".shx").empty()) throw InputError(tr("import.error.shp_no_shx", {path}));
        if (sibling(gdalPath, ".dbf").empty()) throw InputError(tr("import.error.shp_no_dbf", {path}));
    }
    // Shapefile text as the raw bytes of the .dbf, converted by gapmap: GDAL would read a file
    // without a .cpg as Latin-1 (TCVN3 and VNI could no longer be told apart), and converts CP1258
    // through iconv, which drops the last letter of every text (glibc holds it back for a tone mark
    // that may follow). A .cpg naming UTF-8 or CP1258 is a hint for the detector; one naming another
    // code page (1252, 874 …) is left to GDAL.
    const bool shapefile = ext == ".shp" || ext == ".dbf";
    const std::string cpgPath = shapefile ? sibling(gdalPath, ".cpg") : "";
    const std::string codePage = cpgPath.empty() ? "" : firstLineOf(cpgPath);
    const std::optional<TextEncoding> hint = encodingFromCodePageFile(codePage);
    const bool rawBytes = shapefile && (!options.encoding.empty() || cpgPath.empty() || (hint && *hint != TextEncoding::Utf8));
    ScopedConfig shapeEncoding("SHAPE_ENCODING", rawBytes ? "" : nullptr);

    // Read every attribute as text: numbers typed the Vietnamese way ("1.234,5") and
    // dates as dd/mm/yyyy are parsed by gapmap, which can then name the row and column.
    const char* openOptions[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", nullptr};
    CPLErrorReset();
    GdalErrorCapture capture;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gdalPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                      nullptr, openOptions, nullptr));
    if (!ds) {
        const std::string why = capture.firstError();
        if (const std::string known = knownGdalProblem(why); !known.empty())
            throw InputError(tr("import.error.unreadable_known", {path, known, plainGdalDetail(why)}));
        // GDAL's own reason is in English: GDAL has no Vietnamese messages.
        throw InputError(why.empty() ? tr("import.error.unknown_format", {path}) : tr("import.error.unreadable", {path, plainGdalDetail(why)}));
    }
    // --layer chose one source of an archive; inside it, the layer of that name if there is one.
    if (source.layerChoseSource && !ds->GetLayerByName(options.layer.c_str())) options.layer.clear();
    SourceTable table;
    table.path = path;
    table.codePageFile = codePage;
    table.driver = ds->GetDriver()->GetDescription();
    table.swapLonLat = options.swapLonLat;
    OGRLayer* layer = pickLayer(*ds, options, path);
    table.layer = layer->GetName();
    if (!options.where.empty() && layer->SetAttributeFilter(options.where.c_str()) != OGRERR_NONE)
        throw UsageError("--where " + options.where + ": " + plainGdalDetail(capture.firstError()));
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) table.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());
    table.hasGeometryColumn = defn->GetGeomFieldCount() > 0 && layer->GetGeomType() != wkbNone;

    const OGRSpatialReference* layerSrs = layer->GetSpatialRef();
    // TopoJSON carries no CRS but is longitude/latitude by convention, as GeoJSON is.
    OGRSpatialReference topoJsonSrs;
    if (!layerSrs && table.driver == "TopoJSON") {
        topoJsonSrs = OgrReaderAccess::wgs84();
        layerSrs = &topoJsonSrs;
    }
    if (!options.crs.empty()) {
        table.lonLatColumns = Reprojector::fromUserCrs(options.crs);
        table.crsName = options.crs;
    } else if (layerSrs) {
        try {
            table.lonLatColumns = OgrReaderAccess::make(*layerSrs);
        } catch (const InputError& e) {
            if (layerSrs->IsLocal()) throw InputError(tr("import.error.local_crs", {path}));
            throw InputError(path + ": " + e.what());
        }
        capture.clear();
        const char* name = layerSrs->GetName();
        table.crsName = name ? name : "";
    }
    // lon/lat columns in CSV/XLSX default to EPSG:4326; geometry without a CRS is ambiguous.

    if (const std::string early = capture.firstError(); !early.empty()) {
        const std::string known = knownGdalProblem(early);
        throw InputError(known.empty() ? tr("import.error.unreadable", {path, plainGdalDetail(early)})
                                       : tr("import.error.unreadable_known", {path, known, plainGdalDetail(early)}));
    }
    int index = 0;
    for (auto& feature : *layer) {
        SourceRow row;
        row.index = ++index;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (!feature->IsFieldSetAndNotNull(i)) { row.values.emplace_back(); continue; }
            row.values.emplace_back(feature->GetFieldAsString(i));  // converted below, all rows together
        }
        OGRGeometry* geometry = feature->GetGeometryRef();
        if (geometry && !geometry->IsEmpty() && !layerSrs && options.crs.empty()) {
            if (table.driver == "ESRI Shapefile" && sibling(gdalPath, ".prj").empty())
                throw InputError(tr("import.error.shp_no_prj", {path}));
            throw InputError(tr("import.error.no_crs", {path}));
        }
        convertGeometry(geometry, table.lonLatColumns, row);
        // An error GDAL, GEOS or SFCGAL raised for this feature (a ring of 3 points, a 3-D surface):
        // the row's problem, told plainly, and the next feature read afresh.
        if (const std::string err = capture.firstError(); !err.empty()) {
            const std::string known = knownGdalProblem(err);
            row.area.reset();
            row.point.reset();
            row.geometryProblem = known.empty() ? tr("import.geometry.gdal_error", {plainGdalDetail(err)}) : known;
            capture.clear();
        }
        table.rows.push_back(std::move(row));
    }
    const std::string late = capture.firstError();
    if (!late.empty()) {
        const std::string known = knownGdalProblem(late);
        throw InputError(tr("import.error.read_stopped", {path, known.empty() ? plainGdalDetail(late) : known, formatLocaleNumber(index)}));
    }
    convertTableText(table, options, rawBytes ? hint : std::nullopt);
    if (table.driver == "XLSX" || table.driver == "ODS") {
        // GDAL names the fields Field1, Field2 … when the first row is not a header.
        bool generated = !table.fields.empty();
        for (size_t i = 0; i < table.fields.size(); ++i) generated = generated && table.fields[i] == "Field" + std::to_string(i + 1);
        if (generated) table.rowOffset = 0;
    }
    if (table.rows.empty() && !options.allowEmpty)
        throw InputError(options.where.empty() ? tr("import.error.empty_layer", {path, table.layer})
                                               : tr("import.error.empty_layer_where", {path, table.layer}));
    return table;
}

}  // namespace gapmap
