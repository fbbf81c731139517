#include "core/disclosure.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace gapmap {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One cell as the algorithm sees it: a published cell of the tree, or a total's unpublished remainder.
struct Cell {
    std::int64_t value = 0;
    bool remainder = false;  // never published, so always unknown to a reader
    CellStatus status = CellStatus::Shown;
    bool hidden() const { return remainder || status != CellStatus::Shown; }
};

// "total = sum of members": the total's index and its members' (children, then the remainder if any).
struct Group {
    std::size_t total;
    std::vector<std::size_t> members;
};

struct Range {
    double lo, hi;
};

// What a reader of the published table knows of a hidden cell.
Range readerBounds(const Cell& c, std::int64_t k) {
    if (c.remainder) return {0, kInf};
    if (c.status == CellStatus::Small) return {1, double(k - 1)};
    return {double(k), kInf};  // Complementary: non-zero and not small
}

// A hidden cell whose value must not be recoverable: every hidden published cell, and a remainder
// holding a small count.
bool mustProtect(const Cell& c, std::int64_t k) { return !c.remainder || (c.value >= 1 && c.value < k); }

// True when some protected hidden cell of the group has exactly one value consistent with the group's
// equation and the reader's bounds on the other hidden cells. Equation: sum(members) - total = 0.
bool groupDiscloses(const std::vector<Cell>& cells, const Group& g, std::int64_t k) {
    struct Term {
        std::size_t cell;
        int sign;  // +1 member, -1 total
    };
    std::vector<Term> hidden;
    double known = 0;  // sum over hidden terms sign*x = known
    auto visit = [&](std::size_t i, int sign) {
        if (cells[i].hidden()) hidden.push_back({i, sign});
        else known -= sign * double(cells[i].value);
    };
    visit(g.total, -1);
    for (std::size_t m : g.members) visit(m, +1);
    for (const Term& j : hidden) {
        const Cell& cj = cells[j.cell];
        if (!mustProtect(cj, k)) continue;
        double others_lo = 0, others_hi = 0;  // range of sum over the other hidden terms of sign*x
        for (const Term& i : hidden) {
            if (i.cell == j.cell) continue;
            const Range b = readerBounds(cells[i.cell], k);
            others_lo += i.sign > 0 ? b.lo : -b.hi;
            others_hi += i.sign > 0 ? b.hi : -b.lo;
        }
        // sign_j * x_j = known - others
        Range r = j.sign > 0 ? Range{known - others_hi, known - others_lo} : Range{others_lo - known, others_hi - known};
        const Range own = readerBounds(cj, k);
        r.lo = std::max(r.lo, own.lo);
        r.hi = std::min(r.hi, own.hi);
        // One value left: disclosed, unless the marker already said as much ("<2" is 1) and the
        // cell is not the group's only hidden one (then it is plain subtraction: rule 2).
        if (r.lo == r.hi && (own.lo < own.hi || hidden.size() == 1)) return true;
    }
    return false;
}

// Hides one more cell of the group: the smallest non-zero shown member, else the total. False when
// every non-zero cell is hidden already.
bool hideAnother(std::vector<Cell>& cells, const Group& g) {
    std::size_t best = cells.size();
    for (std::size_t m : g.members) {
        const Cell& c = cells[m];
        if (c.hidden() || c.value == 0) continue;
        if (best == cells.size() || c.value < cells[best].value) best = m;
    }
    if (best == cells.size() && !cells[g.total].hidden() && cells[g.total].value > 0) best = g.total;
    if (best == cells.size()) return false;
    cells[best].status = CellStatus::Complementary;
    return true;
}

}  // namespace

std::vector<CellStatus> suppressSmallCounts(const CountTree& tree, std::int64_t k) {
    if (k < 2) throw std::invalid_argument("suppressSmallCounts: k must be 2 or more");
    const std::size_t n = tree.values.size();
    if (tree.parent.size() != n) throw std::invalid_argument("suppressSmallCounts: values and parents differ in size");
    std::vector<Cell> cells(n);
    std::vector<std::int64_t> childSum(n, 0);
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (tree.values[i] < 0) throw std::invalid_argument("suppressSmallCounts: negative count");
        cells[i].value = tree.values[i];
        const std::int32_t p = tree.parent[i];
        if (p < 0) continue;
        if (static_cast<std::size_t>(p) >= n || static_cast<std::size_t>(p) == i)
            throw std::invalid_argument("suppressSmallCounts: parent index out of range");
        children[p].push_back(i);
        childSum[p] += tree.values[i];
    }
    std::vector<Group> groups;
    for (std::size_t i = 0; i < n; ++i) {
        if (children[i].empty()) continue;
        if (childSum[i] > tree.values[i]) throw std::invalid_argument("suppressSmallCounts: a total is less than its parts");
        Group g{i, children[i]};
        if (childSum[i] < tree.values[i]) {
            Cell rest;
            rest.value = tree.values[i] - childSum[i];
            rest.remainder = true;
            g.members.push_back(cells.size());
            cells.push_back(rest);
        }
        groups.push_back(std::move(g));
    }
    for (std::size_t i = 0; i < n; ++i)
        if (cells[i].value >= 1 && cells[i].value < k) cells[i].status = CellStatus::Small;
    for (bool changed = true; changed;) {
        changed = false;
        for (const Group& g : groups)
            while (groupDiscloses(cells, g, k) && hideAnother(cells, g)) changed = true;
    }
    std::vector<CellStatus> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = cells[i].status;
    return out;
}

std::string shownCount(std::int64_t value, CellStatus status, std::int64_t k) {
    switch (status) {
        case CellStatus::Shown: return std::to_string(value);
        case CellStatus::Small: return "<" + std::to_string(k);
        case CellStatus::Complementary: return "x";
    }
    return "x";
}

}  // namespace gapmap
