// Small-count suppression for tables of counts with totals (commune → district → province): counts
// from 1 to k−1 are hidden as "<k", and further cells are hidden ("x") so that no hidden count can be
// worked out from a published total. Used for outcome counts (child and consanguineous marriages).
// Standard library only; knows nothing of projects or admin units.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace gapmap {

enum class CellStatus : std::uint8_t {
    Shown,          // published as the number
    Small,          // 1 … k−1: published as "<k" (primary suppression)
    Complementary,  // hidden as "x" so that a Small cell cannot be recovered from a total (its value is ≥ k)
};

// Cells of one count (e.g. child marriages) arranged as a tree of totals: parent[i] is the index of the
// total cell i adds into, -1 for a root (the province). A total may exceed the sum of its listed
// children (e.g. villages without a known commune count only in the province): the difference is an
// unpublished remainder, which is protected like a cell when it is small.
struct CountTree {
    std::vector<std::int64_t> values;   // counts, >= 0
    std::vector<std::int32_t> parent;   // same size as values
};

// The status of every cell for threshold k (>= 2). Rules, applied until nothing changes:
//  1. a cell (a commune or a total) with a value from 1 to k−1 is Small;
//  2. in every group "total = sum of its children (+ remainder)", a single hidden cell could be
//     recovered by subtraction: then the smallest non-zero shown child is hidden too (Complementary),
//     or the total itself when no child is left;
//  3. the same when the hidden cells of a group, read with what a reader knows of them (a Small cell
//     is 1 … k−1, a Complementary one ≥ k, a remainder ≥ 0), leave one of them a single possible value
//     (e.g. "<5" and "x" adding up to 6 can only be 1 and 5).
// Zeros are published: they reveal no case. Throws std::invalid_argument when a total is less than the
// sum of its children, a parent index is out of range, or k < 2.
std::vector<CellStatus> suppressSmallCounts(const CountTree& tree, std::int64_t k);

// The cell as published: "12", "0", "<5" (Small, k = 5) or "x" (Complementary).
std::string shownCount(std::int64_t value, CellStatus status, std::int64_t k);

}  // namespace gapmap
