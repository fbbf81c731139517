// Issue 12 item 3, column by column: a villages file without an electricity, mobile, internet or
// especially_difficult column leaves those *no data* (never "0 villages with internet"), end to end
// through build/gapmap on the real Lai Châu 2009 communes (../shared/geodata).
#include <catch2/catch.hpp>

#include "core/coverage.h"
#include "core/model.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "render/offscreen.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// Four villages in two communes of Nậm Nhùn (points inside each 2009 commune polygon), without the
// electricity, mobile and internet columns.
const char* kVillagesWithoutConnectivity =
    "code,name,commune_code,lon,lat,population,especially_difficult\n"
    "V01,Bản Nậm Ban 1,3010109,103.105891,22.362355,420,1\n"
    "V02,Bản Nậm Ban 2,3010109,103.10,22.3625,380,0\n"
    "V03,Bản Pa 1,3010117,102.903072,22.21968,510,0\n"
    "V04,Bản Pa 2,3010117,102.9031,22.2197,200,0\n";

// The same villages with the columns: V02 has no grid, V03 only 2G, V04 no internet.
const char* kVillagesWithConnectivity =
    "code,name,commune_code,lon,lat,population,especially_difficult,electricity,mobile,internet\n"
    "V01,Bản Nậm Ban 1,3010109,103.105891,22.362355,420,1,grid,4g,1\n"
    "V02,Bản Nậm Ban 2,3010109,103.10,22.3625,380,0,offgrid,4g,1\n"
    "V03,Bản Pa 1,3010117,102.903072,22.21968,510,0,grid,2g,1\n"
    "V04,Bản Pa 2,3010117,102.9031,22.2197,200,0,grid,4g,0\n";

std::string rowOf(const std::string& csv, const std::string& code) {
    const size_t at = csv.find("," + code + ",");
    REQUIRE(at != std::string::npos);
    return csv.substr(at, csv.find('\n', at) - at);
}

}  // namespace

TEST_CASE("villages without internet electricity mobile columns: no data, gaps not scored, until a file gives them",
          "[cli][nodata][geodata]") {
    const std::string d2009 = sharedGeodata("censusVN2009");
    if (d2009.empty()) return;
    TempDir dir;
    const std::string project = quote(dir.file("lc.gpkg"));
    REQUIRE(runGapmap("import " + project + " --as admin_units " + quote(d2009 + "/lai_chau_communes_2009_censusVN2009.geojson")).exitCode == 0);
    writeFile(dir.file("villages.csv"), kVillagesWithoutConnectivity);
    const RunResult imported = runGapmap("import " + project + " --as villages " + quote(dir.file("villages.csv")) + " --lang en");
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out + imported.err, Catch::Contains("no column electricity, mobile, internet: these stay unknown (no data)"));

    // the load record keeps the columns left out, readable in ogrinfo
    CHECK_THAT(commandOutput("ogrinfo -ro -q -sql \"SELECT missing_columns FROM table_loads WHERE table_name = 'villages'\" " + project),
               Catch::Contains("missing_columns (String) = electricity,mobile,internet"));
    const RunResult info = runGapmap("info " + project + " --lang en");
    CHECK_THAT(info.out, Catch::Contains("  internet              not given: no data"));
    CHECK_THAT(info.out, Catch::Contains("  especially_difficult  given"));
    CHECK_THAT(runGapmap("info " + project + " --format json").out,
               Catch::Contains("\"village_columns_given\":{\"electricity\":false,\"mobile\":false,\"internet\":false,\"especially_difficult\":true}"));

    // report: the three indicators are null, the area counts too; text says "chưa có dữ liệu"
    const RunResult json = runGapmap("report " + project + " --format json");
    REQUIRE(json.exitCode == 0);
    for (const char* key : {"villages_with_electricity", "villages_with_mobile_broadband", "villages_with_internet"}) {
        const size_t at = json.out.find("{\"key\":\"" + std::string(key) + "\"");
        REQUIRE(at != std::string::npos);
        CHECK_THAT(json.out.substr(at, json.out.find('}', at) - at), Catch::Contains("\"value\":null"));
    }
    CHECK_THAT(json.out, Catch::Contains("\"no_grid_electricity\":null,\"no_mobile_signal\":null,\"no_internet\":null"));
    CHECK_THAT(json.out, !Catch::Contains("\"no_internet\":0"));
    CHECK_THAT(json.out, Catch::Contains("\"especially_difficult\":1,"));  // given: province count
    const RunResult text = runGapmap("report " + project);
    CHECK_THAT(text.out, !Catch::Contains("Thôn/bản có internet                                 0"));
    const RunResult csv = runGapmap("report " + project + " --format csv --table areas");
    CHECK_THAT(csv.out, Catch::Contains("commune,3010109,Nậm Ban,30101,2,1,,,,,,,1783,,census\n"));  // no data: empty cells, not 0

    // priorities: no no_internet / no_electricity / no_mobile gap; named as not scored
    const RunResult pj = runGapmap("report " + project + " --priorities --format json --lang en");
    REQUIRE(pj.exitCode == 0);
    for (const char* gap : {"no_internet", "no_electricity", "no_mobile"}) CHECK_THAT(pj.out, !Catch::Contains("\"" + std::string(gap) + "\""));
    CHECK_THAT(pj.out, Catch::Contains("\"villages.electricity\",\"villages.mobile\",\"villages.internet\",\"outcomes\"]"));
    CHECK_THAT(pj.out, Catch::Contains("villages' electricity, villages' mobile signal, villages' internet"));
    const RunResult pc = runGapmap("report " + project + " --priorities --format csv");
    CHECK(lineCount(pc.out) == 2);  // header + V01, the one especially difficult village
    CHECK_THAT(pc.out, !Catch::Contains("no_internet"));

    // the map: villages coloured by internet are all "no data" grey; communes by no_internet_share too
    const std::string png = dir.file("internet.png");
    REQUIRE(runGapmap("render " + project + " --layers communes,internet --size 600x400 --out " + quote(png)).exitCode == 0);
    const std::string choropleth = dir.file("share.png");
    REQUIRE(runGapmap("render " + project + " --color-by no_internet_share --size 600x400 --out " + quote(choropleth)).exitCode == 0);
    const render::Image share = render::readPng(choropleth);
    int grey = 0, red = 0;
    for (int y = 0; y < share.height; ++y)
        for (int x = 0; x < share.width; ++x) {
            const uint8_t* px = share.at(x, y);
            grey += std::abs(px[0] - 0xd4) <= 2 && std::abs(px[1] - 0xd4) <= 2 && std::abs(px[2] - 0xd4) <= 2;
            red += px[0] > 150 && px[1] < 90 && px[2] < 90;
        }
    CHECK(grey > 10000);  // the communes with villages are no data, like those without
    CHECK(red == 0);      // no "100 % without internet" class anywhere

    // an edit of one village does not make the column known
    const RunResult edit = runGapmap("edit " + project + " --village V01 internet=1 --lang en");
    REQUIRE(edit.exitCode == 0);
    CHECK_THAT(edit.out, Catch::Contains("the villages file had no column internet"));
    CHECK_THAT(runGapmap("report " + project + " --format json").out, Catch::Contains("\"no_internet\":null"));

    // a villages file with the columns: the gaps and figures appear
    writeFile(dir.file("villages2.csv"), kVillagesWithConnectivity);
    REQUIRE(runGapmap("import " + project + " --as villages " + quote(dir.file("villages2.csv"))).exitCode == 0);
    const RunResult after = runGapmap("report " + project + " --priorities --format csv");
    CHECK_THAT(rowOf(after.out, "V02"), Catch::Contains("no_electricity"));
    CHECK_THAT(rowOf(after.out, "V03"), Catch::Contains("no_mobile"));
    CHECK_THAT(rowOf(after.out, "V04"), Catch::Contains("no_internet"));
    CHECK_THAT(after.out, Catch::Contains(",communication_teams;clubs;trusted_addresses;outcomes\n"));
    const RunResult afterJson = runGapmap("report " + project + " --format json");
    CHECK_THAT(afterJson.out, Catch::Contains("\"no_grid_electricity\":1,\"no_mobile_signal\":1,\"no_internet\":1"));
    const size_t at = afterJson.out.find("{\"key\":\"villages_with_internet\"");
    REQUIRE(at != std::string::npos);
    CHECK_THAT(afterJson.out.substr(at, 120), Catch::Contains("\"value\":3,"));
    CHECK_THAT(runGapmap("info " + project + " --lang en").out, Catch::Contains("  internet              given"));
}

TEST_CASE("missing village columns round-trip through the project file and the demo gives every column", "[io][nodata]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    Project p = buildDemoProject();
    CHECK(p.hasData(kVillageInternet));
    CHECK(analyseCoverage(p).data.internet);
    p.recordLoad(kVillagesTable, "villages.csv", std::int64_t(p.villages.size()), "2026-01-02T03:04:05Z", {"mobile", "internet"});
    writeProject(p, path);
    const Project back = readProject(path);
    REQUIRE(back.loadOf(kVillagesTable));
    CHECK(back.loadOf(kVillagesTable)->missingColumns == std::vector<std::string>{"mobile", "internet"});
    CHECK(back.hasData(kVillageElectricity));
    CHECK_FALSE(back.hasData(kVillageMobile));
    CHECK_FALSE(back.hasData(kVillageInternet));
    const CoverageResult c = analyseCoverage(back);
    CHECK(c.province.villages.noInternet == 0);
    CHECK(c.province.villages.noElectricity > 0);
    CHECK(unscoredTables(c) == std::vector<std::string>{kVillageMobile, kVillageInternet});
    // no villages table at all: nothing to name
    Project empty;
    CHECK(unscoredTables(analyseCoverage(empty)).size() == 4);
}
