#include "core/search.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/admin_names.h"
#include "core/implied_units.h"

namespace gapmap {
namespace {

struct WordMatch {
    bool matched = false;
    bool prefix = false;
    MarkMatch marks = MarkMatch::Exact;
};

// Compares the query's marks letter by letter ("o34" = base o, circumflex, hook): a letter typed
// bare matches any marks; a letter typed with a modifier or tone must carry the same one.
MarkMatch compareMarks(const std::string& query, std::string_view name) {
    if (query == name) return MarkMatch::Exact;
    if (query.size() != name.size() || query.size() % 3 != 0) return MarkMatch::Folded;
    for (size_t i = 0; i < query.size(); i += 3) {
        const bool modOk = query[i + 1] == '0' || query[i + 1] == name[i + 1];
        const bool toneOk = query[i + 2] == '0' || query[i + 2] == name[i + 2];
        if (query[i] != name[i] || !modOk || !toneOk) return MarkMatch::Folded;
    }
    return MarkMatch::Partial;
}

WordMatch matchWord(const SearchWord& q, const SearchWord& n, bool allowPrefix) {
    WordMatch m;
    if (q.folded == n.folded) {
        m.matched = true;
    } else if (allowPrefix && n.folded.starts_with(q.folded) && n.marked.size() >= q.marked.size()) {
        m.matched = m.prefix = true;
    } else {
        return m;
    }
    m.marks = compareMarks(q.marked, std::string_view(n.marked).substr(0, q.marked.size()));
    return m;
}

int levelRank(const std::string& level) {
    if (level == "province") return 0;
    if (level == "district") return 1;
    if (level == "commune") return 2;
    return 3;
}

}  // namespace

PlaceSearch::PlaceSearch(const Project& p) {
    std::map<std::string, const AdminUnit*> units;
    for (const AdminUnit& u : p.adminUnits) units[u.code] = &u;
    const DisplayNames shown(p);
    auto nameOf = [&](const std::string& code) { const auto it = units.find(code); return it == units.end() ? std::string() : shown.of(*it->second); };
    auto districtOf = [&](const std::string& communeCode) {
        const auto c = units.find(communeCode);
        if (c == units.end()) return std::string();
        const auto d = units.find(c->second->parentCode);
        return d != units.end() && d->second->level == AdminLevel::District ? shown.of(*d->second) : std::string();
    };
    for (const AdminUnit& u : p.adminUnits) {
        // Units imported without boundaries (a province made from a column) are framed by their communes.
        SearchEntry e{u.code, u.name, shown.of(u), toString(u.level), u.kind, "", "", std::nullopt,
                      u.area.empty() ? unitExtent(p, u) : bboxOf(u.area)};
        if (u.level == AdminLevel::Commune) { e.communeName = e.display; e.districtName = districtOf(u.code); }
        if (u.level == AdminLevel::District) e.districtName = e.display;
        entries_.push_back(std::move(e));
    }
    for (const Village& v : p.villages) {
        SearchEntry e{v.code, v.name, v.name, "village", "", nameOf(v.communeCode), districtOf(v.communeCode), v.location, {}};
        if (v.location) e.box.add(*v.location);
        entries_.push_back(std::move(e));
    }
    for (const SearchEntry& e : entries_) words_.push_back(searchWords(e.name));
}

std::vector<SearchHit> PlaceSearch::find(std::string_view query, size_t limit) const {
    // The query as typed ("ban bo" finds the commune "Bản Bo" by its whole name), else without a
    // leading kind or settlement word ("xã Nậm Ban" finds "Nậm Ban").
    const SplitName split = splitAdminPrefix(query);
    std::vector<std::vector<SearchWord>> queries = {searchWords(query)};
    if (!split.prefix.empty() && !split.rest.empty()) queries.push_back(searchWords(split.rest));
    const std::string queryKind = canonicalKind(split.prefix);
    std::vector<SearchHit> hits;
    if (queries.front().empty()) return hits;
    for (size_t i = 0; i < entries_.size(); ++i) {
        const std::vector<SearchWord>& n = words_[i];
        std::optional<SearchHit> best;
        for (size_t qi = 0; qi < queries.size() && !best; ++qi) {  // the query as typed first
            const std::vector<SearchWord>& q = queries[qi];
            for (size_t start = 0; start + q.size() <= n.size(); ++start) {
                SearchHit hit{&entries_[i], MarkMatch::Exact, PositionMatch::WholeWords};
                bool ok = true, prefix = false;
                for (size_t k = 0; k < q.size() && ok; ++k) {
                    const WordMatch m = matchWord(q[k], n[start + k], k + 1 == q.size());
                    ok = m.matched;
                    prefix = prefix || m.prefix;
                    hit.marks = std::max(hit.marks, m.marks);
                }
                if (!ok) continue;
                hit.position = prefix ? PositionMatch::Prefix : q.size() == n.size() ? PositionMatch::WholeName : PositionMatch::WholeWords;
                if (!best || std::tie(hit.marks, hit.position) < std::tie(best->marks, best->position)) best = hit;
            }
        }
        if (best) hits.push_back(*best);
    }
    // A kind typed in the query ("thị trấn Mường Tè") puts the units of that kind first among equals.
    auto kindRank = [&](const SearchEntry* e) { return queryKind.empty() || e->kind == queryKind ? 0 : 1; };
    std::sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) {
        return std::make_tuple(a.marks, a.position, kindRank(a.entry), levelRank(a.entry->level), a.entry->name, a.entry->code) <
               std::make_tuple(b.marks, b.position, kindRank(b.entry), levelRank(b.entry->level), b.entry->name, b.entry->code);
    });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
}

}  // namespace gapmap
