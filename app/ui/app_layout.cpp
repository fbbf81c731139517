// The window's layout around the map: where each panel docks, the map image in the rectangle the
// panels leave, the selection highlight over it, the banner band under the menu bar, and the
// layout remembered between sessions (ui::userConfigDir()/layout.txt).
#include <imgui.h>
#include <imgui_internal.h>  // BeginViewportSideBar: the band takes its room before the menu bar

#include <cstdint>
#include <fstream>
#include <sstream>

#include "core/i18n.h"
#include "render/gl.h"
#include "ui/app.h"
#include "ui/user_config.h"

namespace gapmap::ui {
namespace {

// The highlight: a bright cyan line on a dark halo. No ramp, symbol or boundary of the map uses
// cyan (Trusted Address badges are magenta, teams orange), and the halo parts it from light fills.
const ImU32 kHighlight = IM_COL32(0, 229, 255, 255);
const ImU32 kHighlightHalo = IM_COL32(20, 20, 30, 230);
const ImU32 kWarningRed = IM_COL32(203, 24, 29, 255);    // the map's own warning colour (render/overlay.cpp)
const ImU32 kSyntheticRed = IM_COL32(165, 15, 21, 255);

// The panels that remember whether they are open, by their layout id.
struct OpenFlag {
    const char* id;
    bool PanelState::*flag;
};
const OpenFlag kOpenFlags[] = {{"layers", &PanelState::layers},       {"details", &PanelState::details},
                               {"search", &PanelState::search},       {"priorities", &PanelState::priorities},
                               {"help", &PanelState::help},           {"dashboard", &PanelState::dashboard},
                               {"timeline", &PanelState::timeline},   {"data", &PanelState::data},
                               {"table", &PanelState::table}};

}  // namespace

void App::expectPanels() {
    for (const OpenFlag& f : kOpenFlags) layout_.expectOpen(f.id, panels_.*f.flag);
}

void App::dockPanels() {
    // Left: find, choose what to show, read what was chosen. Right: the long lists and figures.
    // Bottom: the wide, short ones. Shares are relative heights within a column.
    layout_.dock("search", Side::Left, 0.4f);
    layout_.dock("layers", Side::Left, 1.7f);
    layout_.dock("details", Side::Left, 1.2f);
    layout_.dock("priorities", Side::Right);
    layout_.dock("dashboard", Side::Right);
    layout_.dock("help", Side::Right, 0.7f);
    layout_.dock("timeline", Side::Bottom);
    layout_.dock("data", Side::Bottom);
    layout_.dock("table", Side::Bottom, 3);  // the attribute table (app_table.cpp) wants the width
}

void App::drawMap(const RectPx& rect) {
    // Under the panels and the bands; the map image covers its own rectangle.
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    const ImGuiIO& io = ImGui::GetIO();
    const bool panning = ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !io.WantCaptureMouse &&
                         rect.contains(io.MouseClickedPos[0].x, io.MouseClickedPos[0].y);
    map_->drawInRect(rect, panning);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    // GL textures start at the bottom row: v runs from 1 at the top to 0.
    draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(map_->texture())), ImVec2(rect.x0, rect.y0),
                   ImVec2(rect.x0 + float(map_->camera().widthPx()), rect.y0 + float(map_->camera().heightPx())), ImVec2(0, 1),
                   ImVec2(1, 0));
    draw->PushClipRect(ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1));
    drawHighlight(draw);
    draw->PopClipRect();
}

// The selected village: a ring around its symbol; a selected unit: its outline, thick. Window px.
void App::drawHighlight(ImDrawList* draw) const {
    if (selected_.empty()) return;
    const float em = ImGui::GetFontSize();
    if (selected_.level == "village") {
        const Village* v = project_.findVillage(selected_.code);
        if (!v || !v->location) return;
        const render::ScreenXY p = map_->toWindow(*v->location);
        const ImVec2 c(float(p.xPx), float(p.yPx));
        const float r = em * 0.85f;
        draw->AddCircle(c, r, kHighlightHalo, 0, em * 0.45f);
        draw->AddCircle(c, r, kHighlight, 0, em * 0.2f);
        return;
    }
    // A unit without its own geometry (a district made of communes) is outlined by its children's.
    std::vector<const MultiPolygon*> areas;
    if (const AdminUnit* unit = project_.findUnit(selected_.code); unit && !unit->area.empty()) areas.push_back(&unit->area);
    else
        for (const AdminUnit& u : project_.adminUnits)
            if (u.parentCode == selected_.code && !u.area.empty()) areas.push_back(&u.area);
    std::vector<ImVec2> points;
    for (int pass = 0; pass < 2; ++pass)
        for (const MultiPolygon* area : areas)
            for (const auto& polygon : *area)
                for (const Ring& ring : polygon.rings) {
                    points.clear();
                    for (const LonLat& ll : ring) {
                        const render::ScreenXY s = map_->toWindow(ll);
                        const ImVec2 q(float(s.xPx), float(s.yPx));
                        // Vertices closer than a pixel add nothing on screen.
                        if (points.empty() || std::abs(q.x - points.back().x) + std::abs(q.y - points.back().y) >= 1) points.push_back(q);
                    }
                    if (points.size() < 2) continue;
                    if (pass == 0) draw->AddPolyline(points.data(), int(points.size()), kHighlightHalo, ImDrawFlags_Closed, em * 0.5f);
                    else draw->AddPolyline(points.data(), int(points.size()), kHighlight, ImDrawFlags_Closed, em * 0.22f);
                }
}

float App::bannerHeightPx() const {
    const float line = ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.y * 2;
    return line * float(int(!map_->warning().empty()) + int(map_->synthetic()));
}

RectPx App::bannerRect() const { return {0, 0, float(widthPx_), bannerHeightPx()}; }

// The band is the top edge of the window, the menu bar comes under it: the menus drop down below
// the menu bar, so no menu opens over the band. Its colours and text go into the foreground draw
// list, over every window, popup and tooltip: nothing can cover it. The exact-locations warning
// stays as long as the map shows exact locations (it has no close button).
void App::drawBanners() const {
    const RectPx band = bannerRect();
    if (band.empty()) return;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::BeginViewportSideBar("##banners", ImGui::GetMainViewport(), ImGuiDir_Up, band.height(), flags);
    ImGui::End();
    ImGui::PopStyleVar();
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const float line = band.height() / float(int(!map_->warning().empty()) + int(map_->synthetic()));
    float y = band.y0;
    auto banner = [&](const std::string& text, ImU32 colour) {
        draw->AddRectFilled(ImVec2(band.x0, y), ImVec2(band.x1, y + line), colour);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        draw->AddText(ImVec2(std::max(band.x0 + ImGui::GetFontSize(), (band.x0 + band.x1 - size.x) / 2), y + (line - size.y) / 2),
                      IM_COL32(255, 255, 255, 255), text.c_str());
        y += line;
    };
    if (!map_->warning().empty()) banner(tr("render.warning.ta_exact"), kWarningRed);  // in the language of now
    if (map_->synthetic()) banner(tr("render.synthetic"), kSyntheticRed);
}

std::string App::layoutText() const {
    std::string text = layout_.save();
    for (const OpenFlag& f : kOpenFlags) text += std::string("open.") + f.id + '=' + (panels_.*f.flag ? "1" : "0") + '\n';
    return text;
}

void App::applyLayoutText(const std::string& text) {
    layout_.load(text);
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        for (const OpenFlag& f : kOpenFlags)
            if (line == std::string("open.") + f.id + "=1") panels_.*f.flag = true;
            else if (line == std::string("open.") + f.id + "=0") panels_.*f.flag = false;
    redraw_ = true;
}

void App::restoreLayout() {
    const std::filesystem::path dir = userConfigDir();
    if (dir.empty()) return;
    std::ifstream in(dir / "layout.txt");
    if (!in) return;  // the first session: the defaults
    std::ostringstream text;
    text << in.rdbuf();
    applyLayoutText(text.str());
}

void App::saveLayout() const {
    const std::filesystem::path dir = userConfigDir();
    if (dir.empty()) return;  // nowhere to remember: nothing fails
    const std::filesystem::path file = dir / "layout.txt", temporary = dir / "layout.txt.new";
    {
        std::ofstream out(temporary);
        out << layoutText();
        if (!out) return;
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
}

}  // namespace gapmap::ui
