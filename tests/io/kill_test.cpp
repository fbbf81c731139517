// Work is never lost: `gapmap import` killed with SIGKILL at random moments leaves a project
// that opens with either all of the old content or all of the new, never half of one.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// Starts `gapmap import PROJECT --as villages FILE` and kills it after `delay`.
bool importKilledAfter(const std::string& project, const std::string& file, std::chrono::microseconds delay) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(GAPMAP_BIN, GAPMAP_BIN, "import", project.c_str(), "--as", "villages", file.c_str(), nullptr);
        _exit(127);
    }
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status);  // false: the import finished before the kill
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
