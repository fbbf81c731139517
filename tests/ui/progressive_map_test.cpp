// The desktop window's progressive first frame (ui/map_canvas.cpp, App's `progressive`, as
// ui/desktop.cpp runs it): the first frame comes before the boundary topology and zoom bands, which
// are then prepared on a thread; the map sharpens until it equals the map drawn with every band
// ready. If the bands are already ready when the app opens (a scene cache), the first frame is
// complete at once: the test accepts both and checks the end state.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <thread>

#include "io/demo_data.h"
#include "io/project_file.h"
#include "support/test_support.h"
#include "support/headless_ui.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

// Pixels of `rect` (window px) whose colour differs between two frames.
size_t differingIn(const render::Image& a, const render::Image& b, const ui::RectPx& rect) {
    size_t n = 0;
    for (int y = int(rect.y0); y < int(rect.y1); ++y)
        for (int x = int(rect.x0); x < int(rect.x1); ++x) {
            const uint8_t* p = a.at(x, y);
            const uint8_t* q = b.at(x, y);
            n += p[0] != q[0] || p[1] != q[1] || p[2] != q[2];
        }
    return n;
}

// Opens `demo` in a progressive app and checks the first frame and the end state.
void checkProgressive(const Project& demo, bool cacheImpossible) {
    render::Image complete;
    ui::RectPx rect;
    {  // the reference: every band ready when drawn (what the app did before, and what tests use)
        HeadlessUi ui;
        ui::App app(demo, "", ui.fonts);
        ui.frame(app);
        complete = ui.frame(app);
        REQUIRE_FALSE(app.map().lastStats().provisional);
        rect = app.map().rect();
    }
    HeadlessUi ui;
    ui::App app(demo, "", ui.fonts, /*progressive=*/true);
    // Without a cached scene the topology cannot be ready before the first frame: it has not been
    // built (the bands' thread starts after that frame), so that frame must be provisional.
    const bool readyAtOpen = app.map().builder().communeGeometry()->topologyReady();
    if (cacheImpossible) REQUIRE_FALSE(readyAtOpen);
    const render::Image first = ui.frame(app);
    REQUIRE(app.map().lastStats().mapRendered);
    REQUIRE(app.map().rect().x0 == rect.x0);
    REQUIRE(app.map().rect().y1 == rect.y1);
    const bool firstProvisional = app.map().lastStats().provisional;
    // The first frame already shows the map: most of its pixels are those of the complete map
    // (fills, labels, legend); only boundaries are missing.
    const size_t mapPixels = size_t(rect.width()) * size_t(rect.height());
    const size_t missing = differingIn(first, complete, rect);
    INFO("first frame provisional: " << firstProvisional << ", " << missing << " of " << mapPixels << " map pixels differ");
    CHECK(missing < mapPixels / 4);
    if (!readyAtOpen) REQUIRE(firstProvisional);
    if (firstProvisional) CHECK(missing > 2000);  // the commune and district lines are not there yet

    // The window's loop: frames until nothing better lands (the bench's open loop does the same).
    render::Image last = first;
    int frames = 1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (app.map().lastStats().provisional && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the bands' thread shares the cores
        last = ui.frame(app);
        ++frames;
    }
    last = ui.frame(app);
    INFO(frames << " frames");
    CHECK_FALSE(app.map().lastStats().provisional);
    CHECK(differingIn(last, complete, rect) == 0);
}

}  // namespace

TEST_CASE("the desktop app shows a first frame at once and the map becomes complete", "[ui][progressive]") {
    // The demo is built in memory: no project file, so no cached scene; the first frame must come
    // before the topology.
    checkProgressive(buildDemoProject(), true);
}

TEST_CASE("a project file opens progressively too, with or without a cached scene", "[ui][progressive]") {
    test::TempDir dir;
    checkProgressive(readProject(test::writeDemoProject(dir)), false);
}
