// The priority list written a piece at a time (writePrioritiesCsv/Json, what `report --priorities
// --format csv|json` does) is the CSV or JSON of the whole table byte for byte, and the reasons
// texts made once per list (ReasonsFormatter) read as the catalogue's phrases say.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/coverage.h"
#include "core/coverage_tables.h"
#include "core/i18n.h"

using namespace gapmap;

namespace {

// 9,000 villages over 90 communes (three slices of the list and a part), Trusted Addresses at random.
Project manyVillages() {
    std::mt19937 rng(1203);
    std::uniform_real_distribution<double> unit(0, 1);
    Project p;
    p.adminUnits.push_back({"01", "Thử", AdminLevel::Province, "", "tỉnh", std::nullopt, false, {}});
    for (int c = 0; c < 90; ++c) {
        const std::string commune = "C" + std::to_string(100 + c);
        p.adminUnits.push_back({commune, "Xã, \"số\" " + std::to_string(c), AdminLevel::Commune, "01", "xã", std::nullopt, false, {}});
        for (int k = 0; k < 100; ++k) {
            Village v;
            v.code = commune + "V" + std::to_string(k);
            v.name = "Thôn " + std::to_string(k);
            v.communeCode = commune;
            if (unit(rng) > 0.01) v.location = LonLat{103 + unit(rng) * 2, 21 + unit(rng) * 2};
            if (unit(rng) > 0.1) v.population = std::int64_t(50 + unit(rng) * 900);
            v.especiallyDifficult = unit(rng) < 0.4;
            v.electricity = unit(rng) < 0.1 ? Electricity::None : unit(rng) < 0.1 ? Electricity::Offgrid : Electricity::Grid;
            v.mobile = unit(rng) < 0.1 ? Mobile::None : unit(rng) < 0.15 ? Mobile::G2 : Mobile::G4;
            v.internet = unit(rng) > 0.3;
            if (unit(rng) < 0.3) p.teams.push_back({v.code, "2024-01-01", 8, 3, "Zalo"});
            p.villages.push_back(v);
        }
    }
    for (int t = 0; t < 40; ++t)
        p.trustedAddresses.push_back({"T" + std::to_string(t), "", "C100", "", "", "shelter", true, LonLat{103 + unit(rng) * 2, 21 + unit(rng) * 2}});
    return p;
}

std::string streamed(const Project& p, const CoverageResult& r, std::size_t top, bool json = false) {
    std::string out;
    std::size_t pieces = 0;
    (json ? writePrioritiesJson : writePrioritiesCsv)(p, r, top, [&](std::string_view piece) {
        out += piece;
        ++pieces;
    });
    CHECK(pieces >= 1);
    return out;
}

// The "priorities" array of the JSON, to compare with formatJsonRows of the whole table.
std::string prioritiesArray(const std::string& json) {
    const std::size_t start = json.find("\"priorities\":");
    REQUIRE(start != std::string::npos);
    const std::size_t from = start + std::string("\"priorities\":").size();
    REQUIRE(json.size() >= from + 2);
    REQUIRE(json.substr(json.size() - 2) == "}\n");
    return json.substr(from, json.size() - 2 - from);
}

}  // namespace

TEST_CASE("the priority CSV and JSON written in pieces are the whole table's, byte for byte", "[core][priorities][csv][json]") {
    const Project p = manyVillages();
    for (const Lang lang : {Lang::Vi, Lang::En}) {
        const ScopedLanguage scoped(lang);
        for (const PopulationMode mode : {PopulationMode::None, PopulationMode::Factor}) {
            CoverageRules rules;
            rules.population = mode;
            rules.weight(Gap::NoClub) = 1.5;
            const CoverageResult r = analyseCoverage(p, rules);
            REQUIRE(r.priority.size() > 8192);
            CHECK(streamed(p, r, 0) == formatCsv(priorityTable(p, r)));
            CHECK(streamed(p, r, 5000) == formatCsv(priorityTable(p, r, 5000)));
            CHECK(streamed(p, r, 3) == formatCsv(priorityTable(p, r, 3)));
            const std::string json = streamed(p, r, 0, true);
            CHECK(json.find("{\"title\":") == 0);
            CHECK(prioritiesArray(json) == formatJsonRows(priorityTable(p, r)));
            CHECK(prioritiesArray(streamed(p, r, 5000, true)) == formatJsonRows(priorityTable(p, r, 5000)));
        }
    }
    // No listed village: the header alone.
    Project none;
    none.adminUnits.push_back({"01", "Thử", AdminLevel::Province, "", "tỉnh", std::nullopt, false, {}});
    const CoverageResult empty = analyseCoverage(none, CoverageRules{});
    const std::string header = streamed(none, empty, 0);
    CHECK(header == formatCsv(priorityTable(none, empty)));
    CHECK(header.find("rank,village_code,") == 0);
    CHECK(prioritiesArray(streamed(none, empty, 0, true)) == "[]");
}

TEST_CASE("reasons texts: each term in the catalogue's words, in score order", "[core][priorities][reasons]") {
    const ScopedLanguage english(Lang::En);
    Project p;
    Village a;
    a.code = "V1";
    a.population = 250;
    a.electricity = Electricity::None;
    a.mobile = Mobile::G2;
    Village b = a;
    b.code = "V2";
    b.population.reset();
    b.electricity = Electricity::Offgrid;
    b.mobile = Mobile::None;
    p.villages = {a, b};
    CoverageResult r;
    r.rules.population = PopulationMode::Factor;
    r.rules.weight(Gap::NoClub) = 1.5;
    const auto gaps = [](std::initializer_list<Gap> list) {
        std::uint16_t bits = 0;
        for (Gap g : list) bits |= std::uint16_t(1u << int(g));
        return bits;
    };
    VillageCoverage ca;
    ca.village = 0;
    ca.gaps = ca.scoredGaps = gaps({Gap::NoTeam, Gap::NoClub, Gap::TaOutOfReach, Gap::NoElectricity, Gap::NoMobile});
    ca.nearestTaBand = DistanceBand{10, 15};
    ca.populationFactor = 2.5;
    VillageCoverage cb = ca;
    cb.village = 1;
    cb.nearestTaBand.reset();
    cb.taKnown = false;
    cb.populationFactor = 1;
    CHECK(reasonsText(p, r, ca) == "no team +3; no club +1.5; nearest Trusted Address 10–15 km +2; no electricity +1; 2G only +1; population 250 ×2.5");
    CHECK(reasonsText(p, r, cb) == "no team +3; no club +1.5; no active Trusted Address located +2; off-grid electricity only +1; "
                                   "no mobile signal +1; no coordinates: Trusted Address distance unknown; population unknown ×1");
    const ReasonsFormatter formatter(r.rules);
    CHECK(formatter.text(p, ca) == reasonsText(p, r, ca));
    CHECK(formatter.text(p, cb) == reasonsText(p, r, cb));
    CHECK(formatter.band(DistanceBand{10, 15}) == "10–15");
    CHECK(formatter.band(DistanceBand{0, 7.5}) == "0–7.5");
    const ScopedLanguage vietnamese(Lang::Vi);
    CHECK(ReasonsFormatter(r.rules).band(DistanceBand{0, 7.5}) == "0–7,5");
}
