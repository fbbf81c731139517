#include "support/test_support.h"

#include <algorithm>
#include <stdexcept>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

namespace gapmap::test {

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("gapmap-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

size_t lineCount(const std::string& text) {
    return size_t(std::count(text.begin(), text.end(), '\n'));
}

std::string writeDemoProject(const TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    const RunResult r = runGapmap("demo " + quote(path));
    if (r.exitCode != 0) throw std::runtime_error("gapmap demo failed: " + r.err);
    return path;
}

bool ogrinfoReads(const std::string& path) {
    return std::system(("ogrinfo -q -so " + quote(path) + " villages >/dev/null 2>&1").c_str()) == 0;
}

std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

RunResult runGapmap(const std::string& args) {
    TempDir io;
    const std::string out = io.file("out"), err = io.file("err");
    const std::string cmd = quote(GAPMAP_BIN) + " " + args + " >" + quote(out) + " 2>" + quote(err) + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(out);
    r.err = readFile(err);
    return r;
}

void importLaiChau2009(const std::string& project, const std::string& dir2009) {
    const std::string imports[] = {
        "--as admin_units " + quote(dir2009 + "/vn2009_provinces_censusVN2009.geojson") +
            " --where \"province_id = 301\" --level province --map code=province_id --map name=province_vn",
        "--as admin_units " + quote(dir2009 + "/vn2009_districts_censusVN2009.geojson") +
            " --where \"province_id = 301\" --level district --map code=district_id --map name=district_vn --map parent_code=province_id",
        "--as admin_units " + quote(dir2009 + "/lai_chau_communes_2009_censusVN2009.geojson")};
    for (const std::string& args : imports) {
        const RunResult r = runGapmap("import " + project + " " + args);
        if (r.exitCode != 0) throw std::runtime_error("gapmap import " + args + ": " + r.err);
    }
}

void importNationalCommunes2009(const std::string& project, const std::string& dir2009, const std::string& scratch, const std::string& columns) {
    // The five regional files merged into one source (a nameless commune is named by its code),
    // then imported as one table.
    const std::string merged = scratch + "/communes.gpkg";
    for (const char* region : {"r1_red_river_delta", "r2_northeast", "r34_northwest_north_central", "r56_south_central_highlands", "r78_southeast_mekong"}) {
        const std::string layer = std::string("vn2009_communes_") + region;
        const std::string sql = "SELECT commune_id, CASE WHEN commune_vn IS NULL OR commune_vn = '' THEN CAST(commune_id AS TEXT) ELSE commune_vn END AS commune_vn, " +
                                columns + ", geometry FROM \"" + layer + "\"";
        const std::string cmd = "ogr2ogr -f GPKG " + quote(merged) + " " + quote(dir2009 + "/" + layer + ".geojson") +
                                " -append -nln communes -dialect SQLite -sql " + quote(sql) + " >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) throw std::runtime_error("ogr2ogr " + layer + " failed");
    }
    const RunResult r = runGapmap("import " + quote(project) + " --as admin_units " + quote(merged) + " --level commune --lang en");
    if (r.exitCode != 0) throw std::runtime_error("gapmap import " + merged + ": " + r.out + r.err);
}

std::string sharedGeodata(const std::string& relative) {
    const std::filesystem::path p = std::filesystem::path(GAPMAP_SHARED_GEODATA) / relative;
    if (std::filesystem::exists(p)) return p.string();
    // CI always has ../shared (.ci/run sets GAPMAP_REQUIRE_SHARED=1): there a missing file is a
    // failure, never a quiet skip that passes.
    if (const char* required = std::getenv("GAPMAP_REQUIRE_SHARED"); required && std::string(required) == "1")
        throw std::runtime_error(p.string() + " is absent and GAPMAP_REQUIRE_SHARED=1: this test cannot run");
    std::cout << "SKIPPED: " << p.string() << " is absent (../shared/geodata is not beside this checkout)\n";
    return "";
}

}  // namespace gapmap::test
