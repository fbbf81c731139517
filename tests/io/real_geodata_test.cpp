// The real Lai Châu communes from ../shared/geodata (read in place, never copied):
// before the 2025 reform (108 communes, three levels) and after (38, two levels).
// Each test prints SKIPPED and passes when the folder is absent.
#include <catch2/catch.hpp>

#include <set>

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
    const Project p = readProject(project);
    REQUIRE(p.adminUnits.size() == 108);
    std::set<std::string> names, districts;
    int64_t population = 0;
    for (const AdminUnit& u : p.adminUnits) {
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

TEST_CASE("Lai Châu 2025: 38 communes, two levels, NFD names normalised", "[io][geodata]") {
    const std::string file = sharedGeodata("gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau2025.gpkg");
    importFile(project, {"admin_units", file});
    const Project p = readProject(project);
    REQUIRE(p.adminUnits.size() == 38);
    CHECK_FALSE(p.hasDistricts());
    bool namSo = false;
    for (const AdminUnit& u : p.adminUnits) {
        CHECK(toNfc(u.name) == u.name);
        namSo = namSo || u.name == "Nậm Sỏ";  // decomposed U+0309 in the source
        CHECK((u.kind == "xã" || u.kind == "phường"));
    }
    CHECK(namSo);
}
