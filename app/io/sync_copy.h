// Inside io only: the pieces `checkout` (pg_checkout.cpp) and `sync` (pg_sync.cpp) share — a small
// SQLite connection, the synced tables and their columns, and the
// conversion of values and geometries between a PostGIS row and a GeoPackage row. Never included
// above io: nothing outside io sees libpq or SQLite.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/schema.h"
#include "io/pg_connection.h"

namespace gapmap::sync {

using Value = std::optional<std::string>;  // a cell as text; nullopt: NULL (as io/pg_connection.h PgValue)

// One connection to the offline copy (a GeoPackage is an SQLite database), with the SQL functions the
// GeoPackage R-tree triggers call (ST_MinX …) so that rows with geometry can be written without GDAL.
class LocalDb {
public:
    explicit LocalDb(const std::string& path);  // read-write, never creates; WAL, synchronous=FULL
    ~LocalDb() { sqlite3_close_v2(db_); }
    LocalDb(const LocalDb&) = delete;
    LocalDb& operator=(const LocalDb&) = delete;
    void exec(const std::string& sql);
    std::string one(const std::string& sql, const std::vector<Value>& params = {});
    // Runs `sql` with text/NULL parameters bound in order; calls `row` per result row with the cells as text.
    template <typename Fn>
    void each(const std::string& sql, const std::vector<Value>& params, Fn row);
    // Runs a statement with typed parameters (integers, reals, text, geometry blobs); returns sqlite3_changes.
    int run(const std::string& sql, const std::vector<struct Bound>& params);
    std::int64_t lastRowId() const { return sqlite3_last_insert_rowid(db_); }
    bool hasTable(const std::string& name);
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }
    [[noreturn]] void fail(const std::string& what) const;
private:
    sqlite3_stmt* prepare(const std::string& sql);
    std::string path_;
    sqlite3* db_ = nullptr;
};

// A parameter of LocalDb::run: the column's type decides how the text is bound (PostgreSQL's "t"/"f"
// become 1/0); `blob` binds the bytes as they are (a GeoPackage geometry).
struct Bound {
    ColumnType type = ColumnType::Text;
    Value value;
    bool blob = false;
};

// A synced table: a table of core/schema.h with its stored columns (join-only columns left out).
struct SyncedTable {
    const TableSpec* spec;
    std::vector<const ColumnSpec*> columns;
    bool hasGeometry() const { return spec->geometry != GeometryKind::None; }
    const std::string& name() const { return spec->name; }
};
const std::vector<SyncedTable>& syncedTables();
const SyncedTable* findSyncedTable(const std::string& name);
// The SQL expression (valid in SQLite) naming a row the way users name it, as core/provenance.h
// rowKey does: a village's code, a setting's key, an activity's "date|commune|kind" …
std::string rowKeyExpression(const std::string& table);

// Quoted SQL identifier ("name"); names here come from core/schema.h, never from input.
std::string quoted(const std::string& name);
// Two cells of one column hold the same value (numbers compared as numbers: "100" and "100.0").
bool sameValue(ColumnType type, const Value& a, const Value& b);

// GeoPackage geometry blob (GPKG header + WKB) <-> WKB in hex, as PostGIS reads and writes it.
// The blob written carries its envelope (minX, maxX, minY, maxY, EPSG:4326 degrees) so that the
// R-tree triggers read the extent without parsing WKB.
std::string blobToWkbHex(const std::string& blob);
// hex(blob) as SQLite's hex() gives it -> WKB hex (upper case), for comparing geometries written by
// GDAL and by wkbHexToBlob (their headers differ, their WKB does not).
std::string blobHexToWkbHex(const std::string& blobHex);
std::string wkbHexToBlob(const std::string& wkbHex, double minX, double maxX, double minY, double maxY);

// The rows a copy holds: the communes in scope (all: the whole province). Admin units, targets and
// settings are always whole; a village's team and outcomes go with its village.
struct Scope {
    bool all = true;
    std::vector<std::string> communes;
};
std::string textArray(const std::vector<std::string>& items);  // PostgreSQL array literal {"a","b"}
// Server columns in the order writeLocalRow reads them: gid, row_version, updated_by, the stored
// columns as text (booleans as 0/1), then geometry as NDR WKB in hex and its xmin, xmax, ymin, ymax.
std::string serverSelectList(const SyncedTable& t);
constexpr int kFirstColumn = 3;
// SQL condition selecting the table's rows in scope; refers to $1 (text[] of commune codes) unless scope.all.
std::string scopeFilter(const SyncedTable& t, const PgConnection& pg, const Scope& scope);
std::vector<PgValue> scopeParams(const Scope& scope);
// Writes one server row (serverSelectList order) into the copy: over row `fid`, or as a new row.
void writeLocalRow(LocalDb& db, const SyncedTable& t, const PgRow& row, std::optional<std::int64_t> fid);

// Replaces the copy's load records (and, for a role without gapmap_protection, its per-commune Trusted
// Address counts) with the server's (pg_checkout.cpp).
void copyBookkeeping(PgConnection& pg, LocalDb& db, const Scope& scope, bool trustedRows, bool outcomeRows);

// Tables the copy holds besides the project's: `sync_state(key, value)`, `local_changes` (filled by
// triggers on every synced table: which rows changed here since the last sync, with their values at
// that sync) and `sync_conflicts`. Creates them and the triggers; idempotent.
void createSyncTables(LocalDb& db);
// sync_state values.
std::string stateOr(LocalDb& db, const std::string& key, const std::string& fallback = "");
void setState(LocalDb& db, const std::string& key, const std::string& value);

// Test hook for the kill -9 tests: when GAPMAP_SYNC_KILL_AT names `stage`, the process kills itself
// (SIGKILL) there, so a test can stop a sync at each moment that matters, deterministically.
void killPointForTests(const char* stage);

template <typename Fn>
void LocalDb::each(const std::string& sql, const std::vector<Value>& params, Fn row) {
    sqlite3_stmt* st = prepare(sql);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i]) sqlite3_bind_text(st, int(i + 1), params[i]->c_str(), -1, SQLITE_TRANSIENT);
        else sqlite3_bind_null(st, int(i + 1));
    }
    int rc;
    std::vector<Value> cells;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cells.assign(sqlite3_column_count(st), std::nullopt);
        for (int c = 0; c < int(cells.size()); ++c) {
            if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
            if (sqlite3_column_type(st, c) == SQLITE_BLOB)
                cells[c] = std::string(static_cast<const char*>(sqlite3_column_blob(st, c)), sqlite3_column_bytes(st, c));
            else cells[c] = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        }
        row(cells);
    }
    if (rc != SQLITE_DONE) fail(sql);
}

}  // namespace gapmap::sync
