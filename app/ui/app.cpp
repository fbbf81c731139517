#include "ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/project_file.h"
#include "render/gl.h"
#include "render/offscreen.h"

namespace gapmap::ui {

App::App(Project project, std::string path, Fonts fonts) : fonts_(fonts) { setProject(std::move(project), std::move(path)); }

App::~App() = default;

void App::setProject(Project project, std::string path) {
    map_.reset();  // the scene builders refer to the old project
    yearMaps_.reset();
    full_ = std::move(project);
    project_ = full_;
    asOfYear_.reset();
    kpiCache_.clear();
    presenting_ = false;
    path_ = std::move(path);
    search_ = std::make_unique<PlaceSearch>(project_);
    try {
        rules_ = CoverageRules::fromProject(project_);
    } catch (const std::exception& e) {
        rules_ = CoverageRules{};  // an invalid setting: defaults, and say so
        status_ = e.what();
    }
    updateCoverage(false);
    map_ = std::make_unique<MapCanvas>(project_, 1.0f);
    selected_ = hovered_ = {};
    undo_.clear();  // steps name another project's villages and settings
    redo_.clear();
    redraw_ = true;
}

void App::openProject(const std::string& path) {
    try {
        Project project = readProject(path);
        // Whatever can refuse a project (an invalid rule setting) is tried before the current
        // project is let go, so a bad file never leaves the app without a map.
        CoverageRules::fromProject(project);
        setProject(std::move(project), path);
        status_ = tr("ui.status.opened", {path});
    } catch (const std::exception& e) {
        status_ = e.what();
    }
}

void App::select(const Selection& s) {
    selected_ = s;
    redraw_ = true;
}

void App::flyTo(const SearchEntry& place) {
    if (place.location) map_->flyTo(*place.location);
    else map_->flyTo(place.box);
    select({place.level, place.code});
}

bool App::wantsRedraw() const {
    return redraw_ || map_->needsRedraw(widthPx_, heightPx_, ImGui::IsMouseDragging(ImGuiMouseButton_Left));
}

void App::frame(int widthPx, int heightPx) {
    widthPx_ = widthPx;
    heightPx_ = heightPx;
    redraw_ = false;
    if (presenting_) return drawPresentation(widthPx, heightPx);
    handleShortcuts();
    handleMapInput();
    const float em = ImGui::GetFontSize();
    map_->setPanelInsets({panels_.layers ? em * 22.5 : 0.0, ImGui::GetFrameHeight() + em * 0.5, 0, 0});
    glViewport(0, 0, widthPx, heightPx);
    map_->draw(widthPx, heightPx, ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !ImGui::GetIO().WantCaptureMouse);
    drawMenuBar();
    if (panels_.layers) drawLayersPanel();
    if (panels_.search) drawSearchPanel();
    if (panels_.details && !selected_.empty()) drawDetailsPanel();
    if (panels_.priorities) drawPrioritiesPanel();
    if (panels_.help) drawHelpWindow();
    if (panels_.dashboard) drawDashboardPanel();
    if (panels_.timeline) drawTimelinePanel();
    if (panels_.data) drawDataPanel();
    drawDialogs();
    drawSaveAsDialog();
    drawStatusBar();
    drawTooltip();
}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopup)) return;  // typing, or a dialog/menu is open
    render::Camera& cam = map_->camera();
    const ImVec2 centre(cam.widthPx() / 2.0f, cam.heightPx() / 2.0f);
    auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    if (io.KeyCtrl && ImGui::IsKeyPressed('F')) focusSearch_ = panels_.search = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed('O')) dialog_ = Dialog::Open;
    if (io.KeyCtrl && ImGui::IsKeyPressed('I')) dialog_ = Dialog::Import;
    if (io.KeyCtrl && ImGui::IsKeyPressed('E')) dialog_ = Dialog::Export;
    if (io.KeyCtrl && ImGui::IsKeyPressed('Q')) quit_ = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed('Z')) io.KeyShift ? redo() : undo();
    if (io.KeyCtrl && ImGui::IsKeyPressed('Y')) redo();
    if (io.KeyCtrl) return;
    if (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed('+')) cam.zoomAbout({centre.x, centre.y}, 1.5);
    if (ImGui::IsKeyPressed('-')) cam.zoomAbout({centre.x, centre.y}, 1 / 1.5);
    if (ImGui::IsKeyPressed('0') || pressed(ImGuiKey_Home)) map_->zoomToExtent();
    if (ImGui::IsKeyPressed('L')) panels_.layers = !panels_.layers;
    if (ImGui::IsKeyPressed('D')) panels_.details = !panels_.details;
    if (ImGui::IsKeyPressed('P')) panels_.priorities = !panels_.priorities;
    if (pressed(ImGuiKey_LeftArrow)) cam.panByPixels(120, 0);
    if (pressed(ImGuiKey_RightArrow)) cam.panByPixels(-120, 0);
    if (pressed(ImGuiKey_UpArrow)) cam.panByPixels(0, 120);
    if (pressed(ImGuiKey_DownArrow)) cam.panByPixels(0, -120);
    if (pressed(ImGuiKey_Escape)) select({});
    if (ImGui::IsKeyPressed(290 /* GLFW_KEY_F1 */)) panels_.help = !panels_.help;
    if (ImGui::IsKeyPressed('K')) panels_.dashboard = !panels_.dashboard;
    if (ImGui::IsKeyPressed('T')) panels_.timeline = !panels_.timeline;
    if (ImGui::IsKeyPressed(294 /* GLFW_KEY_F5 */)) enterPresentation();
}

void App::handleMapInput() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantCaptureMouse) {
        hovered_ = {};
        return;
    }
    render::Camera& cam = map_->camera();
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        cam.panByPixels(io.MouseDelta.x, io.MouseDelta.y);
    }
    if (io.MouseWheel != 0) cam.zoomAbout({io.MousePos.x, io.MousePos.y}, std::pow(1.25, io.MouseWheel));
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0) hovered_ = pick(io.MousePos.x, io.MousePos.y);
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y == 0)
        select(pick(io.MousePos.x, io.MousePos.y));
}

// The village symbol within a few pixels of the cursor, else the commune under it.
Selection App::pick(double xPx, double yPx) const {
    const render::Camera& cam = map_->camera();
    if (map_->layerVisible("villages") || map_->layerVisible("connectivity") || map_->layerVisible("teams")) {
        double best = 9.0 * 9.0;  // px², within the symbol radius
        const Village* nearest = nullptr;
        for (const Village& v : project_.villages) {
            if (!v.location) continue;
            const render::ScreenXY s = cam.toScreen(*v.location);
            const double d2 = (s.xPx - xPx) * (s.xPx - xPx) + (s.yPx - yPx) * (s.yPx - yPx);
            if (d2 < best) { best = d2; nearest = &v; }
        }
        if (nearest) return {"village", nearest->code};
    }
    const LonLat at = cam.toLonLat({xPx, yPx});
    for (const AdminUnit& u : project_.adminUnits)
        if (u.level == AdminLevel::Commune && bboxOf(u.area).contains(at) && contains(u.area, at)) return {"commune", u.code};
    return {};
}

bool App::exportPng(const std::string& path, int widthPx, int heightPx) {
    GLint previous = 0;  // the window's framebuffer, or a test's offscreen one
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    try {
        // A shared output: exact Trusted Address locations never leave the working view.
        render::SceneOptions shared = map_->options();
        shared.exactTrustedAddresses = false;
        const render::RenderScene scene = map_->builder().build(shared);
        render::MapRenderer renderer(render::RendererOptions{render::uiScaleFor(widthPx, heightPx)});
        renderer.setScene(scene);
        render::Camera cam = map_->camera();
        cam.setViewport(widthPx, heightPx);
        cam.setMetresPerPixel(map_->camera().metresPerPixel() * double(map_->camera().widthPx()) / widthPx);
        render::Framebuffer target;
        target.resize(widthPx, heightPx);
        target.bind();
        renderer.draw(cam);
        render::writePng(render::readPixels(target), path);
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
        status_ = tr("ui.status.exported", {path});
        return true;
    } catch (const std::exception& e) {
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
        status_ = e.what();
        return false;
    }
}

}  // namespace gapmap::ui
