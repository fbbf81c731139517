// Work is never lost: `gapmap import` killed with SIGKILL at random moments leaves a project
// that opens with either all of the old content or all of the new, never half of one; and during a
// long series of `gapmap edit` / `gapmap set` / `gapmap import` calls killed at random moments,
// every edit whose command had exited 0 is in the file, and no edit is ever half made.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// Starts `gapmap ARGS…` and kills it after `delay`. Returns its exit status, or -1 when the kill
// came first.
int runKilledAfter(const std::vector<std::string>& args, std::chrono::microseconds delay) {
    std::vector<char*> argv = {const_cast<char*>(GAPMAP_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execv(GAPMAP_BIN, argv.data());
        _exit(127);
    }
    // Polls every 0.2 ms, so that a command finishing early is seen at once.
    const auto deadline = std::chrono::steady_clock::now() + delay;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return WIFSIGNALED(status) ? -1 : WEXITSTATUS(status);
}

// Starts `gapmap import PROJECT --as villages FILE` and kills it after `delay`.
bool importKilledAfter(const std::string& project, const std::string& file, std::chrono::microseconds delay) {
    return runKilledAfter({"import", project, "--as", "villages", file}, delay) == -1;  // false: it finished first
}

// How long a command takes when left alone, in µs: the kills are spread over that time.
int durationUs(const std::vector<std::string>& args) {
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(runKilledAfter(args, std::chrono::seconds(30)) == 0);
    return int(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count());
}

// An edit sets a village's population to K and its mobile signal to mobileFor(K) in one command:
// a file where the two do not match holds half an edit.
const char* mobileFor(int k) {
    static const char* values[] = {"none", "2g", "3g", "4g"};
    return values[k % 4];
}

}  // namespace

TEST_CASE("an import killed at any moment leaves a project that opens, old or new", "[io][project][kill]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(runGapmap("demo " + quote(project)).exitCode == 0);
    const size_t before = readProject(project).villages.size();
    // A replacement village table: the demo's villages minus the first one, as CSV.
    std::string csv = "code,name,commune_code,lon,lat\n";
    const Project demo = readProject(project);
    for (size_t i = 1; i < demo.villages.size(); ++i) {
        const Village& v = demo.villages[i];
        csv += v.code + "," + v.name + "," + v.communeCode + "," + std::to_string(v.location->lonDeg) + "," + std::to_string(v.location->latDeg) + "\n";
    }
    writeFile(dir.file("v.csv"), csv);

    std::mt19937 rng(20261129);
    int killed = 0, finished = 0;
    for (int round = 0; round < 25; ++round) {
        const auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, 400000)(rng));
        (importKilledAfter(project, dir.file("v.csv"), delay) ? killed : finished) += 1;
        const Project now = readProject(project);  // must open every time
        const size_t n = now.villages.size();
        CHECK((n == before || n == before - 1));
        CHECK(now.adminUnits.size() == demo.adminUnits.size());
        CHECK(now.teams.size() == demo.teams.size());
    }
    CHECK(killed > 0);
    size_t leftovers = 0;
    REQUIRE(runGapmap("import " + quote(project) + " --as villages " + quote(dir.file("v.csv"))).exitCode == 0);
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) leftovers += e.path().filename().string().find(".writing-") != std::string::npos;
    CHECK(leftovers == 0);  // a later write sweeps the temporaries of killed writers
    INFO("killed " << killed << ", finished " << finished);
}

TEST_CASE("edits, settings and imports killed at any moment: acknowledged edits stay, none is half made", "[io][project][kill][edits]") {
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(runGapmap("demo " + quote(project)).exitCode == 0);
    const Project demo = readProject(project);
    writeFile(dir.file("targets.csv"), "indicator,year,value\nteam_share,2025,0.8\nclub_share,2025,0.5\n");

    // What the file may hold for each village edited: (population, mobile). An edit that exited 0
    // narrows it to its own value; a killed one adds its value as possible; each check then narrows
    // it to what the file holds, which later reads must keep.
    using State = std::pair<std::optional<int64_t>, std::string>;
    std::map<std::string, std::set<State>> allowed;
    std::vector<std::string> codes;
    for (size_t i = 0; i < demo.villages.size() && codes.size() < 8; i += 7) {
        const Village& v = demo.villages[i];
        codes.push_back(v.code);
        allowed[v.code] = {{v.population, toString(v.mobile)}};
    }
    std::set<std::string> allowedSetting = {"(absent)"};  // kill.a and kill.b, always equal

    int editUs = durationUs({"edit", project, "--village", codes[0], "population=4", "mobile=none"});
    allowed[codes[0]] = {{4, "none"}};
    int importUs = durationUs({"import", project, "--as", "targets", dir.file("targets.csv")});

    std::mt19937 rng(20261130);
    int killed = 0, acknowledged = 0;
    for (int round = 0; round < 90; ++round) {
        const int k = 1000 + round;
        std::vector<std::string> args;
        std::string code;
        const int kind = round % 5;  // 0–2 village edits, 3 settings, 4 an import (whole-file write)
        if (kind <= 2) {
            code = codes[size_t(round) % codes.size()];
            args = {"edit", project, "--village", code, "population=" + std::to_string(k), std::string("mobile=") + mobileFor(k)};
        } else if (kind == 3) {
            args = {"set", project, "kill.a=" + std::to_string(k), "kill.b=" + std::to_string(k)};
        } else {
            args = {"import", project, "--as", "targets", dir.file("targets.csv")};
        }
        // Kills spread over twice the longest run seen so far: about half the commands finish, on an
        // idle machine or a loaded one.
        int& spanUs = kind == 4 ? importUs : editUs;
        const auto delay = std::chrono::microseconds(std::uniform_int_distribution<int>(0, spanUs * 2)(rng));
        const auto started = std::chrono::steady_clock::now();
        const int status = runKilledAfter(args, delay);
        if (status == 0)
            spanUs = std::max(spanUs, int(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count()));
        INFO("round " << round << ", status " << status);
        REQUIRE((status == 0 || status == -1));  // never a refusal: a killed writer leaves nothing in the way
        (status == 0 ? acknowledged : killed) += 1;
        const State mine{k, mobileFor(k)};
        if (kind <= 2) {
            if (status == 0) allowed[code] = {mine};
            else allowed[code].insert(mine);
        } else if (kind == 3) {
            if (status == 0) allowedSetting = {std::to_string(k)};
            else allowedSetting.insert(std::to_string(k));
        }

        const Project now = readProject(project);  // opens, every time
        CHECK(ogrinfoReads(project));
        CHECK(now.villages.size() == demo.villages.size());
        CHECK(now.adminUnits.size() == demo.adminUnits.size());
        for (const std::string& c : codes) {
            for (const Village& v : now.villages) {
                if (v.code != c) continue;
                const State seen{v.population, toString(v.mobile)};
                INFO("village " << c << ": population " << (v.population ? *v.population : -1) << ", mobile " << seen.second);
                CHECK(allowed[c].count(seen) == 1);  // an acknowledged edit, or the one killed, whole
                allowed[c] = {seen};
            }
        }
        const std::string a = now.settingOr("kill.a", "(absent)"), b = now.settingOr("kill.b", "(absent)");
        CHECK(a == b);
        CHECK(allowedSetting.count(a) == 1);
        allowedSetting = {a};
        CHECK(now.synthetic());  // settings merged, never replaced
    }
    INFO("killed " << killed << ", acknowledged " << acknowledged);
    CHECK(killed >= 10);
    CHECK(acknowledged >= 10);
}
