#include "ui/map_canvas.h"

#include <algorithm>
#include <cmath>
#include <future>

#include "render/gl.h"

namespace gapmap::ui {

// Progressive (the desktop window): the builder defers the boundary topology and zoom bands
// (backgroundBands), the first frame shows provisional fills at once, and draw() then starts the
// background work; the map sharpens as bands land (MapRenderer::needsRedraw turns true).
//
// Opening uses both cores: the scene (CPU only: boundaries from the scene cache or provisional
// fills, points, labels, styles) is made on a worker thread while this thread, which owns the GL
// context, creates the renderer (glyph atlas upload, llvmpipe compiling the shaders' variants).
MapCanvas::MapCanvas(const Project& project, float uiScale, bool progressive, std::shared_ptr<SceneCacheStore> sceneCache)
    : sceneCache_(std::move(sceneCache)) {
    progressive_ = progressive;
    options_.layers = render::defaultLayers();
    // The window's map will take most of the window (GL's viewport: the window, px): the boundaries'
    // band of its first frame (the province fitted) is read from the scene cache (national:
    // 30-45 ms), or its provisional fills made, on the worker rather than in that frame. The panels
    // and legend leave the map a little less room: its fit is ~10 % coarser than the window's
    // (measured 1.08-1.11 at 1920x1080 and 1280x800, national). A wrong guess costs one band read;
    // the frame then reads its own as before.
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    std::future<void> scene = std::async(std::launch::async, [&] {
        builder_ = std::make_unique<render::ProjectSceneBuilder>(project, progressive, sceneCache_);
        makeScene();
        if (!progressive || viewport[2] <= 0 || viewport[3] <= 0 || builder_->bounds().empty()) return;
        render::Camera window({}, 1, viewport[2], viewport[3]);
        window.fitBox(builder_->bounds(), {});
        builder_->communeGeometry()->prefetch(window.metresPerPixel() * 1.1);
    });
    try {
        renderer_ = std::make_unique<render::MapRenderer>(render::RendererOptions{uiScale});
    } catch (...) {
        scene.wait();  // the worker refers to this canvas
        throw;
    }
    scene.get();
    applyBanners();
    builder_->saveSceneCacheInBackground();  // a file opened without its scene cache gets one
}

void MapCanvas::setProject(const Project& project) {
    builder_ = std::make_unique<render::ProjectSceneBuilder>(project, progressive_, sceneCache_);
    rebuild();
    if (backgroundStarted_) builder_->startBackgroundWork();  // the window is up: no first frame to wait for
    builder_->saveSceneCacheInBackground();
}

void MapCanvas::startBackgroundWork() {
    if (!progressive_) return;
    backgroundStarted_ = true;
    builder_->startBackgroundWork();  // once per builder
}

void MapCanvas::rebuild() {
    makeScene();
    applyBanners();
}

void MapCanvas::makeScene() {
    // Every layer is built so that the layers panel can switch any of them on; the ones the user
    // did not choose are hidden, which costs nothing to draw.
    render::SceneOptions all = options_;
    all.layers.clear();
    for (const render::LayerInfo& info : render::layerCatalogue()) all.layers.push_back(info.id);
    std::vector<std::pair<std::string, float>> opacity;
    for (const std::string& id : scene_.layerIds()) opacity.emplace_back(id, layerOpacity(id));
    scene_ = builder_->build(all);
    for (const std::string& id : scene_.layerIds()) {
        const bool chosen = std::find(options_.layers.begin(), options_.layers.end(), id) != options_.layers.end();
        scene_.setVisible(id, chosen);
    }
    for (const auto& [id, value] : opacity) scene_.setOpacity(id, value);
    warning_ = scene_.warning;
    synthetic_ = scene_.synthetic;
}

void MapCanvas::applyBanners() {
    scene_.warning = shellBanners_ ? std::string() : warning_;
    scene_.synthetic = !shellBanners_ && synthetic_;
    renderer_->setScene(scene_);
}

void MapCanvas::setShellBanners(bool shell) {
    if (shell == shellBanners_) return;
    shellBanners_ = shell;
    applyBanners();
}

void MapCanvas::drawInRect(const RectPx& rect, bool interacting) {
    rect_ = rect;
    const int w = std::max(1, int(std::lround(rect.width()))), h = std::max(1, int(std::lround(rect.height())));
    if (rendered_ && target_.widthPx() == w && target_.heightPx() == h && !needsRedraw(w, h, interacting)) return;
    GLint previousFbo = 0, previousViewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_VIEWPORT, previousViewport);
    target_.resize(w, h);
    target_.bind();
    draw(w, h, interacting);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFbo));
    glViewport(previousViewport[0], previousViewport[1], previousViewport[2], previousViewport[3]);
    rendered_ = true;
}

bool MapCanvas::needsRedrawInRect(const RectPx& rect, bool interacting) const {
    const int w = std::max(1, int(std::lround(rect.width()))), h = std::max(1, int(std::lround(rect.height())));
    return !rendered_ || target_.widthPx() != w || target_.heightPx() != h || needsRedraw(w, h, interacting);
}

render::ScreenXY MapCanvas::toWindow(LonLat p) const {
    const render::ScreenXY s = camera_.toScreen(p);
    return {s.xPx + rect_.x0, s.yPx + rect_.y0};
}

void MapCanvas::draw(int widthPx, int heightPx, bool interacting) {
    camera_.setViewport(widthPx, heightPx);
    if (!fitted_) {
        zoomToExtent();
        fitted_ = true;
    }
    lastStats_ = renderer_->draw(camera_, frameOptions(interacting));
    startBackgroundWork();  // after the first frame
}

bool MapCanvas::needsRedraw(int widthPx, int heightPx, bool interacting) const {
    if (!fitted_ || camera_.widthPx() != widthPx || camera_.heightPx() != heightPx) return true;
    return renderer_->needsRedraw(camera_, frameOptions(interacting));
}

// In the window the title is in the menu bar; the map keeps its legend, scale bar and marks.
render::FrameOptions MapCanvas::frameOptions(bool interacting) {
    render::FrameOptions frame;
    frame.interacting = interacting;
    frame.which.title = false;
    return frame;
}

render::Insets MapCanvas::fitInsets() const {
    render::Insets insets = renderer_->decorationInsets(camera_.widthPx(), camera_.heightPx(), frameOptions(false).which);
    insets.leftPx = std::max(insets.leftPx, panelInsets_.leftPx);
    insets.topPx = std::max(insets.topPx, panelInsets_.topPx);
    return insets;
}

void MapCanvas::zoomToExtent() {
    const render::MercatorBox box = builder_->bounds();
    if (box.empty()) return;
    camera_.fitBox(box, fitInsets());
}

void MapCanvas::flyTo(const BBox& box) {
    if (box.empty()) return;
    if (box.minLon == box.maxLon && box.minLat == box.maxLat) return flyTo(LonLat{box.minLon, box.minLat});
    camera_.fitBBox(box, fitInsets());
}

void MapCanvas::flyTo(LonLat point, double metresPerPixel) {
    camera_.setMetresPerPixel(std::min(camera_.metresPerPixel(), metresPerPixel));
    // The point goes to the centre of what the legend and scale bar leave free (camera px).
    const render::Insets in = fitInsets();
    const double freeCx = (in.leftPx + camera_.widthPx() - in.rightPx) / 2, freeCy = (in.topPx + camera_.heightPx() - in.bottomPx) / 2;
    const MercatorXY p = toMercator(point);
    camera_.setCenter({p.xM - (freeCx - camera_.widthPx() / 2.0) * camera_.metresPerPixel(),
                       p.yM + (freeCy - camera_.heightPx() / 2.0) * camera_.metresPerPixel()});
}

bool MapCanvas::layerVisible(const std::string& id) const { return scene_.isVisible(id); }

void MapCanvas::setLayerVisible(const std::string& id, bool visible) {
    std::erase(options_.layers, id);
    if (visible) options_.layers.push_back(id);
    scene_.setVisible(id, visible);
    renderer_->setScene(scene_);
}

float MapCanvas::layerOpacity(const std::string& id) const {
    for (const render::Layer& l : scene_.layers)
        if (l.id == id) return l.opacity;
    return 1.0f;
}

void MapCanvas::setLayerOpacity(const std::string& id, float opacity) {
    scene_.setOpacity(id, opacity);
    renderer_->setScene(scene_);
}

void MapCanvas::setOptions(const render::SceneOptions& options) {
    options_ = options;
    rebuild();
}

void MapCanvas::dataChanged() {
    builder_->attributesChanged();
    rebuild();
}

void MapCanvas::setExactTrustedAddresses(bool exact) {
    options_.exactTrustedAddresses = exact;
    rebuild();
}

}  // namespace gapmap::ui
