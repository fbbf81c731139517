// `gapmap migrate` (app/io/migrate.cpp, commune_crosswalk.cpp): Lai Châu 2009 (108 communes in 8
// districts, ../shared/geodata) with located and unlocated villages and their records, carried onto
// the 38 communes of 2025. Checked independently of the product: containment and the overlay are
// recomputed here with GEOS through OGR, on another equal-area projection (Lambert azimuthal).
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "support/test_support.h"

using namespace gapmap::test;

namespace {

using Geometry = std::unique_ptr<OGRGeometry>;

struct Unit { std::string code; Geometry area; double areaM2 = 0; };

// admin_units of level `level` from a project file, projected to Lambert azimuthal equal-area (m).
std::vector<Unit> unitsOf(const std::string& path, const char* level) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(ds);
    OGRSpatialReference wgs84, laea;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    laea.importFromProj4("+proj=laea +lat_0=16 +lon_0=106 +datum=WGS84 +units=m");
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &laea));
    std::vector<Unit> out;
    OGRLayer* layer = ds->GetLayerByName("admin_units");
    for (auto& f : *layer) {
        if (std::string(f->GetFieldAsString("level")) != level || !f->GetGeometryRef()) continue;
        Geometry g(f->GetGeometryRef()->clone());
        REQUIRE(g->transform(ct.get()) == OGRERR_NONE);
        if (!g->IsValid()) g.reset(g->MakeValid());
        const double area = OGR_G_Area(OGRGeometry::ToHandle(g.get()));
        out.push_back({f->GetFieldAsString("code"), std::move(g), area});
    }
    return out;
}

std::map<std::string, long long> rowCounts(const std::string& path) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    std::map<std::string, long long> n;
    for (const char* t : {"villages", "communication_teams", "trusted_addresses", "clubs", "activities", "commune_offices"})
        n[t] = ds->GetLayerByName(t) ? ds->GetLayerByName(t)->GetFeatureCount() : -1;
    return n;
}

}  // namespace

TEST_CASE("gapmap migrate: Lai Châu 2009 onto the 38 communes of 2025, nothing lost, crosswalk as GEOS", "[cli][migrate][geodata]") {
    const std::string d2009 = sharedGeodata("censusVN2009");
    const std::string units2025 = sharedGeodata("gisvn2025_wards_by_province/vn2025_wards_12_lai_chau.geojson");
    if (d2009.empty() || units2025.empty()) return;
    GDALAllRegister();
    TempDir dir;
    const std::string old = dir.file("lc2009.gpkg");
    importLaiChau2009(quote(old), d2009);

    // One village at a point inside each old commune (GEOS PointOnSurface, computed here), and one
    // without coordinates in every fourth commune; a team, a club, an activity and an office each.
    std::unique_ptr<GDALDataset> src(GDALDataset::Open(old.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    std::string villages = "code,name,commune_code,lon,lat,internet\n", teams = "village_code,members,women_members\n";
    std::string clubs = "code,name,commune_code\n", activities = "date,commune_code,kind,sessions,participants\n";
    std::string offices = "commune_code,computers,internet\n", tas = "code,name,commune_code,lon,lat\n";
    // The 2025 communes as the file has them, to put villages in the smaller part of split communes.
    std::unique_ptr<GDALDataset> file2025(GDALDataset::Open(units2025.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(file2025);
    std::vector<std::pair<std::string, Geometry>> wards;
    for (auto& f : *file2025->GetLayer(0)) wards.emplace_back(f->GetFieldAsString("ward_code"), Geometry(f->GetGeometryRef()->clone()));
    std::map<std::string, std::string> expected;  // village code -> the 2025 commune that holds its point
    int k = 0;
    for (auto& f : *src->GetLayerByName("admin_units")) {
        if (std::string(f->GetFieldAsString("level")) != "commune") continue;
        const std::string code = f->GetFieldAsString("code");
        {
            // Every part of 5 % or more that is not the commune's largest: a village at a point inside
            // that part must go to that part's commune, not to the largest overlap.
            std::vector<std::pair<double, std::pair<std::string, Geometry>>> parts;
            const double whole = OGR_G_Area(OGRGeometry::ToHandle(f->GetGeometryRef()));
            for (const auto& [ward, area] : wards) {
                Geometry part(f->GetGeometryRef()->Intersection(area.get()));
                const double share = part ? OGR_G_Area(OGRGeometry::ToHandle(part.get())) / whole : 0;
                if (share >= 0.05) parts.emplace_back(share, std::make_pair(ward, std::move(part)));
            }
            std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            for (size_t i = 1; i < parts.size(); ++i) {
                const Geometry p(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(parts[i].second.second.get()))));
                REQUIRE(p);
                char at[64];
                std::snprintf(at, sizeof at, "%.6f,%.6f", p->toPoint()->getX(), p->toPoint()->getY());
                const std::string village = "S" + code + "_" + parts[i].second.first;
                villages += village + ",Bản " + village + "," + code + "," + at + ",1\n";
                expected[village] = parts[i].second.first;
            }
        }
        const Geometry inside(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(f->GetGeometryRef()))));
        REQUIRE(inside);
        char lonlat[64];
        std::snprintf(lonlat, sizeof lonlat, "%.6f,%.6f", inside->toPoint()->getX(), inside->toPoint()->getY());
        villages += "P" + code + ",Bản " + code + "," + code + "," + lonlat + ",0\n";
        teams += "P" + code + ",8,4\n";
        if (k % 4 == 0) villages += "U" + code + ",Bản U" + code + "," + code + ",,,1\n";
        if (k % 3 == 0) clubs += "C" + code + ",CLB " + code + "," + code + "\n";
        activities += "2023-05-0" + std::to_string(1 + k % 9) + "," + code + ",policy_dialogue,1,20\n";
        offices += code + "," + std::to_string(k % 3) + "," + (k % 2 ? "1" : "0") + "\n";
        if (k % 10 == 0) tas += "T" + code + ",Điểm " + code + "," + code + "," + lonlat + "\n";
        ++k;
    }
    src.reset();
    REQUIRE(k == 108);
    for (const auto& [table, text] : std::vector<std::pair<std::string, std::string>>{{"villages", villages}, {"communication_teams", teams},
             {"clubs", clubs}, {"activities", activities}, {"commune_offices", offices}, {"trusted_addresses", tas}}) {
        writeFile(dir.file(table + ".csv"), text);
        const RunResult r = runGapmap("import " + quote(old) + " --as " + table + " " + quote(dir.file(table + ".csv")));
        INFO(table << ": " << r.err);
        REQUIRE(r.exitCode == 0);
    }
    const std::string oldBytes = readFile(old);

    const std::string out = dir.file("lc2025.gpkg"), csv = dir.file("crosswalk.csv");
    const RunResult r = runGapmap("migrate " + quote(old) + " --units " + quote(units2025) + " --out " + quote(out) +
                                  " --crosswalk-csv " + quote(csv) + " --lang en");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(readFile(old) == oldBytes);  // the old project is only read

    // Nothing lost: every table has as many rows after as before.
    const auto before = rowCounts(old), after = rowCounts(out);
    CHECK(before == after);
    CHECK(after.at("villages") == 108 + 27 + long(expected.size()));
    REQUIRE(expected.size() >= 10);

    // Every located village lies in the commune it was assigned to (GEOS Contains, here).
    const std::vector<Unit> news = unitsOf(out, "commune"), olds = unitsOf(old, "commune");
    REQUIRE(news.size() == 38);
    REQUIRE(olds.size() == 108);
    std::map<std::string, const Unit*> newByCode;
    for (const Unit& u : news) newByCode[u.code] = &u;
    std::unique_ptr<GDALDataset> migrated(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    int located = 0, inAssigned = 0;
    std::map<std::string, std::string> assigned;
    {
        OGRSpatialReference wgs84, laea;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        laea.importFromProj4("+proj=laea +lat_0=16 +lon_0=106 +datum=WGS84 +units=m");
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &laea));
        for (auto& f : *migrated->GetLayerByName("villages")) {
            const std::string code = f->GetFieldAsString("code"), commune = f->GetFieldAsString("commune_code");
            assigned[code] = commune;
            CHECK(newByCode.count(commune) == 1);  // every village on a new commune
            if (!f->GetGeometryRef()) continue;
            ++located;
            Geometry p(f->GetGeometryRef()->clone());
            p->transform(ct.get());
            const Unit* containing = nullptr;
            for (const Unit& u : news)
                if (u.area->Contains(p.get())) containing = &u;
            if (containing) {
                INFO("village " << code);
                CHECK(containing->code == commune);
                inAssigned += containing->code == commune;
            }
        }
    }
    CHECK(located == 108 + int(expected.size()));
    CHECK(inAssigned >= 100);  // points of 2009 communes outside the 2025 outline are placed by overlap
    for (const auto& [village, commune] : expected) {
        INFO("village " << village << " in the smaller part of a split commune");
        CHECK(assigned[village] == commune);
    }
    CHECK_THAT(r.out, Catch::Contains(std::to_string(inAssigned) + " placed by their point"));

    // The crosswalk table matches an overlay computed here (other projection: shares within 0.2 %).
    std::map<std::pair<std::string, std::string>, std::pair<double, double>> table;
    for (auto& f : *migrated->GetLayerByName("commune_crosswalk"))
        table[{f->GetFieldAsString("old_code"), f->GetFieldAsString("new_code")}] = {f->GetFieldAsDouble("share_of_old_area"), f->GetFieldAsDouble("share_of_new_area")};
    REQUIRE(!table.empty());
    int splitHere = 0, pairsHere = 0;
    for (const Unit& o : olds) {
        int pieces = 0;
        for (const Unit& n : news) {
            Geometry overlap(o.area->Intersection(n.area.get()));
            const double a = overlap ? OGR_G_Area(OGRGeometry::ToHandle(overlap.get())) : 0;
            const double ofOld = a / o.areaM2, ofNew = a / n.areaM2;
            pieces += ofOld >= 0.05;  // io/migrate.h kSplitShare
            const auto it = table.find({o.code, n.code});
            if (ofOld >= 0.01 || ofNew >= 0.01) {
                ++pairsHere;
                INFO(o.code << " -> " << n.code);
                REQUIRE(it != table.end());
                CHECK(it->second.first == Approx(ofOld).margin(0.002));
                CHECK(it->second.second == Approx(ofNew).margin(0.002));
            } else if (it != table.end()) {
                CHECK(it->second.first < 0.01);
            }
        }
        splitHere += pieces > 1;
    }
    CHECK(pairsHere >= 108);
    CHECK(splitHere > 0);
    // Split communes are listed, one line each, with their shares.
    size_t listed = 0;
    for (size_t at = r.out.find("\n    "); at != std::string::npos; at = r.out.find("\n    ", at + 1)) ++listed;
    CHECK(listed == size_t(splitHere));
    CHECK_THAT(r.out, Catch::Contains(std::to_string(splitHere) + " old communes split"));

    // The CSV holds the table's rows, with the new names.
    const std::string text = readFile(csv);
    CHECK(lineCount(text) == table.size() + 1);
    CHECK_THAT(text, Catch::Contains("Bản Bo"));

    // Years before the reform are computed on the new units, and the report says so.
    const RunResult asOf = runGapmap("report " + quote(out) + " --as-of 2023 --lang en");
    CHECK(asOf.exitCode == 0);
    CHECK_THAT(asOf.out, Catch::Contains("through the crosswalk"));
    const RunResult now = runGapmap("report " + quote(out) + " --lang en");
    CHECK_THAT(now.out, !Catch::Contains("through the crosswalk"));

    // info names the crosswalk: its pairs and the communes on each side, counted here from the table.
    std::set<std::string> oldSide, newSide;
    for (const auto& [pair, shares] : table) { oldSide.insert(pair.first); newSide.insert(pair.second); }
    const RunResult info = runGapmap("info " + quote(out) + " --lang en");
    CHECK(info.exitCode == 0);
    CHECK_THAT(info.out, Catch::Contains("the crosswalk joins " + std::to_string(oldSide.size()) + " old communes to " +
                                         std::to_string(newSide.size()) + " new ones in " + std::to_string(table.size()) + " pairs"));
    const RunResult json = runGapmap("info " + quote(out) + " --format json");
    CHECK_THAT(json.out, Catch::Contains("\"pairs\":" + std::to_string(table.size()) + ",\"old_communes\":" + std::to_string(oldSide.size())));
    CHECK_THAT(runGapmap("info " + quote(old) + " --format json").out, Catch::Contains("\"crosswalk\":null"));
}

TEST_CASE("gapmap migrate refuses to replace a file and leaves the old project as it was", "[cli][migrate]") {
    TempDir dir;
    const std::string old = writeDemoProject(dir, "old.gpkg");
    const std::string oldBytes = readFile(old);
    writeFile(dir.file("taken.gpkg"), "not mine");
    const RunResult exists = runGapmap("migrate " + quote(old) + " --units " + quote(old) + " --out " + quote(dir.file("taken.gpkg")) + " --lang en");
    CHECK(exists.exitCode == 1);
    CHECK_THAT(exists.err, Catch::Contains("taken.gpkg") && Catch::Contains("--force"));
    CHECK(readFile(dir.file("taken.gpkg")) == "not mine");
    const RunResult same = runGapmap("migrate " + quote(old) + " --units " + quote(old) + " --out " + quote(old) + " --force --lang en");
    CHECK(same.exitCode == 2);
    const RunResult noUnits = runGapmap("migrate " + quote(old) + " --out " + quote(dir.file("new.gpkg")));
    CHECK(noUnits.exitCode == 2);
    CHECK(readFile(old) == oldBytes);
}
