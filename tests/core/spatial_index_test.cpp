// Geodesic distance against PROJ's geod, and the spatial index against brute force over Vietnam.
#include <catch2/catch.hpp>

#include <random>

#include "core/geo.h"
#include "core/geodesic.h"
#include "core/spatial_index.h"

using namespace gapmap;

namespace {

// Brute force independent of the index: Vincenty to every point, the lowest index on ties.
std::optional<SpatialIndex::Hit> bruteNearest(const std::vector<LonLat>& points, LonLat q) {
    std::optional<SpatialIndex::Hit> best;
    for (size_t i = 0; i < points.size(); ++i) {
        const double km = geodesicKm(q, points[i]);
        if (!best || km < best->km) best = SpatialIndex::Hit{i, km};
    }
    return best;
}

// Uniform over Vietnam's extent, north (Hà Giang, 23.4°N) to south (Cà Mau, 8.5°N).
std::vector<LonLat> randomPoints(std::mt19937& rng, size_t n) {
    std::uniform_real_distribution<double> lon(102.1, 109.5), lat(8.5, 23.4);
    std::vector<LonLat> out(n);
    for (LonLat& p : out) p = {lon(rng), lat(rng)};
    return out;
}

}  // namespace

TEST_CASE("geodesic distance agrees with PROJ's geod (Karney) to a millimetre", "[core][geodesic]") {
    // lat1 lon1 lat2 lon2 and metres, from `geod +ellps=WGS84 -I +units=m` (PROJ 9.1).
    struct Case { double lat1, lon1, lat2, lon2, metres; };
    for (const Case& c : std::vector<Case>{{22.0, 103.0, 22.1, 103.0, 11073.095},
                                            {22.0, 103.0, 22.0, 103.1, 10326.215},
                                            {21.0285, 105.8542, 10.7769, 106.7009, 1138049.892},   // Hà Nội – TP HCM
                                            {23.3927, 105.3183, 8.6046, 104.7264, 1637726.295},    // Lũng Cú – Cà Mau
                                            {16.0544, 108.2022, 16.4637, 107.5909, 79507.751},
                                            {22.3964, 103.4582, 22.3965, 103.4583, 15.121},
                                            {8.5, 102.1, 23.4, 109.5, 1828120.000},
                                            {12.25, 109.19, 12.30, 109.10, 11245.526},
                                            {22.0, 103.0, 22.090309042346, 103.0, 10000.000}}) {
        INFO(c.lat1 << " " << c.lon1 << " " << c.lat2 << " " << c.lon2);
        CHECK(geodesicKm({c.lon1, c.lat1}, {c.lon2, c.lat2}) * 1000 == Approx(c.metres).margin(0.001));
        CHECK(geodesicKm({c.lon2, c.lat2}, {c.lon1, c.lat1}) * 1000 == Approx(c.metres).margin(0.001));
    }
    CHECK(geodesicKm({103.0, 22.0}, {103.0, 22.0}) == 0);
}

TEST_CASE("nearly antipodal points fall back within the documented 0.6%", "[core][geodesic]") {
    // Vincenty does not converge here; geod gives 19,944,127.421 m and 19,980,861.909 m.
    CHECK(geodesicKm({0.0, 0.0}, {179.7, 0.5}) == Approx(19944.127421).epsilon(0.006));
    CHECK(geodesicKm({100.0, 10.0}, {-80.5, -10.0}) == Approx(19980.861909).epsilon(0.006));
}

TEST_CASE("geodesic over spherical distance stays within the bounds the index relies on", "[core][geodesic]") {
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-89, 89);
    for (int i = 0; i < 20000; ++i) {
        const LonLat a{lon(rng), lat(rng)}, b{lon(rng), lat(rng)};
        const double sphere = haversineKm(a, b);
        if (sphere < 1e-3 || sphere > 19000) continue;  // beyond 19,000 km Vincenty may fall back
        const double ratio = geodesicKm(a, b) / sphere;
        CHECK(ratio >= kGeodesicOverSphereMin);
        CHECK(ratio <= kGeodesicOverSphereMax);
    }
}

TEST_CASE("an empty index finds nothing, ties go to the lowest index", "[core][spatial_index]") {
    CHECK_FALSE(SpatialIndex(std::vector<LonLat>{}).nearest({105, 21}));
    const SpatialIndex index({{105.1, 21.0}, {104.9, 21.0}, {105.1, 21.0}});
    const auto hit = index.nearest({105.1, 21.0});
    REQUIRE(hit);
    CHECK(hit->index == 0);
    CHECK(hit->km == 0);
    const auto between = index.nearest({105.0, 21.0});  // equidistant from all three on the parallel's symmetry
    REQUIRE(between);
    CHECK(between->km == Approx(geodesicKm({105.0, 21.0}, {105.1, 21.0})));
    CHECK(between->index == 0);
}

TEST_CASE("many points at one spot: the lowest index, whatever the tree holds", "[core][spatial_index]") {
    std::vector<LonLat> points(100, LonLat{104.0, 20.0});  // more ties than the search keeps at once
    points.push_back({104.5, 20.5});
    points[0] = {103.0, 19.0};
    const SpatialIndex index(points);
    const auto hit = index.nearest({104.001, 20.0});
    REQUIRE(hit);
    CHECK(hit->index == 1);
    CHECK(hit->km == Approx(geodesicKm({104.001, 20.0}, {104.0, 20.0})));
    CHECK(index.nearest({104.5, 20.5})->index == 100);
}

TEST_CASE("indexed nearest equals brute force on random points over all of Vietnam", "[core][spatial_index]") {
    std::mt19937 rng(20251129);  // fixed: a failure reproduces
    for (size_t n : {1u, 7u, 300u, 1500u}) {  // 1 and 7: a single leaf; 1,500: a deep tree
        const std::vector<LonLat> points = randomPoints(rng, n);
        const SpatialIndex index(points);
        const std::vector<LonLat> queries = randomPoints(rng, n == 1500 ? 2000 : 500);
        int mismatches = 0;
        for (LonLat q : queries) {
            const auto expected = bruteNearest(points, q);
            const auto found = index.nearest(q);
            const auto brute = index.nearestBruteForce(q);
            REQUIRE(found);
            REQUIRE(brute);
            mismatches += found->index != expected->index || found->km != expected->km;
            mismatches += brute->index != expected->index || brute->km != expected->km;
        }
        INFO(n << " points");
        CHECK(mismatches == 0);
    }
}

TEST_CASE("indexed nearest is right where the spherical and ellipsoidal nearest differ", "[core][spatial_index]") {
    // Pairs of candidates at almost equal spherical distance, one north-south and one east-west of
    // the query: the ellipsoid stretches them differently, so the spherical order can be wrong.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(8.5, 23.4), jitter(-0.002, 0.002);
    int checked = 0, sphereWouldMiss = 0;
    for (int i = 0; i < 2000; ++i) {
        const LonLat q{105.0, lat(rng)};
        const double d = 0.1;
        const std::vector<LonLat> points = {{q.lonDeg, q.latDeg + d + jitter(rng)},
                                            {q.lonDeg + d / std::cos(q.latDeg * 3.14159265358979 / 180) + jitter(rng), q.latDeg}};
        const auto expected = bruteNearest(points, q);
        const size_t sphereNearest = haversineKm(q, points[0]) <= haversineKm(q, points[1]) ? 0 : 1;
        sphereWouldMiss += sphereNearest != expected->index;
        const auto found = SpatialIndex(points).nearest(q);
        checked += found->index == expected->index && found->km == expected->km;
    }
    CHECK(checked == 2000);
    CHECK(sphereWouldMiss > 0);  // the case is real: a spherical-only index would be wrong here
}

TEST_CASE("nearest bounds hold the geodesic nearest distance, and collapse to it when asked", "[core][spatial_index]") {
    std::mt19937 rng(1129);
    const std::vector<LonLat> points = randomPoints(rng, 1500);
    const SpatialIndex index(points);
    const std::vector<LonLat> queries = randomPoints(rng, 3000);
    int outside = 0, tooWide = 0, notExact = 0;
    for (LonLat q : queries) {
        const double exact = index.nearest(q)->km;
        const auto bounds = index.nearestBounds(q, [](double, double) { return true; });
        REQUIRE(bounds);
        outside += !(bounds->loKm <= exact && exact <= bounds->hiKm);
        tooWide += bounds->hiKm > bounds->loKm * 1.0102;  // the spherical bounds are about 1% wide
        const auto collapsed = index.nearestBounds(q, [](double, double) { return false; });
        notExact += collapsed->loKm != exact || collapsed->hiKm != exact;
    }
    CHECK(outside == 0);
    CHECK(tooWide == 0);
    CHECK(notExact == 0);
    CHECK_FALSE(SpatialIndex(std::vector<LonLat>{}).nearestBounds({105, 21}, [](double, double) { return true; }));
    // Exactly on a point: zero, settled at once.
    CHECK(index.nearestBounds(points[7], [](double, double) { return true; })->hiKm == 0);
}
