// Pixels of known scenes drawn headless through EGL (app/render/map_renderer.cpp, overlay.cpp,
// project_scene.cpp, font_atlas.cpp): fills, symbols, layer toggles, legend swatches, Vietnamese
// text, the pan cache, and the protection of Trusted Address locations.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include "core/i18n.h"
#include "core/mercator.h"
#include "io/demo_data.h"
#include "render/map_renderer.h"
#include "render/offscreen.h"
#include "render/overlay.h"
#include "render/project_scene.h"
#include "render/render_map.h"
#include "support/gl_context.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;
using gapmap::test::sharedGl;

namespace {

Image drawScene(MapRenderer& renderer, const Camera& cam, bool decorations = false) {
    Framebuffer fb;
    fb.resize(cam.widthPx(), cam.heightPx());
    fb.bind();
    FrameOptions options;
    options.decorations = decorations;
    renderer.draw(cam, options);
    Image img = readPixels(fb);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return img;
}

bool sameColor(const uint8_t* px, const Color& c, int tolerance = 2) {
    const uint32_t v = c.rgba8();
    for (int k = 0; k < 3; ++k)
        if (std::abs(int(px[k]) - int((v >> (8 * k)) & 255)) > tolerance) return false;
    return true;
}

const uint8_t* pixelAt(const Image& img, ScreenXY p) { return img.at(int(std::floor(p.xPx)), int(std::floor(p.yPx))); }

Polygon square(double lon0, double lat0, double lon1, double lat1) {
    return Polygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}};
}

const Color kRed = Color::hex(0xd7301f), kBackground = Color::hex(0xe3e8ec), kVillage = Color::hex(0x2166ac);

// One filled square and one village point inside it.
RenderScene squareWithVillage() {
    static const MultiPolygon area{square(103.0, 22.0, 103.2, 22.2)};
    RenderScene scene;
    scene.background = kBackground;
    Layer fill;
    fill.id = "communes";
    fill.kind = LayerKind::Fill;
    fill.areas = prepareAreas({{&area, -1, -1}});
    fill.featureColors = std::make_shared<std::vector<Color>>(1, kRed);
    scene.layers.push_back(fill);
    Layer villages;
    villages.id = "villages";
    villages.kind = LayerKind::Points;
    villages.points = preparePoints({{toMercator(LonLat{103.05, 22.15}), 6, kVillage, 1}});
    villages.strokeWidthPx = 1;
    scene.layers.push_back(villages);
    scene.bounds = fill.areas->box;
    return scene;
}

Camera fitted(const RenderScene& scene, int w = 640, int h = 480) {
    Camera cam({}, 1, w, h);
    cam.fitBox(scene.bounds.expanded(scene.bounds.width() * 0.2));
    return cam;
}

// Three communes with populations 100, 200, 300 side by side, no villages.
Project threeCommunes() {
    Project p;
    for (int i = 0; i < 3; ++i) {
        AdminUnit u;
        u.code = "0" + std::to_string(i + 1);
        u.name = i == 0 ? "Nậm Ban" : i == 1 ? "Huổi Lèng" : "Ư Ơ Đ";
        u.level = AdminLevel::Commune;
        u.parentCode = "D1";
        u.population = 100 * (i + 1);
        u.area = {square(103.0 + 0.1 * i, 22.0, 103.1 + 0.1 * i, 22.1)};
        p.adminUnits.push_back(u);
    }
    p.setSetting("title", "Ba xã thử");
    return p;
}

}  // namespace

TEST_CASE("render: a filled polygon has its colour inside and the background outside", "[render][gl]") {
    sharedGl();
    MapRenderer renderer;
    RenderScene scene = squareWithVillage();
    scene.setVisible("villages", false);
    renderer.setScene(scene);
    const Camera cam = fitted(scene);
    const Image img = drawScene(renderer, cam);
    CHECK(sameColor(pixelAt(img, cam.toScreen(LonLat{103.15, 22.05})), kRed));
    CHECK(sameColor(pixelAt(img, cam.toScreen(LonLat{103.1, 22.1})), kRed));
    CHECK(sameColor(pixelAt(img, {3, 3}), kBackground));
    CHECK(sameColor(pixelAt(img, cam.toScreen(LonLat{103.25, 22.1})), kBackground));
    CHECK(sameColor(pixelAt(img, cam.toScreen(LonLat{103.1, 21.97})), kBackground));
}

TEST_CASE("render: a village symbol is drawn where the village is", "[render][gl]") {
    sharedGl();
    MapRenderer renderer;
    const RenderScene scene = squareWithVillage();
    renderer.setScene(scene);
    const Camera cam = fitted(scene);
    const Image img = drawScene(renderer, cam);
    const ScreenXY v = cam.toScreen(LonLat{103.05, 22.15});
    CHECK(sameColor(pixelAt(img, v), kVillage));
    CHECK(sameColor(pixelAt(img, {v.xPx + 2, v.yPx - 2}), kVillage));
    CHECK(sameColor(pixelAt(img, {v.xPx + 20, v.yPx}), kRed));  // beyond its 6 px radius
}

TEST_CASE("render: a layer toggled off is absent, toggled on again is back", "[render][gl]") {
    sharedGl();
    MapRenderer renderer;
    RenderScene scene = squareWithVillage();
    const Camera cam = fitted(scene);
    const ScreenXY v = cam.toScreen(LonLat{103.05, 22.15});
    scene.setVisible("villages", false);
    renderer.setScene(scene);
    CHECK(sameColor(pixelAt(drawScene(renderer, cam), v), kRed));
    scene.setVisible("communes", false);
    renderer.setScene(scene);
    CHECK(sameColor(pixelAt(drawScene(renderer, cam), v), kBackground));
    scene.setVisible("villages", true);
    renderer.setScene(scene);
    CHECK(sameColor(pixelAt(drawScene(renderer, cam), v), kVillage));
    CHECK(buildLegend(scene).sections.empty());  // these layers carry no legend entries
}

TEST_CASE("render: legend swatches show exactly the colours of the choropleth classes", "[render][gl]") {
    sharedGl();
    const Project project = threeCommunes();
    const ProjectSceneBuilder builder(project);
    SceneOptions options;
    options.layers = {"communes", "choropleth"};
    options.colorBy = "population";
    options.classes = 3;
    options.classMethod = ClassMethod::EqualInterval;
    const RenderScene scene = builder.build(options);
    MapRenderer renderer;
    renderer.setScene(scene);
    Camera cam({}, 1, 1280, 800);
    cam.fitBox(builder.bounds(), renderer.decorationInsets(1280, 800));
    const Image img = drawScene(renderer, cam, true);

    const Legend legend = buildLegend(scene, cam.metresPerPixel());
    const LegendSection* found = nullptr;
    for (const LegendSection& s : legend.sections)
        if (s.layerId == "choropleth") found = &s;
    REQUIRE(found);
    const LegendSection& section = *found;
    REQUIRE(section.entries.size() == 3);
    const DrawList2D decorations = layoutDecorations(scene, cam, renderer.fonts(), renderer.uiScale());
    for (size_t i = 0; i < section.entries.size(); ++i) {
        const Color c = section.entries[i].fill;
        const Rect2D* swatch = nullptr;
        for (const Rect2D& r : decorations.rects)
            if (r.color == c) swatch = &r;
        REQUIRE(swatch);
        CHECK(sameColor(pixelAt(img, {(swatch->x0 + swatch->x1) / 2, (swatch->y0 + swatch->y1) / 2}), c, 0));
        // Commune i (population 100 (i+1)) is in class i and drawn in that very colour.
        const ScreenXY inside = cam.toScreen(LonLat{103.02 + 0.1 * double(i), 22.02});
        CHECK(sameColor(pixelAt(img, inside), c, 0));
    }
    CHECK(section.entries[0].label.find("100") == 0);
}

TEST_CASE("render: Vietnamese text renders with its marks", "[render][gl][text]") {
    sharedGl();
    MapRenderer renderer;
    const FontAtlas& atlas = renderer.fonts();
    for (char32_t cp : {U'ẩ', U'ỗ', U'ự', U'Ơ', U'ơ', U'Ư', U'ư', U'Đ', U'đ', U'ă', U'â', U'ê', U'ô', U'–', U'…', U'°'})
        CHECK(atlas.has(TextStyle::Label, cp));
    for (char32_t cp = 0x1EA0; cp <= 0x1EF9; ++cp) CHECK(atlas.has(TextStyle::Title, cp));

    auto render = [&](const std::string& text) {
        RenderScene scene;
        scene.background = Color::hex(0xffffff);
        Layer labels;
        labels.id = "labels";
        labels.kind = LayerKind::Labels;
        labels.labels = std::make_shared<LabelSet>(std::vector<LabelItem>{{toMercator(LonLat{103, 22}), text, 1, 1e9, 0}});
        labels.textColor = Color::hex(0x000000);
        labels.haloColor = Color{0, 0, 0, 0};
        scene.layers.push_back(labels);
        renderer.setScene(scene);
        const Camera cam(toMercator(LonLat{103, 22}), 10, 200, 100);
        return drawScene(renderer, cam);
    };
    const Image vi = render("ẩ ỗ ự"), latin = render("a o u");
    // The text box: centred on the anchor (100, 50), baseline below the centre.
    const TextMetrics m = atlas.measure(TextStyle::Label, "ẩ ỗ ự");
    const int x0 = int(100 - m.widthPx / 2) - 1, x1 = int(100 + m.widthPx / 2) + 1;
    const int baseline = int(std::round(50 + (m.ascentPx - m.descentPx) / 2));
    auto ink = [](const Image& img, int xa, int xb, int ya, int yb) {
        int n = 0;
        for (int y = std::max(0, ya); y < std::min(img.height, yb); ++y)
            for (int x = std::max(0, xa); x < std::min(img.width, xb); ++x) n += img.at(x, y)[0] < 128;
        return n;
    };
    const int xHeight = int(atlas.sizePx(TextStyle::Label) * 0.55f);
    const int viTotal = ink(vi, x0, x1, int(baseline - m.ascentPx), int(baseline + m.descentPx) + 1);
    const int viOutside = ink(vi, 0, vi.width, 0, vi.height) - viTotal;
    const int viAbove = ink(vi, x0, x1, 0, baseline - xHeight - 1);        // circumflex, tilde, hook, horn
    const int latinAbove = ink(latin, x0, x1, 0, baseline - xHeight - 1);
    const int viBelow = ink(vi, x0, x1, baseline + 1, vi.height);          // the dot below ậ-style marks
    const int latinBelow = ink(latin, x0, x1, baseline + 1, latin.height);
    CHECK(viTotal > 40);
    CHECK(viOutside == 0);
    CHECK(viAbove > latinAbove + 10);
    CHECK(viBelow > latinBelow);
    CHECK(vi.rgba != latin.rgba);
}

TEST_CASE("render: a pan reuses the cached map until it stops, a zoom re-renders", "[render][gl]") {
    sharedGl();
    MapRenderer renderer(RendererOptions{1, 64});
    const RenderScene scene = squareWithVillage();
    renderer.setScene(scene);
    Camera cam = fitted(scene);
    Framebuffer fb;
    fb.resize(cam.widthPx(), cam.heightPx());
    fb.bind();
    CHECK(renderer.needsRedraw(cam));
    CHECK(renderer.draw(cam).mapRendered);
    CHECK_FALSE(renderer.needsRedraw(cam));
    FrameOptions panning;
    panning.interacting = true;
    cam.panByPixels(30, -12);
    CHECK(renderer.needsRedraw(cam, panning));
    CHECK_FALSE(renderer.draw(cam, panning).mapRendered);          // the cached image, shifted
    const Image shifted = readPixels(fb);
    CHECK(renderer.needsRedraw(cam));                              // the pan stopped: draw it sharp
    CHECK(renderer.draw(cam).mapRendered);
    const Image fresh = readPixels(fb);
    const ScreenXY v = cam.toScreen(LonLat{103.05, 22.15});
    CHECK(sameColor(pixelAt(shifted, v), kVillage));
    CHECK(sameColor(pixelAt(fresh, v), kVillage));
    cam.panByPixels(500, 0);                                        // beyond the cached margin
    CHECK(renderer.draw(cam, panning).mapRendered);
    cam.zoomAbout({100, 100}, 1.5);
    CHECK(renderer.draw(cam, panning).mapRendered);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

TEST_CASE("render: Trusted Addresses appear only as counts at commune label points", "[render][gl][protection]") {
    sharedGl();
    const Project project = buildDemoProject();
    REQUIRE(project.trustedAddresses.size() >= 10);
    const Color taColor = Color::hex(0xc51b7d);
    MapRequest request;
    request.widthPx = 1600;
    request.heightPx = 1200;
    request.scene.layers = {"communes", "trusted_addresses"};
    request.scene.exactTrustedAddresses = true;  // ignored: shared outputs never show locations
    const RenderedMap map = renderProjectMap(project, request);
    REQUIRE(map.image.width == 1600);

    // The scene: no Trusted Address point, name or location anywhere.
    for (const Layer& l : map.scene.layers) {
        if (l.id != "trusted_addresses") continue;
        CHECK(l.kind == LayerKind::Badges);
        CHECK_FALSE(l.points);
    }
    CHECK(map.scene.warning.empty());
    // The badges count the active ones per commune, as the report's areas table does (48 of 50 on the demo).
    int badgeTotal = 0, active = 0;
    for (const Layer& l : map.scene.layers)
        if (l.id == "trusted_addresses")
            for (const auto& badge : l.badges) badgeTotal += std::stoi(badge.text);
    for (const TrustedAddress& t : project.trustedAddresses) active += t.active;
    CHECK(active < int(project.trustedAddresses.size()));
    CHECK(badgeTotal == active);

    const ProjectSceneBuilder builder(project);
    const double scale = 1.25;  // uiScaleFor(1600, 1200)
    std::map<std::string, ScreenXY> badgeAt;  // commune -> where its count is drawn (above its label point)
    for (size_t i = 0; i < builder.communeCodes().size(); ++i) {
        const ScreenXY p = map.camera.toScreen(builder.communeGeometry()->features[i].labelPoint);
        badgeAt[builder.communeCodes()[i]] = {p.xPx, p.yPx - 20 * scale};
    }
    auto taPixels = [&](const Image& img, ScreenXY c, int r) {
        int n = 0;
        for (int y = int(c.yPx) - r; y <= int(c.yPx) + r; ++y)
            for (int x = int(c.xPx) - r; x <= int(c.xPx) + r; ++x)
                if (x >= 0 && y >= 0 && x < img.width && y < img.height) n += sameColor(img.at(x, y), taColor, 24);
        return n;
    };
    int checked = 0, badgesSeen = 0;
    for (const TrustedAddress& t : project.trustedAddresses) {
        REQUIRE(t.location);
        const ScreenXY at = map.camera.toScreen(*t.location);
        badgesSeen += taPixels(map.image, badgeAt.at(t.communeCode), 6) > 20;
        // Where a badge is drawn (this commune's or a neighbour's), pink is expected; elsewhere none.
        bool nearBadge = false;
        for (const auto& [code, b] : badgeAt) nearBadge = nearBadge || std::hypot(at.xPx - b.xPx, at.yPx - b.yPx) < 24;
        if (nearBadge) continue;
        ++checked;
        CHECK(taPixels(map.image, at, 4) == 0);
    }
    CHECK(checked >= 20);
    CHECK(badgesSeen >= 20);  // the counts are there

    // The desktop app's explicit unlock shows the points — which is what the check above would catch.
    SceneOptions exact;
    exact.layers = {"communes", "trusted_addresses"};
    exact.exactTrustedAddresses = true;
    const RenderScene unlocked = builder.build(exact);
    CHECK_FALSE(unlocked.warning.empty());
    MapRenderer renderer(RendererOptions{1.25f, 0});
    renderer.setScene(unlocked);
    const Image shown = drawScene(renderer, map.camera, false);
    int visible = 0;
    for (const TrustedAddress& t : project.trustedAddresses) visible += taPixels(shown, map.camera.toScreen(*t.location), 3) > 0;
    CHECK(visible >= int(project.trustedAddresses.size()) * 9 / 10);
}

TEST_CASE("render: an empty project gives an empty map, not a failure", "[render][gl]") {
    sharedGl();
    Project empty;
    MapRequest request;
    request.widthPx = 320;
    request.heightPx = 200;
    const RenderedMap map = renderProjectMap(empty, request);
    CHECK(map.image.width == 320);
    CHECK(map.scene.layers.empty());
    CHECK(sameColor(map.image.at(160, 150), map.scene.background));
}

TEST_CASE("render: the map's texts follow the interface language", "[render][i18n]") {
    const Project project = buildDemoProject();
    const ProjectSceneBuilder builder(project);
    SceneOptions options;
    options.layers = defaultLayers();
    auto titles = [&] {
        const RenderScene scene = builder.build(options);
        std::string all;
        for (const LegendSection& s : buildLegend(scene).sections) all += s.title + "\n";
        return std::make_pair(all, scene);
    };
    {
        ScopedLanguage vietnamese(Lang::Vi);
        const auto [all, scene] = titles();
        CHECK_THAT(all, Catch::Contains("Ranh giới"));
        CHECK_THAT(all, Catch::Contains("Hỗ trợ của Dự án 8"));
        CHECK_THAT(all, !Catch::Contains("Boundaries"));
        CHECK_THAT(scene.attribution, !Catch::Contains("⟨"));
        if (!scene.dataDate.empty()) CHECK_THAT(scene.dataDate, Catch::Contains("Dữ liệu tính đến"));
        CHECK(layerDescription(layerCatalogue().front()) == "vùng các xã (tô màu trung tính) và ranh giới xã");
        CHECK(attributeLabel(*findAttribute("population")) == "Dân số");
    }
    {
        ScopedLanguage english(Lang::En);
        const auto [all, scene] = titles();
        CHECK_THAT(all, Catch::Contains("Boundaries"));
        CHECK_THAT(all, Catch::Contains("Project 8 support"));
        CHECK_THAT(all, !Catch::Contains("Ranh giới"));
        if (!scene.dataDate.empty()) CHECK_THAT(scene.dataDate, Catch::Contains("Data as of"));
        CHECK(attributeLabel(*findAttribute("population")) == "Population");
    }
    // Every layer and attribute has its text in both catalogues.
    for (Lang lang : {Lang::Vi, Lang::En}) {
        for (const LayerInfo& l : layerCatalogue()) CHECK(catalogue(lang).count(std::string("render.layer.") + l.id));
        for (const AttributeInfo& a : communeAttributes()) CHECK(catalogue(lang).count(std::string("render.attr.") + a.id));
    }
}

TEST_CASE("render: a one-off picture drawn straight and in flushed parts has the pixels of the cached frame", "[render][gl]") {
    // RendererOptions::cacheImage = false and flushIndices (what renderProjectMap uses to keep its
    // memory down) must not change one pixel of the demo map, and the parts must really be parts.
    sharedGl();
    const Project project = buildDemoProject();
    const ProjectSceneBuilder builder(project);
    const RenderScene scene = builder.build({});
    const Camera cam = fitted(scene, 800, 600);
    MapRenderer cached(RendererOptions{1, 0});  // no margin: labels are laid out on the same canvas
    cached.setScene(scene);
    Framebuffer fb;
    fb.resize(cam.widthPx(), cam.heightPx());
    fb.bind();
    const FrameStats whole = cached.draw(cam);
    const Image expected = readPixels(fb);
    RendererOptions oneOff{1, 0};
    oneOff.cacheImage = false;
    oneOff.flushIndices = 300;  // 100 triangles a part
    MapRenderer straight(oneOff);
    straight.setScene(scene);
    glClearColor(1, 0, 1, 1);  // whatever was in the target before is overwritten
    glClear(GL_COLOR_BUFFER_BIT);
    const FrameStats parts = straight.draw(cam);
    const Image got = readPixels(fb);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    REQUIRE(whole.triangles > 1000);
    CHECK(parts.triangles == whole.triangles);
    CHECK(parts.drawCalls >= whole.drawCalls + whole.triangles / 100 - 20);  // really cut into parts
    REQUIRE(got.rgba.size() == expected.rgba.size());
    size_t differing = 0;
    for (size_t i = 0; i < got.rgba.size(); ++i) differing += got.rgba[i] != expected.rgba[i];
    CHECK(differing == 0);
    // Not a trivial picture: the land, the sea and the choropleth's classes all appear.
    std::map<uint32_t, int> colours;
    for (size_t i = 0; i + 3 < got.rgba.size(); i += 4) ++colours[uint32_t(got.rgba[i]) | uint32_t(got.rgba[i + 1]) << 8 | uint32_t(got.rgba[i + 2]) << 16];
    CHECK(colours.size() > 5);
}

TEST_CASE("render: a picture written straight from the framebuffer in strips equals the read-back image", "[render][gl]") {
    // MapRequest::pngPath (what `gapmap render` uses, to hold no whole image at its peak): the PNG's
    // pixels equal readPixels' image, rows in order and not flipped, at a height that is no
    // multiple of the strip (32 rows), so the last strip is a short one.
    sharedGl();
    const Project project = buildDemoProject();
    test::TempDir dir;
    MapRequest request;
    request.widthPx = 517;
    request.heightPx = 301;
    const RenderedMap inMemory = renderProjectMap(project, request);
    request.pngPath = dir.file("m.png");
    const RenderedMap streamed = renderProjectMap(project, request);
    CHECK(streamed.image.rgba.empty());
    CHECK(streamed.image.width == 517);
    CHECK(streamed.image.height == 301);
    const Image got = readPng(request.pngPath);
    REQUIRE(got.width == 517);
    REQUIRE(got.height == 301);
    REQUIRE(got.rgba.size() == inMemory.image.rgba.size());
    size_t differing = 0;
    for (size_t i = 0; i < got.rgba.size(); ++i) differing += got.rgba[i] != inMemory.image.rgba[i];
    CHECK(differing == 0);
    // Top and bottom differ (title box above, scale bar below), so a flipped picture cannot pass.
    size_t topVsBottom = 0;
    for (int x = 0; x < got.width; ++x)
        for (int y = 0; y < 40; ++y) topVsBottom += std::memcmp(got.at(x, y), got.at(x, got.height - 1 - y), 3) != 0;
    CHECK(topVsBottom > 1000);
    // An unwritable path: std::runtime_error naming it.
    request.pngPath = dir.file("no/such/folder/m.png");
    CHECK_THROWS_WITH(renderProjectMap(project, request), Catch::Contains("no/such/folder/m.png"));
}
