// The real Lai Châu communes from ../shared/geodata (read in place, never copied):
// before the 2025 reform (108 communes, three levels) and after (38, two levels).
// Each test prints SKIPPED and passes when the folder is absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "core/i18n.h"
#include "core/implied_units.h"
#include "core/text_fold.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "io/unicode.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

TEST_CASE("Lai Châu 2009: 108 communes with Vietnamese names intact", "[io][geodata]") {
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau.gpkg");
    const ImportResult r = importFile(project, {"admin_units", file});
    CHECK(r.rowsRead == 108);
    CHECK(r.rowsImported == 108);
    CHECK(r.rowsMatched == 108);  // every commune's district made from district_id/district_vn
    const Project p = readProject(project);
    REQUIRE(p.adminUnits.size() == 108 + 8 + 1);
    std::set<std::string> names, districts;
    int64_t population = 0;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        CHECK(toNfc(u.name) == u.name);
        CHECK_FALSE(u.area.empty());
        names.insert(u.name);
        districts.insert(u.parentCode);
        population += u.population.value_or(0);
    }
    CHECK(names.count("Nậm Ban"));       // "Xã Nậm Ban" in the source: prefix moved to kind
    CHECK(districts.size() == 8);
    CHECK(population == 303467);         // SOURCES.md: the communes sum to 303,467
}

TEST_CASE("Lai Châu 2009: a population of 0 is no data, with one note naming the units", "[io][geodata][no_data]") {
    // The census holds 0 for the 8 communes made after 2009 (all of Nậm Nhùn district among them).
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau.gpkg");
    const ImportResult r = importFile(project, {"admin_units", file});
    int notes = 0;
    for (const std::string& n : r.notes)
        if (n.find("Nậm Chà") != std::string::npos) {
            ++notes;
            CHECK(n.find(" 8 ") != std::string::npos);
        }
    CHECK(notes == 1);
    const Project p = readProject(project);
    std::set<std::string> withoutPopulation;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        CHECK((!u.population || *u.population > 0));
        if (!u.population) withoutPopulation.insert(u.name);
    }
    CHECK(withoutPopulation == std::set<std::string>{"Nậm Chà", "Nậm Nhùn", "Nậm Pì", "Quyết Tiến", "Tá Bạ", "Vàng San", "Lùng Thàng", "Pa Khóa"});
}

TEST_CASE("Lai Châu 2025: 38 communes, two levels, NFD names normalised", "[io][geodata]") {
    const std::string file = sharedGeodata("gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau2025.gpkg");
    importFile(project, {"admin_units", file});
    const Project p = readProject(project);
    REQUIRE(p.adminUnits.size() == 38 + 1);  // and the province, made from province_code/province
    CHECK_FALSE(p.hasDistricts());
    bool namSo = false;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        CHECK(toNfc(u.name) == u.name);
        namSo = namSo || u.name == "Nậm Sỏ";  // decomposed U+0309 in the source
        CHECK((u.kind == "xã" || u.kind == "phường"));
    }
    CHECK(namSo);
}

// Issue 12: official names kept, kinds from the `type` column, the province made from the
// province_code/province columns without a warning, and a title that is the province's.
TEST_CASE("Lai Châu 2025: Bản Bo keeps its name, the province is implied, no parent warning", "[io][geodata][names]") {
    const ScopedLanguage english(Lang::En);
    const std::string file = sharedGeodata("gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson");
    if (file.empty()) return;
    Project p;
    const ImportResult r = importInto(p, {"admin_units", file});
    CHECK(r.rowsImported == 38);
    CHECK(r.rowsMatched == 38);
    const std::string summary = formatImportResult(r);
    CHECK_THAT(summary, !Catch::Contains("level the project does not"));
    CHECK_THAT(summary, Catch::Contains("Tỉnh Lai Châu (12)"));
    const AdminUnit* banBo = p.findUnit("03424");
    REQUIRE(banBo);
    CHECK(banBo->name == "Bản Bo");
    CHECK(banBo->kind == "xã");
    CHECK(banBo->parentCode == "12");
    const AdminUnit* province = p.findUnit("12");
    REQUIRE(province);
    CHECK(province->level == AdminLevel::Province);
    CHECK(province->name == "Lai Châu");
    CHECK(province->kind == "tỉnh");
    CHECK(p.title() == "Tỉnh Lai Châu");
    CHECK_FALSE(p.hasDistricts());
    CHECK(p.findUnit("03388")->kind == "phường");  // Đoàn Kết
    CHECK(unitExtent(p, *province).minLon < 102.5);  // framed by its communes (about 102.3–103.9 °E)
    // Importing again keeps one province, made once.
    const ImportResult again = importInto(p, {"admin_units", file});
    CHECK_THAT(formatImportResult(again), !Catch::Contains("Tỉnh Lai Châu (12)"));
    CHECK(p.adminUnits.size() == 39);
}

TEST_CASE("every 2025 ward file keeps every official name", "[io][geodata][names]") {
    const std::string dir = sharedGeodata("gisvn2025_wards_by_province");
    if (dir.empty()) return;
    size_t units = 0, files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("vn2025_wards_")) continue;
        Project p;
        importInto(p, {"admin_units", entry.path().string()});
        ++files;
        // The source's names, NFC: the stored name of each code is the `name` the file gives.
        Project raw;
        ImportRequest plain{"admin_units", entry.path().string()};
        plain.columnMap = {{"name", "name"}, {"kind", "province"}};  // a kind that never equals a leading word
        importInto(raw, plain);
        for (const AdminUnit& u : raw.adminUnits) {
            if (u.level != AdminLevel::Commune) continue;
            const AdminUnit* kept = p.findUnit(u.code);
            REQUIRE(kept);
            INFO(name << " " << u.code);
            CHECK(kept->name == u.name);
            CHECK((kept->kind == "xã" || kept->kind == "phường" || kept->kind == "đặc khu"));
            ++units;
        }
    }
    CHECK(files == 34);
    CHECK(units == 3321);
}

TEST_CASE("a village list keeps Tổ dân phố 1 and Khu 1, and names the two Mường Tè by kind", "[io][geodata][names][join]") {
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    Project p;
    importInto(p, {"admin_units", file});
    // Typed as a commune office would: kind words in the commune column, a district column.
    writeFile(dir.file("villages.csv"),
              "Mã thôn,Tên thôn,Xã,Huyện,Dân số\n"
              "T1,Tổ dân phố 1,Thị trấn Mường Tè,,410\n"
              "T2,Khu 1,Xã Mường Tè,,220\n"
              "T3,Bản Nà Sẳng,Mường Tè,Huyện Mường Tè,180\n"
              "T4,Bản Phố,\"Mường Tè, huyện Mường Tè\",,150\n"
              "T5,Bản Bum,Bum Nưa,,300\n");
    const ScopedLanguage english(Lang::En);
    const ImportResult r = importInto(p, {"villages", dir.file("villages.csv")});
    CHECK(r.rowsImported == 3);
    REQUIRE(r.notImported.size() == 2);  // plain "Mường Tè" in huyện Mường Tè: still two candidates
    CHECK_THAT(r.notImported[0], Catch::Contains("thị trấn Mường Tè 3010501") && Catch::Contains("xã Mường Tè 3010511"));
    REQUIRE(p.findVillage("T1"));
    CHECK(p.findVillage("T1")->name == "Tổ dân phố 1");
    CHECK(p.findVillage("T1")->communeCode == "3010501");
    CHECK(p.findVillage("T2")->name == "Khu 1");
    CHECK(p.findVillage("T2")->communeCode == "3010511");
    CHECK(p.findVillage("T5")->name == "Bản Bum");
}

TEST_CASE("red river delta 2009: the nameless commune is imported under its code", "[io][geodata][names]") {
    const ScopedLanguage english(Lang::En);
    const std::string file = sharedGeodata("censusVN2009/vn2009_communes_r1_red_river_delta.geojson");
    if (file.empty()) return;
    Project p;
    const ImportResult r = importInto(p, {"admin_units", file});
    CHECK(r.rowsRead == 2273);
    CHECK(r.rowsImported == 2273);
    const AdminUnit* nameless = p.findUnit("1171591");
    REQUIRE(nameless);
    CHECK(nameless->name == "1171591");
    CHECK(nameless->parentCode == "11715");
    CHECK_THAT(formatImportResult(r), Catch::Contains("no name; the code 1171591 is used as its name"));
    CHECK_THAT(formatImportResult(r), !Catch::Contains("level the project does not"));
}
