// Small edits written in place into the project file (a GeoPackage is an SQLite database): each
// call is one SQLite transaction in WAL mode, durable once it returns, all or nothing if the process
// dies. Attribute columns only: geometry and the spatial index are never touched. Uses sqlite3
// directly (not GDAL) so that the transaction boundaries are exactly ours. Nothing above io sees SQLite.
#pragma once
#include <string>
#include <vector>

#include "core/project_edit.h"
#include "io/wal_recovery.h"  // recoverWal, kept apart: it links no GDAL

namespace gapmap {

// Writes every edit into the project at `path` in one transaction (journal_mode=WAL,
// synchronous=FULL): when this returns, the edits survive kill -9 and power loss; when it throws,
// none of them was written. Settings keys are merged (updated, added, or removed for a nullopt
// value); village attributes are updated by village code. Coverage-rule settings are checked
// against the file's other settings before anything is written.
// Throws InputError (one line naming the file): no such file, not a gapmap project, a village code
// the file does not have, an invalid rule value, a file that is read-only or locked.
// A server project (PG:…, io/pg_address.h): one server transaction with row-version checks
// (io/pg_project.h commitServerEdits).
void commitEdits(const std::string& path, const std::vector<FieldEdit>& edits);

// Called by the whole-file writer before it renames a new file over `path`: folds any committed
// WAL content into `path` and takes it out of WAL mode (removing path-wal), so that no -wal file of
// the old project can ever be applied to the new one. No-op when there is no path-wal.
// Throws InputError when another process holds the project open and the WAL cannot be folded.
void retireWal(const std::string& path);

}  // namespace gapmap
