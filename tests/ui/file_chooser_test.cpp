// The File dialogs of the real app, headless: the path field has the keyboard, typing never
// reaches the map's shortcuts, Return opens or enters a folder, errors name the file, the
// browser lists folders then files by name, and recent projects are remembered.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "support/headless_ui.h"
#include "support/test_support.h"
#include "ui/app.h"
#include "ui/file_chooser.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

// XDG_CONFIG_HOME for one test: recent projects go to a fresh folder, not the user's.
struct ConfigHome {
    test::TempDir dir;
    ConfigHome() { ::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1); }
    ~ConfigHome() { ::unsetenv("XDG_CONFIG_HOME"); }
};

std::vector<std::string> names(const ui::FileChooser& files) {
    std::vector<std::string> out;
    for (const auto& e : files.entries()) out.push_back(e.name);
    return out;
}

// Clears the path field as a user would: select all, then Backspace.
void clearField(HeadlessUi& ui, ui::App& app) {
    ui.pressCtrl(app, 'A');
    ui.press(app, test::kKeyBackspace);
}

}  // namespace

TEST_CASE("File > Open: typing goes to the path field, never to the map's shortcuts", "[ui][files]") {
    const ScopedLanguage vi(Lang::Vi);
    ConfigHome home;
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    ui.pressCtrl(app, 'O');
    ui.frame(app);
    // K (dashboard), T (timeline), L (layers), D (details), P (priorities) are map shortcuts.
    const ui::PanelState before = app.panels();
    ui.type(app, "ktldp");
    CHECK(app.panels().dashboard == before.dashboard);
    CHECK(app.panels().timeline == before.timeline);
    CHECK(app.panels().layers == before.layers);
    CHECK(app.panels().details == before.details);
    CHECK(app.panels().priorities == before.priorities);
    CHECK_THAT(app.fileChooser().typed(), Catch::EndsWith("/ktldp"));  // after the folder, where the cursor stood
    // Return submits: the error names the file.
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    const std::string missing = (std::filesystem::current_path() / "ktldp").string();
    CHECK(app.fileChooser().message() == missing + ": không có tệp dự án này");
    CHECK(app.path().empty());  // the demo is still open
    // Nothing typed has its own message.
    clearField(ui, app);
    CHECK(app.fileChooser().typed().empty());
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    CHECK(app.fileChooser().message() == "Chưa có tên tệp: chọn một tệp trong danh sách hoặc gõ đường dẫn");
    // Escape closes the dialog; the map's keys work again.
    ui.press(app, test::kKeyEscape);
    ui.frame(app);
    ui.press(app, 'K');
    CHECK(app.panels().dashboard != before.dashboard);
}

TEST_CASE("File > Open: a typed folder and Return enter it, Down picks a project, Return opens it", "[ui][files]") {
    ConfigHome home;
    test::TempDir dir;
    std::filesystem::create_directory(dir.path() / "tỉnh");
    const std::string project = test::writeDemoProject(dir, "tỉnh/lc.gpkg");
    test::writeFile(dir.file("tỉnh/notes.csv"), "a\n");
    // Walking onto a name longer than the field's buffer makes ImGui grow it (it once aborted).
    const std::string longName = std::string(240, 'x') + ".gpkg";
    test::writeFile(dir.file("tỉnh/" + longName), "");
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    ui.pressCtrl(app, 'O');
    ui.frame(app);
    clearField(ui, app);
    ui.type(app, (dir.path() / "tỉnh").string());
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    CHECK(app.fileChooser().folder() == std::filesystem::weakly_canonical(dir.path() / "tỉnh"));
    CHECK(names(app.fileChooser()) == std::vector<std::string>{"..", "lc.gpkg", longName});  // the .csv is filtered out
    ui.press(app, test::kKeyDown);  // ".."
    ui.press(app, test::kKeyDown);  // lc.gpkg
    ui.press(app, test::kKeyDown);  // the long one
    CHECK(app.fileChooser().typed() == (app.fileChooser().folder() / longName).string());
    ui.press(app, test::kKeyUp);    // lc.gpkg
    CHECK(app.fileChooser().typed() == (app.fileChooser().folder() / "lc.gpkg").string());
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    CHECK(std::filesystem::equivalent(app.path(), project));
    CHECK_FALSE(ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopup));
    // Remembered for the next session, and offered at the top of the next Open dialog.
    REQUIRE(ui::recentProjects().size() == 1);
    CHECK(std::filesystem::equivalent(ui::recentProjects()[0], project));
}

TEST_CASE("the file browser lists folders, then files, by name as Vietnamese reads them", "[ui][files]") {
    test::TempDir dir;
    for (const char* folder : {"zz", "Ấp Bắc", ".hidden"}) std::filesystem::create_directory(dir.path() / folder);
    for (const char* file : {"b.gpkg", "Đà Bắc.gpkg", "a.GPKG", "Z.gpkg", "x.csv"}) test::writeFile(dir.file(file), "");
    ui::FileChooser files;
    files.reset(dir.path().string(), {{"projects", {".gpkg"}}, {"all", {}}});
    CHECK(names(files) == std::vector<std::string>{"..", "Ấp Bắc", "zz", "a.GPKG", "b.gpkg", "Đà Bắc.gpkg", "Z.gpkg"});
    CHECK(files.typed() == files.folder().string() + "/");
    files.enter(dir.path() / "zz");
    CHECK(names(files) == std::vector<std::string>{".."});
    // A relative name is taken in the folder shown; saving adds the filter's extension.
    ui::FileChooser save;
    save.reset(dir.file("map"), {{"png", {".png"}}}, {}, true);
    CHECK(save.chosen() == std::filesystem::weakly_canonical(dir.path()).string() + "/map.png");
}

TEST_CASE("recent projects: newest first, no repeats, at most eight", "[ui][files]") {
    ConfigHome home;
    CHECK(ui::recentProjects().empty());
    for (int i = 0; i < 10; ++i) ui::rememberRecentProject("/data/p" + std::to_string(i) + ".gpkg");
    ui::rememberRecentProject("/data/p5.gpkg");
    const std::vector<std::string> recent = ui::recentProjects();
    REQUIRE(recent.size() == ui::kRecentProjects);
    CHECK(recent[0] == "/data/p5.gpkg");
    CHECK(recent[1] == "/data/p9.gpkg");
    CHECK(std::count(recent.begin(), recent.end(), "/data/p5.gpkg") == 1);
}

TEST_CASE("the path field stands out from the dialog in the light theme the desktop uses", "[ui][files]") {
    HeadlessUi ui;
    ImGui::StyleColorsLight();  // as desktop.cpp
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    ui.pressCtrl(app, 'O');
    ui.frame(app);
    const render::Image image = ui.frame(app);
    const ui::FileChooser::RectPx r = app.fileChooser().fieldRect();
    REQUIRE(r.x1 > r.x0);
    auto grey = [&](float x, float y) {
        const size_t i = (size_t(y) * image.width + size_t(x)) * 4;
        return (int(image.rgba[i]) + image.rgba[i + 1] + image.rgba[i + 2]) / 3;
    };
    const float midY = (r.y0 + r.y1) / 2;
    // Inside the field, before its text starts, against the dialog's padding left of it.
    CHECK(std::abs(grey(r.x0 + 2, midY) - grey(r.x0 - 4, midY)) > 25);
    ImGui::StyleColorsDark();
}

TEST_CASE("File > Export PNG: a typed name without extension is written as NAME.png", "[ui][files]") {
    test::TempDir dir;
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui.frame(app);
    ui.pressCtrl(app, 'E');
    ui.frame(app);
    CHECK_THAT(app.fileChooser().typed(), Catch::EndsWith("/map.png"));  // a name is proposed
    clearField(ui, app);
    ui.type(app, dir.file("khung nhìn"));
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    CHECK(std::filesystem::exists(dir.file("khung nhìn.png")));
    CHECK_FALSE(ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopup));
}
