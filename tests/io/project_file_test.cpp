// The GeoPackage project file: every table survives a write and a read, and GDAL's own
// tools (as QGIS does) see the tables in EPSG:4326.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

Project everyTable() {
    Project p;
    AdminUnit commune{"00101", "Nậm Ban", AdminLevel::Commune, "001", "xã", 1234, true, {}};
    commune.area = {Polygon{{{{103, 22}, {103.1, 22}, {103.1, 22.1}, {103, 22.1}, {103, 22}}}}};
    p.adminUnits = {{"01", "Thử", AdminLevel::Province, "", "tỉnh", std::nullopt, false, {}}, commune};
    Village v;
    v.code = "0010101";
    v.name = "Huổi Ho";
    v.communeCode = "00101";
    v.location = LonLat{103.05, 22.05};
    v.population = 420;
    v.especiallyDifficult = true;
    v.electricity = Electricity::Offgrid;
    v.mobile = Mobile::G2;
    v.internet = false;
    p.villages = {v};
    p.teams = {{"0010101", "2023-04-01", 8, 1, "Zalo"}};
    p.trustedAddresses = {{"TA1", "Nhà tin cậy", "00101", "0010101", "2022-01-01", "shelter;legal", false, LonLat{103.05, 22.05}}};
    p.clubs = {{"CLB1", "CLB Thủ lĩnh", "00101", "", "2022-05-05", 25}};
    p.activities = {{"2024-03-05", "00101", "policy_dialogue", 2, 100, 60}};
    p.communeOffices = {{"00101", 0, true}};
    p.outcomes = {{"0010101", 2024, 2, 0}};
    p.targets = {{"communication_teams", 2025, 540}};
    p.settings = {{"title", "Thử"}, {"synthetic", "1"}};
    return p;
}

}  // namespace

TEST_CASE("every table survives a write and a read", "[io][project]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(everyTable(), path);
    const Project p = readProject(path);
    REQUIRE(p.adminUnits.size() == 2);
    CHECK(p.adminUnits[1].name == "Nậm Ban");
    CHECK(p.adminUnits[1].population == 1234);
    CHECK_FALSE(p.adminUnits[0].population);
    CHECK(p.adminUnits[1].especiallyDifficult);
    REQUIRE(p.adminUnits[1].area.size() == 1);
    CHECK(p.adminUnits[1].area[0].rings[0].size() == 5);
    REQUIRE(p.villages.size() == 1);
    CHECK(p.villages[0].electricity == Electricity::Offgrid);
    CHECK(p.villages[0].mobile == Mobile::G2);
    CHECK_FALSE(p.villages[0].internet);
    CHECK(p.villages[0].location->latDeg == 22.05);
    CHECK(p.teams[0].womenMembers == 1);
    CHECK_FALSE(p.trustedAddresses[0].active);
    CHECK(p.trustedAddresses[0].services == "shelter;legal");
    CHECK(p.clubs[0].villageCode.empty());
    CHECK(p.activities[0].participants == 100);
    CHECK(p.communeOffices[0].internet);
    CHECK(p.outcomes[0].childMarriages == 2);
    CHECK(p.targets[0].value == 540);
    CHECK(p.synthetic());
}

TEST_CASE("ogrinfo reads the project file as a GeoPackage in EPSG:4326", "[io][project]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(everyTable(), path);
    const std::string out = dir.file("ogrinfo.txt");
    REQUIRE(std::system(("ogrinfo -ro -so " + quote(path) + " admin_units villages > " + quote(out) + " 2>&1").c_str()) == 0);
    const std::string info = readFile(out);
    CHECK_THAT(info, Catch::Contains("using driver `GPKG' successful"));
    CHECK_THAT(info, Catch::Contains("Geometry: Multi Polygon"));
    CHECK_THAT(info, Catch::Contains("Geometry: Point"));
    CHECK_THAT(info, Catch::Contains("ID[\"EPSG\",4326]"));
    CHECK_THAT(info, Catch::Contains("especially_difficult: Integer(Boolean)"));
}

TEST_CASE("a file that is not a project is refused with its name", "[io][project]") {
    TempDir dir;
    writeFile(dir.file("x.gpkg"), "not sqlite");
    CHECK_THROWS_WITH(readProject(dir.file("x.gpkg")), Catch::Contains("x.gpkg: không phải tệp dự án GeoPackage"));
    CHECK_THROWS_WITH(readProject(dir.file("none.gpkg")), Catch::EndsWith("none.gpkg: không có tệp dự án này"));
    const ScopedLanguage english(Lang::En);
    CHECK_THROWS_WITH(readProject(dir.file("x.gpkg")), Catch::Contains("x.gpkg: not a GeoPackage"));
    CHECK_THROWS_WITH(readProject(dir.file("none.gpkg")), Catch::Contains("none.gpkg: no such project file"));
}

TEST_CASE("a project file stores no column that is always empty", "[io][project]") {
    // Join-only columns (names, and commune_code of tables whose rows belong to a village) help an
    // import find rows; a stored column that nothing ever fills would read in QGIS as data never given.
    test::TempDir dir;
    const std::string path = test::writeDemoProject(dir);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto texts = [&](const std::string& sql) {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        return out;
    };
    for (const char* table : {"villages", "communication_teams", "trusted_addresses", "clubs", "activities", "commune_offices", "outcomes"}) {
        const std::vector<std::string> columns = texts(std::string("SELECT name FROM pragma_table_info('") + table + "')");
        REQUIRE(columns.size() > 2);
        for (const std::string& column : columns) {
            if (column == "fid" || column == "geom") continue;
            const std::string q = "\"" + column + "\"";
            INFO(table << "." << column);
            CHECK(std::stoll(texts(std::string("SELECT count(*) FROM ") + table + " WHERE " + q + " IS NOT NULL AND " + q + " != ''").at(0)) > 0);
        }
    }
    sqlite3_close(db);
}
