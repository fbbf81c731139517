#include "io/project_file.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unordered_map>

#include "core/coverage.h"
#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "core/schema.h"
#include "core/village_marks.h"
#include "io/gdal_session.h"
#include "io/ogr_geometry.h"
#include "io/pg_address.h"
#include "io/pg_project.h"
#include "io/pg_sync.h"
#include "io/project_dataset.h"
#include "io/scene_cache.h"
#include "io/project_edits.h"
#include "io/qgis_styles.h"
#include "io/table_export.h"

namespace gapmap {
namespace {

using Feature = std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)>;

OGRFieldType fieldType(ColumnType type) {
    switch (type) {
        case ColumnType::Integer: return OFTInteger64;
        case ColumnType::Real: return OFTReal;
        case ColumnType::Bool: return OFTInteger;
        case ColumnType::Text:
        case ColumnType::Date: return OFTString;  // ISO yyyy-mm-dd text: lossless, sorts, QGIS reads it
    }
    return OFTString;
}

// Writes one row of a table: values by column name.
class RowOut {
public:
    RowOut(OGRLayer* layer) : layer_(layer), f_(OGRFeature::CreateFeature(layer->GetLayerDefn()), &OGRFeature::DestroyFeature) {}
    RowOut& set(const char* column, const std::string& v) { if (!v.empty()) f_->SetField(column, v.c_str()); return *this; }
    RowOut& set(const char* column, std::optional<int64_t> v) { if (v) f_->SetField(column, static_cast<GIntBig>(*v)); return *this; }
    RowOut& set(const char* column, int v) { f_->SetField(column, v); return *this; }
    RowOut& set(const char* column, bool v) { f_->SetField(column, v ? 1 : 0); return *this; }
    RowOut& set(const char* column, double v) { f_->SetField(column, v); return *this; }
    RowOut& point(const std::optional<LonLat>& p) {
        if (p) f_->SetGeometry(std::make_unique<OGRPoint>(p->lonDeg, p->latDeg).get());
        return *this;
    }
    RowOut& area(const MultiPolygon& mp) {
        if (!mp.empty()) f_->SetGeometryDirectly(toOgr(mp).release());
        return *this;
    }
    void write() {
        if (layer_->CreateFeature(f_.get()) != OGRERR_NONE)
            throw InputError(tr("project.error.cannot_write_table", {layer_->GetName(), CPLGetLastErrorMsg()}));
    }
private:
    OGRLayer* layer_;
    Feature f_;
};

// An OGR polygon or multipolygon as core rings (lon/lat); anything else, or nothing, is empty.
MultiPolygon multiPolygonOf(const OGRGeometry* g) {
    MultiPolygon out;
    if (!g || g->IsEmpty()) return out;
    auto add = [&out](const OGRPolygon& poly) {
        Polygon p;
        for (const OGRLinearRing* ring : poly) {
            Ring r;
            r.reserve(size_t(ring->getNumPoints()));
            for (const OGRPoint& pt : *ring) r.push_back({pt.getX(), pt.getY()});
            p.rings.push_back(std::move(r));
        }
        out.push_back(std::move(p));
    };
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon) add(*g->toPolygon());
    else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
        for (const OGRPolygon* p : *g->toMultiPolygon()) add(*p);
    return out;
}

// Reads one row by column name; absent columns read as empty.
class RowIn {
public:
    explicit RowIn(OGRFeature& f) : f_(f) {}
    std::string text(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        return i >= 0 && f_.IsFieldSetAndNotNull(i) ? f_.GetFieldAsString(i) : "";
    }
    std::optional<int64_t> integer(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return std::nullopt;
        return f_.GetFieldAsInteger64(i);
    }
    int count(const char* c) const { return static_cast<int>(integer(c).value_or(0)); }
    bool flag(const char* c, bool fallback = false) const { return integer(c).value_or(fallback ? 1 : 0) != 0; }
    double real(const char* c) const {
        const int i = f_.GetFieldIndex(c);
        return i >= 0 && f_.IsFieldSetAndNotNull(i) ? f_.GetFieldAsDouble(i) : 0.0;
    }
    std::optional<LonLat> point() const {
        const OGRGeometry* g = f_.GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) return std::nullopt;
        return LonLat{g->toPoint()->getX(), g->toPoint()->getY()};
    }
    MultiPolygon area() const { return multiPolygonOf(f_.GetGeometryRef()); }
private:
    OGRFeature& f_;
};

OGRLayer* createLayer(GDALDataset& ds, const TableSpec& spec, OGRSpatialReference& wgs84) {
    const OGRwkbGeometryType type = spec.geometry == GeometryKind::Point ? wkbPoint
                                  : spec.geometry == GeometryKind::MultiPolygon ? wkbMultiPolygon : wkbNone;
    const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer(spec.name.c_str(), type == wkbNone ? nullptr : &wgs84, type, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {spec.name, CPLGetLastErrorMsg()}));
    for (const ColumnSpec& c : spec.columns) {
        if (isJoinOnlyColumn(c)) continue;
        OGRFieldDefn field(c.name.c_str(), fieldType(c.type));
        if (c.type == ColumnType::Bool) field.SetSubType(OFSTBoolean);
        if (c.required) field.SetNullable(FALSE);
        layer->CreateField(&field);
    }
    return layer;
}

// `table_loads`: one row per table ever loaded (core/model.h TableLoad). A plain attribute table
// (no geometry) that QGIS and ogrinfo list like the others. Not a table of core/schema.h: nothing
// is imported into it.
OGRLayer* createLoadsLayer(GDALDataset& ds) {
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("table_loads", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"table_loads", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"table_name", OFTString}, {"source_file", OFTString}, {"loaded_at", OFTString}, {"rows", OFTInteger64},
                                     {"missing_columns", OFTString}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    return layer;
}

// `commune_crosswalk` (core/model.h CrosswalkRow): written only into a migrated project, as a plain
// attribute table QGIS and `ogr2ogr -f CSV` read.
void writeCrosswalk(GDALDataset& ds, const std::vector<CrosswalkRow>& rows) {
    if (rows.empty()) return;
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("commune_crosswalk", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"commune_crosswalk", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"old_code", OFTString}, {"old_name", OFTString}, {"new_code", OFTString},
                                     {"share_of_old_area", OFTReal}, {"share_of_new_area", OFTReal}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    for (const CrosswalkRow& r : rows)
        RowOut(layer).set("old_code", r.oldCode).set("old_name", r.oldName).set("new_code", r.newCode)
            .set("share_of_old_area", r.shareOfOldArea).set("share_of_new_area", r.shareOfNewArea).write();
}

// `row_sources`: where each imported row came from (core/model.h RowSource, core/provenance.h).
// A plain attribute table like table_loads; nothing is imported into it.
OGRLayer* createRowSourcesLayer(GDALDataset& ds) {
    const char* options[] = {"FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer("row_sources", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"row_sources", CPLGetLastErrorMsg()}));
    for (const auto& [name, type] : {std::pair{"table_name", OFTString}, {"row_key", OFTString}, {"source_file", OFTString},
                                     {"sheet", OFTString}, {"source_row", OFTInteger}, {"imported_at", OFTString}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    return layer;
}

// TableLoad::missingColumns as one readable text cell: "electricity,mobile,internet"; "" for none
// (a file written before the column reads as "every column given").
std::string joinColumns(const std::vector<std::string>& columns) {
    std::string out;
    for (const std::string& c : columns) out += (out.empty() ? "" : ",") + c;
    return out;
}


void writeTables(GDALDataset& ds, const Project& p) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    auto layer = [&](const char* name) { return createLayer(ds, *findTable(name), wgs84); };

    OGRLayer* l = layer("admin_units");
    for (const AdminUnit& u : p.adminUnits)
        RowOut(l).set("code", u.code).set("name", u.name).set("level", std::string(toString(u.level)))
            .set("parent_code", u.parentCode).set("kind", u.kind).set("population", u.population)
            .set("especially_difficult", u.especiallyDifficult).area(u.area).write();
    l = layer("villages");
    for (const Village& v : p.villages)
        RowOut(l).set("code", v.code).set("name", v.name).set("commune_code", v.communeCode)
            .set("population", v.population).set("households", v.households).set("ethnic_group", v.ethnicGroup)
            .set("especially_difficult", v.especiallyDifficult).set("electricity", std::string(toString(v.electricity)))
            .set("mobile", std::string(toString(v.mobile))).set("internet", v.internet).point(v.location).write();
    l = layer("communication_teams");
    for (const CommunicationTeam& t : p.teams)
        RowOut(l).set("village_code", t.villageCode).set("established", t.established).set("members", t.members)
            .set("women_members", t.womenMembers).set("channel", t.channel).write();
    l = layer("trusted_addresses");
    for (const TrustedAddress& a : p.trustedAddresses)
        RowOut(l).set("code", a.code).set("name", a.name).set("commune_code", a.communeCode).set("village_code", a.villageCode)
            .set("established", a.established).set("services", a.services).set("active", a.active).point(a.location).write();
    l = layer("clubs");
    for (const Club& c : p.clubs)
        RowOut(l).set("code", c.code).set("name", c.name).set("commune_code", c.communeCode).set("village_code", c.villageCode)
            .set("established", c.established).set("members", c.members).write();
    l = layer("activities");
    for (const Activity& a : p.activities)
        RowOut(l).set("date", a.date).set("commune_code", a.communeCode).set("kind", a.kind).set("sessions", a.sessions)
            .set("participants", a.participants).set("women_participants", a.womenParticipants).write();
    l = layer("commune_offices");
    for (const CommuneOffice& o : p.communeOffices)
        RowOut(l).set("commune_code", o.communeCode).set("computers", o.computers).set("internet", o.internet).write();
    l = layer("outcomes");
    for (const Outcome& o : p.outcomes)
        RowOut(l).set("village_code", o.villageCode).set("year", o.year).set("child_marriages", o.childMarriages)
            .set("consanguineous_marriages", o.consanguineousMarriages).write();
    l = layer("targets");
    for (const Target& t : p.targets) RowOut(l).set("indicator", t.indicator).set("year", t.year).set("value", t.value).write();
    l = layer("settings");
    for (const Setting& s : p.settings) RowOut(l).set("key", s.key).set("value", s.value).write();
    l = createLoadsLayer(ds);
    for (const TableLoad& t : p.loads)
        RowOut(l).set("table_name", t.table).set("source_file", t.sourceFile).set("loaded_at", t.loadedAt)
            .set("rows", std::optional<int64_t>(t.rows)).set("missing_columns", joinColumns(t.missingColumns)).write();
    l = createRowSourcesLayer(ds);
    for (const RowSource& r : p.rowSources)
        RowOut(l).set("table_name", r.table).set("row_key", r.key).set("source_file", r.sourceFile).set("sheet", r.sheet)
            .set("source_row", r.row).set("imported_at", r.importedAt).write();
    writeCrosswalk(ds, p.crosswalk);
}

// The two big tables (admin_units, villages: 100,000 rows at national scale) are read straight
// through SQLite: an OGRFeature per row, every field decoded and looked up by name, cost about five
// times the read itself (`gapmap report` on 100,000 villages spent most of its time there). A
// GeoPackage is an SQLite database; the geometry blob is the GeoPackage header + WKB, which
// OGRGeometryFactory parses (points directly). Absent columns read as empty, as with RowIn.
class SqlRows {
public:
    // withGeometry false: the geometry column is not even fetched (a polygon's blob spans pages).
    SqlRows(sqlite3* db, const char* table, bool withGeometry = true) {
        if (!db) return;
        std::string geometry = "geom";
        sqlite3_stmt* g = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", -1, &g, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(g, 1, table, -1, SQLITE_STATIC);
            if (sqlite3_step(g) == SQLITE_ROW && sqlite3_column_text(g, 0)) geometry = reinterpret_cast<const char*>(sqlite3_column_text(g, 0));
        }
        sqlite3_finalize(g);
        std::string sql = std::string("SELECT * FROM \"") + table + "\" ORDER BY rowid";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) { sqlite3_finalize(stmt_); stmt_ = nullptr; return; }
        if (!withGeometry) {  // the same columns but the geometry, named from the statement just made
            std::string list;
            for (int i = 0; i < sqlite3_column_count(stmt_); ++i) {
                const char* name = sqlite3_column_name(stmt_, i);
                if (!name || lowerCase(name) == lowerCase(geometry)) continue;
                std::string quoted = "\"";
                for (const char* c = name; *c; ++c) quoted += *c == '"' ? std::string("\"\"") : std::string(1, *c);
                list += (list.empty() ? "" : ", ") + quoted + "\"";
            }
            sqlite3_finalize(stmt_);
            stmt_ = nullptr;
            sql = "SELECT " + (list.empty() ? std::string("rowid") : list) + " FROM \"" + table + "\" ORDER BY rowid";
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) { sqlite3_finalize(stmt_); stmt_ = nullptr; return; }
        }
        for (int i = 0; i < sqlite3_column_count(stmt_); ++i) {
            const char* name = sqlite3_column_name(stmt_, i);
            if (!name) continue;
            const std::string lower = lowerCase(name);
            columns_[lower] = i;
            if (lower == geometry) geometryColumn_ = i;
        }
    }
    ~SqlRows() { sqlite3_finalize(stmt_); }
    SqlRows(const SqlRows&) = delete;
    SqlRows& operator=(const SqlRows&) = delete;
    explicit operator bool() const { return stmt_ != nullptr; }
    // The table's row count, to reserve vectors with (growing 100,000 villages by doubling held the
    // old and the new copy at once: 26 MB of a national render's peak heap).
    static size_t count(sqlite3* db, const char* table) {
        sqlite3_stmt* s = nullptr;
        size_t n = 0;
        const std::string sql = std::string("SELECT count(*) FROM \"") + table + "\"";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) n = size_t(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        return n;
    }
    bool next() {
        const int rc = stmt_ ? sqlite3_step(stmt_) : SQLITE_DONE;
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) throw InputError(sqlite3_errmsg(sqlite3_db_handle(stmt_)));
        return false;
    }
    int column(const char* name) const {
        const auto it = columns_.find(name);
        return it == columns_.end() ? -1 : it->second;
    }
    std::string text(int c) const {
        if (c < 0) return "";
        const unsigned char* t = sqlite3_column_text(stmt_, c);  // NULL for SQL NULL: no type check needed
        return t ? std::string(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(stmt_, c))) : "";
    }
    std::optional<int64_t> integer(int c) const {
        if (c < 0 || sqlite3_column_type(stmt_, c) == SQLITE_NULL) return std::nullopt;
        return sqlite3_column_int64(stmt_, c);
    }
    bool flag(int c) const { return integer(c).value_or(0) != 0; }
    double real(int c) const { return c < 0 || sqlite3_column_type(stmt_, c) == SQLITE_NULL ? 0.0 : sqlite3_column_double(stmt_, c); }
    // The row's geometry as WKB (the GeoPackage header skipped); empty for NULL or an empty geometry.
    std::pair<const unsigned char*, size_t> wkb() const {
        if (geometryColumn_ < 0 || sqlite3_column_type(stmt_, geometryColumn_) != SQLITE_BLOB) return {nullptr, 0};
        const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, geometryColumn_));
        const size_t size = size_t(sqlite3_column_bytes(stmt_, geometryColumn_));
        if (size < 8 || blob[0] != 'G' || blob[1] != 'P' || (blob[3] & 0x10)) return {nullptr, 0};  // bit 4: empty
        static const size_t envelopeBytes[8] = {0, 32, 48, 48, 64, 0, 0, 0};
        const size_t header = 8 + envelopeBytes[(blob[3] >> 1) & 7];
        if (size <= header) return {nullptr, 0};
        return {blob + header, size - header};
    }
    std::optional<LonLat> point() const {
        const auto [w, n] = wkb();
        if (n == 21 && w[0] == 1) {  // little-endian 2-D point: the common case, read without allocating
            uint32_t type = 0;
            std::memcpy(&type, w + 1, 4);
            if (type == 1) {
                double xy[2];
                std::memcpy(xy, w + 5, 16);
                if (std::isnan(xy[0]) || std::isnan(xy[1])) return std::nullopt;
                return LonLat{xy[0], xy[1]};
            }
        }
        const std::unique_ptr<OGRGeometry> g = geometry(w, n);
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) return std::nullopt;
        return LonLat{g->toPoint()->getX(), g->toPoint()->getY()};
    }
    MultiPolygon area() const {
        const auto [w, n] = wkb();
        return multiPolygonOf(geometry(w, n).get());
    }
private:
    static std::string lowerCase(std::string text) {
        for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
        return text;
    }
    static std::unique_ptr<OGRGeometry> geometry(const unsigned char* w, size_t n) {
        if (!w) return nullptr;
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(w, nullptr, &g, n) != OGRERR_NONE) return nullptr;
        return std::unique_ptr<OGRGeometry>(g);
    }
    sqlite3_stmt* stmt_ = nullptr;
    std::unordered_map<std::string, int> columns_;
    int geometryColumn_ = -1;
};
// RowIn's reading by column name over SqlRows, for the smaller tables (30,000 teams at national
// scale cost more through OGR features than the 100,000 villages through SQLite). Each name is
// looked up once per table: the names are the readers' string literals, remembered by address.
class SqlRowIn {
public:
    explicit SqlRowIn(const SqlRows& rows) : r_(rows) {}
    std::string text(const char* c) const { return r_.text(index(c)); }
    std::optional<int64_t> integer(const char* c) const { return r_.integer(index(c)); }
    int count(const char* c) const { return static_cast<int>(integer(c).value_or(0)); }
    bool flag(const char* c, bool fallback = false) const { return integer(c).value_or(fallback ? 1 : 0) != 0; }
    double real(const char* c) const { return r_.real(index(c)); }
    std::optional<LonLat> point() const { return r_.point(); }
    MultiPolygon area() const { return r_.area(); }
private:
    int index(const char* c) const {
        for (const auto& [name, i] : known_)
            if (name == c) return i;
        known_.emplace_back(c, r_.column(c));
        return known_.back().second;
    }
    const SqlRows& r_;
    mutable std::vector<std::pair<const char*, int>> known_;
};

// What QGIS needs to draw the project as gapmap's map: the commune summary (the per-commune
// measures of `gapmap report --summary`, the table the GeoPackage export holds), because the map's
// indicator is computed, not a column of admin_units; and a style per layer (io/qgis_styles.h).
// A snapshot made at this write: gapmap never reads it back (readProject ignores it).
void writeQgisLayers(GDALDataset& ds, const Project& p, const std::string& path) {
    std::vector<DataTable> summaries;
    if (std::any_of(p.adminUnits.begin(), p.adminUnits.end(), [](const AdminUnit& u) { return u.level == AdminLevel::Commune && !u.area.empty(); })) {
        CoverageRules rules;  // an invalid setting: the defaults, as the app's map does
        try { rules = CoverageRules::fromProject(p); } catch (const std::exception&) {}
        summaries.push_back(areaTable(p, analyseCoverage(p, rules), AdminLevel::Commune));
        writeTableLayer(ds, summaries.back(), true, path);
    }
    writeLayerStyles(ds, projectStyles(p, summaries));
}

template <typename Fn>
void forEachRow(GDALDataset& ds, const char* table, Fn fn) {
    OGRLayer* layer = ds.GetLayerByName(table);
    if (!layer) return;  // an older file without this table reads as empty
    if (EQUAL(ds.GetDriverName(), "PostgreSQL")) {
        // A server hands rows out in storage order, which every edit and import changes (an updated row
        // moves): read them by gid (the file's order at publish, then the order added), so that the map,
        // lists and reports come out the same whatever was edited. The name is a table of the project's.
        OGRLayer* sorted = ds.ExecuteSQL(("SELECT * FROM \"" + std::string(table) + "\" ORDER BY gid").c_str(), nullptr, nullptr);
        if (sorted) {
            for (auto& f : *sorted) fn(RowIn(*f));
            ds.ReleaseResultSet(sorted);
            return;
        }
    }
    for (auto& f : *layer) fn(RowIn(*f));
}

// A writer killed mid-write (kill -9, power cut) leaves its temporary file behind; the project
// itself is intact. Remove such leftovers whose process is gone.
void removeStaleTemporaries(const std::filesystem::path& folder, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) std::filesystem::remove(entry.path(), ec);
    }
}

void syncFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd >= 0) { ::fsync(fd); ::close(fd); }
}

// An offline copy checked out by a role without gapmap_protection (io/pg_sync.h) holds per-commune
// counts of Trusted Addresses (table trusted_address_counts, plain SQLite), never their rows.
void readCountedTrustedAddresses(GDALDataset& ds, Project& p) {
    OGRLayer* has = ds.ExecuteSQL("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'trusted_address_counts'", nullptr, nullptr);
    std::unique_ptr<OGRFeature> f(has ? has->GetNextFeature() : nullptr);
    const bool present = f && f->GetFieldAsInteger(0) == 1;
    if (has) ds.ReleaseResultSet(has);
    if (!present) return;
    OGRLayer* counts = ds.ExecuteSQL("SELECT commune_code, count, active FROM trusted_address_counts ORDER BY commune_code", nullptr, nullptr);
    if (!counts) return;
    for (auto& row : *counts) addCountedTrustedAddresses(p, row->GetFieldAsString(0), row->GetFieldAsInteger64(1), row->GetFieldAsInteger64(2));
    ds.ReleaseResultSet(counts);
}

}  // namespace

bool projectExists(const std::string& path) {
    if (isServerProject(path)) return true;  // on a server: whether the schema holds a project is found when it is read
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

Project readProject(const std::string& path, const ProjectReadOptions& options) {
    if (isServerProject(path)) return readServerProject(parseServerAddress(path));  // io/pg_project.h
    GdalSession::ensureGeoPackage();
    if (!projectExists(path)) throw InputError(tr("project.error.no_such_file", {path}));
    recoverWal(path);  // a WAL left by a killed edit: GDAL's read-only open could not recover it
    GdalErrorCapture capture;
    const char* drivers[] = {"GPKG", nullptr};
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) {
        const std::string why = capture.firstError();
        throw InputError(why.empty() ? tr("project.error.not_gpkg", {path}) : tr("project.error.not_gpkg_because", {path, why}));
    }
    if (!ds->GetLayerByName("admin_units") || !ds->GetLayerByName("settings"))
        throw InputError(tr("project.error.not_gapmap", {path}));
    // The same file through SQLite, read-only, for the two big tables (SqlRows).
    sqlite3* db = nullptr;
    // NOMUTEX: one thread reads it; the mutex taken by every sqlite3_column_* call was 4 % of a report.
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const std::string why = db ? sqlite3_errmsg(db) : "";
        sqlite3_close(db);
        throw InputError(tr("project.error.not_gpkg_because", {path, why}));
    }
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> closeDb(db, &sqlite3_close);
    Project p = readProjectTables(*ds, {}, db, options.areas);
    readCountedTrustedAddresses(*ds, p);
    return p;
}

Project readProjectTables(GDALDataset& dataset, const std::set<std::string>& withheld, sqlite3* fastDb, bool areas) {
    GDALDataset* ds = &dataset;
    auto forEachRow = [&](const char* table, auto fn) {
        if (withheld.count(table)) return;
        if (!fastDb) return gapmap::forEachRow(*ds, table, fn);
        SqlRows rows{fastDb, table};  // a table the file lacks (an older file) reads as empty, as through OGR
        const SqlRowIn row(rows);
        while (rows.next()) fn(row);
    };
    Project p;
    if (fastDb) {  // a GeoPackage: the two big tables straight through SQLite (SqlRows)
        if (SqlRows r{fastDb, "admin_units", areas}) {
            const int code = r.column("code"), name = r.column("name"), level = r.column("level"), parent = r.column("parent_code"),
                      kind = r.column("kind"), population = r.column("population"), difficult = r.column("especially_difficult");
            p.adminUnits.reserve(SqlRows::count(fastDb, "admin_units"));
            while (r.next()) {
                AdminUnit u;
                u.code = r.text(code);
                u.name = r.text(name);
                u.level = adminLevelFromString(r.text(level)).value_or(AdminLevel::Commune);
                u.parentCode = r.text(parent);
                u.kind = r.text(kind);
                u.population = r.integer(population);
                u.especiallyDifficult = r.flag(difficult);
                if (areas) u.area = r.area();
                p.adminUnits.push_back(std::move(u));
            }
        }
        if (SqlRows r{fastDb, "villages"}) {
            const int code = r.column("code"), name = r.column("name"), commune = r.column("commune_code"),
                      population = r.column("population"), households = r.column("households"), ethnic = r.column("ethnic_group"),
                      difficult = r.column("especially_difficult"), electricity = r.column("electricity"), mobile = r.column("mobile"),
                      internet = r.column("internet");
            p.villages.reserve(SqlRows::count(fastDb, "villages"));
            while (r.next()) {
                Village v;
                v.code = r.text(code);
                v.name = r.text(name);
                v.communeCode = r.text(commune);
                v.location = r.point();
                v.population = r.integer(population);
                v.households = r.integer(households);
                v.ethnicGroup = r.text(ethnic);
                v.especiallyDifficult = r.flag(difficult);
                v.electricity = electricityFromString(r.text(electricity)).value_or(Electricity::Grid);
                v.mobile = mobileFromString(r.text(mobile)).value_or(Mobile::G4);
                v.internet = r.flag(internet);
                p.villages.push_back(std::move(v));
            }
        }
    } else {
        forEachRow("admin_units", [&](const auto& r) {
            AdminUnit u;
            u.code = r.text("code");
            u.name = r.text("name");
            u.level = adminLevelFromString(r.text("level")).value_or(AdminLevel::Commune);
            u.parentCode = r.text("parent_code");
            u.kind = r.text("kind");
            u.population = r.integer("population");
            u.especiallyDifficult = r.flag("especially_difficult");
            if (areas) u.area = r.area();
            p.adminUnits.push_back(std::move(u));
        });
        forEachRow("villages", [&](const auto& r) {
            Village v;
            v.code = r.text("code");
            v.name = r.text("name");
            v.communeCode = r.text("commune_code");
            v.location = r.point();
            v.population = r.integer("population");
            v.households = r.integer("households");
            v.ethnicGroup = r.text("ethnic_group");
            v.especiallyDifficult = r.flag("especially_difficult");
            v.electricity = electricityFromString(r.text("electricity")).value_or(Electricity::Grid);
            v.mobile = mobileFromString(r.text("mobile")).value_or(Mobile::G4);
            v.internet = r.flag("internet");
            p.villages.push_back(std::move(v));
        });
    }
    // In code order whatever order the file holds them in (files written before the importer sorted):
    // the analysis is fastest so (core/village_marks.h sortVillagesByCode); ~1 ms when already sorted.
    sortVillagesByCode(p.villages);
    if (fastDb) {  // no doubling of the two larger small tables
        p.teams.reserve(SqlRows::count(fastDb, "communication_teams"));
        p.trustedAddresses.reserve(SqlRows::count(fastDb, "trusted_addresses"));
    }
    forEachRow("communication_teams", [&](const auto& r) {
        p.teams.push_back({r.text("village_code"), r.text("established"), r.count("members"), r.count("women_members"), r.text("channel")});
    });
    forEachRow("trusted_addresses", [&](const auto& r) {
        p.trustedAddresses.push_back({r.text("code"), r.text("name"), r.text("commune_code"), r.text("village_code"),
                                      r.text("established"), r.text("services"), r.flag("active", true), r.point()});
    });
    forEachRow("clubs", [&](const auto& r) {
        p.clubs.push_back({r.text("code"), r.text("name"), r.text("commune_code"), r.text("village_code"), r.text("established"), r.count("members")});
    });
    forEachRow("activities", [&](const auto& r) {
        p.activities.push_back({r.text("date"), r.text("commune_code"), r.text("kind"), r.count("sessions"), r.count("participants"), r.count("women_participants")});
    });
    forEachRow("commune_offices", [&](const auto& r) {
        p.communeOffices.push_back({r.text("commune_code"), r.count("computers"), r.flag("internet")});
    });
    forEachRow("outcomes", [&](const auto& r) {
        p.outcomes.push_back({r.text("village_code"), r.count("year"), r.count("child_marriages"), r.count("consanguineous_marriages")});
    });
    forEachRow("targets", [&](const auto& r) { p.targets.push_back({r.text("indicator"), r.count("year"), r.real("value")}); });
    forEachRow("settings", [&](const auto& r) { p.settings.push_back({r.text("key"), r.text("value")}); });
    // A file written before the load record has no table_loads: its tables with rows count as
    // loaded (source unknown), its empty tables as never loaded (Project::hasData).
    forEachRow("commune_crosswalk", [&](const auto& r) {
        p.crosswalk.push_back({r.text("old_code"), r.text("old_name"), r.text("new_code"), r.real("share_of_old_area"), r.real("share_of_new_area")});
    });
    forEachRow("table_loads", [&](const auto& r) {
        if (!r.text("table_name").empty() && !p.loadOf(r.text("table_name")))
            p.loads.push_back({r.text("table_name"), r.text("source_file"), r.text("loaded_at"), r.integer("rows").value_or(0),
                               splitList(r.text("missing_columns"))});
    });
    // A file written before provenance has no row_sources: its rows came with their tables' loads.
    forEachRow("row_sources", [&](const auto& r) {
        p.rowSources.push_back({r.text("table_name"), r.text("row_key"), r.text("source_file"), r.text("sheet"), r.count("source_row"),
                                r.text("imported_at")});
    });
    return p;
}

void writeProject(const Project& project, const std::string& path) {
    // A server project is changed row by row (edits) or published whole (gapmap publish --force);
    // never written here, which would make a file named "PG:…".
    if (isServerProject(path)) throw InputError(tr("pg.error.write_whole", {parseServerAddress(path).display()}));
    GdalSession::ensure();
    namespace fs = std::filesystem;
    const fs::path target = fs::absolute(path);
    const std::string tempPrefix = "." + target.filename().string() + ".writing-";
    const fs::path temp = target.parent_path() / (tempPrefix + std::to_string(::getpid()));
    std::error_code ec;
    // A whole-file write would drop an offline copy's row identities and change log (io/pg_sync.h).
    if (fs::exists(target, ec) && isOfflineCopy(target.string())) throw InputError(tr("sync.error.is_copy", {path}));
    removeStaleTemporaries(target.parent_path(), tempPrefix);
    fs::remove(temp, ec);
    GdalErrorCapture capture;
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    {
        std::unique_ptr<GDALDataset> ds(gpkg->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw InputError(tr("project.error.cannot_write_here", {path, capture.firstError()}));
        try {
            ds->StartTransaction();
            writeTables(*ds, project);
            writeQgisLayers(*ds, project, path);
            if (ds->CommitTransaction() != OGRERR_NONE) throw InputError(tr("project.error.cannot_write", {path, capture.firstError()}));
        } catch (...) {
            ds.reset();
            fs::remove(temp, ec);
            throw;
        }
    }
    if (fs::exists(target, ec)) carrySceneCache(target.string(), temp.string());  // io/scene_cache.h: no rebuild at the next open
    syncFile(temp.string());
    // SQLite applies a file named PATH-wal to whatever file is at PATH: the old project's WAL must be
    // folded into the old file and gone before the new file takes that name.
    try {
        if (fs::exists(target, ec)) retireWal(target.string());
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    fs::rename(temp, target, ec);  // atomic on POSIX: readers see the old or the new file, never half of one
    if (ec) {
        fs::remove(temp, ec);
        throw InputError(tr("project.error.cannot_replace", {path, ec.message()}));
    }
    syncFile(target.parent_path().string());  // the rename itself reaches the disk
}

}  // namespace gapmap
