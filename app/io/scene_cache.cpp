#include "io/scene_cache.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "io/pg_address.h"

namespace gapmap {
namespace {

constexpr const char* kTable = "gapmap_scene_cache";

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Stmt = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Db open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return Db(nullptr, &sqlite3_close);
    }
    sqlite3_busy_timeout(db, 2000);  // an edit of the project holds the lock briefly
    return Db(db, &sqlite3_close);
}

Stmt prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Stmt(nullptr, &sqlite3_finalize);
    return Stmt(s, &sqlite3_finalize);
}

// Replaces the cache of the open database `to` by the rows of the file at `fromPath` (none: an empty
// cache), all or nothing.
bool copyRows(sqlite3* to, const std::string& fromPath) {
    auto exec = [&](const std::string& sql) { return sqlite3_exec(to, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; };
    const Stmt attach = prepare(to, "ATTACH DATABASE ?1 AS carried");
    if (!attach) return false;
    sqlite3_bind_text(attach.get(), 1, fromPath.data(), int(fromPath.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(attach.get()) != SQLITE_DONE) return false;
    bool fromHasCache = false;
    if (const Stmt s = prepare(to, std::string("SELECT 1 FROM carried.sqlite_master WHERE type = 'table' AND name = '") + kTable + "'"))
        fromHasCache = sqlite3_step(s.get()) == SQLITE_ROW;
    bool ok = exec("BEGIN IMMEDIATE");
    if (ok) {
        ok = exec(std::string("CREATE TABLE IF NOT EXISTS main.") + kTable +
                  " (key TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, part))") &&
             exec(std::string("DELETE FROM main.") + kTable) &&
             (!fromHasCache || exec(std::string("INSERT INTO main.") + kTable + " (key, part, data) SELECT key, part, data FROM carried." + kTable));
        if (!ok || !exec("COMMIT")) {
            exec("ROLLBACK");
            ok = false;
        }
    }
    exec("DETACH DATABASE carried");
    return ok;
}

class FileSceneCache : public SceneCacheStore {
public:
    explicit FileSceneCache(std::string path) : path_(std::move(path)) {}

    std::optional<std::string> read(const std::string& key, int part) const override {
        const Db db = open(path(), SQLITE_OPEN_READONLY);
        if (!db) return std::nullopt;
        const Stmt s = prepare(db.get(), std::string("SELECT data FROM ") + kTable + " WHERE key = ?1 AND part = ?2");
        if (!s) return std::nullopt;  // no table: a file never rendered since it was written
        sqlite3_bind_text(s.get(), 1, key.data(), int(key.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int(s.get(), 2, part);
        if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
        const void* data = sqlite3_column_blob(s.get(), 0);
        const int size = sqlite3_column_bytes(s.get(), 0);
        return std::string(static_cast<const char*>(data), data ? size_t(size) : 0);
    }

    bool writable() const override {
        return writable(path());
    }

    bool replace(const Producer& next) override {
        std::lock_guard<std::mutex> lock(writeMutex_);
        const std::string file = path();
        if (!writable(file)) return false;
        const Db db = open(file, SQLITE_OPEN_READWRITE);
        if (!db) return false;
        auto exec = [&](const std::string& sql) { return sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; };
        if (!exec("BEGIN IMMEDIATE")) return false;
        bool ok = exec(std::string("CREATE TABLE IF NOT EXISTS ") + kTable +
                       " (key TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, part))") &&
                  exec(std::string("DELETE FROM ") + kTable);
        if (ok) {
            const Stmt s = prepare(db.get(), std::string("INSERT INTO ") + kTable + " (key, part, data) VALUES (?1, ?2, ?3)");
            ok = bool(s);
            while (ok) {
                const std::optional<Entry> entry = next();
                if (!entry) break;
                const Entry& e = *entry;
                sqlite3_bind_text(s.get(), 1, e.key.data(), int(e.key.size()), SQLITE_STATIC);
                sqlite3_bind_int(s.get(), 2, e.part);
                sqlite3_bind_blob64(s.get(), 3, e.data.data(), e.data.size(), SQLITE_STATIC);
                ok = sqlite3_step(s.get()) == SQLITE_DONE;
                sqlite3_reset(s.get());
            }
        }
        if (!ok || !exec("COMMIT")) {
            exec("ROLLBACK");
            return false;
        }
        return true;
    }

    // Save as: the rows go into the new file and every later read and write follows it. Waits for
    // a write in progress (it lands in the old file first, then is copied).
    bool moveTo(const std::string& newPath) {
        std::lock_guard<std::mutex> lock(writeMutex_);
        const std::string oldPath = path();
        if (newPath == oldPath) return true;  // saved over itself: writeProject carried the rows
        bool copied = false;
        if (writable(newPath))
            if (const Db db = open(newPath, SQLITE_OPEN_READWRITE)) copied = copyRows(db.get(), oldPath);
        std::lock_guard<std::mutex> pathLock(pathMutex_);
        path_ = newPath;
        return copied;
    }

private:
    std::string path() const {
        std::lock_guard<std::mutex> lock(pathMutex_);
        return path_;
    }
    static bool writable(const std::string& file) {
        // SQLite writes a journal beside the file: the folder must be writable too.
        std::error_code ec;
        const std::filesystem::path folder = std::filesystem::absolute(file, ec).parent_path();
        return ::access(file.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
    }
    std::string path_;             // absolute; changed only by moveTo
    mutable std::mutex pathMutex_;
    std::mutex writeMutex_;        // one replace or move at a time
};

}  // namespace

bool carrySceneCache(const std::string& fromPath, const std::string& toPath) {
    if (isServerProject(fromPath) || isServerProject(toPath)) return false;
    const Db db = open(toPath, SQLITE_OPEN_READWRITE);
    return db && copyRows(db.get(), fromPath);
}

bool moveSceneCache(SceneCacheStore& cache, const std::string& newPath) {
    auto* file = dynamic_cast<FileSceneCache*>(&cache);
    if (!file || isServerProject(newPath)) return false;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(newPath, ec);
    return file->moveTo(ec ? newPath : absolute.string());
}

std::shared_ptr<SceneCacheStore> openSceneCache(const std::string& path) {
    if (isServerProject(path)) return nullptr;
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return std::make_shared<FileSceneCache>(ec ? path : absolute.string());
}

}  // namespace gapmap
