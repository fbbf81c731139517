// The map inside the app: the scene built from the project, the camera, the renderer, and what
// the panels change (layers, opacity, choropleth). Hides the render API from the panels.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/geo.h"
#include "core/model.h"
#include "render/camera.h"
#include "render/map_renderer.h"
#include "render/project_scene.h"

namespace gapmap::ui {

class MapCanvas {
public:
    MapCanvas(const Project& project, float uiScale);
    // Another state of the same province (the timeline's "as of" year): the scene is rebuilt,
    // the camera, layers, opacity and options stay. `project` must outlive the canvas.
    void setProject(const Project& project);

    // Draws into the bound framebuffer of this size. `interacting`: a drag is in progress.
    void draw(int widthPx, int heightPx, bool interacting);
    bool needsRedraw(int widthPx, int heightPx, bool interacting) const;

    render::Camera& camera() { return camera_; }
    const render::Camera& camera() const { return camera_; }
    void zoomToExtent();
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
    // Exact Trusted Address locations, this session only; the scene then carries a warning banner.
    void setExactTrustedAddresses(bool exact);
    bool exactTrustedAddresses() const { return options_.exactTrustedAddresses; }

    const render::RenderScene& scene() const { return scene_; }
    const render::ProjectSceneBuilder& builder() const { return *builder_; }
    render::MapRenderer& renderer() { return *renderer_; }

private:
    void rebuild();
    static render::FrameOptions frameOptions(bool interacting);
    std::unique_ptr<render::ProjectSceneBuilder> builder_;
    std::unique_ptr<render::MapRenderer> renderer_;
    render::SceneOptions options_;
    render::RenderScene scene_;
    render::Camera camera_;
    bool fitted_ = false;
    render::Insets panelInsets_;
    render::Insets fitInsets() const;
};

}  // namespace gapmap::ui
