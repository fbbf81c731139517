// The scene cache (app/render/area_cache.cpp, app/io/scene_cache.cpp): the boundaries' finished
// geometry written to the project file and read back instead of rebuilt — used when valid (a flag
// and a counter say so), the same bands and the same pixels as without it, ignored when the
// geometry changed by one vertex or a blob was damaged, and a file without it still renders.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <thread>
#include <sqlite3.h>

#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/scene_cache.h"
#include "render/area_cache.h"
#include "render/map_renderer.h"
#include "render/offscreen.h"
#include "render/render_map.h"
#include "support/gl_context.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;
using gapmap::test::sharedGl;

namespace {

// A scene cache in memory, counting reads.
class MemoryStore : public SceneCacheStore {
public:
    std::map<std::pair<std::string, int>, std::string> blobs;
    mutable int reads = 0;
    std::optional<std::string> read(const std::string& key, int part) const override {
        ++reads;
        const auto it = blobs.find({key, part});
        if (it == blobs.end()) return std::nullopt;
        return it->second;
    }
    bool writable() const override { return true; }
    bool replace(const Producer& next) override {
        blobs.clear();
        while (const auto e = next()) blobs[{e->key, e->part}] = e->data;
        return true;
    }
    // Everything `geo` would keep.
    void keep(const AreaGeometry& geo) {
        size_t i = 0;
        replace([&]() -> std::optional<Entry> {
            if (i == areaCacheEntryCount(geo)) return std::nullopt;
            return areaCacheEntry(geo, i++);
        });
    }
};

Polygon lonLatSquare(double lon0, double lat0, double lon1, double lat1) {
    return Polygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}};
}

// A 12 x 12 grid of communes in 3 districts with wavy borders shared exactly (points from integer
// grid positions), a hole and a tiny island: several bands, shared lines of every class and dots.
std::vector<MultiPolygon> grid() {
    constexpr int n = 12, steps = 16;
    auto at = [](int gx, int gy) {
        const double x = 103 + 0.05 * gx / steps, y = 22 + 0.05 * gy / steps;
        const bool edgeX = gx % steps == 0, edgeY = gy % steps == 0;  // wiggle across the border
        return LonLat{x + (edgeX ? 0.004 * std::sin(gy * 1.7) : 0), y + (edgeY ? 0.004 * std::sin(gx * 1.3) : 0)};
    };
    std::vector<MultiPolygon> areas;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            Ring r;
            const int x0 = i * steps, y0 = j * steps, x1 = x0 + steps, y1 = y0 + steps;
            for (int k = 0; k < steps; ++k) r.push_back(at(x0 + k, y0));
            for (int k = 0; k < steps; ++k) r.push_back(at(x1, y0 + k));
            for (int k = 0; k < steps; ++k) r.push_back(at(x1 - k, y1));
            for (int k = 0; k < steps; ++k) r.push_back(at(x0, y1 - k));
            r.push_back(r.front());
            areas.push_back({Polygon{{r}}});
        }
    areas[5][0].rings.push_back({{103.26, 22.01}, {103.27, 22.01}, {103.27, 22.02}, {103.26, 22.02}, {103.26, 22.01}});
    areas.push_back({lonLatSquare(104, 22.7, 104.001, 22.701)});
    return areas;
}

std::vector<AreaInput> inputsOf(const std::vector<MultiPolygon>& areas) {
    std::vector<AreaInput> inputs;
    for (size_t f = 0; f < areas.size(); ++f) inputs.push_back({&areas[f], int(f % 3), 0});
    return inputs;
}

void checkSameBand(const AreaBand& a, const AreaBand& b) {
    CHECK(a.fillVertex == b.fillVertex);
    CHECK(a.fillFeature == b.fillFeature);
    CHECK(a.fillIndex == b.fillIndex);
    CHECK(a.lineVertex == b.lineVertex);
    for (int c = 0; c < 3; ++c) {
        CHECK(a.lineIndex[c] == b.lineIndex[c]);
        CHECK(a.lineTiles[c].size() == b.lineTiles[c].size());
    }
    CHECK(a.fillTiles.size() == b.fillTiles.size());
    CHECK(a.dotXYSize == b.dotXYSize);
    CHECK(a.dotFeature == b.dotFeature);
    CHECK(a.minMetresPerPixel == b.minMetresPerPixel);
    CHECK(a.toleranceM == b.toleranceM);
}

size_t differingPixels(const Image& a, const Image& b) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    size_t n = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}

int cacheRows(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    int rows = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM gapmap_scene_cache", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        rows = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rows;
}

}  // namespace

TEST_CASE("Area geometry read back from a scene cache is the geometry built", "[scene_cache]") {
    const std::vector<MultiPolygon> areas = grid();
    const auto store = std::make_shared<MemoryStore>();
    AreaOptions options;
    options.cache = store;
    const auto built = prepareAreas(inputsOf(areas), options);
    CHECK_FALSE(built->fromCache());
    REQUIRE_FALSE(built->cacheKey().empty());
    REQUIRE(built->bandCount() >= 3);
    CHECK(areaCacheEntryCount(*built) == 1 + built->bandCount());  // the header and every band
    store->keep(*built);
    CHECK(store->blobs.size() == 1 + built->bandCount());

    const auto cached = prepareAreas(inputsOf(areas), options);
    REQUIRE(cached->fromCache());
    CHECK(cached->bandsReadFromCache() == 0);  // bands are read when first asked for
    CHECK(cached->topologyReady());
    CHECK(cached->sharedArcs == built->sharedArcs);
    CHECK(cached->linesOfClass[kArcDistrict] == built->linesOfClass[kArcDistrict]);
    CHECK(cached->sourceVertices == built->sourceVertices);
    REQUIRE(cached->features.size() == built->features.size());
    for (size_t f = 0; f < built->features.size(); ++f) {
        CHECK(cached->features[f].labelPoint.xM == built->features[f].labelPoint.xM);
        CHECK(cached->features[f].areaM2 == built->features[f].areaM2);
    }
    REQUIRE(cached->bandCount() == built->bandCount());
    const size_t coarse = cached->bandCount() - 1;
    checkSameBand(cached->band(coarse), built->band(coarse));
    CHECK(cached->bandsReadFromCache() == 1);
    CHECK(cached->bandReady(coarse));
    CHECK_FALSE(cached->bandReady(0));
    for (size_t b = 0; b < built->bandCount(); ++b) checkSameBand(cached->band(b), built->band(b));
    CHECK(cached->bandsReadFromCache() == built->bandCount());
    CHECK_FALSE(built->band(coarse).dotFeature.empty());  // the island is a dot there: dots went through too
}

TEST_CASE("A cached band given back after upload is read again whole, and a built one is never given back", "[scene_cache]") {
    const std::vector<MultiPolygon> areas = grid();
    const auto store = std::make_shared<MemoryStore>();
    AreaOptions options;
    options.cache = store;
    const auto built = prepareAreas(inputsOf(areas), options);
    store->keep(*built);
    CHECK_FALSE(built->releaseCachedBand(0));  // computed here: nothing to read it back from
    CHECK(built->bandReady(0));
    CHECK_FALSE(built->band(0).fillIndex.empty());
    const auto cached = prepareAreas(inputsOf(areas), options);
    REQUIRE(cached->fromCache());
    CHECK_FALSE(cached->releaseCachedBand(0));  // not read yet
    checkSameBand(cached->band(0), built->band(0));
    CHECK(cached->releaseCachedBand(0));  // RendererOptions::releaseCachedBands, after the upload
    CHECK_FALSE(cached->bandReady(0));
    checkSameBand(cached->band(0), built->band(0));  // read from the blob again, not empty
    CHECK(cached->bandsReadFromCache() == 2);
}

TEST_CASE("A scene cache made from other geometry is not used", "[scene_cache]") {
    std::vector<MultiPolygon> areas = grid();
    const auto store = std::make_shared<MemoryStore>();
    AreaOptions options;
    options.cache = store;
    store->keep(*prepareAreas(inputsOf(areas), options));
    REQUIRE(prepareAreas(inputsOf(areas), options)->fromCache());

    SECTION("one vertex moved by a millionth of a degree") {
        areas[77][0].rings[0][20].lonDeg += 1e-6;
        const auto geo = prepareAreas(inputsOf(areas), options);
        CHECK_FALSE(geo->fromCache());
        CHECK(geo->features[77].areaM2 != prepareAreas(inputsOf(grid()), AreaOptions{})->features[77].areaM2);  // built from the new vertex
    }
    SECTION("a district changed") {
        std::vector<AreaInput> inputs = inputsOf(areas);
        inputs[3].district = 2;
        CHECK_FALSE(prepareAreas(inputs, options)->fromCache());
    }
    SECTION("another tolerance") {
        AreaOptions other = options;
        other.tolerancePx = 0.5;
        CHECK_FALSE(prepareAreas(inputsOf(areas), other)->fromCache());
    }
    SECTION("a damaged header") {
        for (auto& [key, blob] : store->blobs)
            if (key.second == -1) blob[blob.size() - 3] ^= 0x40;
        CHECK_FALSE(prepareAreas(inputsOf(areas), options)->fromCache());
    }
    SECTION("a damaged band: rebuilt from the inputs, the same as built") {
        for (auto& [key, blob] : store->blobs)
            if (key.second == 0) blob[blob.size() / 2] ^= 0x01;
        const auto geo = prepareAreas(inputsOf(areas), options);
        REQUIRE(geo->fromCache());
        checkSameBand(geo->band(0), prepareAreas(inputsOf(areas), AreaOptions{})->band(0));
        CHECK(geo->bandsReadFromCache() == 0);
    }
    SECTION("a band whose indices point past its vertices, checksum and all") {
        AreaBand band = prepareAreas(inputsOf(areas), AreaOptions{})->band(0);
        band.fillIndex.back() = uint32_t(band.fillVertex.size());
        AreaBand decoded;
        CHECK_FALSE(decodeAreaBand(encodeAreaBand(band), areas.size(), decoded));
        band.fillIndex.back() = 0;
        CHECK(decodeAreaBand(encodeAreaBand(band), areas.size(), decoded));
    }
}

TEST_CASE("A project file keeps its scene cache: the same pixels, read instead of built", "[scene_cache]") {
    sharedGl();
    test::TempDir dir;
    const std::string path = dir.file("p.gpkg");
    writeProject(buildDemoProject(), path);
    MapRequest request;
    request.widthPx = 800;
    request.heightPx = 600;

    request.sceneCache = openSceneCache(path);
    REQUIRE(request.sceneCache);
    const Project first = readProject(path);
    const RenderedMap built = renderProjectMap(first, request);  // a file without the cache renders
    CHECK_FALSE(built.builder->fromSceneCache());
    CHECK(cacheRows(path) == -1);  // no table until it is saved
    CHECK(built.builder->saveSceneCache());
    const int rows = cacheRows(path);
    CHECK(rows >= 2 * 3);  // header and bands of communes, districts and provinces
    CHECK(test::ogrinfoReads(path));  // still a GeoPackage GDAL reads

    const Project second = readProject(path);
    const RenderedMap cached = renderProjectMap(second, request);
    CHECK(cached.builder->fromSceneCache());
    CHECK(cached.builder->communeGeometry()->bandsReadFromCache() >= 1);
    CHECK(differingPixels(built.image, cached.image) == 0);
    CHECK_FALSE(cached.builder->saveSceneCache());  // nothing new to write
    CHECK(cacheRows(path) == rows);

    // The app's and the bench's open (boundaries prepared in the background): with the cache the
    // first frame is already the complete one; without it, provisional fills only.
    for (const bool withCache : {true, false}) {
        ProjectSceneBuilder builder(second, true, withCache ? request.sceneCache : nullptr);
        MapRenderer renderer(RendererOptions{1.0f, 0});
        renderer.setScene(builder.build({}));
        Camera cam({}, 1, 800, 600);
        cam.fitBox(builder.bounds(), renderer.decorationInsets(800, 600));
        Framebuffer target;
        target.resize(800, 600);
        target.bind();
        // The open path fetches the first view's band on its worker thread (AreaGeometry::prefetch):
        // the first frame then reads nothing more from the file.
        const auto communes = builder.communeGeometry();
        const size_t band = communes->bandFor(cam.metresPerPixel());
        if (withCache) {
            CHECK_FALSE(communes->bandReady(band));
            std::thread([&] { communes->prefetch(cam.metresPerPixel()); }).join();
            CHECK(communes->bandReady(band));
            CHECK(communes->bandsReadFromCache() == 1);
        }
        const FrameStats first = renderer.draw(cam);
        CHECK(first.provisional == !withCache);
        CHECK(first.areaBand == band);
        CHECK(communes->bandsReadFromCache() == (withCache ? 1 : 0));
        CHECK(builder.fromSceneCache() == withCache);
    }

    // Zoomed to one district: other bands, read too, still the same pixels.
    MapRequest district = request;
    district.focusCode = second.adminUnits[1].level == AdminLevel::District ? second.adminUnits[1].code : "";
    for (const AdminUnit& u : second.adminUnits)
        if (u.level == AdminLevel::District) { district.focusCode = u.code; break; }
    REQUIRE_FALSE(district.focusCode.empty());
    CHECK(differingPixels(renderProjectMap(first, district).image, renderProjectMap(second, district).image) == 0);

    // One commune's vertex moved in the project: its boundaries are built again, not read.
    Project edited = readProject(path);
    for (AdminUnit& u : edited.adminUnits)
        if (u.level == AdminLevel::Commune && !u.area.empty()) { u.area[0].rings[0][1].lonDeg += 1e-4; break; }
    const RenderedMap rebuilt = renderProjectMap(edited, request);
    CHECK_FALSE(rebuilt.builder->fromSceneCache());

    // writeProject makes a new file and carries the cache into it: the next render reads it.
    writeProject(second, path);
    CHECK(cacheRows(path) == rows);
    CHECK(renderProjectMap(readProject(path), request).builder->fromSceneCache());
    CHECK(test::ogrinfoReads(path));
}

TEST_CASE("An import keeps the project's scene cache: the next render reads it, not builds it", "[scene_cache][cli]") {
    sharedGl();  // the renders in this process
    test::TempDir dir;
    const std::string project = test::writeDemoProject(dir);
    const auto render = [&](const std::string& png) {
        return test::runGapmap("render " + test::quote(project) + " --out " + test::quote(dir.file(png)) + " --size 640x400");
    };
    REQUIRE(render("a.png").exitCode == 0);  // writes the cache
    const int rows = cacheRows(project);
    REQUIRE(rows >= 2);
    // Villages imported again: import replaces the whole file (writeProject: temporary file + rename).
    const auto import = test::runGapmap("import " + test::quote(project) + " --as villages " +
                                        test::quote(std::string(GAPMAP_SOURCE_DIR) + "/geodata/demo_villages.geojson"));
    INFO(import.out << import.err);
    REQUIRE(import.exitCode == 0);
    CHECK(cacheRows(project) == rows);
    // The next render reads the boundaries from the cache and so does not write the file again.
    const auto written = std::filesystem::last_write_time(project);
    REQUIRE(render("b.png").exitCode == 0);
    CHECK(std::filesystem::last_write_time(project) == written);
    CHECK(cacheRows(project) == rows);
    const Project read = readProject(project);
    MapRequest request;
    request.sceneCache = openSceneCache(project);
    CHECK(renderProjectMap(read, request).builder->fromSceneCache());
    CHECK(differingPixels(readPng(dir.file("a.png")), readPng(dir.file("b.png"))) == 0);

    // A moved commune: the carried rows no longer match, so the geometry is built, never read wrong.
    Project edited = read;
    for (AdminUnit& u : edited.adminUnits)
        if (u.level == AdminLevel::Commune && !u.area.empty()) { u.area[0].rings[0][1].lonDeg += 1e-4; break; }
    writeProject(edited, project);
    CHECK(cacheRows(project) == rows);  // carried whatever the content: checked on read
    CHECK_FALSE(renderProjectMap(readProject(project), request).builder->fromSceneCache());
}

TEST_CASE("gapmap render writes the scene cache once and draws the same picture from it", "[scene_cache][cli]") {
    test::TempDir dir;
    const std::string project = test::writeDemoProject(dir);
    CHECK(cacheRows(project) == -1);
    const auto first = test::runGapmap("render " + test::quote(project) + " --out " + test::quote(dir.file("a.png")) + " --size 640x400");
    REQUIRE(first.exitCode == 0);
    const int rows = cacheRows(project);
    CHECK(rows >= 2);  // written after the picture
    const auto written = std::filesystem::last_write_time(project);
    const auto second = test::runGapmap("render " + test::quote(project) + " --out " + test::quote(dir.file("b.png")) + " --size 640x400");
    REQUIRE(second.exitCode == 0);
    CHECK(cacheRows(project) == rows);
    CHECK(std::filesystem::last_write_time(project) == written);  // read, not written again
    CHECK(differingPixels(readPng(dir.file("a.png")), readPng(dir.file("b.png"))) == 0);
    CHECK(test::ogrinfoReads(project));
}

TEST_CASE("A band over a megabyte is kept deflated and read back whole", "[scene_cache]") {
    AreaBand band;
    for (uint32_t i = 0; i < 100000; ++i) {
        band.fillVertex.insert(band.fillVertex.end(), {float(i % 317), float(i / 317), 0.5f, -0.5f});
        band.fillFeature.push_back(i % 7);
        if (i >= 2) band.fillIndex.insert(band.fillIndex.end(), {i - 2, i - 1, i});
    }
    band.fillTiles.push_back({MercatorBox{}, 0, uint32_t(band.fillIndex.size())});
    const size_t rawBytes = band.fillVertex.size() * 4 + band.fillFeature.size() * 4 + band.fillIndex.size() * 4;
    REQUIRE(rawBytes > (1u << 20));
    std::string blob = encodeAreaBand(band);
    CHECK(blob.size() < rawBytes / 2);  // deflated
    AreaBand decoded;
    REQUIRE(decodeAreaBand(blob, 7, decoded));
    CHECK(decoded.fillVertex == band.fillVertex);
    CHECK(decoded.fillIndex == band.fillIndex);
    CHECK(decoded.fillFeature == band.fillFeature);
    CHECK_FALSE(decodeAreaBand(blob, 6, decoded));  // a feature the geometry does not have
    blob[blob.size() / 2] ^= 0x10;
    CHECK_FALSE(decodeAreaBand(blob, 7, decoded));
}
