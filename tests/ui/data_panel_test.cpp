// The Data panel (app/ui/app_data_panel.cpp) and the dashboard on a project whose programme
// tables were never loaded: the cards say "no data", never 0.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// The demo's boundaries and villages only, as a province's first project looks.
Project villagesOnly() {
    Project p = buildDemoProject();
    p.teams.clear();
    p.clubs.clear();
    p.trustedAddresses.clear();
    p.activities.clear();
    p.communeOffices.clear();
    p.outcomes.clear();
    std::erase_if(p.loads, [](const TableLoad& l) { return l.table != "admin_units" && l.table != "villages"; });
    return p;
}

// GAPMAP_UI_SHOTS=DIR keeps the frames to look at.
void keep(const render::Image& image, const std::string& name) {
    if (const char* dir = std::getenv("GAPMAP_UI_SHOTS")) render::writePng(image, std::string(dir) + "/" + name);
}

}  // namespace

TEST_CASE("the Data panel lists the tables, and the dashboard says no data for tables never loaded", "[ui][nodata]") {
    ScopedLanguage vi(Lang::Vi);
    HeadlessUi ui;
    ui::App app(villagesOnly(), "", ui.fonts);
    ui.frame(app);
    const render::Image without = ui.frame(app);
    app.panels().data = true;
    ui.frame(app);
    const render::Image data = ui.frame(app);
    keep(data, "data_panel.png");
    CHECK(differingPixels(without, data) > 20000);  // the panel is there
    app.panels().data = false;
    app.panels().dashboard = true;
    ui.frame(app);
    const render::Image dashboard = ui.frame(app);
    keep(dashboard, "dashboard_no_data.png");
    CHECK(differingPixels(without, dashboard) > 20000);
    const KpiBoard& board = app.kpis();
    CHECK_FALSE(board.find("communication_teams")->row.value);
    CHECK_FALSE(board.find("team_women_share_pct")->row.value);
    CHECK_FALSE(board.find("communication_teams")->change());
    CHECK(board.find("villages_with_electricity")->row.value > 0);
    CHECK(catalogue(Lang::En).count("ui.data.title"));
}
