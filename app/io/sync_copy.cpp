#include "io/sync_copy.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include "core/errors.h"
#include "core/i18n.h"

namespace gapmap::sync {
namespace {

// Waiting for the app or a script editing the same copy rather than failing at once.
constexpr int kBusyTimeoutMs = 10000;

double readDouble(const unsigned char* p, bool littleEndian) {
    unsigned char b[8];
    for (int i = 0; i < 8; ++i) b[i] = littleEndian ? p[i] : p[7 - i];  // this machine is little-endian (x86-64)
    double d;
    std::memcpy(&d, b, 8);
    return d;
}

// Envelope of a GeoPackage geometry blob: from its header when it carries one, else from the WKB
// of a point (GDAL writes points without an envelope). false: empty or not understood.
bool blobEnvelope(const unsigned char* blob, int size, double env[4]) {
    if (size < 8 || blob[0] != 'G' || blob[1] != 'P') return false;
    const int flags = blob[3];
    if (flags & 0x10) return false;  // empty geometry
    const bool le = flags & 1;
    const int code = (flags >> 1) & 7;
    const int envBytes = code == 0 ? 0 : code == 1 ? 32 : code == 4 ? 64 : 48;
    if (code != 0 && size >= 8 + envBytes) {
        for (int i = 0; i < 4; ++i) env[i] = readDouble(blob + 8 + 8 * i, le);  // minX, maxX, minY, maxY
        return true;
    }
    const unsigned char* wkb = blob + 8 + envBytes;
    if (size < 8 + envBytes + 21) return false;
    const bool wle = wkb[0] == 1;
    const unsigned type = wle ? wkb[1] | wkb[2] << 8 : wkb[4] | wkb[3] << 8;
    if (type % 1000 != 1) return false;
    env[0] = env[1] = readDouble(wkb + 5, wle);
    env[2] = env[3] = readDouble(wkb + 13, wle);
    return true;
}

// The SQL functions GDAL's GeoPackage R-tree triggers call, for rows written here with plain SQLite.
void envelopeFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const int which = static_cast<int>(reinterpret_cast<intptr_t>(sqlite3_user_data(ctx)));
    const auto* blob = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
    double env[4];
    const bool ok = blob && blobEnvelope(blob, sqlite3_value_bytes(argv[0]), env);
    if (which == 4) { sqlite3_result_int(ctx, ok ? 0 : 1); return; }  // ST_IsEmpty
    if (!ok) { sqlite3_result_null(ctx); return; }
    sqlite3_result_double(ctx, env[which]);
}

void registerGeometryFunctions(sqlite3* db) {
    const char* names[] = {"ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY", "ST_IsEmpty"};
    for (intptr_t i = 0; i < 5; ++i)
        sqlite3_create_function_v2(db, names[i], 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, reinterpret_cast<void*>(i), envelopeFunction,
                                   nullptr, nullptr, nullptr);
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) { out += digits[c >> 4]; out += digits[c & 15]; }
    return out;
}

std::string unhex(const std::string& text) {
    std::string out;
    out.reserve(text.size() / 2);
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) out += char(nibble(text[i]) << 4 | nibble(text[i + 1]));
    return out;
}

std::string littleEndianDouble(double d) {
    std::string out(8, '\0');
    std::memcpy(out.data(), &d, 8);
    return out;
}

}  // namespace

LocalDb::LocalDb(const std::string& path) : path_(path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(tr("project.error.no_such_file", {path}));
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail("open");
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    registerGeometryFunctions(db_);
    // As io/project_edits.cpp: WAL, and FULL so that a COMMIT that returned survives kill -9 and power loss.
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
}

void LocalDb::fail(const std::string& what) const {
    (void)what;
    throw InputError(tr("edit.error.sqlite", {path_, db_ ? sqlite3_errmsg(db_) : "cannot open"}));
}

sqlite3_stmt* LocalDb::prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail(sql);
    return st;
}

void LocalDb::exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
}

std::string LocalDb::one(const std::string& sql, const std::vector<Value>& params) {
    std::string out;
    bool first = true;
    each(sql, params, [&](const std::vector<Value>& row) {
        if (first && !row.empty() && row[0]) out = *row[0];
        first = false;
    });
    return out;
}

int LocalDb::run(const std::string& sql, const std::vector<Bound>& params) {
    sqlite3_stmt* st = prepare(sql);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ColumnType type = params[i].type;
        const Value& v = params[i].value;
        const int at = int(i + 1);
        if (!v) sqlite3_bind_null(st, at);
        else if (params[i].blob) sqlite3_bind_blob(st, at, v->data(), int(v->size()), SQLITE_TRANSIENT);
        else if (type == ColumnType::Integer || type == ColumnType::Bool) {
            // PostgreSQL's boolean reads "t"/"f"; GeoPackage booleans are 0/1 integers.
            const std::string& t = *v;
            sqlite3_bind_int64(st, at, t == "t" || t == "true" ? 1 : t == "f" || t == "false" ? 0 : std::stoll(t));
        } else if (type == ColumnType::Real) sqlite3_bind_double(st, at, std::stod(*v));
        else sqlite3_bind_text(st, at, v->c_str(), -1, SQLITE_TRANSIENT);
    }
    if (sqlite3_step(st) != SQLITE_DONE) fail(sql);
    return sqlite3_changes(db_);
}

bool LocalDb::hasTable(const std::string& name) {
    return one("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", {name}) == "1";
}

const std::vector<SyncedTable>& syncedTables() {
    static const std::vector<SyncedTable> tables = [] {
        std::vector<SyncedTable> out;
        for (const TableSpec& t : projectTables()) {
            SyncedTable s{&t, {}};
            for (const ColumnSpec& c : t.columns)
                if (!isJoinOnlyColumn(t, c)) s.columns.push_back(&c);
            out.push_back(std::move(s));
        }
        return out;
    }();
    return tables;
}

const SyncedTable* findSyncedTable(const std::string& name) {
    for (const SyncedTable& t : syncedTables())
        if (t.name() == name) return &t;
    return nullptr;
}

std::string rowKeyExpression(const std::string& table) {
    if (table == "settings") return "key";
    if (table == "communication_teams") return "village_code";
    if (table == "commune_offices") return "commune_code";
    if (table == "outcomes") return "village_code || '|' || year";
    if (table == "targets") return "indicator || '|' || year";
    if (table == "activities") return "date || '|' || commune_code || '|' || kind";
    return "code";  // admin units, villages, Trusted Addresses, clubs
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

bool sameValue(ColumnType type, const Value& a, const Value& b) {
    if (!a || !b) return !a && !b;
    if (*a == *b) return true;
    auto number = [](const std::string& s, double& out) {
        if (s == "t" || s == "true") { out = 1; return true; }
        if (s == "f" || s == "false") { out = 0; return true; }
        char* end = nullptr;
        out = std::strtod(s.c_str(), &end);
        return end && *end == '\0' && !s.empty();
    };
    double x, y;
    if (type != ColumnType::Text && type != ColumnType::Date && number(*a, x) && number(*b, y)) return x == y;
    return false;
}

std::string blobToWkbHex(const std::string& blob) {
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P') return "";
    const int code = (static_cast<unsigned char>(blob[3]) >> 1) & 7;
    const std::size_t envBytes = code == 0 ? 0 : code == 1 ? 32 : code == 4 ? 64 : 48;
    return blob.size() > 8 + envBytes ? hex(blob.substr(8 + envBytes)) : "";
}

std::string blobHexToWkbHex(const std::string& blobHex) { return blobToWkbHex(unhex(blobHex)); }

std::string wkbHexToBlob(const std::string& wkbHex, double minX, double maxX, double minY, double maxY) {
    // GeoPackage 1.2 header: "GP", version 0, flags (little-endian, envelope [minx,maxx,miny,maxy]),
    // srs_id 4326; then the WKB as PostGIS wrote it (ST_AsBinary, NDR).
    std::string out = "GP";
    out += char(0);
    out += char(0x01 | (1 << 1));
    const std::int32_t srs = 4326;
    out.append(reinterpret_cast<const char*>(&srs), 4);
    for (double d : {minX, maxX, minY, maxY}) out += littleEndianDouble(d);
    return out + unhex(wkbHex);
}

void createSyncTables(LocalDb& db) {
    db.exec("CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT)");
    // One row per row changed here since the last sync: 'I' inserted here (no gid yet), 'U' updated
    // (base_version and `base`, the row's values at the last sync as a JSON object of text, for the
    // changed-fields test and the conflict list), 'D' deleted.
    db.exec("CREATE TABLE IF NOT EXISTS local_changes (table_name TEXT NOT NULL, fid INTEGER NOT NULL, gid INTEGER, op TEXT NOT NULL, "
            "base_version INTEGER, base TEXT, PRIMARY KEY (table_name, fid))");
    // A row changed on both sides: per field, the copy's value (kept here) and the server's (kept there).
    db.exec("CREATE TABLE IF NOT EXISTS sync_conflicts (id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, gid INTEGER, row_key TEXT, "
            "field TEXT, mine TEXT, theirs TEXT, base TEXT, server_version INTEGER, changed_by TEXT, detected_at TEXT)");
    const std::string quiet = "NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')";
    for (const SyncedTable& t : syncedTables()) {
        const std::string T = quoted(t.name()), lit = "'" + t.name() + "'";
        std::string changed, base;
        for (const ColumnSpec* c : t.columns) {
            changed += (changed.empty() ? "" : " OR ") + std::string("NEW.") + quoted(c->name) + " IS NOT OLD." + quoted(c->name);
            base += (base.empty() ? "" : ", ") + std::string("'") + c->name + "', CAST(OLD." + quoted(c->name) + " AS TEXT)";
        }
        if (t.hasGeometry()) {
            changed += " OR NEW.geom IS NOT OLD.geom";
            base += ", 'geom', hex(OLD.geom)";
        }
        db.exec("CREATE TRIGGER IF NOT EXISTS sync_insert_" + t.name() + " AFTER INSERT ON " + T + " WHEN " + quiet +
                " BEGIN INSERT OR REPLACE INTO local_changes VALUES (" + lit + ", NEW.fid, NULL, 'I', NULL, NULL); END");
        db.exec("CREATE TRIGGER IF NOT EXISTS sync_update_" + t.name() + " AFTER UPDATE ON " + T + " WHEN " + quiet + " AND (" + changed +
                ") BEGIN INSERT OR IGNORE INTO local_changes VALUES (" + lit + ", OLD.fid, OLD.gid, 'U', OLD.row_version, json_object(" + base +
                ")); END");
        db.exec("CREATE TRIGGER IF NOT EXISTS sync_delete_" + t.name() + " AFTER DELETE ON " + T + " WHEN " + quiet +
                " BEGIN DELETE FROM local_changes WHERE table_name = " + lit + " AND fid = OLD.fid AND op = 'I'; "
                "INSERT OR REPLACE INTO local_changes SELECT " + lit + ", OLD.fid, OLD.gid, 'D', OLD.row_version, NULL WHERE OLD.gid IS NOT NULL; END");
    }
}

std::string stateOr(LocalDb& db, const std::string& key, const std::string& fallback) {
    std::string out = fallback;
    db.each("SELECT value FROM sync_state WHERE key = ?1", {key}, [&](const std::vector<Value>& r) { out = r[0].value_or(""); });
    return out;
}

void setState(LocalDb& db, const std::string& key, const std::string& value) {
    db.each("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)", {key, value}, [](const std::vector<Value>&) {});
}

void killPointForTests(const char* stage) {
    const char* at = std::getenv("GAPMAP_SYNC_KILL_AT");
    if (at && std::strcmp(at, stage) == 0) ::kill(::getpid(), SIGKILL);
}

}  // namespace gapmap::sync

namespace gapmap::sync {

std::string textArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const std::string& s : items) {
        out += out.size() > 1 ? ",\"" : "\"";
        for (char c : s) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        out += "\"";
    }
    return out + "}";
}

std::string serverSelectList(const SyncedTable& t) {
    std::string sql = "gid::text, row_version::text, coalesce(updated_by, '')";
    for (const ColumnSpec* c : t.columns)
        sql += c->type == ColumnType::Bool ? ", (" + quoted(c->name) + ")::int::text" : ", (" + quoted(c->name) + ")::text";
    if (t.hasGeometry())
        sql += ", encode(ST_AsBinary(geom, 'NDR'), 'hex'), ST_XMin(geom)::text, ST_XMax(geom)::text, ST_YMin(geom)::text, ST_YMax(geom)::text";
    return sql;
}

std::string scopeFilter(const SyncedTable& t, const PgConnection& pg, const Scope& scope) {
    if (scope.all) return "true";
    const std::string& n = t.name();
    const std::string villagesInScope = "(SELECT code FROM " + pg.table("villages") + " WHERE commune_code = ANY($1::text[]))";
    if (n == "villages" || n == "activities" || n == "commune_offices") return "commune_code = ANY($1::text[])";
    if (n == "communication_teams" || n == "outcomes") return "village_code IN " + villagesInScope;
    if (n == "trusted_addresses" || n == "clubs")
        return "(commune_code = ANY($1::text[]) OR (coalesce(commune_code, '') = '' AND village_code IN " + villagesInScope + "))";
    return "$1::text[] IS NOT NULL";  // admin_units, targets, settings: the whole province ($1 named: one parameter list for all tables)
}

std::vector<PgValue> scopeParams(const Scope& scope) {
    if (scope.all) return {};
    return {textArray(scope.communes)};
}

void writeLocalRow(LocalDb& db, const SyncedTable& t, const PgRow& row, std::optional<std::int64_t> fid) {
    std::vector<Bound> params{{ColumnType::Integer, row[0]}, {ColumnType::Integer, row[1]}};
    std::string names = "gid, row_version", marks = "?1, ?2", sets = "gid = ?1, row_version = ?2";
    int at = kFirstColumn;
    for (const ColumnSpec* c : t.columns) {
        params.push_back({c->type, row[at++]});
        const std::string mark = "?" + std::to_string(params.size());
        names += ", " + quoted(c->name);
        marks += ", " + mark;
        sets += ", " + quoted(c->name) + " = " + mark;
    }
    if (t.hasGeometry()) {
        Value blob;
        if (row[at]) blob = wkbHexToBlob(*row[at], std::stod(*row[at + 1]), std::stod(*row[at + 2]), std::stod(*row[at + 3]), std::stod(*row[at + 4]));
        params.push_back({ColumnType::Text, blob, true});
        const std::string mark = "?" + std::to_string(params.size());
        names += ", geom";
        marks += ", " + mark;
        sets += ", geom = " + mark;
    }
    if (fid) {
        params.push_back({ColumnType::Integer, std::to_string(*fid)});
        db.run("UPDATE " + quoted(t.name()) + " SET " + sets + " WHERE fid = ?" + std::to_string(params.size()), params);
    } else {
        db.run("INSERT INTO " + quoted(t.name()) + " (" + names + ") VALUES (" + marks + ")", params);
    }
}

}  // namespace gapmap::sync
