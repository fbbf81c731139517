// The real gapmap binary: exit codes, one-line errors, and the project file left alone.
#include <catch2/catch.hpp>

#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap::test;

namespace {

size_t lineCount(const std::string& text) {
    size_t n = 0;
    for (char c : text) n += c == '\n';
    return n;
}

}  // namespace

TEST_CASE("help and usage errors", "[cli]") {
    CHECK(runGapmap("--help").exitCode == 0);
    for (const char* command : {"import", "report", "demo"}) {
        INFO(command);
        const RunResult r = runGapmap(std::string(command) + " --help");
        CHECK(r.exitCode == 0);
        CHECK_THAT(r.out, Catch::Contains(std::string("usage: gapmap ") + command));
    }
    const RunResult unknown = runGapmap("frobnicate");
    CHECK(unknown.exitCode == 2);
    CHECK(lineCount(unknown.err) == 1);
    CHECK(runGapmap("import only-one-arg.gpkg").exitCode == 2);
    CHECK(runGapmap("report --format xml").exitCode == 2);
    CHECK(runGapmap("report --bogus").exitCode == 2);
}

TEST_CASE("import through the binary prints the row accounting", "[cli][import]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    const RunResult units = runGapmap("import " + quote(project) + " --as admin_units " + quote(writeTestAdminUnits(dir.file("u.geojson"))));
    REQUIRE(units.exitCode == 0);
    CHECK_THAT(units.out, Catch::Contains("4 rows read, 4 imported, 4 matched, 0 not imported"));
    writeFile(dir.file("v.csv"), "code,name,xa,lon,lat\nV1,Huổi Ho,Nậm Ban,103.05,22.05\nV2,Nà Lại,Xã Không Có,103.15,22.05\n");
    const RunResult villages = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("v.csv")));
    REQUIRE(villages.exitCode == 0);
    CHECK_THAT(villages.out, Catch::Contains("2 rows read, 1 imported, 1 matched, 1 not imported"));
    CHECK_THAT(villages.out, Catch::Contains("v.csv: line 3: no commune named \"Xã Không Có\""));
}

TEST_CASE("bad input: one line on stderr, exit 1, project file untouched", "[cli][import][errors]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(runGapmap("import " + quote(project) + " --as admin_units " + quote(writeTestAdminUnits(dir.file("u.geojson")))).exitCode == 0);
    REQUIRE(runGapmap("import " + quote(project) + " --as villages " + quote(writeTestVillagesCsv(dir.file("v.csv")))).exitCode == 0);
    const std::string before = readFile(project);
    writeFile(dir.file("text.csv"), "code,name,commune_code,population\nV7,Nà Lại,00101,nhiều\n");
    writeFile(dir.file("trunc.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
    writeFile(dir.file("nocol.csv"), "ma_so,ten\n1,A\n");
    writeFile(dir.file("weird.xyz"), "\x01\x02\x03 binary junk");
    struct Case { std::string file, expect; };
    for (const Case& c : std::vector<Case>{
             {"text.csv", "text.csv: line 2, column \"population\": \"nhiều\" is not a whole number"},
             {"trunc.geojson", "trunc.geojson: "},
             {"nocol.csv", "nocol.csv: missing column \"code\""},
             {"weird.xyz", "weird.xyz: "},
             {"missing.csv", "missing.csv: no such file"}}) {
        INFO(c.file);
        const RunResult r = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file(c.file)));
        CHECK(r.exitCode == 1);
        CHECK(lineCount(r.err) == 1);
        CHECK_THAT(r.err, Catch::Contains(c.expect));
        CHECK(readFile(project) == before);
    }
    double x = 0, y = 0;
    projectPoint(9205, 103.05, 22.05, x, y);
    writeVectorFile(dir.file("noprj.shp"), "ESRI Shapefile", 0, "point", {"code", "name"},
                    {{{"V9", "Nà Lại"}, "POINT (" + std::to_string(x) + " " + std::to_string(y) + ")"}}, {"ENCODING=UTF-8"});
    const RunResult noCrs = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("noprj.shp")));
    CHECK(noCrs.exitCode == 1);
    CHECK_THAT(noCrs.err, Catch::Contains("noprj.shp") && Catch::Contains("--crs"));
    CHECK(readFile(project) == before);
    const RunResult unknownTable = runGapmap("import " + quote(project) + " --as people " + quote(dir.file("text.csv")));
    CHECK(unknownTable.exitCode == 2);
    CHECK(readFile(project) == before);
}

TEST_CASE("demo writes a project and refuses to overwrite one", "[cli][demo]") {
    TempDir dir;
    const std::string out = dir.file("demo.gpkg");
    const RunResult first = runGapmap("demo " + quote(out));
    REQUIRE(first.exitCode == 0);
    CHECK_THAT(first.out, Catch::Contains("SYNTHETIC"));
    const std::string bytes = readFile(out);
    const RunResult second = runGapmap("demo " + quote(out));
    CHECK(second.exitCode == 1);
    CHECK_THAT(second.err, Catch::Contains("already exists"));
    CHECK(readFile(out) == bytes);
    const RunResult report = runGapmap("report " + quote(out) + " --format csv --table indicators");
    REQUIRE(report.exitCode == 0);
    CHECK_THAT(report.out, Catch::Contains("communication_teams,Community communication teams,540,540,2025,100%"));
}
