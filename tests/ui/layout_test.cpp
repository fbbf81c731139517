// The docked layout of the real App, headless (issue #14, "Panels hide what they point at" and
// "Banners are covered"): panels beside the map never over it, fly-to and priority rows centre in
// the map's own rectangle, the selection highlight, the banner band nothing covers, the Details
// labels, the status text, the Priorities reasons, the hover after a fly-to, and the layout
// remembered between sessions. Checks read pixels, ImGui's window rectangles and its glyph quads.
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "render/overlay.h"
#include "support/headless_ui.h"
#include "support/test_support.h"
#include "ui/app.h"

using namespace gapmap;
using test::HeadlessUi;

namespace {

bool inside(const ui::RectPx& r, double x, double y) { return r.contains(float(x), float(y)); }

// The ordinary windows drawn in the last frame (docked panels, dialogs), not the bars or tooltips.
std::vector<ImGuiWindow*> shownWindows() {
    std::vector<ImGuiWindow*> found;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip))) continue;
        const std::string name = w->Name;
        if (name.rfind("Debug##", 0) == 0 || name == "##MainMenuBar" || name == "##banners") continue;
        found.push_back(w);
    }
    return found;
}
ui::RectPx rectOf(const ImGuiWindow* w) { return {w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y}; }

bool tooltipShown() {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && !w->Hidden && (w->Flags & ImGuiWindowFlags_Tooltip)) return true;
    return false;
}

// Glyph quads of a window (and its child windows) as ImGui emitted them: position, colour and
// the clip rectangle of their draw command. Solid shapes use the atlas' white pixel; glyphs do not.
struct Glyph {
    ImVec2 min, max;
    ImU32 colour;
    ImVec4 clip;
};
std::vector<Glyph> glyphsOf(const ImGuiWindow* root) {
    std::vector<Glyph> glyphs;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (!w->Active || w->RootWindow != root) continue;
        const ImDrawList* list = w->DrawList;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            for (unsigned i = 0; i + 5 < cmd.ElemCount; i += 6) {  // two triangles per quad
                const ImDrawVert& a = list->VtxBuffer[int(cmd.VtxOffset + list->IdxBuffer[int(cmd.IdxOffset + i)])];
                if (a.uv.x == white.x && a.uv.y == white.y) continue;
                Glyph g{a.pos, a.pos, a.col, cmd.ClipRect};
                for (unsigned k = 0; k < 6; ++k) {
                    const ImDrawVert& v = list->VtxBuffer[int(cmd.VtxOffset + list->IdxBuffer[int(cmd.IdxOffset + i + k)])];
                    g.min = ImMin(g.min, v.pos);
                    g.max = ImMax(g.max, v.pos);
                }
                glyphs.push_back(g);
            }
        }
    }
    return glyphs;
}

bool near(const uint8_t* px, int r, int g, int b, int tolerance = 40) {
    return std::abs(px[0] - r) <= tolerance && std::abs(px[1] - g) <= tolerance && std::abs(px[2] - b) <= tolerance;
}

struct ConfigHome {  // XDG_CONFIG_HOME pointed at a temporary folder: the user's own config is never read
    test::TempDir dir;
    std::optional<std::string> before;
    ConfigHome() {
        if (const char* v = std::getenv("XDG_CONFIG_HOME")) before = v;
        setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
    }
    ~ConfigHome() {
        if (before) setenv("XDG_CONFIG_HOME", before->c_str(), 1);
        else unsetenv("XDG_CONFIG_HOME");
    }
};

}  // namespace

TEST_CASE("docked panels sit beside the map, never over it or over each other", "[ui][layout]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    ui::PanelState& p = app.panels();
    p.priorities = p.help = p.dashboard = p.timeline = p.data = true;
    app.select({"commune", app.project().adminUnits.back().code});
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx map = app.layout().mapRect();
    CHECK(map.width() > ui.width * 0.2f);
    CHECK(map.height() > ui.height * 0.4f);
    const std::vector<ImGuiWindow*> windows = shownWindows();
    CHECK(windows.size() == 8);  // every panel asked for
    for (size_t i = 0; i < windows.size(); ++i) {
        INFO(windows[i]->Name);
        const ui::RectPx r = rectOf(windows[i]);
        CHECK_FALSE(r.intersects(map));
        CHECK(r.x0 >= 0);
        CHECK(r.x1 <= ui.width);
        CHECK(r.y1 <= ui.height);
        for (size_t j = i + 1; j < windows.size(); ++j) CHECK_FALSE(r.intersects(rectOf(windows[j])));
    }
}

TEST_CASE("a priority row click shows its village in the map with nothing covering it", "[ui][layout]") {
    HeadlessUi ui;  // 1280 x 800: the window size of the trial
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().priorities = true;
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx panel = app.layout().panelRect("priorities");
    REQUIRE_FALSE(panel.empty());
    // Click down the rank column of the table (its scrolling child window) until a row takes: the first row.
    const ImGuiWindow* table = nullptr;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && (w->Flags & ImGuiWindowFlags_ChildWindow) && w->RootWindow == ImGui::FindWindowByName("###priorities")) table = w;
    REQUIRE(table);
    ImGuiIO& io = ImGui::GetIO();
    const float header = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y + 2;  // a click there would sort
    for (float y = table->Pos.y + header; y < table->Pos.y + table->Size.y && app.selection().empty(); y += 4) {
        const ImVec2 at(table->Pos.x + 12, y);
        ui.frame(app, at);
        io.MouseDown[0] = true;
        ui.frame(app, at);
        io.MouseDown[0] = false;
        ui.frame(app, at);
    }
    REQUIRE(app.selection().level == "village");
    const std::uint32_t first = app.visiblePriorities().front();
    const Village& village = app.project().villages[app.coverage().villages[first].village];
    CHECK(app.selection().code == village.code);
    ui.frame(app);
    const render::ScreenXY at = app.map().toWindow(*village.location);
    CHECK(inside(app.layout().mapRect(), at.xPx, at.yPx));
    for (ImGuiWindow* w : shownWindows()) {
        INFO(w->Name);
        CHECK_FALSE(inside(rectOf(w), at.xPx, at.yPx));
    }
    // Nor under the map's own legend or scale bar: in the middle of what they leave.
    const render::Insets in = app.map().renderer().decorationInsets(app.map().camera().widthPx(), app.map().camera().heightPx());
    const render::ScreenXY cam = app.map().camera().toScreen(*village.location);
    CHECK(cam.xPx > in.leftPx);
    CHECK(cam.xPx < app.map().camera().widthPx() - in.rightPx);
    CHECK(cam.yPx < app.map().camera().heightPx() - in.bottomPx);
}

TEST_CASE("search and zoom to extent centre in the map's rectangle, not the window", "[ui][layout]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().priorities = true;
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx map = app.layout().mapRect();
    const PlaceSearch search(app.project());
    const auto hits = search.find("huoi ho");
    REQUIRE_FALSE(hits.empty());
    app.flyTo(*hits[0].entry);
    ui.frame(app);
    const render::ScreenXY at = app.map().toWindow(*hits[0].entry->location);
    CHECK(inside(map, at.xPx, at.yPx));
    CHECK(std::abs(at.yPx - (map.y0 + map.y1) / 2) < map.height() * 0.1);
    // The whole province fits in the map's rectangle.
    app.map().zoomToExtent();
    ui.frame(app);
    for (const AdminUnit& u : app.project().adminUnits) {
        const BBox box = bboxOf(u.area);
        if (box.empty()) continue;
        for (LonLat corner : {LonLat{box.minLon, box.minLat}, LonLat{box.maxLon, box.maxLat}}) {
            const render::ScreenXY s = app.map().toWindow(corner);
            CHECK(inside(map, s.xPx, s.yPx));
        }
    }
}

TEST_CASE("the selected village gets a ring and the selected commune a thick outline", "[ui][layout][highlight]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const render::Image plain = ui.frame(app);
    const float em = ImGui::GetFontSize();
    auto highlighted = [](const render::Image& image, double x, double y) {
        if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
        return near(image.at(int(x), int(y)), 0, 229, 255, 40);
    };
    // A village: cyan on a circle of 0.85 em around it.
    const Village* village = nullptr;
    for (const Village& v : app.project().villages)
        if (v.location && inside(app.layout().mapRect(), app.map().toWindow(*v.location).xPx, app.map().toWindow(*v.location).yPx)) {
            village = &v;
            break;
        }
    REQUIRE(village);
    app.select({"village", village->code});
    const render::Image ring = ui.frame(app);
    const render::ScreenXY c = app.map().toWindow(*village->location);
    int onRing = 0, before = 0;
    for (int k = 0; k < 16; ++k) {
        const double a = k * 3.14159265 / 8, x = c.xPx + std::cos(a) * em * 0.85, y = c.yPx + std::sin(a) * em * 0.85;
        onRing += highlighted(ring, x, y);
        before += highlighted(plain, x, y);
    }
    CHECK(onRing >= 14);
    CHECK(before <= 2);
    // A commune: cyan along its boundary.
    const AdminUnit* commune = nullptr;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::Commune && !u.area.empty()) commune = &u;
    REQUIRE(commune);
    app.select({"commune", commune->code});
    const render::Image outline = ui.frame(app);
    int samples = 0, onLine = 0, plainOnLine = 0;
    for (const LonLat& ll : commune->area.front().rings.front()) {
        const render::ScreenXY s = app.map().toWindow(ll);
        if (!inside(app.layout().mapRect(), s.xPx, s.yPx)) continue;
        ++samples;
        onLine += highlighted(outline, s.xPx, s.yPx);
        plainOnLine += highlighted(plain, s.xPx, s.yPx);
    }
    REQUIRE(samples > 10);
    CHECK(onLine >= samples * 9 / 10);
    CHECK(plainOnLine == 0);
    // A district (drawn from its own boundary, or its communes' where it has none): cyan too.
    const AdminUnit* district = nullptr;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::District) district = &u;
    REQUIRE(district);
    app.select({"district", district->code});
    const render::Image districtImage = ui.frame(app);
    auto cyanPixels = [&](const render::Image& image) {
        int n = 0;
        for (int y = 0; y < image.height; y += 2)
            for (int x = 0; x < image.width; x += 2) n += highlighted(image, x, y);
        return n;
    };
    CHECK(cyanPixels(districtImage) > 500);
    CHECK(cyanPixels(plain) < 20);
}

TEST_CASE("the exact-locations warning and the synthetic mark sit in a band nothing covers", "[ui][layout][protection]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);  // the demo: synthetic
    ui::PanelState& p = app.panels();
    p.priorities = p.help = p.dashboard = p.timeline = p.data = true;
    app.map().setExactTrustedAddresses(true);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx band = app.bannerRect();
    REQUIRE(band.height() >= 2 * ImGui::GetFrameHeight());  // two lines: warning, then synthetic
    // The mouse on the map right under the band: its tooltip shows, and still not over the band.
    const ui::RectPx map = app.layout().mapRect();
    const ImVec2 mouse(map.x0 + map.width() / 2, map.y0 + 4);
    ui.frame(app, ImVec2(mouse.x + 1, mouse.y));
    const render::Image image = ui.frame(app, mouse);
    const ImGuiWindow* menu = ImGui::FindWindowByName("##MainMenuBar");
    REQUIRE(menu);
    CHECK(menu->Pos.y >= band.y1);  // the menu bar is under the band, not over it
    CHECK(map.y0 >= menu->Pos.y + menu->Size.y);
    for (ImGuiWindow* w : shownWindows()) CHECK_FALSE(rectOf(w).intersects(band));
    // Every pixel of a row near the top and bottom of each line is its red (text aside: few).
    const int line = int(band.height() / 2);
    for (const auto& [y, r, g, b] : {std::tuple{2, 203, 24, 29}, std::tuple{line - 3, 203, 24, 29},
                                     std::tuple{line + 2, 165, 15, 21}, std::tuple{2 * line - 3, 165, 15, 21}}) {
        int red = 0;
        for (int x = 0; x < image.width; ++x) red += near(image.at(x, int(band.y0) + y), r, g, b, 12);
        INFO("row " << y);
        CHECK(red == image.width);
    }
    // Hiding the Trusted Address layer does not hide the warning while the unlock lasts.
    app.map().setLayerVisible("trusted_addresses", false);
    ui.frame(app);
    CHECK(app.bannerRect().height() == Approx(band.height()));
    // Locked again: the warning goes, the synthetic mark stays.
    app.map().setExactTrustedAddresses(false);
    ui.frame(app);
    CHECK(app.bannerRect().height() == Approx(band.height() / 2));
}

// The legend's every line inside the map's rectangle, under the menu bar; its first line on the
// legend's white panel.
void checkLegendWhole(HeadlessUi& ui, ui::App& app) {
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const render::Image image = ui.frame(app);
    ui::MapCanvas& map = app.map();
    render::DecorationOptions which;
    which.title = false;  // as the window draws it
    const render::DrawList2D list = render::layoutDecorations(map.renderer().scene(), map.camera(), map.renderer().fonts(),
                                                              map.renderer().uiScale(), which);
    REQUIRE_FALSE(list.texts.empty());
    const ImGuiWindow* menu = ImGui::FindWindowByName("##MainMenuBar");
    for (const render::Text2D& t : list.texts) {
        const float top = t.yPx - map.renderer().fonts().ascentPx(t.style) + float(map.rect().y0);
        INFO(t.text);
        CHECK(top >= menu->Pos.y + menu->Size.y);
    }
    // The legend panel's top row is the legend's white, not the menu bar.
    const render::Text2D& first = list.texts.front();
    const int y = int(first.yPx - map.renderer().fonts().ascentPx(first.style) + map.rect().y0) - 4;
    const int x = int(first.xPx + map.rect().x0) - 4;
    CHECK(near(image.at(x, y), 255, 255, 255, 12));
}

TEST_CASE("the map's legend starts inside the map's rectangle, under the menu bar", "[ui][layout]") {
    HeadlessUi ui(1920, 1080);
    ui::App app(buildDemoProject(), "", ui.fonts);
    checkLegendWhole(ui, app);
}

TEST_CASE("on real Lai Châu communes the legend's first line is whole", "[ui][layout][geodata]") {
    const std::string d2009 = test::sharedGeodata("censusVN2009");
    if (d2009.empty()) return;
    test::TempDir dir;
    test::importLaiChau2009(test::quote(dir.file("lc.gpkg")), d2009);
    HeadlessUi ui(1920, 1080);
    ui::App app(readProject(dir.file("lc.gpkg")), dir.file("lc.gpkg"), ui.fonts);
    app.panels().priorities = true;
    checkLegendWhole(ui, app);
}

TEST_CASE("a collapsed panel keeps its title bar and gives its height to the others", "[ui][layout]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx layers = app.layout().panelRect("layers"), details = app.layout().panelRect("details");
    // Click the collapse arrow at the left of the Layers title bar.
    const ImVec2 arrow(layers.x0 + ImGui::GetStyle().FramePadding.x + ImGui::GetFontSize() / 2, layers.y0 + ImGui::GetFrameHeight() / 2);
    ui.frame(app, arrow);
    ImGui::GetIO().MouseDown[0] = true;
    ui.frame(app, arrow);
    ImGui::GetIO().MouseDown[0] = false;
    for (int i = 0; i < 3; ++i) ui.frame(app, arrow);
    const ui::RectPx folded = app.layout().panelRect("layers");
    CHECK(folded.height() == Approx(ImGui::GetFrameHeight()).margin(1));
    CHECK(app.layout().panelRect("details").height() > details.height() + layers.height() / 3);
    CHECK(app.layout().panelRect("details").y1 == Approx(ui.height));  // the column is still filled
}

TEST_CASE("Details: a long label is never drawn over its value", "[ui][layout][details]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    const AdminUnit* commune = nullptr;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::Commune) commune = &u;
    app.select({"commune", commune->code});
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ImGuiWindow* details = ImGui::FindWindowByName("###details");
    REQUIRE(details);
    const ImU32 label = ImGui::GetColorU32(ImGuiCol_TextDisabled), value = ImGui::GetColorU32(ImGuiCol_Text);
    // Per text line (by the glyphs' baseline band): every label glyph left of every value glyph.
    int lines = 0;
    const std::vector<Glyph> glyphs = glyphsOf(details);
    for (const Glyph& l : glyphs) {
        if (l.colour != label) continue;
        for (const Glyph& v : glyphs) {
            if (v.colour != value || v.max.y < l.min.y + 2 || v.min.y > l.max.y - 2) continue;
            ++lines;
            CHECK(l.max.x <= v.min.x);
        }
    }
    CHECK(lines > 20);
}

TEST_CASE("a long status is cut with an ellipsis inside the menu bar", "[ui][layout][status]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.openProject("/no/such/folder/" + std::string(150, 'x') + ".gpkg");  // a long message
    REQUIRE(app.status().size() > 150);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ImGuiWindow* bar = ImGui::FindWindowByName("##MainMenuBar");
    REQUIRE(bar);
    const ImU32 status = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
    float statusMin = 1e9f, statusMax = -1e9f, textMax = -1e9f;
    for (const Glyph& g : glyphsOf(bar)) {
        if (g.colour == status) statusMin = std::min(statusMin, g.min.x), statusMax = std::max(statusMax, g.max.x);
        if (g.colour == text) textMax = std::max(textMax, g.max.x);
    }
    REQUIRE(statusMax > 0);
    CHECK(statusMax <= float(ui.width));
    CHECK(statusMin > textMax);  // right of the menus and the title, not over them
    // The whole text on hover.
    const ImVec2 on((statusMin + statusMax) / 2, bar->Pos.y + bar->Size.y / 2);
    ui.frame(app, ImVec2(on.x + 1, on.y));
    ui.frame(app, on);
    CHECK(tooltipShown());
}

TEST_CASE("Priorities: the reasons never run under the next column, the whole row on hover", "[ui][layout][priorities]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    app.panels().priorities = true;
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ImGuiWindow* panel = ImGui::FindWindowByName("###priorities");
    REQUIRE(panel);
    size_t glyphs = 0;
    for (const Glyph& g : glyphsOf(panel)) {
        ++glyphs;
        CHECK(g.max.x <= g.clip.z + 1);  // inside its column's clip rectangle: nothing cut off
    }
    CHECK(glyphs > 500);
}

TEST_CASE("after a fly-to the hover tooltip describes what is under the mouse now", "[ui][layout][hover]") {
    HeadlessUi ui;
    ui::App app(buildDemoProject(), "", ui.fonts);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx map = app.layout().mapRect();
    const ImVec2 mouse(map.x0 + map.width() * 0.45f, map.y0 + map.height() * 0.55f);
    ui.frame(app, ImVec2(mouse.x + 3, mouse.y));
    ui.frame(app, mouse);
    const ui::Selection before = app.hovered();
    REQUIRE_FALSE(before.empty());
    // Fly to a commune other than the hovered one; the mouse does not move.
    const PlaceSearch search(app.project());
    const AdminUnit* other = nullptr;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::Commune && u.code != before.code && !u.area.empty()) other = &u;
    REQUIRE(other);
    SearchEntry entry;
    entry.code = other->code;
    entry.level = "commune";
    entry.box = bboxOf(other->area);
    app.flyTo(entry);
    ui.frame(app, mouse);
    const ui::Selection after = app.hovered();
    const LonLat at = app.map().camera().toLonLat(app.map().toCamera(mouse.x, mouse.y));
    std::string expected;
    for (const AdminUnit& u : app.project().adminUnits)
        if (u.level == AdminLevel::Commune && contains(u.area, at)) expected = u.code;
    if (after.level == "commune") CHECK(after.code == expected);
    CHECK(after.code != before.code);
}

TEST_CASE("column widths and open panels are remembered between sessions", "[ui][layout][config]") {
    ConfigHome home;
    HeadlessUi ui;
    {
        ui::App app(buildDemoProject(), "", ui.fonts);
        app.restoreLayout();  // nothing yet: the defaults
        app.panels().priorities = true;
        app.panels().layers = false;
        ui.frame(app);
        app.layout().setSize(ui::Side::Right, 420);
        ui.frame(app);
        ui.frame(app);
        CHECK(app.layout().panelRect("priorities").width() == Approx(420));
        app.saveLayout();
    }
    CHECK(std::filesystem::exists(home.dir.path() / "gapmap" / "layout.txt"));
    ui::App again(buildDemoProject(), "", ui.fonts);
    again.restoreLayout();
    CHECK(again.panels().priorities);
    CHECK_FALSE(again.panels().layers);
    for (int i = 0; i < 3; ++i) ui.frame(again);
    CHECK(again.layout().panelRect("priorities").width() == Approx(420));
    CHECK(again.layout().panelRect("layers").empty());
}

TEST_CASE("dragging a column's inner edge resizes it", "[ui][layout]") {
    HeadlessUi ui;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;  // as the GLFW backend: resizing from edges
    io.ConfigWindowsResizeFromEdges = true;
    ui::App app(buildDemoProject(), "", ui.fonts);
    for (int i = 0; i < 3; ++i) ui.frame(app);
    const ui::RectPx layers = app.layout().panelRect("layers");
    const float y = (layers.y0 + layers.y1) / 2;
    ui.frame(app, ImVec2(layers.x1 - 1, y));
    io.MouseDown[0] = true;
    ui.frame(app, ImVec2(layers.x1 - 1, y));
    for (int dx = 20; dx <= 100; dx += 20) ui.frame(app, ImVec2(layers.x1 - 1 + float(dx), y));
    io.MouseDown[0] = false;
    ui.frame(app, ImVec2(layers.x1 + 99, y));
    ui.frame(app);
    CHECK(app.layout().panelRect("layers").width() == Approx(layers.width() + 100).margin(3));
    CHECK(app.layout().mapRect().x0 == Approx(app.layout().panelRect("layers").x1));
}

TEST_CASE("the tooltip's population of a commune the census gives 0 is no data, never 0", "[ui][nodata]") {
    setLanguage(Lang::Vi);
    HeadlessUi ui;
    Project p = buildDemoProject();
    // A commune created after the census (its file says 0) and without villages: no figure at all.
    AdminUnit& empty = p.adminUnits.back();
    REQUIRE(empty.level == AdminLevel::Commune);
    empty.population = 0;
    p.villages.erase(std::remove_if(p.villages.begin(), p.villages.end(), [&](const Village& v) { return v.communeCode == empty.code; }),
                     p.villages.end());
    ui::App app(p, "", ui.fonts);
    ui.frame(app);
    CHECK(app.populationText(empty) == tr("nodata.value"));
    const AdminUnit& other = p.adminUnits[p.adminUnits.size() - 2];  // a demo commune with villages
    REQUIRE(other.level == AdminLevel::Commune);
    CHECK(app.populationText(other) != tr("nodata.value"));
    CHECK(app.populationText(other) != "0");
}
