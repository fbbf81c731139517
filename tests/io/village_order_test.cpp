// Villages enter a project in code order: the importer writes them so, and readProject sorts a file
// that lists them otherwise (the analysis is fastest in code order; core/village_marks.h). And a read
// may leave the admin units' polygons out (ProjectReadOptions::areas) without changing anything else.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "io/importer.h"
#include "io/project_file.h"
#include "support/fixtures.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

std::vector<std::string> codes(const std::vector<Village>& villages) {
    std::vector<std::string> out;
    for (const Village& v : villages) out.push_back(v.code);
    return out;
}

// The villages' codes in the order the file stores them (fid), as QGIS and ogrinfo list them.
std::vector<std::string> storedCodes(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("villages");
    REQUIRE(layer);
    std::vector<std::string> out;
    for (auto& f : *layer) out.push_back(f->GetFieldAsString("code"));
    return out;
}

Village village(const std::string& code, const std::string& name, std::int64_t population) {
    Village v;
    v.code = code;
    v.name = name;
    v.communeCode = "00101";
    v.population = population;
    v.location = LonLat{103.0 + double(population) / 10000, 22.05};
    return v;
}

}  // namespace

TEST_CASE("a file listing villages out of code order is read in code order, each record whole", "[io][project][village_order]") {
    TempDir dir;
    Project p;
    p.adminUnits = {{"00101", "Nậm Ban", AdminLevel::Commune, "", "xã", std::nullopt, false, {}}};
    p.settings = {{"title", "Thử"}};
    // Byte order of codes, as std::string compares them: "V10" before "V2". Two villages share "V2":
    // they keep the order the file gives them.
    p.villages = {village("V2", "Hai", 200), village("V10", "Mười", 1000), village("V1", "Một", 100), village("V2", "Hai bis", 201),
                  village("B7", "Bảy", 700)};
    const std::string path = dir.file("p.gpkg");
    writeProject(p, path);  // written in the order given
    REQUIRE(storedCodes(path) == std::vector<std::string>{"V2", "V10", "V1", "V2", "B7"});
    const Project read = readProject(path);
    CHECK(codes(read.villages) == std::vector<std::string>{"B7", "V1", "V10", "V2", "V2"});
    REQUIRE(read.villages.size() == 5);
    CHECK(read.villages[0].name == "Bảy");
    CHECK(read.villages[0].population == 700);
    CHECK(read.villages[0].location->lonDeg == 103.07);
    CHECK(read.villages[2].name == "Mười");
    CHECK(read.villages[2].population == 1000);
    CHECK(read.villages[3].name == "Hai");
    CHECK(read.villages[4].name == "Hai bis");
}

TEST_CASE("the importer writes villages in code order", "[io][import][village_order]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    importFile(path, {"admin_units", writeTestAdminUnits(dir.file("units.geojson"))});
    writeFile(dir.file("villages.csv"), "code,name,commune_code,lon,lat\n"
                                        "V3,Nà Tăm,00101,103.02,22.08\n"
                                        "V10,Pá Khoang,00102,103.15,22.06\n"
                                        "V1,Bản Huổi Ho,00101,103.05,22.05\n");
    importFile(path, {"villages", dir.file("villages.csv")});
    CHECK(storedCodes(path) == std::vector<std::string>{"V1", "V10", "V3"});
    const Project read = readProject(path);
    CHECK(codes(read.villages) == std::vector<std::string>{"V1", "V10", "V3"});
    CHECK(read.villages[2].name == "Nà Tăm");
}

TEST_CASE("a read without areas leaves the units' polygons out and nothing else", "[io][project][read_options]") {
    TempDir dir;
    const std::string path = writeDemoProject(dir);
    const Project full = readProject(path);
    const Project lean = readProject(path, {.areas = false});
    std::size_t withArea = 0;
    for (const AdminUnit& u : full.adminUnits) withArea += !u.area.empty();
    CHECK(withArea > 0);
    REQUIRE(lean.adminUnits.size() == full.adminUnits.size());
    for (std::size_t i = 0; i < full.adminUnits.size(); ++i) {
        const AdminUnit &a = full.adminUnits[i], &b = lean.adminUnits[i];
        CHECK(b.area.empty());
        CHECK((a.code == b.code && a.name == b.name && a.level == b.level && a.parentCode == b.parentCode && a.kind == b.kind &&
               a.population == b.population && a.especiallyDifficult == b.especiallyDifficult));
    }
    CHECK(codes(lean.villages) == codes(full.villages));
    CHECK(lean.teams.size() == full.teams.size());
    CHECK(lean.trustedAddresses.size() == full.trustedAddresses.size());
    CHECK(lean.settings.size() == full.settings.size());
}
