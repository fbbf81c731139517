#include "io/wal_recovery.h"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace gapmap {

void recoverWal(const std::string& path) {
    // Any file in WAL mode (header bytes 18 and 19 are 2): a writer killed at any step may have left
    // -wal, -shm, both or neither, and a read-only open fails on some of those states.
    std::ifstream in(path, std::ios::binary);
    char header[20] = {};
    if (!in.read(header, sizeof header)) return;
    std::error_code ec;
    const bool hotJournal = std::filesystem::file_size(path + "-journal", ec) > 0 && !ec;
    if (header[18] != 2 && !hotJournal) return;
    // No SQLITE_OPEN_CREATE: a mistyped path must never become an empty database. Failures are silent:
    // a read-only folder or medium, or not a database; the reader's own open says what is wrong.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);  // ms: another writer (the app, a script) may hold it briefly
        // The first read runs the recovery; closing the last connection checkpoints the WAL into the file.
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    }
    sqlite3_close_v2(db);
}

}  // namespace gapmap
