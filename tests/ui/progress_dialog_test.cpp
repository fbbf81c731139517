// The app's long work behind a progress dialog (app/ui/app_progress.cpp): the report is written on a
// worker thread while frames go on, and Cancel stops it with nothing written.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "support/test_support.h"

using namespace gapmap;
using gapmap::test::TempDir;

TEST_CASE("App: the report is written in the background behind a progress dialog", "[progress][ui]") {
    test::HeadlessUi ui;
    TempDir dir;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    const std::string pdf = dir.file("r.pdf");
    app.startReport(pdf, true);
    REQUIRE(app.taskRunning());
    const bool dialogSeen = ui.framesUntilTaskEnds(app);
    REQUIRE_FALSE(app.taskRunning());
    CHECK(dialogSeen);
    CHECK(std::filesystem::exists(pdf));
    CHECK(app.status().find("r.pdf") != std::string::npos);
}

TEST_CASE("App: cancelling the report leaves no file", "[progress][ui]") {
    test::HeadlessUi ui;
    TempDir dir;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    const std::string pdf = dir.file("r.pdf");
    app.startReport(pdf, true);
    app.cancelTask();  // before the first page is drawn: the analysis alone takes longer than this call
    ui.framesUntilTaskEnds(app);
    REQUIRE_FALSE(app.taskRunning());
    CHECK_FALSE(std::filesystem::exists(pdf));
    CHECK(app.status() == tr("progress.ui.cancelled"));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) FAIL("left behind: " << entry.path());
}
