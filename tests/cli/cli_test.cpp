// The real gapmap binary: exit codes, one-line errors, and the project file left alone.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap::test;

namespace {


// GAPMAP_LANG for the binaries this test starts (each test case runs in a process of its own).
struct LangEnv {
    explicit LangEnv(const char* value) { value ? ::setenv("GAPMAP_LANG", value, 1) : ::unsetenv("GAPMAP_LANG"); }
    ~LangEnv() { ::unsetenv("GAPMAP_LANG"); }
};

}  // namespace

TEST_CASE("help and usage errors", "[cli]") {
    CHECK(runGapmap("--help").exitCode == 0);
    for (const char* command : {"import", "report", "demo", "find"}) {
        INFO(command);
        const RunResult r = runGapmap(std::string(command) + " --help --lang en");
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
    const RunResult units = runGapmap("--lang en import " + quote(project) + " --as admin_units " + quote(writeTestAdminUnits(dir.file("u.geojson"))));
    REQUIRE(units.exitCode == 0);
    CHECK_THAT(units.out, Catch::Contains("4 rows read, 4 imported, 4 matched, 0 not imported"));
    writeFile(dir.file("v.csv"), "code,name,xa,lon,lat\nV1,Huổi Ho,Nậm Ban,103.05,22.05\nV2,Nà Lại,Xã Không Có,103.15,22.05\n");
    const RunResult villages = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("v.csv")) + " --lang=en");
    REQUIRE(villages.exitCode == 0);
    CHECK_THAT(villages.out, Catch::Contains("2 rows read, 1 imported, 1 matched, 1 not imported"));
    CHECK_THAT(villages.out, Catch::Contains("v.csv: line 3: no commune named \"Xã Không Có\""));
    const RunResult vi = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("v.csv")) + " --lang vi");
    REQUIRE(vi.exitCode == 0);
    CHECK_THAT(vi.out, Catch::Contains("đã đọc 2 dòng, đã nhập 1, ghép được 1, không nhập 1"));
    CHECK_THAT(vi.out, Catch::Contains("không nhập: " + dir.file("v.csv") + ": dòng 3: không có xã nào tên \"Xã Không Có\""));
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
        const RunResult r = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file(c.file)) + " --lang en");
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
    const RunResult first = runGapmap("demo " + quote(out) + " --lang en");
    REQUIRE(first.exitCode == 0);
    CHECK_THAT(first.out, Catch::Contains("SYNTHETIC"));
    const std::string bytes = readFile(out);
    const RunResult second = runGapmap("demo " + quote(out) + " --lang en");
    CHECK(second.exitCode == 1);
    CHECK_THAT(second.err, Catch::Contains("already exists"));
    const RunResult secondVi = runGapmap("demo " + quote(out) + " --lang vi");
    CHECK(secondVi.err == "gapmap: " + out + ": tệp đã có; thêm --force để thay bằng tỉnh mẫu\n");
    CHECK(readFile(out) == bytes);
    const RunResult report = runGapmap("report " + quote(out) + " --format csv --table indicators");
    REQUIRE(report.exitCode == 0);
    CHECK_THAT(report.out, Catch::Contains("communication_teams,Tổ truyền thông cộng đồng,540,540,2025,100%"));
    const RunResult reportEn = runGapmap("report " + quote(out) + " --format csv --table indicators --lang en");
    CHECK_THAT(reportEn.out, Catch::Contains("communication_teams,Community communication teams,540,540,2025,100%"));
}

TEST_CASE("messages in Vietnamese by default, in English with --lang en or GAPMAP_LANG", "[cli][i18n]") {
    const LangEnv unset(nullptr);
    CHECK_THAT(runGapmap("import --help").out, Catch::StartsWith("Cách dùng: gapmap import PROJECT.gpkg --as TABLE FILE"));
    CHECK_THAT(runGapmap("--lang en import --help").out, Catch::StartsWith("usage: gapmap import PROJECT.gpkg --as TABLE FILE"));
    CHECK_THAT(runGapmap("--help").out, Catch::Contains("Cách dùng: gapmap [[open] PROJECT.gpkg]"));
    CHECK_THAT(runGapmap("find --help").out, Catch::Contains("gõ có dấu hay không dấu"));
    CHECK_THAT(runGapmap("demo --help").out, Catch::Contains("dữ liệu TỔNG HỢP"));
    const RunResult unknown = runGapmap("frobnicate");
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err == "gapmap: không có lệnh \"frobnicate\" (xem gapmap --help)\n");
    CHECK(runGapmap("frobnicate --lang en").err == "gapmap: unknown command \"frobnicate\" (see gapmap --help)\n");
    const RunResult badLang = runGapmap("import --help --lang fr");
    CHECK(badLang.exitCode == 2);
    CHECK(badLang.err == "gapmap: --lang fr: hãy dùng vi hoặc en (xem gapmap --help)\n");
    CHECK(runGapmap("import --help --lang").exitCode == 2);

    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(runGapmap("import " + quote(project) + " --as admin_units " + quote(writeTestAdminUnits(dir.file("u.geojson")))).exitCode == 0);
    writeFile(dir.file("bad.csv"), "code,name,commune_code,Dân số\nV7,Nà Lại,00101,mười\n");
    const RunResult bad = runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("bad.csv")));
    CHECK(bad.exitCode == 1);
    CHECK(bad.err == "gapmap: " + dir.file("bad.csv") + ": dòng 2, cột \"Dân số\": \"mười\" không phải là số nguyên\n");
    {
        const LangEnv english("en_GB.UTF-8");
        CHECK(runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("bad.csv"))).err ==
              "gapmap: " + dir.file("bad.csv") + ": line 2, column \"Dân số\": \"mười\" is not a whole number\n");
        CHECK_THAT(runGapmap("--lang vi import --help").out, Catch::StartsWith("Cách dùng:"));  // --lang wins
    }
    const LangEnv wrong("fr");
    CHECK(runGapmap("import --help").exitCode == 2);
    CHECK(runGapmap("import --help --lang en").exitCode == 0);
}

TEST_CASE("report: help, usage errors and priority reasons in Vietnamese by default, English with --lang en", "[cli][i18n][priorities]") {
    const LangEnv unset(nullptr);
    CHECK_THAT(runGapmap("report --help").out, Catch::StartsWith("Cách dùng: gapmap report [PROJECT.gpkg]"));
    CHECK_THAT(runGapmap("report --help --lang en").out, Catch::StartsWith("usage: gapmap report [PROJECT.gpkg]"));
    CHECK_THAT(runGapmap("render --help").out, Catch::StartsWith("Cách dùng: gapmap render [PROJECT.gpkg]"));
    CHECK(runGapmap("report --format xml").err == "gapmap: --format xml: hãy dùng text, csv hoặc json (xem gapmap --help)\n");
    CHECK(runGapmap("report --format xml --lang en").err == "gapmap: --format xml: use text, csv or json (see gapmap --help)\n");
    CHECK(runGapmap("report --priorities --top x").err == "gapmap: --top cần số thôn bản (0: tất cả) (xem gapmap --help)\n");

    const RunResult vi = runGapmap("report --priorities --format csv");
    REQUIRE(vi.exitCode == 0);
    CHECK_THAT(vi.out, Catch::Contains("chưa có tổ truyền thông +"));
    CHECK_THAT(vi.out, Catch::Contains("Địa chỉ tin cậy gần nhất "));
    CHECK_THAT(vi.out, !Catch::Contains("nearest Trusted Address") && !Catch::Contains("no team +"));
    CHECK_THAT(vi.out, Catch::StartsWith("rank,village_code,village_name,commune_code,commune_name,population,score,gaps,reasons,"));
    const RunResult en = runGapmap("report --priorities --format csv --lang en");
    REQUIRE(en.exitCode == 0);
    CHECK_THAT(en.out, Catch::Contains("no team +") && Catch::Contains("nearest Trusted Address "));
    CHECK_THAT(en.out, !Catch::Contains("Địa chỉ tin cậy gần nhất"));

    const RunResult text = runGapmap("report --priorities --top 3");
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("DỮ LIỆU MẪU TỔNG HỢP") && Catch::Contains("Thôn bản ưu tiên: ") &&
                             Catch::Contains("hạng  điểm") && Catch::Contains("(--top 0 để liệt kê tất cả)"));
    const RunResult textEn = runGapmap("report --priorities --top 3 --lang en");
    CHECK_THAT(textEn.out, Catch::Contains("SYNTHETIC") && Catch::Contains("Priority villages: ") &&
                               Catch::Contains("rank  score") && Catch::Contains("(--top 0 lists all)"));
}
