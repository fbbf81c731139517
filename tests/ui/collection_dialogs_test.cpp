// File › Make collection workbook… and File › Import returns… in the real App, headless (issue 13
// item 6): the same code paths as `gapmap template` and `gapmap import FILE.xlsx … --update`.
#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdlib>
#include <filesystem>

#include "core/i18n.h"
#include "core/provenance.h"
#include "io/project_file.h"
#include "io/returns_import.h"
#include "support/headless_ui.h"
#include "support/test_support.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

// The app remembers recent projects: never in the user's own config folder.
struct TempConfigHome {
    test::TempDir dir;
    std::string old;
    TempConfigHome() {
        if (const char* v = std::getenv("XDG_CONFIG_HOME")) old = v;
        setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
    }
    ~TempConfigHome() { old.empty() ? unsetenv("XDG_CONFIG_HOME") : setenv("XDG_CONFIG_HOME", old.c_str(), 1); }
};

long long sheetRows(const std::string& xlsx, const std::string& sheet) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(xlsx.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds || !ds->GetLayerByName(sheet.c_str())) return -1;
    return ds->GetLayerByName(sheet.c_str())->GetFeatureCount();
}

}  // namespace

TEST_CASE("File menu: a collection workbook made and its return imported in the app", "[ui][flow]") {
    TempConfigHome home;
    setLanguage(Lang::Vi);
    test::TempDir dir;
    const std::string project = test::writeDemoProject(dir, "tinh.gpkg");
    HeadlessUi ui;
    ui::App app(readProject(project), project, ui.fonts);
    ui.frame(app);

    // Make: the whole province, the default name in the project's folder, Return.
    app.collectionDialogs().workbookOpen = true;
    ui.frame(app);
    ui.frame(app);
    const std::string xlsx = app.collectionDialogs().files.chosen();
    CHECK(std::filesystem::path(xlsx).parent_path() == std::filesystem::path(project).parent_path());
    CHECK(std::filesystem::path(xlsx).extension() == ".xlsx");
    ui.press(app, test::kKeyEnter);
    ui.frame(app);
    REQUIRE(std::filesystem::exists(xlsx));
    GDALAllRegister();
    CHECK(sheetRows(xlsx, workbookSheetName("villages")) == 1000);  // every village, pre-filled
    CHECK_THAT(app.collectionDialogs().message, Catch::Contains("1.000"));
    ui.press(app, test::kKeyEscape);
    app.collectionDialogs().workbookOpen = false;
    ui.frame(app);

    // A bad return beside it: the whole import is refused, the project stays byte for byte.
    test::writeFile(dir.file("xa.csv"), "Mã thôn,Tên thôn,Dân số\nV-NONE,Bản Không Có,abc\n");
    const std::string before = test::readFile(project);
    app.collectionDialogs().returnsOpen = true;
    ui.frame(app);
    ui.frame(app);
    for (const std::string& file : {xlsx, dir.file("xa.csv")}) {
        app.collectionDialogs().files.enter(dir.path());
        ui.frame(app);  // the field takes the folder's path in its next frame
        ui.frame(app);
        ui.type(app, std::filesystem::path(file).filename().string());
        ui.press(app, test::kKeyEnter);
        ui.frame(app);
    }
    REQUIRE(app.collectionDialogs().returnFiles.size() == 2);
    CHECK(std::filesystem::equivalent(app.collectionDialogs().returnFiles[0], xlsx));
    CHECK(std::filesystem::equivalent(app.collectionDialogs().returnFiles[1], dir.file("xa.csv")));
    const auto button = [&] {
        const auto r = app.collectionDialogs().importButton;
        return ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    };
    ui.click(app, button());
    ui.frame(app);
    CHECK(app.taskRunning());  // on a worker thread, behind the progress dialog
    ui.framesUntilTaskEnds(app);
    REQUIRE_FALSE(app.taskRunning());
    CHECK_THAT(app.collectionDialogs().message, Catch::Contains("xa.csv"));
    CHECK(test::readFile(project) == before);
    CHECK_FALSE(std::filesystem::exists(project + ".bak"));

    // Without it, the unchanged workbook merges by key: nothing changes but where rows came from.
    app.collectionDialogs().returnFiles = {xlsx};
    ui.frame(app);
    ui.click(app, button());
    ui.frame(app);
    CHECK(ui.framesUntilTaskEnds(app));
    REQUIRE_FALSE(app.taskRunning());
    INFO(app.collectionDialogs().message);
    CHECK(app.collectionDialogs().returnFiles.empty());
    const Project after = readProject(project);
    CHECK(after.villages.size() == 1000);
    const std::vector<ValueSource> sources = villageValueSources(after, after.villages.front().code);
    REQUIRE_FALSE(sources.empty());
    CHECK(std::filesystem::path(sources.front().sourceFile).filename() == std::filesystem::path(xlsx).filename());
    CHECK(sources.front().row > 1);
}
