// The Dashboard panel, the timeline and presentation mode of the real app, headless (EGL):
// presentation stepped through every view with the keys a presenter's clicker sends, the
// timeline at 2022 against now, and the dashboard drawn in both languages.
#include <catch2/catch.hpp>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

TEST_CASE("presentation mode steps through every view and Esc leaves it", "[ui][presentation]") {
    HeadlessUi ui(1920, 1080);
    REQUIRE(ui.fonts.presentTitle);
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    // An unlocked session: presentation is still a shared output.
    app.map().setExactTrustedAddresses(true);
    ui.frame(app);

    ui.press(app, test::kKeyF5);
    REQUIRE(app.presenting());
    CHECK(app.wantsFullscreen());
    CHECK_FALSE(app.map().exactTrustedAddresses());
    const auto& views = app.presentationViews();
    REQUIRE(app.coverage().districts.size() == 8);
    REQUIRE(views.size() == 11);  // overview + 8 districts + priority villages + connectivity
    CHECK(views.front().title == tr("kpi.present.overview"));
    for (size_t d = 0; d < 8; ++d) CHECK_THAT(views[1 + d].title, Catch::Contains(app.coverage().districts[d].name));
    CHECK(views[9].title == tr("kpi.present.priorities"));
    CHECK(views[10].title == tr("kpi.present.connectivity"));
    for (const auto& v : views) {
        INFO(v.title);
        CHECK(v.figures.size() >= 3);
        CHECK(v.figures.size() <= 4);
        for (const auto& [label, value] : v.figures) CHECK_FALSE(value.empty());
    }
    CHECK(views[0].figures[0].second == "540 / 540 (100%)");  // teams against the 2025 target

    render::Image previous = ui.frame(app);
    for (int i = 1; i < 11; ++i) {
        INFO("view " << i);
        ui.press(app, test::kKeyRight);
        CHECK(app.presentationIndex() == i);
        const render::Image shown = ui.frame(app);
        CHECK(test::differingPixels(previous, shown) > 1000);  // another map frame, title and figures
        CHECK_FALSE(app.map().exactTrustedAddresses());
        previous = shown;
    }
    ui.press(app, test::kKeyRight);  // the last view stays
    CHECK(app.presentationIndex() == 10);
    ui.press(app, test::kKeyPageUp);
    CHECK(app.presentationIndex() == 9);
    ui.press(app, test::kKeyPageDown);
    CHECK(app.presentationIndex() == 10);
    ui.press(app, test::kKeyLeft);
    CHECK(app.presentationIndex() == 9);
    ui.press(app, test::kKeyHome);
    CHECK(app.presentationIndex() == 0);

    ui.press(app, test::kKeyEscape);
    CHECK_FALSE(app.presenting());
    CHECK_FALSE(app.wantsFullscreen());
    CHECK(app.map().exactTrustedAddresses());  // the session's own unlock comes back
    ui.frame(app);
}

TEST_CASE("the timeline at 2022 shows fewer teams than now", "[ui][timeline]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().dashboard = true;
    ui.frame(app);
    const double teamsNow = app.kpis().find("communication_teams")->row.value.value();
    const auto coveredNow = app.coverage().province.villages.team;
    CHECK(teamsNow == 540);

    app.showYear(2022);
    const render::Image in2022 = ui.frame(app);
    CHECK(app.shownYear() == 2022);
    CHECK(app.project().teams.size() == 214);
    CHECK(app.fullProject().teams.size() == 540);
    CHECK(app.kpis().year == 2022);
    CHECK(app.kpis().find("communication_teams")->row.value == 214);
    CHECK(app.coverage().province.villages.team < coveredNow);
    CHECK(app.coverage().province.villages.team == 214);  // one team per village in the demo

    app.showYear(std::nullopt);
    const render::Image now = ui.frame(app);
    CHECK_FALSE(app.shownYear());
    CHECK(app.project().teams.size() == 540);
    CHECK(app.coverage().province.villages.team == coveredNow);
    CHECK(test::differingPixels(in2022, now) > 0);  // the map's team symbols and the cards changed
    app.showYear(2025);  // the latest dated year is "now"
    CHECK_FALSE(app.shownYear());
}

TEST_CASE("the dashboard draws in both languages, with the comparison", "[ui][dashboard][i18n]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    const render::Image without = ui.frame(app);
    ui.frame(app);
    app.panels().dashboard = true;
    app.panels().timeline = true;
    for (Lang lang : {Lang::Vi, Lang::En}) {
        setLanguage(lang);
        ui.frame(app);
        const render::Image with = ui.frame(app);
        CHECK(test::differingPixels(without, with) > 20000);  // the panel of cards is there
        CHECK(catalogue(lang).count("kpi.dashboard.title"));
        CHECK(catalogue(lang).count("indicator.teams_few_women"));
        app.compareWith(2022);
        const render::Image compared = ui.frame(app);
        CHECK(test::differingPixels(with, compared) > 1000);  // the table of two years replaces the cards
        app.compareWith(0);
    }
    setLanguage(Lang::Vi);
    // Each card's value comes from the same board as the report's indicator table.
    const KpiBoard& board = app.kpis();
    CHECK(board.find("teams_few_women")->row.value >= 1);
    CHECK(board.find("trusted_addresses")->percentOfTarget() == Approx(100.0));
    CHECK(board.find("trusted_addresses_active")->row.value == 48);
    CHECK(app.kpisOf(2022).find("clubs")->row.value < board.find("clubs")->row.value);
}
