// Coverage, gaps, scores and aggregation on the hand-built scenario of tests/support/coverage_scenario.h.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "core/coverage.h"
#include "core/errors.h"
#include "core/geodesic.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/spatial_index.h"
#include "support/coverage_scenario.h"

using namespace gapmap;
using gapmap::test::coverageScenario;

namespace {

const VillageCoverage& village(const Project& p, const CoverageResult& r, const std::string& code) {
    for (const VillageCoverage& c : r.villages)
        if (p.villages[c.village].code == code) return c;
    throw std::runtime_error("no village " + code);
}

const AreaCoverage& commune(const CoverageResult& r, const std::string& code) {
    for (const AreaCoverage& a : r.communes)
        if (a.code == code) return a;
    throw std::runtime_error("no commune " + code);
}

std::string ranking(const Project& p, const CoverageResult& r) {
    std::string out;
    for (std::uint32_t i : r.priority) out += (out.empty() ? "" : " ") + p.villages[r.villages[i].village].code;
    return out;
}

std::string reasons(const Project& p, const CoverageResult& r, const std::string& code) { return reasonsText(p, r, village(p, r, code)); }

CoverageResult analyseWith(const Project& p, const std::string& key, const std::string& value) {
    Project copy = p;
    copy.setSetting(key, value);
    return analyseCoverage(copy);
}

}  // namespace

TEST_CASE("a village exactly at R km is reached, one metre beyond is not", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    // The scenario's positions: A2 at 10,000 m and A3 at 10,001 m from T1 (PROJ's geod).
    const LonLat t1 = *p.trustedAddresses[0].location;
    CHECK(geodesicKm(*p.villages[village(p, r, "A2").village].location, t1) == Approx(10.0).margin(1e-6));
    CHECK(geodesicKm(*p.villages[village(p, r, "A3").village].location, t1) == Approx(10.001).margin(1e-6));
    CHECK(village(p, r, "A2").nearestTaBand == DistanceBand{0, 10});
    CHECK(village(p, r, "A2").taReached);
    CHECK_FALSE(village(p, r, "A2").has(Gap::TaOutOfReach));
    CHECK(village(p, r, "A3").nearestTaBand == DistanceBand{10, 15});
    CHECK_FALSE(village(p, r, "A3").taReached);
    CHECK(gapsText(village(p, r, "A3")) == "no_team;no_club;ta_out_of_reach");
    CHECK(reasons(p, r, "A3") == "no team +3; no club +2; nearest Trusted Address 10–15 km +2");
    CHECK(village(p, r, "A3").score == 7);
}

TEST_CASE("a Trusted Address across a commune border reaches by distance", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    CHECK(village(p, r, "B1").nearestTaBand == DistanceBand{0, 10});  // 3 km from T1, registered in commune A
    CHECK(village(p, r, "B1").taReached);
    CHECK(reasons(p, r, "B1") == "no team +3; no electricity +1; 2G only +1");
}

TEST_CASE("an inactive Trusted Address reaches nobody", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    // 30 km from T1 (Vincenty: 30 km less a few µm, so the band below); T2 stands on B2 but is inactive.
    CHECK(village(p, r, "B2").nearestTaBand == DistanceBand{25, 30});
    CHECK(reasons(p, r, "B2") == "no team +3; nearest Trusted Address 25–30 km +2; no internet +1; "
                                 "especially difficult village +2; 5 or more child or consanguineous marriages reported (all years) +3");
    CHECK(r.activeTaWithoutLocation == 1);  // T3
    // With the commune rule the active T3 (no location) reaches every village of B; T2 never counts.
    const CoverageResult inCommune = analyseWith(p, "coverage.ta_in_commune", "1");
    CHECK(village(p, inCommune, "B2").taReached);
    CHECK(village(p, inCommune, "B2").score == 9);
    Project noT3 = p;
    noT3.trustedAddresses[2].active = false;
    noT3.setSetting("coverage.ta_in_commune", "1");
    CHECK_FALSE(village(noT3, analyseCoverage(noT3), "B2").taReached);
    CHECK(commune(r, "112").activeTrustedAddresses == 1);
    CHECK(commune(r, "111").activeTrustedAddresses == 1);
}

TEST_CASE("a village without coordinates is reported, not dropped", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    const VillageCoverage& b3 = village(p, r, "B3");
    CHECK(b3.noLocation);
    CHECK_FALSE(b3.taKnown);
    CHECK_FALSE(b3.nearestTaBand);
    CHECK_FALSE(b3.has(Gap::TaOutOfReach));
    CHECK(b3.listed());
    CHECK(reasons(p, r, "B3") == "no team +3; no coordinates: Trusted Address distance unknown");
    CHECK(commune(r, "112").villages.total == 3);
    CHECK(commune(r, "112").villages.noLocation == 1);
    CHECK(commune(r, "112").villages.taUnknown == 1);
    CHECK(commune(r, "112").people.taUnknown == 250);
    // Reach becomes known where the commune rule decides it.
    const CoverageResult inCommune = analyseWith(p, "coverage.ta_in_commune", "yes");
    CHECK(village(p, inCommune, "B3").taKnown);
    CHECK(village(p, inCommune, "B3").taReached);
    CHECK(reasons(p, inCommune, "B3") == "no team +3");
}

TEST_CASE("ties in score keep code order, population can break them or scale scores", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    CHECK(ranking(p, analyseCoverage(p)) == "B2 A3 A2 B1 B3 A1");  // A2 and B1 both score 5
    CHECK(ranking(p, analyseWith(p, "priority.population", "tiebreak")) == "B2 A3 B1 A2 B3 A1");  // B1 has 300 people, A2 100
    const CoverageResult factor = analyseWith(p, "priority.population", "factor");
    CHECK(ranking(p, factor) == "B2 B1 A3 B3 A2 A1");
    CHECK(village(p, factor, "B2").score == 44);   // 11 × 400 / 100
    CHECK(village(p, factor, "A3").score == 10.5); // 7 × 1.5
    CHECK(reasons(p, factor, "B1") == "no team +3; no electricity +1; 2G only +1; population 300 ×3");
    Project unknown = p;
    unknown.villages[3].population.reset();  // B1
    unknown.setSetting("priority.population", "factor");
    CHECK(reasons(unknown, analyseCoverage(unknown), "B1") == "no team +3; no electricity +1; 2G only +1; population unknown ×1");
}

TEST_CASE("a weight of 0 leaves a gap out of the score, the gaps and the list", "[core][coverage]") {
    const ScopedLanguage english(Lang::En);  // the reasons are checked in English
    const Project p = coverageScenario();
    const CoverageResult r = analyseWith(p, "weight.especially_difficult", "0");
    CHECK(ranking(p, r) == "B2 A3 A2 B1 B3");  // A1's only gap no longer counts
    CHECK(village(p, r, "A1").has(Gap::EspeciallyDifficult));
    CHECK(gapsText(village(p, r, "A1")).empty());
    CHECK(village(p, r, "B2").score == 9);
    CHECK(r.province.villages.especiallyDifficult == 2);  // the summaries still count it
    const CoverageResult half = analyseWith(p, "weight.no_team", "1,5");
    CHECK(village(p, half, "A2").score == 3.5);
    CHECK(reasons(p, half, "A2") == "no team +1.5; no club +2");
}

TEST_CASE("a club anywhere in the commune reaches all its villages when the setting says so", "[core][coverage]") {
    const Project p = coverageScenario();
    CHECK_FALSE(village(p, analyseCoverage(p), "A2").club);  // A's clubs are in A1 and A4
    const CoverageResult r = analyseWith(p, "coverage.club_in_commune", "1");
    CHECK(village(p, r, "A2").club);
    CHECK(village(p, r, "A3").score == 5);
    CHECK(commune(r, "111").villages.club == 4);
}

TEST_CASE("counts and shares per commune, district and province", "[core][coverage]") {
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    REQUIRE(r.communes.size() == 3);
    CHECK(r.communes[0].code == "111");  // ordered by code
    const AreaCoverage& a = commune(r, "111");
    CHECK(a.villages.total == 4);
    CHECK(a.villages.team == 2);
    CHECK(a.villages.club == 2);
    CHECK(a.villages.taReached == 3);
    CHECK(a.villages.especiallyDifficultWithTeam == 1);
    CHECK(a.villages.listed == 3);
    CHECK(a.people.total == 500);
    CHECK(a.people.taReached == 350);
    const AreaCoverage& b = commune(r, "112");
    CHECK(b.villages.club == 3);
    CHECK(b.villages.taReached == 1);
    CHECK(b.villages.noElectricity == 1);
    CHECK(b.villages.noMobile == 1);
    CHECK(b.villages.noInternet == 1);
    CHECK(b.villages.outcomes == 1);
    CHECK(b.people.noMobile == 300);
    CHECK(b.officesWithoutComputers == 1);
    CHECK(b.officesWithoutInternet == 1);
    CHECK(*findAreaMeasure("pct_people_ta_reached")->value(b) == Approx(100.0 * 300 / 950));
    CHECK(*findAreaMeasure("pct_especially_difficult_with_team")->value(b) == 0);
    const AreaCoverage& c = commune(r, "113");
    CHECK(c.villages.total == 0);
    CHECK(c.communesWithoutOffice == 1);
    CHECK_FALSE(findAreaMeasure("pct_with_team")->value(c));  // nothing to divide by
    REQUIRE(r.districts.size() == 1);
    CHECK(r.districts[0].villages.total == 7);
    CHECK(r.districts[0].people.total == 1450);
    CHECK(r.districts[0].communesWithoutOffice == 1);
    CHECK(r.districts[0].offices == 2);
    CHECK(r.province.code == "1");
    CHECK(r.province.villages.taReached == 4);
    CHECK(r.province.activeTrustedAddresses == 2);
    CHECK(*findAreaMeasure("pct_especially_difficult_with_team")->value(r.province) == 50);
}

TEST_CASE("score breakdown lists the scored gaps in order", "[core][coverage]") {
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    const std::vector<ScoreTerm> terms = scoreTerms(village(p, r, "B2"), r.rules);
    REQUIRE(terms.size() == 5);
    CHECK(terms[0].gap == Gap::NoTeam);
    CHECK(terms[0].value == 3);
    CHECK(terms[4].gap == Gap::Outcomes);
    double sum = 0;
    for (const ScoreTerm& t : terms) sum += t.value;
    CHECK(sum == village(p, r, "B2").score);
    CHECK(scoreTerms(village(p, r, "B3"), r.rules).back().kind == ScoreTerm::Kind::TaUnknown);
}

TEST_CASE("the report counts with the same rules as the analysis", "[core][coverage][report]") {
    Project p = coverageScenario();
    const Report report = buildReport(p);
    REQUIRE(report.communes.size() == 3);
    CHECK(report.communes[1].code == "112");
    CHECK(report.communes[1].withTrustedAddress == 1);
    CHECK(report.communes[0].withTrustedAddress == 3);
    p.setSetting("coverage.ta_radius_km", "10.0003");  // with the half-metre tolerance A3 (10,001 m) is still out
    CHECK(buildReport(p).province.withTrustedAddress == 4);
    p.setSetting("coverage.ta_radius_km", "30");
    CHECK(buildReport(p).province.withTrustedAddress == 6);  // all but B3, which has no coordinates
    CHECK(buildReport(p).trustedAddressRadiusKm == 30);
    CHECK(buildReport(p, 5.0).province.withTrustedAddress == 3);  // --radius-km overrides the setting
}

TEST_CASE("the analysis gives the same answer on one thread or several", "[core][coverage]") {
    // 30,000 villages in 300 communes: large enough that the automatic choice uses threads.
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0, 1);
    Project p;
    p.adminUnits.push_back({"1", "Tỉnh", AdminLevel::Province, "", "tỉnh", {}, false, {}});
    for (int c = 0; c < 300; ++c) p.adminUnits.push_back({"C" + std::to_string(1000 + c), "Xã", AdminLevel::Commune, "1", "xã", {}, false, {}});
    for (int i = 0; i < 30000; ++i) {
        Village v = gapmap::test::scenarioVillage("V" + std::to_string(100000 + i), "C" + std::to_string(1000 + i % 300),
                                                  LonLat{102.5 + 6 * unit(rng), 9 + 14 * unit(rng)}, 50 + i % 700);
        v.mobile = unit(rng) < 0.3 ? Mobile::G2 : Mobile::G4;
        v.especiallyDifficult = unit(rng) < 0.5;
        if (unit(rng) < 0.3) p.teams.push_back({v.code, "", 5, 2, ""});
        p.villages.push_back(v);
    }
    for (int t = 0; t < 1000; ++t) p.trustedAddresses.push_back({"T" + std::to_string(t), "", "", "", "", "", t % 10 != 0, LonLat{102.5 + 6 * unit(rng), 9 + 14 * unit(rng)}});
    const CoverageRules rules;
    const CoverageResult one = analyseCoverage(p, rules, 1), three = analyseCoverage(p, rules, 3);
    CHECK(one.priority == three.priority);
    size_t different = 0;
    for (size_t i = 0; i < one.villages.size(); ++i) {
        const VillageCoverage &a = one.villages[i], &b = three.villages[i];
        different += a.gaps != b.gaps || a.score != b.score || a.nearestTaBand != b.nearestTaBand || a.commune != b.commune;
    }
    CHECK(different == 0);
    // Every band is the band of the exact geodesic distance (Vincenty to the geodesic nearest),
    // though the analysis measures exactly only where its spherical bounds straddle an edge.
    std::vector<LonLat> active;
    for (const TrustedAddress& a : p.trustedAddresses)
        if (a.active && a.location) active.push_back(*a.location);
    const SpatialIndex exact(active);
    size_t wrongBands = 0, reached = 0;
    for (const VillageCoverage& c : one.villages) {
        const DistanceBand band = reportedBand(exact.nearest(*p.villages[c.village].location)->km, rules.taRadiusKm);
        wrongBands += !c.nearestTaBand || *c.nearestTaBand != band;
        reached += c.taReached;
    }
    CHECK(wrongBands == 0);
    CHECK(reached > 1000);
    CHECK(reached < 29000);
    CHECK(one.province.villages.taReached == three.province.villages.taReached);
    CHECK(one.province.people.noMobile == three.province.people.noMobile);
    CHECK(one.communes[17].villages.team == three.communes[17].villages.team);
    CHECK(one.province.villages.total == 30000);
}

TEST_CASE("the analysis gives the same answer whatever the order the villages are listed in", "[core][coverage]") {
    // Listed in code order the analysis takes its fast paths (merge join, commune reuse, bucket sort);
    // in any other order its general ones. 24,000 villages (threads on), 400 communes, with teams,
    // clubs and outcomes: every village's figures, the ranking and the communes' tallies must agree.
    std::mt19937 rng(41);
    std::uniform_real_distribution<double> unit(0, 1);
    Project p;
    p.adminUnits.push_back({"1", "Tỉnh", AdminLevel::Province, "", "tỉnh", {}, false, {}});
    for (int c = 0; c < 400; ++c) p.adminUnits.push_back({"C" + std::to_string(1000 + c), "Xã", AdminLevel::Commune, "1", "xã", {}, false, {}});
    for (int i = 0; i < 24000; ++i) {
        Village v = gapmap::test::scenarioVillage("V" + std::to_string(100000 + i), "C" + std::to_string(1000 + i / 60),
                                                  LonLat{102.5 + 6 * unit(rng), 9 + 14 * unit(rng)}, 50 + i % 700);
        v.mobile = unit(rng) < 0.3 ? Mobile::G2 : Mobile::G4;
        v.especiallyDifficult = unit(rng) < 0.5;
        if (unit(rng) < 0.3) p.teams.push_back({v.code, "", 5, 2, ""});
        if (unit(rng) < 0.1) p.clubs.push_back({"K" + v.code, "", v.communeCode, v.code, "", 10});
        if (unit(rng) < 0.05) p.outcomes.push_back({v.code, 2024, 5, 1});
        p.villages.push_back(v);
    }
    for (int t = 0; t < 800; ++t) p.trustedAddresses.push_back({"T" + std::to_string(t), "", "", "", "", "", true, LonLat{102.5 + 6 * unit(rng), 9 + 14 * unit(rng)}});
    Project shuffled = p;
    std::shuffle(shuffled.villages.begin(), shuffled.villages.end(), rng);
    const CoverageRules rules;
    const CoverageResult inOrder = analyseCoverage(p, rules), outOfOrder = analyseCoverage(shuffled, rules);
    std::map<std::string, const VillageCoverage*> byCode;
    for (const VillageCoverage& c : inOrder.villages) byCode[p.villages[c.village].code] = &c;
    size_t different = 0, teams = 0, clubs = 0, outcomes = 0;
    for (size_t i = 0; i < shuffled.villages.size(); ++i) {
        const VillageCoverage &b = outOfOrder.villages[i], &a = *byCode.at(shuffled.villages[i].code);
        different += b.village != i || a.gaps != b.gaps || a.score != b.score || a.nearestTaBand != b.nearestTaBand ||
                     a.commune != b.commune || a.team != b.team || a.club != b.club;
        teams += b.team;
        clubs += b.club;
        outcomes += b.has(Gap::Outcomes);
    }
    CHECK(different == 0);
    CHECK(teams > 6000);  // the marks were found out of order too
    CHECK(clubs > 2000);
    CHECK(outcomes > 1000);
    REQUIRE(inOrder.priority.size() == outOfOrder.priority.size());
    size_t misranked = 0;
    for (size_t k = 0; k < inOrder.priority.size(); ++k)
        misranked += p.villages[inOrder.priority[k]].code != shuffled.villages[outOfOrder.priority[k]].code;
    CHECK(misranked == 0);
    REQUIRE(inOrder.communes.size() == 400);
    size_t tallies = 0;
    for (size_t c = 0; c < inOrder.communes.size(); ++c) {
        const AreaCoverage &a = inOrder.communes[c], &b = outOfOrder.communes[c];
        tallies += a.villages.total != 60 || b.villages.total != 60 || a.villages.team != b.villages.team ||
                   a.villages.listed != b.villages.listed || a.people.noMobile != b.people.noMobile;
    }
    CHECK(tallies == 0);
}

TEST_CASE("the ranking equals a plain sort, in code order or not, in every population mode", "[core][coverage]") {
    // Villages listed in code order take the bucket sort by score; shuffled lists, the population
    // tiebreak and the population factor (scores of many values) take the general sort. Both must
    // give what a plain stable sort on the documented order gives. Duplicate and long codes too.
    std::mt19937 rng(29);
    std::uniform_real_distribution<double> unit(0, 1);
    for (const char* mode : {"none", "tiebreak", "factor"})
        for (bool shuffled : {false, true}) {
            Project p;
            p.adminUnits.push_back({"1", "Tỉnh", AdminLevel::Province, "", "tỉnh", {}, false, {}});
            p.adminUnits.push_back({"C1", "Xã", AdminLevel::Commune, "1", "xã", {}, false, {}});
            for (int i = 0; i < 3000; ++i) {
                // Long codes sharing their first 8 bytes, and every 50th code repeated.
                const std::string code = "VILLAGE-" + std::to_string(100000 + (i % 50 == 49 ? i - 1 : i));
                Village v = gapmap::test::scenarioVillage(code, "C1", LonLat{103 + unit(rng), 22 + unit(rng)}, 50 + (i * 37) % 400);
                v.mobile = unit(rng) < 0.3 ? Mobile::G2 : Mobile::G4;
                v.internet = unit(rng) < 0.5;
                v.especiallyDifficult = unit(rng) < 0.5;
                if (unit(rng) < 0.3) p.teams.push_back({v.code, "", 5, 2, ""});
                p.villages.push_back(v);
            }
            p.trustedAddresses.push_back({"T", "", "", "", "", "", true, LonLat{103.5, 22.5}});
            if (shuffled) std::shuffle(p.villages.begin(), p.villages.end(), rng);
            p.setSetting("priority.population", mode);
            const CoverageResult r = analyseCoverage(p);
            std::vector<std::uint32_t> expected;
            for (const VillageCoverage& c : r.villages)
                if (c.listed()) expected.push_back(c.village);
            const bool tiebreak = std::string(mode) == "tiebreak";
            std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) {
                if (r.villages[a].score != r.villages[b].score) return r.villages[a].score > r.villages[b].score;
                const auto pa = p.villages[a].population.value_or(0), pb = p.villages[b].population.value_or(0);
                if (tiebreak && pa != pb) return pa > pb;
                return p.villages[a].code < p.villages[b].code;
            });
            INFO(mode << (shuffled ? ", shuffled" : ", in code order"));
            CHECK(r.priority.size() > 1000);
            CHECK(r.priority == expected);
        }
}

TEST_CASE("reasons, gap and measure labels in Vietnamese with the decimal comma", "[core][coverage][i18n]") {
    const ScopedLanguage vietnamese(Lang::Vi);
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);
    CHECK(reasons(p, r, "A3") == "chưa có tổ truyền thông +3; chưa có câu lạc bộ +2; Địa chỉ tin cậy gần nhất 10–15 km +2");
    CHECK(reasons(p, r, "B2") == "chưa có tổ truyền thông +3; Địa chỉ tin cậy gần nhất 25–30 km +2; chưa có internet +1; "
                                 "thôn bản đặc biệt khó khăn +2; có từ 5 trường hợp tảo hôn hoặc hôn nhân cận huyết thống trở lên (cộng các năm) +3");
    CHECK(reasons(p, analyseWith(p, "weight.no_team", "1,5"), "A2") == "chưa có tổ truyền thông +1,5; chưa có câu lạc bộ +2");
    CHECK(gapLabel(Gap::NoTeam) == "chưa có tổ truyền thông cộng đồng");
    CHECK(measureLabel(*findAreaMeasure("pct_especially_difficult_with_team")) == "% thôn bản đặc biệt khó khăn có tổ truyền thông");
    {
        const ScopedLanguage english(Lang::En);
        CHECK(reasons(p, analyseWith(p, "weight.no_team", "1,5"), "A2") == "no team +1.5; no club +2");
        CHECK(gapLabel(Gap::NoTeam) == "no communication team");
        CHECK(measureLabel(*findAreaMeasure("pct_especially_difficult_with_team")) == "% of especially difficult villages with a team");
    }
    // Every measure has its label in both catalogues (the keys are built from the column names).
    for (const AreaMeasure& m : areaMeasures()) {
        INFO(m.key);
        CHECK(catalogue(Lang::Vi).count(std::string("measure.") + m.key) == 1);
        CHECK(catalogue(Lang::En).count(std::string("measure.") + m.key) == 1);
    }
}

TEST_CASE("distances to Trusted Addresses leave every output only as 5 km bands", "[core][coverage][protection]") {
    const ScopedLanguage english(Lang::En);
    CHECK(bandText(reportedBand(10.001, 10)) == "10–15");
    CHECK(bandText(reportedBand(23.4, 10)) == "20–25");
    CHECK(bandText(reportedBand(12.4, 7.5)) == "7.5–12.5");
    // Within the radius (to the metre) the band is the radius itself.
    CHECK(bandText(reportedBand(7.3, 7.5)) == "0–7.5");
    CHECK(reportedBand(10.0004, 10) == DistanceBand{0, 10});
    CHECK(reportedBand(10.0006, 10) == DistanceBand{10, 15});
    CHECK(reportedBand(12.2, 10).fromKm == 10);
}

TEST_CASE("the outcomes gap needs k reported cases, so that it never reveals a count below k", "[core][coverage][confidentiality]") {
    const ScopedLanguage english(Lang::En);
    const Project p = coverageScenario();
    const CoverageResult r = analyseCoverage(p);  // k = 5
    CHECK(village(p, r, "B2").has(Gap::Outcomes));  // 2 + 1 + 1 + 1 = 5 cases over 2023–2024
    CHECK_FALSE(village(p, r, "A3").has(Gap::Outcomes));  // 4 cases: below k, no gap
    CHECK(village(p, r, "A3").score == 7);
    CHECK_THAT(reasons(p, r, "B2"), Catch::EndsWith("5 or more child or consanguineous marriages reported (all years) +3"));
    const CoverageResult k4 = analyseWith(p, "confidentiality.k", "4");
    CHECK(village(p, k4, "A3").has(Gap::Outcomes));
    CHECK(village(p, k4, "A3").score == 10);
    CHECK_THAT(reasons(p, k4, "A3"), Catch::EndsWith("4 or more child or consanguineous marriages reported (all years) +3"));
    const CoverageResult k6 = analyseWith(p, "confidentiality.k", "6");
    CHECK_FALSE(village(p, k6, "B2").has(Gap::Outcomes));
    CHECK(village(p, k6, "B2").score == 8);
    CHECK(commune(k6, "112").villages.outcomes == 0);
    CHECK(ranking(p, k6) == "B2 A3 A2 B1 B3 A1");
    CHECK_THROWS_AS(analyseWith(p, "confidentiality.k", "1"), InputError);
}
