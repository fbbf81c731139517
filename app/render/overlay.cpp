#include "render/overlay.h"
#include "core/i18n.h"

#include <algorithm>
#include <cmath>

namespace gapmap::render {

LabelPlacer::LabelPlacer(int w, int h, int cell)
    : w_(std::max(1, w)), h_(std::max(1, h)), cell_(std::max(8, cell)), cols_((w_ + cell_ - 1) / cell_), rows_((h_ + cell_ - 1) / cell_),
      buckets_(size_t(cols_) * rows_) {}

template <class F>
void LabelPlacer::forCells(const Rect2D& r, F f) const {
    const int c0 = std::clamp(int(std::floor(r.x0 / cell_)), 0, cols_ - 1), c1 = std::clamp(int(std::floor(r.x1 / cell_)), 0, cols_ - 1);
    const int r0 = std::clamp(int(std::floor(r.y0 / cell_)), 0, rows_ - 1), r1 = std::clamp(int(std::floor(r.y1 / cell_)), 0, rows_ - 1);
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x) f(size_t(y) * cols_ + x);
}

bool LabelPlacer::isFree(const Rect2D& r) const {
    bool free = true;
    forCells(r, [&](size_t cell) {
        if (!free) return;
        for (int i : buckets_[cell]) {
            const Rect2D& o = rects_[size_t(i)];
            if (r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1) { free = false; return; }
        }
    });
    return free;
}

void LabelPlacer::reserve(const Rect2D& r) {
    rects_.push_back(r);
    const int id = int(rects_.size() - 1);
    forCells(r, [&](size_t cell) { buckets_[cell].push_back(id); });
}

namespace {

// One badge: a disc with a white rim and its text, its room reserved against labels.
void addBadge(float x, float y, float r, const std::string& text, const Layer& layer, const FontAtlas& atlas, float s, LabelPlacer& placer,
              DrawList2D& out) {
    const float ascent = atlas.ascentPx(TextStyle::Badge), descent = atlas.descentPx(TextStyle::Badge);
    const float textW = atlas.measure(TextStyle::Badge, text).widthPx;
    out.symbols.push_back({x, y, r, layer.badgeFill, Color::hex(0xffffff), 1.2f, PointShape::Circle});
    out.texts.push_back({std::round(x - textW / 2), std::round(y + (ascent - descent) / 2), TextStyle::Badge, text, layer.badgeText});
    const float R = (r + 1.2f) * s;
    placer.reserve({x - R, y - R, x + R, y + R, {}});
}

}  // namespace

void layoutBadges(const Layer& layer, const Camera& camera, const FontAtlas& atlas, float s, LabelPlacer& placer, DrawList2D& out) {
    auto onScreen = [&](float x, float y) { return !(x < -40 || y < -40 || x > camera.widthPx() + 40 || y > camera.heightPx() + 40); };
    if (layer.badgeLevels) {
        const auto choice = layer.badgeLevels->choose(camera.metresPerPixel(), atlas, s);
        for (const PlacedBadge& b : choice->badges) {
            const ScreenXY p = camera.toScreen(b.pos);
            const float x = float(p.xPx) + layer.offsetXPx * s, y = float(p.yPx) + layer.offsetYPx * s;
            if (onScreen(x, y)) addBadge(x, y, b.radiusPx, b.text, layer, atlas, s, placer, out);
        }
        return;
    }
    for (const Badge& b : layer.badges) {
        const ScreenXY p = camera.toScreen(b.pos);
        const float x = float(p.xPx) + layer.offsetXPx * s, y = float(p.yPx) + layer.offsetYPx * s;
        if (onScreen(x, y)) addBadge(x, y, BadgeLevels::radiusFor(atlas, s, b.text), b.text, layer, atlas, s, placer, out);
    }
}

int placeLabels(const Layer& layer, const Camera& camera, const FontAtlas& atlas, float s, LabelPlacer& placer, DrawList2D& out) {
    if (!layer.labels) return 0;
    const TextStyle style = layer.textStyle;
    const float ascent = atlas.ascentPx(style), descent = atlas.descentPx(style), pad = 2 * s;
    const double mpp = camera.metresPerPixel();
    const float w = float(camera.widthPx()), h = float(camera.heightPx());
    int placed = 0;
    auto onScreen = [&](const ScreenXY& p) { return p.xPx > -20 && p.yPx > -20 && p.xPx < w + 20 && p.yPx < h + 20; };
    if (layer.pointLabels) {
        // The symbols themselves are obstacles for the names.
        for (const LabelItem& item : layer.labels->items()) {
            const ScreenXY p = camera.toScreen(item.pos);
            if (!onScreen(p)) continue;
            const float r = item.offsetPx * s;
            placer.reserve({float(p.xPx) - r, float(p.yPx) - r, float(p.xPx) + r, float(p.yPx) + r, {}});
        }
    }
    for (const LabelItem& item : layer.labels->items()) {
        if (placed >= 600) break;
        const ScreenXY p = camera.toScreen(item.pos);
        if (!onScreen(p)) continue;
        if (!layer.pointLabels && item.featureSizeM / mpp < 24) continue;
        const float textW = atlas.measure(style, item.text).widthPx;
        if (!layer.pointLabels && textW > item.featureSizeM / mpp * 1.05) continue;
        const float x = float(p.xPx), y = float(p.yPx);
        std::vector<std::pair<float, float>> candidates;  // left end of the baseline
        if (layer.pointLabels) {
            const float off = item.offsetPx * s + 3 * s, mid = y + (ascent - descent) / 2;
            candidates = {{x + off, mid}, {x - off - textW, mid}, {x - textW / 2, y - off - descent}, {x - textW / 2, y + off + ascent}};
        } else {
            candidates = {{x - textW / 2, y + (ascent - descent) / 2}};
        }
        for (auto [bx, by] : candidates) {
            bx = std::round(bx);
            by = std::round(by);
            const Rect2D r{bx - pad, by - ascent - pad / 2, bx + textW + pad, by + descent + pad / 2, {}};
            if (r.x0 < 0 || r.y0 < 0 || r.x1 > w || r.y1 > h) continue;
            if (!placer.tryReserve(r)) continue;
            out.texts.push_back({bx, by, style, item.text, layer.textColor, layer.haloColor});
            ++placed;
            break;
        }
    }
    return placed;
}

std::vector<std::string> wrapText(const FontAtlas& atlas, TextStyle style, const std::string& text, float maxPx) {
    std::vector<std::string> lines;
    std::string line;
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        const std::string word = text.substr(i, j - i);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && atlas.measure(style, candidate).widthPx > maxPx) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        i = j + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

ScaleBar chooseScaleBar(const Camera& camera, double maxPx) {
    ScaleBar bar;
    const double groundMpp = camera.groundMetresPerPixel();
    if (!(groundMpp > 0)) return bar;
    const double maxM = groundMpp * maxPx;
    const double p = std::pow(10.0, std::floor(std::log10(maxM)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= maxM) { bar.metres = m * p; break; }
    if (bar.metres == 0) bar.metres = p;
    bar.lengthPx = bar.metres / groundMpp;
    const double value = bar.metres >= 1000 ? bar.metres / 1000 : bar.metres;
    const int decimals = std::fabs(value - std::round(value)) < 1e-9 ? 0 : value >= 0.1 ? 1 : 3;
    bar.label = tr(bar.metres >= 1000 ? "render.scale.km" : "render.scale.m", {formatLocaleNumber(value, decimals)});
    return bar;
}

namespace {

const Color kPanel = Color::hex(0xffffff, 0.93f);
const Color kPanelBorder = Color::hex(0xb8b8b8);
const Color kInk = Color::hex(0x1e1e1e);
const Color kMuted = Color::hex(0x555555);
const Color kSynthetic = Color::hex(0xa50f15);

// The scene's legend at this camera; a badge layer's row names the level its counts are at and says
// when neighbouring units share a badge (the same choice layoutBadges draws).
Legend legendAt(const RenderScene& scene, const Camera* camera, const FontAtlas& atlas, float s) {
    const double mpp = camera ? camera->metresPerPixel() : 0;
    Legend legend = buildLegend(scene, mpp);
    if (!camera) return legend;
    for (const Layer& l : scene.layers) {
        if (l.kind != LayerKind::Badges || !l.badgeLevels || !l.drawnAt(mpp)) continue;
        const auto choice = l.badgeLevels->choose(mpp, atlas, s);
        if (size_t(choice->level) >= l.badgeLevels->levels().size()) continue;
        const BadgeLevel& level = l.badgeLevels->levels()[size_t(choice->level)];
        // The note only when a combined badge is in this view (its centre in the picture).
        const bool combined = choice->combined && std::any_of(choice->badges.begin(), choice->badges.end(), [&](const PlacedBadge& b) {
            const ScreenXY p = camera->toScreen(b.pos);
            return b.units > 1 && p.xPx >= 0 && p.yPx >= 0 && p.xPx <= camera->widthPx() && p.yPx <= camera->heightPx();
        });
        for (LegendSection& sec : legend.sections) {
            if (sec.layerId != l.id) continue;
            for (size_t i = 0; i < sec.entries.size(); ++i) {
                if (sec.entries[i].swatch != LegendEntry::Swatch::Badge) continue;
                sec.entries[i].label = level.legendLabel;
                if (!combined) continue;
                const Color none = Color::hex(0xffffff, 0);  // a row that is only text
                sec.entries.insert(sec.entries.begin() + std::ptrdiff_t(i) + 1,
                                   LegendEntry{LegendEntry::Swatch::Line, none, none, 1, 0, PointShape::Circle, level.combinedNote, ""});
                ++i;
            }
        }
    }
    return legend;
}

struct Layout {
    DrawList2D list;
    Insets insets;
};

void panel(DrawList2D& out, float x0, float y0, float x1, float y1) {
    out.rects.push_back({x0 - 1, y0 - 1, x1 + 1, y1 + 1, kPanelBorder});
    out.rects.push_back({x0, y0, x1, y1, kPanel});
}

Layout layout(const RenderScene& scene, const Camera* camera, int w, int h, const FontAtlas& atlas, float s,
              const DecorationOptions& opt) {
    Layout L;
    DrawList2D& out = L.list;
    const float margin = 12 * s, pad = 10 * s;
    const float legendW = std::min(300 * s, w * 0.36f);
    const Legend legend = legendAt(scene, camera, atlas, s);
    const bool showLegend = opt.legend && !legend.sections.empty();
    float rightColumnBottom = margin;

    // Right column: the synthetic mark, then the legend.
    float y = margin;
    const float rx1 = w - margin, rx0 = rx1 - legendW;
    if (scene.synthetic) {
        const std::string text = tr("render.synthetic");
        const float tw = atlas.measure(TextStyle::LegendBold, text).widthPx;
        const float bw = std::max(tw + 2 * pad, showLegend ? legendW : 0.0f), bh = atlas.lineHeightPx(TextStyle::LegendBold) + 10 * s;
        out.rects.push_back({rx1 - bw, y, rx1, y + bh, kSynthetic});
        out.texts.push_back({std::round(rx1 - bw / 2 - tw / 2), std::round(y + bh / 2 + (atlas.ascentPx(TextStyle::LegendBold) - atlas.descentPx(TextStyle::LegendBold)) / 2),
                             TextStyle::LegendBold, text, Color::hex(0xffffff)});
        y += bh + 8 * s;
        rightColumnBottom = y;
    }
    if (showLegend) {
        const size_t panelRects = out.rects.size();
        out.rects.push_back({});  // border, filled in below once the height is known
        out.rects.push_back({});
        float ly = y + pad;
        const float swatchW = 26 * s, textX = rx0 + pad + swatchW + 6 * s, textMax = rx1 - pad - textX;
        const float lh = atlas.lineHeightPx(TextStyle::Legend);
        for (size_t si = 0; si < legend.sections.size(); ++si) {
            const LegendSection& sec = legend.sections[si];
            const bool continues = si > 0 && sec.title == legend.sections[si - 1].title;
            if (!continues) {
                if (si > 0) ly += 7 * s;
                for (const std::string& line : wrapText(atlas, TextStyle::LegendBold, sec.title, rx1 - rx0 - 2 * pad)) {
                    ly += atlas.ascentPx(TextStyle::LegendBold);
                    out.texts.push_back({std::round(rx0 + pad), std::round(ly), TextStyle::LegendBold, line, kInk});
                    ly += atlas.descentPx(TextStyle::LegendBold) + 2 * s;
                }
                ly += 2 * s;
            }
            for (const LegendEntry& e : sec.entries) {
                const std::vector<std::string> lines = wrapText(atlas, TextStyle::Legend, e.label, textMax);
                const float rowH = std::max(lh * float(lines.size()), 18 * s);
                const float cx = rx0 + pad + swatchW / 2, cy = ly + rowH / 2;
                switch (e.swatch) {
                    case LegendEntry::Swatch::Fill: {
                        const float x0 = cx - 11 * s, x1 = cx + 11 * s, y0 = cy - 7 * s, y1 = cy + 7 * s;
                        out.rects.push_back({x0 - 1, y0 - 1, x1 + 1, y1 + 1, e.stroke});
                        out.rects.push_back({x0, y0, x1, y1, scene.background});
                        Color c = e.fill;
                        c.a *= sec.opacity;
                        out.rects.push_back({x0, y0, x1, y1, c});
                        break;
                    }
                    case LegendEntry::Swatch::Line: {
                        const float t = std::max(1.0f, e.sizePx * s);
                        Color c = e.stroke;
                        c.a *= sec.opacity;
                        out.rects.push_back({cx - 12 * s, std::round(cy - t / 2), cx + 12 * s, std::round(cy - t / 2) + t, c});
                        break;
                    }
                    case LegendEntry::Swatch::Point: {
                        Color f = e.fill, k = e.stroke;
                        f.a *= sec.opacity;
                        k.a *= sec.opacity;
                        out.symbols.push_back({cx, cy, e.sizePx, f, k, e.strokePx, e.shape});
                        break;
                    }
                    case LegendEntry::Swatch::Badge: {
                        out.symbols.push_back({cx, cy, 7, e.fill, Color::hex(0xffffff), 1.2f, PointShape::Circle});
                        const float tw = atlas.measure(TextStyle::Badge, e.badgeText).widthPx;
                        out.texts.push_back({std::round(cx - tw / 2), std::round(cy + (atlas.ascentPx(TextStyle::Badge) - atlas.descentPx(TextStyle::Badge)) / 2),
                                             TextStyle::Badge, e.badgeText, Color::hex(0xffffff)});
                        break;
                    }
                }
                float ty = cy - lh * float(lines.size()) / 2 + atlas.ascentPx(TextStyle::Legend) + (lh - atlas.ascentPx(TextStyle::Legend) - atlas.descentPx(TextStyle::Legend)) / 2;
                for (const std::string& line : lines) {
                    out.texts.push_back({std::round(textX), std::round(ty), TextStyle::Legend, line, kInk});
                    ty += lh;
                }
                ly += rowH + 2 * s;
            }
        }
        ly += pad - 2 * s;
        const float bottom = std::min(ly, float(h) - margin);
        out.rects[panelRects] = {rx0 - 1, y - 1, rx1 + 1, bottom + 1, kPanelBorder};
        out.rects[panelRects + 1] = {rx0, y, rx1, bottom, kPanel};
        rightColumnBottom = bottom;
    }
    (void)rightColumnBottom;

    // Title panel, top left.
    float titleBottom = 0;
    if (opt.title && (!scene.title.empty() || !scene.subtitle.empty() || !scene.dataDate.empty())) {
        const float maxW = std::max(200 * s, float(w) - (showLegend || scene.synthetic ? legendW + 3 * margin : 2 * margin) - 2 * pad);
        struct Line { std::string text; TextStyle style; Color color; };
        std::vector<Line> lines;
        for (const std::string& t : wrapText(atlas, TextStyle::Title, scene.title, maxW)) lines.push_back({t, TextStyle::Title, kInk});
        for (const std::string& t : wrapText(atlas, TextStyle::Legend, scene.subtitle, maxW)) lines.push_back({t, TextStyle::Legend, kInk});
        if (!scene.dataDate.empty()) lines.push_back({scene.dataDate, TextStyle::Small, kMuted});
        float width = 0, height = 0;
        for (const Line& l : lines) {
            width = std::max(width, atlas.measure(l.style, l.text).widthPx);
            height += atlas.lineHeightPx(l.style);
        }
        const float x0 = margin, y0 = margin;
        panel(out, x0, y0, x0 + width + 2 * pad, y0 + height + 2 * pad - 2 * s);
        float ty = y0 + pad;
        for (const Line& l : lines) {
            const float lh = atlas.lineHeightPx(l.style);
            out.texts.push_back({std::round(x0 + pad), std::round(ty + atlas.ascentPx(l.style)), l.style, l.text, l.color});
            ty += lh;
        }
        titleBottom = y0 + height + 2 * pad;
    }
    if (!scene.warning.empty()) {
        const float tw = atlas.measure(TextStyle::LegendBold, scene.warning).widthPx;
        const float y0 = std::max(titleBottom, margin) + 8 * s, bh = atlas.lineHeightPx(TextStyle::LegendBold) + 10 * s;
        out.rects.push_back({margin, y0, margin + tw + 2 * pad, y0 + bh, Color::hex(0xcb181d)});
        out.texts.push_back({std::round(margin + pad), std::round(y0 + bh / 2 + (atlas.ascentPx(TextStyle::LegendBold) - atlas.descentPx(TextStyle::LegendBold)) / 2),
                             TextStyle::LegendBold, scene.warning, Color::hex(0xffffff)});
        titleBottom = y0 + bh;
    }

    // Scale bar, bottom left.
    const float barBand = 34 * s;
    if (opt.scaleBar && camera) {
        const ScaleBar bar = chooseScaleBar(*camera, 150 * s);
        if (bar.lengthPx > 0) {
            const float x0 = margin + 4 * s, yb = float(h) - margin - 4 * s, len = float(bar.lengthPx), t = std::max(2.0f, 3 * s);
            const float labelW = atlas.measure(TextStyle::Legend, bar.label).widthPx;
            out.rects.push_back({x0 - 6 * s, yb - atlas.lineHeightPx(TextStyle::Legend) - 10 * s, x0 + std::max(len, labelW) + 6 * s, yb + 5 * s,
                                 Color::hex(0xffffff, 0.8f)});
            out.rects.push_back({x0, yb - t, x0 + len, yb, kInk});
            out.rects.push_back({x0, yb - 8 * s, x0 + std::max(1.5f, 1.5f * s), yb, kInk});
            out.rects.push_back({x0 + len - std::max(1.5f, 1.5f * s), yb - 8 * s, x0 + len, yb, kInk});
            out.texts.push_back({std::round(x0), std::round(yb - 10 * s), TextStyle::Legend, bar.label, kInk});
        }
    }
    if (opt.attribution && !scene.attribution.empty()) {
        const float tw = atlas.measure(TextStyle::Small, scene.attribution).widthPx;
        out.texts.push_back({std::round(w - margin - tw), std::round(h - margin + 2 * s), TextStyle::Small, scene.attribution, kMuted,
                             Color::hex(0xffffff, 0.8f)});
    }

    L.insets.leftPx = margin;
    L.insets.topPx = std::max(titleBottom + 8 * s, margin);
    L.insets.rightPx = (showLegend || scene.synthetic) ? legendW + 2 * margin : margin;
    L.insets.bottomPx = opt.scaleBar ? barBand + margin : margin;
    // Very small images: keep at least half of the picture for the map.
    if (L.insets.leftPx + L.insets.rightPx > w / 2.0) L.insets.rightPx = std::max(0.0, w / 2.0 - L.insets.leftPx);
    if (L.insets.topPx + L.insets.bottomPx > h / 2.0) L.insets.topPx = std::max(0.0, h / 2.0 - L.insets.bottomPx);
    return L;
}

}  // namespace

DrawList2D layoutDecorations(const RenderScene& scene, const Camera& camera, const FontAtlas& atlas, float s,
                             const DecorationOptions& options) {
    return layout(scene, &camera, camera.widthPx(), camera.heightPx(), atlas, s, options).list;
}

Insets decorationInsets(const RenderScene& scene, int w, int h, const FontAtlas& atlas, float s, const DecorationOptions& options) {
    return layout(scene, nullptr, w, h, atlas, s, options).insets;
}

}  // namespace gapmap::render
