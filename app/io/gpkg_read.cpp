#include "io/gpkg_read.h"

#include <geos_c.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/project_rows.h"
#include "io/wal_recovery.h"

namespace gapmap {
namespace {

std::string lowerCase(std::string text) {
    for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// WKB -> core geometry through GEOS. One context per read: the app reads on a worker thread while
// the renderer may use GEOS on another (render/union_holes.cpp has its own).
class WkbDecoder {
public:
    WkbDecoder() : h_(GEOS_init_r()), reader_(GEOSWKBReader_create_r(h_)) {
        GEOSContext_setErrorMessageHandler_r(h_, &WkbDecoder::onError, this);
    }
    ~WkbDecoder() {
        GEOSWKBReader_destroy_r(h_, reader_);
        GEOS_finish_r(h_);
    }
    WkbDecoder(const WkbDecoder&) = delete;
    WkbDecoder& operator=(const WkbDecoder&) = delete;

    // Null with error() set when the bytes are no WKB GEOS can read.
    struct Geometry {
        GEOSContextHandle_t h;
        GEOSGeometry* g;
        ~Geometry() { if (g) GEOSGeom_destroy_r(h, g); }
    };
    Geometry read(const unsigned char* wkb, size_t size) {
        error_.clear();
        Geometry out{h_, GEOSWKBReader_read_r(h_, reader_, wkb, size)};
        if (!out.g && error_.empty()) error_ = "WKB";
        return out;
    }
    const std::string& error() const { return error_; }

    std::optional<LonLat> point(const GEOSGeometry* g) const {
        if (GEOSGeomTypeId_r(h_, g) != GEOS_POINT || GEOSisEmpty_r(h_, g) != 0) return std::nullopt;
        double x = 0, y = 0;
        GEOSGeomGetX_r(h_, g, &x);
        GEOSGeomGetY_r(h_, g, &y);
        return LonLat{x, y};
    }
    // A polygon or multipolygon as core rings (lon/lat, x/y only); anything else, or empty, is empty.
    MultiPolygon area(const GEOSGeometry* g) const {
        MultiPolygon out;
        if (GEOSisEmpty_r(h_, g) != 0) return out;
        const int type = GEOSGeomTypeId_r(h_, g);
        if (type == GEOS_POLYGON) out.push_back(polygon(g));
        else if (type == GEOS_MULTIPOLYGON)
            for (int i = 0, n = GEOSGetNumGeometries_r(h_, g); i < n; ++i) out.push_back(polygon(GEOSGetGeometryN_r(h_, g, i)));
        return out;
    }

private:
    static void onError(const char* message, void* self) { static_cast<WkbDecoder*>(self)->error_ = message; }
    Ring ring(const GEOSGeometry* r) const {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h_, r);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h_, seq, &n) || n == 0) return {};
        Ring out(n);
        static_assert(sizeof(LonLat) == 2 * sizeof(double), "LonLat is two packed doubles");
        GEOSCoordSeq_copyToBuffer_r(h_, seq, &out[0].lonDeg, 0, 0);  // x, y pairs
        return out;
    }
    Polygon polygon(const GEOSGeometry* g) const {
        Polygon p;
        if (GEOSisEmpty_r(h_, g) != 0) return p;  // as OGR: an empty polygon has no rings
        const int holes = GEOSGetNumInteriorRings_r(h_, g);
        p.rings.reserve(size_t(1 + std::max(holes, 0)));
        p.rings.push_back(ring(GEOSGetExteriorRing_r(h_, g)));
        for (int i = 0; i < holes; ++i) p.rings.push_back(ring(GEOSGetInteriorRingN_r(h_, g, i)));
        return p;
    }
    GEOSContextHandle_t h_;
    GEOSWKBReader* reader_;
    std::string error_;
};

// One table's rows in the file's order, straight through SQLite (an OGRFeature per row, every field
// decoded and looked up by name, cost about five times the read itself). Absent columns read as empty.
class SqlRows {
public:
    // withGeometry false: the geometry column is not even fetched (a polygon's blob spans pages).
    SqlRows(sqlite3* db, const std::string& path, const char* table, WkbDecoder& wkb, bool withGeometry = true)
        : path_(path), table_(table), wkb_(wkb) {
        std::string geometry = "geom";
        sqlite3_stmt* g = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", -1, &g, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(g, 1, table, -1, SQLITE_STATIC);
            if (sqlite3_step(g) == SQLITE_ROW && sqlite3_column_text(g, 0)) geometry = lowerCase(reinterpret_cast<const char*>(sqlite3_column_text(g, 0)));
        }
        sqlite3_finalize(g);
        std::string sql = std::string("SELECT * FROM \"") + table + "\" ORDER BY rowid";
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) { sqlite3_finalize(stmt_); stmt_ = nullptr; return; }
        if (!withGeometry) {  // the same columns but the geometry, named from the statement just made
            std::string list;
            for (int i = 0; i < sqlite3_column_count(stmt_); ++i) {
                const char* name = sqlite3_column_name(stmt_, i);
                if (!name || lowerCase(name) == geometry) continue;
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
    bool next() {
        const int rc = stmt_ ? sqlite3_step(stmt_) : SQLITE_DONE;
        if (rc == SQLITE_ROW) { ++ordinal_; return true; }
        if (rc != SQLITE_DONE) throw InputError(tr("project.error.not_gpkg_because", {path_, sqlite3_errmsg(sqlite3_db_handle(stmt_))}));
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
    double real(int c) const { return c < 0 || sqlite3_column_type(stmt_, c) == SQLITE_NULL ? 0.0 : sqlite3_column_double(stmt_, c); }
    std::optional<LonLat> point() const {
        const auto [w, n] = wkb();
        if (!w) return std::nullopt;
        if (n == 21 && w[0] == 1) {  // little-endian 2-D point: the common case, read without allocating
            uint32_t type = 0;
            std::memcpy(&type, w + 1, 4);
            if (type == 1) {
                double xy[2];
                std::memcpy(xy, w + 5, 16);
                if (std::isnan(xy[0]) || std::isnan(xy[1])) return std::nullopt;  // WKB's empty point
                return LonLat{xy[0], xy[1]};
            }
        }
        const WkbDecoder::Geometry g = decode(w, n);
        return wkb_.point(g.g);
    }
    MultiPolygon area() const {
        const auto [w, n] = wkb();
        if (!w) return {};
        const WkbDecoder::Geometry g = decode(w, n);
        return wkb_.area(g.g);
    }

private:
    // The row's geometry as WKB (GeoPackage binary header skipped, GeoPackage spec 2.1.3); null for
    // NULL or an empty geometry. A blob with no valid header: InputError naming the feature.
    std::pair<const unsigned char*, size_t> wkb() const {
        if (geometryColumn_ < 0 || sqlite3_column_type(stmt_, geometryColumn_) == SQLITE_NULL) return {nullptr, 0};
        const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, geometryColumn_));
        const size_t size = size_t(sqlite3_column_bytes(stmt_, geometryColumn_));
        // "GP", version 0, flags: bit 5 extended type, bit 4 empty, bits 3-1 envelope kind, bit 0 byte order.
        if (size < 8 || blob[0] != 'G' || blob[1] != 'P') fail("GeoPackage header");
        const unsigned flags = blob[3];
        if (flags & 0x20) fail("ExtendedGeoPackageBinary");
        if (flags & 0x10) return {nullptr, 0};
        static const size_t envelopeBytes[8] = {0, 32, 48, 48, 64, 0, 0, 0};
        const unsigned envelope = (flags >> 1) & 7;
        if (envelope > 4) fail("GeoPackage envelope");
        const size_t header = 8 + envelopeBytes[envelope];
        if (size <= header) fail("GeoPackage header");
        return {blob + header, size - header};
    }
    WkbDecoder::Geometry decode(const unsigned char* w, size_t n) const {
        WkbDecoder::Geometry g = wkb_.read(w, n);
        if (!g.g) fail(wkb_.error());
        return g;
    }
    [[noreturn]] void fail(const std::string& why) const {
        const int fid = column("fid");
        const std::string feature = fid >= 0 && integer(fid) ? std::to_string(*integer(fid)) : "#" + std::to_string(ordinal_);
        throw InputError(tr("project.error.bad_geometry", {path_, table_, feature, why}));
    }
    std::string path_, table_;
    WkbDecoder& wkb_;
    sqlite3_stmt* stmt_ = nullptr;
    std::unordered_map<std::string, int> columns_;
    int geometryColumn_ = -1;
    long long ordinal_ = 0;
};

// Reading by column name over SqlRows (io/project_rows.h's row). Each name is looked up once per
// table: the names are the readers' string literals, remembered by address.
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

// The file's tables for readProjectRows (io/project_rows.h).
class GeoPackageTables {
public:
    GeoPackageTables(sqlite3* db, const std::string& path) : db_(db), path_(path) {}
    template <class Fn>
    void each(const char* table, Fn fn, bool geometry = true) {
        SqlRows rows{db_, path_, table, wkb_, geometry};  // a table the file lacks (an older file) reads as empty
        const SqlRowIn row(rows);
        while (rows.next()) fn(row);
    }
    size_t count(const char* table) const {
        sqlite3_stmt* s = nullptr;
        size_t n = 0;
        const std::string sql = std::string("SELECT count(*) FROM \"") + table + "\"";
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) n = size_t(sqlite3_column_int64(s, 0));
        sqlite3_finalize(s);
        return n;
    }
private:
    sqlite3* db_;
    std::string path_;
    WkbDecoder wkb_;
};

// How many of `names` the file holds as tables (case as GDAL's layer names: ignored).
int tablesPresent(sqlite3* db, const std::string& path, const char* names) {
    sqlite3_stmt* s = nullptr;
    const std::string sql = std::string("SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) IN (") + names + ")";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
        const std::string why = sqlite3_errmsg(db);
        sqlite3_finalize(s);
        throw InputError(tr("project.error.not_gpkg_because", {path, why}));
    }
    const int n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return n;
}

// An offline copy checked out by a role without gapmap_protection (io/pg_sync.h) holds per-commune
// counts of Trusted Addresses (table trusted_address_counts, plain SQLite), never their rows.
void readCountedTrustedAddresses(sqlite3* db, const std::string& path, Project& p) {
    if (tablesPresent(db, path, "'trusted_address_counts'") == 0) return;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT commune_code, count, active FROM trusted_address_counts ORDER BY commune_code", -1, &s, nullptr) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            const unsigned char* code = sqlite3_column_text(s, 0);
            addCountedTrustedAddresses(p, code ? reinterpret_cast<const char*>(code) : "", sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
        }
    }
    sqlite3_finalize(s);
}

}  // namespace

Project readGeoPackageProject(const std::string& path, const ProjectReadOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(tr("project.error.no_such_file", {path}));
    recoverWal(path);  // a WAL left by a killed edit: a read-only open could not recover it
    Project p;
    {
        sqlite3* db = nullptr;
        // NOMUTEX: one thread reads it; the mutex taken by every sqlite3_column_* call was 4 % of a report.
        const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
        const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> closeDb(db, &sqlite3_close);
        if (rc != SQLITE_OK) throw InputError(tr("project.error.not_gpkg_because", {path, db ? sqlite3_errmsg(db) : "SQLite"}));
        // A writer may hold the file for a moment (the app storing its scene cache, an edit, a
        // whole-file write's rename): wait for it, as the writers wait for each other, rather than
        // refusing the project as "database is locked".
        sqlite3_busy_timeout(db, 5000);  // ms
        // A GeoPackage registers its tables in gpkg_contents (the first read also tells a file that is
        // no SQLite database: "file is not a database").
        if (tablesPresent(db, path, "'gpkg_contents'") == 0) throw InputError(tr("project.error.not_gpkg", {path}));
        if (tablesPresent(db, path, "'admin_units', 'settings'") < 2) throw InputError(tr("project.error.not_gapmap", {path}));
        GeoPackageTables tables(db, path);
        readProjectRows(tables, p, options.areas);
        readCountedTrustedAddresses(db, path, p);
    }
    // A read-only connection to a file in WAL mode leaves an empty PATH-wal and PATH-shm behind (it may
    // not checkpoint): opened read-write once more, the last connection's close removes them, as
    // GDAL's read-only close did.
    if (std::filesystem::exists(path + "-wal", ec)) recoverWal(path);
    return p;
}

}  // namespace gapmap
