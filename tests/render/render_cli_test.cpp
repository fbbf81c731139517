// `gapmap render` (app/cli/cmd_render.cpp): the PNG of the demo, exit codes, and the real Lai Châu
// communes (108 before 2025) from ../shared/geodata, every one of them drawn and labelled.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <set>

#include "core/geo.h"
#include "core/mercator.h"
#include "io/demo_data.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "render/offscreen.h"
#include "render/overlay.h"
#include "render/project_scene.h"
#include "render/render_map.h"
#include "render/triangulate.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;
using namespace gapmap::test;

namespace {

bool sameColor(const uint8_t* px, const Color& c, int tolerance) {
    const uint32_t v = c.rgba8();
    for (int k = 0; k < 3; ++k)
        if (std::abs(int(px[k]) - int((v >> (8 * k)) & 255)) > tolerance) return false;
    return true;
}

int countColor(const Image& img, const Color& c, int tolerance = 3) {
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) n += sameColor(img.at(x, y), c, tolerance);
    return n;
}

// A point inside the polygon computed here, independently of the renderer's label points:
// the centroid of the largest triangle of its largest polygon.
LonLat pointInside(const MultiPolygon& area) {
    double best = -1;
    LonLat out;
    for (const Polygon& poly : area) {
        std::vector<MercRing> rings;
        for (const Ring& r : poly.rings) {
            MercRing m;
            for (LonLat p : r) m.push_back(toMercator(p));
            rings.push_back(m);
        }
        const std::vector<MercatorXY> t = triangulatePolygon(rings);
        for (size_t i = 0; i + 2 < t.size(); i += 3) {
            const double a = trianglesArea({t[i], t[i + 1], t[i + 2]});
            if (a > best) {
                best = a;
                out = fromMercator({(t[i].xM + t[i + 1].xM + t[i + 2].xM) / 3, (t[i].yM + t[i + 1].yM + t[i + 2].yM) / 3});
            }
        }
    }
    return out;
}

// The lon/lat box of units' polygons, computed here from their vertices.
struct LonLatBox {
    double minLon = 1e300, minLat = 1e300, maxLon = -1e300, maxLat = -1e300;
    void add(const AdminUnit& u) {
        for (const Polygon& poly : u.area)
            for (const Ring& r : poly.rings)
                for (LonLat q : r) {
                    minLon = std::min(minLon, q.lonDeg);
                    maxLon = std::max(maxLon, q.lonDeg);
                    minLat = std::min(minLat, q.latDeg);
                    maxLat = std::max(maxLat, q.latDeg);
                }
    }
};

std::string bboxArg(const AdminUnit& u) {
    LonLatBox b;
    b.add(u);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.12f,%.12f,%.12f,%.12f", b.minLon, b.minLat, b.maxLon, b.maxLat);
    return buf;
}

size_t differing(const Image& a, const Image& b) {
    size_t n = 0;
    for (size_t i = 0; i + 3 < a.rgba.size() && i + 3 < b.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}

}  // namespace

TEST_CASE("gapmap render: the demo as a PNG with the synthetic mark", "[render][cli]") {
    TempDir dir;
    const std::string png = dir.file("demo.png");
    const RunResult r = runGapmap("render --out " + quote(png) + " --size 1280x800 --lang en");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("wrote"));
    const Image img = readPng(png);
    CHECK(img.width == 1280);
    CHECK(img.height == 800);
    CHECK(countColor(img, Color::hex(0xa50f15)) > 2000);       // the "Synthetic demo data" mark
    CHECK(countColor(img, Color::hex(0xe3e8ec), 1) > 50000);   // background around the province
    CHECK(countColor(img, Color::hex(0xc51b7d), 12) > 200);    // Trusted Address count badges
}

TEST_CASE("gapmap render --commune frames that commune exactly as --bbox of its own extent does", "[render][cli]") {
    TempDir dir;
    const Project demo = buildDemoProject();
    const AdminUnit* commune = demo.findUnit("99101");
    REQUIRE(commune);
    const std::string common = " --size 800x600 --layers communes,villages,labels --color-by population --title t --lang en";
    const std::string byCode = dir.file("code.png"), byBox = dir.file("box.png"), whole = dir.file("whole.png");
    REQUIRE(runGapmap("render --out " + quote(byCode) + " --commune 99101" + common).exitCode == 0);
    REQUIRE(runGapmap("render --out " + quote(byBox) + " --bbox " + bboxArg(*commune) + common).exitCode == 0);
    REQUIRE(runGapmap("render --out " + quote(whole) + common).exitCode == 0);
    const Image code = readPng(byCode), box = readPng(byBox), all = readPng(whole);
    REQUIRE(code.width == 800);
    REQUIRE(code.height == 600);
    CHECK(differing(code, box) < 50);          // the same camera (labels may round differently)
    CHECK(differing(code, all) > 800 * 600 / 4);  // and not the whole province
    // Zoomed to one commune, the province around it fills the frame: almost no background.
    CHECK(countColor(code, Color::hex(0xe3e8ec), 1) < 800 * 600 / 50);
    CHECK(countColor(all, Color::hex(0xe3e8ec), 1) > 800 * 600 / 10);
}

TEST_CASE("gapmap render --bbox shows only that box and --classes with --ramp set the class colours", "[render][cli]") {
    TempDir dir;
    const Project demo = buildDemoProject();
    // A box in the middle of the province, a fifth of its extent, checked here to be land all over.
    LonLatBox extent;
    for (const AdminUnit& u : demo.adminUnits) extent.add(u);
    const auto [minLon, minLat, maxLon, maxLat] = extent;
    const double cLon = (minLon + maxLon) / 2, cLat = (minLat + maxLat) / 2, hw = (maxLon - minLon) / 10, hh = (maxLat - minLat) / 10;
    auto land = [&](LonLat q) {
        for (const AdminUnit& u : demo.adminUnits)
            for (const Polygon& poly : u.area) {
                bool in = false;
                for (const Ring& r : poly.rings)
                    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                        if ((r[i].latDeg > q.latDeg) != (r[j].latDeg > q.latDeg) &&
                            q.lonDeg < (r[j].lonDeg - r[i].lonDeg) * (q.latDeg - r[i].latDeg) / (r[j].latDeg - r[i].latDeg) + r[i].lonDeg)
                            in = !in;
                if (in) return true;
            }
        return false;
    };
    for (int i = -3; i <= 3; ++i)
        for (int j = -3; j <= 3; ++j) REQUIRE(land({cLon + hw * i / 2, cLat + hh * j / 2}));  // the box and the air around it
    char box[160];
    std::snprintf(box, sizeof box, "%.6f,%.6f,%.6f,%.6f", cLon - hw, cLat - hh, cLon + hw, cLat + hh);
    const std::string png = dir.file("map.png"), whole = dir.file("whole.png");
    const std::string style = " --size 640x480 --layers choropleth,communes --color-by population --classes 4 --classify equal --ramp viridis --lang en";
    REQUIRE(runGapmap("render --out " + quote(png) + " --bbox " + box + style).exitCode == 0);
    REQUIRE(runGapmap("render --out " + quote(whole) + style).exitCode == 0);
    const Image cropped = readPng(png), all = readPng(whole);
    REQUIRE(cropped.width == 640);
    CHECK(countColor(cropped, Color::hex(0xe3e8ec), 1) < 640 * 480 / 100);  // land wherever the map shows
    CHECK(countColor(all, Color::hex(0xe3e8ec), 1) > 640 * 480 / 10);       // the province with air around it

    // Viridis in 4 classes, as the ramp's spec has it (matplotlib's viridis at 9 stops, muted to
    // positions 0.6 .. 5.6 of them, lerped here by hand): each appears as fills or legend swatch;
    // the 5-class colours in between do not.
    for (uint32_t c : {0xc5df31u, 0x3fb874u, 0x26818eu, 0x404384u}) {
        INFO(std::hex << c);
        CHECK(countColor(all, Color::hex(c), 3) > 100);
    }
    for (uint32_t c : {0x57c565u, 0x209e88u, 0x2c738eu}) {
        INFO(std::hex << c);
        CHECK(countColor(all, Color::hex(c), 3) < 20);
    }
}

TEST_CASE("gapmap render: exit codes", "[render][cli]") {
    TempDir dir;
    const std::string png = dir.file("map.png");
    const RunResult noOut = runGapmap("render");
    CHECK(noOut.exitCode == 2);
    CHECK(runGapmap("render --out x.png --size big").exitCode == 2);
    CHECK(runGapmap("render --out x.png --layers communes,nonsense").exitCode == 2);
    CHECK(runGapmap("render --out x.png --color-by nonsense").exitCode == 2);
    CHECK(runGapmap("render --out x.png --commune 1 --bbox 1,2,3,4").exitCode == 2);
    CHECK(runGapmap("render --out x.png --bbox 4,3,2,1").exitCode == 2);
    const RunResult missing = runGapmap("render " + quote(dir.file("absent.gpkg")) + " --out " + quote(png));
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.err, Catch::Contains("absent.gpkg"));
    const RunResult unknown = runGapmap("render --out " + quote(png) + " --commune 00000");
    CHECK(unknown.exitCode == 1);
    CHECK_THAT(unknown.err, Catch::Contains("00000"));
    CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
    const RunResult help = runGapmap("render --help --lang en");
    CHECK(help.exitCode == 0);
    for (const LayerInfo& l : layerCatalogue()) CHECK_THAT(help.out, Catch::Contains(l.id));
}

TEST_CASE("gapmap render: the 108 Lai Châu communes of 2009 are all drawn, with their names", "[render][cli][geodata]") {
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau.gpkg"), png = dir.file("laichau.png");
    importFile(project, {"admin_units", file});
    const int w = 1600, h = 1200;
    const RunResult r = runGapmap("render " + quote(project) + " --out " + quote(png) + " --size 1600x1200 --lang en");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const Image img = readPng(png);
    REQUIRE(img.width == w);

    // The camera the command used: the same fit beside the same decorations.
    const Project p = readProject(project);
    REQUIRE(p.adminUnits.size() == 108 + 8 + 1);  // the districts and province made from the file's columns
    const ProjectSceneBuilder builder(p);
    MapRequest request;
    request.widthPx = w;
    request.heightPx = h;
    request.scene.title = "laichau";
    const RenderScene scene = builder.build(request.scene);
    const float scale = uiScaleFor(w, h);
    const auto atlas = FontAtlas::get(scale, std::max(2, int(std::lround(2 * scale))));
    const Camera cam = mapCamera(builder, request, decorationInsets(scene, w, h, *atlas, scale));

    const Color background = scene.background;
    int drawn = 0;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        const LonLat inside = pointInside(u.area);
        REQUIRE(contains(u.area, inside));
        const ScreenXY s = cam.toScreen(inside);
        REQUIRE(s.xPx >= 0);
        REQUIRE(s.yPx >= 0);
        REQUIRE(s.xPx < w);
        REQUIRE(s.yPx < h);
        const bool painted = !sameColor(img.at(int(s.xPx), int(s.yPx)), background, 1);
        if (!painted) INFO("commune " << u.code << " " << u.name << " not drawn");
        CHECK(painted);
        drawn += painted;
    }
    CHECK(drawn == 108);

    // Labels: placed the way the renderer places them, Vietnamese names intact.
    LabelPlacer placer(w, h);
    DrawList2D labels;
    int placed = 0;
    for (const Layer& l : scene.layers)
        if (l.kind == LayerKind::Labels && l.drawnAt(cam.metresPerPixel())) placed += placeLabels(l, cam, *atlas, scale, placer, labels);
    CHECK(placed >= 40);
    CHECK_THAT(r.out, Catch::Contains(std::to_string(placed) + " labels"));
    std::set<std::string> texts;
    for (const Text2D& t : labels.texts) texts.insert(t.text);
    CHECK((texts.count("xã Mường Tè") + texts.count("thị trấn Mường Tè") + texts.count("Tà Tổng") + texts.count("Mù Cả")) >= 2);
    CHECK(texts.count("Mường Tè") == 0);  // two communes of that name: each label carries its kind
    // Label text is dark ink: a good share of the picture near each placed label is dark.
    int darkNearLabels = 0;
    for (const Text2D& t : labels.texts)
        for (int dx = 0; dx < 30; ++dx) {
            const uint8_t* px = img.at(std::min(w - 1, int(t.xPx) + dx), std::max(0, int(t.yPx) - 4));
            darkNearLabels += px[0] < 90 && px[1] < 90 && px[2] < 90;
        }
    CHECK(darkNearLabels > placed * 3);
}
