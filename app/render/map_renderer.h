// MapRenderer: draws a RenderScene seen through a Camera into the bound framebuffer with OpenGL 3.3
// core — fills, outlines, point symbols, badges, labels, and the decorations (title, legend, scale
// bar, marks). Geometry is uploaded once per scene object; each frame picks the zoom band, culls
// tiles outside the view and draws the rest. The map itself is cached in a texture: while a pan is
// in progress (FrameOptions::interacting) the cached image is drawn shifted; it is re-rendered when
// the pan stops, the zoom or the scene changes. needsRedraw() says whether anything changed.
//
// Needs a current GL 3.3 core context (OffscreenContext headless, or the app's window). It changes
// the blend state, the bound program, VAO, textures and framebuffer; it restores the framebuffer
// binding and viewport it found.
#pragma once
#include <memory>

#include "render/camera.h"
#include "render/font_atlas.h"
#include "render/overlay.h"
#include "render/render_scene.h"

namespace gapmap::render {

// Text, symbol and line sizes for an image or window: 1 at 1280x800, larger for bigger ones.
float uiScaleFor(int widthPx, int heightPx);

struct RendererOptions {
    float uiScale = 1;         // text and symbol size factor (1: sizes for a 1280x800 screen)
    int cacheMarginPx = 160;   // map rendered this far beyond each edge, so a pan shows no empty border
    // Draw a tiny scene on construction so that llvmpipe compiles its shader variants before the
    // first map frame (interactive use). A one-off picture skips it: its only frame compiles what it uses.
    bool warmUp = true;
    // Keep the map image in a framebuffer of its own, so that a pan shifts it instead of redrawing.
    // A one-off picture draws straight into the bound framebuffer: no second colour buffer
    // (1280x800: 4 MB of llvmpipe's heap).
    bool cacheImage = true;
    // Above 0: polygon draws are cut into parts of at most this many indices (a multiple of 3 is
    // used), flushed one by one, so that llvmpipe's bins hold one part at a time instead of the
    // whole map. The same pixels; a one-off picture's peak memory is lower.
    size_t flushIndices = 0;
    // A boundary band read from the project's scene cache is given back (AreaGeometry::releaseCachedBand)
    // once uploaded: a one-off picture draws it once, and its arrays would sit in memory twice (here
    // and in the driver's buffers; national 1280x800: 4.7 MB). The same pixels.
    bool releaseCachedBands = false;
};

struct FrameOptions {
    bool interacting = false;         // a pan in progress: the cached map image may be shifted instead of redrawn
    bool decorations = true;          // title, legend, scale bar, attribution, marks
    DecorationOptions which;          // which decorations
};

struct FrameStats {
    bool mapRendered = false;         // false: the cached image was reused
    size_t triangles = 0, points = 0, glyphs = 0, drawCalls = 0;
    int labels = 0;
    size_t areaBand = 0;              // zoom band of the commune polygons
    bool provisional = false;         // drawn with coarser or provisional geometry: finer arrives in the background
};

class MapRenderer {
public:
    // Compiles the shaders and uploads the font atlas. Throws std::runtime_error.
    explicit MapRenderer(const RendererOptions& options = {});
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Keeps a copy of the scene (cheap: geometry is shared); uploads geometry it has not seen.
    void setScene(const RenderScene& scene);
    const RenderScene& scene() const;

    // Draws into the currently bound framebuffer; its size is the camera's viewport.
    FrameStats draw(const Camera& camera, const FrameOptions& options = {});
    // False when draw() would produce the same picture as the last one.
    bool needsRedraw(const Camera& camera, const FrameOptions& options = {}) const;
    void invalidate();  // forces the next draw to re-render the map

    float uiScale() const;
    const FontAtlas& fonts() const;
    // Room the decorations take, for Camera::fitBox.
    Insets decorationInsets(int widthPx, int heightPx, const DecorationOptions& which = {}) const;
    // The glyph atlas a renderer of this scale uses (shared while held). No GL: fetched on another
    // thread while the GL context is made, the renderer's construction then finds it ready.
    static std::shared_ptr<const FontAtlas> atlasFor(float uiScale);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    void warmUp();
};

}  // namespace gapmap::render
