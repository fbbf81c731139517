// gapmap import straight into a project on a server (issue #16, io/pg_import.h), `set` with its
// row-version check, and publish cleaning up after a killed publish — against a real PostgreSQL 15 +
// PostGIS 3 cluster (tests/support/pg_cluster.h), through the real binary and plain psql.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/project_edit.h"
#include "io/importer.h"
#include "io/pg_address.h"
#include "io/pg_import.h"
#include "io/pg_project.h"
#include "io/project_file.h"
#include "support/pg_cluster.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// The demo published (the file kept beside it), with login roles of each group.
struct Province {
    PgCluster pg;
    TempDir dir;
    std::string file;
    Province() {
        file = writeDemoProject(dir);
        const RunResult r = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()));
        if (r.exitCode != 0) throw std::runtime_error("publish failed: " + r.err);
        pg.createLogin("editor", "gapmap_editor");
        pg.createLogin("viewer", "gapmap_viewer");
        pg.createLogin("officer", "gapmap_protection");
    }
    std::string server(const std::string& sql) { return pg.sql(sql); }
    // A CSV written by the server itself (COPY … TO STDOUT CSV HEADER).
    std::string csv(const std::string& name, const std::string& select) {
        const std::string path = dir.file(name);
        writeFile(path, pg.sql("COPY (" + select + ") TO STDOUT WITH CSV HEADER") + "\n");
        return path;
    }
    RunResult import(const std::string& role, const std::string& table, const std::string& path) {
        return runGapmap("import " + quote(pg.address(role)) + " --as " + table + " " + quote(path) + " --lang en");
    }
};

const char* kVillagesCsv =
    "SELECT code, name, commune_code, population, households, ethnic_group, especially_difficult::int AS especially_difficult, "
    "CASE WHEN gid <= 10 THEN CASE WHEN electricity = 'none' THEN 'grid' ELSE 'none' END ELSE electricity END AS electricity, "
    "mobile, internet::int AS internet, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM gapmap.villages WHERE gid <> 1000 ORDER BY gid";

}  // namespace

TEST_CASE("An import into the server applies only what changed, in one transaction, and reports as the file does", "[pg][import]") {
    Province p;
    // Every village but one, ten with another electricity value.
    const std::string villages = p.csv("villages.csv", kVillagesCsv);
    const std::string logBefore = p.server("SELECT count(*) FROM gapmap.change_log WHERE table_name = 'villages'");
    REQUIRE(logBefore == "0");
    const RunResult r = p.import(PgCluster::kAdmin, "villages", villages);
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("0 rows added, 10 changed, 1 removed") != std::string::npos);
    // Only the ten changed rows carry a new version; the removed one is gone; the triggers logged exactly that.
    CHECK(p.server("SELECT count(*) FROM gapmap.villages WHERE row_version > 1") == "10");
    CHECK(p.server("SELECT count(*) FROM gapmap.villages") == "999");
    CHECK(p.server("SELECT string_agg(op || count, ' ' ORDER BY op) FROM (SELECT op, count(*) FROM gapmap.change_log "
                   "WHERE table_name = 'villages' GROUP BY op) c") == "D1 U10");
    CHECK(p.server("SELECT source_file FROM gapmap.table_loads WHERE table_name = 'villages'") == villages);
    CHECK(p.server("SELECT count(*) FROM gapmap.row_sources WHERE table_name = 'villages' AND source_file = '" + villages + "'") == "999");

    // The same import into the file gives the same report as the server's.
    REQUIRE(runGapmap("import " + quote(p.file) + " --as villages " + quote(villages)).exitCode == 0);
    for (const char* args : {"--format csv --table indicators", "--priorities --format csv"}) {
        INFO(args);
        CHECK(runGapmap("report " + quote(p.pg.address()) + " " + args).out == runGapmap("report " + quote(p.file) + " " + args).out);
    }
    // Imported again unchanged: nothing to write but the load record.
    const RunResult again = p.import(PgCluster::kAdmin, "villages", villages);
    CHECK(again.out.find("0 rows added, 0 changed, 0 removed") != std::string::npos);
    CHECK(p.server("SELECT count(*) FROM gapmap.villages WHERE row_version > 1") == "10");

    // A refused import (a row without a commune the project has) changes nothing.
    writeFile(p.dir.file("bad.csv"), "code,name,commune_code\nX1,Bản X,00000\nX2,Bản Y,00000\n");
    const std::string log = p.server("SELECT count(*) FROM gapmap.change_log");
    CHECK(p.import(PgCluster::kAdmin, "villages", p.dir.file("bad.csv")).exitCode == 1);
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == log);
}

TEST_CASE("An import is refused whole when a row it read was changed on the server meanwhile", "[pg][import]") {
    Province p;
    const std::string clubs = p.csv("clubs.csv", "SELECT code, name || ' (mới)' AS name, commune_code, village_code, established, members FROM gapmap.clubs");
    const std::string log = p.server("SELECT count(*) FROM gapmap.change_log");
    // Someone edits a club between the import's read and its write. Meanwhile the import's temporary
    // project file lies in a folder only this user reads, and holds no Trusted Address (clubs are imported).
    std::vector<std::string> tempFiles;
    size_t trustedInTemp = 99;
    setImportAfterReadHookForTests([&] {
        for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
            if (e.path().filename().string().rfind("gapmap-import-", 0) == 0 && std::filesystem::exists(e.path() / "project.gpkg")) {
                tempFiles.push_back(e.path().string());
                CHECK((std::filesystem::status(e.path()).permissions() & std::filesystem::perms::all) == std::filesystem::perms::owner_all);
                trustedInTemp = readProject((e.path() / "project.gpkg").string()).trustedAddresses.size();
            }
        p.server("UPDATE gapmap.clubs SET members = members + 1 WHERE code = 'CLB02'");
    });
    ImportRequest request;
    request.table = "clubs";
    request.file = clubs;
    std::string message;
    try {
        importIntoServer(parseServerAddress(p.pg.address()), request);
    } catch (const InputError& e) {
        message = e.what();
    }
    setImportAfterReadHookForTests({});
    CHECK(tempFiles.size() == 1);
    CHECK(trustedInTemp == 0);
    CHECK_FALSE(std::filesystem::exists(tempFiles.at(0)));  // removed, refused import or not
    CHECK(message.find("CLB02") != std::string::npos);
    CHECK(message.find(tr("pg.import.error.changed", {"", "clubs", "CLB02", "2", PgCluster::kAdmin}).substr(2)) != std::string::npos);
    // Nothing of the import was applied: only the other edit is in the log.
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == std::to_string(std::stoi(log) + 1));
    CHECK(p.server("SELECT count(*) FROM gapmap.clubs WHERE name LIKE '%(mới)'") == "0");
    // Run again, it goes through.
    CHECK(p.import(PgCluster::kAdmin, "clubs", clubs).exitCode == 0);
    CHECK(p.server("SELECT count(*) FROM gapmap.clubs WHERE name LIKE '%(mới)'") == p.server("SELECT count(*) FROM gapmap.clubs"));
}

TEST_CASE("Import roles: a viewer is refused, Trusted Addresses only as gapmap_protection, an editor within its communes", "[pg][import]") {
    Province p;
    const std::string clubs = p.csv("clubs.csv", "SELECT code, name, commune_code, village_code, established, members + 1 AS members FROM gapmap.clubs");
    const std::string log = p.server("SELECT count(*) FROM gapmap.change_log");

    const RunResult viewer = p.import("viewer", "clubs", clubs);
    CHECK(viewer.exitCode == 1);
    CHECK(viewer.err.find("role viewer may not change table clubs") != std::string::npos);

    const std::string addresses = p.csv("ta.csv", "SELECT code, name, commune_code, village_code, established, services, active::int AS active, "
                                                  "ST_X(geom) AS lon, ST_Y(geom) AS lat FROM gapmap.trusted_addresses WHERE gid > 1");
    const RunResult editorTa = p.import("editor", "trusted_addresses", addresses);
    CHECK(editorTa.exitCode == 1);
    CHECK(editorTa.err.find("role editor may not change table trusted_addresses") != std::string::npos);
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == log);

    // The protection officer may: one address fewer.
    const RunResult officer = p.import("officer", "trusted_addresses", addresses);
    INFO(officer.err);
    CHECK(officer.exitCode == 0);
    CHECK(p.server("SELECT count(*) FROM gapmap.trusted_addresses") == "49");

    // An editor limited to one commune: rows of other communes are refused, nothing applied.
    REQUIRE(runGapmap("db grant " + quote(p.pg.address()) + " editor --communes 99101").exitCode == 0);
    const std::string before = p.server("SELECT count(*) FROM gapmap.change_log");
    const RunResult limited = p.import("editor", "clubs", clubs);
    CHECK(limited.exitCode == 1);
    CHECK(limited.err.find("row-level security") != std::string::npos);
    CHECK(limited.err.find("nothing was imported") != std::string::npos);
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == before);
    // Unlimited again, the editor's import goes through.
    REQUIRE(runGapmap("db grant " + quote(p.pg.address()) + " editor --communes ''").exitCode == 0);
    const RunResult editor = p.import("editor", "clubs", clubs);
    INFO(editor.err);
    CHECK(editor.exitCode == 0);
    CHECK(p.server("SELECT count(*) FROM gapmap.clubs WHERE row_version = 2") == p.server("SELECT count(*) FROM gapmap.clubs"));
}

TEST_CASE("An offline copy made before an import on the server holds the imported rows after sync", "[pg][import][sync]") {
    Province p;
    const std::string copy = p.dir.file("copy.gpkg");
    REQUIRE(runGapmap("checkout " + quote(p.pg.address("editor")) + " --out " + quote(copy)).exitCode == 0);
    const size_t clubsBefore = readProject(copy).clubs.size();
    writeFile(p.dir.file("more.csv"), p.server("COPY (SELECT code, name, commune_code, village_code, established, members FROM gapmap.clubs) TO STDOUT WITH CSV HEADER") +
                                          "\nCLB900,CLB mới bản Pậu Pheo,99101,9910106,2026-11-30,12\n");
    REQUIRE(p.import(PgCluster::kAdmin, "clubs", p.dir.file("more.csv")).exitCode == 0);
    const RunResult s = runGapmap("sync " + quote(copy));
    INFO(s.err);
    REQUIRE(s.exitCode == 0);
    const Project after = readProject(copy);
    CHECK(after.clubs.size() == clubsBefore + 1);
    bool found = false;
    for (const Club& c : after.clubs) found = found || (c.code == "CLB900" && c.members == 12);
    CHECK(found);
    CHECK(after.loadOf("clubs")->sourceFile == p.dir.file("more.csv"));
}

TEST_CASE("set on a server is checked against the row version read, as edit is", "[pg][import]") {
    Province p;
    const ServerAddress at = parseServerAddress(p.pg.address());
    const std::string key = p.server("SELECT key FROM gapmap.settings ORDER BY gid LIMIT 1");
    const std::string value = p.server("SELECT value FROM gapmap.settings WHERE key = '" + key + "'");
    (void)readServerProject(at);  // as the app: the version the user saw
    p.server("UPDATE gapmap.settings SET value = value WHERE key = '" + key + "'");  // someone else saves it meanwhile
    std::string message;
    try {
        commitServerEdits(at, {settingEdit(key, value)});
    } catch (const InputError& e) {
        message = e.what();
    }
    CHECK(message.find(tr("pg.error.setting_changed", {"", key, "2", PgCluster::kAdmin}).substr(2)) != std::string::npos);
    CHECK(p.server("SELECT row_version FROM gapmap.settings WHERE key = '" + key + "'") == "2");
    // Read again, it saves; the command line reads and writes in one transaction.
    (void)readServerProject(at);
    commitServerEdits(at, {settingEdit(key, value)});
    CHECK(p.server("SELECT row_version FROM gapmap.settings WHERE key = '" + key + "'") == "3");
    const RunResult set = runGapmap("set " + quote(p.pg.address()) + " " + quote(key + "=" + value));
    INFO(set.err);
    CHECK(set.exitCode == 0);
    CHECK(p.server("SELECT row_version FROM gapmap.settings WHERE key = '" + key + "'") == "4");
}

TEST_CASE("A killed publish leaves a staging schema that the next publish removes", "[pg][import]") {
    PgCluster pg;
    TempDir dir;
    const std::string file = writeDemoProject(dir);
    ::setenv("GAPMAP_SYNC_KILL_AT", "publish_loaded", 1);
    const RunResult killed = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()));
    ::unsetenv("GAPMAP_SYNC_KILL_AT");
    REQUIRE(killed.exitCode == 128 + SIGKILL);
    CHECK(pg.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gapmap_publish_%'") == "1");
    CHECK(pg.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'gapmap'") == "0");
    // The killed client's server process ends within moments of its socket closing.
    for (int i = 0; i < 50 && pg.sql("SELECT count(*) FROM pg_stat_activity a JOIN pg_namespace n ON n.nspname = 'gapmap_publish_' || a.pid") != "0"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const RunResult again = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()));
    INFO(again.err);
    CHECK(again.exitCode == 0);
    CHECK(pg.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gapmap_publish_%'") == "0");
    CHECK(runGapmap("report " + quote(pg.address()) + " --format json").out == runGapmap("report " + quote(file) + " --format json").out);
}

TEST_CASE("A return imported into the server with --update changes only its rows, in one transaction", "[pg][import]") {
    Province p;
    const std::string name1 = p.server("SELECT name FROM gapmap.villages WHERE code = '9910101'");
    const std::string name2 = p.server("SELECT name FROM gapmap.villages WHERE code = '9910102'");
    writeFile(p.dir.file("xa.csv"), "Mã thôn,Tên thôn,Mã xã,Dân số\n9910101," + name1 + ",99101,777\n9910102," + name2 + ",99101,888\n");
    const RunResult r = runGapmap("import " + quote(p.pg.address("editor")) + " " + quote(p.dir.file("xa.csv")) + " --update --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("villages: 0 rows added, 2 changed, 0 removed") != std::string::npos);
    CHECK(p.server("SELECT string_agg(code || ':' || population || ':' || row_version || ':' || updated_by, ' ' ORDER BY code) FROM gapmap.villages "
                   "WHERE row_version > 1") == "9910101:777:2:editor 9910102:888:2:editor");
    // A viewer's return is refused, nothing applied.
    const std::string log = p.server("SELECT count(*) FROM gapmap.change_log");
    const RunResult viewer = runGapmap("import " + quote(p.pg.address("viewer")) + " " + quote(p.dir.file("xa.csv")) + " --update --lang en");
    CHECK(viewer.exitCode == 1);
    CHECK(viewer.err.find("may not change table villages") != std::string::npos);
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == log);
}

TEST_CASE("The map from the server is the file's even after edits and imports moved rows on the server", "[pg][import]") {
    Province p;
    // Rows rewritten in place as any edit, import or QGIS save does: PostgreSQL stores them anew, elsewhere.
    p.server("UPDATE gapmap.admin_units SET population = population WHERE level = 'commune' AND gid % 7 = 0");
    p.server("UPDATE gapmap.villages SET population = population WHERE gid % 5 = 0");
    const std::string server = p.dir.file("server.png"), file = p.dir.file("file.png");
    REQUIRE(runGapmap("render " + quote(p.pg.address()) + " --out " + quote(server) + " --size 800x600").exitCode == 0);
    REQUIRE(runGapmap("render " + quote(p.file) + " --out " + quote(file) + " --size 800x600").exitCode == 0);
    CHECK(readFile(server) == readFile(file));
}
