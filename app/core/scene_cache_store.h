// Derived data kept beside a project so that later opens reuse it instead of recomputing: blobs by
// (key, part). The project file keeps them in its gapmap_scene_cache table (io/scene_cache.h); the
// renderer writes and reads the boundaries' finished geometry (render/area_cache.h). A cache is an
// optimisation only: whatever it returns is checked by the reader, and a store that cannot be read
// or written behaves as an empty one. Standard library only.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gapmap {

class SceneCacheStore {
public:
    struct Entry {
        std::string key;   // what the data was made from (a content hash)
        int part = 0;      // which piece of it
        std::string data;  // bytes
    };
    virtual ~SceneCacheStore() = default;
    // The blob, or nothing when absent or unreadable. Thread-safe.
    virtual std::optional<std::string> read(const std::string& key, int part) const = 0;
    // Whether replace() may succeed (a read-only file still reads).
    virtual bool writable() const = 0;
    // Replaces the whole cache by the entries `next` yields until it yields nothing — one at a time,
    // so that they need not all be in memory at once — all or nothing. False when it could not.
    using Producer = std::function<std::optional<Entry>()>;
    virtual bool replace(const Producer& next) = 0;
};

}  // namespace gapmap
