// Presentation mode of the real app at 1920×1080, headless (EGL): every view fits its subject
// inside the area the title band, the figure cards, the legend and the bottom marks leave free;
// the priority view draws the priority villages by score; cards are opaque; a district view
// focuses its district; legend and scale bar are sized for a projector; GAPMAP_PRESENT's numbers.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "render/priority_layer.h"
#include "support/headless_ui.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

size_t pixelsOf(const render::Image& image, const render::Color& c, int x0 = 0, int y0 = 0, int x1 = 1 << 30, int y1 = 1 << 30) {
    const uint32_t v = c.rgba8();
    size_t n = 0;
    for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
            const uint8_t* p = image.at(x, y);
            bool same = true;
            for (int k = 0; k < 3; ++k) same = same && std::abs(int(p[k]) - int((v >> (8 * k)) & 255)) <= 2;
            n += same;
        }
    return n;
}

int viewTitled(const ui::App& app, const std::string& title) {
    const auto& views = app.presentationViews();
    for (size_t i = 0; i < views.size(); ++i)
        if (views[i].title == title) return int(i);
    return -1;
}

}  // namespace

TEST_CASE("presentation: every view fits its subject inside the area the cards leave free", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    ui.press(app, test::kKeyF5);
    REQUIRE(app.presenting());
    const auto& views = app.presentationViews();
    REQUIRE(views.size() == 11);
    for (size_t i = 0; i < views.size(); ++i) {
        INFO("view " << i + 1 << ": " << views[i].title);
        ui.frame(app);
        const ui::App::PresentationLayout& layout = app.presentationLayout();
        const render::Insets& free = layout.freeInsets;
        // The free area is right of the cards and below the title band, and leaves a real map.
        CHECK(free.leftPx >= layout.cardsRightPx);
        CHECK(1920 - free.leftPx - free.rightPx > 500);
        CHECK(1080 - free.topPx - free.bottomPx > 700);
        const render::ProjectSceneBuilder& builder = app.map().builder();
        const render::MercatorBox subject = views[i].unit.empty() ? builder.bounds() : builder.unitBounds(views[i].unit).value();
        const render::Camera& cam = app.map().camera();
        const render::ScreenXY a = cam.toScreen(MercatorXY{subject.minX, subject.maxY});
        const render::ScreenXY b = cam.toScreen(MercatorXY{subject.maxX, subject.minY});
        CHECK(a.xPx >= free.leftPx - 1);
        CHECK(a.yPx >= free.topPx - 1);
        CHECK(b.xPx <= 1920 - free.rightPx + 1);
        CHECK(b.yPx <= 1080 - free.bottomPx + 1);  // the south of the province stays on screen
        CHECK(std::max(b.xPx - a.xPx, b.yPx - a.yPx) > 400);  // and the subject is not a speck
        ui.press(app, test::kKeyRight);
    }
}

TEST_CASE("presentation: the priority view draws the priority villages by score", "[ui][presentation][priority]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    std::string error;
    REQUIRE(app.startPresentation("10", &error));
    REQUIRE(app.presentationIndex() == viewTitled(app, tr("kpi.present.priorities")));
    const render::Image image = ui.frame(app);
    const auto& layers = app.presentationViews()[9].layers;
    CHECK(std::find(layers.begin(), layers.end(), "priority_villages") != layers.end());
    CHECK(std::find(layers.begin(), layers.end(), "teams") == layers.end());
    const render::Layer* layer = nullptr;  // the part with the legend: the top class, drawn last
    size_t symbols = 0;
    for (const render::Layer& l : app.presentationRenderer()->scene().layers)
        if (l.id == "priority_villages") {
            if (!l.legend.empty()) layer = &l;
            l.points->bands();
            symbols += l.points->sourceCount;
        }
    REQUIRE(layer);
    CHECK(layer->visible);
    CHECK(layer->legendTitle == tr("render.legend.priority"));  // the legend says what the symbols are
    const size_t topPixels = pixelsOf(image, layer->legend.front().fill);
    CHECK(topPixels > 200);  // the top class's symbols, 2× sized
    // Every row of the list is on the map: the analysis' own count.
    CHECK(symbols == render::priorityRows(app.coverage(), {}).size());
}

TEST_CASE("presentation: figure cards are opaque, map labels never show through", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    for (const char* view : {"1", "2", "5"}) {
        INFO("view " << view);
        std::string error;
        REQUIRE(app.startPresentation(view, &error));
        app.map().setLayerVisible("labels", true);
        ui.frame(app);
        const render::Image with = ui.frame(app);
        app.map().setLayerVisible("labels", false);
        ui.frame(app);
        const render::Image without = ui.frame(app);
        const ui::App::PresentationLayout& l = app.presentationLayout();
        size_t differ = 0, outside = 0;
        for (int y = 0; y < 1080; ++y)
            for (int x = 0; x < 1920; ++x) {
                const bool inCards = x >= l.cardsLeftPx + 14 && x < l.cardsRightPx - 14 && y >= l.cardsTopPx + 14 && y < l.cardsBottomPx - 14;
                const uint8_t *a = with.at(x, y), *b = without.at(x, y);
                const bool same = a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
                if (inCards) differ += !same;
                else outside += !same;
            }
        CHECK(outside > 500);  // the labels did change the map
        CHECK(differ == 0);    // but not one pixel of the cards
        ui.press(app, test::kKeyEscape);
        CHECK_FALSE(app.presenting());
    }
}

TEST_CASE("presentation: a district view focuses its district", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    std::string error;
    REQUIRE(app.startPresentation("2", &error));
    ui.frame(app);
    const auto& view = app.presentationViews()[1];
    REQUIRE_FALSE(view.unit.empty());
    CHECK(view.unit == app.coverage().districts[0].code);
    CHECK(app.map().options().focusUnit == view.unit);
    size_t focusParts = 0;
    for (const render::Layer& l : app.presentationRenderer()->scene().layers)
        focusParts += l.id == "districts" && l.visible && (l.kind == render::LayerKind::Fill || l.lineWidthPx >= 4);
    CHECK(focusParts == 2);  // the veil over the others and the thick edge
    ui.press(app, test::kKeyHome);
    CHECK(app.map().options().focusUnit.empty());  // the overview has no focus
    ui.press(app, test::kKeyEscape);
    CHECK(app.map().options().focusUnit.empty());
}

TEST_CASE("presentation: legend and scale bar are sized for a projector", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    std::string error;
    REQUIRE(app.startPresentation("1", &error));
    ui.frame(app);
    REQUIRE(app.presentationRenderer());
    CHECK(app.presentationRenderer()->fonts().sizePx(render::TextStyle::Legend) >= 24);
    CHECK(app.presentationRenderer()->uiScale() >= 1.9f);
}

TEST_CASE("GAPMAP_PRESENT counts views from 1 and refuses one that does not exist", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    std::string error;
    REQUIRE(app.startPresentation("1", &error));
    CHECK(app.presentationIndex() == 0);
    REQUIRE(app.startPresentation("11", &error));
    CHECK(app.presentationIndex() == 10);
    ui.press(app, test::kKeyEscape);
    for (const char* bad : {"0", "12", "99", "-1", "abc", ""}) {
        INFO(bad);
        error.clear();
        CHECK_FALSE(app.startPresentation(bad, &error));
        CHECK_FALSE(app.presenting());
        CHECK_THAT(error, Catch::Contains("11"));  // says which views exist
    }
}
