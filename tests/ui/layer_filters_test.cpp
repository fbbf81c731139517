// The priority villages layer of the real app (app/ui/app_layer_filters.cpp, render/priority_layer.cpp):
// with a gap chosen, the map holds exactly the rows the Priorities panel lists for that gap.
#include <catch2/catch.hpp>

#include <algorithm>

#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

TEST_CASE("the priority layer holds the Priorities panel's rows for the same gap", "[ui][priority]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    app.map().setLayerVisible("priority_villages", true);
    for (Gap gap : {Gap::NoTeam, Gap::NoClub, Gap::NoInternet, Gap::NoMobile}) {
        INFO(gapCode(gap));
        render::SceneOptions options = app.map().options();
        options.priorityGaps = {gap};
        app.map().setOptions(options);
        app.priorityFilter().gap = int(std::find(kAllGaps.begin(), kAllGaps.end(), gap) - kAllGaps.begin());
        ui.frame(app);
        size_t symbols = 0;
        for (const render::Layer& l : app.map().scene().layers)
            if (l.id == "priority_villages") {
                CHECK(l.visible);
                l.points->bands();
                symbols += l.points->sourceCount;
            }
        CHECK(symbols > 0);
        CHECK(symbols == app.visiblePriorities().size());  // every demo village has coordinates
    }
}
