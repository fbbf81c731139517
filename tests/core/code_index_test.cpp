// CodeIndex, the hash index the coverage analysis joins codes with, against std::unordered_map.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>

#include "core/code_index.h"
#include "core/code_order.h"

using namespace gapmap;

TEST_CASE("codes short and long, sharing their first 8 bytes or differing only in length", "[core][code_index]") {
    using namespace std::string_literals;
    // Held by the caller: the index keeps views.
    const std::vector<std::string> codes = {"9940106", "99401", "994010600", "994010601", "9940106\0"s, "A", "AB",
                                            "ABCDEFGH", "ABCDEFGHI", "ABCDEFGHJ", "ABCDEFGH\0\0"s, std::string(300, 'x'),
                                            std::string(299, 'x') + "y"};
    CodeIndex index(2);  // grows past its first size
    for (std::size_t i = 0; i < codes.size(); ++i) CHECK(index.insert(codes[i]) == static_cast<std::int32_t>(i));
    for (std::size_t i = 0; i < codes.size(); ++i) {
        INFO(i);
        CHECK(index.find(codes[i]) == static_cast<std::int32_t>(i));
        CHECK(index.insert(codes[i]) == static_cast<std::int32_t>(i));  // already there: its position, nothing added
    }
    CHECK(index.size() == codes.size());
    CHECK(index.find("") == -1);
    CHECK(index.insert("") == -1);
    for (const std::string& absent : {"994010"s, "99401060"s, "9940107"s, "ABCDEFG"s, "ABCDEFGHK"s, "B"s, "ABCDEFGH\0"s, "A\0"s})
        CHECK(index.find(absent) == -1);
    CHECK(index.find(std::string(301, 'x')) == -1);
    CHECK(CodeIndex().find("A") == -1);
}

TEST_CASE("the index agrees with std::unordered_map on 100,000 random codes", "[core][code_index]") {
    std::mt19937 rng(2911);
    std::uniform_int_distribution<int> length(1, 14), digit('0', '9');
    std::vector<std::string> codes;
    for (int i = 0; i < 100000; ++i) {
        std::string c(static_cast<std::size_t>(length(rng)), '0');
        for (char& ch : c) ch = static_cast<char>(digit(rng));
        codes.push_back(c);
    }
    CodeIndex index;
    std::unordered_map<std::string, std::int32_t> expected;
    for (const std::string& c : codes) {
        const std::int32_t k = index.insert(c);
        const auto [at, added] = expected.emplace(c, static_cast<std::int32_t>(expected.size()));
        REQUIRE(k == at->second);
    }
    CHECK(index.size() == expected.size());
    std::size_t wrong = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string probe(static_cast<std::size_t>(length(rng)), '0');
        for (char& ch : probe) ch = static_cast<char>(digit(rng));
        const auto it = expected.find(probe);
        wrong += index.find(probe) != (it == expected.end() ? -1 : it->second);
    }
    CHECK(wrong == 0);
}

TEST_CASE("compareCodes orders codes as std::string does", "[core][code_index]") {
    std::mt19937 rng(8);
    std::uniform_int_distribution<int> length(0, 12), byte(0, 255), pick(0, 3);
    const char alphabet[] = {'0', '9', '\0', '\xff'};  // digits, NUL and a high byte: unsigned order
    std::size_t wrong = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string a(static_cast<std::size_t>(length(rng)), '0'), b;
        for (char& c : a) c = i % 2 ? alphabet[pick(rng)] : static_cast<char>(byte(rng));
        b = a.substr(0, static_cast<std::size_t>(length(rng)) % (a.size() + 1));  // often a prefix
        if (i % 3 == 0 && !b.empty()) b.back() = alphabet[pick(rng)];
        if (i % 5 == 0) b += alphabet[pick(rng)];
        auto sign = [](int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; };
        wrong += sign(compareCodes(a, b)) != sign(a.compare(b));
        wrong += codeLess(a, b) != (a < b);
    }
    CHECK(wrong == 0);
}
