// Camera and Web Mercator math (app/render/camera.cpp, app/core/mercator.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/mercator.h"
#include "render/camera.h"

using namespace gapmap;
using namespace gapmap::render;

namespace {
bool near(double a, double b, double tol) { return std::fabs(a - b) <= tol; }
}

TEST_CASE("mercator: lon/lat round trip and known values", "[render][camera]") {
    for (LonLat p : {LonLat{103.15, 22.05}, LonLat{-70.5, -33.4}, LonLat{0, 0}, LonLat{179.9, 84.9}}) {
        const LonLat q = fromMercator(toMercator(p));
        CHECK(near(q.lonDeg, p.lonDeg, 1e-9));
        CHECK(near(q.latDeg, p.latDeg, 1e-9));
    }
    CHECK(near(toMercator(LonLat{180, 0}).xM, 20037508.342789244, 1e-6));
    CHECK(near(toMercator(LonLat{0, 85.05112878}).yM, 20037508.34, 1.0));
    CHECK(near(groundScaleAt(60), 0.5, 1e-12));
}

TEST_CASE("camera: screen <-> mercator <-> lon/lat round trips", "[render][camera]") {
    const Camera cam(toMercator(LonLat{103.2, 22.0}), 123.4, 1280, 800);
    for (ScreenXY s : {ScreenXY{0, 0}, ScreenXY{640, 400}, ScreenXY{1279.5, 13.25}, ScreenXY{-50, 900}}) {
        const ScreenXY t = cam.toScreen(cam.toLonLat(s));
        CHECK(near(t.xPx, s.xPx, 1e-6));
        CHECK(near(t.yPx, s.yPx, 1e-6));
    }
    const ScreenXY c = cam.toScreen(LonLat{103.2, 22.0});
    CHECK(near(c.xPx, 640, 1e-6));
    CHECK(near(c.yPx, 400, 1e-6));
    // North is up: a point further north is higher on screen (smaller y).
    CHECK(cam.toScreen(LonLat{103.2, 22.1}).yPx < 400);
    CHECK(cam.toScreen(LonLat{103.3, 22.0}).xPx > 640);
}

TEST_CASE("camera: zoom about a point keeps that point fixed", "[render][camera]") {
    Camera cam(toMercator(LonLat{103.2, 22.0}), 100, 1280, 800);
    const ScreenXY cursor{200, 650};
    const LonLat under = cam.toLonLat(cursor);
    for (double factor : {2.0, 1.25, 0.5, 7.0}) {
        cam.zoomAbout(cursor, factor);
        const ScreenXY after = cam.toScreen(under);
        CHECK(near(after.xPx, cursor.xPx, 1e-6));
        CHECK(near(after.yPx, cursor.yPx, 1e-6));
    }
    CHECK(near(cam.metresPerPixel(), 100 / (2.0 * 1.25 * 0.5 * 7.0), 1e-9));
}

TEST_CASE("camera: pan moves content with the pointer", "[render][camera]") {
    Camera cam(toMercator(LonLat{103.2, 22.0}), 50, 1280, 800);
    const LonLat p = cam.toLonLat({300, 300});
    cam.panByPixels(25, -40);
    const ScreenXY s = cam.toScreen(p);
    CHECK(near(s.xPx, 325, 1e-6));
    CHECK(near(s.yPx, 260, 1e-6));
}

TEST_CASE("camera: fit a bbox with insets shows all of it inside the free area", "[render][camera]") {
    Camera cam({}, 1, 1600, 1000);
    const BBox box{102.5, 21.4, 103.9, 22.5};
    const Insets in{10, 120, 400, 50};
    cam.fitBBox(box, in);
    const ScreenXY a = cam.toScreen(LonLat{box.minLon, box.maxLat}), b = cam.toScreen(LonLat{box.maxLon, box.minLat});
    CHECK(a.xPx >= in.leftPx - 1e-6);
    CHECK(a.yPx >= in.topPx - 1e-6);
    CHECK(b.xPx <= 1600 - in.rightPx + 1e-6);
    CHECK(b.yPx <= 1000 - in.bottomPx + 1e-6);
    // Tight along one axis, centred in the free area.
    const bool tightX = near(a.xPx, in.leftPx, 1e-6) && near(b.xPx, 1600 - in.rightPx, 1e-6);
    const bool tightY = near(a.yPx, in.topPx, 1e-6) && near(b.yPx, 1000 - in.bottomPx, 1e-6);
    CHECK((tightX || tightY));
    CHECK(near((a.xPx + b.xPx) / 2, (in.leftPx + 1600 - in.rightPx) / 2, 1e-6));
    CHECK(near((a.yPx + b.yPx) / 2, (in.topPx + 1000 - in.bottomPx) / 2, 1e-6));
}

TEST_CASE("camera: visible box and ground scale", "[render][camera]") {
    const Camera cam(toMercator(LonLat{105, 60}), 10, 200, 100);
    const MercatorBox v = cam.visibleBox();
    CHECK(near(v.width(), 2000, 1e-6));
    CHECK(near(v.height(), 1000, 1e-6));
    CHECK(near(cam.groundMetresPerPixel(), 5, 1e-9));  // cos 60° = 0.5
}
