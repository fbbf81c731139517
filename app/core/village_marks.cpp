#include "core/village_marks.h"

#include <algorithm>

#include "core/code_order.h"

namespace gapmap {

void VillageMarks::add(std::string_view code, std::uint8_t flags) {
    if (code.empty()) return;
    if (!merge_) {
        const std::int32_t k = index_.insert(code);
        if (static_cast<std::size_t>(k) == flags_.size()) flags_.push_back(0);
        flags_[k] |= flags;
        return;
    }
    // Teams, clubs and outcomes each usually come in village order: note where a sorted run ends,
    // so that finish() merges runs in linear time instead of sorting.
    if (marks_.empty() || codeLess(code, marks_.back().code)) runStarts_.push_back(marks_.size());
    marks_.push_back({code, flags});
}

void VillageMarks::finish() {
    if (!merge_) return;
    auto byCode = [](const Mark& a, const Mark& b) { return codeLess(a.code, b.code); };
    if (runStarts_.size() > 8) {
        std::stable_sort(marks_.begin(), marks_.end(), byCode);  // many short runs: not worth merging
    } else {
        runStarts_.push_back(marks_.size());
        for (std::size_t r = 1; r + 1 < runStarts_.size(); ++r)
            std::inplace_merge(marks_.begin(), marks_.begin() + static_cast<std::ptrdiff_t>(runStarts_[r]),
                               marks_.begin() + static_cast<std::ptrdiff_t>(runStarts_[r + 1]), byCode);
    }
    // One mark per code, flags combined.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < marks_.size(); ++i) {
        if (kept > 0 && compareCodes(marks_[kept - 1].code, marks_[i].code) == 0) marks_[kept - 1].flags |= marks_[i].flags;
        else marks_[kept++] = marks_[i];
    }
    marks_.resize(kept);
    runStarts_.clear();
}

bool sortVillagesByCode(std::vector<Village>& villages) {
    const std::size_t n = villages.size();
    auto less = [](const Village& a, const Village& b) { return codeLess(a.code, b.code); };
    if (std::is_sorted(villages.begin(), villages.end(), less)) return false;
    // The order is found on small keys (a code's first 8 bytes and the index), then the records
    // (about 200 bytes each) are moved into place along the permutation's cycles: each moved about
    // once, and no second copy of the list (20 MB at national scale).
    struct Key {
        std::uint64_t head;
        std::uint32_t index;
    };
    std::vector<Key> keys(n);
    for (std::size_t i = 0; i < n; ++i) keys[i] = {codeHead(villages[i].code), static_cast<std::uint32_t>(i)};
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.head != b.head) return a.head < b.head;
        const int c = compareCodes(villages[a.index].code, villages[b.index].code);
        return c != 0 ? c < 0 : a.index < b.index;
    });
    std::vector<bool> placed(n, false);
    for (std::size_t start = 0; start < n; ++start) {
        if (placed[start] || keys[start].index == start) continue;
        Village first = std::move(villages[start]);  // position k receives the village keys[k] names
        std::size_t k = start;
        for (;;) {
            placed[k] = true;
            const std::size_t from = keys[k].index;
            if (from == start) {
                villages[k] = std::move(first);
                break;
            }
            villages[k] = std::move(villages[from]);
            k = from;
        }
    }
    return true;
}

bool villagesLookInCodeOrder(const std::vector<Village>& villages) {
    constexpr std::size_t kSamples = 256;
    const std::size_t n = villages.size();
    if (n <= kSamples) {
        for (std::size_t i = 1; i < n; ++i)
            if (codeLess(villages[i].code, villages[i - 1].code)) return false;
        return true;
    }
    for (std::size_t k = 1; k < kSamples; ++k)
        if (codeLess(villages[k * (n - 1) / (kSamples - 1)].code, villages[(k - 1) * (n - 1) / (kSamples - 1)].code)) return false;
    return true;
}

std::uint8_t VillageMarks::Cursor::flagsOf(std::string_view code) {
    if (!marks_.merge_) {
        const std::int32_t k = marks_.index_.find(code);
        return k >= 0 ? marks_.flags_[k] : 0;
    }
    const std::vector<Mark>& marks = marks_.marks_;
    if (!started_ || codeLess(code, last_)) {  // a thread starting mid-list, or a code out of order
        next_ = static_cast<std::size_t>(std::lower_bound(marks.begin(), marks.end(), code,
                                                          [](const Mark& m, std::string_view c) { return codeLess(m.code, c); }) -
                                         marks.begin());
        started_ = true;
    }
    last_ = code;
    int order = 1;
    while (next_ < marks.size() && (order = compareCodes(marks[next_].code, code)) < 0) ++next_;
    return next_ < marks.size() && order == 0 ? marks[next_].flags : 0;
}

}  // namespace gapmap
