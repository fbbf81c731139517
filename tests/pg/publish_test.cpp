// gapmap publish and a project read from the server (issue #16), against a real PostgreSQL 15 +
// PostGIS 3 cluster (tests/support/pg_cluster.h): report equality with the file, the group roles
// checked with plain psql as each role, editors limited to their communes, row-version checks.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/i18n.h"
#include "core/project_edit.h"
#include "io/project_edits.h"
#include "io/project_file.h"
#include "support/pg_cluster.h"
#include "support/test_support.h"

using namespace gapmap::test;

namespace {

// Publishes the demo (as a file) to the cluster's default schema.
std::string publishDemo(const PgCluster& pg, const TempDir& dir) {
    const std::string file = writeDemoProject(dir);
    const RunResult r = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()) + " --lang en");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return file;
}

// The "key": value of a JSON indicator row, as text ("50", "null").
std::string indicator(const std::string& json, const std::string& key) {
    const size_t at = json.find("{\"key\":\"" + key + "\"");
    if (at == std::string::npos) return "absent";
    const size_t v = json.find("\"value\":", at);
    return json.substr(v + 8, json.find_first_of(",}", v + 8) - v - 8);
}

}  // namespace

TEST_CASE("publish then report from the server gives the file's report", "[pg]") {
    PgCluster pg;
    TempDir dir;
    const std::string file = publishDemo(pg, dir);
    for (const char* args : {"--format json", "--format csv --table indicators", "--priorities --format csv", "--table outcomes --format csv"}) {
        const RunResult fromFile = runGapmap("report " + quote(file) + " " + args);
        const RunResult fromServer = runGapmap("report " + quote(pg.address()) + " " + args);
        INFO(args << "\n" << fromServer.err);
        REQUIRE(fromServer.exitCode == 0);
        CHECK(fromServer.out == fromFile.out);
    }
    // The schema as the contract has it: PostGIS geometry in EPSG:4326 with a GiST index, gid, row_version.
    CHECK(pg.sql("SELECT type || ' ' || srid FROM geometry_columns WHERE f_table_schema = 'gapmap' AND f_table_name = 'villages'") == "POINT 4326");
    CHECK(pg.sql("SELECT count(*) FROM pg_indexes WHERE schemaname = 'gapmap' AND tablename = 'admin_units' AND indexdef LIKE '%gist%'") == "1");
    CHECK(pg.sql("SELECT min(row_version) || ' ' || count(DISTINCT gid) || ' ' || count(*) FROM gapmap.villages") == "1 1000 1000");
    CHECK(pg.sql("SELECT value FROM gapmap.meta WHERE key = 'published_from'") == file);

    // Publishing over it is refused without --force, and nothing changes.
    pg.sql("UPDATE gapmap.villages SET internet = NOT internet WHERE gid = 1");
    const RunResult again = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()) + " --lang en");
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("--force") != std::string::npos);
    CHECK(pg.sql("SELECT row_version FROM gapmap.villages WHERE gid = 1") == "2");
    // The change log holds the update, by whom.
    CHECK(pg.sql("SELECT op || ' ' || row_version || ' ' || changed_by FROM gapmap.change_log WHERE table_name = 'villages'") == "U 2 gapmap_admin");
    const RunResult forced = runGapmap("publish " + quote(file) + " --to " + quote(pg.address()) + " --force");
    CHECK(forced.exitCode == 0);
    CHECK(pg.sql("SELECT row_version FROM gapmap.villages WHERE gid = 1") == "1");
    CHECK(pg.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gapmap_publish_%'") == "0");

    // A collection workbook from the server; its return is imported back into the server (the difference,
    // tests/pg/import_test.cpp); a whole-project write onto it is refused, and no file named "PG:…" appears.
    CHECK(runGapmap("template " + quote(pg.address()) + " --out " + quote(dir.file("t.xlsx"))).exitCode == 0);
    CHECK(std::filesystem::file_size(dir.file("t.xlsx")) > 1000);
    const RunResult import = runGapmap("import " + quote(pg.address()) + " " + quote(dir.file("t.xlsx")) + " --update --lang en");
    INFO(import.err);
    CHECK(import.exitCode == 0);
    CHECK(import.out.find("villages: 0 rows added, 0 changed, 0 removed") != std::string::npos);
    const RunResult demo = runGapmap("demo " + quote(pg.address()) + " --force --lang en");
    CHECK(demo.exitCode == 1);
    CHECK(demo.err.find("is not rewritten whole") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists("PG:host=" + pg.socketDir() + " dbname=province user=gapmap_admin"));

    // Another schema beside it, named by --schema; the address's schemas= reads it.
    REQUIRE(runGapmap("publish " + quote(file) + " --to " + quote(pg.address()) + " --schema second").exitCode == 0);
    CHECK(runGapmap("report " + quote(pg.address(PgCluster::kAdmin, "second")) + " --format json").out ==
          runGapmap("report " + quote(file) + " --format json").out);
}

TEST_CASE("A viewer reads no Trusted Address row, yet gapmap counts all 50 of the demo", "[pg]") {
    PgCluster pg;
    TempDir dir;
    const std::string file = publishDemo(pg, dir);
    pg.createLogin("lan", "gapmap_viewer");
    pg.createLogin("hoa", "gapmap_protection");

    // Plain psql as the viewer: the rows are refused, the counts view is not.
    const RunResult rows = pg.psql("SELECT count(*) FROM gapmap.trusted_addresses", "lan");
    CHECK(rows.exitCode != 0);
    CHECK(rows.err.find("permission denied") != std::string::npos);
    CHECK(pg.psql("SELECT count(*) FROM gapmap.outcomes", "lan").exitCode != 0);
    CHECK(pg.sql("SELECT sum(count) FROM gapmap.trusted_address_counts", "lan") == "50");
    CHECK(pg.sql("SELECT count(*) FROM gapmap.row_sources WHERE table_name = 'trusted_addresses'", "hoa") ==
          pg.sql("SELECT count(*) FROM gapmap.row_sources WHERE table_name = 'trusted_addresses'"));
    CHECK(pg.sql("SELECT count(*) FROM gapmap.row_sources WHERE table_name = 'trusted_addresses'", "lan") == "0");
    // Row-level security refuses even when a privilege is granted by mistake.
    pg.sql("GRANT SELECT ON gapmap.trusted_addresses TO gapmap_viewer");
    CHECK(pg.sql("SELECT count(*) FROM gapmap.trusted_addresses", "lan") == "0");
    pg.sql("REVOKE SELECT ON gapmap.trusted_addresses FROM gapmap_viewer");
    // The protection officer reads every row.
    CHECK(pg.sql("SELECT count(*) FROM gapmap.trusted_addresses", "hoa") == "50");
    // A viewer may not write.
    CHECK(pg.psql("UPDATE gapmap.villages SET internet = true", "lan").exitCode != 0);

    // gapmap as the viewer: the indicators count every Trusted Address, per district too; reach
    // within the radius needs locations, so it is no data, never 0; outcomes are no data.
    const std::string fileJson = runGapmap("report " + quote(file) + " --format json").out;
    const RunResult viewer = runGapmap("report " + quote(pg.address("lan")) + " --format json");
    INFO(viewer.err);
    REQUIRE(viewer.exitCode == 0);
    CHECK(indicator(viewer.out, "trusted_addresses") == "50");
    CHECK(indicator(viewer.out, "trusted_addresses_active") == indicator(fileJson, "trusted_addresses_active"));
    CHECK(viewer.out.find("\"with_trusted_address_within_radius\":null") != std::string::npos);
    CHECK(viewer.out.find("\"with_trusted_address_within_radius\":0") == std::string::npos);
    CHECK(indicator(viewer.out, "communication_teams") == indicator(fileJson, "communication_teams"));
    // Active Trusted Addresses per commune: the same numbers as the file's report.
    const RunResult areasFile = runGapmap("report " + quote(file) + " --format csv");
    const RunResult areasViewer = runGapmap("report " + quote(pg.address("lan")) + " --format csv");
    REQUIRE(areasViewer.exitCode == 0);
    const auto lastColumn = [](const std::string& csv) {
        std::string out;
        for (size_t start = 0; start < csv.size();) {
            const size_t nl = csv.find('\n', start);
            const std::string line = csv.substr(start, nl - start);
            out += line.substr(line.rfind(',') + 1) + "\n";
            start = nl == std::string::npos ? csv.size() : nl + 1;
        }
        return out;
    };
    CHECK(lastColumn(areasViewer.out) == lastColumn(areasFile.out));
    // The protection officer's report is the file's.
    CHECK(runGapmap("report " + quote(pg.address("hoa")) + " --format json").out == fileJson);
    // Nothing of a Trusted Address reaches the viewer's PDF either: it still builds.
    CHECK(runGapmap("export-report " + quote(pg.address("lan")) + " --out " + quote(dir.file("v.pdf"))).exitCode == 0);
}

TEST_CASE("An editor limited by db grant cannot change another commune", "[pg]") {
    PgCluster pg;
    TempDir dir;
    publishDemo(pg, dir);
    pg.createLogin("minh");
    const std::string own = pg.sql("SELECT commune_code FROM gapmap.villages ORDER BY code LIMIT 1");
    const std::string other = pg.sql("SELECT commune_code FROM gapmap.villages WHERE commune_code <> '" + own + "' ORDER BY code LIMIT 1");
    const RunResult grant = runGapmap("db grant " + quote(pg.address()) + " minh --communes " + own + " --lang en");
    INFO(grant.err);
    REQUIRE(grant.exitCode == 0);

    const std::string ownCount = pg.sql("SELECT count(*) FROM gapmap.villages WHERE commune_code = '" + own + "'");
    CHECK(pg.sql("WITH u AS (UPDATE gapmap.villages SET internet = true WHERE commune_code = '" + own + "' RETURNING 1) SELECT count(*) FROM u", "minh") == ownCount);
    // Another commune's rows are invisible to UPDATE (row-level security): nothing changes.
    CHECK(pg.sql("WITH u AS (UPDATE gapmap.villages SET internet = true WHERE commune_code = '" + other + "' RETURNING 1) SELECT count(*) FROM u", "minh") == "0");
    // A row may not be moved into, or written for, a commune not granted.
    CHECK(pg.psql("UPDATE gapmap.villages SET commune_code = '" + other + "' WHERE commune_code = '" + own + "'", "minh").exitCode != 0);
    CHECK(pg.psql("INSERT INTO gapmap.clubs (code, name, commune_code) VALUES ('X1', 'CLB', '" + other + "')", "minh").exitCode != 0);
    CHECK(pg.psql("INSERT INTO gapmap.clubs (code, name, commune_code) VALUES ('X1', 'CLB', '" + own + "')", "minh").exitCode == 0);
    // Teams follow their village's commune.
    CHECK(pg.sql("WITH u AS (UPDATE gapmap.communication_teams t SET members = members WHERE village_code IN (SELECT code FROM gapmap.villages WHERE commune_code = '" +
                 other + "') RETURNING 1) SELECT count(*) FROM u", "minh") == "0");
    // Nor may an editor read or write Trusted Addresses, change settings or the row version.
    CHECK(pg.psql("SELECT 1 FROM gapmap.trusted_addresses", "minh").exitCode != 0);
    CHECK(pg.psql("UPDATE gapmap.settings SET value = '1'", "minh").exitCode != 0);
    CHECK(pg.psql("UPDATE gapmap.villages SET row_version = 1", "minh").exitCode != 0);

    // gapmap edit as the editor: its own commune saved, another refused with exit 1.
    const std::string ownVillage = pg.sql("SELECT code FROM gapmap.villages WHERE commune_code = '" + own + "' ORDER BY code LIMIT 1");
    const std::string otherVillage = pg.sql("SELECT code FROM gapmap.villages WHERE commune_code = '" + other + "' ORDER BY code LIMIT 1");
    CHECK(runGapmap("edit " + quote(pg.address("minh")) + " --village " + ownVillage + " mobile=2g").exitCode == 0);
    CHECK(pg.sql("SELECT mobile FROM gapmap.villages WHERE code = '" + ownVillage + "'") == "2g");
    const RunResult refused = runGapmap("edit " + quote(pg.address("minh")) + " --village " + otherVillage + " mobile=2g --lang en");
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("your role may not change village " + otherVillage) != std::string::npos);
    CHECK(pg.sql("SELECT mobile FROM gapmap.villages WHERE code = '" + otherVillage + "'") != "2g");

    // --communes "" lifts the limit.
    REQUIRE(runGapmap("db grant " + quote(pg.address()) + " minh --communes ''").exitCode == 0);
    CHECK(runGapmap("edit " + quote(pg.address("minh")) + " --village " + otherVillage + " mobile=2g").exitCode == 0);
}

TEST_CASE("An edit over a newer row version is refused, never a silent overwrite", "[pg]") {
    PgCluster pg;
    TempDir dir;
    publishDemo(pg, dir);
    const std::string village = pg.sql("SELECT code FROM gapmap.villages ORDER BY code LIMIT 1");
    const std::string at = quote(pg.address());

    // Two people read version 1; the first saves, the second's edit (still at version 1) is refused.
    CHECK(runGapmap("edit " + at + " --village " + village + " --if-version 1 population=111").exitCode == 0);
    const RunResult stale = runGapmap("edit " + at + " --village " + village + " --if-version 1 population=222 --lang en");
    CHECK(stale.exitCode == 1);
    CHECK(stale.err.find("changed by someone else since you read it") != std::string::npos);
    CHECK(pg.sql("SELECT population || ' ' || row_version FROM gapmap.villages WHERE code = '" + village + "'") == "111 2");

    // Truly concurrent: another session holds the row changed but not yet committed; gapmap reads
    // version 2, waits for the lock, and finds version 3 when it may write: refused, nothing saved.
    const std::string holder = "psql -X -q -h " + quote(pg.socketDir()) + " -U gapmap_admin -d province -c " +
                               quote("BEGIN; UPDATE gapmap.villages SET population = 333 WHERE code = '" + village +
                                     "'; SELECT pg_sleep(3); COMMIT;") + " >/dev/null 2>&1 &";
    REQUIRE(std::system(holder.c_str()) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    const RunResult raced = runGapmap("edit " + at + " --village " + village + " population=444 --lang en");
    CHECK(raced.exitCode == 1);
    CHECK(raced.err.find("changed by someone else since you read it") != std::string::npos);
    CHECK(pg.sql("SELECT population || ' ' || row_version FROM gapmap.villages WHERE code = '" + village + "'") == "333 3");
    // Read again, edit again: saved.
    CHECK(runGapmap("edit " + at + " --village " + village + " --if-version 3 population=444").exitCode == 0);
    CHECK(pg.sql("SELECT count(*) FROM gapmap.change_log WHERE table_name = 'villages' AND op = 'U'") == "3");
    // set on the server: merged into the settings table.
    CHECK(runGapmap("set " + at + " coverage.ta_radius_km=7").exitCode == 0);
    CHECK(pg.sql("SELECT value FROM gapmap.settings WHERE key = 'coverage.ta_radius_km'") == "7");
}

TEST_CASE("An edit is checked against the row version the project was read at", "[pg]") {
    // The desktop app reads the project when it opens (readProject) and writes each edit later
    // (commitEdits): someone else's save in between makes the app's edit refused, not lost.
    PgCluster pg;
    TempDir dir;
    publishDemo(pg, dir);
    const std::string address = pg.address();
    const gapmap::Project seen = gapmap::readProject(address);
    const std::string village = seen.villages.front().code;
    pg.sql("UPDATE gapmap.villages SET population = 999 WHERE code = '" + village + "'");  // another user, after the read
    const gapmap::ScopedLanguage english(gapmap::Lang::En);
    CHECK_THROWS_WITH(gapmap::commitEdits(address, {gapmap::villageEdit(village, "population", "5")}),
                      Catch::Contains("changed by someone else since you read it"));
    CHECK(pg.sql("SELECT population FROM gapmap.villages WHERE code = '" + village + "'") == "999");
    // Another village, unchanged since the read: saved; and a second edit of it follows on.
    const std::string other = seen.villages.back().code;
    gapmap::commitEdits(address, {gapmap::villageEdit(other, "population", "5")});
    gapmap::commitEdits(address, {gapmap::villageEdit(other, "population", "6")});
    CHECK(pg.sql("SELECT population || ' ' || row_version FROM gapmap.villages WHERE code = '" + other + "'") == "6 3");
    // Read again: the first village can be edited.
    gapmap::readProject(address);
    gapmap::commitEdits(address, {gapmap::villageEdit(village, "population", "5")});
    CHECK(pg.sql("SELECT population FROM gapmap.villages WHERE code = '" + village + "'") == "5");
}
