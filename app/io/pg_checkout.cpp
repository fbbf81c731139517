// `gapmap checkout PG:… --out copy.gpkg`: an offline copy (io/pg_sync.h). The file is first written
// by writeProject from an empty project — so its structure is exactly a gapmap project's, readable by
// every command, the app and QGIS — then filled with plain SQLite from one REPEATABLE READ snapshot of
// the server, under a temporary name renamed over --out only when complete.
#include <unistd.h>

#include <filesystem>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/model.h"
#include "io/pg_address.h"
#include "io/pg_sync.h"
#include "io/project_edits.h"
#include "io/project_file.h"
#include "io/sync_copy.h"

namespace gapmap {
namespace {

using namespace sync;

Scope resolveScope(PgConnection& pg, const CheckoutScope& scope) {
    Scope out;
    if (scope.communeCode.empty() && scope.districtCode.empty()) return out;
    out.all = false;
    const std::string units = pg.table("admin_units");
    const bool commune = !scope.communeCode.empty();
    for (const PgRow& r : pg.query(commune ? "SELECT code::text FROM " + units + " WHERE code = $1 AND level = 'commune'"
                                           : "SELECT code::text FROM " + units + " WHERE parent_code = $1 AND level = 'commune' ORDER BY code",
                                   {commune ? scope.communeCode : scope.districtCode}))
        out.communes.push_back(r[0].value_or(""));
    if (out.communes.empty())
        throw UsageError(commune ? tr("sync.error.no_commune", {scope.communeCode}) : tr("sync.error.no_district", {scope.districtCode}));
    return out;
}

bool serverHas(PgConnection& pg, const std::string& relation) {
    return pg.value("SELECT to_regclass($1) IS NOT NULL", {pg.table(relation)}) == "t";
}

}  // namespace

namespace sync {

// The copy's bookkeeping, replaced whole at checkout and at every sync: the load records (a table never
// loaded stays *no data* in the copy too; outcomes the role may not read are no data for it), and,
// for a role without gapmap_protection, the server's per-commune Trusted Address counts.
void copyBookkeeping(PgConnection& pg, LocalDb& db, const Scope& scope, bool trustedRows, bool outcomeRows) {
    if (serverHas(pg, "table_loads")) {
        db.exec("DELETE FROM table_loads");
        for (const PgRow& r : pg.query("SELECT table_name::text, source_file::text, loaded_at::text, rows::text, missing_columns::text FROM " +
                                       pg.table("table_loads"))) {
            if (!outcomeRows && r[0] && *r[0] == kOutcomesTable) continue;
            db.run("INSERT INTO table_loads (table_name, source_file, loaded_at, rows, missing_columns) VALUES (?1, ?2, ?3, ?4, ?5)",
                   {{ColumnType::Text, r[0]}, {ColumnType::Text, r[1]}, {ColumnType::Text, r[2]}, {ColumnType::Integer, r[3]}, {ColumnType::Text, r[4]}});
        }
    }
    db.exec("DROP TABLE IF EXISTS trusted_address_counts");
    if (trustedRows || !serverHas(pg, "trusted_address_counts")) return;
    db.exec("CREATE TABLE trusted_address_counts (commune_code TEXT, count INTEGER, active INTEGER)");
    const std::string where = scope.all ? "" : " WHERE commune_code = ANY($1::text[])";
    for (const PgRow& r : pg.query("SELECT commune_code::text, count::text, active::text FROM " + pg.table("trusted_address_counts") + where,
                                   scopeParams(scope)))
        db.run("INSERT INTO trusted_address_counts VALUES (?1, ?2, ?3)",
               {{ColumnType::Text, r[0]}, {ColumnType::Integer, r[1]}, {ColumnType::Integer, r[2]}});
}

}  // namespace sync

CheckoutSummary checkoutProject(const std::string& address, const std::string& outPath, const CheckoutScope& scope, bool force) {
    namespace fs = std::filesystem;
    const ServerAddress at = parseServerAddress(address);
    if (!scope.communeCode.empty() && !scope.districtCode.empty()) throw UsageError(tr("sync.error.one_scope"));
    if (projectExists(outPath) && !force) throw InputError(tr("sync.error.out_exists", {outPath}));
    PgConnection pg(at);
    if (!serverHas(pg, "meta") || !serverHas(pg, "change_log")) throw InputError(tr("pg.error.no_project", {at.schema, at.display()}));
    // One snapshot for every table and the change-log position: the copy is the server at one instant.
    PgTransaction snapshot(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const Scope sc = resolveScope(pg, scope);
    auto readable = [&](const char* t) { return pg.value("SELECT has_table_privilege($1, 'SELECT')", {pg.table(t)}) == "t"; };
    const bool trustedRows = readable(kTrustedAddressesTable), outcomeRows = readable(kOutcomesTable);

    CheckoutSummary summary;
    summary.role = pg.value("SELECT current_user::text");
    summary.communes = sc.communes.size();
    summary.trustedAddressRows = trustedRows;

    const fs::path target = fs::absolute(outPath);
    const fs::path temp = target.parent_path() / ("." + target.filename().string() + ".checkout-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(temp, ec);
    writeProject(Project{}, temp.string());
    try {
        LocalDb db(temp.string());
        for (const SyncedTable& t : syncedTables()) {
            db.exec("ALTER TABLE " + quoted(t.name()) + " ADD COLUMN gid INTEGER");
            db.exec("ALTER TABLE " + quoted(t.name()) + " ADD COLUMN row_version INTEGER");
            db.exec("CREATE INDEX " + quoted("sync_gid_" + t.name()) + " ON " + quoted(t.name()) + " (gid)");
        }
        createSyncTables(db);
        db.exec("BEGIN IMMEDIATE");
        setState(db, "applying", "1");
        for (const SyncedTable& t : syncedTables()) {
            if ((t.name() == kTrustedAddressesTable && !trustedRows) || (t.name() == kOutcomesTable && !outcomeRows)) continue;
            for (const PgRow& r : pg.query("SELECT " + serverSelectList(t) + " FROM " + pg.table(t.name()) + " WHERE " + scopeFilter(t, pg, sc) +
                                               " ORDER BY gid",
                                           scopeParams(sc))) {
                writeLocalRow(db, t, r, std::nullopt);
                ++summary.rows;
            }
        }
        copyBookkeeping(pg, db, sc, trustedRows, outcomeRows);
        setState(db, "source", at.display());
        setState(db, "schema", at.schema);
        setState(db, "role", summary.role);
        setState(db, "scope", sc.all ? "" : textArray(sc.communes));
        setState(db, "trusted_address_rows", trustedRows ? "1" : "0");
        setState(db, "outcome_rows", outcomeRows ? "1" : "0");
        setState(db, "last_seq", pg.value("SELECT coalesce(max(seq), 0)::text FROM " + pg.table("change_log")));
        setState(db, "checked_out_at", pg.value("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"));
        db.exec("DELETE FROM sync_state WHERE key = 'applying'");
        db.exec("COMMIT");
        db.exec("PRAGMA journal_mode = DELETE");  // one file, no -wal beside it, before the rename
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    snapshot.commit();
    if (fs::exists(target, ec)) retireWal(target.string());  // --force: no -wal of the old file may apply to the new one
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw InputError(tr("project.error.cannot_replace", {outPath, ec.message()}));
    }
    return summary;
}

}  // namespace gapmap
