// "No data" is a state (core/model.h Project::hasData): a table never loaded gives no-data
// indicators and measures and unknown gaps; an explicitly empty table gives real zeros and gaps.
// And the population of an area: the commune's census figure, else its villages' sum.
#include <catch2/catch.hpp>

#include "core/coverage.h"
#include "core/data_status.h"
#include "core/i18n.h"
#include "core/kpi.h"
#include "core/report.h"
#include "core/timeline.h"

using namespace gapmap;

namespace {

// Two communes of one district; villages only, no programme table.
Project boundariesAndVillages() {
    Project p;
    p.adminUnits = {{"1", "Lai Châu", AdminLevel::Province, "", "tỉnh", {}, false, {}},
                    {"11", "Mường Tè", AdminLevel::District, "1", "huyện", {}, false, {}},
                    {"111", "Nậm Ban", AdminLevel::Commune, "11", "xã", 1783, false, {}},
                    {"112", "Mường Mô", AdminLevel::Commune, "11", "xã", 4188, false, {}},
                    {"113", "Nậm Chà", AdminLevel::Commune, "11", "xã", 0, false, {}}};  // created after the census: 0
    auto village = [](std::string code, std::string commune, std::optional<int64_t> population) {
        Village v;
        v.code = code;
        v.name = "Bản " + code;
        v.communeCode = commune;
        v.location = LonLat{103.0, 22.0};
        v.population = population;
        v.especiallyDifficult = true;
        return v;
    };
    p.villages = {village("V1", "111", 420), village("V2", "111", 380), village("V3", "112", 510), village("V4", "112", std::nullopt)};
    return p;
}

const IndicatorRow& indicator(const std::vector<IndicatorRow>& rows, const std::string& key) {
    for (const IndicatorRow& r : rows)
        if (r.key == key) return r;
    FAIL("no indicator " << key);
    return rows.front();
}

}  // namespace

TEST_CASE("a table never loaded has no data, an explicitly empty one is loaded with none", "[core][nodata]") {
    Project p = boundariesAndVillages();
    CHECK_FALSE(p.hasData(kTeamsTable));
    CHECK(p.hasData(kVillagesTable));  // rows without a record: an older project file, source unknown
    p.recordLoad(kTeamsTable, "teams.csv", 0, "2026-12-02T10:00:00Z");
    CHECK(p.hasData(kTeamsTable));
    REQUIRE(p.loadOf(kTeamsTable));
    CHECK(p.loadOf(kTeamsTable)->sourceFile == "teams.csv");
    p.recordLoad(kTeamsTable, "teams2.csv", 3);  // the latest load replaces the record
    CHECK(p.loads.size() == 1);
    CHECK(p.loadOf(kTeamsTable)->rows == 3);
    CHECK(p.loadOf(kTeamsTable)->loadedAt.size() == 20);  // 2026-12-02T16:40:00Z
    CHECK(p.loadOf(kTeamsTable)->loadedAt.back() == 'Z');

    const std::vector<TableStatus> s = tableStatuses(p);
    auto state = [&](const std::string& t) {
        for (const TableStatus& x : s)
            if (x.table == t) return x.state;
        return LoadState::NotLoaded;
    };
    CHECK(state("villages") == LoadState::UnknownSource);
    CHECK(state("communication_teams") == LoadState::LoadedEmpty);
    CHECK(state("clubs") == LoadState::NotLoaded);
}

TEST_CASE("no teams, clubs or Trusted Addresses loaded: their gaps are unknown, not scored, and said", "[core][nodata]") {
    ScopedLanguage vi(Lang::Vi);
    const Project p = boundariesAndVillages();
    const CoverageResult r = analyseCoverage(p);
    CHECK(unscoredTables(r) == std::vector<std::string>{"communication_teams", "clubs", "trusted_addresses", "outcomes"});
    CHECK(unscoredText(r) == "Không tính: chưa có dữ liệu đội truyền thông, câu lạc bộ, Địa chỉ tin cậy, tảo hôn và hôn nhân cận huyết");
    for (const VillageCoverage& c : r.villages) {
        CHECK_FALSE(c.has(Gap::NoTeam));
        CHECK_FALSE(c.has(Gap::NoClub));
        CHECK_FALSE(c.has(Gap::TaOutOfReach));
        CHECK(c.taKnown);               // not "reach unknown" village by village
        CHECK(gapsText(c) == "especially_difficult");
        CHECK(c.score == 2);
    }
    CHECK_FALSE(findAreaMeasure("pct_with_team")->value(r.province));
    CHECK_FALSE(findAreaMeasure("with_team")->value(r.province));
    CHECK_FALSE(findAreaMeasure("pct_with_club")->value(r.communes[0]));
    CHECK_FALSE(findAreaMeasure("active_trusted_addresses")->value(r.province));
    CHECK_FALSE(findAreaMeasure("commune_offices")->value(r.province));
    CHECK(*findAreaMeasure("villages")->value(r.province) == 4);

    ScopedLanguage en(Lang::En);
    CHECK(unscoredText(r) == "Not scored: no data for communication teams, clubs, Trusted Addresses, child and consanguineous marriages");
}

TEST_CASE("after teams are loaded, no_team is a real gap for the villages without one", "[core][nodata]") {
    Project p = boundariesAndVillages();
    p.teams = {{"V1", "2024-03-01", 8, 3, ""}};
    p.recordLoad(kTeamsTable, "teams.csv", 1);
    const CoverageResult r = analyseCoverage(p);
    CHECK(unscoredTables(r) == std::vector<std::string>{"clubs", "trusted_addresses", "outcomes"});
    CHECK(gapsText(r.villages[0]) == "especially_difficult");
    CHECK(gapsText(r.villages[1]) == "no_team;especially_difficult");
    CHECK(r.villages[1].score == 5);
    CHECK(*findAreaMeasure("pct_with_team")->value(r.province) == 25);

    // An explicitly empty clubs table: "loaded, none" makes no_club real and its share 0.
    p.recordLoad(kClubsTable, "clubs.csv", 0);
    const CoverageResult withClubs = analyseCoverage(p);
    CHECK(gapsText(withClubs.villages[1]) == "no_team;no_club;especially_difficult");
    CHECK(*findAreaMeasure("pct_with_club")->value(withClubs.province) == 0);
}

TEST_CASE("indicators of a table never loaded are no data, a share of zero items is no data", "[core][nodata][kpi]") {
    ScopedLanguage vi(Lang::Vi);
    Project p = boundariesAndVillages();
    const std::vector<IndicatorRow> rows = indicatorRows(p);
    CHECK_FALSE(indicator(rows, "communication_teams").value);
    CHECK_FALSE(indicator(rows, "team_women_share_pct").value);
    CHECK_FALSE(indicator(rows, "trusted_addresses").value);
    CHECK_FALSE(indicator(rows, "clubs").value);
    CHECK_FALSE(indicator(rows, "training_commune_sessions").value);
    CHECK_FALSE(indicator(rows, "commune_offices_with_internet").value);
    CHECK(indicator(rows, "villages_with_electricity").value == 4);

    // Loaded with no rows: zero teams is a real 0, but the women's share of no members stays no data.
    p.recordLoad(kTeamsTable, "teams.csv", 0);
    const std::vector<IndicatorRow> empty = indicatorRows(p);
    CHECK(indicator(empty, "communication_teams").value == 0);
    CHECK_FALSE(indicator(empty, "team_women_share_pct").value);
    CHECK_FALSE(teamWomen(p).sharePct);

    // Report JSON: null, never 0.
    const std::string json = formatReportJson(buildReport(boundariesAndVillages()));
    CHECK(json.find("{\"key\":\"communication_teams\",\"label\":\"Tổ truyền thông cộng đồng\",\"value\":null,") != std::string::npos);
    CHECK(json.find("\"with_team\":null") != std::string::npos);
    CHECK(json.find("\"not_scored\":[\"communication_teams\",\"clubs\",\"trusted_addresses\",\"outcomes\"]") != std::string::npos);
    const std::string text = formatReportText(buildReport(boundariesAndVillages()));
    CHECK(text.find("Tổ truyền thông cộng đồng") != std::string::npos);
    CHECK(text.find("chưa có dữ liệu") != std::string::npos);
}

TEST_CASE("the board of an earlier year keeps a loaded table loaded: 0 teams then, not no data", "[core][nodata][kpi]") {
    Project p = boundariesAndVillages();
    p.teams = {{"V1", "2024-03-01", 8, 3, ""}};  // no load record: a project file older than the record
    const Project before = projectAsOf(p, 2023);
    CHECK(before.teams.empty());
    CHECK(before.hasData(kTeamsTable));
    CHECK(indicator(indicatorRows(before), "communication_teams").value == 0);
    const KpiBoard board = buildKpiBoard(p, 2024);
    CHECK(board.find("communication_teams")->change() == 1);
    CHECK_FALSE(board.find("clubs")->change());
}

TEST_CASE("population: the commune's census figure, else its villages' sum, summed upward", "[core][nodata][population]") {
    ScopedLanguage vi(Lang::Vi);
    Project p = boundariesAndVillages();
    {
        const CoverageResult r = analyseCoverage(p);
        REQUIRE(r.communes.size() == 3);
        CHECK(r.communes[2].population == 0);     // census 0 and no villages: no figure
        CHECK(r.communes[2].populationSource == PopulationSource::None);
        CHECK_FALSE(findAreaMeasure("population")->value(r.communes[2]));
    }
    p.villages.push_back(p.villages[0]);  // a village in Nậm Chà, whose census figure is 0
    p.villages.back().code = "V5";
    p.villages.back().communeCode = "113";
    p.villages.back().population = 250;
    const CoverageResult r = analyseCoverage(p);
    REQUIRE(r.communes.size() == 3);
    CHECK(r.communes[0].code == "111");
    CHECK(r.communes[0].population == 1783);  // the census, not the 800 of the two villages listed
    CHECK(r.communes[0].populationSource == PopulationSource::Census);
    CHECK(r.communes[1].population == 4188);  // one village without a figure: the census all the same
    CHECK(r.communes[1].populationSource == PopulationSource::Census);
    CHECK(r.communes[2].population == 250);   // no census figure: its villages' sum
    CHECK(r.communes[2].populationSource == PopulationSource::Villages);
    REQUIRE(r.districts.size() == 1);
    CHECK(r.districts[0].population == 6221);
    CHECK(r.districts[0].populationSource == PopulationSource::Mixed);
    CHECK(r.province.population == 6221);
    CHECK(populationSourceText(PopulationSource::Census) == "dân số: số liệu điều tra của xã");
    CHECK(populationSourceText(PopulationSource::Villages) == "dân số: tổng các thôn/bản");
    {
        ScopedLanguage en(Lang::En);
        CHECK(populationSourceText(PopulationSource::Census) == "population: communes' census figure");
    }

    const Report report = buildReport(p);
    CHECK(report.districts[0].population == 6221);
    CHECK(report.districts[0].populationSource == "mixed");
    CHECK(report.communes[1].populationSource == "census");
    CHECK(formatReportText(report).find("Dân số: 6.221 (số liệu điều tra của xã, và tổng các thôn/bản ở xã không có số liệu đó)") != std::string::npos);
}
