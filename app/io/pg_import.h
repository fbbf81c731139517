// `gapmap import PG:… --as TABLE FILE`: an import straight into a project on a PostgreSQL/PostGIS
// server (issue #16). The server project is read as any project (io/pg_project.h), the one import
// core (io/importer.h importInto) changes it in memory, and the difference — rows added, changed and
// removed in the imported table and in the import bookkeeping (table_loads, row_sources) — is applied
// in ONE server transaction, in batches. Every row read carries its row_version: when any row the
// import read changed on the server since, nothing is applied. Only io includes this.
#pragma once
#include <functional>

#include "io/importer.h"
#include "io/pg_address.h"
#include "io/returns_import.h"

namespace gapmap {

// Throws InputError: the role may not change the table (a viewer; Trusted Addresses and outcomes
// without gapmap_protection), row-level security refuses a row (an editor limited by db grant),
// someone changed a row since it was read, any import error (nothing applied in every case).
ImportResult importIntoServer(const ServerAddress& address, const ImportRequest& request);

// Whole workbooks (io/returns_import.h importReturnsInto: several sheets, --update merging by key),
// applied the same way: every table the sheets feed, in the one transaction.
ReturnsResult importReturnsIntoServer(const ServerAddress& address, const std::vector<std::string>& files, bool update);

// Tests only: runs between reading the project and the write transaction (where someone else's
// edit can land); empty: none.
void setImportAfterReadHookForTests(std::function<void()> hook);

}  // namespace gapmap
