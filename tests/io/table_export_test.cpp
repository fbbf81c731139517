// XLSX and GeoPackage exports read back with GDAL: the same rows in the same order as the CSV,
// EPSG:4326 geometry, and no Trusted Address location or outcome count anywhere.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>

#include "core/coverage_tables.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/table_export.h"
#include "support/coverage_scenario.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180: quoted fields may hold commas, quotes and line breaks.
Rows parseCsv(const std::string& text) {
    Rows rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') { rows.back().push_back(field); field.clear(); }
        else if (c == '\n') { rows.back().push_back(field); field.clear(); rows.emplace_back(); }
        else field += c;
    }
    rows.pop_back();  // after the last line break
    return rows;
}

// Every layer's rows as text, header first, in feature order.
Rows readLayer(GDALDataset& ds, const std::string& name) {
    OGRLayer* layer = ds.GetLayerByName(name.c_str());
    REQUIRE(layer);
    Rows rows(1);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) rows[0].push_back(defn->GetFieldDefn(i)->GetNameRef());
    for (auto& f : *layer) {
        rows.emplace_back();
        for (int i = 0; i < defn->GetFieldCount(); ++i) rows.back().push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
    }
    return rows;
}

std::unique_ptr<GDALDataset> open(const std::string& path) {
    GdalSession::ensure();
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

// Cells agree as text, or as numbers where a spreadsheet writes them differently ("5" and "5.0").
bool sameCell(const std::string& a, const std::string& b) {
    if (a == b) return true;
    char* endA = nullptr;
    char* endB = nullptr;
    const double x = std::strtod(a.c_str(), &endA), y = std::strtod(b.c_str(), &endB);
    return !a.empty() && !b.empty() && *endA == 0 && *endB == 0 && std::fabs(x - y) < 1e-9;
}

void checkSameRows(const Rows& expected, const Rows& actual) {
    REQUIRE(actual.size() == expected.size());
    for (size_t r = 0; r < expected.size(); ++r) {
        REQUIRE(actual[r].size() == expected[r].size());
        for (size_t c = 0; c < expected[r].size(); ++c) {
            INFO("row " << r << ", column " << expected[0][c]);
            CHECK(sameCell(expected[r][c], actual[r][c]));
        }
    }
}

Project exportScenario() {
    Project p = coverageScenario();
    // A located, active Trusted Address far from every village: its coordinates must appear nowhere.
    p.trustedAddresses.push_back({"T9", "Địa chỉ xa", "113", "", "", "shelter", true, LonLat{104.123456, 21.654321}});
    p.outcomes[0].childMarriages = 113;  // a count that must not appear as a number
    return p;
}

}  // namespace

// Writes the scenario's tables with `write`, reads the file back and checks every layer against the CSV.
template <typename Writer>
std::unique_ptr<GDALDataset> writeAndCompare(const TempDir& dir, const std::string& name, Writer write) {
    const Project p = exportScenario();
    const std::vector<DataTable> tables = exportTables(p, analyseCoverage(p));
    write(tables, dir.file(name));
    auto ds = open(dir.file(name));
    REQUIRE(ds);
    for (const DataTable& t : tables) {
        INFO(t.name);
        checkSameRows(parseCsv(formatCsv(t)), readLayer(*ds, t.name));
    }
    return ds;
}

TEST_CASE("XLSX sheets hold the CSV's rows in the same order", "[io][export]") {
    TempDir dir;
    const auto ds = writeAndCompare(dir, "priorities.xlsx", writeXlsx);
    const Rows priorities = readLayer(*ds, "priority_villages");
    REQUIRE(priorities.size() == 7);  // header + 6 villages
    CHECK(priorities[1][1] == "B2");
    CHECK(priorities[4][1] == "B1");
}

TEST_CASE("GeoPackage layers: points and communes in EPSG:4326, the CSV's rows in order", "[io][export]") {
    TempDir dir;
    const auto ds = writeAndCompare(dir, "priorities.gpkg", writeGeoPackage);
    CHECK(std::string(ds->GetDriver()->GetDescription()) == "GPKG");
    OGRLayer* villages = ds->GetLayerByName("priority_villages");
    CHECK(wkbFlatten(villages->GetGeomType()) == wkbPoint);
    CHECK(std::string(villages->GetSpatialRef()->GetAuthorityCode(nullptr)) == "4326");
    int withPoint = 0;
    for (auto& f : *villages) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g) { CHECK(std::string(f->GetFieldAsString("village_code")) == "B3"); continue; }  // no coordinates: no point, still a row
        ++withPoint;
        CHECK(g->toPoint()->getX() == Approx(f->GetFieldAsDouble("lon")));
        CHECK(g->toPoint()->getY() == Approx(f->GetFieldAsDouble("lat")));
    }
    CHECK(withPoint == 5);
    OGRLayer* communes = ds->GetLayerByName("commune_summary");
    CHECK(wkbFlatten(communes->GetGeomType()) == wkbMultiPolygon);
    OGREnvelope box;
    REQUIRE(communes->GetExtent(&box) == OGRERR_NONE);
    CHECK(box.MinX == Approx(103.0));
    CHECK(box.MaxX == Approx(103.4));
    CHECK(ds->GetLayerByName("district_summary"));
    CHECK(ds->GetLayerByName("province_summary"));
}

TEST_CASE("no export holds a Trusted Address location or an outcome count", "[io][export][sensitive]") {
    const ScopedLanguage english(Lang::En);
    TempDir dir;
    const Project p = exportScenario();
    const CoverageResult r = analyseCoverage(p);
    const std::vector<DataTable> tables = exportTables(p, r);
    writeGeoPackage(tables, dir.file("all.gpkg"));
    const auto ds = open(dir.file("all.gpkg"));
    REQUIRE(ds);
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer* layer = ds->GetLayer(i);
        INFO(layer->GetName());
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int k = 0; k < defn->GetFieldCount(); ++k) {
            const std::string name = defn->GetFieldDefn(k)->GetNameRef();
            CHECK(name.find("marriage") == std::string::npos);
            CHECK(name.find("outcome") == std::string::npos);
        }
        for (auto& f : *layer) {
            for (int k = 0; k < defn->GetFieldCount(); ++k) {
                const std::string text = f->GetFieldAsString(k);
                CHECK(text.find("104.123456") == std::string::npos);
                CHECK(text.find("21.654321") == std::string::npos);
                if (defn->GetFieldDefn(k)->GetType() != OFTString) CHECK(f->GetFieldAsDouble(k) != 113);
            }
            if (const OGRGeometry* g = f->GetGeometryRef(); g && wkbFlatten(g->getGeometryType()) == wkbPoint)
                CHECK_FALSE((g->toPoint()->getX() == 104.123456 && g->toPoint()->getY() == 21.654321));
        }
    }
    const std::string csv = formatCsv(priorityTable(p, r)) + formatSummaryCsv(p, r) + formatPrioritiesJson(p, r);
    CHECK(csv.find("104.123456") == std::string::npos);
    CHECK(csv.find("113 ") == std::string::npos);
    CHECK(csv.find("5 or more child or consanguineous marriages reported (all years) +3") != std::string::npos);
}

TEST_CASE("an export that fails leaves no file, an existing one untouched", "[io][export][errors]") {
    TempDir dir;
    const Project p = exportScenario();
    const std::vector<DataTable> tables = exportTables(p, analyseCoverage(p));
    const std::string target = dir.file("keep.csv");
    writeFile(target, "old contents\n");
    writeTextFile(target, "new contents\n");
    CHECK(readFile(target) == "new contents\n");
    CHECK_THROWS_AS(writeGeoPackage(tables, dir.file("no-such-folder/out.gpkg")), InputError);
    CHECK_THROWS_AS(writeXlsx(tables, dir.path().string()), InputError);  // a folder, not a file
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) files += entry.is_regular_file();
    CHECK(files == 1);  // no temporary left behind
}
