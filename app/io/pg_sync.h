// Offline copies of a project shared on a PostgreSQL/PostGIS server (issue #16 item 3).
// `checkout` writes an ordinary project GeoPackage whose project tables carry two more columns,
// `gid` (the row's identity on the server) and `row_version` (the server's version at the last
// sync), plus `sync_state`, `local_changes` (kept by SQLite triggers: every code path that edits the
// file — gapmap edit/set, the app, QGIS — is recorded) and `sync_conflicts`. `sync` pushes the copy's
// changes and pulls everyone else's in one server transaction, with a row-version check per row: a
// row changed on both sides is a conflict — the server keeps the first writer's value, the copy keeps
// its own, both are listed — never a silent overwrite. Standard types only: nothing above io sees
// libpq or SQLite.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gapmap {

struct CheckoutScope {
    std::string communeCode;   // one commune's rows only
    std::string districtCode;  // the communes of one district (a three-level project)
};

struct CheckoutSummary {
    std::int64_t rows = 0;            // project rows written into the copy
    std::size_t communes = 0;         // communes in scope (0: the whole province)
    bool trustedAddressRows = false;  // false: the role may not read them; the copy holds counts only
    std::string role;                 // the login role that made the copy
};

// Writes the copy to `outPath` (a new file; an existing one only with `force`), from one consistent
// snapshot of the server. Rows of tables the role may not read are not written at all: without
// gapmap_protection the copy holds per-commune Trusted Address counts and no outcome rows.
// Throws UsageError (bad scope) or InputError (cannot connect, no project, cannot write).
CheckoutSummary checkoutProject(const std::string& address, const std::string& outPath, const CheckoutScope& scope, bool force);

// A file made by checkoutProject (it has `sync_state`).
bool isOfflineCopy(const std::string& path);

struct SyncConflict {
    std::string table;                 // "villages"
    std::string rowKey;                // as users name the row: a village's code, a setting's key …
    std::string field;                 // the column changed on both sides; empty: the row was deleted on one side
    std::optional<std::string> mine;   // the copy's value (kept in the copy); nullopt: empty / deleted here
    std::optional<std::string> theirs; // the server's value (kept on the server); nullopt: empty / deleted there
    std::string changedBy;             // the role that last changed the row on the server
};

struct SyncSummary {
    int pushed = 0;                    // rows of the copy written to the server
    int pulled = 0;                    // rows of the server written into the copy (added, changed, removed)
    bool recovered = false;            // an earlier sync killed after the server's commit was completed
    std::vector<SyncConflict> newConflicts;   // found by this sync
    std::vector<SyncConflict> openConflicts;  // all unresolved, this sync's included
    std::string server;                // the source, for messages (no password)
};

// One sync. Durable and all-or-nothing on both sides: the server transaction commits first, then
// the copy's; the copy records the server transaction's id before, so that a sync killed between
// the two commits is completed by the next one (the server's change_log tells which rows that
// transaction wrote) instead of being pushed twice. Throws InputError (not a copy, cannot connect,
// refused by the server: nothing changed on either side).
SyncSummary syncCopy(const std::string& path);

// The copy's unresolved conflicts.
std::vector<SyncConflict> listConflicts(const std::string& path);

enum class Resolution { Mine, Theirs };
// Settles the conflicts of the row named `rowKey` (or "table:key"): Mine — the copy's values are
// pushed at the next sync over the server's current version; Theirs — the copy takes the server's
// values. Returns the number of fields settled; throws UsageError when no conflict has that key
// or the key names rows of several tables.
int resolveConflict(const std::string& path, const std::string& rowKey, Resolution how);

}  // namespace gapmap
