// One map picture of a project, headless: the scene, a camera fitted to the project (or to one
// admin unit, or to a lon/lat box) beside the decorations, and the pixels. What `gapmap render`
// does, as a library call, so tests get the camera and the scene along with the image.
// Needs a current GL context (e.g. an OffscreenContext).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/geo.h"
#include "core/model.h"
#include "render/camera.h"
#include "render/map_renderer.h"
#include "render/offscreen.h"
#include "render/project_scene.h"

namespace gapmap::render {

struct MapRequest {
    int widthPx = 1920, heightPx = 1080;
    SceneOptions scene;                   // layers, choropleth, title (exactTrustedAddresses stays false here)
    std::string focusCode;                // zoom to this admin unit ("" = the whole project)
    std::optional<BBox> focusBox;         // or to this lon/lat box
    float uiScale = 0;                    // 0: from the image size
    std::shared_ptr<SceneCacheStore> sceneCache;  // the project file's (io/scene_cache.h); null: none
    // Non-empty: the picture goes straight from the framebuffer into this PNG file, a strip at a
    // time (writeFramebufferPng), and RenderedMap::image keeps only its size: no whole image in memory.
    std::string pngPath;
};

struct RenderedMap {
    Image image;
    Camera camera;
    RenderScene scene;
    FrameStats stats;
    // What built the scene (references the project): e.g. to saveSceneCache() once the picture is out.
    std::shared_ptr<const ProjectSceneBuilder> builder;
};

// The camera `request` asks for: fitted beside the decorations. Throws std::invalid_argument for
// an unknown focus code.
Camera mapCamera(const ProjectSceneBuilder& builder, const MapRequest& request, const Insets& insets);

// Builds the scene, fits the camera, draws, reads back (or writes request.pngPath). Throws
// std::invalid_argument (unknown layer, attribute or code) and std::runtime_error (GL, or the PNG
// file cannot be written).
RenderedMap renderProjectMap(const Project& project, const MapRequest& request);

}  // namespace gapmap::render
