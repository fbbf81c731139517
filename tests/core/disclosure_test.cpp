// Small-count suppression (app/core/disclosure.h): known answers, and a property test over random
// commune → district → province tables that no hidden count can be worked out from the published ones.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "core/disclosure.h"

using namespace gapmap;

namespace {

using S = CellStatus;

// Province (cell 0) → one district (cell 1) → the communes given; totals are the sums.
CountTree oneDistrict(const std::vector<std::int64_t>& communes, std::int64_t extraInProvince = 0) {
    std::int64_t sum = 0;
    for (std::int64_t v : communes) sum += v;
    CountTree t{{sum + extraInProvince, sum}, {-1, 0}};
    for (std::int64_t v : communes) {
        t.values.push_back(v);
        t.parent.push_back(1);
    }
    return t;
}

std::string shown(const CountTree& t, std::int64_t k) {
    const std::vector<CellStatus> s = suppressSmallCounts(t, k);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? " " : "") + shownCount(t.values[i], s[i], k);
    return out;
}

}  // namespace

TEST_CASE("a small commune count is hidden with the next smallest of its district", "[core][disclosure]") {
    // communes 3, 10, 12 of a district of 25: 3 → <5; alone it would be 25 − 10 − 12, so 10 is hidden too.
    CHECK(shown(oneDistrict({3, 10, 12}), 5) == "25 25 <5 x 12");
    // two small communes protect each other ("<5" + "<5" = 25 − 20 − 0: 1+4, 2+3 …)
    CHECK(shown(oneDistrict({2, 3, 20, 0}), 5) == "25 25 <5 <5 20 0");
    // zeros are published and never chosen to hide
    CHECK(shown(oneDistrict({0, 4, 0, 7, 9}), 5) == "20 20 0 <5 0 x 9");
    // nothing small: everything published
    CHECK(shown(oneDistrict({5, 6, 0}), 5) == "11 11 5 6 0");
    // k = 2 hides only ones; "<2" can only be 1, so 2 + 3 are both hidden to keep "x" from being exact
    CHECK(shown(oneDistrict({1, 2, 3}), 2) == "6 6 <2 x x");
}

TEST_CASE("small totals are hidden as well", "[core][disclosure]") {
    // a district of 3 made of 1 + 2: all small
    CHECK(shown(oneDistrict({1, 2, 0}), 5) == "<5 <5 <5 <5 0");
    // a district total of 7 from one commune of 7: nothing to hide
    CHECK(shown(oneDistrict({7, 0}), 5) == "7 7 7 0");
}

TEST_CASE("hidden cells are not left with a single possible value", "[core][disclosure]") {
    // 1 and 5 in a district of 6: "<5" (1–4) + "x" (5 or more) = 6 pins both, so the district is hidden,
    // and then the province (here equal to the district) is hidden with it.
    CHECK(shown(oneDistrict({1, 5}), 5) == "x x <5 x");
    // 1 and 6 in 7: "<5" + "x" = 7 leaves 1 or 2: enough
    CHECK(shown(oneDistrict({1, 6}), 5) == "7 7 <5 x");
    // 4 and 4 in 8: "<5" + "<5" = 8 can only be 4 + 4: a third commune is hidden
    CHECK(shown(oneDistrict({4, 4, 9}), 5) == "17 17 <5 <5 x");
}

TEST_CASE("a province larger than its districts: the remainder is protected when small", "[core][disclosure]") {
    // two villages without a commune count only in the province: 22 − 20 = 2 would be published, so
    // the district is hidden, and then one of its communes (else 10 + 10 gives the district back)
    CHECK(shown(oneDistrict({10, 10}, 2), 5) == "22 x x 10");
    // a remainder of 7 is not small: it may be worked out
    CHECK(shown(oneDistrict({10, 10}, 7), 5) == "27 20 10 10");
    // a small commune next to a remainder: the remainder (unpublished, 0 or more) hides it only if it
    // leaves more than one value: 3 + remainder 6 = 9 leaves 1–4
    CHECK(shown(oneDistrict({3}, 6), 5) == "9 <5 <5");
}

TEST_CASE("invalid tables are refused", "[core][disclosure]") {
    CHECK_THROWS(suppressSmallCounts(CountTree{{5, 6}, {-1, 0}}, 5));  // total below its part
    CHECK_THROWS(suppressSmallCounts(CountTree{{5}, {-1}}, 1));
    CHECK_THROWS(suppressSmallCounts(CountTree{{5, 5}, {-1, 7}}, 5));
    CHECK_THROWS(suppressSmallCounts(CountTree{{-1}, {-1}}, 5));
}

namespace {

// Rank of a matrix (rows of doubles) by Gaussian elimination with partial pivoting.
std::size_t rank(std::vector<std::vector<double>> m) {
    std::size_t r = 0;
    const std::size_t cols = m.empty() ? 0 : m[0].size();
    for (std::size_t c = 0; c < cols && r < m.size(); ++c) {
        std::size_t pivot = r;
        for (std::size_t i = r; i < m.size(); ++i)
            if (std::abs(m[i][c]) > std::abs(m[pivot][c])) pivot = i;
        if (std::abs(m[pivot][c]) < 1e-9) continue;
        std::swap(m[r], m[pivot]);
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (i == r) continue;
            const double f = m[i][c] / m[r][c];
            for (std::size_t j = c; j < cols; ++j) m[i][j] -= f * m[r][j];
        }
        ++r;
    }
    return r;
}

struct RandomTable {
    CountTree tree;
    std::vector<std::int64_t> remainder;  // per cell: its total minus the sum of its children (0 for leaves)
};

RandomTable randomTable(std::mt19937& rng, std::int64_t k) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto count = [&]() -> std::int64_t {
        const int kind = pick(0, 9);
        return kind < 3 ? 0 : kind < 7 ? pick(1, int(k) - 1) : pick(int(k), 40);
    };
    RandomTable t;
    t.tree.values = {0};
    t.tree.parent = {-1};
    const int districts = pick(1, 4);
    for (int d = 0; d < districts; ++d) {
        const auto di = static_cast<std::int32_t>(t.tree.values.size());
        t.tree.values.push_back(0);
        t.tree.parent.push_back(0);
        const int communes = pick(1, 6);
        for (int c = 0; c < communes; ++c) {
            const std::int64_t v = count();
            t.tree.values.push_back(v);
            t.tree.parent.push_back(di);
            t.tree.values[di] += v;
        }
        t.tree.values[0] += t.tree.values[di];
    }
    t.remainder.assign(t.tree.values.size(), 0);
    if (pick(0, 3) == 0) {  // villages without a commune, counted only in the province
        t.remainder[0] = count();
        t.tree.values[0] += t.remainder[0];
    }
    return t;
}

}  // namespace

TEST_CASE("property: no hidden count follows from the published table", "[core][disclosure]") {
    std::mt19937 rng(20261129);
    int tablesWithSmall = 0, complementary = 0, inherent = 0;
    for (int round = 0; round < 3000; ++round) {
        const std::int64_t k = std::uniform_int_distribution<int>(2, 7)(rng);
        const RandomTable t = randomTable(rng, k);
        const std::vector<CellStatus> status = suppressSmallCounts(t.tree, k);
        const std::size_t n = t.tree.values.size();
        // Unknowns: the hidden cells and the (never published) non-zero remainders.
        std::vector<std::size_t> unknownOf(n, SIZE_MAX), remainderUnknown(n, SIZE_MAX);
        std::size_t unknowns = 0;
        bool anySmall = false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t v = t.tree.values[i];
            INFO("round " << round << " cell " << i << " value " << v << " k " << k);
            REQUIRE((status[i] == S::Small) == (v >= 1 && v < k));  // every small count hidden as "<k"
            if (status[i] == S::Complementary) { REQUIRE(v >= k); ++complementary; }
            anySmall |= status[i] == S::Small;
            if (status[i] != S::Shown) unknownOf[i] = unknowns++;
            if (t.remainder[i] > 0) remainderUnknown[i] = unknowns++;
        }
        tablesWithSmall += anySmall;
        if (unknowns == 0) continue;
        std::string table;  // "value/parent/status" per cell, for a failure message
        for (std::size_t i = 0; i < n; ++i)
            table += std::to_string(t.tree.values[i]) + "/" + std::to_string(t.tree.parent[i]) + "/" + shownCount(t.tree.values[i], status[i], k) + " ";
        table += "remainder " + std::to_string(t.remainder[0]);
        // One equation per total: sum of children (+ remainder) − total = 0, known values on the right.
        std::vector<std::vector<double>> equations;
        std::vector<bool> knownNonZero;  // per equation: a published non-zero cell is left to hide
        for (std::size_t p = 0; p < n; ++p) {
            std::vector<double> row(unknowns + 1, 0);
            bool hasChildren = false, shownNonZero = false;
            auto term = [&](std::size_t cell, double sign) {
                if (unknownOf[cell] != SIZE_MAX) row[unknownOf[cell]] += sign;
                else row[unknowns] -= sign * double(t.tree.values[cell]);
                shownNonZero |= unknownOf[cell] == SIZE_MAX && t.tree.values[cell] != 0;
            };
            for (std::size_t c = 0; c < n; ++c)
                if (t.tree.parent[c] == std::int32_t(p)) { term(c, 1); hasChildren = true; }
            if (!hasChildren) continue;
            term(p, -1);
            if (remainderUnknown[p] != SIZE_MAX) row[remainderUnknown[p]] = 1;
            equations.push_back(row);
            knownNonZero.push_back(shownNonZero);
        }
        std::vector<std::vector<double>> a;
        for (const auto& e : equations) a.emplace_back(e.begin(), e.end() - 1);
        const std::size_t r = rank(a);
        // Linear attack: a hidden cell (or small remainder) is determined when its unit vector lies in
        // the row space of the equations.
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t u : {unknownOf[i], remainderUnknown[i]}) {
                if (u == SIZE_MAX) continue;
                const bool small = u == remainderUnknown[i] ? t.remainder[i] < k : true;
                if (!small) continue;  // a remainder of k or more may be worked out
                std::vector<std::vector<double>> withUnit = a;
                withUnit.emplace_back(unknowns, 0.0);
                withUnit.back()[u] = 1;
                INFO("round " << round << " k " << k << " cell " << i << " value " << t.tree.values[i]);
                CHECK(rank(withUnit) > r);
            }
        }
        // Subtraction within one total, using what a reader knows ("<k" is 1…k−1, "x" is k or more,
        // a remainder 0 or more): the true value of a hidden cell is never the only one possible.
        for (std::size_t q = 0; q < equations.size(); ++q) {
            const std::vector<double>& e = equations[q];
            for (std::size_t j = 0; j < unknowns; ++j) {
                if (e[j] == 0) continue;
                auto bounds = [&](std::size_t u, double& lo, double& hi) {
                    lo = 0, hi = INFINITY;
                    for (std::size_t i = 0; i < n; ++i) {
                        if (unknownOf[i] == u) {
                            lo = status[i] == S::Small ? 1 : double(k);
                            hi = status[i] == S::Small ? double(k - 1) : INFINITY;
                        }
                        if (remainderUnknown[i] == u && !(t.remainder[i] < k)) lo = -1;  // not protected
                    }
                };
                double lo, hi;
                bounds(j, lo, hi);
                if (lo < 0 || lo == hi) continue;  // unprotected remainder; "<2" says 1 by itself
                double othersLo = 0, othersHi = 0;
                for (std::size_t u = 0; u < unknowns; ++u) {
                    if (u == j || e[u] == 0) continue;
                    double l, h;
                    bounds(u, l, h);
                    l = std::max(l, 0.0);
                    othersLo += e[u] > 0 ? l : -h;
                    othersHi += e[u] > 0 ? h : -l;
                }
                const double rhs = e[unknowns];
                const double from = e[j] > 0 ? rhs - othersHi : othersLo - rhs, to = e[j] > 0 ? rhs - othersLo : othersHi - rhs;
                const bool pinned = std::max(from, lo) >= std::min(to, hi);
                // Every non-zero cell of the total hidden, and still one value: the markers alone say it
                // (a "<5" district of 4 over four "<5" communes: each 1). Nothing is left to hide; the
                // README states this limit. Anything else is a failure.
                if (pinned && !knownNonZero[q]) { ++inherent; continue; }
                INFO("round " << round << " k " << k << " unknown " << j << ": " << table);
                CHECK_FALSE(pinned);
            }
        }
    }
    CHECK(tablesWithSmall > 2000);  // the property was tested where it matters
    CHECK(inherent < tablesWithSmall / 10);  // markers alone pin a value only in rare tiny totals
    CHECK(complementary > 1000);
}
