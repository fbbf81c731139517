// Triangulation (GLU tessellator), shared arcs, simplification bands, interior points, point
// thinning (app/render/triangulate.cpp, area_geometry.cpp, point_geometry.cpp).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/geo.h"
#include "core/mercator.h"
#include "render/area_geometry.h"
#include "render/point_geometry.h"
#include "render/triangulate.h"

using namespace gapmap;
using namespace gapmap::render;

namespace {

MercRing square(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}; }
bool near(double a, double b, double tol) { return std::fabs(a - b) <= tol; }

double polygonArea(const std::vector<MercRing>& rings) {
    double a = std::fabs(ringArea(rings[0]));
    for (size_t i = 1; i < rings.size(); ++i) a -= std::fabs(ringArea(rings[i]));
    return a;
}

bool triangleCoversPoint(const std::vector<MercatorXY>& t, MercatorXY p) {
    for (size_t i = 0; i + 2 < t.size(); i += 3) {
        auto side = [&](MercatorXY a, MercatorXY b) { return (b.xM - a.xM) * (p.yM - a.yM) - (b.yM - a.yM) * (p.xM - a.xM); };
        const double d1 = side(t[i], t[i + 1]), d2 = side(t[i + 1], t[i + 2]), d3 = side(t[i + 2], t[i]);
        if ((d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0)) return true;
    }
    return false;
}

Polygon lonLatSquare(double lon0, double lat0, double lon1, double lat1) {
    return Polygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}};
}

}  // namespace

TEST_CASE("triangulation: a polygon with a hole leaves the hole empty", "[render][geometry]") {
    // Outer 10x10, hole 4x4 (opposite orientation not required: odd winding).
    const std::vector<MercRing> rings = {square(0, 0, 10, 10), square(3, 3, 7, 7)};
    const std::vector<MercatorXY> tris = triangulatePolygon(rings);
    REQUIRE(tris.size() % 3 == 0);
    CHECK(tris.size() >= 8 * 3);
    CHECK(near(trianglesArea(tris), 100 - 16, 1e-9));
    CHECK(near(trianglesArea(tris), polygonArea(rings), 1e-9));
    CHECK_FALSE(triangleCoversPoint(tris, {5, 5}));
    CHECK(triangleCoversPoint(tris, {1.2, 0.7}));
}

TEST_CASE("triangulation: concave polygon, two holes, same ring orientation", "[render][geometry]") {
    const MercRing u = {{0, 0}, {9, 0}, {9, 9}, {6, 9}, {6, 3}, {3, 3}, {3, 9}, {0, 9}, {0, 0}};  // a U
    const std::vector<MercRing> rings = {u, square(0.5, 0.5, 1.5, 1.5), square(7, 5, 8, 8)};
    const std::vector<MercatorXY> tris = triangulatePolygon(rings);
    CHECK(near(trianglesArea(tris), 81 - 9 * 0 - 3 * 6 - 1 - 3, 1e-9));
    CHECK_FALSE(triangleCoversPoint(tris, {4.5, 6}));  // inside the U's notch
}

TEST_CASE("area geometry: a multipolygon with a hole keeps every part and no hole", "[render][geometry]") {
    MultiPolygon mp;
    Polygon withHole = lonLatSquare(103.0, 22.0, 103.2, 22.2);
    withHole.rings.push_back(lonLatSquare(103.05, 22.05, 103.1, 22.1).rings[0]);
    mp.push_back(withHole);
    mp.push_back(lonLatSquare(103.5, 22.0, 103.6, 22.1));  // an island
    const auto geo = prepareAreas({AreaInput{&mp, -1, -1}});
    REQUIRE(geo->bandCount() > 0);
    const AreaBand& band = geo->band(0);
    std::vector<MercatorXY> tris;
    for (uint32_t i : band.fillIndex) tris.push_back(band.fillXY(i));
    // Expected: area in Mercator metres of the three squares.
    auto area = [](const Polygon& p) {
        MercRing r;
        for (LonLat q : p.rings[0]) r.push_back(toMercator(q));
        return std::fabs(ringArea(r));
    };
    const double expected = area(lonLatSquare(103.0, 22.0, 103.2, 22.2)) - area(lonLatSquare(103.05, 22.05, 103.1, 22.1)) +
                            area(lonLatSquare(103.5, 22.0, 103.6, 22.1));
    CHECK(near(trianglesArea(tris), expected, expected * 1e-5));  // float vertices
    const MercatorXY holeCentre = toMercator(LonLat{103.075, 22.075});
    CHECK_FALSE(triangleCoversPoint(tris, {holeCentre.xM - geo->origin.xM, holeCentre.yM - geo->origin.yM}));
    CHECK(geo->features[0].areaM2 == Approx(expected).epsilon(1e-9));
    CHECK(contains(mp, fromMercator(geo->features[0].labelPoint)));
}

TEST_CASE("area geometry: neighbours share one arc, classified by their districts", "[render][geometry]") {
    const MultiPolygon a{lonLatSquare(103.0, 22.0, 103.1, 22.1)}, b{lonLatSquare(103.1, 22.0, 103.2, 22.1)},
        c{lonLatSquare(103.2, 22.0, 103.3, 22.1)};
    // a and b in district 1, c in district 2: a|b is a commune border, b|c a district border.
    const auto geo = prepareAreas({{&a, 1, 0}, {&b, 1, 0}, {&c, 2, 0}});
    CHECK(geo->sharedArcs == 2);
    const AreaBand& band = geo->band(0);
    CHECK(geo->linesOfClass[kArcCommune] == 6);  // 2 shared borders; outer edges: a 1, b 2 (top, bottom), c 1
    CHECK(band.lineIndex[kArcCommune].size() > band.lineIndex[kArcDistrict].size());
    CHECK(band.lineIndex[kArcDistrict].size() > band.lineIndex[kArcOuter].size());
    CHECK_FALSE(band.lineIndex[kArcOuter].empty());
}

TEST_CASE("area geometry: a border digitised differently on each side is still a shared border", "[render][geometry]") {
    // b's western edge has an extra vertex that a's eastern edge lacks.
    const MultiPolygon a{lonLatSquare(103.0, 22.0, 103.1, 22.1)};
    const MultiPolygon b{Polygon{{{{103.1, 22.0}, {103.2, 22.0}, {103.2, 22.1}, {103.1, 22.1}, {103.1, 22.05}, {103.1, 22.0}}}}};
    const auto geo = prepareAreas({{&a, 1, 0}, {&b, 1, 0}});
    const AreaBand& band = geo->band(0);
    // Outer edges: 3 sides of each square; the middle border is not "outer".
    const size_t outerTriangles = band.lineIndex[kArcOuter].size() / 3;
    const size_t allTriangles = band.lineIndex[kArcCommune].size() / 3;
    CHECK(outerTriangles < allTriangles);
}

TEST_CASE("area geometry: coarser bands have fewer triangles and tiny areas become dots", "[render][geometry]") {
    // A wiggly big polygon and a tiny one far away.
    Ring wiggle;
    for (int i = 0; i <= 720; ++i) {
        const double t = i * 3.14159265358979 / 360, r = 1 + 0.02 * std::sin(40 * t);
        wiggle.push_back({103 + r * std::cos(t), 20 + r * std::sin(t)});
    }
    wiggle.back() = wiggle.front();
    const MultiPolygon big{Polygon{{wiggle}}}, tiny{lonLatSquare(106, 20, 106.0005, 20.0005)};
    AreaOptions background;
    background.bands = AreaOptions::Bands::Background;
    const auto geo = prepareAreas({{&big, -1, -1}, {&tiny, -1, -1}}, background);
    geo->prepareAllBands();  // with the background thread
    const size_t n = geo->bandCount();
    REQUIRE(n >= 3);
    for (size_t b = 1; b < n; ++b) CHECK(geo->band(b).triangleCount() <= geo->band(b - 1).triangleCount());
    CHECK(geo->band(n - 1).triangleCount() < geo->band(0).triangleCount() / 4);
    CHECK(geo->band(0).dotFeature.empty());
    CHECK(geo->band(n - 1).dotFeature == std::vector<uint32_t>{1});
    CHECK(geo->bandFor(0.5) == 0);
    CHECK(geo->bandFor(1e9) == n - 1);
    for (size_t b = 0; b < n; ++b) CHECK(geo->bandReady(b));
    CHECK(geo->readyBandNear(1) == 1);
}

TEST_CASE("interior point lies inside concave polygons", "[render][geometry]") {
    const std::vector<MercRing> c = {{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 8}, {10, 8}, {10, 10}, {0, 10}, {0, 0}}};  // a C
    const MercatorXY p = interiorPoint(c);
    MultiPolygon mp{Polygon{{Ring{}}}};
    for (MercatorXY q : c[0]) mp[0].rings[0].push_back({q.xM, q.yM});
    CHECK(contains(mp, {p.xM, p.yM}));
}

TEST_CASE("points: thinning keeps the highest priority per cell, band 0 keeps all", "[render][geometry]") {
    std::vector<PointItem> items;
    for (int i = 0; i < 1000; ++i)
        items.push_back({{i * 10.0, (i % 7) * 10.0}, 3, Color::hex(0x808080), float(i % 10 == 0 ? 100 : 1)});
    const auto geo = preparePoints(items);
    REQUIRE(geo->bands().size() > 1);
    CHECK(geo->bands()[0].count() == 1000);
    const PointBand& coarse = geo->bands().back();
    CHECK(coarse.count() < 200);
    CHECK(geo->bandFor(0) == 0);
}

TEST_CASE("area geometry: on a background thread, a first frame gets provisional fills at once", "[render][geometry]") {
    std::vector<MultiPolygon> areas;
    auto lon = [](int k) { return 103 + k * 0.05; };
    auto lat = [](int k) { return 21 + k * 0.05; };
    for (int i = 0; i < 400; ++i) areas.push_back({lonLatSquare(lon(i % 20), lat(i / 20), lon(i % 20 + 1), lat(i / 20 + 1))});
    std::vector<AreaInput> inputs;
    for (const MultiPolygon& a : areas) inputs.push_back({&a, -1, -1});
    AreaOptions options;
    options.bands = AreaOptions::Bands::Background;
    const auto geo = prepareAreas(inputs, options);
    const size_t b = geo->bandFor(100);
    const AreaBand& first = geo->band(geo->readyBandNear(b));  // provisional or full, never waits for all bands
    CHECK(first.triangleCount() >= 400 * 2);
    geo->prepareAllBands();  // joins the work of the background thread
    CHECK(geo->topologyReady());
    CHECK(geo->bandReady(b));
    CHECK_FALSE(geo->band(b).provisional);
    CHECK(geo->band(b).triangleCount() == 400 * 2);
    CHECK(geo->sharedArcs == 2 * 19 * 20);  // every inner border of the 20 x 20 grid
    CHECK(geo->generation() >= 2);
}
