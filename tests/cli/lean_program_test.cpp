// The two programs (issue #15): `gapmap` renders a project file in a process that maps no GDAL,
// cairo, poppler or libpq, and runs gapmap-full with the same arguments for everything else.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <sstream>

#include "support/test_support.h"

using namespace gapmap::test;

namespace {

// The libraries the dynamic loader opened while running `gapmap ARGS`, one "file=NAME" per line
// (LD_DEBUG=files), dlopen'ed ones (Mesa's driver) included.
std::string librariesLoaded(const std::string& args, int& exitCode) {
    TempDir io;
    const std::string err = io.file("err");
    const int status = std::system(("LD_DEBUG=files " + quote(GAPMAP_BIN) + " " + args + " >/dev/null 2>" + quote(err) + " </dev/null").c_str());
    exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::istringstream in(readFile(err));
    std::string line, out;
    while (std::getline(in, line)) {
        const size_t at = line.find("file=");
        if (at != std::string::npos) out += line.substr(at, line.find(' ', at) - at) + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("the gapmap program needs no GDAL, cairo, poppler, libpq or xlsxwriter", "[cli][lean]") {
    TempDir dir;
    const std::string out = dir.file("needed.txt");
    REQUIRE(std::system(("readelf -d " + quote(GAPMAP_BIN) + " > " + quote(out)).c_str()) == 0);
    const std::string needed = readFile(out);
    REQUIRE_THAT(needed, Catch::Contains("(NEEDED)") && Catch::Contains("libsqlite3"));
    for (const char* heavy : {"libgdal", "libcairo", "libpoppler", "libpq", "libxlsxwriter", "libproj", "libglfw"})
        CHECK_THAT(needed, !Catch::Contains(heavy));
}

TEST_CASE("gapmap renders a project file without loading GDAL and runs gapmap-full for the rest", "[cli][lean]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    int status = -1;
    const std::string renderLibs = librariesLoaded("render " + quote(project) + " --out " + quote(dir.file("m.png")) + " --size 320x200", status);
    CHECK(status == 0);
    CHECK_THAT(renderLibs, Catch::Contains("file=libsqlite3"));
    CHECK_THAT(renderLibs, !Catch::Contains("libgdal") && !Catch::Contains("libcairo") && !Catch::Contains("libpq"));
    CHECK(readFile(dir.file("m.png")).substr(1, 3) == "PNG");
    // Any other command (and render of the demo) runs in gapmap-full, which loads GDAL.
    CHECK_THAT(librariesLoaded("info " + quote(project), status), Catch::Contains("libgdal"));
    CHECK(status == 0);
    CHECK_THAT(librariesLoaded("render --out " + quote(dir.file("d.png")) + " --size 320x200", status), Catch::Contains("libgdal"));
    CHECK(status == 0);
}

TEST_CASE("gapmap-full answers with gapmap's streams and exit status", "[cli][lean]") {
    TempDir dir;
    const RunResult version = runGapmap("--version");
    CHECK(version.exitCode == 0);
    CHECK_THAT(version.out, Catch::StartsWith("gapmap "));
    const RunResult missing = runGapmap("info " + quote(dir.file("none.gpkg")) + " --lang en");
    CHECK(missing.exitCode == 1);
    CHECK(missing.out.empty());
    CHECK_THAT(missing.err, Catch::Contains("none.gpkg: no such project file"));
    CHECK(lineCount(missing.err) == 1);
    const RunResult usage = runGapmap("render --lang en");  // no --out: a usage error of render, from gapmap-full
    CHECK(usage.exitCode == 2);
    // The lean program's own render says the same as the full one would: a missing file in English.
    const RunResult gone = runGapmap("--lang en render " + quote(dir.file("gone.gpkg")) + " --out " + quote(dir.file("x.png")));
    CHECK(gone.exitCode == 1);
    CHECK_THAT(gone.err, Catch::Contains("gone.gpkg: no such project file"));
}
