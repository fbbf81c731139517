// Fuzzes place search (app/core/search.h PlaceSearch), which the app's search box and `gapmap find`
// run on names typed by users and imported from communes. The first line is the query, the others are
// place names (communes and villages alternately). Properties: at most `limit` hits, best first, the
// short list is the head of the long one; every place is found by its own name with exact marks and,
// when its name is valid UTF-8, by that name typed without any tone marks.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "core/search.h"
#include "core/text_fold.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

// The order PlaceSearch promises: marks, position, communes before villages, name, code.
auto rank(const SearchHit& h) {
    return std::make_tuple(h.marks, h.position, h.entry->level == "village", h.entry->name, h.entry->code);
}

const SearchHit* hitFor(const std::vector<SearchHit>& hits, const std::string& code) {
    for (const SearchHit& h : hits)
        if (h.entry->code == code) return &h;
    return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string_view> lines = fuzz::split(text, '\n', 24);
    Project project;
    for (size_t i = 1; i < lines.size(); ++i) {
        const std::string code = "P" + std::to_string(i);
        if (i % 2) project.adminUnits.push_back({code, std::string(lines[i]), AdminLevel::Commune, "", "xã", {}, false, {}});
        else project.villages.push_back({code, std::string(lines[i]), "P1", LonLat{104.0, 22.0}, {}, {}, "", false, {}, {}, true});
    }
    const PlaceSearch search(project);
    const size_t all = project.adminUnits.size() + project.villages.size() + 1;

    const std::vector<SearchHit> full = search.find(lines[0], all);
    const std::vector<SearchHit> shortList = search.find(lines[0], 3);
    FUZZ_CHECK(full.size() <= all && shortList.size() == std::min<size_t>(3, full.size()), lines[0]);
    for (size_t i = 0; i < full.size(); ++i) {
        if (i > 0) FUZZ_CHECK(!(rank(full[i]) < rank(full[i - 1])), lines[0]);
        if (i < shortList.size()) FUZZ_CHECK(rank(shortList[i]) == rank(full[i]), lines[0]);
    }

    for (size_t i = 1; i < lines.size(); ++i) {
        const std::string name(lines[i]), code = "P" + std::to_string(i);
        if (searchWords(name).empty()) continue;  // nothing searchable: punctuation, marks only
        const std::vector<SearchHit> byName = search.find(name, all);
        const SearchHit* own = hitFor(byName, code);
        FUZZ_CHECK(own != nullptr && own->marks == MarkMatch::Exact, name);
        if (fuzz::validUtf8(name) && name.find("\xEF\xBF\xBD") == std::string::npos) {
            const std::string bare = foldVietnamese(name);
            FUZZ_CHECK(hitFor(search.find(bare, all), code) != nullptr, name, bare);
        }
    }
    return 0;
}
