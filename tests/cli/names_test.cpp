// Issue 12 through the real binary: official names kept on import, `find` showing the kind where
// names collide, a two-level project importing without a warning and titled by its province,
// `--province` for a file that names none. Real files from ../shared/geodata where present.
#include <catch2/catch.hpp>

#include "support/test_support.h"

using namespace gapmap::test;

TEST_CASE("2025 Lai Châu through the binary: Bản Bo found, no parent warning, one title", "[cli][names][geodata]") {
    const std::string file = sharedGeodata("gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = quote(dir.file("lc2025.gpkg"));
    const RunResult imported = runGapmap("import " + project + " --as admin_units " + quote(file) + " --lang en");
    INFO(imported.out << imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, !Catch::Contains("level the project does not"));
    CHECK_THAT(imported.out, Catch::Contains("1 parent units the file names were added") && Catch::Contains("Tỉnh Lai Châu (12)"));
    const RunResult banBo = runGapmap("find " + project + " \"ban bo\" --lang en");
    REQUIRE(banBo.exitCode == 0);
    CHECK(banBo.out.rfind("Bản Bo\txã 03424", 0) == 0);  // first hit, whole name, with its kind
    const RunResult json = runGapmap("find " + project + " \"Bản Bo\" --format json");
    CHECK_THAT(json.out, Catch::Contains("\"code\":\"03424\",\"name\":\"Bản Bo\",\"display\":\"Bản Bo\",\"kind\":\"xã\""));
    // Report, priority list and map carry the province's name as the title.
    CHECK(runGapmap("report " + project + " --lang en").out.rfind("Tỉnh Lai Châu\n", 0) == 0);
    CHECK(runGapmap("report " + project + " --priorities --format text --lang en").out.rfind("Tỉnh Lai Châu\n", 0) == 0);
    const RunResult png = runGapmap("render " + project + " --out " + quote(dir.file("lc.png")) + " --size 800x600 --lang en");
    CHECK_THAT(png.out, Catch::Contains("Tỉnh Lai Châu"));
}

TEST_CASE("2009 Lai Châu through the binary: find shows the two Mường Tè with their kinds", "[cli][names][geodata]") {
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = quote(dir.file("lc2009.gpkg"));
    const RunResult imported = runGapmap("import " + project + " --as admin_units " + quote(file) + " --lang en");
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Catch::Contains("9 parent units") && Catch::Contains("Huyện Mường Tè (30105)"));
    const RunResult found = runGapmap("find " + project + " \"muong te\" --lang en");
    REQUIRE(found.exitCode == 0);
    CHECK_THAT(found.out, Catch::Contains("thị trấn Mường Tè\tthị trấn 3010501\thuyện Mường Tè") ||
                              Catch::Contains("thị trấn Mường Tè\tthị trấn 3010501\tMường Tè"));
    CHECK_THAT(found.out, Catch::Contains("xã Mường Tè\txã 3010511"));
    const RunResult town = runGapmap("find " + project + " \"thị trấn Mường Tè\" --lang en");
    CHECK(town.out.rfind("thị trấn Mường Tè\tthị trấn 3010501", 0) == 0);  // the kind typed ranks it first
    // A village list naming each by its kind joins each village to its own commune.
    writeFile(dir.file("v.csv"), "code,name,commune_name,lon,lat\nT1,Tổ dân phố 1,Thị trấn Mường Tè,,\nT2,Khu 1,Xã Mường Tè,,\n");
    const RunResult villages = runGapmap("import " + project + " --as villages " + quote(dir.file("v.csv")) + " --lang en");
    INFO(villages.out << villages.err);
    REQUIRE(villages.exitCode == 0);
    const RunResult t1 = runGapmap("find " + project + " \"to dan pho 1\" --lang en");
    CHECK_THAT(t1.out, Catch::Contains("Tổ dân phố 1\tvillage T1\tthị trấn Mường Tè"));
    const RunResult t2 = runGapmap("find " + project + " \"khu 1\" --lang en");
    CHECK_THAT(t2.out, Catch::Contains("Khu 1\tvillage T2\txã Mường Tè"));
}

TEST_CASE("import --province makes the province of a commune file that names none", "[cli][names]") {
    TempDir dir;
    const std::string communes = dir.file("communes.geojson");
    writeFile(communes,
              "{\"type\":\"FeatureCollection\",\"features\":["
              "{\"type\":\"Feature\",\"properties\":{\"code\":\"03424\",\"name\":\"Bản Bo\",\"type\":\"Xã\"},"
              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[103.0,22.0],[103.1,22.0],[103.1,22.1],[103.0,22.1],[103.0,22.0]]]}},"
              "{\"type\":\"Feature\",\"properties\":{\"code\":\"03388\",\"name\":\"Đoàn Kết\",\"type\":\"Phường\"},"
              "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[103.1,22.0],[103.2,22.0],[103.2,22.1],[103.1,22.1],[103.1,22.0]]]}}]}");
    const std::string project = quote(dir.file("p.gpkg"));
    const RunResult plain = runGapmap("import " + project + " --as admin_units " + quote(communes) + " --lang en");
    REQUIRE(plain.exitCode == 0);
    CHECK_THAT(plain.out, !Catch::Contains("parent units"));
    const RunResult named = runGapmap("import " + project + " --as admin_units " + quote(communes) + " --province \"Lai Châu\" --lang en");
    INFO(named.out << named.err);
    REQUIRE(named.exitCode == 0);
    CHECK_THAT(named.out, Catch::Contains("Tỉnh Lai Châu (lai-chau)"));
    CHECK_THAT(named.out, Catch::Contains("2 matched"));
    CHECK(runGapmap("report " + project + " --lang en").out.rfind("Tỉnh Lai Châu\n", 0) == 0);
    CHECK_THAT(runGapmap("find " + project + " \"lai chau\" --lang en").out, Catch::Contains("Lai Châu\ttỉnh lai-chau"));
}
