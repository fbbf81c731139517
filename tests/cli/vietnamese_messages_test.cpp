// The real binary in Vietnamese (the default language): errors from the renderer, the PNG writer
// and the settings are Vietnamese, the help hint is printed once, and `gapmap FILE.gpkg` is
// `gapmap open FILE.gpkg` while an unknown word is still an unknown command.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "support/test_support.h"

using namespace gapmap::test;

namespace {

// Unsets an environment variable for one scope (the binaries started inherit it), then restores it.
struct Unset {
    std::string name;
    std::optional<std::string> saved;
    explicit Unset(std::string n) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) saved = v;
        ::unsetenv(name.c_str());
    }
    ~Unset() { saved ? ::setenv(name.c_str(), saved->c_str(), 1) : ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("render errors are Vietnamese, with one help hint", "[cli][i18n][render]") {
    const Unset lang("GAPMAP_LANG");
    TempDir dir;
    const RunResult png = runGapmap("render --out " + quote(dir.file("no-such-folder/map.png")));
    CHECK(png.exitCode == 1);
    CHECK(png.err == "gapmap: " + dir.file("no-such-folder/map.png") + ": không ghi được tệp PNG này\n");
    const RunResult unit = runGapmap("render --commune 12345 --out " + quote(dir.file("map.png")));
    CHECK(unit.exitCode == 1);
    CHECK(unit.err == "gapmap: demo: không có đơn vị hành chính nào mã 12345\n");
    const RunResult layer = runGapmap("render --layers bogus --out " + quote(dir.file("map.png")));
    CHECK(layer.exitCode == 2);
    CHECK(layer.err == "gapmap: --layers: không có lớp \"bogus\" (xem gapmap render --help)\n");
    const RunResult unknown = runGapmap("frobnicate");
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err == "gapmap: không có lệnh \"frobnicate\" (xem gapmap --help)\n");
}

TEST_CASE("a bad setting is reported in Vietnamese", "[cli][i18n][rules]") {
    const Unset lang("GAPMAP_LANG");
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const RunResult bad = runGapmap("set " + quote(project) + " coverage.ta_radius_km=mười");
    CHECK(bad.exitCode == 1);
    CHECK(bad.err == "gapmap: " + project + ": thiết lập coverage.ta_radius_km = \"mười\": cần một khoảng cách tính bằng km, lớn hơn 0\n");
}

TEST_CASE("gapmap FILE.gpkg opens the file as gapmap open FILE.gpkg does", "[cli][open]") {
    const Unset lang("GAPMAP_LANG"), display("DISPLAY"), wayland("WAYLAND_DISPLAY");
    TempDir dir;
    ::setenv("XDG_CONFIG_HOME", dir.file("config").c_str(), 1);  // opened files are remembered there
    const std::string project = writeDemoProject(dir, "lc.gpkg");
    // No display here: the app got as far as the window, with the project read.
    const std::string noDisplay =
        "gapmap: không có màn hình để mở cửa sổ (không có màn hình thì dùng gapmap report hoặc gapmap render)\n";
    const RunResult open = runGapmap("open " + quote(project));
    CHECK(open.exitCode == 1);
    CHECK(open.err == noDisplay);
    const RunResult bare = runGapmap(quote(project));
    CHECK(bare.exitCode == 1);
    CHECK(bare.err == noDisplay);
    // Any existing file, whatever its name ends with, is tried as a project.
    std::filesystem::copy_file(project, dir.file("lc.du-an"));
    CHECK(runGapmap(quote(dir.file("lc.du-an"))).err == noDisplay);
    // A .gpkg that is not there: the project file error, naming it.
    const RunResult missing = runGapmap(quote(dir.file("khong-co.gpkg")));
    CHECK(missing.exitCode == 1);
    CHECK(missing.err == "gapmap: " + dir.file("khong-co.gpkg") + ": không có tệp dự án này\n");
    // A misspelt file name is an unknown command that says no such file is there either.
    const RunResult misspelt = runGapmap(quote(dir.file("lc.gpgk")));
    CHECK(misspelt.exitCode == 2);
    CHECK(misspelt.err == "gapmap: không có lệnh \"" + dir.file("lc.gpgk") +
                              "\", cũng không có tệp nào tên như vậy; mở dự án: gapmap TỆP.gpkg (xem gapmap --help)\n");
    CHECK(runGapmap(quote(project) + " extra").exitCode == 2);
    ::unsetenv("XDG_CONFIG_HOME");
}
