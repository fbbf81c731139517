// Offline copies and sync against a real throwaway PostgreSQL 15 + PostGIS server (issue #16 item 3):
// two copies editing different villages end up with both edits; the same village gives a listed
// conflict that loses neither value and is settled by --resolve; a sync killed with SIGKILL at every
// moment that matters leaves no half-applied sync on either side, and the next sync completes it.
// Everything through the real binary (checkout, edit, sync, report) and plain psql.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>

#include "io/project_file.h"
#include "support/pg_cluster.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// The demo published on a fresh server, with login roles: two editors, a viewer, a protection officer.
struct Province {
    PgCluster pg;
    TempDir dir;
    Province() {
        const std::string demo = writeDemoProject(dir);
        const RunResult r = runGapmap("publish " + quote(demo) + " --to " + quote(pg.address()));
        if (r.exitCode != 0) throw std::runtime_error("publish failed: " + r.err);
        pg.createLogin("editor_a", "gapmap_editor");
        pg.createLogin("editor_b", "gapmap_editor");
        pg.createLogin("viewer", "gapmap_viewer");
        pg.createLogin("officer", "gapmap_protection");
    }
    std::string checkout(const std::string& role, const std::string& name, const std::string& extra = "") {
        const std::string out = dir.file(name);
        const RunResult r = runGapmap("checkout " + quote(pg.address(role)) + " --out " + quote(out) + " " + extra);
        if (r.exitCode != 0) throw std::runtime_error("checkout failed: " + r.err);
        return out;
    }
    std::string server(const std::string& sql) { return pg.sql(sql); }
};

RunResult sync(const std::string& copy, const std::string& extra = "") { return runGapmap("sync " + quote(copy) + " " + extra); }

RunResult edit(const std::string& copy, const std::string& village, const std::string& pair) {
    return runGapmap("edit " + quote(copy) + " --village " + village + " " + pair);
}

std::string electricityIn(const std::string& copy, const std::string& village) {
    const Project p = readProject(copy);
    const Village* v = p.findVillage(village);
    return v ? toString(v->electricity) : "(none)";
}

std::string mobileIn(const std::string& copy, const std::string& village) {
    const Project p = readProject(copy);
    const Village* v = p.findVillage(village);
    return v ? toString(v->mobile) : "(none)";
}

// A value of `field` different from the village's value now (the demo's values vary).
std::string otherElectricity(const std::string& now) { return now == "none" ? "offgrid" : "none"; }

}  // namespace

TEST_CASE("Two offline copies editing different villages both hold both edits after sync, sync, sync", "[pg][sync]") {
    Province p;
    const std::string a = p.checkout("editor_a", "a.gpkg"), b = p.checkout("editor_b", "b.gpkg");
    const Project start = readProject(a);
    REQUIRE(start.villages.size() == readProject(p.dir.file("p.gpkg")).villages.size());
    const std::string v1 = start.villages[3].code, v2 = start.villages[7].code;
    const std::string e1 = otherElectricity(toString(start.villages[3].electricity));
    const std::string m2 = toString(start.villages[7].mobile) == std::string("2g") ? "3g" : "2g";

    REQUIRE(edit(a, v1, "electricity=" + e1).exitCode == 0);
    REQUIRE(edit(b, v2, "mobile=" + m2).exitCode == 0);
    const RunResult s1 = sync(a), s2 = sync(b), s3 = sync(a);
    INFO(s1.out << s1.err << s2.out << s2.err << s3.out << s3.err);
    REQUIRE(s1.exitCode == 0);
    REQUIRE(s2.exitCode == 0);
    REQUIRE(s3.exitCode == 0);
    CHECK(s1.out.find("1") != std::string::npos);
    CHECK(electricityIn(a, v1) == e1);
    CHECK(electricityIn(b, v1) == e1);
    CHECK(mobileIn(a, v2) == m2);
    CHECK(mobileIn(b, v2) == m2);
    CHECK(p.server("SELECT electricity FROM gapmap.villages WHERE code = '" + v1 + "'") == e1);
    CHECK(p.server("SELECT mobile FROM gapmap.villages WHERE code = '" + v2 + "'") == m2);
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log WHERE op = 'U'") == "2");  // each edit written once
    // Every command works on the copy: the report runs and the file still opens in GDAL.
    CHECK(runGapmap("report " + quote(a)).exitCode == 0);
    CHECK(ogrinfoReads(a));
    // A third sync has nothing to do.
    const RunResult again = sync(b);
    CHECK(again.exitCode == 0);
    CHECK(readProject(b).villages.size() == start.villages.size());
}

TEST_CASE("The same village edited in two copies is a listed conflict that loses neither value and --resolve settles it", "[pg][sync]") {
    Province p;
    const std::string a = p.checkout("editor_a", "a.gpkg"), b = p.checkout("editor_b", "b.gpkg");
    const Project start = readProject(a);
    const std::string v = start.villages[5].code, w = start.villages[9].code;

    REQUIRE(edit(a, v, "electricity=offgrid").exitCode == 0);
    REQUIRE(edit(b, v, "electricity=none").exitCode == 0);
    REQUIRE(edit(a, w, "mobile=2g").exitCode == 0);
    REQUIRE(edit(b, w, "mobile=3g").exitCode == 0);
    REQUIRE(sync(a).exitCode == 0);  // first writer
    const RunResult second = sync(b, "--lang en");
    INFO(second.out << second.err);
    REQUIRE(second.exitCode == 0);
    // Listed, both values named; the server keeps the first writer's, the copy its own.
    CHECK(second.out.find("villages " + v + " electricity: here none, on the server offgrid (editor_a)") != std::string::npos);
    CHECK(second.out.find("villages " + w + " mobile: here 3g, on the server 2g (editor_a)") != std::string::npos);
    CHECK(p.server("SELECT electricity FROM gapmap.villages WHERE code = '" + v + "'") == "offgrid");
    CHECK(electricityIn(b, v) == "none");
    const RunResult listed = sync(b, "--conflicts --lang en");
    CHECK(listed.out.find(v) != std::string::npos);
    // A later sync keeps the conflict and the copy's value (nothing overwritten without a trace).
    REQUIRE(sync(b).exitCode == 0);
    CHECK(electricityIn(b, v) == "none");
    CHECK(sync(b, "--conflicts --lang en").out.find(v) != std::string::npos);

    SECTION("mine: the copy's value goes to the server and to the other copy") {
        const RunResult r = sync(b, "--resolve " + v + " mine --lang en");
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(p.server("SELECT electricity FROM gapmap.villages WHERE code = '" + v + "'") == "none");
        CHECK(electricityIn(b, v) == "none");
        REQUIRE(sync(a).exitCode == 0);
        CHECK(electricityIn(a, v) == "none");
        CHECK(sync(b, "--conflicts --lang en").out.find(v) == std::string::npos);
    }
    SECTION("theirs: the copy takes the server's value") {
        const RunResult r = sync(b, "--resolve " + w + " theirs --lang en");
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(mobileIn(b, w) == "2g");
        CHECK(p.server("SELECT mobile FROM gapmap.villages WHERE code = '" + w + "'") == "2g");
        CHECK(sync(b, "--conflicts --lang en").out.find(w) == std::string::npos);
        CHECK(sync(b, "--conflicts --lang en").out.find(v) != std::string::npos);  // the other conflict stays
    }
    CHECK(sync(b, "--resolve 999999999 mine").exitCode == 2);
}

TEST_CASE("A sync killed with SIGKILL at any moment leaves no half-applied sync, and the next sync completes it", "[pg][sync]") {
    Province p;
    for (const char* stage : {"pending_recorded", "pushed", "before_server_commit", "server_committed"}) {
        INFO("killed at " << stage);
        const std::string a = p.checkout("editor_a", std::string("a-") + stage + ".gpkg");
        const std::string b = p.checkout("editor_b", std::string("b-") + stage + ".gpkg");
        const Project start = readProject(a);
        const std::string v = start.villages[11].code, w = start.villages[12].code;
        const std::string e = otherElectricity(electricityIn(a, v));
        const std::string m = mobileIn(b, w) == "4g" ? "2g" : "4g";
        // Someone else's edit, already on the server: the killed sync would have pulled it.
        REQUIRE(edit(b, w, "mobile=" + m).exitCode == 0);
        REQUIRE(sync(b).exitCode == 0);
        REQUIRE(edit(a, v, "electricity=" + e).exitCode == 0);
        const std::string versionBefore = p.server("SELECT row_version FROM gapmap.villages WHERE code = '" + v + "'");
        const std::string logBefore = p.server("SELECT count(*) FROM gapmap.change_log");

        ::setenv("GAPMAP_SYNC_KILL_AT", stage, 1);
        const RunResult killed = sync(a);
        ::unsetenv("GAPMAP_SYNC_KILL_AT");
        REQUIRE(killed.exitCode == 128 + SIGKILL);

        const bool serverTook = std::string(stage) == "server_committed";
        // The server holds all of the sync or none of it.
        CHECK(p.server("SELECT electricity FROM gapmap.villages WHERE code = '" + v + "'") == (serverTook ? e : electricityIn(b, v)));
        CHECK(p.server("SELECT count(*) FROM gapmap.change_log") == (serverTook ? std::to_string(std::stoi(logBefore) + 1) : logBefore));
        // The copy opens, keeps its edit, and holds none of the interrupted pull.
        CHECK(electricityIn(a, v) == e);
        CHECK(mobileIn(a, w) != m);
        CHECK(ogrinfoReads(a));

        const RunResult next = sync(a, "--lang en");
        INFO(next.out << next.err);
        REQUIRE(next.exitCode == 0);
        CHECK((next.out.find("interrupted") != std::string::npos) == serverTook);
        CHECK(next.out.find("conflict") == std::string::npos);
        CHECK(p.server("SELECT electricity FROM gapmap.villages WHERE code = '" + v + "'") == e);
        // Written once: one more version, not two; and the copy is at the server's version.
        CHECK(p.server("SELECT row_version FROM gapmap.villages WHERE code = '" + v + "'") == std::to_string(std::stoi(versionBefore) + 1));
        CHECK(mobileIn(a, w) == m);
        REQUIRE(sync(b).exitCode == 0);
        CHECK(electricityIn(b, v) == e);
    }
}

TEST_CASE("A sync killed at random moments never loses or doubles an edit", "[pg][sync]") {
    Province p;
    const std::string a = p.checkout("editor_a", "a.gpkg");
    const Project start = readProject(a);
    int edits = 0;
    for (int round = 0; round < 6; ++round) {
        const std::string v = start.villages[size_t(20 + round)].code;
        REQUIRE(edit(a, v, "population=" + std::to_string(1000 + round)).exitCode == 0);
        ++edits;
        // Kill after 0 … 250 ms: before, during and after the server's transaction.
        const pid_t pid = fork();
        if (pid == 0) {
            execl(GAPMAP_BIN, GAPMAP_BIN, "sync", a.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        ::usleep(useconds_t(round * 50000));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(sync(a).exitCode == 0);
        CHECK(p.server("SELECT population FROM gapmap.villages WHERE code = '" + v + "'") == std::to_string(1000 + round));
    }
    CHECK(p.server("SELECT count(*) FROM gapmap.change_log WHERE op = 'U'") == std::to_string(edits));
    CHECK(sync(a, "--conflicts --lang en").out.find("no conflicts") != std::string::npos);
}

TEST_CASE("A viewer's offline copy holds no Trusted Address row, only the counts, and its report counts all of them", "[pg][sync]") {
    Province p;
    const std::string viewer = p.checkout("viewer", "viewer.gpkg");
    CHECK(std::system(("test \"$(sqlite3 " + quote(viewer) + " 'SELECT count(*) FROM trusted_addresses')\" = 0").c_str()) == 0);
    const RunResult fromCopy = runGapmap("report " + quote(viewer) + " --format json");
    const RunResult fromFile = runGapmap("report " + quote(p.dir.file("p.gpkg")) + " --format json");
    REQUIRE(fromCopy.exitCode == 0);
    const std::string indicator = "\"key\":\"trusted_addresses\"";
    REQUIRE(fromCopy.out.find(indicator) != std::string::npos);
    const std::string fromCopyTa = fromCopy.out.substr(fromCopy.out.find(indicator), 120);
    CHECK(fromCopyTa.find("\"value\":50,") != std::string::npos);
    CHECK(fromCopyTa == fromFile.out.substr(fromFile.out.find(indicator), 120));
    // A commune's copy: that commune's villages, every admin unit (the map), its counts only.
    const std::string commune = p.checkout("viewer", "commune.gpkg", "--commune 99101");
    const Project c = readProject(commune);
    CHECK(c.villages.size() == 6);
    CHECK(c.adminUnits.size() == readProject(viewer).adminUnits.size());
    REQUIRE(sync(commune).exitCode == 0);
    CHECK(readProject(commune).villages.size() == 6);
    const std::string officer = p.checkout("officer", "officer.gpkg");
    CHECK(readProject(officer).trustedAddresses.size() == 50);
    CHECK(readProject(officer).trustedAddresses[0].location.has_value());
}
