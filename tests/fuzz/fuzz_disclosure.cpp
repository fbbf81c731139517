// Fuzzes small-count suppression (app/core/disclosure.h suppressSmallCounts), which decides what the
// shared outputs may show of child and consanguineous marriage counts. Arbitrary trees (cycles, bad
// parents, negative counts): std::invalid_argument or a result, never a crash or a hang. Valid trees
// (totals = children + an unpublished remainder): no count from 1 to k−1 is shown; Small means exactly
// 1 … k−1 and Complementary hides a count >= k; no group "total = children" leaves exactly one hidden
// cell (plain subtraction would recover it); a small remainder never sits in a fully shown group; the
// published texts are the number, "<k" or "x".
#include <stdexcept>
#include <string>
#include <vector>

#include "core/disclosure.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

void checkArbitrary(fuzz::Bytes& in) {
    CountTree tree;
    const size_t n = in.byte() % 24;
    for (size_t i = 0; i < n; ++i) {
        tree.values.push_back(static_cast<int8_t>(in.byte()));
        tree.parent.push_back(static_cast<int8_t>(in.byte()) % 32);
    }
    const std::int64_t k = in.byte() % 12;
    try {
        FUZZ_CHECK(suppressSmallCounts(tree, k).size() == n);
    } catch (const std::invalid_argument&) {
    }
}

void checkValid(fuzz::Bytes& in) {
    const std::int64_t k = 2 + in.byte() % 9;
    const size_t n = 1 + in.byte() % 40;
    CountTree tree;
    std::vector<std::int64_t> remainder(n, 0);
    for (size_t i = 0; i < n; ++i) {
        // Parents come before children, so totals can be summed from the leaves up.
        tree.parent.push_back(i == 0 ? -1 : static_cast<std::int32_t>(in.byte() % (i + 1)) - 1);
        const uint8_t b = in.byte();
        tree.values.push_back(b < 64 ? 0 : b < 192 ? b % (2 * k) : b * 7);
        remainder[i] = in.byte() < 200 ? 0 : in.byte() % (2 * k);
    }
    // A total is its children plus its remainder; a leaf keeps its own value.
    std::vector<std::int64_t> childSum(n, 0);
    std::vector<bool> hasChildren(n, false);
    for (size_t i = n; i-- > 0;) {
        if (hasChildren[i]) tree.values[i] = childSum[i] + remainder[i];
        if (tree.parent[i] >= 0) {
            childSum[tree.parent[i]] += tree.values[i];
            hasChildren[tree.parent[i]] = true;
        }
    }
    const std::vector<CellStatus> status = suppressSmallCounts(tree, k);
    FUZZ_CHECK(status.size() == n);
    auto hidden = [&](size_t i) { return status[i] != CellStatus::Shown; };
    for (size_t i = 0; i < n; ++i) {
        const std::int64_t v = tree.values[i];
        FUZZ_CHECK((status[i] == CellStatus::Small) == (v >= 1 && v < k), std::to_string(v));
        if (status[i] == CellStatus::Complementary) FUZZ_CHECK(v >= k, std::to_string(v));
        const std::string shown = shownCount(v, status[i], k);
        FUZZ_CHECK(shown == (status[i] == CellStatus::Shown ? std::to_string(v)
                             : status[i] == CellStatus::Small ? "<" + std::to_string(k) : std::string("x")), shown);
        if (!hasChildren[i]) continue;
        size_t hiddenCells = hidden(i);
        for (size_t c = 0; c < n; ++c)
            if (tree.parent[c] == static_cast<std::int32_t>(i)) hiddenCells += hidden(c);
        if (remainder[i] == 0) FUZZ_CHECK(hiddenCells != 1, std::to_string(i));
        if (remainder[i] >= 1 && remainder[i] < k) FUZZ_CHECK(hiddenCells >= 1, std::to_string(i));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    checkValid(in);
    checkArbitrary(in);
    return 0;
}
