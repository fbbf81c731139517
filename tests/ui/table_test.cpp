// The attribute table of the real app, headless (app/ui/app_table.cpp): a planner sorts by score with
// a click on the header, finds the top priority village in row 1, clicks it and the map selects it
// and flies there; a selection made on the map brings its row into view, highlighted; Export CSV
// writes exactly the filtered, sorted rows.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <sstream>

#include "core/coverage_tables.h"
#include "core/i18n.h"
#include "core/mercator.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

void keep(const render::Image& image, const std::string& name) {
    if (const char* dir = std::getenv("GAPMAP_UI_SHOTS")) render::writePng(image, std::string(dir) + "/" + name);
}

// A left click at the middle of `r`: the mouse moves there, goes down, comes up.
void click(HeadlessUi& ui, ui::App& app, const ui::App::ScreenRect& r, float dx = 0) {
    const ImVec2 at((r.x0 + r.x1) / 2 + dx, (r.y0 + r.y1) / 2);
    ui.frame(app, at);
    ImGui::GetIO().MouseDown[0] = true;
    ui.frame(app, at);
    ImGui::GetIO().MouseDown[0] = false;
    ui.frame(app, at);
    ui.frame(app, at);
}

}  // namespace

TEST_CASE("table: sort by score with a click, row 1 is the top priority village, a click selects it and flies there", "[ui][table]") {
    ScopedLanguage vi(Lang::Vi);
    HeadlessUi ui(1920, 1080);
    const Project project = buildDemoProject();
    ui::App app(project, "", ui.fonts);
    app.panels().table = true;
    ui.frame(app);
    ui.frame(app);
    REQUIRE(app.tableTab() == 0);
    const DataTable priorities = priorityTable(project, analyseCoverage(project));
    const std::string top = cellText(priorities.rows[0][1]);
    CHECK(app.tableShownCodes().front() == top);  // the table's own order: rank 1 first
    const auto header = app.tableHeaderRect("score");
    REQUIRE(header);
    click(ui, app, *header);
    CHECK(app.tableQuery(0).sortColumn >= 0);
    CHECK(app.tableQuery(0).descending);  // numbers sort largest first on the first click
    const std::vector<std::string> shown = app.tableShownCodes();
    REQUIRE(shown.size() == project.villages.size());
    CHECK(shown[0] == top);
    const render::Image sorted = ui.frame(app);
    keep(sorted, "table_sorted.png");

    const auto row = app.tableRowRect(top);
    REQUIRE(row);
    // Near the row's left end: a wide table scrolls sideways, so its rows reach past the window.
    click(ui, app, *row, -(row->x1 - row->x0) / 2 + 40);
    CHECK(app.selection().level == "village");
    CHECK(app.selection().code == top);
    const Village* v = project.findVillage(top);
    REQUIRE(v);
    const render::ScreenXY at = app.map().camera().toScreen(*v->location);
    CHECK(at.xPx > 0);
    CHECK(at.xPx < 1920);
    CHECK(at.yPx > 0);
    CHECK(at.yPx < 1080 * 0.55);  // above the table, which takes the lower part of the window
    CHECK(app.map().camera().metresPerPixel() <= 8.0 + 1e-9);
    keep(ui.frame(app), "table_flown.png");
}

TEST_CASE("table: a selection on the map scrolls the table to its row and highlights it", "[ui][table]") {
    ScopedLanguage en(Lang::En);
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().table = true;
    ui.frame(app);
    ui.frame(app);
    const std::vector<std::string> shown = app.tableShownCodes();
    const std::string far = shown[shown.size() * 3 / 4];  // far below the first screenful
    CHECK_FALSE(app.tableRowRect(far));
    app.select({"village", far});
    ui.frame(app);
    ui.frame(app);
    const render::Image image = ui.frame(app);
    keep(image, "table_scrolled.png");
    const auto row = app.tableRowRect(far);
    REQUIRE(row);
    CHECK(row->y0 > 1080 * 0.55);  // inside the table's window, not pushed out of it
    CHECK(row->y1 < 1080);
    // Highlighted: the selected row's background differs from the row under it.
    const int x = int(row->x0 + (row->x1 - row->x0) * 0.45f);
    const int y = int((row->y0 + row->y1) / 2), below = y + int(row->y1 - row->y0) + 2;
    const uint8_t* a = image.at(x, y);
    const uint8_t* b = image.at(x, below);
    CHECK(std::abs(int(a[0]) - int(b[0])) + std::abs(int(a[1]) - int(b[1])) + std::abs(int(a[2]) - int(b[2])) > 30);

    // A commune selected on the map: the Communes tab, with its row.
    std::string commune;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::Commune) commune = u.code;
    app.select({"commune", commune});
    ui.frame(app);
    ui.frame(app);
    CHECK(app.tableTab() == 1);
    CHECK(app.tableRowRect(commune));
}

TEST_CASE("table: Export CSV writes exactly the filtered, sorted rows", "[ui][table]") {
    ScopedLanguage vi(Lang::Vi);
    HeadlessUi ui;
    const Project project = buildDemoProject();
    ui::App app(project, "", ui.fonts);
    app.panels().table = true;
    ui.frame(app);
    TableQuery& q = app.tableQuery(0);
    q.gaps = std::uint16_t(1u << int(Gap::NoTeam) | 1u << int(Gap::NoInternet));
    q.text = "na";  // folded: "Nà", "Nậm" …
    ui.frame(app);
    const std::vector<std::string> shown = app.tableShownCodes();
    // Counted here from the project: no team registered, no internet, "na" in the folded name or place.
    std::set<std::string> teams;
    for (const CommunicationTeam& t : project.teams) teams.insert(t.villageCode);
    size_t expected = 0;
    for (const std::string& code : shown) {
        const Village* v = project.findVillage(code);
        REQUIRE(v);
        CHECK_FALSE(teams.count(code));
        CHECK_FALSE(v->internet);
    }
    for (const Village& v : project.villages) expected += !teams.count(v.code) && !v.internet;
    CHECK(shown.size() < expected);  // the text narrowed the gap filter
    CHECK_FALSE(shown.empty());

    TempDir dir;
    const std::string path = dir.file("thon.csv");
    REQUIRE(app.exportTableCsv(path));
    std::istringstream in(readFile(path));
    std::string line;
    std::getline(in, line);
    CHECK(csvFields(line)[1] == "village_code");
    std::vector<std::string> written;
    while (std::getline(in, line)) written.push_back(csvFields(line)[1]);
    CHECK(written == shown);
    CHECK_THAT(app.status(), Catch::Contains(path));
}
