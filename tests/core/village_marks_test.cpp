// VillageMarks: the merge join and the hash index give every village the flags a std::map gives,
// whatever the order of the villages.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "core/village_marks.h"

using namespace gapmap;

TEST_CASE("village marks by merge join or by hash agree with a map", "[core][village_marks]") {
    std::mt19937 rng(1129);
    std::uniform_int_distribution<int> id(0, 3999);
    std::uniform_real_distribution<double> unit(0, 1);
    auto code = [](int n) { return "V" + std::to_string(100000 + n); };
    // Marks: runs in order (teams, clubs, outcomes as imported), or shuffled (many runs), with
    // repeats within and across runs, and an empty code.
    for (int shape = 0; shape < 3; ++shape) {
        std::vector<std::string> markCodes;
        std::vector<std::uint8_t> markFlags;
        for (std::uint8_t flag : {1, 2, 4}) {
            std::vector<int> ids;
            for (int k = 0; k < 900; ++k) ids.push_back(id(rng));
            if (shape == 0) std::sort(ids.begin(), ids.end());
            for (int n : ids) {
                markCodes.push_back(code(n));
                markFlags.push_back(flag);
            }
        }
        markCodes.push_back("");
        markFlags.push_back(1);
        if (shape == 2) markCodes.push_back("V10");  // a code no village has, sorting first
        if (shape == 2) markFlags.push_back(2);
        std::map<std::string, std::uint8_t> expected;
        for (std::size_t i = 0; i < markCodes.size(); ++i)
            if (!markCodes[i].empty()) expected[markCodes[i]] |= markFlags[i];
        // Villages in code order (with a repeated code) for the merge join; shuffled for the hash.
        std::vector<Village> villages;
        for (int n = 0; n < 5000; n += 1 + (unit(rng) < 0.3)) {
            villages.push_back(Village{});
            villages.back().code = code(n);
        }
        villages.insert(villages.begin() + 100, villages[100]);
        REQUIRE(villagesLookInCodeOrder(villages));
        std::vector<Village> shuffled = villages;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        REQUIRE_FALSE(villagesLookInCodeOrder(shuffled));
        // Sorted but for a few swaps the sample misses: the merge join must still be right.
        std::vector<Village> nearly = villages;
        for (std::size_t k = 0; k < 20; ++k) std::swap(nearly[37 * k + 5], nearly[37 * k + 6]);
        for (const std::vector<Village>* list : {&villages, &shuffled, &nearly})
            for (bool merge : {true, false}) {
                VillageMarks marks(merge);
                for (std::size_t i = 0; i < markCodes.size(); ++i) marks.add(markCodes[i], markFlags[i]);
                marks.finish();
                // Two cursors as two threads: one from the start, one from the middle.
                const std::size_t half = list->size() / 2;
                VillageMarks::Cursor first(marks), second(marks);
                std::size_t wrong = 0, marked = 0;
                for (std::size_t i = 0; i < list->size(); ++i) {
                    const std::string& c = (*list)[i].code;
                    const auto it = expected.find(c);
                    const std::uint8_t want = it == expected.end() ? 0 : it->second;
                    const std::uint8_t got = (i < half ? first : second).flagsOf(c);
                    wrong += got != want;
                    marked += got != 0;
                }
                INFO("shape " << shape << (list == &villages ? ", sorted" : list == &shuffled ? ", shuffled" : ", nearly sorted")
                               << (merge ? ", merge join" : ", hash"));
                CHECK(wrong == 0);
                CHECK(marked > 1000);
            }
    }
}

TEST_CASE("sortVillagesByCode: byte order of codes, equal codes in their order, a sorted list untouched", "[core][village_marks][village_order]") {
    std::mt19937 rng(1203);
    std::vector<Village> villages;
    // Codes of several lengths (byte order: "V10" before "V9"), longer than 8 bytes too, and repeats.
    for (int i = 0; i < 5000; ++i) {
        Village v;
        const int n = int(rng() % 3000);
        v.code = (i % 7 == 0 ? "LONGPREFIX" : "V") + std::to_string(n);
        v.name = std::to_string(i);  // the original position, to check stability
        villages.push_back(v);
    }
    std::vector<Village> expected = villages;
    std::stable_sort(expected.begin(), expected.end(), [](const Village& a, const Village& b) { return a.code < b.code; });
    CHECK(sortVillagesByCode(villages));
    REQUIRE(villages.size() == expected.size());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < villages.size(); ++i) wrong += villages[i].code != expected[i].code || villages[i].name != expected[i].name;
    CHECK(wrong == 0);
    CHECK_FALSE(sortVillagesByCode(villages));  // already in order: nothing moved
    std::vector<Village> none;
    CHECK_FALSE(sortVillagesByCode(none));
}
