// The app's long work behind a progress dialog (app/ui/app_progress.cpp): the report is written on a
// worker thread while frames go on, and Cancel stops it with nothing written.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "support/test_support.h"

using namespace gapmap;
using gapmap::test::TempDir;

namespace {

// Frames until the task has ended (at most ~60 s); whether the progress dialog was on screen meanwhile.
bool framesUntilDone(test::HeadlessUi& ui, ui::App& app) {
    bool dialogSeen = false;
    for (int i = 0; i < 6000 && app.taskRunning(); ++i) {
        ui.frame(app);
        const ImGuiWindow* w = ImGui::FindWindowByName("##progress");
        dialogSeen = dialogSeen || (w && w->WasActive);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return dialogSeen;
}

}  // namespace

TEST_CASE("App: the report is written in the background behind a progress dialog", "[progress][ui]") {
    test::HeadlessUi ui;
    TempDir dir;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    const std::string pdf = dir.file("r.pdf");
    app.startReport(pdf, true);
    REQUIRE(app.taskRunning());
    const bool dialogSeen = framesUntilDone(ui, app);
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
    framesUntilDone(ui, app);
    REQUIRE_FALSE(app.taskRunning());
    CHECK_FALSE(std::filesystem::exists(pdf));
    CHECK(app.status() == tr("progress.ui.cancelled"));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) FAIL("left behind: " << entry.path());
}
