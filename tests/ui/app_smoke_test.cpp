// The real desktop app, headless: frames of App drawn with ImGui's OpenGL3 backend into an
// offscreen framebuffer (EGL surfaceless), every layer toggled, search, selection, language
// switch and PNG export — the app, without GLFW.
#include <catch2/catch.hpp>

#include <imgui.h>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "render/offscreen.h"
#include "render/project_scene.h"
#include "support/headless_ui.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"
#include "ui/app.h"

using namespace gapmap;

using test::HeadlessUi;
using test::differingPixels;
using test::kWidth;
using test::kHeight;

TEST_CASE("the app runs headless and every layer toggles", "[ui][smoke]") {
    HeadlessUi ui;
    REQUIRE(ui.fonts.body);  // Noto Sans or DejaVu Sans from Debian
    ui::App app(buildDemoProject(), "", ui.fonts);
    render::Image before = ui.frame(app);
    ui.frame(app);
    for (const render::LayerInfo& layer : render::layerCatalogue()) {
        INFO(layer.id);
        const bool was = app.map().layerVisible(layer.id);
        app.map().setLayerVisible(layer.id, !was);
        CHECK(app.map().layerVisible(layer.id) == !was);
        const render::Image toggled = ui.frame(app);
        const size_t changed = differingPixels(before, toggled);
        INFO(changed << " pixels changed");
        // The map itself changed, not just a pixel or a legend line: the smallest layer measured
        // (districts) changes 24,005 pixels of the demo's first view, the others 25,000 to 175,000.
        CHECK(changed > 10000);
        app.map().setLayerVisible(layer.id, was);
        before = ui.frame(app);
    }
}

TEST_CASE("search flies to Huổi Ho and selects it", "[ui][smoke]") {
    HeadlessUi ui;
    const Project demo = buildDemoProject();
    ui::App app(demo, "", ui.fonts);
    ui.frame(app);
    const PlaceSearch search(app.project());
    const auto hits = search.find("huoi ho");
    REQUIRE_FALSE(hits.empty());
    app.flyTo(*hits[0].entry);
    ui.frame(app);
    CHECK(app.selection().code == hits[0].entry->code);
    // In the middle of what the docked panels, the legend and the scale bar leave (camera px: the
    // map's own rectangle).
    const render::Camera& cam = app.map().camera();
    render::DecorationOptions which;
    which.title = false;  // the window shows the title in its menu bar
    const render::Insets in = app.map().renderer().decorationInsets(cam.widthPx(), cam.heightPx(), which);
    const render::ScreenXY at = cam.toScreen(*hits[0].entry->location);
    CHECK(at.xPx == Approx((in.leftPx + cam.widthPx() - in.rightPx) / 2).margin(1));
    CHECK(at.yPx == Approx((in.topPx + cam.heightPx() - in.bottomPx) / 2).margin(1));
    const render::ScreenXY window = app.map().toWindow(*hits[0].entry->location);
    CHECK(app.layout().mapRect().contains(float(window.xPx), float(window.yPx)));
}

TEST_CASE("switching language changes the interface texts", "[ui][smoke][i18n]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    setLanguage(Lang::Vi);
    const render::Image vi = ui.frame(app);
    ui.frame(app);
    setLanguage(Lang::En);
    ui.frame(app);
    const render::Image en = ui.frame(app);
    setLanguage(Lang::Vi);
    CHECK(differingPixels(vi, en) > 500);  // menus and panels are redrawn in English
    // Every text the panels build from ids exists in both languages.
    for (Lang lang : {Lang::Vi, Lang::En}) {
        for (const render::LayerInfo& l : render::layerCatalogue()) CHECK(catalogue(lang).count(std::string("ui.layer.") + l.id));
        for (const render::AttributeInfo& a : render::communeAttributes()) CHECK(catalogue(lang).count(std::string("ui.attr.") + a.id));
    }
}

TEST_CASE("exported PNGs never show exact Trusted Address locations", "[ui][smoke][protection]") {
    HeadlessUi ui;
    test::TempDir dir;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    REQUIRE(app.exportPng(dir.file("locked.png"), 800, 600));
    app.map().setExactTrustedAddresses(true);  // the working view after an explicit unlock
    const render::Image unlockedView = ui.frame(app);
    REQUIRE(app.exportPng(dir.file("unlocked.png"), 800, 600));
    const render::Image locked = render::readPng(dir.file("locked.png"));
    const render::Image unlocked = render::readPng(dir.file("unlocked.png"));
    CHECK(locked.width == 800);
    CHECK(differingPixels(locked, unlocked) == 0);
    app.map().setExactTrustedAddresses(false);
    CHECK(differingPixels(unlockedView, ui.frame(app)) > 0);  // the working view did change
}

TEST_CASE("the Priorities panel lists the report's rows in the report's order", "[ui][smoke][priorities]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().priorities = true;
    ui.frame(app);
    ui.frame(app);
    const test::RunResult csv = test::runGapmap("report --priorities --format csv");
    REQUIRE(csv.exitCode == 0);
    std::vector<std::string> reportCodes;  // second column of each data line
    for (size_t at = csv.out.find('\n') + 1; at < csv.out.size(); at = csv.out.find('\n', at) + 1) {
        const size_t first = csv.out.find(',', at);
        reportCodes.push_back(csv.out.substr(first + 1, csv.out.find(',', first + 1) - first - 1));
    }
    std::vector<std::string> appCodes;
    for (std::uint32_t i : app.visiblePriorities()) appCodes.push_back(app.project().villages[app.coverage().villages[i].village].code);
    REQUIRE(appCodes.size() > 100);
    CHECK(appCodes == reportCodes);

    // A weight change re-ranks at once and is kept in the project's settings.
    CoverageRules rules = app.rules();
    rules.weight(Gap::NoTeam) = 10;
    app.setRules(rules);
    ui.frame(app);
    const std::vector<std::uint32_t> reranked = app.visiblePriorities();
    REQUIRE_FALSE(reranked.empty());
    CHECK(app.coverage().villages[reranked.front()].scored(Gap::NoTeam));
    CHECK(app.coverage().villages[reranked.front()].score >= 10);
    CHECK(app.project().settingOr("weight.no_team", "") == "10");
    app.priorityFilter().gap = 0;  // no_team only
    for (std::uint32_t i : app.visiblePriorities()) CHECK(app.coverage().villages[i].scored(Gap::NoTeam));
}

TEST_CASE("File › Export report writes the same PDF as gapmap export-report", "[ui][smoke][pdf]") {
    HeadlessUi ui;
    ScopedLanguage vi(Lang::Vi);  // the command's default language
    test::TempDir dir;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    REQUIRE(app.exportReport(dir.file("app.pdf"), true));
    CHECK_THAT(app.status(), Catch::Contains("app.pdf"));
    REQUIRE(test::runGapmap("export-report --per-district --out " + test::quote(dir.file("cli.pdf"))).exitCode == 0);
    const std::string appPdf = dir.file("app.pdf"), cliPdf = dir.file("cli.pdf");
    const int pages = test::pdfPageCount(appPdf);
    CHECK(pages == test::pdfPageCount(cliPdf));
    CHECK(pages >= 11);  // with a page per district
    // Page by page the same text and the same picture as the command's.
    for (int page = 1; page <= pages; ++page) {
        INFO("page " << page);
        CHECK(test::pdfText(appPdf, page, page) == test::pdfText(cliPdf, page, page));
        const render::Image a = render::readPng(test::pdfPagePng(appPdf, page, 30, dir.file("app-" + std::to_string(page))));
        const render::Image b = render::readPng(test::pdfPagePng(cliPdf, page, 30, dir.file("cli-" + std::to_string(page))));
        CHECK(a.width == b.width);
        CHECK(differingPixels(a, b) == 0);
    }
    // And what the demo's figures say (the demo's targets: 540 teams, 50 Trusted Addresses, 96 clubs;
    // 1,000 villages, 600 especially difficult), in the app's language, with every district's page.
    const std::string text = test::pdfText(appPdf);
    CHECK_THAT(text, Catch::Contains("Tổ truyền thông cộng đồng 540 540 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Địa chỉ tin cậy 50 50 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Câu lạc bộ Thủ lĩnh của sự thay đổi 96 96 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Toàn tỉnh 1.000 600 540"));
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::District) CHECK_THAT(text, Catch::Contains(u.name));
    CHECK_FALSE(app.exportReport(dir.file("no/such/folder/r.pdf"), false));  // a message, no crash
    ui.frame(app);
}
