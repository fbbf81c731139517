// RenderScene: everything one map shows, as plain data, built once (see project_scene.h) and
// drawn by MapRenderer with a Camera. Layers are listed bottom to top; heavy geometry is shared
// (shared_ptr) so that toggling a layer or changing a style makes a cheap copy of the scene.
// The legend is generated from the same layer list, so it always matches what is drawn.
// No GL here: tests and the CLI inspect scenes without a context.
#pragma once
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "render/area_geometry.h"
#include "render/badge_levels.h"
#include "render/font_atlas.h"
#include "render/point_geometry.h"
#include "render/style.h"

namespace gapmap::render {

enum class LayerKind { Fill, Outline, Points, Badges, Labels };
enum class PointShape { Circle, Square, Diamond, Triangle };

// One legend row: a swatch drawn exactly as the layer draws it, and its text.
struct LegendEntry {
    enum class Swatch { Fill, Line, Point, Badge };
    Swatch swatch = Swatch::Fill;
    Color fill;
    Color stroke;
    float sizePx = 6;         // point radius, line width
    float strokePx = 1;
    PointShape shape = PointShape::Circle;
    std::string label;
    std::string badgeText;    // Badge: the example text
};

struct LegendSection {
    std::string layerId;
    std::string title;
    float opacity = 1;
    std::vector<LegendEntry> entries;
};

struct Legend {
    std::vector<LegendSection> sections;
};

struct LabelItem {
    MercatorXY pos;            // anchor (absolute Mercator metres)
    std::string text;          // NFC UTF-8
    float priority = 0;        // higher is placed first
    double featureSizeM = 0;   // areas: width of the feature; the label shows when it fits inside
    float offsetPx = 0;        // points: distance from the point to the text
};

// Labels sorted by priority, highest first. A set can be made on first use (village names of a
// national project are only needed once zoomed in).
class LabelSet {
public:
    LabelSet() = default;
    explicit LabelSet(std::vector<LabelItem> items);
    explicit LabelSet(std::function<std::vector<LabelItem>()> make);
    const std::vector<LabelItem>& items() const;

private:
    mutable std::once_flag once_;
    mutable std::vector<LabelItem> items_;
    std::function<std::vector<LabelItem>()> make_;
};

struct Badge {
    MercatorXY pos;        // absolute Mercator metres
    std::string text;      // e.g. a count
};

struct Layer {
    std::string id;            // the user-facing layer id ("communes", "villages", ...); shared by its parts
    LayerKind kind = LayerKind::Fill;
    bool visible = true;
    float opacity = 1;
    double minMetresPerPixel = 0;  // drawn only in [min, max) metres per pixel
    double maxMetresPerPixel = std::numeric_limits<double>::infinity();

    // Fill and Outline
    std::shared_ptr<const AreaGeometry> areas;
    std::shared_ptr<const std::vector<Color>> featureColors;  // Fill: one per feature; alpha 0 = not drawn
    int minArcClass = kArcCommune;                             // Outline: which boundaries
    Color lineColor;
    float lineWidthPx = 1;

    // Points
    std::shared_ptr<const PointGeometry> points;
    PointShape shape = PointShape::Circle;
    Color strokeColor = Color::hex(0x333333);
    float strokeWidthPx = 1;
    float offsetXPx = 0, offsetYPx = 0;  // points and badges: screen offset from their anchor (px, y down)
    Color pointHalo = Color::hex(0xffffff, 0.9f);  // points: a light ring outside the stroke ...
    float pointHaloPx = 0;                          // ... this wide (px before the UI scale; 0: none)

    // Badges (e.g. counts per commune)
    std::vector<Badge> badges;
    Color badgeFill, badgeText = Color::hex(0xffffff);
    // Counts given at several admin levels (badge_levels.h): when set, these are drawn instead of
    // `badges` (which then holds the finest level as text), aggregated and combined to fit the scale.
    std::shared_ptr<const BadgeLevels> badgeLevels;

    // Labels
    std::shared_ptr<const LabelSet> labels;
    TextStyle textStyle = TextStyle::Label;
    Color textColor = Color::hex(0x222222);
    Color haloColor = Color::hex(0xffffff, 0.9f);
    bool pointLabels = false;   // beside a point (villages) rather than centred (areas)

    // What this layer adds to the legend (the first layer of an id carries the section).
    std::string legendTitle;
    std::vector<LegendEntry> legend;

    bool drawnAt(double mpp) const { return visible && opacity > 0 && mpp >= minMetresPerPixel && mpp < maxMetresPerPixel; }
};

struct RenderScene {
    std::vector<Layer> layers;       // bottom to top
    Color background = Color::hex(0xe3e8ec);
    MercatorBox bounds;              // what "fit" shows
    std::string title;               // NFC UTF-8
    std::string subtitle;            // e.g. what the colours mean
    std::string colorBy;             // the choropleth's attribute id ("" when there is none)
    std::string dataDate;            // "Data as of 2025-12-31"
    bool synthetic = false;          // adds the "Synthetic demo data / Dữ liệu tổng hợp" mark
    std::string warning;             // a red banner, e.g. while exact Trusted Address locations show
    std::string attribution;         // small print, bottom right

    // All parts of the layer `id`.
    void setVisible(const std::string& id, bool visible);
    void setOpacity(const std::string& id, float opacity);
    bool isVisible(const std::string& id) const;  // true when any part is visible
    std::vector<std::string> layerIds() const;    // distinct ids, bottom to top
};

// The legend of the visible layers, top layer first, at scale `mpp` (0: ignore scale limits).
Legend buildLegend(const RenderScene& scene, double metresPerPixel = 0);

}  // namespace gapmap::render
