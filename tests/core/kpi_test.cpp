// KPI cards on the demo province, checked against the demo's own CSV files read here with the
// tests' plain CSV splitter (the files hold no quoted fields), independently of the importer and of
// core/kpi.cpp: totals, % of target, change since the previous year, "as of" filtering,
// the per-district breakdown and the teams with few women.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/kpi.h"
#include "core/report.h"
#include "core/timeline.h"
#include "io/demo_data.h"
#include "support/test_support.h"

using namespace gapmap;

namespace {

using Row = std::map<std::string, std::string>;

std::vector<Row> readDemoCsv(const std::string& name) {
    std::ifstream in(std::string(GAPMAP_SOURCE_DIR) + "/geodata/" + name);
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = test::csvFields(line);
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const std::vector<std::string> fields = test::csvFields(line);
        REQUIRE(fields.size() == header.size());
        Row row;
        for (size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
        rows.push_back(row);
    }
    return rows;
}

int yearOf(const Row& row, const std::string& column) { return std::stoi(row.at(column).substr(0, 4)); }

// Sum of `column` over the activities of `kind` dated up to `year`.
double activitySum(const std::vector<Row>& activities, const std::string& kind, const std::string& column, int year) {
    double sum = 0;
    for (const Row& a : activities)
        if (a.at("kind") == kind && yearOf(a, "date") <= year) sum += std::stod(a.at(column));
    return sum;
}

const KpiCard& card(const KpiBoard& board, const std::string& key) {
    const KpiCard* c = board.find(key);
    INFO(key);
    REQUIRE(c);
    return *c;
}

}  // namespace

TEST_CASE("KPI cards match the demo files, year by year", "[core][kpi]") {
    const Project demo = buildDemoProject();
    const std::vector<Row> teams = readDemoCsv("demo_communication_teams.csv");
    const std::vector<Row> tas = readDemoCsv("demo_trusted_addresses.csv");
    const std::vector<Row> clubs = readDemoCsv("demo_clubs.csv");
    const std::vector<Row> activities = readDemoCsv("demo_activities.csv");
    const std::vector<Row> offices = readDemoCsv("demo_commune_offices.csv");
    REQUIRE(currentKpiYear(demo) == 2025);
    REQUIRE(earliestYear(demo) == 2021);

    for (int year : {2021, 2022, 2023, 2024, 2025}) {
        INFO("as of " << year);
        const KpiBoard board = buildKpiBoard(demo, year);
        auto countUpTo = [](const std::vector<Row>& rows, int y, bool activeOnly = false) {
            double n = 0;
            for (const Row& r : rows) n += yearOf(r, "established") <= y && (!activeOnly || r.at("active") == "1");
            return n;
        };
        CHECK(card(board, "communication_teams").row.value == countUpTo(teams, year));
        CHECK(card(board, "communication_teams").previous == countUpTo(teams, year - 1));
        CHECK(card(board, "communication_teams").change() == countUpTo(teams, year) - countUpTo(teams, year - 1));
        CHECK(card(board, "trusted_addresses").row.value == countUpTo(tas, year));
        CHECK(card(board, "trusted_addresses_active").row.value == countUpTo(tas, year, true));
        CHECK(card(board, "clubs").row.value == countUpTo(clubs, year));
        CHECK(card(board, "clubs").previous == countUpTo(clubs, year - 1));
        for (const auto& [key, kind] : std::vector<std::pair<std::string, std::string>>{
                 {"club_activities", "club_activity"}, {"training_commune_sessions", "training_commune"},
                 {"training_village_sessions", "training_village"}, {"policy_dialogues", "policy_dialogue"},
                 {"digital_skills_sessions", "digital_skills"}}) {
            INFO(key);
            CHECK(card(board, key).row.value == activitySum(activities, kind, "sessions", year));
            CHECK(card(board, key).previous == activitySum(activities, kind, "sessions", year - 1));
        }
        CHECK(card(board, "club_participants").row.value == activitySum(activities, "club_activity", "participants", year));
        CHECK(card(board, "training_commune_participants").row.value == activitySum(activities, "training_commune", "participants", year));
        CHECK(card(board, "training_village_participants").row.value == activitySum(activities, "training_village", "participants", year));
        CHECK(card(board, "policy_dialogue_participants").row.value == activitySum(activities, "policy_dialogue", "participants", year));
        CHECK(card(board, "digital_skills_participants").row.value == activitySum(activities, "digital_skills", "participants", year));
        // Targets exist for 2025 only: earlier years have none, so no percentage either.
        CHECK(card(board, "communication_teams").row.target.has_value() == (year >= 2025));
        CHECK(card(board, "communication_teams").percentOfTarget().has_value() == (year >= 2025));
    }

    SECTION("2022 had fewer teams than now") {
        CHECK(buildKpiBoard(demo, 2022).find("communication_teams")->row.value == 214);  // 77 in 2021 + 137 in 2022
        CHECK(buildKpiBoard(demo, 2025).find("communication_teams")->row.value == 540);
    }
    SECTION("percent of target, offices and the women in the teams") {
        const KpiBoard now = buildKpiBoard(demo, 2025);
        CHECK(card(now, "communication_teams").percentOfTarget() == Approx(100.0));
        CHECK(card(now, "communication_teams").row.targetYear == 2025);
        CHECK(card(now, "trusted_addresses").row.value == 50);  // set up: the target counts these
        CHECK(card(now, "trusted_addresses").percentOfTarget() == Approx(100.0));
        CHECK(card(now, "trusted_addresses_active").row.value == 48);  // 2 no longer active
        CHECK_FALSE(card(now, "trusted_addresses_active").row.target);
        CHECK(card(now, "clubs").percentOfTarget() == Approx(100.0));
        CHECK(card(now, "training_commune_participants").row.value == 827);
        CHECK(card(now, "training_commune_participants").percentOfTarget() == Approx(100.0));
        double withComputers = 0, withInternet = 0;
        for (const Row& o : offices) { withComputers += std::stoi(o.at("computers")) > 0; withInternet += o.at("internet") == "1"; }
        CHECK(card(now, "commune_offices_with_computers").row.value == withComputers);
        CHECK(card(now, "commune_offices_with_internet").row.value == withInternet);

        int members = 0, women = 0, few = 0;
        for (const Row& t : teams) {
            const int m = std::stoi(t.at("members")), w = std::stoi(t.at("women_members"));
            members += m;
            women += w;
            few += w == 0 || 4 * w < m;  // below a quarter of the members
        }
        CHECK(now.teams.members == members);
        CHECK(now.teams.women == women);
        CHECK(now.teams.sharePct.value() == Approx(100.0 * women / members));
        CHECK(card(now, "team_women_share_pct").row.value.value() == Approx(100.0 * women / members));
        CHECK(int(now.teams.fewWomenVillages.size()) == few);
        CHECK(card(now, "teams_few_women").row.value == few);
        CHECK(few >= 2);
        // Huổi Ho: 8 members, 1 woman.
        CHECK(std::count(now.teams.fewWomenVillages.begin(), now.teams.fewWomenVillages.end(), "9940106") == 1);
    }
    SECTION("the few-women threshold is a project setting") {
        Project p = demo;
        p.setSetting("kpi.few_women_share", "0.1");  // 1 of 8 = 12.5%: no longer flagged
        const TeamWomen w = teamWomen(p);
        CHECK(w.fewWomenShare == Approx(0.1));
        CHECK(std::count(w.fewWomenVillages.begin(), w.fewWomenVillages.end(), "9940106") == 0);
        p.setSetting("kpi.few_women_share", "2");  // not a fraction: the default
        CHECK(teamWomen(p).fewWomenShare == Approx(0.25));
    }
}

TEST_CASE("KPI per-district breakdown adds up and matches the files", "[core][kpi]") {
    const Project demo = buildDemoProject();
    const KpiBoard board = buildKpiBoard(demo, 2025);
    REQUIRE(board.districtCodes.size() == 8);
    // Demo codes nest: district 991 holds communes 991xx, which hold villages 991xxyy.
    for (const AdminUnit& u : demo.adminUnits)
        if (u.level == AdminLevel::Commune) CHECK(u.parentCode == u.code.substr(0, 3));
    std::map<std::string, double> teamsByDistrict, clubsByDistrict;
    for (const Row& t : readDemoCsv("demo_communication_teams.csv")) teamsByDistrict[t.at("village_code").substr(0, 3)] += 1;
    for (const Row& c : readDemoCsv("demo_clubs.csv")) clubsByDistrict[c.at("commune_code").substr(0, 3)] += 1;
    for (size_t d = 0; d < board.districtCodes.size(); ++d) {
        INFO(board.districtCodes[d]);
        CHECK(card(board, "communication_teams").byDistrict[d] == teamsByDistrict[board.districtCodes[d]]);
        CHECK(card(board, "clubs").byDistrict[d] == clubsByDistrict[board.districtCodes[d]]);
    }
    for (const KpiCard& c : board.cards) {
        INFO(c.row.key);
        REQUIRE(c.byDistrict.size() == 8);
        if (c.row.key == "team_women_share_pct") continue;  // a share, not a sum
        double sum = 0;
        for (const std::optional<double>& v : c.byDistrict) sum += v.value();
        // Province-level trainings (no commune) count in the province only.
        CHECK(sum <= c.row.value.value());
        if (c.row.key.find("training_commune") == std::string::npos) CHECK(sum == c.row.value.value());
    }
}

TEST_CASE("the report's indicator table is the KPI computation", "[core][kpi]") {
    const Project demo = buildDemoProject();
    const Report report = buildReport(demo);
    const KpiBoard board = buildKpiBoard(demo, currentKpiYear(demo));
    REQUIRE(report.indicators.size() == board.cards.size());
    for (size_t k = 0; k < board.cards.size(); ++k) {
        INFO(board.cards[k].row.key);
        CHECK(report.indicators[k].key == board.cards[k].row.key);
        CHECK(report.indicators[k].value == board.cards[k].row.value);
        CHECK(report.indicators[k].target == board.cards[k].row.target);
    }
    const Report asOf2022 = buildReport(projectAsOf(demo, 2022));
    CHECK(asOf2022.indicators[0].value == buildKpiBoard(demo, 2022).cards[0].row.value);
}
