// Report counting rules on a hand-built project whose answers are known.
#include <catch2/catch.hpp>

#include "core/i18n.h"
#include "core/report.h"
#include "support/coverage_scenario.h"

using namespace gapmap;

namespace {

Village makeVillage(const std::string& code, const std::string& commune, LonLat at, bool difficult) {
    Village v = test::scenarioVillage(code, commune, at, 100);
    v.especiallyDifficult = difficult;
    return v;
}

// Two communes in one district; 0.1° of latitude is 11.12 km.
Project scenario() {
    Project p;
    p.adminUnits = {{"1", "Tỉnh", AdminLevel::Province, "", "tỉnh", {}, false, {}},
                    {"11", "Huyện", AdminLevel::District, "1", "huyện", {}, false, {}},
                    {"111", "Xã A", AdminLevel::Commune, "11", "xã", {}, false, {}},
                    {"112", "Xã B", AdminLevel::Commune, "11", "xã", {}, false, {}}};
    p.villages = {makeVillage("A1", "111", {103, 22.00}, true), makeVillage("A2", "111", {103, 22.05}, true),
                  makeVillage("B1", "112", {103, 22.20}, true), makeVillage("B2", "112", {103, 22.08}, false)};
    p.villages[1].electricity = Electricity::Offgrid;
    p.villages[2].electricity = Electricity::None;
    p.villages[2].mobile = Mobile::G2;
    p.villages[3].mobile = Mobile::G3;
    p.villages[3].internet = false;
    p.teams = {{"A1", "2022-01-01", 8, 1, "Zalo"}};
    p.clubs = {{"C1", "CLB", "112", "", "2022-01-01", 20}};                       // commune-wide in B
    p.trustedAddresses = {{"T1", "", "111", "A1", "", "shelter", true, LonLat{103, 22.0}},
                          {"T2", "", "112", "B1", "", "shelter", false, LonLat{103, 22.2}}};  // inactive
    p.activities = {{"2024-01-01", "111", "policy_dialogue", 2, 90, 50}, {"2024-02-01", "112", "policy_dialogue", 1, 54, 20}};
    p.targets = {{"policy_dialogues", 2024, 4}, {"policy_dialogues", 2025, 6}};
    return p;
}

const AreaRow& commune(const Report& r, const std::string& code) {
    for (const AreaRow& a : r.communes)
        if (a.code == code) return a;
    throw std::runtime_error("no commune " + code);
}

const IndicatorRow& indicator(const Report& r, const std::string& key) {
    for (const IndicatorRow& i : r.indicators)
        if (i.key == key) return i;
    throw std::runtime_error("no indicator " + key);
}

}  // namespace

TEST_CASE("report counts villages per commune, district and province", "[core][report]") {
    const Report r = buildReport(scenario(), 10);
    CHECK(r.province.villages == 4);
    CHECK(r.province.especiallyDifficult == 3);
    CHECK(r.province.withTeam == 1);
    REQUIRE(r.districts.size() == 1);
    CHECK(r.districts[0].villages == 4);
    CHECK(commune(r, "111").withClub == 0);
    CHECK(commune(r, "112").withClub == 2);      // the commune-wide club reaches both B villages
    CHECK(commune(r, "111").noElectricity == 1);  // offgrid counts as no grid electricity
    CHECK(commune(r, "112").noElectricity == 1);
    CHECK(commune(r, "112").noMobile == 1);       // 2G counts, 3G does not
    CHECK(commune(r, "112").noInternet == 1);
    CHECK(r.province.population == 400);
}

TEST_CASE("Trusted Address reach: active only, within the radius", "[core][report]") {
    const Report r = buildReport(scenario(), 10);
    CHECK(commune(r, "111").withTrustedAddress == 2);  // A1 at 0 km, A2 at 5.6 km
    CHECK(commune(r, "112").withTrustedAddress == 1);  // B2 at 8.9 km from T1; B1 only near the inactive T2
    const Report narrow = buildReport(scenario(), 5);
    CHECK(narrow.province.withTrustedAddress == 1);
}

TEST_CASE("indicators sum activities and take the latest target", "[core][report]") {
    const Report r = buildReport(scenario(), 10);
    CHECK(indicator(r, "policy_dialogues").value == 3);
    CHECK(indicator(r, "policy_dialogue_participants").value == 144);
    CHECK(indicator(r, "policy_dialogues").target == 6);
    CHECK(indicator(r, "policy_dialogues").targetYear == 2025);
    CHECK(indicator(r, "team_women_share_pct").value == Approx(12.5));
    CHECK_FALSE(indicator(r, "clubs").target);
}

TEST_CASE("especially difficult villages without a team are listed by commune then code", "[core][report]") {
    const Report r = buildReport(scenario(), 10);
    REQUIRE(r.difficultWithoutTeam.size() == 2);
    CHECK(r.difficultWithoutTeam[0].code == "A2");
    CHECK(r.difficultWithoutTeam[1].code == "B1");
    CHECK(r.difficultWithoutTeam[1].districtName == "Huyện");
}

TEST_CASE("report formats carry the same numbers", "[core][report]") {
    const ScopedLanguage english(Lang::En);
    Project p = scenario();
    p.setSetting("synthetic", "1");
    const Report r = buildReport(p, 10);
    CHECK_THAT(formatReportText(r), Catch::Contains("SYNTHETIC"));
    CHECK_THAT(formatReportJson(r), Catch::Contains("\"synthetic\":true"));
    CHECK_THAT(formatReportCsv(r, "areas"), Catch::Contains("commune,112,Xã B,11,2,1,0,2,1,1,1,1,200"));
    CHECK_THAT(formatReportCsv(r, "indicators"), Catch::Contains("policy_dialogues,Policy dialogues,3,6,2025,50%"));
    CHECK_THAT(formatReportCsv(r, "uncovered"), Catch::Contains("B1,Bản B1,112,Xã B,Huyện,100"));
}

TEST_CASE("the text report speaks the chosen language, numbers included", "[core][report][i18n]") {
    Project p = scenario();
    p.activities.push_back({"2024-03-01", "111", "club_activity", 1, 1234, 600});
    std::string vi, en;
    {
        const ScopedLanguage l(Lang::Vi);
        vi = formatReportText(buildReport(p, 10));
    }
    {
        const ScopedLanguage l(Lang::En);
        en = formatReportText(buildReport(p, 10));
    }
    CHECK_THAT(vi, Catch::Contains("Tổng số toàn tỉnh so với mục tiêu"));
    CHECK_THAT(vi, Catch::Contains("Lượt người tham gia sinh hoạt câu lạc bộ"));
    CHECK_THAT(vi, Catch::Contains("1.234"));
    CHECK_THAT(en, Catch::Contains("Province totals against targets"));
    CHECK_THAT(en, Catch::Contains("1,234"));
    for (const char* english : {"Province", "Districts", "Communes", "villages", "target"}) CHECK_THAT(vi, !Catch::Contains(english));
    // (The scenario's own place names, "Tỉnh", "Huyện", "Xã A", are data and stay as they are.)
    for (const char* vietnamese : {"Tổng số", "thôn", "mục tiêu", "Tổ truyền thông", "dân số"}) CHECK_THAT(en, !Catch::Contains(vietnamese));
}
