// Progress on stderr (app/cli/progress_bar.cpp, core/progress.h): a bar with the step's name on a
// terminal, nothing into a pipe or a file.
#include <catch2/catch.hpp>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "core/progress.h"
#include "support/test_support.h"

using namespace gapmap;
using gapmap::test::TempDir;

namespace {

// Runs gapmap with stdout and stderr on a pseudo-terminal (as in a terminal window) and returns
// everything it wrote there, with the exit status.
std::pair<int, std::string> runOnTerminal(const std::vector<std::string>& args) {
    int master = -1;
    winsize size{};
    size.ws_col = 100;
    size.ws_row = 30;
    const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        std::vector<char*> argv = {const_cast<char*>(GAPMAP_BIN)};
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::setenv("GAPMAP_LANG", "en", 1);
        ::execv(GAPMAP_BIN, argv.data());
        ::_exit(127);
    }
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n <= 0) break;  // EIO once the child has gone
        out.append(buf, size_t(n));
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(master);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("export-report on a terminal shows a progress bar with the step names, then erases it", "[progress]") {
    TempDir dir;
    const std::string pdf = dir.file("r.pdf");
    const auto [status, out] = runOnTerminal({"export-report", "--per-district", "--out", pdf});
    INFO(out);
    REQUIRE(status == 0);
    CHECK(out.find("Drawing the pages  [") != std::string::npos);
    CHECK(out.find("Analysing coverage") != std::string::npos);
    CHECK(out.find("\r  [") == std::string::npos);  // never a bar without a step name
    CHECK(out.find("\r\x1b[K") != std::string::npos);  // erased at the end
    // The summary line stands alone after the bar was erased.
    const size_t erased = out.rfind("\r\x1b[K");
    CHECK(out.find("wrote", erased) != std::string::npos);
}

TEST_CASE("export-report into a pipe or a file writes no progress", "[progress]") {
    TempDir dir;
    const auto r = test::runGapmap("--lang en export-report --per-district --out " + test::quote(dir.file("r.pdf")));
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find('\r') == std::string::npos);
    CHECK(r.out.find('%') == std::string::npos);
}

TEST_CASE("import of returned workbooks on a terminal shows its steps, then erases the bar", "[progress][flow]") {
    TempDir dir;
    const std::string project = test::writeDemoProject(dir);
    const std::string xlsx = dir.file("w.xlsx");
    REQUIRE(test::runGapmap("template " + test::quote(project) + " --out " + test::quote(xlsx)).exitCode == 0);
    const auto [status, out] = runOnTerminal({"import", project, xlsx, "--update"});
    INFO(out);
    REQUIRE(status == 0);
    CHECK(out.find("Reading the project  [") != std::string::npos);
    CHECK(out.find("Importing the returned workbooks  [") != std::string::npos);
    CHECK(out.find("Writing the project  [") != std::string::npos);
    const size_t erased = out.rfind("\r\x1b[K");
    REQUIRE(erased != std::string::npos);
    CHECK(out.find("villages", erased) != std::string::npos);  // the result stands alone after the bar
}

TEST_CASE("Progress: steps and fractions and the end reach the sink and cancelling stops at a checkpoint", "[progress]") {
    std::vector<ProgressState> seen;
    Progress progress([&](const ProgressState& s) { seen.push_back(s); });
    {
        ProgressScope scope(&progress);
        progressSteps(2);
        progressStep("one");
        progressFraction(1, 4);
        CHECK(seen.back().overall() == Approx(0.125));
        progressStep("two");
        CHECK(seen.back().stepIndex == 1);
        CHECK(seen.back().overall() == Approx(0.5));
        progressCheckpoint();  // not cancelled: nothing happens
        progress.cancel();
        CHECK_THROWS_AS(progressCheckpoint(), Cancelled);
    }
    CHECK(seen.back().done);
    CHECK(seen.back().overall() == 1);
    // Without a scope the calls do nothing.
    const size_t before = seen.size();
    progressStep("three");
    progressCheckpoint();
    CHECK(seen.size() == before);
}
