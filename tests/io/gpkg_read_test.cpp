// The GDAL-free read of a project file (io/gpkg_read.cpp): what OGR read from the same file, table
// by table and coordinate by coordinate; rings, holes and empty geometries; big-endian WKB; a
// corrupt geometry blob refused with one message naming the file, the table and the feature.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/gpkg_read.h"
#include "io/project_dataset.h"
#include "io/project_file.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// Every value of every table as text (doubles to 17 digits: exact).
std::string dump(const Project& p) {
    std::ostringstream s;
    s.precision(17);
    auto opt = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("null"); };
    auto point = [&s](const std::optional<LonLat>& l) { if (l) s << l->lonDeg << " " << l->latDeg; else s << "none"; };
    for (const AdminUnit& u : p.adminUnits) {
        s << "unit " << u.code << "|" << u.name << "|" << toString(u.level) << "|" << u.parentCode << "|" << u.kind << "|"
          << opt(u.population) << "|" << u.especiallyDifficult << "|" << u.area.size();
        for (const Polygon& poly : u.area) {
            s << " [";
            for (const Ring& r : poly.rings) {
                s << " (";
                for (const LonLat& l : r) s << l.lonDeg << " " << l.latDeg << ",";
                s << ")";
            }
            s << "]";
        }
        s << "\n";
    }
    for (const Village& v : p.villages) {
        s << "village " << v.code << "|" << v.name << "|" << v.communeCode << "|";
        point(v.location);
        s << "|" << opt(v.population) << "|" << opt(v.households) << "|" << v.ethnicGroup << "|" << v.especiallyDifficult << "|"
          << toString(v.electricity) << "|" << toString(v.mobile) << "|" << v.internet << "\n";
    }
    for (const CommunicationTeam& t : p.teams) s << "team " << t.villageCode << "|" << t.established << "|" << t.members << "|" << t.womenMembers << "|" << t.channel << "\n";
    for (const TrustedAddress& a : p.trustedAddresses) {
        s << "ta " << a.code << "|" << a.name << "|" << a.communeCode << "|" << a.villageCode << "|" << a.established << "|" << a.services << "|" << a.active << "|";
        point(a.location);
        s << "\n";
    }
    for (const Club& c : p.clubs) s << "club " << c.code << "|" << c.name << "|" << c.communeCode << "|" << c.villageCode << "|" << c.established << "|" << c.members << "\n";
    for (const Activity& a : p.activities) s << "activity " << a.date << "|" << a.communeCode << "|" << a.kind << "|" << a.sessions << "|" << a.participants << "|" << a.womenParticipants << "\n";
    for (const CommuneOffice& o : p.communeOffices) s << "office " << o.communeCode << "|" << o.computers << "|" << o.internet << "\n";
    for (const Outcome& o : p.outcomes) s << "outcome " << o.villageCode << "|" << o.year << "|" << o.childMarriages << "|" << o.consanguineousMarriages << "\n";
    for (const Target& t : p.targets) s << "target " << t.indicator << "|" << t.year << "|" << t.value << "\n";
    for (const Setting& x : p.settings) s << "setting " << x.key << "|" << x.value << "\n";
    for (const TableLoad& l : p.loads) {
        s << "load " << l.table << "|" << l.sourceFile << "|" << l.loadedAt << "|" << l.rows << "|";
        for (const std::string& c : l.missingColumns) s << c << ",";
        s << "\n";
    }
    for (const RowSource& r : p.rowSources) s << "source " << r.table << "|" << r.key << "|" << r.sourceFile << "|" << r.sheet << "|" << r.row << "|" << r.importedAt << "\n";
    for (const CrosswalkRow& c : p.crosswalk) s << "crosswalk " << c.oldCode << "|" << c.oldName << "|" << c.newCode << "|" << c.shareOfOldArea << "|" << c.shareOfNewArea << "\n";
    s << "counts only " << p.trustedAddressCountsOnly << "\n";
    return s.str();
}

// The same file through GDAL/OGR features (the reader the project file used before io/gpkg_read).
Project readThroughOgr(const std::string& path) {
    GdalSession::ensureGeoPackage();
    const char* drivers[] = {"GPKG", nullptr};
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    REQUIRE(ds);
    return readProjectTables(*ds, {});
}

Ring square(double lon, double lat, double sizeDeg) {
    return {{lon, lat}, {lon + sizeDeg, lat}, {lon + sizeDeg, lat + sizeDeg}, {lon, lat + sizeDeg}, {lon, lat}};
}

// Units with a hole, two parts, and none; villages and an address with and without a point; every
// small table, loads, row sources and a crosswalk.
Project richProject() {
    Project p;
    AdminUnit holed{"00101", "Nậm Ban", AdminLevel::Commune, "001", "xã", 1234, true, {}};
    holed.area = {Polygon{{square(103, 22, 0.1), {{103.02, 22.02}, {103.02, 22.05}, {103.05, 22.05}, {103.05, 22.02}, {103.02, 22.02}}}},
                  Polygon{{square(103.3, 22.3, 0.0123456789)}}};
    AdminUnit bare{"00102", "Pa Tần", AdminLevel::Commune, "001", "xã", std::nullopt, false, {}};
    p.adminUnits = {{"001", "Mường Tè", AdminLevel::District, "01", "huyện", 5000, false, {Polygon{{square(102.9, 21.9, 0.6)}}}}, holed, bare};
    Village v;
    v.code = "0010101";
    v.name = "Huổi Ho";
    v.communeCode = "00101";
    v.location = LonLat{103.05123456789, 22.05987654321};
    v.population = 420;
    v.households = 88;
    v.ethnicGroup = "Hà Nhì";
    v.electricity = Electricity::Offgrid;
    v.mobile = Mobile::G2;
    v.internet = false;
    Village unplaced = v;
    unplaced.code = "0010201";
    unplaced.communeCode = "00102";
    unplaced.location.reset();
    unplaced.population.reset();
    p.villages = {v, unplaced};
    p.teams = {{"0010101", "2023-04-01", 8, 1, "Zalo"}};
    p.trustedAddresses = {{"TA1", "Nhà tin cậy", "00101", "0010101", "2022-01-01", "shelter;legal", false, LonLat{103.05, 22.05}},
                          {"TA2", "Nhà 2", "00102", "", "", "hotline", true, std::nullopt}};
    p.clubs = {{"CLB1", "CLB Thủ lĩnh", "00101", "", "2022-05-05", 25}};
    p.activities = {{"2024-03-05", "00101", "policy_dialogue", 2, 100, 60}};
    p.communeOffices = {{"00101", 0, true}};
    p.outcomes = {{"0010101", 2024, 2, 0}};
    p.targets = {{"communication_teams", 2025, 540.5}};
    p.settings = {{"title", "Thử"}, {"coverage.ta_radius_km", "12.5"}};
    p.loads = {{"villages", "thon.csv", "2026-12-03T10:00:00Z", 2, {"electricity", "mobile"}}};
    p.rowSources = {{"villages", "0010101", "thon.xlsx", "Thôn bản", 12, "2026-12-03T10:00:00Z"}};
    p.crosswalk = {{"00101", "Nậm Ban", "00150", 0.75, 0.5}};
    return p;
}

// Runs SQL on the file as it is (GeoPackage's rtree triggers dropped: they call GDAL's SQL functions).
void rewrite(const std::string& path, const std::string& sql, const void* blob = nullptr, int blobBytes = 0) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::vector<std::string> triggers;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) triggers.push_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    for (const std::string& t : triggers) sqlite3_exec(db, ("DROP TRIGGER \"" + t + "\"").c_str(), nullptr, nullptr, nullptr);
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    if (blob) sqlite3_bind_blob(s, 1, blob, blobBytes, SQLITE_TRANSIENT);
    CHECK(sqlite3_step(s) == SQLITE_DONE);
    sqlite3_finalize(s);
    sqlite3_close(db);
}

// GeoPackage header without envelope, srs 4326, then `wkb`.
std::vector<unsigned char> gpkgBlob(const std::vector<unsigned char>& wkb) {
    std::vector<unsigned char> b = {'G', 'P', 0, 0x01, 0xE6, 0x10, 0, 0};  // flags: little-endian header, no envelope
    for (unsigned char c : wkb) b.push_back(c);  // (insert: a false -Warray-bounds in GCC 12)
    return b;
}
void putBigEndian(std::vector<unsigned char>& out, uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
void putBigEndian(std::vector<unsigned char>& out, double d) {
    uint64_t v;
    std::memcpy(&v, &d, 8);
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

}  // namespace

TEST_CASE("a project file read through SQLite is what OGR read from it, table by table", "[io][gpkg_read]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(richProject(), path);
    const Project lean = readGeoPackageProject(path);
    CHECK(dump(lean) == dump(readThroughOgr(path)));
    CHECK(dump(readProject(path)) == dump(lean));  // readProject of a file is this read
    // What was written comes back, to the last bit of every coordinate.
    Project expected = richProject();
    CHECK(dump(lean) == dump(expected));
    // The demo province: 1,000 villages, every table loaded.
    const std::string demo = writeDemoProject(dir, "demo.gpkg");
    CHECK(dump(readGeoPackageProject(demo)) == dump(readThroughOgr(demo)));
}

TEST_CASE("the read without areas leaves every unit's polygons out and nothing else", "[io][gpkg_read]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(richProject(), path);
    Project full = readGeoPackageProject(path);
    const Project noAreas = readGeoPackageProject(path, {.areas = false});
    for (AdminUnit& u : full.adminUnits) u.area.clear();
    CHECK(dump(noAreas) == dump(full));
}

TEST_CASE("rings, holes and parts keep their order, and an empty geometry reads as none", "[io][gpkg_read]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(richProject(), path);
    const Project p = readGeoPackageProject(path);
    const AdminUnit* holed = p.findUnit("00101");
    REQUIRE(holed);
    REQUIRE(holed->area.size() == 2);
    REQUIRE(holed->area[0].rings.size() == 2);  // outer ring and one hole
    CHECK(holed->area[0].rings[1][1].latDeg == 22.05);
    CHECK(holed->area[1].rings[0][1].lonDeg == 103.3 + 0.0123456789);
    CHECK(p.findUnit("00102")->area.empty());
    CHECK_FALSE(p.findVillage("0010201")->location);
    // A geometry stored as GeoPackage's "empty" (flags bit 4) or as SQL NULL: no geometry.
    rewrite(path, "UPDATE admin_units SET geom = ?1 WHERE code = '00101'", std::vector<unsigned char>{'G', 'P', 0, 0x11, 0xE6, 0x10, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0}.data(), 17);
    rewrite(path, "UPDATE villages SET geom = NULL WHERE code = '0010101'");
    const Project emptied = readGeoPackageProject(path);
    CHECK(emptied.findUnit("00101")->area.empty());
    CHECK_FALSE(emptied.findVillage("0010101")->location);
    CHECK(dump(emptied) == dump(readThroughOgr(path)));
}

TEST_CASE("big-endian WKB reads as little-endian does", "[io][gpkg_read]") {
    TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(richProject(), path);
    const std::string before = dump(readGeoPackageProject(path));
    // The village's point and the district's square again, in XDR (big-endian) WKB.
    std::vector<unsigned char> pt = {0};
    putBigEndian(pt, uint32_t(1));
    putBigEndian(pt, 103.05123456789);
    putBigEndian(pt, 22.05987654321);
    rewrite(path, "UPDATE villages SET geom = ?1 WHERE code = '0010101'", gpkgBlob(pt).data(), int(gpkgBlob(pt).size()));
    std::vector<unsigned char> poly = {0};
    putBigEndian(poly, uint32_t(6));  // MultiPolygon
    putBigEndian(poly, uint32_t(1));
    poly.push_back(0);
    putBigEndian(poly, uint32_t(3));  // Polygon
    putBigEndian(poly, uint32_t(1));
    putBigEndian(poly, uint32_t(5));
    for (const LonLat& l : square(102.9, 21.9, 0.6)) { putBigEndian(poly, l.lonDeg); putBigEndian(poly, l.latDeg); }
    rewrite(path, "UPDATE admin_units SET geom = ?1 WHERE code = '001'", gpkgBlob(poly).data(), int(gpkgBlob(poly).size()));
    CHECK(dump(readGeoPackageProject(path)) == before);
}

TEST_CASE("a corrupt geometry blob is one message naming the file, the table and the feature", "[io][gpkg_read]") {
    TempDir dir;
    const std::string path = dir.file("hỏng.gpkg");
    writeProject(richProject(), path);
    // A polygon cut short: the WKB promises 5 points and holds 2.
    std::vector<unsigned char> cut = {1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0};
    for (int i = 0; i < 32; ++i) cut.push_back(0);
    rewrite(path, "UPDATE admin_units SET geom = ?1 WHERE code = '00101'", gpkgBlob(cut).data(), int(gpkgBlob(cut).size()));
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT fid FROM admin_units WHERE code = '00101'", -1, &s, nullptr);
    REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    const std::string fid = std::to_string(sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    const ScopedLanguage english(Lang::En);
    CHECK_THROWS_AS(readGeoPackageProject(path), InputError);
    CHECK_THROWS_WITH(readGeoPackageProject(path), Catch::StartsWith(path + ": table admin_units, feature " + fid + ": the geometry cannot be read"));
    CHECK_NOTHROW(readGeoPackageProject(path, {.areas = false}));  // the polygons not read: nothing to refuse
    // No GeoPackage header at all (a bare WKB point where a village's point should be).
    rewrite(path, "UPDATE admin_units SET geom = NULL WHERE code = '00101'");
    const std::vector<unsigned char> bare = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    rewrite(path, "UPDATE villages SET geom = ?1 WHERE code = '0010101'", bare.data(), int(bare.size()));
    CHECK_THROWS_WITH(readGeoPackageProject(path), Catch::Contains(": table villages, feature ") && Catch::Contains("GeoPackage header"));
    // Through the command: one line on stderr, exit status 1, in Vietnamese by default.
    const RunResult r = runGapmap("render " + quote(path) + " --out " + quote(dir.file("x.png")));
    CHECK(r.exitCode == 1);
    CHECK(lineCount(r.err) == 1);
    CHECK_THAT(r.err, Catch::Contains("hỏng.gpkg: bảng villages, đối tượng"));
}
