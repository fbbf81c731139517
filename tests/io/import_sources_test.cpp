// Sources a user meets besides plain files (issue 12, items 6 and 8): shapefiles written in CP1258
// with a .cpg (read as raw bytes, converted by gapmap), zipped and tarred sources, File Geodatabase
// folders, and archives that hold several sources. The real Lai Châu files are converted into a
// temporary folder (never copied into the project); tests print SKIPPED when ../shared/geodata is absent.
#include <catch2/catch.hpp>

#include <cpl_vsi.h>
#include <cpl_string.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/importer.h"
#include "io/ogr_reader.h"
#include "io/project_file.h"
#include "io/source_path.h"
#include "io/unicode.h"
#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;
namespace fs = std::filesystem;

namespace {

const char* kLaiChau2009 = "censusVN2009/lai_chau_communes_2009_censusVN2009.geojson";
const char* kLaiChau2025 = "gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson";

std::multiset<std::string> unitNames(const std::string& project) {
    std::multiset<std::string> names;
    for (const AdminUnit& u : readProject(project).adminUnits) names.insert(u.name);
    return names;
}

// The names of `source` imported as admin_units into a fresh project: what every other route must give.
std::multiset<std::string> referenceNames(const TempDir& dir, const std::string& source) {
    const std::string project = dir.file("reference.gpkg");
    importFile(project, {"admin_units", source});
    return unitNames(project);
}

bool anyContains(const std::multiset<std::string>& names, const std::string& part) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

// The shapefile ogr2ogr writes with -lco ENCODING=CP1258 (what desktop GIS writes for Vietnamese Windows).
std::string cp1258Shapefile(const TempDir& dir, const std::string& source, const std::string& name,
                            const std::vector<std::string>& extra = {}) {
    const std::string shp = dir.file(name + ".shp");
    std::vector<std::string> options = {"-f", "ESRI Shapefile", "-lco", "ENCODING=CP1258"};
    options.insert(options.end(), extra.begin(), extra.end());
    translateVector(source, shp, options);
    return shp;
}

bool gdalHas7z() {
    char** prefixes = VSIGetFileSystemsPrefixes();
    const bool found = CSLFindString(prefixes, "/vsi7z/") >= 0;
    CSLDestroy(prefixes);
    return found;
}

}  // namespace

TEST_CASE("a CP1258 shapefile with its .cpg imports with names whole, without --encoding", "[io][import][encoding][geodata]") {
    const std::string source = sharedGeodata(kLaiChau2009);
    if (source.empty()) return;
    TempDir dir;
    const std::multiset<std::string> expected = referenceNames(dir, source);
    REQUIRE(expected.size() == 117);  // 108 communes and the 8 districts and province their columns imply
    const std::string shp = cp1258Shapefile(dir, source, "laichau");
    REQUIRE(readFile(dir.file("laichau.cpg")).starts_with("CP1258"));
    // Every spelling of the code page a .cpg may hold.
    for (const char* cpg : {"CP1258", "1258", "windows-1258", "ANSI 1258", "cp1258"}) {
        INFO(cpg);
        writeFile(dir.file("laichau.cpg"), cpg);
        const std::string project = dir.file(std::string("p") + cpg + ".gpkg");
        const RunResult r = runGapmap("import " + quote(project) + " --as admin_units " + quote(shp) + " --lang en");
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK_THAT(r.out, Catch::Contains("108 imported") && Catch::Contains("converted from CP1258"));
        const std::multiset<std::string> names = unitNames(project);
        CHECK(names == expected);
        CHECK(anyContains(names, "Nậm Ban"));
        CHECK(anyContains(names, "Mường Tè"));
        for (const std::string& n : names) CHECK(toNfc(n) == n);
    }
}

TEST_CASE("CP1258 field names and NFD names come back whole and NFC", "[io][import][encoding][geodata]") {
    const std::string source = sharedGeodata(kLaiChau2025);
    if (source.empty()) return;
    TempDir dir;
    // Vietnamese field names: GDAL's iconv reading would give "Mã x", "Tên x", "Loạ".
    const std::string shp = cp1258Shapefile(dir, source, "wards",
        {"-sql", "SELECT ward_code AS \"Mã xã\", name AS \"Tên xã\", type AS \"Loại\" FROM vn2025_wards_12_lai_chau"});
    const SourceTable t = readSource(shp, {});
    CHECK(t.fields == std::vector<std::string>{"Mã xã", "Tên xã", "Loại"});
    CHECK(t.convertedFrom == "CP1258");
    REQUIRE(t.rows.size() == 38);
    std::set<std::string> names;
    for (const SourceRow& row : t.rows) {
        REQUIRE(row.values[1]);
        CHECK(toNfc(*row.values[1]) == *row.values[1]);
        names.insert(*row.values[1]);
    }
    CHECK(names.count("Nậm Sỏ"));   // U+0309 decomposed in the GeoJSON; one composed letter here
    CHECK(names.count("Bản Bo"));
    CHECK(names.count("Mường Tè"));
}

TEST_CASE("a .cpg is a hint: UTF-8 bytes under a CP1258 .cpg stay UTF-8", "[io][import][encoding]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    writeVectorFile(dir.file("v.shp"), "ESRI Shapefile", 4326, "point", {"code", "name"},
                    {{{"V1", "Mường Tè"}, "POINT (103.05 22.05)"}, {{"V2", "Nậm Nhùn"}, "POINT (103.15 22.05)"}}, {"ENCODING=UTF-8"});
    writeFile(dir.file("v.cpg"), "1258");  // wrong: the bytes are UTF-8
    const SourceTable t = readSource(dir.file("v.shp"), {});
    REQUIRE(t.rows.size() == 2);
    CHECK(*t.rows[0].values[1] == "Mường Tè");
    CHECK(t.codePageOverruled == "CP1258");
    Project p;
    importInto(p, {"admin_units", writeTestAdminUnits(dir.file("u.geojson"))});
    const ImportResult r = importInto(p, {"villages", dir.file("v.shp")});
    REQUIRE(r.notes.size() >= 1);
    CHECK_THAT(r.notes[0], Catch::Contains("the .cpg names 1258, but the text reads as UTF-8"));
}

TEST_CASE("a zipped shapefile, a tar.gz and a .gdb folder import like the file itself", "[io][import][archive][geodata]") {
    const std::string source = sharedGeodata(kLaiChau2025);
    if (source.empty()) return;
    TempDir dir;
    const std::multiset<std::string> expected = referenceNames(dir, source);
    REQUIRE(expected.size() == 39);  // 38 communes and the province their columns imply
    fs::create_directories(dir.path() / "shp");
    const std::string shp = (dir.path() / "shp" / "wards.shp").string();
    translateVector(source, shp, {"-f", "ESRI Shapefile", "-lco", "ENCODING=CP1258"});
    std::vector<std::pair<std::string, std::string>> members;
    for (const char* ext : {"shp", "shx", "dbf", "prj", "cpg"}) members.push_back({std::string("wards.") + ext, (dir.path() / "shp" / (std::string("wards.") + ext)).string()});
    writeZip(dir.file("wards.zip"), members);
    REQUIRE(std::system(("tar czf " + quote(dir.file("wards.tar.gz")) + " -C " + quote((dir.path() / "shp").string()) + " .").c_str()) == 0);
    translateVector(source, dir.file("wards.gdb"), {"-f", "OpenFileGDB"});
    REQUIRE(fs::is_directory(dir.file("wards.gdb")));
    for (const char* file : {"wards.zip", "wards.tar.gz", "wards.gdb"}) {
        INFO(file);
        const std::string project = dir.file(std::string(file) + ".gpkg");
        const RunResult r = runGapmap("import " + quote(project) + " --as admin_units " + quote(dir.file(file)) + " --lang en");
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK_THAT(r.out, Catch::Contains("38 imported"));
        CHECK(unitNames(project) == expected);
    }
}

TEST_CASE("an archive of several sources is refused listing them, --layer picks one", "[io][import][archive]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    const std::string units = writeTestAdminUnits(dir.file("units.geojson"));
    writeFile(dir.file("notes.txt"), "read me\n");
    writeZip(dir.file("two.zip"), {{"units.geojson", units}, {"more/other.geojson", units}, {"notes.txt", dir.file("notes.txt")}});
    Project p;
    try {
        importInto(p, {"admin_units", dir.file("two.zip")});
        FAIL("an archive of two sources was read");
    } catch (const InputError& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("two.zip: the archive holds several sources: units.geojson, more/other.geojson; choose one with --layer NAME"));
    }
    ImportRequest pick{"admin_units", dir.file("two.zip")};
    pick.read.layer = "other";
    const ImportResult r = importInto(p, pick);
    CHECK(r.rowsImported == 4);
    CHECK(p.adminUnits.size() == 4);

    writeZip(dir.file("none.zip"), {{"notes.txt", dir.file("notes.txt")}});
    CHECK_THROWS_WITH(importInto(p, {"admin_units", dir.file("none.zip")}), Catch::Contains("holds no map or table file gapmap reads; it holds: notes.txt"));
    fs::create_directories(dir.path() / "folder");
    CHECK_THROWS_WITH(importInto(p, {"admin_units", (dir.path() / "folder").string()}), Catch::Contains("is a folder, not a file"));
    writeFile(dir.file("units.7z"), "7z\xBC\xAF\x27\x1C not really");
    if (!gdalHas7z())
        CHECK_THROWS_WITH(importInto(p, {"admin_units", dir.file("units.7z")}), Catch::Contains(".7z archives cannot be read by this GDAL"));
    CHECK(p.adminUnits.size() == 4);
}

TEST_CASE("vector sources in an archive listing: shapefile parts and .gdb insides are one source each", "[io][archive]") {
    CHECK(vectorSourcesIn({"a.shp", "a.shx", "a.dbf", "a.prj", "a.cpg"}) == std::vector<std::string>{"a.shp"});
    CHECK(vectorSourcesIn({"x.gdb/", "x.gdb/a00000001.gdbtable", "x.gdb/gdb"}) == std::vector<std::string>{"x.gdb/"});
    CHECK(vectorSourcesIn({"__MACOSX/._a.geojson", "a.geojson", "readme.txt"}) == std::vector<std::string>{"a.geojson"});
    CHECK(vectorSourcesIn({"attributes.dbf", "v.csv"}) == std::vector<std::string>{"attributes.dbf", "v.csv"});
}
