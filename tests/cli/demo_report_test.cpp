// `gapmap report` on the demo against the demo's own files in geodata/, counted here
// independently with OGR SQL (not through gapmap's importer).
#include <catch2/catch.hpp>

#include <set>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// First column of the first row of an SQLite-dialect query on one geodata/ file.
long long sqlCount(const std::string& file, const std::string& sql) {
    GDALAllRegister();
    const std::string path = std::string(GAPMAP_SOURCE_DIR) + "/geodata/" + file;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
    REQUIRE(ds);
    OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
    REQUIRE(result);
    OGRFeature* f = result->GetNextFeature();
    const long long value = f ? f->GetFieldAsInteger64(0) : -1;
    OGRFeature::DestroyFeature(f);
    ds->ReleaseResultSet(result);
    return value;
}

std::string field(const std::string& name, long long value) { return "\"" + name + "\":" + std::to_string(value); }

}  // namespace

TEST_CASE("demo report: province village counts agree with demo_villages.geojson", "[cli][report][demo]") {
    const RunResult r = runGapmap("report --format json");
    REQUIRE(r.exitCode == 0);
    const std::string v = "demo_villages.geojson";
    const long long villages = sqlCount(v, "SELECT COUNT(*) FROM demo_villages");
    const long long difficult = sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE especially_difficult = 1");
    // The figures geodata/README.md gives for the demo (exact, not a range): the file still holds them.
    CHECK(villages == 1000);
    CHECK(difficult == 600);
    CHECK(sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE electricity <> 'grid'") == 150);
    CHECK(sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE mobile IN ('none', '2g')") == 190);
    CHECK(sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE internet = 0") == 420);
    const std::string province = r.out.substr(r.out.find("\"province\":"));
    CHECK_THAT(province, Catch::Contains(field("villages", 1000)));
    CHECK_THAT(province, Catch::Contains(field("especially_difficult", 600)));
    CHECK_THAT(province, Catch::Contains(field("no_grid_electricity", 150)));
    CHECK_THAT(province, Catch::Contains(field("no_mobile_signal", 190)));
    CHECK_THAT(province, Catch::Contains(field("no_internet", 420)));
    CHECK_THAT(province, Catch::Contains(field("with_team", 540)));
    CHECK_THAT(r.out, Catch::Contains("\"synthetic\":true"));
}

TEST_CASE("demo report: the province's public figures", "[cli][report][demo]") {
    const RunResult r = runGapmap("report --format csv --table indicators --lang en");
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("communication_teams,Community communication teams,540,540,2025,100%"));
    CHECK_THAT(r.out, Catch::Contains("trusted_addresses,Trusted Addresses,50,50,2025,100%"));
    // 50 set up, 2 of them no longer active (demo_trusted_addresses.csv, column active).
    CHECK_THAT(r.out, Catch::Contains("trusted_addresses_active,Active Trusted Addresses,48,,,"));
    CHECK_THAT(r.out, Catch::Contains("clubs,Leader of Change clubs,96,96,2025,100%"));
    CHECK_THAT(r.out, Catch::Contains("club_activities,Club activities,170,"));
    CHECK_THAT(r.out, Catch::Contains("training_commune_sessions,\"Training sessions, district and commune officials\",18,"));
    CHECK_THAT(r.out, Catch::Contains("training_commune_participants,District and commune officials trained,827,"));
    CHECK_THAT(r.out, Catch::Contains("training_village_sessions,\"Training classes, village officials\",86,"));
    CHECK_THAT(r.out, Catch::Contains("training_village_participants,Village officials trained,4349,"));
    CHECK_THAT(r.out, Catch::Contains("policy_dialogues,Policy dialogues,144,"));
    CHECK_THAT(r.out, Catch::Contains("policy_dialogue_participants,Policy dialogue participants,7200,"));
    const long long clubParticipants = sqlCount("demo_activities.csv",
        "SELECT SUM(CAST(participants AS INTEGER)) FROM demo_activities WHERE kind = 'club_activity'");
    CHECK(clubParticipants > 29000);
    CHECK_THAT(r.out, Catch::Contains("club_participants,Club activity participants," + std::to_string(clubParticipants) + ","));
    // Every team is in an especially difficult village.
    CHECK(sqlCount("demo_communication_teams.csv", "SELECT COUNT(*) FROM demo_communication_teams") == 540);
}

TEST_CASE("demo: Huổi Ho's team has 8 members, 7 of them men, every indicator has a target", "[cli][demo]") {
    TempDir dir;
    REQUIRE(runGapmap("demo " + quote(dir.file("d.gpkg"))).exitCode == 0);
    const Project p = readProject(dir.file("d.gpkg"));
    std::vector<std::string> huoiHo;
    for (const Village& v : p.villages)
        if (v.name == "Huổi Ho") huoiHo.push_back(v.code);
    REQUIRE(huoiHo.size() == 1);
    int found = 0;
    for (const CommunicationTeam& t : p.teams)
        if (t.villageCode == huoiHo[0]) {
            ++found;
            CHECK(t.members == 8);
            CHECK(t.members - t.womenMembers == 7);
        }
    CHECK(found == 1);
    const RunResult r = runGapmap("report " + quote(dir.file("d.gpkg")) + " --format json");
    REQUIRE(r.exitCode == 0);
    // Without a target of their own: the women's share (a ratio), the teams with few women (a
    // warning count) and the active Trusted Addresses (the target counts those set up).
    std::set<std::string> withoutTarget;
    for (size_t at = r.out.find("\"target\":null"); at != std::string::npos; at = r.out.find("\"target\":null", at + 1)) {
        const size_t key = r.out.rfind("\"key\":\"", at);
        REQUIRE(key != std::string::npos);
        withoutTarget.insert(r.out.substr(key + 7, r.out.find('"', key + 7) - key - 7));
    }
    CHECK(withoutTarget == std::set<std::string>{"team_women_share_pct", "teams_few_women", "trusted_addresses_active"});
    size_t districts = 0, communes = 0;
    for (const AdminUnit& u : p.adminUnits) {
        districts += u.level == AdminLevel::District;
        communes += u.level == AdminLevel::Commune;
    }
    CHECK(districts == 8);
    CHECK(communes >= 90);
    CHECK(communes <= 110);
}

TEST_CASE("demo report --as-of: the figures at the end of a year, by the records' dates", "[cli][report][demo][kpi]") {
    const RunResult r = runGapmap("report --as-of 2022 --format csv --table indicators --lang en");
    REQUIRE(r.exitCode == 0);
    const long long teams = sqlCount("demo_communication_teams.csv",
        "SELECT COUNT(*) FROM demo_communication_teams WHERE established <= '2022-12-31'");
    const long long clubs = sqlCount("demo_clubs.csv", "SELECT COUNT(*) FROM demo_clubs WHERE established <= '2022-12-31'");
    const long long dialogues = sqlCount("demo_activities.csv",
        "SELECT SUM(CAST(sessions AS INTEGER)) FROM demo_activities WHERE kind = 'policy_dialogue' AND date <= '2022-12-31'");
    CHECK(teams < 540);
    CHECK(teams > 0);
    // No target is dated 2022 or earlier, so the target columns stay empty.
    CHECK_THAT(r.out, Catch::Contains("communication_teams,Community communication teams," + std::to_string(teams) + ",,,\n"));
    CHECK_THAT(r.out, Catch::Contains("clubs,Leader of Change clubs," + std::to_string(clubs) + ",,,\n"));
    CHECK_THAT(r.out, Catch::Contains("policy_dialogues,Policy dialogues," + std::to_string(dialogues) + ",,,\n"));

    const RunResult text = runGapmap("report --as-of 2022");  // Vietnamese by default
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Số liệu tính đến ngày 31/12/2022"));
    const RunResult json = runGapmap("report --as-of 2022 --format json");
    CHECK_THAT(json.out, Catch::Contains("\"as_of\":\"2022-12-31\""));
    CHECK_THAT(runGapmap("report --format json").out, !Catch::Contains("\"as_of\""));

    const RunResult bad = runGapmap("report --as-of soon --lang en");
    CHECK(bad.exitCode != 0);
    CHECK_THAT(bad.err, Catch::Contains("--as-of soon: needs a year"));
    const RunResult withPriorities = runGapmap("report --as-of 2022 --priorities --lang en");
    CHECK(withPriorities.exitCode != 0);
    CHECK_THAT(withPriorities.err, Catch::Contains("--as-of goes with"));
}
