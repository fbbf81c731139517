// `gapmap sync`: push the copy's changes, pull the server's, in one server transaction and one SQLite
// transaction (io/pg_sync.h). Order, and why a kill -9 anywhere leaves no half-applied sync:
//   1. server BEGIN; X = txid_current()        a kill here: the server rolls back, the copy is untouched
//   2. copy: sync_state.pending_xid = X, committed on its own (durable before the server can commit)
//   3. copy BEGIN IMMEDIATE; push row by row with a row_version check; pull; nothing committed yet
//   4. server COMMIT                            a kill before: server rolls back, copy rolls back
//   5. copy COMMIT (clears pending_xid)         a kill before: the server has X, the copy has not
// The next sync finds pending_xid: txid_status(X) says whether X committed; if it did, the change_log
// rows X wrote (xmin = X) say which of the copy's changes the server took, and the copy records them
// before pushing anything again — so nothing is pushed twice and nothing is lost.
// Pull compares (gid, row_version) of every row in scope rather than reading change_log from a
// sequence number: sequence order is not commit order, and a row written by a transaction that
// commits late would be skipped for ever.
#include "io/pg_sync.h"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/model.h"
#include "io/pg_address.h"
#include "io/sync_copy.h"

namespace gapmap {
namespace {

using namespace sync;

struct CopyInfo {
    ServerAddress address;
    Scope scope;
    bool trustedRows = false, outcomeRows = false;
};

Scope parseScope(const std::string& literal) {
    Scope out;
    if (literal.empty()) return out;
    out.all = false;
    std::string item;
    bool inQuotes = false;
    for (std::size_t i = 1; i + 1 <= literal.size(); ++i) {
        const char c = literal[i];
        if (c == '\\' && i + 1 < literal.size()) { item += literal[++i]; continue; }
        if (c == '"') { inQuotes = !inQuotes; continue; }
        if (!inQuotes && (c == ',' || c == '}')) { if (!item.empty()) out.communes.push_back(item); item.clear(); continue; }
        item += c;
    }
    return out;
}

CopyInfo readCopyInfo(LocalDb& db) {
    if (!db.hasTable("sync_state") || stateOr(db, "source").empty()) throw InputError(tr("sync.error.not_copy", {db.path()}));
    CopyInfo info{parseServerAddress(stateOr(db, "source")), parseScope(stateOr(db, "scope")), stateOr(db, "trusted_address_rows") == "1",
                  stateOr(db, "outcome_rows") == "1"};
    info.address.schema = stateOr(db, "schema", info.address.schema);
    return info;
}

bool withheld(const CopyInfo& info, const SyncedTable& t) {
    return (t.name() == kTrustedAddressesTable && !info.trustedRows) || (t.name() == kOutcomesTable && !info.outcomeRows);
}

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// A row of the copy: its stored columns as text, then its geometry as WKB hex (geometry tables).
struct LocalRow {
    bool found = false;
    std::vector<Value> values;  // columns, then geometry WKB hex
    Value geomBlob;
};

LocalRow readLocalRow(LocalDb& db, const SyncedTable& t, std::int64_t fid) {
    std::string sql = "SELECT ";
    for (const ColumnSpec* c : t.columns) sql += "CAST(" + quoted(c->name) + " AS TEXT), ";
    sql += t.hasGeometry() ? "hex(geom), geom" : "NULL, NULL";
    LocalRow out;
    db.each(sql + " FROM " + quoted(t.name()) + " WHERE fid = ?1", {std::to_string(fid)}, [&](const std::vector<Value>& r) {
        out.found = true;
        out.values.assign(r.begin(), r.begin() + long(t.columns.size()));
        if (t.hasGeometry()) out.values.push_back(r[t.columns.size()] ? Value(blobHexToWkbHex(*r[t.columns.size()])) : std::nullopt);
        out.geomBlob = r[t.columns.size() + 1];
    });
    return out;
}

// The row's values at the last sync (local_changes.base), in readLocalRow's order.
std::vector<Value> baseValues(LocalDb& db, const SyncedTable& t, const Value& json) {
    std::string sql = "SELECT ";
    for (const ColumnSpec* c : t.columns) sql += "json_extract(?1, '$." + c->name + "'), ";
    sql += t.hasGeometry() ? "json_extract(?1, '$.geom')" : "NULL";
    std::vector<Value> out;
    db.each(sql, {json}, [&](const std::vector<Value>& r) { out = r; });
    out.resize(t.columns.size() + (t.hasGeometry() ? 1 : 0));
    if (t.hasGeometry() && out.back()) out.back() = blobHexToWkbHex(*out.back());
    return out;
}

// A server row's values in readLocalRow's order.
std::vector<Value> serverValues(const SyncedTable& t, const PgRow& r) {
    std::vector<Value> out(r.begin() + kFirstColumn, r.begin() + kFirstColumn + long(t.columns.size()));
    if (t.hasGeometry()) out.push_back(r[kFirstColumn + t.columns.size()] ? Value(upper(*r[kFirstColumn + t.columns.size()])) : std::nullopt);
    return out;
}

bool sameField(const SyncedTable& t, std::size_t i, const Value& a, const Value& b) {
    return i < t.columns.size() ? sameValue(t.columns[i]->type, a, b) : a == b;
}

std::string fieldName(const SyncedTable& t, std::size_t i) { return i < t.columns.size() ? t.columns[i]->name : "geom"; }

// The SQL a pushed geometry is written with (WKB hex in, the table's PostGIS type out).
std::string geometryParam(const SyncedTable& t, int index) {
    const std::string g = "ST_SetSRID(ST_GeomFromWKB(decode($" + std::to_string(index) + ", 'hex')), 4326)";
    return t.spec->geometry == GeometryKind::MultiPolygon ? "ST_Multi(" + g + ")" : g;
}

// A JSON object of the row's values, as the update trigger stores `base` (geometry as hex of a blob).
Value jsonOf(LocalDb& db, const SyncedTable& t, const std::vector<Value>& values) {
    std::string sql = "SELECT json_object(";
    std::vector<Value> params;
    for (std::size_t i = 0; i < values.size(); ++i) {
        params.push_back(i < t.columns.size() || !values[i] ? values[i] : Value(upper(*values[i])));
        sql += (i ? ", '" : "'") + fieldName(t, i) + "', ?" + std::to_string(i + 1);
    }
    Value out;
    db.each(sql + ")", params, [&](const std::vector<Value>& r) { out = r[0]; });
    return out;
}

class SyncRun {
public:
    SyncRun(PgConnection& pg, LocalDb& db, const CopyInfo& info, SyncSummary& out) : pg_(pg), db_(db), info_(info), out_(out) {
        now_ = db_.one("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
    }

    void push() {
        for (const SyncedTable& t : syncedTables()) {
            struct Change { std::int64_t fid; Value gid; std::string op; Value baseVersion, base; };
            std::vector<Change> changes;
            db_.each("SELECT fid, gid, op, base_version, base FROM local_changes WHERE table_name = ?1 ORDER BY fid", {t.name()},
                     [&](const std::vector<Value>& r) { changes.push_back({std::stoll(*r[0]), r[1], *r[2], r[3], r[4]}); });
            for (const Change& c : changes) {
                if (c.op == "I") pushInsert(t, c.fid);
                else if (c.op == "U") pushUpdate(t, c.fid, *c.gid, *c.baseVersion, c.base);
                else pushDelete(t, c.fid, *c.gid, *c.baseVersion);
                db_.run("DELETE FROM local_changes WHERE table_name = ?1 AND fid = ?2", {{ColumnType::Text, t.name()}, {ColumnType::Integer, std::to_string(c.fid)}});
            }
        }
    }

    void pull() {
        for (const SyncedTable& t : syncedTables()) {
            if (withheld(info_, t)) continue;
            std::map<std::int64_t, std::int64_t> server;  // gid -> row_version
            for (const PgRow& r : pg_.query("SELECT gid::text, row_version::text FROM " + pg_.table(t.name()) + " WHERE " + scopeFilter(t, pg_, info_.scope),
                                            scopeParams(info_.scope)))
                server[std::stoll(*r[0])] = std::stoll(*r[1]);
            std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> local;  // gid -> (fid, row_version)
            db_.each("SELECT gid, fid, coalesce(row_version, 0) FROM " + quoted(t.name()) + " WHERE gid IS NOT NULL", {},
                     [&](const std::vector<Value>& r) { local[std::stoll(*r[0])] = {std::stoll(*r[1]), std::stoll(*r[2])}; });
            std::set<std::int64_t> conflicted;
            db_.each("SELECT DISTINCT gid FROM sync_conflicts WHERE table_name = ?1 AND gid IS NOT NULL", {t.name()},
                     [&](const std::vector<Value>& r) { conflicted.insert(std::stoll(*r[0])); });
            std::vector<std::string> wanted;
            for (const auto& [gid, version] : server) {
                const auto it = local.find(gid);
                if (conflicted.count(gid) || (it != local.end() && it->second.second == version)) continue;
                wanted.push_back(std::to_string(gid));
            }
            for (const auto& [gid, at] : local) {
                if (server.count(gid) || conflicted.count(gid)) continue;
                db_.run("DELETE FROM " + quoted(t.name()) + " WHERE fid = ?1", {{ColumnType::Integer, std::to_string(at.first)}});
                ++out_.pulled;
            }
            for (std::size_t from = 0; from < wanted.size(); from += 1000) {
                const std::vector<std::string> part(wanted.begin() + long(from), wanted.begin() + long(std::min(wanted.size(), from + 1000)));
                for (const PgRow& r : pg_.query("SELECT " + serverSelectList(t) + " FROM " + pg_.table(t.name()) + " WHERE gid = ANY($1::bigint[])",
                                                {textArray(part)})) {
                    const auto it = local.find(std::stoll(*r[0]));
                    writeLocalRow(db_, t, r, it == local.end() ? std::nullopt : std::optional<std::int64_t>(it->second.first));
                    ++out_.pulled;
                }
            }
        }
    }

private:
    std::optional<PgRow> serverRow(const SyncedTable& t, std::int64_t gid) {
        std::vector<PgRow> rows = pg_.query("SELECT " + serverSelectList(t) + " FROM " + pg_.table(t.name()) + " WHERE gid = $1", {std::to_string(gid)});
        if (rows.empty()) return std::nullopt;
        return rows[0];
    }

    std::string changedBy(const SyncedTable& t, std::int64_t gid, const std::optional<PgRow>& row) {
        if (row) return (*row)[2].value_or("");
        return pg_.value("SELECT changed_by::text FROM " + pg_.table("change_log") + " WHERE table_name = $1 AND gid = $2 ORDER BY seq DESC LIMIT 1",
                         {t.name(), std::to_string(gid)});
    }

    std::string rowKey(const SyncedTable& t, std::int64_t fid) {
        return db_.one("SELECT " + rowKeyExpression(t.name()) + " FROM " + quoted(t.name()) + " WHERE fid = ?1", {std::to_string(fid)});
    }

    void conflict(const SyncedTable& t, std::int64_t gid, const std::string& key, const std::string& field, const Value& mine, const Value& theirs,
                  const Value& base, const Value& serverVersion, const std::string& by) {
        const std::string g = std::to_string(gid);
        db_.run("DELETE FROM sync_conflicts WHERE table_name = ?1 AND gid = ?2 AND field = ?3",
                {{ColumnType::Text, t.name()}, {ColumnType::Integer, g}, {ColumnType::Text, field}});
        db_.run("INSERT INTO sync_conflicts (table_name, gid, row_key, field, mine, theirs, base, server_version, changed_by, detected_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                {{ColumnType::Text, t.name()}, {ColumnType::Integer, g}, {ColumnType::Text, key}, {ColumnType::Text, field}, {ColumnType::Text, mine},
                 {ColumnType::Text, theirs}, {ColumnType::Text, base}, {ColumnType::Integer, serverVersion}, {ColumnType::Text, by},
                 {ColumnType::Text, now_}});
        out_.newConflicts.push_back({t.name(), key, field, mine, theirs, by});
    }

    void pushInsert(const SyncedTable& t, std::int64_t fid) {
        const LocalRow row = readLocalRow(db_, t, fid);
        if (!row.found) return;
        std::string names, marks;
        std::vector<PgValue> params;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            params.push_back(row.values[i]);
            names += (i ? ", " : "") + quoted(t.columns[i]->name);
            marks += (i ? ", $" : "$") + std::to_string(params.size());
        }
        if (t.hasGeometry() && row.values.back()) {
            params.push_back(row.values.back());
            names += ", geom";
            marks += ", " + geometryParam(t, int(params.size()));
        }
        const std::vector<PgRow> r = pg_.query("INSERT INTO " + pg_.table(t.name()) + " (" + names + ") VALUES (" + marks + ") RETURNING gid::text, row_version::text", params);
        db_.run("UPDATE " + quoted(t.name()) + " SET gid = ?1, row_version = ?2 WHERE fid = ?3",
                {{ColumnType::Integer, r[0][0]}, {ColumnType::Integer, r[0][1]}, {ColumnType::Integer, std::to_string(fid)}});
        ++out_.pushed;
    }

    void pushUpdate(const SyncedTable& t, std::int64_t fid, const std::string& gid, const std::string& baseVersion, const Value& baseJson) {
        const LocalRow row = readLocalRow(db_, t, fid);
        if (!row.found) return;
        const std::vector<Value> base = baseValues(db_, t, baseJson);
        std::vector<std::size_t> changed;
        for (std::size_t i = 0; i < row.values.size(); ++i)
            if (!sameField(t, i, row.values[i], base[i])) changed.push_back(i);
        if (changed.empty()) return;  // changed and changed back
        std::string sets;
        std::vector<PgValue> params{gid, baseVersion};
        for (std::size_t i : changed) {
            params.push_back(row.values[i]);
            const std::string mark = i < t.columns.size() ? "$" + std::to_string(params.size()) : geometryParam(t, int(params.size()));
            sets += (sets.empty() ? "" : ", ") + quoted(fieldName(t, i)) + " = " + (row.values[i] ? mark : "NULL");
            if (!row.values[i]) params.pop_back();
        }
        // The row-version check: the server takes the copy's values only over the version the copy last saw.
        const std::vector<PgRow> done = pg_.query("UPDATE " + pg_.table(t.name()) + " SET " + sets + " WHERE gid = $1 AND row_version = $2 RETURNING row_version::text", params);
        if (done.size() == 1) {
            db_.run("UPDATE " + quoted(t.name()) + " SET row_version = ?1 WHERE fid = ?2", {{ColumnType::Integer, done[0][0]}, {ColumnType::Integer, std::to_string(fid)}});
            ++out_.pushed;
            return;
        }
        // Changed (or deleted) on the server since the copy's last sync: the first writer's value stays there.
        const std::optional<PgRow> server = serverRow(t, std::stoll(gid));
        const std::string key = rowKey(t, fid), by = changedBy(t, std::stoll(gid), server);
        if (!server) {
            conflict(t, std::stoll(gid), key, "", Value(key), std::nullopt, std::nullopt, std::nullopt, by);
            return;
        }
        const std::vector<Value> theirs = serverValues(t, *server);
        bool any = false;
        for (std::size_t i : changed) {
            if (sameField(t, i, row.values[i], theirs[i])) continue;
            conflict(t, std::stoll(gid), key, fieldName(t, i), row.values[i], theirs[i], base[i], (*server)[1], by);
            any = true;
        }
        if (!any) writeLocalRow(db_, t, *server, fid);  // the server already holds the copy's values
    }

    void pushDelete(const SyncedTable& t, std::int64_t fid, const std::string& gid, const std::string& baseVersion) {
        if (pg_.command("DELETE FROM " + pg_.table(t.name()) + " WHERE gid = $1 AND row_version = $2", {gid, baseVersion}) == 1) {
            ++out_.pushed;
            return;
        }
        const std::optional<PgRow> server = serverRow(t, std::stoll(gid));
        if (!server) return;  // deleted there too
        // Deleted here, changed there: the row stays on the server; the copy gets it back once settled.
        std::vector<Value> key;
        const std::string keyText = [&] {
            std::string sql = "SELECT " + rowKeyExpression(t.name()) + " FROM (SELECT ";
            std::vector<Value> params;
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                params.push_back((*server)[kFirstColumn + i]);
                sql += (i ? ", ?" : "?") + std::to_string(i + 1) + " AS " + quoted(t.columns[i]->name);
            }
            return db_.one(sql + ")", params);
        }();
        (void)fid;
        conflict(t, std::stoll(gid), keyText, "", std::nullopt, Value(keyText), std::nullopt, (*server)[1], changedBy(t, std::stoll(gid), server));
    }

    PgConnection& pg_;
    LocalDb& db_;
    const CopyInfo& info_;
    SyncSummary& out_;
    std::string now_;
};

// A sync killed between the server's commit and the copy's (step 5 above) is completed here.
bool completeInterruptedSync(LocalDb& db, PgConnection& pg) {
    const std::string xid = stateOr(db, "pending_xid");
    if (xid.empty()) return false;
    std::string status;
    for (int i = 0; i < 300; ++i) {  // a killed client's server session ends within moments; 30 s at most
        status = pg.value("SELECT txid_status($1::bigint)", {xid});
        if (status != "in progress") break;
        ::usleep(100000);
    }
    if (status == "in progress") throw InputError(tr("sync.error.still_running", {db.path()}));
    if (status != "committed") {
        db.exec("DELETE FROM sync_state WHERE key = 'pending_xid'");
        return false;
    }
    // change_log rows that transaction wrote: xmin is its 32-bit transaction id.
    struct Entry { std::string table, op; std::int64_t gid, version; };
    std::vector<Entry> entries;
    for (const PgRow& r : pg.query("SELECT table_name::text, op::text, gid::text, coalesce(row_version, 0)::text FROM " + pg.table("change_log") +
                                       " WHERE xmin::text = $1 ORDER BY seq",
                                   {std::to_string(std::stoull(xid) & 0xffffffffULL)}))
        entries.push_back({*r[0], *r[1], std::stoll(*r[2]), std::stoll(*r[3])});
    db.exec("BEGIN IMMEDIATE");
    try {
        setState(db, "applying", "1");
        for (const SyncedTable& t : syncedTables()) {
            std::vector<const Entry*> inserts;
            std::map<std::int64_t, const Entry*> last;  // gid -> its last U or D
            for (const Entry& e : entries) {
                if (e.table != t.name()) continue;
                if (e.op == "I") inserts.push_back(&e);
                else last[e.gid] = &e;
            }
            std::size_t nextInsert = 0;
            struct Change { std::int64_t fid; Value gid; std::string op; };
            std::vector<Change> changes;
            db.each("SELECT fid, gid, op FROM local_changes WHERE table_name = ?1 ORDER BY fid", {t.name()},
                    [&](const std::vector<Value>& r) { changes.push_back({std::stoll(*r[0]), r[1], *r[2]}); });
            for (const Change& c : changes) {
                const std::string fid = std::to_string(c.fid);
                const std::vector<Bound> where{{ColumnType::Text, t.name()}, {ColumnType::Integer, fid}};
                if (c.op == "I" && nextInsert < inserts.size()) {
                    const Entry& e = *inserts[nextInsert++];
                    db.run("UPDATE " + quoted(t.name()) + " SET gid = ?1, row_version = ?2 WHERE fid = ?3",
                           {{ColumnType::Integer, std::to_string(e.gid)}, {ColumnType::Integer, std::to_string(e.version)}, {ColumnType::Integer, fid}});
                    db.run("DELETE FROM local_changes WHERE table_name = ?1 AND fid = ?2", where);
                    continue;
                }
                if (!c.gid) continue;
                const auto it = last.find(std::stoll(*c.gid));
                if (it == last.end()) continue;  // the server did not take this change: the next push finds the conflict
                if (c.op == "D") { db.run("DELETE FROM local_changes WHERE table_name = ?1 AND fid = ?2", where); continue; }
                // Taken at version e.version. The copy's base becomes the server's row now; a later edit
                // here (after the kill) stays a change, and a later edit there makes the push a conflict.
                std::vector<PgRow> rows = pg.query("SELECT " + serverSelectList(t) + " FROM " + pg.table(t.name()) + " WHERE gid = $1", {*c.gid});
                if (rows.empty()) continue;
                const LocalRow mine = readLocalRow(db, t, c.fid);
                const std::vector<Value> theirs = serverValues(t, rows[0]);
                bool same = std::stoll(*rows[0][1]) == it->second->version;
                for (std::size_t i = 0; same && i < theirs.size(); ++i) same = sameField(t, i, mine.values[i], theirs[i]);
                if (same) {
                    db.run("UPDATE " + quoted(t.name()) + " SET row_version = ?1 WHERE fid = ?2", {{ColumnType::Integer, *rows[0][1]}, {ColumnType::Integer, fid}});
                    db.run("DELETE FROM local_changes WHERE table_name = ?1 AND fid = ?2", where);
                } else {
                    std::vector<Value> base = theirs;
                    if (t.hasGeometry() && base.back()) {  // base geometry is kept as hex of a GeoPackage blob
                        const PgRow& r = rows[0];
                        const std::size_t g = kFirstColumn + t.columns.size();
                        const std::string blob = wkbHexToBlob(*r[g], std::stod(*r[g + 1]), std::stod(*r[g + 2]), std::stod(*r[g + 3]), std::stod(*r[g + 4]));
                        base.back() = db.one("SELECT hex(?1)", {blob});
                    }
                    db.run("UPDATE local_changes SET base_version = ?1, base = ?2 WHERE table_name = ?3 AND fid = ?4",
                           {{ColumnType::Integer, std::to_string(it->second->version)}, {ColumnType::Text, jsonOf(db, t, base)}, {ColumnType::Text, t.name()},
                            {ColumnType::Integer, fid}});
                    db.run("UPDATE " + quoted(t.name()) + " SET row_version = ?1 WHERE fid = ?2",
                           {{ColumnType::Integer, std::to_string(it->second->version)}, {ColumnType::Integer, fid}});
                }
            }
        }
        db.exec("DELETE FROM sync_state WHERE key IN ('pending_xid', 'applying')");
        db.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return true;
}

std::vector<SyncConflict> conflictsIn(LocalDb& db) {
    std::vector<SyncConflict> out;
    db.each("SELECT table_name, coalesce(row_key, ''), coalesce(field, ''), mine, theirs, coalesce(changed_by, '') FROM sync_conflicts ORDER BY id", {},
            [&](const std::vector<Value>& r) { out.push_back({*r[0], *r[1], *r[2], r[3], r[4], *r[5]}); });
    return out;
}

}  // namespace

bool isOfflineCopy(const std::string& path) {
    sqlite3* db = nullptr;
    bool yes = false;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'", -1, &st, nullptr) == SQLITE_OK)
            yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    sqlite3_close_v2(db);
    return yes;
}

SyncSummary syncCopy(const std::string& path) {
    LocalDb db(path);
    const CopyInfo info = readCopyInfo(db);
    PgConnection pg(info.address);
    SyncSummary out;
    out.server = info.address.display();
    out.recovered = completeInterruptedSync(db, pg);

    PgTransaction tx(pg);
    const std::string xid = pg.value("SELECT txid_current()::text");
    setState(db, "pending_xid", xid);  // its own durable commit, before the server can commit anything
    killPointForTests("pending_recorded");
    db.exec("BEGIN IMMEDIATE");  // the app or `gapmap edit` waits while the copy is synced
    try {
        setState(db, "applying", "1");  // the change triggers stay quiet for what the sync writes
        SyncRun run(pg, db, info, out);
        run.push();
        killPointForTests("pushed");
        run.pull();
        copyBookkeeping(pg, db, info.scope, info.trustedRows, info.outcomeRows);
        setState(db, "last_seq", pg.value("SELECT coalesce(max(seq), 0)::text FROM " + pg.table("change_log")));
        setState(db, "last_sync_at", db.one("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"));
        db.exec("DELETE FROM sync_state WHERE key IN ('pending_xid', 'applying')");
        killPointForTests("before_server_commit");
        tx.commit();
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;  // the server transaction rolls back with `tx`; pending_xid then reads "aborted" next time
    }
    killPointForTests("server_committed");
    db.exec("COMMIT");
    out.openConflicts = conflictsIn(db);
    return out;
}

std::vector<SyncConflict> listConflicts(const std::string& path) {
    LocalDb db(path);
    if (!db.hasTable("sync_conflicts")) throw InputError(tr("sync.error.not_copy", {path}));
    return conflictsIn(db);
}

int resolveConflict(const std::string& path, const std::string& rowKey, Resolution how) {
    LocalDb db(path);
    if (!db.hasTable("sync_conflicts")) throw InputError(tr("sync.error.not_copy", {path}));
    struct Row { std::string id, table; Value gid; std::string field; Value mine, theirs, serverVersion; };
    std::vector<Row> rows;
    db.each("SELECT id, table_name, gid, coalesce(field, ''), mine, theirs, server_version FROM sync_conflicts "
            "WHERE row_key = ?1 OR table_name || ':' || row_key = ?1 ORDER BY id",
            {rowKey}, [&](const std::vector<Value>& r) { rows.push_back({*r[0], *r[1], r[2], *r[3], r[4], r[5], r[6]}); });
    if (rows.empty()) throw UsageError(tr("sync.error.no_conflict", {rowKey, path}));
    for (const Row& r : rows)
        if (r.table != rows[0].table) throw UsageError(tr("sync.error.ambiguous_key", {rowKey, rows[0].table, r.table}));
    const SyncedTable& t = *findSyncedTable(rows[0].table);
    db.exec("BEGIN IMMEDIATE");
    try {
        const std::string fid = rows[0].gid ? db.one("SELECT fid FROM " + quoted(t.name()) + " WHERE gid = ?1", {rows[0].gid}) : "";
        if (how == Resolution::Theirs) {
            // The copy takes the server's row at the next sync (its row_version is older than the server's);
            // the conflicting fields take the server's values now, so the map shows them at once.
            setState(db, "applying", "1");
            for (const Row& r : rows) {
                if (fid.empty()) continue;
                if (r.field.empty()) {
                    if (!r.theirs) db.run("DELETE FROM " + quoted(t.name()) + " WHERE fid = ?1", {{ColumnType::Integer, fid}});  // deleted there
                    continue;
                }
                if (r.field == "geom") continue;
                const ColumnSpec* c = findColumn(*t.spec, r.field);
                db.run("UPDATE " + quoted(t.name()) + " SET " + quoted(r.field) + " = ?1 WHERE fid = ?2", {{c->type, r.theirs}, {ColumnType::Integer, fid}});
            }
            db.exec("DELETE FROM local_changes WHERE table_name = " + std::string("'") + t.name() + "' AND fid = " + (fid.empty() ? "NULL" : fid));
            db.exec("DELETE FROM sync_state WHERE key = 'applying'");
        } else if (!fid.empty()) {
            const Row& first = rows[0];
            if (first.field.empty() && !first.theirs) {
                // Deleted on the server, kept here: it goes back to the server as a new row.
                db.run("INSERT OR REPLACE INTO local_changes VALUES (?1, ?2, NULL, 'I', NULL, NULL)", {{ColumnType::Text, t.name()}, {ColumnType::Integer, fid}});
            } else {
                // Pushed over the server's version at the conflict: the base is the server's values there.
                const LocalRow mine = readLocalRow(db, t, std::stoll(fid));
                std::vector<Value> base = mine.values;
                for (const Row& r : rows)
                    for (std::size_t i = 0; i < base.size(); ++i)
                        if (fieldName(t, i) == r.field) base[i] = r.theirs;
                if (t.hasGeometry() && base.back()) base.back() = db.one("SELECT hex(geom) FROM " + quoted(t.name()) + " WHERE fid = ?1", {fid});
                db.run("INSERT OR REPLACE INTO local_changes VALUES (?1, ?2, ?3, 'U', ?4, ?5)",
                       {{ColumnType::Text, t.name()}, {ColumnType::Integer, fid}, {ColumnType::Integer, first.gid}, {ColumnType::Integer, first.serverVersion},
                        {ColumnType::Text, jsonOf(db, t, base)}});
            }
        } else if (rows[0].serverVersion) {
            // Deleted here, changed there: delete it there too, over the version seen at the conflict.
            db.run("INSERT OR REPLACE INTO local_changes VALUES (?1, -?2, ?2, 'D', ?3, NULL)",
                   {{ColumnType::Text, t.name()}, {ColumnType::Integer, rows[0].gid}, {ColumnType::Integer, rows[0].serverVersion}});
        }
        for (const Row& r : rows) db.run("DELETE FROM sync_conflicts WHERE id = ?1", {{ColumnType::Integer, r.id}});
        db.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return int(rows.size());
}

}  // namespace gapmap
