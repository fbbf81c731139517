// Place search that understands Vietnamese: typed with or without tone marks, or with some of
// them, it finds the marked names. Serves the app's search box and `gapmap find`.
// Standard library only.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo.h"
#include "core/model.h"
#include "core/text_fold.h"

namespace gapmap {

struct SearchEntry {
    std::string code;
    std::string name;          // as stored ("Bản Bo"; "Xã Nậm Ban" is stored "Nậm Ban", kind xã)
    std::string display;       // as lists show it: "xã Mường Tè" where two units of a level share the name
    std::string level;         // "village", "commune", "district", "province"
    std::string kind;          // xã, phường … (admin units)
    std::string communeName;   // villages: their commune; communes: themselves (display names)
    std::string districtName;  // empty in two-level projects (display name)
    std::optional<LonLat> location;  // villages: their point
    BBox box;                        // admin units: their extent
};

// How well a hit matches; lower is better. Marks: the query's marks equal the name's, or the
// query left some out, or the marks differ. Position: the whole name, whole words, a prefix.
enum class MarkMatch { Exact = 0, Partial = 1, Folded = 2 };
enum class PositionMatch { WholeName = 0, WholeWords = 1, Prefix = 2 };

struct SearchHit {
    const SearchEntry* entry = nullptr;
    MarkMatch marks = MarkMatch::Exact;
    PositionMatch position = PositionMatch::WholeName;
};

class PlaceSearch {
public:
    explicit PlaceSearch(const Project& project);
    // Best first; prefixes such as "xã", "thôn", "bản" in the query are ignored.
    std::vector<SearchHit> find(std::string_view query, size_t limit = 20) const;
    const std::vector<SearchEntry>& entries() const { return entries_; }

private:
    std::vector<SearchEntry> entries_;
    std::vector<std::vector<SearchWord>> words_;  // per entry, computed once
};

}  // namespace gapmap
