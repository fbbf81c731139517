#include "io/pg_project.h"

#include <gdal_priv.h>

#include <map>
#include <mutex>
#include <set>

#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/pg_connection.h"
#include "io/project_dataset.h"

namespace gapmap {
namespace {

void requireProject(PgConnection& db) {
    if (db.value("SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'meta'", {db.address().schema}) != "1")
        throw InputError(tr("pg.error.no_project", {db.address().schema, db.address().display()}));
}

// One row per counted address, with its commune and active flag only: kpi, coverage and the map
// count them like rows, and nothing locates them.
void readTrustedAddressCounts(PgConnection& db, Project& p) {
    for (const PgRow& r : db.query("SELECT coalesce(commune_code, ''), count, active FROM " + db.table("trusted_address_counts") +
                                   " ORDER BY 1")) {
        addCountedTrustedAddresses(p, *r[0], std::stoll(r[1].value_or("0")), std::stoll(r[2].value_or("0")));
    }
}

// The row_version of each village as this process last read it from a server project (readServerProject),
// by address and schema: an edit made later in the same process (the desktop app's, long after it opened
// the project) is then checked against what the user saw, not against the server's latest. Edits this
// process commits move it on. Guarded: the app edits on its own thread.
struct ReadVersions {
    std::mutex mutex;
    std::map<std::string, std::map<std::string, long long>> byProject;  // address -> village code -> row_version
    std::map<std::string, std::map<std::string, long long>> settingsByProject;  // address -> setting key -> row_version
};
ReadVersions& readVersions() {
    static ReadVersions versions;
    return versions;
}
std::string projectKey(const ServerAddress& a) { return a.conninfo + " schema=" + a.schema; }

}  // namespace

Project readServerProject(const ServerAddress& address) {
    GdalSession::ensure();
    PgConnection db(address);
    requireProject(db);
    // Privileges decide what this role reads (RLS would hide the rows anyway; not reading them at
    // all keeps the server's refusals off the user's screen).
    std::set<std::string> withheld;
    for (const char* t : {kTrustedAddressesTable, kOutcomesTable})
        if (db.value("SELECT has_table_privilege($1, 'SELECT')", {db.table(t)}) != "t") withheld.insert(t);

    // Versions first, rows after: a change landing in between makes a later edit refused (safe), never
    // an older row taken for the newer version.
    std::map<std::string, long long> versions, settingVersions;
    for (const PgRow& r : db.query("SELECT code, row_version FROM " + db.table("villages")))
        if (r[0] && r[1]) versions[*r[0]] = std::stoll(*r[1]);
    for (const PgRow& r : db.query("SELECT key, row_version FROM " + db.table("settings")))
        if (r[0] && r[1]) settingVersions[*r[0]] = std::stoll(*r[1]);

    GdalErrorCapture capture;
    const char* drivers[] = {"PostgreSQL", nullptr};
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(address.gdal().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) throw InputError(tr("pg.error.gdal", {address.display(), capture.firstError()}));
    Project p = readProjectTables(*ds, withheld);
    if (withheld.count(kTrustedAddressesTable)) readTrustedAddressCounts(db, p);
    if (withheld.count(kOutcomesTable)) {
        // Outcomes this role may not read are no data for it, never zero.
        std::erase_if(p.loads, [](const TableLoad& l) { return l.table == kOutcomesTable; });
    }
    std::lock_guard<std::mutex> lock(readVersions().mutex);
    readVersions().byProject[projectKey(address)] = std::move(versions);
    readVersions().settingsByProject[projectKey(address)] = std::move(settingVersions);
    return p;
}

long long villageRowVersion(const ServerAddress& address, const std::string& villageCode) {
    PgConnection db(address);
    const std::string v = db.value("SELECT row_version FROM " + db.table("villages") + " WHERE code = $1", {villageCode});
    return v.empty() ? 0 : std::stoll(v);
}

void commitServerEdits(const ServerAddress& address, const std::vector<FieldEdit>& edits, const std::vector<ExpectedVersion>& expected) {
    PgConnection db(address);
    requireProject(db);
    PgTransaction tx(db);
    bool settingsChanged = false;
    std::map<std::string, long long> seen;  // village code -> row_version this transaction expects
    std::map<std::string, long long> seenSettings;  // setting key -> row_version expected (as for villages)
    {
        // What this process read (readServerProject), unless the caller says which version it read.
        std::lock_guard<std::mutex> lock(readVersions().mutex);
        const auto read = readVersions().byProject.find(projectKey(address));
        if (read != readVersions().byProject.end())
            for (const FieldEdit& e : edits)
                if (const auto v = read->second.find(e.villageCode); !e.isSetting() && v != read->second.end()) seen[e.villageCode] = v->second;
        const auto readSettings = readVersions().settingsByProject.find(projectKey(address));
        if (readSettings != readVersions().settingsByProject.end())
            for (const FieldEdit& e : edits)
                if (const auto v = readSettings->second.find(e.field); e.isSetting() && v != readSettings->second.end()) seenSettings[e.field] = v->second;
    }
    for (const ExpectedVersion& e : expected) seen[e.villageCode] = e.rowVersion;
    for (const FieldEdit& e : edits) {
        if (e.isSetting()) {
            settingsChanged = true;
            // The same row-version check as a village's: the version read (this process's read, else
            // now, at the start of this transaction); a setting no one had is added.
            auto it = seenSettings.find(e.field);
            if (it == seenSettings.end()) {
                const std::string v = db.value("SELECT row_version FROM " + db.table("settings") + " WHERE key = $1 ORDER BY gid LIMIT 1", {e.field});
                if (!v.empty()) it = seenSettings.emplace(e.field, std::stoll(v)).first;
            }
            if (it == seenSettings.end()) {
                if (e.value) db.command("INSERT INTO " + db.table("settings") + " (key, value) VALUES ($1, $2)", {e.field, *e.value});
                continue;
            }
            const std::string version = std::to_string(it->second);
            const long long n = e.value ? db.command("UPDATE " + db.table("settings") + " SET value = $2 WHERE key = $1 AND row_version = $3",
                                                     {e.field, *e.value, version})
                                        : db.command("DELETE FROM " + db.table("settings") + " WHERE key = $1 AND row_version = $2", {e.field, version});
            if (n == 0) {
                const std::vector<PgRow> now = db.query("SELECT row_version, updated_by FROM " + db.table("settings") + " WHERE key = $1", {e.field});
                if (!now.empty())
                    throw InputError(tr("pg.error.setting_changed", {address.display(), e.field, now[0][0].value_or("?"), now[0][1].value_or("?")}));
                // Deleted meanwhile: a value is added again, a removal is done already.
                if (e.value) db.command("INSERT INTO " + db.table("settings") + " (key, value) VALUES ($1, $2)", {e.field, *e.value});
            }
            ++it->second;
            continue;
        }
        // The column name comes from editableVillageFields() (checked by villageEdit), never from input.
        const FieldEdit checked = villageEdit(e.villageCode, e.field, e.value.value_or(""));
        auto it = seen.find(e.villageCode);
        if (it == seen.end()) {
            const std::string v = db.value("SELECT row_version FROM " + db.table("villages") + " WHERE code = $1", {e.villageCode});
            if (v.empty()) throw InputError(tr("edit.error.no_village_in", {address.display(), e.villageCode}));
            it = seen.emplace(e.villageCode, std::stoll(v)).first;
        }
        // Booleans and numbers travel as text; PostgreSQL reads "1"/"0" as a boolean.
        const long long n = db.command("UPDATE " + db.table("villages") + " SET " + quoteIdentifier(checked.field) +
                                           " = $1 WHERE code = $2 AND row_version = $3",
                                       {checked.value, e.villageCode, std::to_string(it->second)});
        if (n == 0) {
            const std::vector<PgRow> now = db.query("SELECT row_version, updated_by FROM " + db.table("villages") + " WHERE code = $1", {e.villageCode});
            if (now.empty()) throw InputError(tr("edit.error.no_village_in", {address.display(), e.villageCode}));
            // Same version, yet no row updated: row-level security hid it from this role (db grant).
            if (now[0][0] && std::stoll(*now[0][0]) == it->second) {
                const std::string commune = db.value("SELECT commune_code FROM " + db.table("villages") + " WHERE code = $1", {e.villageCode});
                throw InputError(tr("pg.error.not_permitted", {address.display(), e.villageCode, commune}));
            }
            throw InputError(tr("pg.error.changed_since_read", {address.display(), e.villageCode, now[0][0].value_or("?"), now[0][1].value_or("?")}));
        }
        ++it->second;  // the trigger bumped it: a second field of the same village follows on
    }
    if (settingsChanged) {
        Project settings;
        for (const PgRow& r : db.query("SELECT key, value FROM " + db.table("settings")))
            settings.settings.push_back({r[0].value_or(""), r[1].value_or("")});
        try {
            checkSettings(settings, {});
        } catch (const InputError& e) {
            throw InputError(tr("edit.error.in_file", {address.display(), e.what()}));
        }
    }
    tx.commit();
    // Our own edits are no one else's: the next edit in this process starts from the versions written.
    std::lock_guard<std::mutex> lock(readVersions().mutex);
    const auto read = readVersions().byProject.find(projectKey(address));
    if (read != readVersions().byProject.end())
        for (const auto& [code, version] : seen) read->second[code] = version;
    const auto readSettings = readVersions().settingsByProject.find(projectKey(address));
    if (readSettings != readVersions().settingsByProject.end())
        for (const auto& [key, version] : seenSettings) readSettings->second[key] = version;
}

}  // namespace gapmap
