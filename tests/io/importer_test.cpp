// Import through GDAL: every format of the contract, reprojection, joins by code and by
// folded name, row accounting, and the byte-for-byte guarantee on failure.
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "core/geo.h"
#include "core/i18n.h"
#include "io/column_map.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// A project holding the two-commune test province and its three villages.
Project testProject(const TempDir& dir) {
    Project p;
    importInto(p, {"admin_units", writeTestAdminUnits(dir.file("units.geojson"))});
    importInto(p, {"villages", writeTestVillagesCsv(dir.file("villages.csv"))});
    return p;
}

const Village& village(const Project& p, const std::string& code) {
    for (const Village& v : p.villages)
        if (v.code == code) return v;
    throw std::runtime_error("no village " + code);
}

std::string importError(Project& p, const ImportRequest& request) {
    try {
        importInto(p, request);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("admin units from GeoJSON keep levels, parents, prefixes as kind and Vietnamese numbers", "[io][import]") {
    TempDir dir;
    Project p;
    const ImportResult r = importInto(p, {"admin_units", writeTestAdminUnits(dir.file("u.geojson"))});
    CHECK(r.rowsRead == 4);
    CHECK(r.rowsImported == 4);
    CHECK(r.rowsMatched == 4);
    REQUIRE(p.findUnit("00101"));
    CHECK(p.findUnit("00101")->name == "Nậm Ban");
    CHECK(p.findUnit("00101")->kind == "xã");
    CHECK(p.findUnit("00101")->population == 1234);
    CHECK(p.findUnit("001")->level == AdminLevel::District);
    CHECK(p.hasDistricts());
    CHECK(contains(p.findUnit("00102")->area, LonLat{103.15, 22.05}));
}

TEST_CASE("villages from CSV with lon/lat join their commune by code", "[io][import]") {
    TempDir dir;
    const Project p = testProject(dir);
    REQUIRE(p.villages.size() == 3);
    CHECK(village(p, "V1").name == "Bản Huổi Ho");  // as the file writes it: a village keeps its whole name
    CHECK(village(p, "V1").communeCode == "00101");
    CHECK(village(p, "V2").population == 1050);
    CHECK(village(p, "V1").electricity == Electricity::None);
    CHECK(village(p, "V3").mobile == Mobile::None);
    CHECK(village(p, "V2").internet);
    REQUIRE(village(p, "V2").location);
    CHECK(village(p, "V2").location->lonDeg == Approx(103.15));
}

TEST_CASE("two villages of one name stay apart: names join scoped by commune", "[io][import][join]") {
    const ScopedLanguage english(Lang::En);  // the reasons below are checked in English
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("teams.csv"),
              "Tên thôn,Xã,Thành viên,Thành viên nữ\n"
              "huoi ho,nam ban,8,1\n"
              "HUỔI HO,Xã Huổi Lèng,6,3\n"
              "Huổi Ho,,5,2\n"
              "Bản Không Có,Nậm Ban,5,2\n");
    const ImportResult r = importInto(p, {"communication_teams", dir.file("teams.csv")});
    CHECK(r.rowsRead == 4);
    CHECK(r.rowsImported == 2);
    CHECK(r.rowsMatched == 2);
    REQUIRE(r.notImported.size() == 2);
    CHECK_THAT(r.notImported[0], Catch::Contains("line 4") && Catch::Contains("several communes"));
    CHECK_THAT(r.notImported[1], Catch::Contains("line 5") && Catch::Contains("no village named"));
    REQUIRE(p.teams.size() == 2);
    CHECK(p.teams[0].villageCode == "V1");
    CHECK(p.teams[0].members == 8);
    CHECK(p.teams[0].womenMembers == 1);
    CHECK(p.teams[1].villageCode == "V2");
}

TEST_CASE("NFD names and Vietnamese headers are recognised", "[io][import][join]") {
    TempDir dir;
    Project p = testProject(dir);
    // "Nậm Ban" spelled decomposed: a + combining dot below + combining circumflex.
    writeFile(dir.file("offices.csv"), "Tên xã,Máy tính,Internet\nNa\xcc\xa3\xcc\x82m Ban,3,có\nHuổi Lèng,0,không\n");
    const ImportResult r = importInto(p, {"commune_offices", dir.file("offices.csv")});
    CHECK(r.rowsImported == 2);
    REQUIRE(p.communeOffices.size() == 2);
    CHECK(p.communeOffices[0].communeCode == "00101");
    CHECK(p.communeOffices[0].computers == 3);
    CHECK(p.communeOffices[0].internet);
    CHECK_FALSE(p.communeOffices[1].internet);
}

TEST_CASE("a VN-2000 TM-3 shapefile comes back within 1 m", "[io][import][crs]") {
    TempDir dir;
    Project p = testProject(dir);
    const double lon = 103.0712345, lat = 22.0456789;
    double x = 0, y = 0;
    projectPoint(9205, lon, lat, x, y);  // VN-2000 / TM-3 zone 103°30' (Lai Châu)
    CHECK(x > 300000);                   // metres, false easting 500 km
    writeVectorFile(dir.file("ta.shp"), "ESRI Shapefile", 9205, "point", {"code", "name", "services"},
                    {{{"TA1", "Địa chỉ tin cậy", "shelter;legal"}, "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"}},
                    {"ENCODING=UTF-8"});
    const ImportResult r = importInto(p, {"trusted_addresses", dir.file("ta.shp")});
    CHECK(r.rowsImported == 1);
    REQUIRE(p.trustedAddresses.size() == 1);
    const TrustedAddress& a = p.trustedAddresses[0];
    REQUIRE(a.location);
    CHECK(haversineKm(*a.location, {lon, lat}) * 1000 < 1.0);
    CHECK(a.communeCode == "00101");  // joined by location: no commune column
    CHECK(a.name == "Địa chỉ tin cậy");
}

TEST_CASE("a shapefile without .prj needs --crs, and works with it", "[io][import][crs]") {
    TempDir dir;
    Project p = testProject(dir);
    double x = 0, y = 0;
    projectPoint(9205, 103.15, 22.05, x, y);
    writeVectorFile(dir.file("noprj.shp"), "ESRI Shapefile", 0, "point", {"code"},
                    {{{"TA9"}, "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"}}, {"ENCODING=UTF-8"});
    CHECK_THAT(importError(p, {"trusted_addresses", dir.file("noprj.shp")}), Catch::Contains("noprj.shp") && Catch::Contains("--crs"));
    ImportRequest withCrs{"trusted_addresses", dir.file("noprj.shp")};
    withCrs.read.crs = "EPSG:9205";
    importInto(p, withCrs);
    REQUIRE(p.trustedAddresses.size() == 1);
    CHECK(p.trustedAddresses[0].communeCode == "00102");
}

TEST_CASE("GeoPackage, KML, XLSX and TopoJSON sources import", "[io][import][formats]") {
    TempDir dir;
    Project p = testProject(dir);
    const std::vector<std::string> fields = {"code", "name", "commune_code"};
    const std::vector<FixtureRow> rows = {{{"C1", "CLB Thủ lĩnh Nậm Ban", "00101"}, "POINT (103.05 22.05)"},
                                          {{"C2", "CLB Thủ lĩnh Huổi Lèng", "00102"}, "POINT (103.15 22.05)"}};
    writeVectorFile(dir.file("clubs.gpkg"), "GPKG", 4326, "point", fields, rows);
    writeVectorFile(dir.file("clubs.kml"), "KML", 4326, "point", fields, rows);
    writeVectorFile(dir.file("clubs.xlsx"), "XLSX", 0, "none", fields, rows);
    for (const char* file : {"clubs.gpkg", "clubs.kml", "clubs.xlsx"}) {
        INFO(file);
        const ImportResult r = importInto(p, {"clubs", dir.file(file)});
        CHECK(r.rowsImported == 2);
        REQUIRE(p.clubs.size() == 2);
        CHECK(p.clubs[0].name == "CLB Thủ lĩnh Nậm Ban");
        CHECK(p.clubs[1].communeCode == "00102");
    }
    writeFile(dir.file("units.topojson"), R"({"type":"Topology","objects":{"units":{"type":"GeometryCollection","geometries":[
{"type":"Polygon","arcs":[[0]],"properties":{"code":"00101","name":"Xã Nậm Ban","parent_code":"001"}}]}},
"arcs":[[[103.0,22.0],[103.1,22.0],[103.1,22.1],[103.0,22.1],[103.0,22.0]]]})");
    Project topo;
    const ImportResult r = importInto(topo, {"admin_units", dir.file("units.topojson")});
    CHECK(r.rowsImported == 1);
    REQUIRE(topo.adminUnits.size() == 1);
    CHECK(topo.adminUnits[0].name == "Nậm Ban");
    CHECK(contains(topo.adminUnits[0].area, LonLat{103.05, 22.05}));
}

TEST_CASE("an invalid polygon is repaired and reported", "[io][import][geometry]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    Project p;
    // A bow-tie: self-intersecting ring.
    writeFile(dir.file("bowtie.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature",
"properties":{"code":"9","name":"Xã Nơ","level":"commune"},
"geometry":{"type":"Polygon","coordinates":[[[103,22],[103.1,22.1],[103.1,22],[103,22.1],[103,22]]]}}]})");
    const ImportResult r = importInto(p, {"admin_units", dir.file("bowtie.geojson")});
    REQUIRE(r.repaired.size() == 1);
    CHECK_THAT(r.repaired[0], Catch::Contains("feature 1"));
    REQUIRE(p.adminUnits.size() == 1);
    CHECK(p.adminUnits[0].area.size() == 2);  // two triangles
}

TEST_CASE("bad input gives one line naming file, row and column", "[io][import][errors]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("bad.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,12\nV8,Nà Mới,00101,mười\n");
    const std::string e = importError(p, {"villages", dir.file("bad.csv")});
    CHECK_THAT(e, Catch::Contains("bad.csv: line 3, column \"population\": \"mười\" is not a whole number"));
    CHECK(p.villages.size() == 3);  // untouched

    writeFile(dir.file("nocode.csv"), "ten,xa\nA,B\n");
    CHECK_THAT(importError(p, {"villages", dir.file("nocode.csv")}), Catch::Contains("missing column \"code\""));
    CHECK_THAT(importError(p, {"villages", dir.file("absent.csv")}), Catch::Contains("absent.csv: no such file"));
    writeFile(dir.file("trunc.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1")");
    CHECK_THAT(importError(p, {"villages", dir.file("trunc.geojson")}), Catch::StartsWith(dir.file("trunc.geojson") + ": "));
    writeFile(dir.file("notes.txt"), "just some words\n");
    CHECK_THAT(importError(p, {"villages", dir.file("notes.txt")}), Catch::StartsWith(dir.file("notes.txt") + ": "));
}

TEST_CASE("swapped latitude and longitude are caught", "[io][import][errors]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("swapped.csv"), "code,name,commune_code,lon,lat\nV9,Nà Lại,00101,22.05,103.05\n");
    CHECK_THAT(importError(p, {"villages", dir.file("swapped.csv")}), Catch::Contains("line 2") && Catch::Contains("swapped"));
}

TEST_CASE("importing a table again replaces it", "[io][import]") {
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("one.csv"), "code,name,commune_code\nV5,Nà Lại,00101\n");
    importInto(p, {"villages", dir.file("one.csv")});
    REQUIRE(p.villages.size() == 1);
    CHECK(p.villages[0].code == "V5");
}

TEST_CASE("a failed import leaves the project file byte-for-byte unchanged", "[io][import][project]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    importFile(project, {"admin_units", writeTestAdminUnits(dir.file("u.geojson"))});
    importFile(project, {"villages", writeTestVillagesCsv(dir.file("v.csv"))});
    const std::string before = readFile(project);
    REQUIRE(before.size() > 1000);
    writeFile(dir.file("bad.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,abc\n");
    CHECK_THROWS_AS(importFile(project, {"villages", dir.file("bad.csv")}), InputError);
    CHECK(readFile(project) == before);
    const Project reread = readProject(project);
    CHECK(reread.villages.size() == 3);
    CHECK(reread.adminUnits.size() == 4);
}

TEST_CASE("a mapping file names other headers", "[io][import][columns]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("map.txt"), "# headers of the district's sheet\nvillage_code = Mã số thôn\nmembers=Tổng số\n");
    writeFile(dir.file("teams.csv"), "Mã số thôn,Tổng số,Nữ\nV3,9,4\n");
    ImportRequest request{"communication_teams", dir.file("teams.csv")};
    request.columnMap = readMappingFile(dir.file("map.txt"));
    importInto(p, request);
    REQUIRE(p.teams.size() == 1);
    CHECK(p.teams[0].villageCode == "V3");
    CHECK(p.teams[0].members == 9);
    CHECK(p.teams[0].womenMembers == 4);  // "Nữ" is a recognised header
    writeFile(dir.file("bad.txt"), "village_code Mã số thôn\n");
    CHECK_THROWS_WITH(readMappingFile(dir.file("bad.txt")), Catch::Contains("bad.txt: line 1"));
}

TEST_CASE("skipping invalid rows imports the good rows and lists the bad ones", "[io][import][errors]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("v.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,12\nV8,Nà Mới,00101,nhiều\nV7,Nà Lại 2,00101,3\n");
    ImportRequest request{"villages", dir.file("v.csv")};
    request.skipInvalid = true;
    CHECK_THROWS_WITH(importInto(p, request), Catch::Contains("only 1 of 3 rows could be imported into villages") && Catch::Contains("--partial"));
    CHECK(p.villages.size() == 3);  // most rows left out: refused, the table kept
    request.partial = true;
    const ImportResult r = importInto(p, request);
    CHECK_THAT(r.warning, Catch::Contains("only 1 of 3 rows were imported into villages; 2 were left out (--partial)"));
    CHECK(r.rowsRead == 3);
    CHECK(r.rowsImported == 1);
    REQUIRE(r.notImported.size() == 2);
    CHECK_THAT(r.notImported[0], Catch::Contains("line 3, column \"population\""));
    CHECK_THAT(r.notImported[1], Catch::Contains("line 4, column \"code\": \"V7\" is a duplicate code"));
}

TEST_CASE("problems are told in Vietnamese by default: dòng, hàng, đối tượng, cột", "[io][import][errors][i18n]") {
    REQUIRE(language() == Lang::Vi);
    TempDir dir;
    Project p = testProject(dir);
    writeFile(dir.file("bad.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,12\nV8,Nà Mới,00101,mười\nV9,Nà Cũ,00101,x\n");
    CHECK(importError(p, {"villages", dir.file("bad.csv")}) ==
          dir.file("bad.csv") + ": dòng 3, cột \"population\": \"mười\" không phải là số nguyên (và 1 dòng khác cũng có lỗi; "
                                "--skip-invalid sẽ nhập các dòng còn lại và liệt kê các dòng lỗi)");
    writeVectorFile(dir.file("bad.xlsx"), "XLSX", 0, "none", {"code", "name", "commune_code", "Dân số"},
                    {{{"V7", "Nà Lại", "00101", "-3"}, ""}});
    CHECK_THAT(importError(p, {"villages", dir.file("bad.xlsx")}), Catch::EndsWith(": hàng 2, cột \"Dân số\": \"-3\" là số âm"));
    writeFile(dir.file("bad.geojson"), R"({"type":"FeatureCollection","features":[{"type":"Feature",
"properties":{"code":"V7","name":"Nà Lại","commune_code":"00101","internet":"chắc"},"geometry":{"type":"Point","coordinates":[103.05,22.05]}}]})");
    CHECK_THAT(importError(p, {"villages", dir.file("bad.geojson")}),
               Catch::EndsWith("bad.geojson: đối tượng 1, cột \"internet\": \"chắc\" không phải là 1/0 (có/không)"));
    writeFile(dir.file("nocode.csv"), "ten,xa\nA,B\n");
    CHECK_THAT(importError(p, {"villages", dir.file("nocode.csv")}), Catch::Contains("nocode.csv: thiếu cột \"code\" cho bảng villages"));
    CHECK_THAT(importError(p, {"villages", dir.file("absent.csv")}), Catch::EndsWith("absent.csv: không có tệp này"));
    CHECK(p.villages.size() == 3);  // untouched

    writeFile(dir.file("teams.csv"), "Tên thôn,Xã,Thành viên\nHuổi Ho,,5\n");
    CHECK_THAT(importError(p, {"communication_teams", dir.file("teams.csv")}),
               Catch::Contains("teams.csv: không dòng nào trong 1 dòng đọc được nhập được vào communication_teams"));
    writeFile(dir.file("teams.csv"), "Tên thôn,Xã,Thành viên\nHuổi Ho,,5\nNà Tăm,,4\n");
    const ImportResult r = importInto(p, {"communication_teams", dir.file("teams.csv")});
    const std::string summary = formatImportResult(r);
    CHECK_THAT(summary, Catch::Contains("teams.csv: đã đọc 2 dòng, đã nhập 1, ghép được 1, không nhập 1\n"));
    CHECK_THAT(summary, Catch::Contains("  không nhập: " + dir.file("teams.csv") + ": dòng 2: tên thôn/bản \"Huổi Ho\" có ở nhiều xã (00101, 00102); hãy ghi rõ xã\n"));
}
