// Edits in place (app/io/project_edits.cpp): one transaction each, all or nothing, the GeoPackage
// still valid for GDAL, and the whole-file writer never letting an old -wal file meet a new project.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <filesystem>

#include "core/errors.h"
#include "io/project_edits.h"
#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// A writer killed right after COMMIT: a child process commits an edit with sqlite3 in WAL mode
// and exits without closing, so PATH-wal keeps the committed change un-checkpointed.
void commitAndDie(const std::string& path, const std::string& sql) {
    const pid_t pid = fork();
    if (pid == 0) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;", nullptr, nullptr, nullptr);
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
        _exit(rc == SQLITE_OK ? 0 : 1);  // no sqlite3_close: no checkpoint, as after kill -9
    }
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
}

}  // namespace

TEST_CASE("village and settings edits commit in one transaction and GDAL reads the file", "[io][edits]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project before = readProject(path);
    const std::string code = before.villages[3].code;
    commitEdits(path, {villageEdit(code, "mobile", "2G"), villageEdit(code, "population", "1.234"),
                       villageEdit(code, "internet", "không"), villageEdit(code, "electricity", "offgrid"),
                       villageEdit(code, "especially_difficult", "có"), settingEdit("title", "Tỉnh mẫu (đã sửa)"),
                       settingEdit("data_as_of", "2025-06-30")});
    const Project after = readProject(path);
    const Village& v = *after.findVillage(code);
    CHECK(v.mobile == Mobile::G2);
    CHECK(v.population == 1234);
    CHECK_FALSE(v.internet);
    CHECK(v.electricity == Electricity::Offgrid);
    CHECK(v.especiallyDifficult);
    CHECK(v.location->lonDeg == before.findVillage(code)->location->lonDeg);  // geometry untouched
    CHECK(after.settingOr("title", "") == "Tỉnh mẫu (đã sửa)");
    CHECK(after.settingOr("data_as_of", "") == "2025-06-30");
    CHECK(after.synthetic());  // merged: the other keys stay
    CHECK(after.settings.size() == before.settings.size() + (before.settingOr("data_as_of", "").empty() ? 1 : 0));
    CHECK(after.villages.size() == before.villages.size());
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));  // checkpointed when the edit closed the file
    CHECK(ogrinfoReads(path));

    // Population back to unknown, a settings key removed.
    commitEdits(path, {villageEdit(code, "population", ""), settingEdit("data_as_of", std::nullopt)});
    CHECK_FALSE(readProject(path).findVillage(code)->population);
    CHECK(readProject(path).settingOr("data_as_of", "(none)") == "(none)");
}

TEST_CASE("a refused edit leaves the file byte for byte as it was", "[io][edits]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    commitEdits(path, {settingEdit("title", "A")});  // the file is in WAL mode from here on
    const std::string bytes = readFile(path);
    const std::string code = readProject(path).villages[0].code;
    // The first edit is fine, the second names no village: neither is written.
    CHECK_THROWS_WITH(commitEdits(path, {villageEdit(code, "mobile", "none"), villageEdit("9999999", "mobile", "none")}),
                      Catch::Contains("9999999") && Catch::Contains(path));
    CHECK_THROWS_AS(commitEdits(path, {settingEdit("title", "B"), settingEdit("weight.no_team", "-1")}), InputError);
    CHECK_THROWS_AS(commitEdits(path, {settingEdit("coverage.no_such_rule", "1")}), InputError);
    CHECK(readFile(path) == bytes);
    CHECK(readProject(path).settingOr("title", "") == "A");

    CHECK_THROWS_WITH(villageEdit(code, "name", "x"), Catch::Contains("name") && Catch::Contains("electricity"));
    CHECK_THROWS_WITH(villageEdit(code, "electricity", "solar"), Catch::Contains("solar") && Catch::Contains("offgrid"));
    CHECK_THROWS_AS(villageEdit(code, "population", "-3"), InputError);
    CHECK_THROWS_AS(villageEdit(code, "population", "12,5"), InputError);
    CHECK_THROWS_AS(villageEdit(code, "internet", "maybe"), InputError);
    CHECK_THROWS_AS(settingEdit("", "x"), InputError);

    // Not a project, or no file at all: refused, and no file is created.
    writeFile(dir.file("notes.gpkg"), "not a database at all, just text that is long enough to be read as a header.....");
    CHECK_THROWS_AS(commitEdits(dir.file("notes.gpkg"), {settingEdit("title", "x")}), InputError);
    CHECK_THROWS_WITH(commitEdits(dir.file("missing.gpkg"), {settingEdit("title", "x")}), Catch::Contains("missing.gpkg"));
    CHECK_FALSE(std::filesystem::exists(dir.file("missing.gpkg")));
}

TEST_CASE("committed WAL content is read, and folded before a whole-file write replaces the file", "[io][edits][wal]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project demo = readProject(path);
    const std::string code = demo.villages[0].code;
    // A committed edit left only in p.gpkg-wal, as a kill -9 right after COMMIT leaves it.
    commitAndDie(path, "UPDATE settings SET value = 'from the WAL' WHERE key = 'title'");
    REQUIRE(std::filesystem::exists(path + "-wal"));
    Project now = readProject(path);  // GDAL sees the committed edit
    CHECK(now.settingOr("title", "") == "from the WAL");
    CHECK(ogrinfoReads(path));

    // readProject folded that WAL into the file (GDAL's read-only open could not recover it).
    // Another committed edit left in a WAL; then the whole-file writer (import, Save as) writes a
    // new file: the old -wal must not survive it, or SQLite would apply the old file's pages to the new one.
    commitAndDie(path, "UPDATE settings SET value = 'second' WHERE key = 'title'");
    REQUIRE(std::filesystem::exists(path + "-wal"));
    now.villages.erase(now.villages.begin() + 1, now.villages.begin() + 3);
    now.villages[0].population = 888;
    now.setSetting("title", "rewritten");
    writeProject(now, path);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    const Project reread = readProject(path);
    CHECK(reread.villages.size() == demo.villages.size() - 2);
    CHECK(reread.findVillage(code)->population == 888);
    CHECK(reread.settingOr("title", "") == "rewritten");
    CHECK(ogrinfoReads(path));

    // An edit after the rewrite works on the new file.
    commitEdits(path, {villageEdit(code, "population", "999")});
    CHECK(readProject(path).findVillage(code)->population == 999);
}

TEST_CASE("import --as settings merges keys instead of replacing the table", "[io][edits][import]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const std::string title = readProject(path).settingOr("title", "");
    REQUIRE_FALSE(title.empty());
    writeFile(dir.file("s.csv"), "key,value\nweight.no_team,4\nnote,imported\n");
    REQUIRE(runGapmap("import " + quote(path) + " --as settings " + quote(dir.file("s.csv"))).exitCode == 0);
    const Project p = readProject(path);
    CHECK(p.settingOr("weight.no_team", "") == "4");
    CHECK(p.settingOr("note", "") == "imported");
    CHECK(p.settingOr("title", "") == title);
    CHECK(p.synthetic());
}

namespace {

// One integer column of commune_summary for one commune, read with sqlite3 (-1: no such row).
long long summaryValue(const std::string& path, const std::string& column, const std::string& commune) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT \"" + column + "\" FROM commune_summary WHERE code = ?1").c_str(), -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, commune.c_str(), -1, SQLITE_TRANSIENT);
    const long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

}  // namespace

TEST_CASE("an edit refreshes the commune summary QGIS draws, only where it changed", "[io][edits][qgis]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project p = readProject(path);
    // The commune with the most villages without internet, and another commune.
    std::map<std::string, int> without, total;
    for (const Village& v : p.villages) { total[v.communeCode]++; without[v.communeCode] += !v.internet; }
    const auto most = std::max_element(without.begin(), without.end(), [](auto& a, auto& b) { return a.second < b.second; });
    const std::string commune = most->first;
    REQUIRE(most->second > 0);
    std::string other;
    for (const auto& [code, n] : without) if (code != commune && n > 0) { other = code; break; }
    REQUIRE(!other.empty());
    CHECK(summaryValue(path, "no_internet", commune) == most->second);  // counted by hand above
    CHECK(summaryValue(path, "villages", commune) == total[commune]);
    const long long otherBefore = summaryValue(path, "no_internet", other);
    CHECK(otherBefore == without[other]);

    std::vector<FieldEdit> edits;
    for (const Village& v : p.villages)
        if (v.communeCode == commune && !v.internet) edits.push_back(villageEdit(v.code, "internet", "có"));
    commitEdits(path, edits);
    CHECK(summaryValue(path, "no_internet", commune) == 0);
    CHECK(summaryValue(path, "villages", commune) == total[commune]);
    CHECK(summaryValue(path, "no_internet", other) == otherBefore);
    CHECK(ogrinfoReads(path));

    // A settings edit: a Trusted Address radius covering the whole province reaches every located village.
    long long located = 0;
    for (const Village& v : p.villages) located += v.communeCode == commune && v.location.has_value();
    const long long reachedBefore = summaryValue(path, "ta_reached", commune);
    commitEdits(path, {settingEdit("coverage.ta_radius_km", "500")});
    const long long reachedAfter = summaryValue(path, "ta_reached", commune);
    CHECK(reachedAfter >= reachedBefore);
    CHECK(reachedAfter == located);
}

TEST_CASE("a writer killed mid-transaction leaves a hot rollback journal: the project reads as it was", "[io][edits][wal]") {
    // The first edit after a whole-file write switches the file into WAL mode through a rollback
    // journal; killed there, it leaves PATH-journal, which a read-only connection cannot roll back
    // ("attempt to write a readonly database"). Made here by a child that spills an uncommitted
    // change into the file (cache of one page) and exits without COMMIT or close.
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project before = readProject(path);
    const pid_t pid = fork();
    if (pid == 0) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        const int rc = sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA cache_size=1; BEGIN; "
                                        "UPDATE communication_teams SET members = 7777, channel = 'half';", nullptr, nullptr, nullptr);
        _exit(rc == SQLITE_OK ? 0 : 1);  // no COMMIT, no close: as after kill -9
    }
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    REQUIRE(std::filesystem::file_size(path + "-journal") > 0);  // the journal is hot
    const Project after = readProject(path);
    REQUIRE(after.teams.size() == before.teams.size());
    REQUIRE(!after.teams.empty());
    for (size_t i = 0; i < after.teams.size(); ++i) {
        CHECK(after.teams[i].members == before.teams[i].members);
        CHECK(after.teams[i].channel == before.teams[i].channel);
    }
    CHECK_FALSE(std::filesystem::exists(path + "-journal"));  // rolled back
}
