// What the renderer draws in screen space, laid out on the CPU (no GL, so tests can inspect it):
// map labels placed without collisions, Trusted Address count badges, and the decorations a
// shared map needs — title, data date, "synthetic" mark, legend (from buildLegend, so it matches
// the layers), scale bar (true ground distance) and attribution.
#pragma once
#include <string>
#include <vector>

#include "render/camera.h"
#include "render/font_atlas.h"
#include "render/render_scene.h"

namespace gapmap::render {

struct Rect2D {
    float x0, y0, x1, y1;  // pixels, y down
    Color color;
};
struct Symbol2D {
    float xPx, yPx, radiusPx;  // radius before the UI scale
    Color fill, stroke;
    float strokePx;
    PointShape shape;
};
struct Text2D {
    float xPx, yPx;            // left end of the baseline
    TextStyle style;
    std::string text;
    Color color;
    Color halo = Color{0, 0, 0, 0};
};
struct DrawList2D {
    std::vector<Rect2D> rects;       // drawn first, in order
    std::vector<Symbol2D> symbols;   // then symbols
    std::vector<Text2D> texts;       // then text
};

// Occupied screen rectangles, for label collision tests (a uniform grid of buckets).
class LabelPlacer {
public:
    LabelPlacer(int widthPx, int heightPx, int cellPx = 48);
    bool isFree(const Rect2D& r) const;
    void reserve(const Rect2D& r);
    bool tryReserve(const Rect2D& r) {
        if (!isFree(r)) return false;
        reserve(r);
        return true;
    }

private:
    int w_, h_, cell_, cols_, rows_;
    std::vector<Rect2D> rects_;
    std::vector<std::vector<int>> buckets_;
    template <class F> void forCells(const Rect2D& r, F f) const;
};

// Badges of a layer (circle + text), reserving their space in `placer`. A layer with badgeLevels
// draws the level and combined sums chosen for the camera's scale (badge_levels.h), which the
// legend of layoutDecorations names.
void layoutBadges(const Layer& layer, const Camera& camera, const FontAtlas& atlas, float uiScale, LabelPlacer& placer,
                  DrawList2D& out);
// Labels of a Labels layer: highest priority first, each kept only where it does not collide.
// Returns how many were placed.
int placeLabels(const Layer& layer, const Camera& camera, const FontAtlas& atlas, float uiScale, LabelPlacer& placer,
                DrawList2D& out);

struct DecorationOptions {
    bool title = true, legend = true, scaleBar = true, attribution = true;
};

// Title panel (top left), synthetic mark and legend (right), scale bar (bottom left), attribution.
DrawList2D layoutDecorations(const RenderScene& scene, const Camera& camera, const FontAtlas& atlas, float uiScale,
                             const DecorationOptions& options = {});
// Room the decorations take at the edges, for Camera::fitBox so that nothing hides under them.
Insets decorationInsets(const RenderScene& scene, int widthPx, int heightPx, const FontAtlas& atlas, float uiScale,
                        const DecorationOptions& options = {});

// "10 km", "500 m": the longest round ground distance that fits in maxPx at this camera.
struct ScaleBar {
    double metres = 0;
    double lengthPx = 0;
    std::string label;
};
ScaleBar chooseScaleBar(const Camera& camera, double maxPx);

// Splits text into lines no wider than maxPx (at spaces).
std::vector<std::string> wrapText(const FontAtlas& atlas, TextStyle style, const std::string& text, float maxPx);

}  // namespace gapmap::render
