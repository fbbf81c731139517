// Nothing lost by a careless import (issue 12, item 8), through the real `gapmap import` on the demo
// province: an import that keeps no row, most rows left out without --partial, an empty file without
// --allow-empty, points offered as admin_units and lines as villages are refused with the project file
// byte for byte as it was (and no .bak made); a successful import keeps the project before it as
// PROJECT.gpkg.bak; GDAL and GEOS errors reach the user in plain words, never as a source path.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;
namespace fs = std::filesystem;

namespace {

// Runs an import that must be refused: exit 1, `fragment` in the message, the project and its
// .bak (present or not) exactly as they were.
std::string refused(const std::string& project, const std::string& args, const std::string& fragment) {
    const std::string before = readFile(project);
    const bool hadBackup = fs::exists(project + ".bak");
    const std::string backupBefore = hadBackup ? readFile(project + ".bak") : "";
    const RunResult r = runGapmap("import " + quote(project) + " " + args);
    INFO(args << "\n" << r.out << r.err);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains(fragment));
    CHECK(readFile(project) == before);
    CHECK(fs::exists(project + ".bak") == hadBackup);
    if (hadBackup) CHECK(readFile(project + ".bak") == backupBefore);
    return r.err;
}

std::string pointsGeoJson(const std::vector<std::pair<double, double>>& lonLat) {
    std::string features;
    int i = 0;
    for (const auto& [lon, lat] : lonLat) {
        ++i;
        features += std::string(features.empty() ? "" : ",") + R"({"type":"Feature","properties":{"code":"X)" + std::to_string(i) +
                    R"(","name":"Bản Xa )" + std::to_string(i) + R"("},"geometry":{"type":"Point","coordinates":[)" +
                    std::to_string(lon) + "," + std::to_string(lat) + "]}}";
    }
    return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

}  // namespace

TEST_CASE("a villages file that keeps no row is refused and the demo keeps its villages", "[io][import][safety][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const size_t villagesBefore = readProject(project).villages.size();
    REQUIRE(villagesBefore > 100);
    // Points in Laos and Thailand: inside no commune of the demo province.
    writeFile(dir.file("far.geojson"), pointsGeoJson({{102.6, 17.97}, {100.5, 13.75}, {101.9, 19.9}}));
    const std::string e = refused(project, "--as villages " + quote(dir.file("far.geojson")) + " --lang en",
                                  "none of the 3 rows read could be imported into villages, so villages was left as it was; first:");
    CHECK_THAT(e, Catch::Contains("far.geojson: feature 1"));
    CHECK_FALSE(fs::exists(project + ".bak"));
    refused(project, "--as villages " + quote(dir.file("far.geojson")), "không dòng nào trong 3 dòng đọc được nhập được vào villages");
    // --partial does not take a file that keeps nothing.
    refused(project, "--as villages " + quote(dir.file("far.geojson")) + " --partial --lang en", "none of the 3 rows");
    CHECK(readProject(project).villages.size() == villagesBefore);
}

TEST_CASE("points offered as admin_units and lines as villages are refused with what was expected", "[io][import][safety][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const size_t unitsBefore = readProject(project).adminUnits.size();
    writeFile(dir.file("points.geojson"), pointsGeoJson({{103.1, 22.1}, {103.2, 22.2}}));
    refused(project, "--as admin_units " + quote(dir.file("points.geojson")) + " --lang en",
            "points.geojson: holds points (Point), but admin_units takes polygons (boundaries); nothing was imported and the project is unchanged");
    refused(project, "--as admin_units " + quote(dir.file("points.geojson")),
            "points.geojson: chứa điểm (Point), nhưng bảng admin_units cần vùng (ranh giới)");
    writeFile(dir.file("roads.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"R1","name":"Đường 1"},
"geometry":{"type":"LineString","coordinates":[[103.1,22.1],[103.2,22.2]]}}]})");
    refused(project, "--as villages " + quote(dir.file("roads.geojson")) + " --lang en",
            "roads.geojson: holds lines (Line String), but villages takes points or polygons");
    refused(project, "--as admin_units " + quote(dir.file("roads.geojson")) + " --lang en", "holds lines (Line String), but admin_units takes polygons");
    CHECK(readProject(project).adminUnits.size() == unitsBefore);
}

TEST_CASE("polygons offered as villages take a point inside each polygon", "[io][import][safety]") {
    TempDir dir;
    Project p;
    importInto(p, {"admin_units", writeTestAdminUnits(dir.file("u.geojson"))});
    writeFile(dir.file("v.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"V1","name":"Nà Lại"},
"geometry":{"type":"Polygon","coordinates":[[[103.12,22.02],[103.18,22.02],[103.18,22.08],[103.12,22.08],[103.12,22.02]]]}}]})");
    const ImportResult r = importInto(p, {"villages", dir.file("v.geojson")});
    CHECK(r.rowsImported == 1);
    REQUIRE(p.villages.size() == 1);
    REQUIRE(p.villages[0].location);
    CHECK(p.villages[0].communeCode == "00102");
}

TEST_CASE("most rows left out needs --partial, which then warns loudly", "[io][import][safety][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const Project demo = readProject(project);
    REQUIRE(!demo.villages.empty());
    const Village& inside = demo.villages.front();
    REQUIRE(inside.location);
    writeFile(dir.file("mostly_far.geojson"),
              pointsGeoJson({{inside.location->lonDeg, inside.location->latDeg}, {102.6, 17.97}, {100.5, 13.75}}));
    refused(project, "--as villages " + quote(dir.file("mostly_far.geojson")) + " --lang en",
            "only 1 of 3 rows could be imported into villages (2 left out; first:");
    const std::string before = readFile(project);
    const RunResult r = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("mostly_far.geojson")) + " --partial --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("WARNING: only 1 of 3 rows were imported into villages; 2 were left out (--partial)"));
    CHECK_THAT(r.out, Catch::Contains("the project as it was before is kept in " + project + ".bak (one step back)"));
    CHECK(readProject(project).villages.size() == 1);
    CHECK(readFile(project + ".bak") == before);
}

TEST_CASE("an empty file is refused unless --allow-empty, which empties the table", "[io][import][safety][cli]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    writeFile(dir.file("empty.csv"), "code,name,commune_code,members\n");
    refused(project, "--as clubs " + quote(dir.file("empty.csv")) + " --lang en", "has no rows; nothing was imported (--allow-empty takes it");
    REQUIRE_FALSE(readProject(project).clubs.empty());
    const RunResult r = runGapmap("import " + quote(project) + " --as clubs " + quote(dir.file("empty.csv")) + " --allow-empty --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("0 rows read, 0 imported") && Catch::Contains("clubs is now empty (--allow-empty)"));
    CHECK(readProject(project).clubs.empty());
}

TEST_CASE("each successful import keeps the project before it as .bak, one step back", "[io][import][safety]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    const ImportResult first = importFile(project, {"admin_units", writeTestAdminUnits(dir.file("u.geojson"))});
    CHECK(first.backup.empty());  // nothing to keep before the project existed
    CHECK_FALSE(fs::exists(project + ".bak"));
    const std::string afterUnits = readFile(project);
    const ImportResult second = importFile(project, {"villages", writeTestVillagesCsv(dir.file("v.csv"))});
    CHECK(second.backup == project + ".bak");
    CHECK(readFile(project + ".bak") == afterUnits);
    CHECK(readProject(project + ".bak").villages.empty());
    const std::string afterVillages = readFile(project);
    writeFile(dir.file("bad.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,abc\n");
    CHECK_THROWS_AS(importFile(project, {"villages", dir.file("bad.csv")}), InputError);
    CHECK(readFile(project) == afterVillages);
    CHECK(readFile(project + ".bak") == afterUnits);  // a refused import does not move the step back
}

TEST_CASE("GDAL and GEOS errors reach the user in plain words, without source paths", "[io][import][safety][errors]") {
    const ScopedLanguage english(Lang::En);
    CHECK(plainGdalDetail("/build/gdal-3.6.2/ogr/ogrsf_frmts/dxf/ogrdxflayer.cpp, 3367: error at line 1759 of x.dxf") ==
          "error at line 1759 of x.dxf");
    CHECK(plainGdalDetail("ogrgeojsonreader.cpp:120: bad thing\nsecond line") == "bad thing");
    CHECK(plainGdalDetail(std::string(500, 'a')).size() < 260);
    CHECK(knownGdalProblem("IllegalArgumentException: Invalid number of points in LinearRing found 3 - must be 0 or >= 4") ==
          "a polygon ring with fewer than 4 points");
    CHECK(knownGdalProblem("SFCGAL support not enabled.") == "a 3-D surface (TIN or polyhedral surface) that gapmap cannot read");
    CHECK(knownGdalProblem("TopologyException: side location conflict") == "a malformed geometry that GEOS could not process");
    CHECK(knownGdalProblem("Unterminated array").empty());

    TempDir dir;
    Project p;
    // A ring of three points: GEOS refuses it; the row says so plainly and names its feature.
    writeFile(dir.file("short.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1","name":"Xã Nơ"},
"geometry":{"type":"Polygon","coordinates":[[[103,22],[103.1,22],[103,22]]]}}]})");
    try {
        importInto(p, {"admin_units", dir.file("short.geojson")});
        FAIL("a three-point ring was imported");
    } catch (const InputError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Catch::Contains("short.geojson: feature 1"));
        CHECK_THAT(m, !Catch::Contains("Exception") && !Catch::Contains(".cpp"));
    }
    CHECK(p.adminUnits.empty());

    // MapInfo "Nonearth" coordinates: PROJ's dump of the CRS stays out of the message.
    writeFile(dir.file("pts.geojson"), pointsGeoJson({{103.1, 22.1}}));
    translateVector(dir.file("pts.geojson"), dir.file("nonearth.tab"), {"-f", "MapInfo File", "-a_srs", "LOCAL_CS[\"Nonearth\",UNIT[\"Meter\",1.0]]"});
    try {
        importInto(p, {"admin_units", dir.file("nonearth.tab")});
        FAIL("a Nonearth file was imported");
    } catch (const InputError& e) {
        const std::string m = e.what();
        CHECK_THAT(m, Catch::Contains("nonearth.tab: the coordinates are in a local (non-earth) system that cannot be placed on the map; pass --crs"));
        CHECK_THAT(m, !Catch::Contains("ENGCRS") && !Catch::Contains("Cannot find coordinate operations"));
    }
}
