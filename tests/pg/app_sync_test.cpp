// File › Sync with server in the real App, headless (tests/support/headless_ui.h), against a real
// PostgreSQL 15 + PostGIS 3 cluster: an offline copy open in the app, edited, synced from the File
// menu (clicked as a user does); the server gets the edit and the dialog's text lists the conflict.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/i18n.h"
#include "io/project_file.h"
#include "support/headless_ui.h"
#include "support/pg_cluster.h"
#include "support/test_support.h"
#include "ui/app.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

// The app remembers recent projects: never in the user's own config folder.
struct TempConfigHome {
    TempDir dir;
    std::string old;
    TempConfigHome() {
        if (const char* v = std::getenv("XDG_CONFIG_HOME")) old = v;
        setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
    }
    ~TempConfigHome() { old.empty() ? unsetenv("XDG_CONFIG_HOME") : setenv("XDG_CONFIG_HOME", old.c_str(), 1); }
};

// Clicks the File menu's item `label`: the menu opened by a click on "File", then the pointer moved
// down the open menu until ImGui reports the item hovered, then a click there.
bool clickFileMenuItem(HeadlessUi& ui, ui::App& app, const std::string& label) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
    if (!bar) return false;
    ui.click(app, ImVec2(bar->Pos.x + ImGui::GetFontSize() * 1.5f, bar->Pos.y + bar->Size.y / 2));
    ImGuiWindow* menu = ImGui::FindWindowByName("##Menu_00");
    if (!menu || !menu->WasActive) return false;
    const ImGuiID id = menu->GetID(label.c_str());
    for (float y = menu->Pos.y + 2; y < menu->Pos.y + menu->Size.y; y += 2) {
        const ImVec2 at(menu->Pos.x + menu->Size.x / 3, y);
        ui.frame(app, at);
        if (g.HoveredId == id) {
            ui.click(app, at);
            return true;
        }
    }
    return false;
}

// The text a window drew in the last frame, read back from its draw list: each glyph quad's texture
// coordinates name the glyph of the font atlas (spaces draw nothing, so the text comes without them).
std::string drawnText(const std::string& window) {
    const ImGuiWindow* w = ImGui::FindWindowByName(window.c_str());
    if (!w) return "";
    std::map<std::pair<float, float>, std::pair<float, unsigned>> glyphs;  // (U0, V0) -> (U1, codepoint)
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) glyphs[{g.U0, g.V0}] = {g.U1, g.Codepoint};
    std::string out;
    const ImVector<ImDrawVert>& v = w->DrawList->VtxBuffer;
    for (int i = 0; i + 1 < v.Size; ++i) {
        const auto it = glyphs.find({v[i].uv.x, v[i].uv.y});
        if (it == glyphs.end() || v[i + 1].uv.x != it->second.first || v[i + 1].uv.y != v[i].uv.y) continue;
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, it->second.second);
        out += utf8;
        i += 3;  // the quad's other corners
    }
    return out;
}

std::string withoutSpaces(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

}  // namespace

TEST_CASE("File > Sync with server in the app sends the copy's edit and lists a conflict in its dialog", "[pg][sync][ui]") {
    TempConfigHome home;
    setLanguage(Lang::En);
    PgCluster pg;
    TempDir dir;
    const std::string demo = writeDemoProject(dir);
    REQUIRE(runGapmap("publish " + quote(demo) + " --to " + quote(pg.address())).exitCode == 0);
    pg.createLogin("ha", "gapmap_editor");
    const std::string copy = dir.file("xa.gpkg");
    REQUIRE(runGapmap("checkout " + quote(pg.address("ha")) + " --out " + quote(copy)).exitCode == 0);

    // In the copy: village A's mobile and village B's electricity; on the server meanwhile, B's electricity otherwise.
    const std::string a = "9910101", b = "9910102";
    const std::string mobileA = pg.sql("SELECT mobile FROM gapmap.villages WHERE code = '" + a + "'") == "4g" ? "2g" : "4g";
    const std::string electricityB = pg.sql("SELECT electricity FROM gapmap.villages WHERE code = '" + b + "'");
    const std::string mineB = electricityB == "none" ? "grid" : "none", theirsB = electricityB == "offgrid" ? "grid" : "offgrid";
    REQUIRE(runGapmap("edit " + quote(copy) + " --village " + a + " mobile=" + mobileA).exitCode == 0);
    REQUIRE(runGapmap("edit " + quote(copy) + " --village " + b + " electricity=" + mineB).exitCode == 0);
    pg.sql("UPDATE gapmap.villages SET electricity = '" + theirsB + "' WHERE code = '" + b + "'");

    HeadlessUi ui;
    ui::App app(readProject(copy), copy, ui.fonts);
    ui.frame(app);
    ui.frame(app);
    REQUIRE(app.isOfflineCopyOpen());
    REQUIRE(clickFileMenuItem(ui, app, tr("ui.sync.menu")));
    ui.frame(app);

    // The server has the copy's edit of A; B keeps the first writer's value (the server's).
    CHECK(pg.sql("SELECT mobile FROM gapmap.villages WHERE code = '" + a + "'") == mobileA);
    CHECK(pg.sql("SELECT electricity FROM gapmap.villages WHERE code = '" + b + "'") == theirsB);
    // The dialog says so, and lists B's conflict with both values.
    REQUIRE(app.syncDialog().open);
    ui.frame(app);
    const std::string text = drawnText(tr("ui.sync.title"));
    INFO(text);
    CHECK(text.find(withoutSpaces(tr("ui.sync.conflicts"))) != std::string::npos);
    CHECK(text.find("villages" + b) != std::string::npos);
    CHECK(text.find("electricity" + mineB + theirsB + "(" + PgCluster::kAdmin + ")") != std::string::npos);
    CHECK(text.find(withoutSpaces(tr("ui.sync.keep_mine"))) != std::string::npos);
    CHECK(text.find("villages" + a) == std::string::npos);
    // The copy keeps its own value until settled.
    CHECK(toString(readProject(copy).findVillage(b)->electricity) == mineB);
}
