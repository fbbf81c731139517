// The "Done when" for no data and census population, end to end through build/gapmap on the
// real Lai Châu 2009 boundaries (../shared/geodata) and a small village list made here.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "core/model.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "render/offscreen.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// Six villages in four communes of Nậm Nhùn (points inside each commune: SQLite PointOnSurface of
// the 2009 polygons); V04 and V05 have no population.
const char* kVillages =
    "code,name,commune_code,lon,lat,population,especially_difficult\n"
    "V01,Bản Nậm Ban 1,3010109,103.105891,22.362355,420,1\n"
    "V02,Bản Nậm Ban 2,3010109,103.10,22.3625,380,0\n"
    "V03,Bản Pa 1,3010117,102.903072,22.21968,510,1\n"
    "V04,Bản Pa 2,3010117,102.9031,22.2197,,1\n"
    "V05,Bản Hua 1,3010118,102.841773,22.133045,,0\n"
    "V06,Bản Tả 1,3010119,103.016005,22.19349,300,1\n";

// Lai Châu 2009 in three levels, as the README's import contract shows, plus the villages.
std::string laiChauWithVillages(const TempDir& dir, const std::string& d2009) {
    const std::string project = quote(dir.file("lc.gpkg"));
    importLaiChau2009(project, d2009);
    writeFile(dir.file("villages.csv"), kVillages);
    REQUIRE(runGapmap("import " + project + " --as villages " + quote(dir.file("villages.csv"))).exitCode == 0);
    return project;
}

int countGrey(const render::Image& img) {  // the "no data" fill, 0xd4d4d4 (render/project_scene.cpp)
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const uint8_t* px = img.at(x, y);
            n += std::abs(px[0] - 0xd4) <= 2 && std::abs(px[1] - 0xd4) <= 2 && std::abs(px[2] - 0xd4) <= 2;
        }
    return n;
}

}  // namespace

TEST_CASE("real Lai Châu boundaries and villages only: no data, unscored gaps, census population", "[cli][nodata][geodata]") {
    const std::string d2009 = sharedGeodata("censusVN2009");
    if (d2009.empty()) return;
    TempDir dir;
    const std::string project = laiChauWithVillages(dir, d2009);

    // gapmap info: what was loaded, from which file, how many rows
    const RunResult info = runGapmap("info " + project);
    REQUIRE(info.exitCode == 0);
    CHECK_THAT(info.out, Catch::Contains("communication_teams  chưa có dữ liệu"));
    CHECK_THAT(info.out, Catch::Contains("villages.csv"));
    const RunResult infoJson = runGapmap("info " + project + " --format json");
    CHECK_THAT(infoJson.out, Catch::Contains("{\"table\":\"villages\",\"loaded\":true,\"state\":\"loaded\",\"rows\":6,\"source_file\":"));
    CHECK_THAT(infoJson.out, Catch::Contains("{\"table\":\"clubs\",\"loaded\":false,\"state\":\"not_loaded\",\"rows\":0,\"source_file\":null,\"loaded_at\":null}"));
    CHECK_THAT(infoJson.out, Catch::Contains("{\"table\":\"admin_units\",\"loaded\":true,\"state\":\"loaded\",\"rows\":117,"));
    // the record is a plain table QGIS and ogrinfo read
    CHECK_THAT(commandOutput("ogrinfo -ro -q -sql \"SELECT rows FROM table_loads WHERE table_name = 'villages'\" " + project),
               Catch::Contains("rows (Integer64) = 6"));

    // report: team, club and Trusted Address indicators are null; district populations from the census
    const RunResult json = runGapmap("report " + project + " --format json");
    REQUIRE(json.exitCode == 0);
    for (const char* key : {"communication_teams", "team_women_share_pct", "trusted_addresses", "trusted_addresses_active", "clubs"})
        CHECK_THAT(json.out, Catch::Contains("{\"key\":\"" + std::string(key) + "\",") && Catch::Contains(std::string(key) + "\",\"label\":"));
    CHECK_THAT(json.out, Catch::Contains("\"label\":\"Tổ truyền thông cộng đồng\",\"value\":null,"));
    CHECK_THAT(json.out, Catch::Contains("\"label\":\"Câu lạc bộ Thủ lĩnh của sự thay đổi\",\"value\":null,"));
    CHECK_THAT(json.out, Catch::Contains("\"label\":\"Địa chỉ tin cậy\",\"value\":null,"));
    CHECK_THAT(json.out, Catch::Contains("\"with_team\":null,\"with_club\":null,\"with_trusted_address_within_radius\":null"));
    CHECK_THAT(json.out, Catch::Contains("\"name\":\"Phong Thổ\",\"parent_code\":\"301\",\"villages\":0"));
    CHECK_THAT(json.out, Catch::Contains("\"population\":50395,\"population_source\":\"census\""));   // Phong Thổ's communes' census
    CHECK_THAT(json.out, Catch::Contains("\"code\":\"3010109\",\"name\":\"Nậm Ban\""));
    CHECK_THAT(json.out, Catch::Contains("\"population\":1783,\"population_source\":\"census\""));  // Nậm Ban: its census, not the 800 of the two villages listed
    CHECK_THAT(json.out, Catch::Contains("\"population\":4188,\"population_source\":\"census\""));    // Mường Mô: V04 has none

    // priorities: no no_team, no_club, ta_out_of_reach, and the reason said above and below the list
    const RunResult text = runGapmap("report " + project + " --priorities");
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Không tính: chưa có dữ liệu đội truyền thông, câu lạc bộ, Địa chỉ tin cậy"));
    CHECK_THAT(text.out, !Catch::Contains("chưa có tổ truyền thông"));
    const RunResult csv = runGapmap("report " + project + " --priorities --format csv");
    CHECK(lineCount(csv.out) == 5);  // header + the 4 especially difficult villages (no internet column: that gap is unknown)
    for (const char* gap : {"no_team", "no_club", "ta_out_of_reach"}) CHECK_THAT(csv.out, !Catch::Contains(std::string(gap) + ";"));
    CHECK_THAT(csv.out, Catch::Contains(",communication_teams;clubs;trusted_addresses;villages.electricity;villages.mobile;villages.internet;outcomes\n"));
    const RunResult pj = runGapmap("report " + project + " --priorities --format json --lang en");
    CHECK_THAT(pj.out, Catch::Contains("\"not_scored\":[\"communication_teams\",\"clubs\",\"trusted_addresses\",\"villages.electricity\",\"villages.mobile\",\"villages.internet\",\"outcomes\"]"));
    CHECK_THAT(pj.out, Catch::Contains("Not scored: no data for communication teams, clubs, Trusted Addresses"));

    // the map coloured by team share: every commune "no data" grey, with its legend entry
    const std::string png = dir.file("team.png");
    const RunResult render = runGapmap("render " + project + " --color-by team_share --size 900x600 --out " + quote(png));
    REQUIRE(render.exitCode == 0);
    CHECK(countGrey(render::readPng(png)) > 60000);  // 85,667 here: the whole province (the legend swatch is 16 × 12)

    // the PDF: "chưa có dữ liệu", not 0 or "0,0 %"; districts' population from the census
    REQUIRE(havePoppler());
    const std::string pdf = dir.file("lc.pdf");
    REQUIRE(runGapmap("export-report " + project + " --out " + quote(pdf)).exitCode == 0);
    const std::string pdfText = commandOutput("pdftotext -layout " + quote(pdf) + " -");
    CHECK_THAT(pdfText, Catch::Contains("chưa có dữ liệu"));
    CHECK_THAT(pdfText, !Catch::Contains("0,0 %"));
    CHECK_THAT(pdfText, Catch::Contains("50.395"));  // Phong Thổ, no villages: its communes' census
    CHECK_THAT(pdfText, Catch::Contains("số liệu điều tra của xã"));
    CHECK_THAT(pdfText, Catch::Contains("–: chưa có dữ liệu đội truyền thông, câu lạc bộ, Địa chỉ tin cậy"));

    // teams loaded: no_team appears for the villages without one
    writeFile(dir.file("teams.csv"), "village_code,established,members,women_members\nV01,2024-03-01,8,3\nV03,2024-05-10,6,0\n");
    REQUIRE(runGapmap("import " + project + " --as communication_teams " + quote(dir.file("teams.csv"))).exitCode == 0);
    const RunResult after = runGapmap("report " + project + " --priorities --format csv");
    for (const char* with : {"V01", "V03"}) {
        const size_t at = after.out.find("," + std::string(with) + ",");
        REQUIRE(at != std::string::npos);
        CHECK(after.out.substr(at, after.out.find('\n', at) - at).find("no_team") == std::string::npos);
    }
    for (const char* without : {"V02", "V04", "V05", "V06"}) {
        const size_t at = after.out.find("," + std::string(without) + ",");
        REQUIRE(at != std::string::npos);
        CHECK(after.out.substr(at, after.out.find('\n', at) - at).find(",no_team") != std::string::npos);
    }
    CHECK_THAT(after.out, Catch::Contains(",clubs;trusted_addresses;villages.electricity;villages.mobile;villages.internet;outcomes\n"));
    const RunResult afterJson = runGapmap("report " + project + " --format json");
    CHECK_THAT(afterJson.out, Catch::Contains("\"label\":\"Tổ truyền thông cộng đồng\",\"value\":2,"));
    CHECK_THAT(runGapmap("info " + project).out, Catch::Contains("teams.csv"));
}

TEST_CASE("the demo marks every table loaded from the synthetic demo", "[cli][nodata]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const RunResult info = runGapmap("info " + quote(project) + " --format json");
    REQUIRE(info.exitCode == 0);
    CHECK_THAT(info.out, Catch::Contains("{\"table\":\"communication_teams\",\"loaded\":true,\"state\":\"loaded\",\"rows\":540,\"source_file\":\"synthetic demo\""));
    CHECK_THAT(info.out, !Catch::Contains("\"loaded\":false"));
    CHECK(runGapmap("info").exitCode == 2);
    CHECK(runGapmap("info " + quote(project) + " --format xml").exitCode == 2);
    CHECK_THAT(runGapmap("--help").out, Catch::Contains("gapmap info"));
}

TEST_CASE("a project file without the load record: tables with rows are loaded, empty ones are not", "[io][nodata]") {
    TempDir dir;
    const std::string path = dir.file("old.gpkg");
    Project p = buildDemoProject();
    p.clubs.clear();
    writeProject(p, path);
    {  // an older gapmap wrote no table_loads
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "DROP TABLE table_loads; DELETE FROM gpkg_contents WHERE table_name = 'table_loads';", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    const Project old = readProject(path);
    CHECK(old.loads.empty());
    CHECK(old.hasData(kTeamsTable));
    CHECK_FALSE(old.hasData(kClubsTable));
    const RunResult info = runGapmap("info " + quote(path) + " --lang en");
    CHECK_THAT(info.out, Catch::Contains("communication_teams  has data, source unknown"));
    CHECK_THAT(info.out, Catch::Contains("clubs                no data"));

    // round trip of the record
    Project q = buildDemoProject();
    q.recordLoad(kClubsTable, "clubs.xlsx", 0, "2026-01-02T03:04:05Z");
    writeProject(q, path);
    const Project back = readProject(path);
    REQUIRE(back.loadOf(kClubsTable));
    CHECK(back.loadOf(kClubsTable)->sourceFile == "clubs.xlsx");
    CHECK(back.loadOf(kClubsTable)->loadedAt == "2026-01-02T03:04:05Z");
    CHECK(back.loadOf(kClubsTable)->rows == 0);
    CHECK(back.loads.size() == q.loads.size());
}
