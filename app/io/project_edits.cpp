#include "io/project_edits.h"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <unordered_map>
#include <variant>

#include "core/coverage.h"
#include "core/coverage_rules.h"
#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/project_edit.h"
#include "io/pg_address.h"
#include "io/pg_project.h"
#include "io/project_file.h"

namespace gapmap {
namespace {

// Waiting for another writer (the app and a script editing the same file) rather than failing at once.
constexpr int kBusyTimeoutMs = 5000;

class Db {
public:
    explicit Db(const std::string& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) throw InputError(tr("project.error.no_such_file", {path}));
        // No SQLITE_OPEN_CREATE: a mistyped path must never become an empty database.
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail();
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        sqlite3_extended_result_codes(db_, 1);
    }
    ~Db() { sqlite3_close_v2(db_); }  // the last connection checkpoints the WAL into the file and removes it
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    [[noreturn]] void fail() const {
        const int code = db_ ? sqlite3_errcode(db_) : SQLITE_CANTOPEN;
        if ((code & 0xff) == SQLITE_NOTADB) throw InputError(tr("project.error.not_gpkg", {path_}));
        throw InputError(tr("edit.error.sqlite", {path_, db_ ? sqlite3_errmsg(db_) : "cannot open"}));
    }
    void exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail();
    }
    // The first column of the first row of a statement, as text ("" when none).
    std::string text(const char* sql) {
        auto st = prepare(sql);
        const int rc = sqlite3_step(st.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail();
        const unsigned char* t = rc == SQLITE_ROW ? sqlite3_column_text(st.get(), 0) : nullptr;
        return t ? reinterpret_cast<const char*>(t) : "";
    }
    using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;
    Statement prepare(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) fail();
        return Statement(st, sqlite3_finalize);
    }
    void run(sqlite3_stmt* st) {
        if (sqlite3_step(st) != SQLITE_DONE) fail();
    }
    int changes() const { return sqlite3_changes(db_); }
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

// GeoPackage rtree triggers name GDAL's SQL functions (ST_IsEmpty, ST_MinX …) even in the WHEN of
// triggers that fire only when a feature's fid or geometry changes. Attribute updates never get
// there, but SQLite must know the names to prepare the UPDATE. Should one ever be called, it fails
// and the transaction rolls back: an edit here can never leave the spatial index stale.
void refuseGeometryFunction(sqlite3_context* ctx, int, sqlite3_value**) {
    sqlite3_result_error(ctx, "gapmap edits do not change geometry", -1);
}

void registerGeometryGuards(sqlite3* db) {
    for (const char* name : {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"})
        sqlite3_create_function_v2(db, name, 1, SQLITE_UTF8, nullptr, refuseGeometryFunction, nullptr, nullptr, nullptr);
}

void bindValue(sqlite3_stmt* st, int index, const FieldEdit& e) {
    const bool integerColumn = !e.isSetting() && e.field != "electricity" && e.field != "mobile";
    if (!e.value) sqlite3_bind_null(st, index);
    else if (integerColumn) sqlite3_bind_int64(st, index, std::stoll(*e.value));
    else sqlite3_bind_text(st, index, e.value->c_str(), -1, SQLITE_TRANSIENT);
}

void writeSetting(Db& db, const FieldEdit& e) {
    if (!e.value) {
        auto del = db.prepare("DELETE FROM settings WHERE key = ?1");
        sqlite3_bind_text(del.get(), 1, e.field.c_str(), -1, SQLITE_TRANSIENT);
        db.run(del.get());
        return;
    }
    auto update = db.prepare("UPDATE settings SET value = ?1 WHERE key = ?2");
    bindValue(update.get(), 1, e);
    sqlite3_bind_text(update.get(), 2, e.field.c_str(), -1, SQLITE_TRANSIENT);
    db.run(update.get());
    if (db.changes() > 0) return;
    auto insert = db.prepare("INSERT INTO settings (key, value) VALUES (?2, ?1)");
    bindValue(insert.get(), 1, e);
    sqlite3_bind_text(insert.get(), 2, e.field.c_str(), -1, SQLITE_TRANSIENT);
    db.run(insert.get());
}

void writeVillageField(Db& db, const FieldEdit& e) {
    // The column name comes from editableVillageFields() (checked by villageEdit), never from input.
    const FieldEdit checked = villageEdit(e.villageCode, e.field, e.value.value_or(""));
    auto update = db.prepare("UPDATE villages SET \"" + checked.field + "\" = ?1 WHERE code = ?2");
    bindValue(update.get(), 1, checked);
    sqlite3_bind_text(update.get(), 2, e.villageCode.c_str(), -1, SQLITE_TRANSIENT);
    db.run(update.get());
    if (db.changes() == 0) throw InputError(tr("edit.error.no_village_in", {db.path(), e.villageCode}));
}

Project readSettings(Db& db) {
    Project p;
    auto st = db.prepare("SELECT key, value FROM settings");
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
        auto col = [&](int i) { const unsigned char* t = sqlite3_column_text(st.get(), i); return std::string(t ? reinterpret_cast<const char*>(t) : ""); };
        p.settings.push_back({col(0), col(1)});
    }
    if (rc != SQLITE_DONE) db.fail();
    return p;
}

// The `commune_summary` layer that writeProject leaves for QGIS (the map's indicator per commune,
// io/project_file.cpp writeQgisLayers) is derived from villages and settings: after an edit it is
// recomputed here, inside the edit's transaction, so that QGIS never shows figures the edit made
// stale. The project is read through another connection, so it is as committed before this
// transaction (which holds the write lock: no other writer in between), and the edits are applied
// to it in memory. Attribute columns
// only, by commune code (the geometry and its rtree triggers are never touched); a column the
// layer lacks (a file written by an older gapmap) is left out. Returns the rows updated.
size_t refreshCommuneSummary(Db& db, const std::vector<FieldEdit>& edits) {
    if (db.text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'commune_summary'") != "1") return 0;
    ProjectReadOptions noAreas;  // the figures need no polygons
    noAreas.areas = false;
    Project project = readProject(db.path(), noAreas);
    for (const FieldEdit& e : edits) applyEdit(project, e);
    CoverageRules rules;  // an invalid setting: the defaults, as writeQgisLayers and the app's map do
    try { rules = CoverageRules::fromProject(project); } catch (const std::exception&) {}
    const DataTable t = areaTable(project, analyseCoverage(project, rules), AdminLevel::Commune);
    std::set<std::string> present;
    {
        auto info = db.prepare("SELECT name FROM pragma_table_info('commune_summary')");
        while (sqlite3_step(info.get()) == SQLITE_ROW)
            present.insert(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 0)));
    }
    int codeColumn = -1;
    std::vector<int> columns;  // indices into t.columns that the layer has, except the key
    std::string sql = "UPDATE commune_summary SET ";
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].name == "code") { codeColumn = int(c); continue; }
        if (!present.count(t.columns[c].name)) continue;
        sql += (columns.empty() ? "\"" : ", \"") + t.columns[c].name + "\" = ?" + std::to_string(columns.size() + 1);
        columns.push_back(int(c));
    }
    if (codeColumn < 0 || columns.empty() || !present.count("code") || !present.count("fid")) return 0;
    // By fid, the table's INTEGER PRIMARY KEY: `code` has no index, and 11,163 updates by code
    // scanned the table each time (35 s for a national file; by fid 0.0x s).
    std::unordered_map<std::string, sqlite3_int64> fidOf;
    {
        auto ids = db.prepare("SELECT fid, code FROM commune_summary");
        while (sqlite3_step(ids.get()) == SQLITE_ROW)
            if (const unsigned char* c = sqlite3_column_text(ids.get(), 1)) fidOf.emplace(reinterpret_cast<const char*>(c), sqlite3_column_int64(ids.get(), 0));
    }
    sql += " WHERE fid = ?" + std::to_string(columns.size() + 1);
    auto update = db.prepare(sql);
    size_t updated = 0;
    for (const std::vector<Cell>& row : t.rows) {
        sqlite3_reset(update.get());
        for (size_t i = 0; i < columns.size(); ++i) {
            const Cell& cell = row[size_t(columns[i])];
            const int at = int(i) + 1;
            if (const auto* text = std::get_if<std::string>(&cell)) sqlite3_bind_text(update.get(), at, text->c_str(), -1, SQLITE_TRANSIENT);
            else if (const auto* n = std::get_if<std::int64_t>(&cell)) sqlite3_bind_int64(update.get(), at, *n);
            else if (const auto* d = std::get_if<double>(&cell)) sqlite3_bind_double(update.get(), at, *d);
            else sqlite3_bind_null(update.get(), at);
        }
        const auto fid = fidOf.find(cellText(row[size_t(codeColumn)]));
        if (fid == fidOf.end()) continue;  // a commune the layer was written without
        sqlite3_bind_int64(update.get(), int(columns.size()) + 1, fid->second);
        db.run(update.get());
        updated += size_t(db.changes());
    }
    auto st = db.prepare("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = 'commune_summary'");
    db.run(st.get());
    return updated;
}

}  // namespace

void commitEdits(const std::string& path, const std::vector<FieldEdit>& edits) {
    if (isServerProject(path)) return commitServerEdits(parseServerAddress(path), edits);  // row-version checked (io/pg_project.h)
    Db db(path);
    if (db.text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'admin_units', 'villages')") != "3")
        throw InputError(tr("project.error.not_gapmap", {path}));
    registerGeometryGuards(db.handle());
    // WAL: a commit appends to path-wal and readers keep reading; FULL: that append is fsync'ed
    // before COMMIT returns, so an acknowledged edit survives kill -9 and power loss alike
    // (NORMAL would survive kill -9 only). The cost, one fsync per edit, is nothing for hand edits.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("BEGIN IMMEDIATE");  // takes the write lock now: no other writer between our checks and writes
    try {
        bool settingsChanged = false, villagesChanged = false;
        for (const FieldEdit& e : edits) {
            if (e.isSetting()) { writeSetting(db, e); settingsChanged = true; }
            else { writeVillageField(db, e); villagesChanged = true; }
        }
        if (settingsChanged) {
            try {
                checkSettings(readSettings(db), {});
            } catch (const InputError& e) {
                throw InputError(tr("edit.error.in_file", {path, e.what()}));
            }
        }
        refreshCommuneSummary(db, edits);
        // GeoPackage: gpkg_contents.last_change tells QGIS and others the table changed.
        for (auto [table, changed] : {std::pair{"settings", settingsChanged}, std::pair{"villages", villagesChanged}}) {
            if (!changed) continue;
            auto st = db.prepare("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = ?1");
            sqlite3_bind_text(st.get(), 1, table, -1, SQLITE_STATIC);
            db.run(st.get());
        }
        db.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void retireWal(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path + "-wal", ec)) return;
    Db db(path);
    // Leaving WAL mode checkpoints everything committed into the file and deletes path-wal; SQLite
    // refuses (the mode stays "wal") while another connection has the file open.
    if (db.text("PRAGMA journal_mode = DELETE") != "delete") throw InputError(tr("edit.error.in_use", {path}));
}

}  // namespace gapmap
