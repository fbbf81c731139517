// The map inside the app: the scene built from the project, the camera, the renderer, and what
// the panels change (layers, opacity, choropleth). Hides the render API from the panels.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/geo.h"
#include "core/scene_cache_store.h"
#include "core/model.h"
#include "render/camera.h"
#include "render/gl_resources.h"
#include "render/map_renderer.h"
#include "render/project_scene.h"
#include "ui/panel_layout.h"

namespace gapmap::ui {

class MapCanvas {
public:
    // `progressive` (the desktop window): the first frame comes before the boundary topology and
    // zoom bands, which are then prepared on a thread; frames are provisional until they land
    // (lastStats().provisional). Otherwise every band is ready when first drawn.
    // sceneCache: the project file's (io/scene_cache.h), read for the boundaries and filled when it
    // lacks them; null for a project without a file. With a valid cache the first frame is complete.
    MapCanvas(const Project& project, float uiScale, bool progressive = false, std::shared_ptr<SceneCacheStore> sceneCache = nullptr);
    // Another state of the same province (the timeline's "as of" year): the scene is rebuilt,
    // the camera, layers, opacity and options stay. `project` must outlive the canvas.
    void setProject(const Project& project);

    // Draws into the bound framebuffer of this size. `interacting`: a drag is in progress.
    void draw(int widthPx, int heightPx, bool interacting);
    bool needsRedraw(int widthPx, int heightPx, bool interacting) const;

    // The window's way: the map is rendered into its own texture, the size of `rect` (window px,
    // the room the docked panels leave), only when it changed; the app shows texture() there. The
    // camera's viewport is that rectangle, so fitting and flying centre in what the user sees.
    void drawInRect(const RectPx& rect, bool interacting);
    bool needsRedrawInRect(const RectPx& rect, bool interacting) const;
    unsigned texture() const { return target_.texture(); }
    RectPx rect() const { return rect_; }
    // Window pixels <-> the camera's pixels (those of the map rectangle).
    render::ScreenXY toWindow(LonLat p) const;
    render::ScreenXY toCamera(double xWindowPx, double yWindowPx) const { return {xWindowPx - rect_.x0, yWindowPx - rect_.y0}; }
    // The window shows the exact-locations warning and the synthetic mark in its own band under
    // the menu bar, where nothing covers them; the map then leaves them out (true), or draws them
    // itself as on any image (false: presentation mode).
    void setShellBanners(bool shell);
    const std::string& warning() const { return warning_; }  // empty: no exact locations shown
    bool synthetic() const { return synthetic_; }

    render::Camera& camera() { return camera_; }
    const render::Camera& camera() const { return camera_; }
    void zoomToExtent();
    // Fits the province again at the next draw (the first frames, while the panels take their room).
    void refit() { fitted_ = false; }
    // Room the app's own panels take (menu bar, layers panel), kept free when fitting a view.
    void setPanelInsets(const render::Insets& insets) { panelInsets_ = insets; }
    void flyTo(const BBox& box);         // EPSG:4326
    void flyTo(LonLat point, double metresPerPixel = 8);

    // Layers: ids of render::layerCatalogue(), bottom to top.
    bool layerVisible(const std::string& id) const;
    void setLayerVisible(const std::string& id, bool visible);
    float layerOpacity(const std::string& id) const;
    void setLayerOpacity(const std::string& id, float opacity);
    const render::SceneOptions& options() const { return options_; }
    void setOptions(const render::SceneOptions& options);  // rebuilds the styled scene (cheap)
    // Village attributes or settings of the project changed (an edit or its undo): rebuilds the scene.
    void dataChanged();
    // Exact Trusted Address locations, this session only; the scene then carries a warning banner.
    void setExactTrustedAddresses(bool exact);
    bool exactTrustedAddresses() const { return options_.exactTrustedAddresses; }

    const render::RenderScene& scene() const { return scene_; }
    const render::ProjectSceneBuilder& builder() const { return *builder_; }
    render::MapRenderer& renderer() { return *renderer_; }
    // Figures of the last draw(); `provisional` while zoom bands are still prepared in the background.
    const render::FrameStats& lastStats() const { return lastStats_; }
    // Progressive canvases: starts preparing the bands (draw() does after the first frame; the
    // presentation view, which draws with its own renderer, calls it too). Once per project.
    void startBackgroundWork();
    // The project file's scene cache (null: none). Save as moves it (io/scene_cache.h moveSceneCache);
    // a canvas without one (the demo) is given the new file's, for the scenes it builds later.
    const std::shared_ptr<SceneCacheStore>& sceneCache() const { return sceneCache_; }
    void setSceneCache(std::shared_ptr<SceneCacheStore> cache) { sceneCache_ = std::move(cache); }

private:
    void rebuild();     // makeScene() + applyBanners()
    void makeScene();   // scene_ from builder_ and options_: no GL, any thread
    void applyBanners();  // hands scene_ to the renderer (GL thread)
    static render::FrameOptions frameOptions(bool interacting);
    std::unique_ptr<render::ProjectSceneBuilder> builder_;
    std::shared_ptr<SceneCacheStore> sceneCache_;
    std::unique_ptr<render::MapRenderer> renderer_;
    render::SceneOptions options_;
    render::RenderScene scene_;
    render::Camera camera_;
    bool fitted_ = false;
    render::Insets panelInsets_;
    render::Insets fitInsets() const;
    render::Framebuffer target_;  // the map image in window mode
    RectPx rect_;
    bool rendered_ = false;       // target_ holds the current picture
    bool shellBanners_ = false;
    std::string warning_;         // of the built scene, before the shell takes it
    render::FrameStats lastStats_;
    bool progressive_ = false, backgroundStarted_ = false;
    bool synthetic_ = false;
};

}  // namespace gapmap::ui
