// `gapmap set` and `gapmap edit` (app/cli/cmd_edit.cpp) through the real binary: exit 0 and the
// change on disk; usage errors exit 2; bad codes, fields and values one line, exit 1, file untouched.
#include <catch2/catch.hpp>

#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

TEST_CASE("gapmap set and edit change the project in place", "[cli][edits]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project before = readProject(path);
    const std::string code = before.villages[5].code;

    const RunResult set = runGapmap("set " + quote(path) + " 'title=Tỉnh mẫu 2025' weight.no_internet=2.5 --lang en");
    CHECK(set.exitCode == 0);
    CHECK_THAT(set.out, Catch::Contains("2 change(s) saved"));
    const RunResult edit = runGapmap("edit " + quote(path) + " --village " + code + " mobile=3g internet=có population=1.500");
    CHECK(edit.exitCode == 0);
    const Project after = readProject(path);
    CHECK(after.settingOr("title", "") == "Tỉnh mẫu 2025");
    CHECK(after.settingOr("weight.no_internet", "") == "2.5");
    CHECK(after.synthetic());  // merged, not replaced
    for (const Village& v : after.villages) {
        if (v.code != code) continue;
        CHECK(v.mobile == Mobile::G3);
        CHECK(v.internet);
        CHECK(v.population == 1500);
    }
    // The report reads the new weight.
    const RunResult report = runGapmap("report " + quote(path) + " --priorities --format csv");
    CHECK(report.exitCode == 0);

    for (const char* command : {"set", "edit"}) {
        const RunResult help = runGapmap(std::string(command) + " --help --lang en");
        CHECK(help.exitCode == 0);
        CHECK_THAT(help.out, Catch::Contains(std::string("usage: gapmap ") + command));
    }
}

TEST_CASE("gapmap set and edit refuse bad input without touching the project", "[cli][edits]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    REQUIRE(runGapmap("set " + quote(path) + " note=x").exitCode == 0);
    const std::string bytes = readFile(path);
    const std::string code = readProject(path).villages[0].code;
    const std::string p = quote(path);

    // Usage errors: exit 2.
    for (const std::string& args : {"set " + p, "set " + p + " justakey", "set " + p + " =value", "edit " + p + " mobile=4g",
                                    "edit " + p + " --village", "edit " + p + " --village " + code}) {
        INFO(args);
        const RunResult r = runGapmap(args);
        CHECK(r.exitCode == 2);
        CHECK(lineCount(r.err) == 1);
    }
    // Bad codes, fields and values: exit 1, one line naming what is wrong.
    const std::pair<std::string, std::string> bad[] = {
        {"edit " + p + " --village 0000000 mobile=4g", "0000000"},
        {"edit " + p + " --village " + code + " mobile=5x", "5x"},
        {"edit " + p + " --village " + code + " name=Bản", "name"},
        {"edit " + p + " --village " + code + " population=-1", "-1"},
        {"edit " + p + " --village " + code + " mobile=4g population=nhiều", "nhiều"},
        {"set " + p + " weight.no_team=heavy", "weight.no_team"},
        {"set " + p + " coverage.ta_radius_km=-5", "coverage.ta_radius_km"},
        {"set " + p + " confidentiality.k=1", "confidentiality.k"},
        {"set " + quote(dir.file("absent.gpkg")) + " title=x", "absent.gpkg"},
    };
    for (const auto& [args, named] : bad) {
        INFO(args);
        const RunResult r = runGapmap(args);
        CHECK(r.exitCode == 1);
        CHECK(lineCount(r.err) == 1);
        CHECK_THAT(r.err, Catch::Contains(named));
    }
    CHECK(readFile(path) == bytes);
}
