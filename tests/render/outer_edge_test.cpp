// The outer edge (app/render/boundary_rays.cpp, classes in app/render/area_geometry.cpp): sliver
// gaps between communes whose borders were digitised apart are not drawn as "Outer edge". Pixel
// tests through the real `gapmap render`: the outer-edge strokes are compared with a country mask
// rasterised here from the communes' own polygons (scanlines at pixel centres), independently of
// the renderer's line classes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/mercator.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "render/boundary_rays.h"
#include "render/offscreen.h"
#include "render/overlay.h"
#include "render/project_scene.h"
#include "render/render_map.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;
using namespace gapmap::test;

namespace {

struct Mask {
    int w = 0, h = 0;
    std::vector<char> on;
    bool at(int x, int y) const { return x >= 0 && y >= 0 && x < w && y < h && on[size_t(y) * w + x]; }
};

// Every pixel whose centre lies inside an admin unit's polygon (even-odd per polygon), on the
// camera `gapmap render` used.
Mask rasterise(const Project& p, const Camera& cam, int w, int h) {
    Mask m{w, h, std::vector<char>(size_t(w) * h, 0)};
    std::vector<double> xs;
    for (const AdminUnit& u : p.adminUnits)
        for (const Polygon& poly : u.area) {
            std::vector<std::vector<ScreenXY>> rings;
            double minY = 1e300, maxY = -1e300;
            for (const Ring& r : poly.rings) {
                rings.emplace_back();
                for (LonLat q : r) {
                    rings.back().push_back(cam.toScreen(q));
                    minY = std::min(minY, double(rings.back().back().yPx));
                    maxY = std::max(maxY, double(rings.back().back().yPx));
                }
            }
            for (int y = std::max(0, int(std::floor(minY))); y <= std::min(h - 1, int(std::ceil(maxY))); ++y) {
                const double cy = y + 0.5;
                xs.clear();
                for (const auto& r : rings)
                    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                        if ((r[i].yPx > cy) != (r[j].yPx > cy))
                            xs.push_back(r[i].xPx + (cy - r[i].yPx) * (r[j].xPx - r[i].xPx) / (r[j].yPx - r[i].yPx));
                std::sort(xs.begin(), xs.end());
                for (size_t k = 0; k + 1 < xs.size(); k += 2)
                    for (int x = std::max(0, int(std::ceil(xs[k] - 0.5))); x < w && x + 0.5 <= xs[k + 1]; ++x) m.on[size_t(y) * w + x] = 1;
            }
        }
    return m;
}

// Pixel centres that fall into sliver gaps between communes: uncovered areas of at most maxPixels
// (4-connected) that do not reach the picture's border become land. Notches of the coast stay open.
Mask fillSmallHoles(Mask m, size_t maxPixels) {
    std::vector<char> done(m.on.size(), 0);
    std::vector<size_t> stack, component;
    for (size_t i = 0; i < m.on.size(); ++i) {
        if (m.on[i] || done[i]) continue;
        stack = {i};
        component.clear();
        done[i] = 1;
        bool border = false;
        while (!stack.empty()) {
            const size_t k = stack.back();
            stack.pop_back();
            component.push_back(k);
            const int x = int(k % m.w), y = int(k / m.w);
            border |= x == 0 || y == 0 || x == m.w - 1 || y == m.h - 1;
            for (const auto& [dx, dy] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}}) {
                const int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= m.w || ny >= m.h) continue;
                const size_t n = size_t(ny) * m.w + nx;
                if (!m.on[n] && !done[n]) { done[n] = 1; stack.push_back(n); }
            }
        }
        if (!border && component.size() <= maxPixels)
            for (size_t k : component) m.on[k] = 1;
    }
    return m;
}

// Square dilation (grow) or erosion (shrink) by r pixels.
Mask morph(const Mask& in, int r, bool grow) {
    Mask out = in;
    for (int y = 0; y < in.h; ++y)
        for (int x = 0; x < in.w; ++x) {
            bool any = false, all = true;
            for (int dy = -r; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) {
                    const bool v = in.at(x + dx, y + dy);
                    any |= v;
                    all &= v;
                }
            out.on[size_t(y) * in.w + x] = grow ? any : all;
        }
    return out;
}

struct EdgeCount {
    int inside = 0;      // outer-edge pixels more than 6 px inside the country
    int alongEdge = 0;   // outer-edge pixels within 3 px of the country's edge
    int edgePixels = 0;  // pixels of the country's edge (land with a non-land neighbour)
};

// Renders only the outer-edge layer ("province") of PROJECT and counts its stroke pixels (dark ink
// near #1f1f1f) against the rasterised country.
EdgeCount outerEdgePixels(const std::string& project, const TempDir& dir) {
    const int w = 1280, h = 800;
    const std::string png = dir.file("edge.png");
    const RunResult r = runGapmap("render " + quote(project) + " --out " + quote(png) + " --size 1280x800 --layers province --title edge --lang en");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const Image img = readPng(png);
    REQUIRE(img.width == w);

    const Project p = readProject(project);
    const ProjectSceneBuilder builder(p);
    MapRequest request;
    request.widthPx = w;
    request.heightPx = h;
    request.scene.layers = {"province"};
    request.scene.title = "edge";
    const RenderScene scene = builder.build(request.scene);
    const float scale = uiScaleFor(w, h);
    const auto atlas = FontAtlas::get(scale, std::max(2, int(std::lround(2 * scale))));
    const Camera cam = mapCamera(builder, request, decorationInsets(scene, w, h, *atlas, scale));

    const Mask land = fillSmallHoles(rasterise(p, cam, w, h), 40);
    const Mask deep = morph(land, 6, false), near = morph(land, 3, true), core = morph(land, 3, false);
    EdgeCount c;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const uint8_t* px = img.at(x, y);
            const bool ink = px[0] < 0x50 && px[1] < 0x50 && px[2] < 0x50;
            if (land.at(x, y) && (!land.at(x - 1, y) || !land.at(x + 1, y) || !land.at(x, y - 1) || !land.at(x, y + 1))) ++c.edgePixels;
            if (!ink) continue;
            if (deep.at(x, y)) ++c.inside;
            else if (near.at(x, y) && !core.at(x, y)) ++c.alongEdge;
        }
    return c;
}

}  // namespace

TEST_CASE("Boundary rays: a ray across a gap finds the neighbour, one leaving the set finds none", "[render][outer_edge]") {
    BoundaryRays rays;
    const MercatorXY a[4] = {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}}, b[4] = {{1030, 0}, {2000, 0}, {2000, 1000}, {1030, 1000}};
    for (int i = 0; i < 4; ++i) {
        rays.add(a[i], a[(i + 1) % 4], 0);
        rays.add(b[i], b[(i + 1) % 4], 1);
    }
    rays.build();
    CHECK(rays.cast({1000, 500}, {1, 0}, 1, 200, 0) == 1);    // across the 30 m gap
    CHECK(rays.cast({1000, 500}, {1, 0}, 1, 20, 0) == -1);    // a gap wider than the ray
    CHECK(rays.cast({0, 500}, {-1, 0}, 1, 200, 0) == -1);     // the outer edge
    CHECK(rays.cast({1040, 500}, {1, 0}, 200, 200, 0) == 1);  // starting inside an overlap
}

TEST_CASE("Outer edge: no stray strokes inside Vietnam on the national map of the 11,163 communes of 2009", "[render][outer_edge][geodata]") {
    const std::string dirName = sharedGeodata("censusVN2009");
    if (dirName.empty()) return;
    TempDir dir;
    const std::string project = dir.file("national.gpkg");
    importNationalCommunes2009(project, dirName, dir.path().string(), "CAST(ROUND(population) AS INTEGER) AS population");
    REQUIRE(readProject(project).adminUnits.size() == 11163);

    const EdgeCount c = outerEdgePixels(project, dir);
    INFO("outer-edge pixels inside: " << c.inside << ", along the edge: " << c.alongEdge << ", edge pixels: " << c.edgePixels);
    // Before the rays: 4,129 pixels (dozens of short thick strokes; Lai Châu: 328). With an 800 m
    // closing: 74, two spots where the communes leave a gap of a kilometre or more (near Cao Bằng,
    // and a lagoon on the south-central coast). With the closing scale-aware (1 px of the overview):
    // 54, all around one hole of the union 13 km across a few km inland of the south-central coast
    // (x 610-620, y 550-565 of this picture). With holes of the union under 8 px of the overview
    // closed too (GEOS, union_holes.h): 4, the outline of a 5 x 10 km area no commune covers near
    // 106.96 E 10.56 N (Thị Vải estuary), whose surrounding units had no outer piece themselves so
    // their lines never reached GEOS. With the lines of those neighbours passed too: 0.
    CHECK(c.inside == 0);
    CHECK(c.alongEdge >= c.edgePixels * 5 / 2);  // the coast and the land border are still drawn (a 2.6 px stroke)
}

TEST_CASE("Outer edge: Lai Châu (2009) keeps its whole outline and nothing inside", "[render][outer_edge][geodata]") {
    const std::string file = sharedGeodata("censusVN2009/lai_chau_communes_2009_censusVN2009.geojson");
    if (file.empty()) return;
    TempDir dir;
    const std::string project = dir.file("laichau.gpkg");
    importFile(project, {"admin_units", file});
    const EdgeCount c = outerEdgePixels(project, dir);
    INFO("outer-edge pixels inside: " << c.inside << ", along the edge: " << c.alongEdge << ", edge pixels: " << c.edgePixels);
    CHECK(c.inside == 0);
    CHECK(c.alongEdge >= c.edgePixels * 2);
}

TEST_CASE("Outer edge: the demo province keeps its whole outline and nothing inside", "[render][outer_edge]") {
    TempDir dir;
    const std::string project = writeDemoProject(dir);
    const EdgeCount c = outerEdgePixels(project, dir);
    INFO("outer-edge pixels inside: " << c.inside << ", along the edge: " << c.alongEdge << ", edge pixels: " << c.edgePixels);
    CHECK(c.inside == 0);
    CHECK(c.alongEdge >= c.edgePixels * 2);
}
