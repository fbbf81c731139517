#include "render/render_map.h"
#include "core/i18n.h"

#include <algorithm>
#include <stdexcept>

namespace gapmap::render {

Camera mapCamera(const ProjectSceneBuilder& builder, const MapRequest& request, const Insets& insets) {
    Camera camera({}, 1000, request.widthPx, request.heightPx);
    MercatorBox box;
    if (!request.focusCode.empty()) {
        const auto b = builder.unitBounds(request.focusCode);
        if (!b) throw std::invalid_argument(tr("render.error.no_unit_code", {request.focusCode}));
        box = *b;
    } else if (request.focusBox) {
        box = toMercator(*request.focusBox);
    } else {
        box = builder.bounds();
    }
    if (box.empty()) box = toMercator(BBox{102.1, 8.2, 109.5, 23.4});  // nothing to show: Vietnam
    // A little air around the box.
    const double air = std::max(box.width(), box.height()) * 0.02;
    camera.fitBox(box.expanded(air), insets);
    return camera;
}

RenderedMap renderProjectMap(const Project& project, const MapRequest& request) {
    if (request.widthPx < 16 || request.heightPx < 16 || request.widthPx > 8192 || request.heightPx > 8192)
        throw std::invalid_argument(tr("render.error.image_size"));
    SceneOptions sceneOptions = request.scene;
    sceneOptions.exactTrustedAddresses = false;  // never in a shared output
    sceneOptions.shownLayersOnly = true;         // one picture: no layer is toggled on later
    RenderedMap out;
    out.builder = std::make_shared<const ProjectSceneBuilder>(project, false, request.sceneCache);
    const ProjectSceneBuilder& builder = *out.builder;
    out.scene = builder.build(sceneOptions);
    const float scale = request.uiScale > 0 ? request.uiScale : uiScaleFor(request.widthPx, request.heightPx);
    RendererOptions rendererOptions{scale, 0};
    rendererOptions.warmUp = false;  // one frame: it compiles the shader variants it uses itself
    rendererOptions.cacheImage = false;  // and is never panned
    // 5,000 triangles a part: national 1280x800 peak RSS -5.5 MB, no measurable time (30,000: -5 MB,
    // 90,000 and more: nothing).
    rendererOptions.flushIndices = 15000;
    rendererOptions.releaseCachedBands = true;  // drawn once: the boundary bands' arrays live in the driver alone
    MapRenderer renderer(rendererOptions);
    renderer.setScene(out.scene);
    out.camera = mapCamera(builder, request, renderer.decorationInsets(request.widthPx, request.heightPx));
    Framebuffer target;
    target.resize(request.widthPx, request.heightPx);
    target.bind();
    out.stats = renderer.draw(out.camera);
    if (request.pngPath.empty()) {
        out.image = readPixels(target);
    } else {
        writeFramebufferPng(target, request.pngPath);
        out.image.width = request.widthPx;
        out.image.height = request.heightPx;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return out;
}

}  // namespace gapmap::render
