// io/import_merge: rows merge by key, an empty village cell keeps the project's value, and one
// command setting a key twice differently is a conflict naming both places.
#include <catch2/catch.hpp>

#include "core/i18n.h"
#include "core/provenance.h"
#include "core/schema.h"
#include "io/import_merge.h"

using namespace gapmap;

namespace {

RowOrigin origin(const std::string& where, const TableSpec& spec, std::vector<std::string> givenColumns) {
    RowOrigin o{2, where, std::vector<bool>(spec.columns.size(), false)};
    for (size_t c = 0; c < spec.columns.size(); ++c)
        for (const std::string& g : givenColumns) o.given[c] = o.given[c] || spec.columns[c].name == g;
    return o;
}

}  // namespace

TEST_CASE("merge by key: rows replace their key, others stay, empty village cells keep what the project holds", "[flow][merge]") {
    const TableSpec& spec = *findTable("villages");
    Project p;
    Village a{"V1", "A", "C1", LonLat{103.1, 22.1}, 100, 20, "Thái", true, Electricity::Offgrid, Mobile::G2, false};
    Village b{"V2", "B", "C1", std::nullopt, 50, 10, "Mông", false, Electricity::Grid, Mobile::G4, true};
    p.villages = {a, b};
    Project in;
    Village a2{"V1", "A mới", "C1", std::nullopt, std::nullopt, std::nullopt, "", false, Electricity::Grid, Mobile::G4, true};
    Village c{"V3", "C", "C2", std::nullopt, 10, 2, "", false, Electricity::None, Mobile::None, false};
    in.villages = {a2, c};
    MergeLedger ledger;
    const auto keys = mergeByKey(p, in, spec, {origin("f.xlsx: row 2", spec, {"code", "name", "internet"}), origin("f.xlsx: row 3", spec, {"code"})}, ledger);
    CHECK(keys == std::vector<std::string>{"V1", "V3"});
    REQUIRE(p.villages.size() == 3);
    const Village& m = p.villages[0];
    CHECK(m.name == "A mới");
    CHECK(m.internet);                          // given
    CHECK(m.population == 100);                 // empty: kept
    CHECK(m.electricity == Electricity::Offgrid);
    CHECK(m.especiallyDifficult);
    REQUIRE(m.location);                        // no coordinates in the file: kept
    CHECK(m.location->lonDeg == 103.1);
    CHECK(p.villages[1].name == "B");           // not in the file: stays
    CHECK(p.villages[2].code == "V3");          // new: appended

    // a second file setting V1 differently in the same command: conflict naming both places
    Project again;
    Village a3 = a2;
    a3.internet = false;
    again.villages = {a3};
    ScopedLanguage en(Lang::En);
    CHECK_THROWS_WITH(mergeByKey(p, again, spec, {origin("g.xlsx: row 9", spec, {"code", "name", "internet"})}, ledger),
                      Catch::Contains("f.xlsx: row 2 and g.xlsx: row 9"));
}

TEST_CASE("provenance: a village's values come from its import, else from its table's load", "[flow][provenance]") {
    Project p;
    p.villages = {Village{"V1", "A", "C1"}, Village{"V2", "B", "C1"}};
    p.recordLoad("villages", "villages.csv", 2, "2026-01-01T00:00:00Z");
    recordRowSource(p, {"villages", "V1", "d1.xlsx", "Thôn bản", 7, "2026-02-01T00:00:00Z"});
    const auto v1 = villageValueSources(p, "V1");
    REQUIRE(v1.size() == 1);
    CHECK(v1[0].sourceFile == "d1.xlsx");
    CHECK(v1[0].sheet == "Thôn bản");
    CHECK(v1[0].row == 7);
    const auto v2 = villageValueSources(p, "V2");
    REQUIRE(v2.size() == 1);
    CHECK(v2[0].wholeTableLoad);
    CHECK(v2[0].sourceFile == "villages.csv");
    CHECK(villageValueSources(p, "nope").empty());
    const auto imports = importRecords(p);
    REQUIRE(imports.size() == 1);
    CHECK(imports[0].rows == 1);
}
