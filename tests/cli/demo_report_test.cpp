// `gapmap report` on the demo against the demo's own files in geodata/, counted here
// independently with OGR SQL (not through gapmap's importer).
#include <catch2/catch.hpp>

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
    CHECK(villages >= 950);
    CHECK(villages <= 1050);
    const std::string province = r.out.substr(r.out.find("\"province\":"));
    CHECK_THAT(province, Catch::Contains(field("villages", villages)));
    CHECK_THAT(province, Catch::Contains(field("especially_difficult", difficult)));
    CHECK_THAT(province, Catch::Contains(field("no_grid_electricity", sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE electricity <> 'grid'"))));
    CHECK_THAT(province, Catch::Contains(field("no_mobile_signal", sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE mobile IN ('none', '2g')"))));
    CHECK_THAT(province, Catch::Contains(field("no_internet", sqlCount(v, "SELECT COUNT(*) FROM demo_villages WHERE internet = 0"))));
    CHECK_THAT(province, Catch::Contains(field("with_team", sqlCount("demo_communication_teams.csv", "SELECT COUNT(DISTINCT village_code) FROM demo_communication_teams"))));
    CHECK_THAT(r.out, Catch::Contains("\"synthetic\":true"));
}

TEST_CASE("demo report: the province's public figures", "[cli][report][demo]") {
    const RunResult r = runGapmap("report --format csv --table indicators --lang en");
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("communication_teams,Community communication teams,540,540,2025,100%"));
    CHECK_THAT(r.out, Catch::Contains("trusted_addresses,Trusted Addresses,50,50,2025,100%"));
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

TEST_CASE("demo: Huổi Ho's team has 8 members, 7 of them men; every indicator has a target", "[cli][demo]") {
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
    size_t withoutTarget = 0;  // only the women's share, a ratio with no target of its own
    for (size_t at = r.out.find("\"target\":null"); at != std::string::npos; at = r.out.find("\"target\":null", at + 1)) ++withoutTarget;
    CHECK(withoutTarget == 1);
    size_t districts = 0, communes = 0;
    for (const AdminUnit& u : p.adminUnits) {
        districts += u.level == AdminLevel::District;
        communes += u.level == AdminLevel::Commune;
    }
    CHECK(districts == 8);
    CHECK(communes >= 90);
    CHECK(communes <= 110);
}
