// Recovery of a project file's write-ahead log before a read-only open. SQLite only (no GDAL): the
// lean render program (app/main_lean.cpp) reads project files too.
#pragma once
#include <string>

namespace gapmap {

// Called before a read-only open (readProject, io/gpkg_read.h): a writer killed mid-edit
// leaves PATH-wal without a clean close, and a read-only SQLite connection cannot run the WAL
// recovery that such a file needs ("attempt to write a readonly database"). This opens it
// read-write once, which recovers it (committed transactions kept, an interrupted one dropped) and
// folds it into the file. The same for a hot rollback journal (PATH-journal): a writer killed while
// it switched the file into WAL mode (the first edit after a whole-file write) leaves one, and only
// a read-write connection can roll it back. No-op for a file in neither state; silent when the file
// cannot be opened read-write (the read that follows then reports the problem).
void recoverWal(const std::string& path);

}  // namespace gapmap
