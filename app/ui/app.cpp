#include "ui/app.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <future>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/project_file.h"
#include "io/scene_cache.h"
#include "render/gl.h"
#include "render/offscreen.h"

namespace gapmap::ui {

App::App(Project project, std::string path, Fonts fonts, bool progressive) : fonts_(fonts), progressive_(progressive) {
    setProject(std::move(project), std::move(path));
    dockPanels();
}

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
    // The search index and the coverage analysis (CPU only, reading project_) are made on a worker
    // thread while this thread, which owns the GL context, makes the map (its renderer; the map
    // makes its scene on a thread of its own): opening uses both cores.
    std::future<void> analysis = std::async(std::launch::async, [this] {
        search_ = std::make_unique<PlaceSearch>(project_);
        try {
            rules_ = CoverageRules::fromProject(project_);
        } catch (const std::exception& e) {
            rules_ = CoverageRules{};  // an invalid setting: defaults, and say so
            status_ = e.what();
        }
        updateCoverage(false);
    });
    try {
        map_ = std::make_unique<MapCanvas>(project_, 1.0f, progressive_, path_.empty() ? nullptr : openSceneCache(path_));
    } catch (...) {
        analysis.wait();  // the worker refers to this app
        throw;
    }
    analysis.get();
    mapFrames_ = 0;
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
    const bool dragging = ImGui::IsMouseDragging(ImGuiMouseButton_Left);
    if (presenting_) return redraw_ || map_->needsRedraw(widthPx_, heightPx_, dragging);
    return redraw_ || map_->needsRedrawInRect(layout_.mapRect(), dragging);
}

void App::frame(int widthPx, int heightPx) {
    widthPx_ = widthPx;
    heightPx_ = heightPx;
    redraw_ = false;
    map_->setShellBanners(!presenting_);
    if (language() != mapLanguage_) {  // the map's legend and marks are texts too
        mapLanguage_ = language();
        map_->setOptions(map_->options());
    }
    if (presenting_) return drawPresentation(widthPx, heightPx);
    handleShortcuts();
    map_->setPanelInsets({});  // the panels are beside the map, not over it (presentation sets its own)
    // The panels dock around the map; the map gets what remains below the menu bar and banners.
    expectPanels();
    layout_.beginFrame({0, bannerHeightPx() + ImGui::GetFrameHeight(), float(widthPx), float(heightPx)});
    const RectPx mapRect = layout_.mapRect();
    handleMapInput(mapRect);
    drawMap(mapRect);
    drawBanners();  // before the menu bar, which goes under the band
    drawMenuBar();
    if (panels_.search) drawSearchPanel();
    if (panels_.layers) drawLayersPanel();
    if (panels_.details) drawDetailsPanel();
    if (panels_.priorities) drawPrioritiesPanel();
    if (panels_.help) drawHelpWindow();
    if (panels_.dashboard) drawDashboardPanel();
    if (panels_.timeline) drawTimelinePanel();
    if (panels_.data) drawDataPanel();
    if (panels_.table) drawTablePanel();
    drawDialogs();
    drawSaveAsDialog();
    drawStatusBar();
    drawTooltip();
    layout_.endFrame();
    ++mapFrames_;
    if (layout_.changedThisFrame()) {
        redraw_ = true;
        // The first frame: a panel the layout did not expect took its room after the map was fitted.
        if (mapFrames_ == 1) map_->refit();
    }
}

void App::handleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopup)) return;  // typing, or a dialog/menu is open
    render::Camera& cam = map_->camera();
    const ImVec2 centre(cam.widthPx() / 2.0f, cam.heightPx() / 2.0f);  // camera px
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
    if (ImGui::IsKeyPressed('B')) panels_.table = !panels_.table;  // "Bảng": the attribute table
    if (ImGui::IsKeyPressed(294 /* GLFW_KEY_F5 */)) enterPresentation();
}

// Mouse on the map rectangle (window px); the camera works in the rectangle's own pixels.
void App::handleMapInput(const RectPx& mapRect) {
    const ImGuiIO& io = ImGui::GetIO();
    const bool over = mapRect.contains(io.MousePos.x, io.MousePos.y) && !io.WantCaptureMouse;
    const bool dragFromMap = mapRect.contains(io.MouseClickedPos[0].x, io.MouseClickedPos[0].y) && !io.WantCaptureMouse;
    render::Camera& cam = map_->camera();
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left) && dragFromMap) cam.panByPixels(io.MouseDelta.x, io.MouseDelta.y);
    if (!over) {
        hovered_ = {};
        return;
    }
    const render::ScreenXY at = map_->toCamera(io.MousePos.x, io.MousePos.y);
    if (io.MouseWheel != 0) cam.zoomAbout(at, std::pow(1.25, io.MouseWheel));
    // Picked again whenever the mouse or the map moved (a fly-to moves the map under a still mouse).
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || cam != hoverCamera_) {
        hovered_ = pick(at.xPx, at.yPx);
        hoverCamera_ = cam;
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y == 0)
        select(pick(at.xPx, at.yPx));
}

// The village symbol within a few pixels of the cursor, else the commune under it (camera px).
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
        // A file gets the complete map even while the window's zoom bands are still being prepared
        // in the background (MapCanvas): finish them here (shared with the background thread).
        for (const render::Layer& layer : scene.layers)
            if (layer.areas) layer.areas->prepareAllBands();
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
