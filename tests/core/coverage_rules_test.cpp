// Coverage rules in the project's settings: defaults, round trip, and one-line errors for bad values.
#include <catch2/catch.hpp>

#include "core/coverage_rules.h"
#include "core/errors.h"
#include "core/i18n.h"

using namespace gapmap;

namespace {

std::string errorFor(const std::string& key, const std::string& value) {
    Project p;
    p.setSetting(key, value);
    try {
        CoverageRules::fromProject(p);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("coverage rules default to R = 10 km and the documented weights", "[core][rules]") {
    const CoverageRules rules = CoverageRules::fromProject(Project{});
    CHECK(rules.taRadiusKm == 10);
    CHECK_FALSE(rules.clubAnywhereInCommune);
    CHECK_FALSE(rules.taInCommune);
    CHECK(rules.population == PopulationMode::None);
    const std::vector<double> expected = {3, 2, 2, 1, 1, 1, 2, 3};
    for (size_t i = 0; i < kGapCount; ++i) CHECK(rules.weight(kAllGaps[i]) == expected[i]);
    CHECK(std::string(gapCode(Gap::TaOutOfReach)) == "ta_out_of_reach");
    CHECK(std::string(gapCode(Gap::EspeciallyDifficult)) == "especially_difficult");
}

TEST_CASE("coverage rules are read from settings the way commune spreadsheets write them", "[core][rules]") {
    Project p;
    p.setSetting("coverage.ta_radius_km", "12,5");
    p.setSetting("coverage.club_in_commune", "có");
    p.setSetting("coverage.ta_in_commune", " yes ");
    p.setSetting("weight.no_mobile", "0");
    p.setSetting("weight.outcomes", "4.25");
    p.setSetting("priority.population", "tiebreak");
    p.setSetting("title", "not a rule");
    const CoverageRules rules = CoverageRules::fromProject(p);
    CHECK(rules.taRadiusKm == 12.5);
    CHECK(rules.clubAnywhereInCommune);
    CHECK(rules.taInCommune);
    CHECK(rules.weight(Gap::NoMobile) == 0);
    CHECK(rules.weight(Gap::Outcomes) == 4.25);
    CHECK(rules.population == PopulationMode::Tiebreak);
}

TEST_CASE("coverage rules written to settings read back exactly", "[core][rules]") {
    CoverageRules rules;
    rules.taRadiusKm = 7.3;
    rules.taInCommune = true;
    rules.weight(Gap::NoClub) = 0.1;
    rules.population = PopulationMode::Factor;
    Project p;
    rules.toProject(p);
    CHECK(p.settingOr("coverage.ta_radius_km", "") == "7.3");
    CHECK(p.settingOr("weight.no_club", "") == "0.1");
    CHECK(p.settingOr("priority.population", "") == "factor");
    CHECK(p.settings.size() == 13);  // with confidentiality.k
    CHECK(p.settingOr("confidentiality.k", "") == "5");
    const CoverageRules back = CoverageRules::fromProject(p);
    CHECK(back.taRadiusKm == rules.taRadiusKm);
    CHECK(back.taInCommune);
    CHECK(back.weights == rules.weights);
    CHECK(back.population == PopulationMode::Factor);
}

TEST_CASE("an invalid coverage setting is one error naming the key and the value", "[core][rules][errors]") {
    const ScopedLanguage en(Lang::En);  // the English wording; the Vietnamese one: tests/cli/vietnamese_messages_test.cpp
    CHECK(errorFor("coverage.ta_radius_km", "mười") == "setting coverage.ta_radius_km = \"mười\": expected a distance in km greater than 0");
    CHECK(errorFor("coverage.ta_radius_km", "0") == "setting coverage.ta_radius_km = \"0\": expected a distance in km greater than 0");
    CHECK(errorFor("weight.no_team", "-1") == "setting weight.no_team = \"-1\": expected a weight of 0 or more");
    CHECK(errorFor("weight.no_team", "") == "setting weight.no_team = \"\": expected a weight of 0 or more");
    CHECK(errorFor("coverage.club_in_commune", "maybe") == "setting coverage.club_in_commune = \"maybe\": expected 1 or 0 (yes/no)");
    CHECK(errorFor("priority.population", "weighted") == "setting priority.population = \"weighted\": expected none, factor or tiebreak");
    CHECK_THAT(errorFor("weight.no_teams", "3"), Catch::StartsWith("setting weight.no_teams = \"3\": unknown weight (known: weight.no_team,"));
    CHECK_THAT(errorFor("coverage.radius", "3"), Catch::StartsWith("setting coverage.radius = \"3\": unknown setting"));
}

TEST_CASE("confidentiality.k: default 5, a whole number of 2 or more, else one error naming it", "[core][rules][errors][confidentiality]") {
    Project p;
    CHECK(confidentialityK(p) == 5);
    CHECK(CoverageRules::fromProject(p).confidentialityK == 5);
    p.setSetting("confidentiality.k", " 10 ");
    CHECK(confidentialityK(p) == 10);
    CHECK(CoverageRules::fromProject(p).confidentialityK == 10);
    p.setSetting("confidentiality.k", "2");
    CHECK(confidentialityK(p) == 2);
    const ScopedLanguage en(Lang::En);
    const std::string expected = "expected a whole number of 2 or more (the smallest outcome count shown)";
    CHECK(errorFor("confidentiality.k", "1") == "setting confidentiality.k = \"1\": " + expected);
    CHECK(errorFor("confidentiality.k", "4.5") == "setting confidentiality.k = \"4.5\": " + expected);
    CHECK(errorFor("confidentiality.k", "năm") == "setting confidentiality.k = \"năm\": " + expected);
    CHECK(errorFor("confidentiality.k", "") == "setting confidentiality.k = \"\": " + expected);
    CHECK(errorFor("confidentiality.kk", "5") == "setting confidentiality.kk = \"5\": unknown setting (known: confidentiality.k)");
}
