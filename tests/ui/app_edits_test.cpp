// Editing in the app (app/ui/app_edits.cpp), headless: a village edit is in the project file at
// once (no save command), undo and redo — by the Edit methods and by Ctrl+Z / Ctrl+Y — write the
// values back the same way, and coverage and the map follow every step.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/scene_cache.h"
#include "support/headless_ui.h"
#include "support/test_support.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

// The coverage row of a village in the app's analysis.
const VillageCoverage& coverageOf(const ui::App& app, const std::string& code) {
    for (const VillageCoverage& c : app.coverage().villages)
        if (app.project().villages[c.village].code == code) return c;
    FAIL("no coverage row for " << code);
    throw;
}

// One frame with Ctrl+KEY held, then one with it released (ImGui sees a fresh press).
void pressCtrl(HeadlessUi& ui, ui::App& app, char key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[int(key)] = true;
    ui.frame(app);
    io.KeysDown[int(key)] = false;
    io.KeyCtrl = false;
    ui.frame(app);
}

}  // namespace

TEST_CASE("an edit in the app is saved at once, undone and redone through the file", "[ui][edits]") {
    HeadlessUi ui;
    test::TempDir dir;
    const std::string path = test::writeDemoProject(dir);
    ui::App app(readProject(path), path, ui.fonts);
    // A village with 4G, to be edited to no signal at all.
    std::string code;
    for (const Village& v : app.project().villages)
        if (v.mobile == Mobile::G4 && v.location) { code = v.code; break; }
    REQUIRE_FALSE(code.empty());
    app.select({"village", code});
    const render::Image before = ui.frame(app);
    ui.frame(app);
    CHECK_FALSE(coverageOf(app, code).scored(Gap::NoMobile));
    const double scoreBefore = coverageOf(app, code).score;
    const std::optional<int64_t> populationBefore = app.project().findVillage(code)->population;

    REQUIRE(app.edit({villageEdit(code, "mobile", "none"), villageEdit(code, "population", "4321")}));
    const render::Image edited = ui.frame(app);
    CHECK(app.status().find(tr("ui.edits.saved", {""})) == 0);  // "saved hh:mm:ss", nothing asked of the user
    // On disk already: another reader of the file sees it, without any save.
    CHECK(readProject(path).findVillage(code)->mobile == Mobile::None);
    CHECK(readProject(path).findVillage(code)->population == 4321);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));  // checkpointed into the file when committed
    // Coverage, priority table and map follow.
    CHECK(coverageOf(app, code).scored(Gap::NoMobile));
    CHECK(coverageOf(app, code).score == Approx(scoreBefore + app.rules().weight(Gap::NoMobile)));
    CHECK(test::differingPixels(before, edited) > 0);

    REQUIRE(app.undo());
    CHECK(readProject(path).findVillage(code)->mobile == Mobile::G4);
    CHECK(readProject(path).findVillage(code)->population == populationBefore);
    CHECK(app.project().findVillage(code)->mobile == Mobile::G4);
    CHECK_FALSE(coverageOf(app, code).scored(Gap::NoMobile));
    CHECK(app.canRedo());
    REQUIRE(app.redo());
    CHECK(readProject(path).findVillage(code)->mobile == Mobile::None);
    CHECK(readProject(path).findVillage(code)->population == 4321);

    // The keyboard: Ctrl+Z undoes, Ctrl+Y redoes.
    pressCtrl(ui, app, 'Z');
    CHECK(readProject(path).findVillage(code)->mobile == Mobile::G4);
    CHECK_FALSE(app.canUndo());
    pressCtrl(ui, app, 'Y');
    CHECK(readProject(path).findVillage(code)->mobile == Mobile::None);

    // Reopened as the app would after a restart: the value is there.
    ui::App reopened(readProject(path), path, ui.fonts);
    CHECK(reopened.project().findVillage(code)->mobile == Mobile::None);
    CHECK(reopened.project().synthetic());  // the rest of the project is untouched
}

TEST_CASE("rule changes in the app are saved as edits and undone like them", "[ui][edits][priorities]") {
    HeadlessUi ui;
    test::TempDir dir;
    const std::string path = test::writeDemoProject(dir);
    ui::App app(readProject(path), path, ui.fonts);
    const double old = app.rules().weight(Gap::NoTeam);
    const std::string inFileBefore = readProject(path).settingOr("weight.no_team", "(absent)");
    CoverageRules rules = app.rules();
    rules.weight(Gap::NoTeam) = 7;
    app.setRules(rules);
    CHECK(readProject(path).settingOr("weight.no_team", "") == "7");
    CHECK(readProject(path).settingOr("title", "") == app.project().settingOr("title", "?"));  // merged, not replaced
    REQUIRE(app.undo());
    CHECK(app.rules().weight(Gap::NoTeam) == old);
    CHECK(readProject(path).settingOr("weight.no_team", "(absent)") == inFileBefore);  // as it was, key or no key
}

TEST_CASE("bad input in the app changes nothing, the demo says it is not saved", "[ui][edits]") {
    HeadlessUi ui;
    ui::App demo(buildDemoProject(), "", ui.fonts);
    const std::string code = demo.project().villages.front().code;
    REQUIRE(demo.edit({villageEdit(code, "internet", "0")}));
    CHECK(demo.status() == tr("ui.edits.not_saved_demo"));
    CHECK_FALSE(demo.project().findVillage(code)->internet);
    CHECK_FALSE(demo.edit({FieldEdit{"no-such-village", "internet", "1"}}));
    CHECK_FALSE(demo.canRedo());

    // Save as: the demo becomes a file, and later edits go there at once.
    test::TempDir dir;
    const std::string path = dir.file("saved.gpkg");
    REQUIRE(demo.saveAs(path));
    REQUIRE(demo.edit({villageEdit(code, "internet", "1")}));
    CHECK(readProject(path).findVillage(code)->internet);

    // A file another program removed: the edit is refused and the app's value stays as the file had it.
    std::filesystem::remove(path);
    CHECK_FALSE(demo.edit({villageEdit(code, "internet", "0")}));
    CHECK(demo.project().findVillage(code)->internet);
    CHECK(demo.status().find(tr("ui.edits.failed", {""})) == 0);
    CHECK_FALSE(std::filesystem::exists(path));  // never re-created empty
}

TEST_CASE("save as takes the map's scene cache to the new file: read and written there after", "[ui][edits][scene_cache]") {
    test::TempDir dir;
    const std::string first = test::writeDemoProject(dir, "first.gpkg");
    {  // the cache as the app's background writer leaves it
        const Project project = readProject(first);
        const render::ProjectSceneBuilder builder(project, false, openSceneCache(first));
        REQUIRE(builder.saveSceneCache());
    }
    HeadlessUi ui;
    ui::App app(readProject(first), first, ui.fonts, /*progressive=*/true);
    ui.frame(app);
    REQUIRE(app.map().builder().fromSceneCache());
    const std::string key = app.map().builder().communeGeometry()->cacheKey();
    REQUIRE_FALSE(key.empty());

    const std::string second = dir.file("second.gpkg");
    REQUIRE(app.saveAs(second));
    CHECK(openSceneCache(second)->read(key, -1).has_value());  // the rows went with the project
    std::filesystem::remove(first);                            // the file left behind may go
    // The next scene the map builds (the timeline's year, a reload) reads the new file's cache.
    app.map().setProject(app.project());
    CHECK(app.map().builder().fromSceneCache());
    ui.frame(app);
    CHECK_FALSE(app.map().lastStats().provisional);
    CHECK_FALSE(std::filesystem::exists(first));  // nothing wrote to the old path again

    // Saved again over itself: the rows stay.
    REQUIRE(app.saveAs(second));
    CHECK(openSceneCache(second)->read(key, -1).has_value());
}
