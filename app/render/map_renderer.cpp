#include "render/map_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <unordered_map>

#include "render/gl.h"
#include "render/gl_resources.h"
#include "core/mercator.h"

namespace gapmap::render {
namespace {

struct GpuBand {
    bool uploaded = false;
    const AreaBand* from = nullptr;  // a provisional band is replaced by the full one when ready
    GLuint fillVao = 0, fillPos = 0, fillFeature = 0, fillIndex = 0;
    GLuint lineVao = 0, lineVbo = 0, lineIndex = 0;
    size_t lineOffset[3] = {0, 0, 0};  // in indices
    GLuint dotVao = 0, dotData = 0, dotFeature = 0;
    GLsizei dotCount = 0;
    // What the draws read from the band besides the buffers, kept here so that a released band
    // (RendererOptions::releaseCachedBands) is never read again.
    double toleranceM = 0;
    std::vector<TileRange> fillTiles, lineTiles[3];
    bool released = false;
};

struct GpuArea {
    std::shared_ptr<const AreaGeometry> geo;
    std::vector<GpuBand> bands;
};

struct GpuPointBand {
    bool uploaded = false;
    GLuint vao = 0, vbo = 0;
};

struct GpuPoints {
    std::shared_ptr<const PointGeometry> geo;
    std::vector<GpuPointBand> bands;
};

struct GpuColors {
    std::shared_ptr<const std::vector<Color>> colors;
    GLuint texture = 0;
    bool opaque = false;  // every colour has alpha 1
};

// Vertex layouts of the screen-space passes.
struct ScreenVertex {
    float x, y, u, v;
    uint32_t rgba;
};
struct TextVertex {
    float x, y, u, v;
    uint32_t rgba, halo;
};

GLuint makeBuffer(GLenum target, const void* data, size_t bytes) {
    GLuint b = 0;
    glGenBuffers(1, &b);
    glBindBuffer(target, b);
    glBufferData(target, GLsizeiptr(bytes), data, GL_STATIC_DRAW);
    return b;
}

// Contiguous visible ranges of tile-ordered items (adjacent tiles merge into one range).
void visibleRanges(const std::vector<TileRange>& tiles, const MercatorBox& view, std::vector<std::pair<uint32_t, uint32_t>>& out) {
    out.clear();
    for (const TileRange& t : tiles) {
        if (t.count == 0 || !t.box.intersects(view)) continue;
        if (!out.empty() && out.back().first + out.back().second == t.first) out.back().second += t.count;
        else out.push_back({t.first, t.count});
    }
}

}  // namespace

struct MapRenderer::Impl {
    RendererOptions options;
    std::shared_ptr<const FontAtlas> atlas;
    Program fill, dot, line, point, text, screen, image;
    GLuint atlasTexture = 0;
    GLuint screenVao = 0, screenVbo = 0, textVao = 0, textVbo = 0, symbolVao = 0, symbolVbo = 0;

    RenderScene scene;
    uint64_t sceneVersion = 1;
    std::unordered_map<const AreaGeometry*, GpuArea> areas;
    std::unordered_map<const PointGeometry*, GpuPoints> points;
    std::unordered_map<const std::vector<Color>*, GpuColors> colors;

    Framebuffer cache;
    Camera cacheCamera;
    uint64_t cacheVersion = 0;
    bool cacheValid = false;

    uint64_t cacheGeometry = 0;  // geometry generations when the cached image was drawn
    bool cacheDegraded = false;  // it used a coarser or provisional band than ideal (background work pending)
    bool haveLast = false;
    Camera lastCamera;
    bool lastUsedCache = false;
    uint64_t lastVersion = 0;
    bool lastDecorations = true;

    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    std::vector<GLsizei> counts;
    std::vector<const void*> offsets;
    std::vector<GLint> firsts;

    FrameStats stats;

    // Sum of the generations of the scene's area geometries: grows when background work lands.
    uint64_t geometryGeneration() const {
        uint64_t g = 0;
        const AreaGeometry* last = nullptr;
        for (const Layer& l : scene.layers)
            if (l.areas && l.areas.get() != last) { g += l.areas->generation(); last = l.areas.get(); }
        return g;
    }

    // --- uploads -------------------------------------------------------------------------------
    GpuArea& gpuArea(const std::shared_ptr<const AreaGeometry>& geo) {
        auto it = areas.find(geo.get());
        if (it == areas.end()) {
            GpuArea g;
            g.geo = geo;
            g.bands.resize(geo->bandCount());
            it = areas.emplace(geo.get(), std::move(g)).first;
        }
        return it->second;
    }

    GpuBand& band(GpuArea& area, size_t b) {
        GpuBand& gb = area.bands[b];
        if (gb.released) return gb;
        const AreaBand& src = area.geo->band(b);
        if (src.provisional) degraded = true;
        if (gb.uploaded && gb.from == &src) return gb;
        deleteBand(gb);
        gb.from = &src;
        glGenVertexArrays(1, &gb.fillVao);
        glBindVertexArray(gb.fillVao);
        gb.fillPos = makeBuffer(GL_ARRAY_BUFFER, src.fillVertex.data(), src.fillVertex.size() * sizeof(float));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
        gb.fillFeature = makeBuffer(GL_ARRAY_BUFFER, src.fillFeature.data(), src.fillFeature.size() * sizeof(uint32_t));
        glEnableVertexAttribArray(1);
        glVertexAttribIPointer(1, 1, GL_UNSIGNED_INT, 0, nullptr);
        gb.fillIndex = makeBuffer(GL_ELEMENT_ARRAY_BUFFER, src.fillIndex.data(), src.fillIndex.size() * sizeof(uint32_t));

        glGenVertexArrays(1, &gb.lineVao);
        glBindVertexArray(gb.lineVao);
        gb.lineVbo = makeBuffer(GL_ARRAY_BUFFER, src.lineVertex.data(), src.lineVertex.size() * sizeof(float));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(float), nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, 5 * sizeof(float), reinterpret_cast<void*>(4 * sizeof(float)));
        std::vector<uint32_t> all;
        for (int c = 0; c < 3; ++c) {
            gb.lineOffset[c] = all.size();
            all.insert(all.end(), src.lineIndex[c].begin(), src.lineIndex[c].end());
        }
        gb.lineIndex = makeBuffer(GL_ELEMENT_ARRAY_BUFFER, all.data(), all.size() * sizeof(uint32_t));

        glGenVertexArrays(1, &gb.dotVao);
        glBindVertexArray(gb.dotVao);
        gb.dotData = makeBuffer(GL_ARRAY_BUFFER, src.dotXYSize.data(), src.dotXYSize.size() * sizeof(float));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
        gb.dotFeature = makeBuffer(GL_ARRAY_BUFFER, src.dotFeature.data(), src.dotFeature.size() * sizeof(uint32_t));
        glEnableVertexAttribArray(2);
        glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, 0, nullptr);
        gb.dotCount = GLsizei(src.dotFeature.size());
        glBindVertexArray(0);
        gb.toleranceM = src.toleranceM;
        gb.fillTiles = src.fillTiles;
        for (int c = 0; c < 3; ++c) gb.lineTiles[c] = src.lineTiles[c];
        gb.uploaded = true;
        if (options.releaseCachedBands) gb.released = area.geo->releaseCachedBand(b);
        return gb;
    }

    GpuPointBand& pointBand(const std::shared_ptr<const PointGeometry>& geo, size_t b) {
        auto it = points.find(geo.get());
        if (it == points.end()) {
            GpuPoints g;
            g.geo = geo;
            g.bands.resize(geo->bands().size());
            it = points.emplace(geo.get(), std::move(g)).first;
        }
        GpuPointBand& gb = it->second.bands[b];
        if (gb.uploaded) return gb;
        const PointBand& src = geo->bands()[b];
        glGenVertexArrays(1, &gb.vao);
        glBindVertexArray(gb.vao);
        gb.vbo = makeBuffer(GL_ARRAY_BUFFER, src.points.data(), src.points.size() * sizeof(PointVertex));
        setupPointAttributes();
        glBindVertexArray(0);
        gb.uploaded = true;
        return gb;
    }

    static void setupPointAttributes() {
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(PointVertex), nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, sizeof(PointVertex), reinterpret_cast<void*>(offsetof(PointVertex, radiusPx)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(PointVertex), reinterpret_cast<void*>(offsetof(PointVertex, rgba)));
    }

    GLuint colorTexture(const std::shared_ptr<const std::vector<Color>>& c) {
        auto it = colors.find(c.get());
        if (it != colors.end()) return it->second.texture;
        const size_t n = std::max<size_t>(1, c->size());
        const int w = 1024, h = int((n + w - 1) / w);
        std::vector<uint32_t> texels(size_t(w) * h, 0);
        for (size_t i = 0; i < c->size(); ++i) texels[i] = (*c)[i].rgba8();
        GpuColors g;
        g.colors = c;
        g.opaque = std::all_of(c->begin(), c->end(), [](const Color& x) { return x.a >= 1; });
        glGenTextures(1, &g.texture);
        glBindTexture(GL_TEXTURE_2D, g.texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        colors.emplace(c.get(), g);
        return g.texture;
    }

    void releaseUnused() {
        auto used = [&](auto pred) {
            return std::any_of(scene.layers.begin(), scene.layers.end(), pred);
        };
        for (auto it = areas.begin(); it != areas.end();) {
            if (used([&](const Layer& l) { return l.areas.get() == it->first; })) { ++it; continue; }
            for (GpuBand& b : it->second.bands) deleteBand(b);
            it = areas.erase(it);
        }
        for (auto it = points.begin(); it != points.end();) {
            if (used([&](const Layer& l) { return l.points.get() == it->first; })) { ++it; continue; }
            for (GpuPointBand& b : it->second.bands)
                if (b.uploaded) { glDeleteVertexArrays(1, &b.vao); glDeleteBuffers(1, &b.vbo); }
            it = points.erase(it);
        }
        for (auto it = colors.begin(); it != colors.end();) {
            if (used([&](const Layer& l) { return l.featureColors.get() == it->first; })) { ++it; continue; }
            glDeleteTextures(1, &it->second.texture);
            it = colors.erase(it);
        }
    }

    static void deleteBand(GpuBand& b) {
        if (!b.uploaded) return;
        const GLuint vaos[] = {b.fillVao, b.lineVao, b.dotVao};
        const GLuint bufs[] = {b.fillPos, b.fillFeature, b.fillIndex, b.lineVbo, b.lineIndex, b.dotData, b.dotFeature};
        glDeleteVertexArrays(3, vaos);
        glDeleteBuffers(7, bufs);
        b = GpuBand{};
    }

    // --- uniforms --------------------------------------------------------------------------------
    // px = pos * (1/mpp, -1/mpp) + translation, for positions relative to `origin`.
    static void mapTransform(Program& p, const Camera& cam, MercatorXY origin) {
        const double mpp = cam.metresPerPixel();
        const ScreenXY o = cam.toScreen(origin);
        glUniform4f(p.uniform("uXform"), float(1 / mpp), float(-1 / mpp), float(o.xPx), float(o.yPx));
        glUniform2f(p.uniform("uViewport"), float(cam.widthPx()), float(cam.heightPx()));
    }

    // --- map layers ------------------------------------------------------------------------------
    // The band for this scale, or the nearest one already computed (the rest arrive in the background).
    size_t chooseBand(const AreaGeometry& g, double mpp) {
        const size_t ideal = g.bandFor(mpp), b = g.readyBandNear(ideal);
        if (b != ideal) degraded = true;
        return b;
    }
    bool degraded = false;

    void drawFill(const Layer& l, const Camera& cam) {
        GpuArea& area = gpuArea(l.areas);
        const size_t b = chooseBand(*l.areas, cam.metresPerPixel());
        GpuBand& gb = band(area, b);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, colorTexture(l.featureColors));
        visibleRanges(gb.fillTiles, cam.visibleBox(), ranges);
        if (!ranges.empty()) {
            fill.use();
            mapTransform(fill, cam, l.areas->origin);
            glUniform1i(fill.uniform("uColors"), 0);
            glUniform1f(fill.uniform("uOpacity"), l.opacity);
            // Widen polygons by their simplification error (+ a quarter pixel): no hairline gaps
            // between neighbours that were simplified apart or digitised apart. At most the error of
            // the band meant for this scale (under 1 px): a coarser band standing in while finer ones
            // are prepared in the background must not spill its fills past the boundary lines.
            const double toleranceM = std::min(gb.toleranceM, l.areas->bandToleranceM(l.areas->bandFor(cam.metresPerPixel())));
            glUniform1f(fill.uniform("uDilatePx"), float(toleranceM / cam.metresPerPixel() + 0.25));
            glBindVertexArray(gb.fillVao);
            multiDrawElements(0);
        }
        if (gb.dotCount > 0) {
            dot.use();
            mapTransform(dot, cam, l.areas->origin);
            glUniform1i(dot.uniform("uColors"), 0);
            glUniform1f(dot.uniform("uOpacity"), l.opacity);
            glBindVertexArray(gb.dotVao);
            glDrawArrays(GL_POINTS, 0, gb.dotCount);
            stats.points += size_t(gb.dotCount);
            ++stats.drawCalls;
        }
        if (&l == firstCommuneFill) stats.areaBand = b;
    }

    // One glMultiDrawElements over `ranges` (indices from indexOffset), or, with
    // options.flushIndices, several of at most that many indices each with a glFlush between them:
    // llvmpipe bins a whole draw before it rasterizes, and its bins are the largest single part of
    // a national render's peak memory. Triangles are drawn in the same order either way.
    void multiDrawElements(size_t indexOffset) {
        const size_t limit = options.flushIndices ? options.flushIndices / 3 * 3 : 0;
        counts.clear();
        offsets.clear();
        size_t pending = 0;
        auto submit = [&] {
            if (counts.empty()) return;
            glMultiDrawElements(GL_TRIANGLES, counts.data(), GL_UNSIGNED_INT, offsets.data(), GLsizei(counts.size()));
            stats.drawCalls += counts.size();
            counts.clear();
            offsets.clear();
            pending = 0;
        };
        for (auto [first, count] : ranges) {
            stats.triangles += count / 3;
            while (count > 0) {
                const uint32_t take = limit ? uint32_t(std::min<size_t>(count, limit - pending)) : count;
                counts.push_back(GLsizei(take));
                offsets.push_back(reinterpret_cast<const void*>((indexOffset + first) * sizeof(uint32_t)));
                first += take;
                count -= take;
                pending += take;
                if (limit && pending == limit) {
                    submit();
                    glFlush();
                }
            }
        }
        submit();
    }

    void drawOutline(const Layer& l, const Camera& cam) {
        GpuArea& area = gpuArea(l.areas);
        const size_t b = chooseBand(*l.areas, cam.metresPerPixel());
        GpuBand& gb = band(area, b);
        const int cls = std::clamp(l.minArcClass, 0, 2);
        visibleRanges(gb.lineTiles[cls], cam.visibleBox(), ranges);
        if (ranges.empty()) return;
        line.use();
        mapTransform(line, cam, l.areas->origin);
        const float half = std::max(0.35f, l.lineWidthPx * options.uiScale / 2);
        glUniform1f(line.uniform("uHalfWidth"), half);
        glUniform4f(line.uniform("uColor"), l.lineColor.r, l.lineColor.g, l.lineColor.b, l.lineColor.a);
        glUniform1f(line.uniform("uOpacity"), l.opacity);
        glBindVertexArray(gb.lineVao);
        multiDrawElements(gb.lineOffset[cls]);
    }

    void pointUniforms(const Camera* cam, MercatorXY origin, PointShape shape, Color stroke, float strokePx, float opacity,
                       float offX, float offY, int w, int h, Color halo = {}, float haloPx = 0) {
        point.use();
        if (cam) mapTransform(point, *cam, origin);
        else {
            glUniform4f(point.uniform("uXform"), 1, 1, 0, 0);
            glUniform2f(point.uniform("uViewport"), float(w), float(h));
        }
        glUniform1f(point.uniform("uScale"), options.uiScale);
        glUniform1f(point.uniform("uStrokeWidth"), strokePx);
        glUniform2f(point.uniform("uOffset"), offX * options.uiScale, offY * options.uiScale);
        glUniform1i(point.uniform("uShape"), int(shape));
        glUniform1f(point.uniform("uExtent"), shape == PointShape::Diamond || shape == PointShape::Triangle ? 1.25f : 1.0f);
        glUniform4f(point.uniform("uStroke"), stroke.r, stroke.g, stroke.b, stroke.a);
        glUniform1f(point.uniform("uOpacity"), opacity);
        glUniform4f(point.uniform("uHalo"), halo.r, halo.g, halo.b, halo.a);
        glUniform1f(point.uniform("uHaloWidth"), haloPx);
    }

    void drawPoints(const Layer& l, const Camera& cam) {
        const size_t b = l.points->bandFor(cam.metresPerPixel());
        const PointBand& src = l.points->bands()[b];
        if (src.points.empty()) return;
        GpuPointBand& gb = pointBand(l.points, b);
        const double reachPx = (l.points->maxRadiusPx * 1.25 + l.strokeWidthPx + l.pointHaloPx) * options.uiScale + 2 +
                               std::max(std::fabs(l.offsetXPx), std::fabs(l.offsetYPx)) * options.uiScale;
        visibleRanges(src.tiles, cam.visibleBox().expanded(reachPx * cam.metresPerPixel()), ranges);
        if (ranges.empty()) return;
        pointUniforms(&cam, l.points->origin, l.shape, l.strokeColor, l.strokeWidthPx, l.opacity, l.offsetXPx, l.offsetYPx, 0, 0,
                      l.pointHalo, l.pointHaloPx);
        glBindVertexArray(gb.vao);
        counts.clear();
        firsts.clear();
        for (auto [first, count] : ranges) {
            firsts.push_back(GLint(first));
            counts.push_back(GLsizei(count));
            stats.points += count;
        }
        glMultiDrawArrays(GL_POINTS, firsts.data(), counts.data(), GLsizei(counts.size()));
        stats.drawCalls += counts.size();
    }

    const Layer* firstCommuneFill = nullptr;

    // Renders the map (everything but the decorations) for `cam` into the bound framebuffer.
    void renderMap(const Camera& cam) {
        glViewport(0, 0, cam.widthPx(), cam.heightPx());
        const Color bg = scene.background;
        glClearColor(bg.r, bg.g, bg.b, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        const double mpp = cam.metresPerPixel();
        firstCommuneFill = nullptr;
        for (const Layer& l : scene.layers)
            if (l.kind == LayerKind::Fill && l.areas && l.drawnAt(mpp)) firstCommuneFill = &l;
        // Badges and labels are laid out first (on the CPU). Label halos are drawn under the point
        // symbols and the letters over them, so that a name's halo never cuts a team's diamond or a
        // club's triangle in half while the name stays readable.
        LabelPlacer placer(cam.widthPx(), cam.heightPx());
        DrawList2D overlay, labels;
        for (const Layer& l : scene.layers)
            if (l.kind == LayerKind::Badges && l.drawnAt(mpp)) layoutBadges(l, cam, *atlas, options.uiScale, placer, overlay);
        for (const Layer& l : scene.layers)
            if (l.kind == LayerKind::Labels && l.drawnAt(mpp)) stats.labels += placeLabels(l, cam, *atlas, options.uiScale, placer, labels);
        DrawList2D halos, letters;
        for (const Text2D& t : labels.texts) {
            if (t.halo.a > 0) {
                halos.texts.push_back(t);
                halos.texts.back().color.a = 0;
            }
            letters.texts.push_back(t);
            letters.texts.back().halo.a = 0;
        }
        bool halosDrawn = false;
        auto drawHalos = [&] {
            if (!halosDrawn) draw2D(halos, cam.widthPx(), cam.heightPx());
            halosDrawn = true;
        };
        // A fill entirely covered by a later opaque fill of the same areas is not drawn.
        auto hidden = [&](size_t index) {
            const Layer& l = scene.layers[index];
            for (size_t j = index + 1; j < scene.layers.size(); ++j) {
                const Layer& o = scene.layers[j];
                if (o.kind == LayerKind::Fill && o.areas == l.areas && o.featureColors && o.drawnAt(mpp) && o.opacity >= 1) {
                    colorTexture(o.featureColors);
                    if (colors.at(o.featureColors.get()).opaque) return true;
                }
            }
            return false;
        };
        for (size_t index = 0; index < scene.layers.size(); ++index) {
            const Layer& l = scene.layers[index];
            if (!l.drawnAt(mpp)) continue;
            switch (l.kind) {
                case LayerKind::Fill:
                    if (l.areas && l.featureColors && l.areas->bandCount() > 0 && !hidden(index)) drawFill(l, cam);
                    break;
                case LayerKind::Outline:
                    if (l.areas && l.areas->bandCount() > 0) drawOutline(l, cam);
                    break;
                case LayerKind::Points:
                    drawHalos();
                    if (l.points && !l.points->bands().empty()) drawPoints(l, cam);
                    break;
                case LayerKind::Badges:
                case LayerKind::Labels:
                    break;  // laid out above, drawn below: on top of the map
            }
        }
        drawHalos();
        draw2D(overlay, cam.widthPx(), cam.heightPx());
        draw2D(letters, cam.widthPx(), cam.heightPx());
    }

    // --- screen space ------------------------------------------------------------------------------
    void draw2D(const DrawList2D& list, int w, int h) {
        if (!list.rects.empty()) {
            std::vector<ScreenVertex> v;
            v.reserve(list.rects.size() * 6);
            for (const Rect2D& r : list.rects) {
                const uint32_t c = r.color.rgba8();
                v.insert(v.end(), {{r.x0, r.y0, 0, 0, c}, {r.x1, r.y0, 0, 0, c}, {r.x1, r.y1, 0, 0, c},
                                   {r.x0, r.y0, 0, 0, c}, {r.x1, r.y1, 0, 0, c}, {r.x0, r.y1, 0, 0, c}});
            }
            drawScreen(v, w, h, 0);
        }
        // Symbols: one draw per style.
        for (size_t i = 0; i < list.symbols.size();) {
            const Symbol2D& s0 = list.symbols[i];
            std::vector<PointVertex> v;
            size_t j = i;
            for (; j < list.symbols.size(); ++j) {
                const Symbol2D& s = list.symbols[j];
                if (s.shape != s0.shape || !(s.stroke == s0.stroke) || s.strokePx != s0.strokePx) break;
                v.push_back({s.xPx, s.yPx, s.radiusPx, s.fill.rgba8()});
            }
            pointUniforms(nullptr, {}, s0.shape, s0.stroke, s0.strokePx, 1, 0, 0, w, h);
            glBindVertexArray(symbolVao);
            glBindBuffer(GL_ARRAY_BUFFER, symbolVbo);
            glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(PointVertex)), v.data(), GL_STREAM_DRAW);
            glDrawArrays(GL_POINTS, 0, GLsizei(v.size()));
            ++stats.drawCalls;
            i = j;
        }
        if (!list.texts.empty()) {
            std::vector<TextVertex> v;
            const float halo = float(atlas->haloPx());
            const float du = halo / atlas->width(), dv = halo / atlas->height();
            for (const Text2D& t : list.texts) {
                const uint32_t c = t.color.rgba8(), hc = t.halo.rgba8();
                float x = t.xPx;
                const float pad = t.halo.a > 0 ? halo : 0, pu = t.halo.a > 0 ? du : 0, pv = t.halo.a > 0 ? dv : 0;
                for (char32_t cp : decodeUtf8(t.text)) {
                    const Glyph& g = atlas->glyph(t.style, cp);
                    if (g.ink) {
                        const float x0 = x + g.x0 - pad, x1 = x + g.x1 + pad, y0 = t.yPx + g.y0 - pad, y1 = t.yPx + g.y1 + pad;
                        const float s0 = g.s0 - pu, s1 = g.s1 + pu, t0 = g.t0 - pv, t1 = g.t1 + pv;
                        v.insert(v.end(), {{x0, y0, s0, t0, c, hc}, {x1, y0, s1, t0, c, hc}, {x1, y1, s1, t1, c, hc},
                                           {x0, y0, s0, t0, c, hc}, {x1, y1, s1, t1, c, hc}, {x0, y1, s0, t1, c, hc}});
                        ++stats.glyphs;
                    }
                    x += g.advancePx;
                }
            }
            text.use();
            glUniform2f(text.uniform("uViewport"), float(w), float(h));
            glUniform1i(text.uniform("uAtlas"), 0);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, atlasTexture);
            glBindVertexArray(textVao);
            glBindBuffer(GL_ARRAY_BUFFER, textVbo);
            glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(TextVertex)), v.data(), GL_STREAM_DRAW);
            glDrawArrays(GL_TRIANGLES, 0, GLsizei(v.size()));
            ++stats.drawCalls;
        }
    }

    void drawScreen(const std::vector<ScreenVertex>& v, int w, int h, GLuint texture) {
        Program& p = texture ? image : screen;
        p.use();
        glUniform2f(p.uniform("uViewport"), float(w), float(h));
        if (texture) {
            glUniform1i(p.uniform("uImage"), 0);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, texture);
        }
        glBindVertexArray(screenVao);
        glBindBuffer(GL_ARRAY_BUFFER, screenVbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(ScreenVertex)), v.data(), GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, GLsizei(v.size()));
        ++stats.drawCalls;
    }
};

float uiScaleFor(int w, int h) { return std::clamp(std::min(w / 1280.0f, h / 800.0f), 0.75f, 3.0f); }

MapRenderer::MapRenderer(const RendererOptions& options) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.options = options;
    m.options.uiScale = std::clamp(options.uiScale, 0.5f, 4.0f);
    m.options.cacheMarginPx = std::max(0, options.cacheMarginPx);
    m.atlas = atlasFor(m.options.uiScale);
    m.fill = Program("fill.vert", "fill.frag");
    m.dot = Program("dot.vert", "fill.frag");
    m.line = Program("line.vert", "line.frag");
    m.point = Program("point.vert", "point.frag");
    m.text = Program("text.vert", "text.frag");
    m.screen = Program("screen.vert", "screen.frag");
    m.image = Program("screen.vert", "image.frag");

    glGenTextures(1, &m.atlasTexture);
    glBindTexture(GL_TEXTURE_2D, m.atlasTexture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    {
        const std::vector<uint8_t>& cov = m.atlas->pixels();
        const std::vector<uint8_t>& halo = m.atlas->haloPixels();
        std::vector<uint8_t> rg(cov.size() * 2);
        for (size_t i = 0; i < cov.size(); ++i) { rg[2 * i] = cov[i]; rg[2 * i + 1] = halo[i]; }
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RG8, m.atlas->width(), m.atlas->height(), 0, GL_RG, GL_UNSIGNED_BYTE, rg.data());
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    // Screen quads and glyphs share x, y, u, v and a packed colour; glyphs add a halo colour.
    auto makeQuadArray = [](GLuint& vao, GLuint& vbo, GLsizei stride, bool halo) {
        glGenVertexArrays(1, &vao);
        glBindVertexArray(vao);
        glGenBuffers(1, &vbo);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(TextVertex, u)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(TextVertex, rgba)));
        if (!halo) return;
        glEnableVertexAttribArray(3);
        glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(TextVertex, halo)));
    };
    static_assert(offsetof(ScreenVertex, u) == offsetof(TextVertex, u) && offsetof(ScreenVertex, rgba) == offsetof(TextVertex, rgba));
    makeQuadArray(m.screenVao, m.screenVbo, sizeof(ScreenVertex), false);
    makeQuadArray(m.textVao, m.textVbo, sizeof(TextVertex), true);

    glGenVertexArrays(1, &m.symbolVao);
    glBindVertexArray(m.symbolVao);
    glGenBuffers(1, &m.symbolVbo);
    glBindBuffer(GL_ARRAY_BUFFER, m.symbolVbo);
    Impl::setupPointAttributes();
    glBindVertexArray(0);
    if (m.options.warmUp) warmUp();
}

// Draws a tiny scene once: llvmpipe compiles each shader variant on its first draw (tens of ms
// each), which belongs to starting the renderer rather than to the first map frame.
void MapRenderer::warmUp() {
    static const MultiPolygon square{Polygon{{{{103.0, 22.0}, {103.001, 22.0}, {103.001, 22.001}, {103.0, 22.001}, {103.0, 22.0}}}}};
    RenderScene scene;
    Layer fill;
    fill.kind = LayerKind::Fill;
    fill.areas = prepareAreas({{&square, -1, -1}});
    fill.featureColors = std::make_shared<std::vector<Color>>(1, Color::hex(0x808080));
    scene.layers.push_back(fill);
    Layer line = fill;
    line.kind = LayerKind::Outline;
    scene.layers.push_back(line);
    Layer points;
    points.kind = LayerKind::Points;
    points.points = preparePoints({{toMercator(LonLat{103.0005, 22.0005}), 3, Color::hex(0xffffff), 1}});
    scene.layers.push_back(points);
    Layer badges;
    badges.kind = LayerKind::Badges;
    badges.badges.push_back({toMercator(LonLat{103.0005, 22.0005}), "1"});
    scene.layers.push_back(badges);
    scene.title = "á";
    scene.bounds = fill.areas->box;
    setScene(scene);
    GLint previousFbo = 0, previousViewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_VIEWPORT, previousViewport);
    Camera far(fill.areas->box.center(), 1000, 16, 16);  // dots, as for areas too small to draw
    Framebuffer target;
    target.resize(16, 16);
    target.bind();
    for (const Camera& cam : {Camera(fill.areas->box.center(), 0.5, 16, 16), far}) {
        invalidate();
        draw(cam);
    }
    glFinish();
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFbo));
    glViewport(previousViewport[0], previousViewport[1], previousViewport[2], previousViewport[3]);
    setScene(RenderScene{});
}

MapRenderer::~MapRenderer() {
    Impl& m = *impl_;
    m.scene = {};
    m.releaseUnused();
    const GLuint vaos[] = {m.screenVao, m.textVao, m.symbolVao};
    const GLuint bufs[] = {m.screenVbo, m.textVbo, m.symbolVbo};
    glDeleteVertexArrays(3, vaos);
    glDeleteBuffers(3, bufs);
    glDeleteTextures(1, &m.atlasTexture);
}

void MapRenderer::setScene(const RenderScene& scene) {
    impl_->scene = scene;
    ++impl_->sceneVersion;
    impl_->releaseUnused();
}

const RenderScene& MapRenderer::scene() const { return impl_->scene; }
float MapRenderer::uiScale() const { return impl_->options.uiScale; }
const FontAtlas& MapRenderer::fonts() const { return *impl_->atlas; }
void MapRenderer::invalidate() { impl_->cacheValid = false; ++impl_->sceneVersion; }

std::shared_ptr<const FontAtlas> MapRenderer::atlasFor(float uiScale) {
    const float scale = std::clamp(uiScale, 0.5f, 4.0f);
    return FontAtlas::get(scale, std::max(2, int(std::lround(2 * scale))));
}

Insets MapRenderer::decorationInsets(int w, int h, const DecorationOptions& which) const {
    return render::decorationInsets(impl_->scene, w, h, *impl_->atlas, impl_->options.uiScale, which);
}

bool MapRenderer::needsRedraw(const Camera& camera, const FrameOptions& options) const {
    const Impl& m = *impl_;
    if (!m.haveLast || m.lastVersion != m.sceneVersion || m.lastCamera != camera || m.lastDecorations != options.decorations) return true;
    if (m.cacheDegraded && m.geometryGeneration() != m.cacheGeometry) return true;  // better geometry arrived in the background
    return m.lastUsedCache && !options.interacting;  // the pan stopped: draw it sharp once more
}

FrameStats MapRenderer::draw(const Camera& camera, const FrameOptions& options) {
    Impl& m = *impl_;
    m.stats = {};
    GLint previousFbo = 0, previousViewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_VIEWPORT, previousViewport);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);

    // Is the cached map image still good for this camera?
    const int margin = m.options.cacheMarginPx;
    const int w = camera.widthPx(), h = camera.heightPx();
    const uint64_t generation = m.geometryGeneration();
    bool reuse = m.cacheValid && m.cacheVersion == m.sceneVersion && !(m.cacheDegraded && m.cacheGeometry != generation) &&
                 m.cacheCamera.metresPerPixel() == camera.metresPerPixel() &&
                 m.cacheCamera.widthPx() == w + 2 * margin && m.cacheCamera.heightPx() == h + 2 * margin;
    double dx = 0, dy = 0;
    if (!m.options.cacheImage) {  // straight into the caller's framebuffer, nothing kept
        m.degraded = false;
        m.renderMap(camera);
        m.stats.provisional = m.degraded;
        m.stats.mapRendered = true;
        m.cacheValid = false;
    } else if (reuse) {
        dx = (m.cacheCamera.center().xM - camera.center().xM) / camera.metresPerPixel();
        dy = (camera.center().yM - m.cacheCamera.center().yM) / camera.metresPerPixel();
        const bool moved = dx != 0 || dy != 0;
        if (moved && (!options.interacting || std::fabs(dx) > margin || std::fabs(dy) > margin)) reuse = false;
    }
    if (m.options.cacheImage && !reuse) {
        m.cacheCamera = Camera(camera.center(), camera.metresPerPixel(), w + 2 * margin, h + 2 * margin);
        m.cache.resize(w + 2 * margin, h + 2 * margin);
        m.cache.bind();
        m.degraded = false;
        m.renderMap(m.cacheCamera);
        m.cacheDegraded = m.degraded;
        m.stats.provisional = m.degraded;
        m.cacheValid = true;
        m.cacheVersion = m.sceneVersion;
        m.cacheGeometry = generation;
        m.stats.mapRendered = true;
        dx = dy = 0;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFbo));
    glViewport(0, 0, w, h);
    // The cached image, shifted by the pan since it was drawn (whole pixels keep it sharp). A plain
    // framebuffer blit where possible: on llvmpipe it costs a fraction of a textured quad.
    if (m.options.cacheImage) {
        const int ox = int(std::lround(dx)) - margin, oy = int(std::lround(dy)) - margin;  // cache (0,0) on screen, y down
        GLint samples = 0;
        glGetIntegerv(GL_SAMPLE_BUFFERS, &samples);
        if (samples == 0) {
            glBindFramebuffer(GL_READ_FRAMEBUFFER, m.cache.framebuffer());
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(previousFbo));
            // Screen rows count down from the top; GL rows count up from the bottom.
            const int cw = w + 2 * margin, ch = h + 2 * margin;
            const int sx0 = std::max(0, -ox), sx1 = std::min(cw, w - ox);
            const int syTop0 = std::max(0, -oy), syTop1 = std::min(ch, h - oy);  // cache rows from the top
            if (sx1 > sx0 && syTop1 > syTop0) {
                if (sx1 - sx0 < w || syTop1 - syTop0 < h) {  // part of the screen is not covered
                    const Color bg = m.scene.background;
                    glClearColor(bg.r, bg.g, bg.b, 1);
                    glClear(GL_COLOR_BUFFER_BIT);
                }
                glBlitFramebuffer(sx0, ch - syTop1, sx1, ch - syTop0, sx0 + ox, h - (syTop1 + oy), sx1 + ox, h - (syTop0 + oy),
                                  GL_COLOR_BUFFER_BIT, GL_NEAREST);
            }
            glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFbo));
        } else {  // a multisampled window: blits into it are not allowed, draw a textured quad
            const float x0 = float(ox), y0 = float(oy), x1 = x0 + float(w + 2 * margin), y1 = y0 + float(h + 2 * margin);
            const uint32_t white = Color{1, 1, 1, 1}.rgba8();
            const Color bg = m.scene.background;
            glClearColor(bg.r, bg.g, bg.b, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            glDisable(GL_BLEND);
            m.drawScreen({{x0, y0, 0, 1, white}, {x1, y0, 1, 1, white}, {x1, y1, 1, 0, white},
                          {x0, y0, 0, 1, white}, {x1, y1, 1, 0, white}, {x0, y1, 0, 0, white}}, w, h, m.cache.texture());
            glEnable(GL_BLEND);
        }
    }
    if (options.decorations) m.draw2D(layoutDecorations(m.scene, camera, *m.atlas, m.options.uiScale, options.which), w, h);

    glBindVertexArray(0);
    glUseProgram(0);
    glViewport(previousViewport[0], previousViewport[1], previousViewport[2], previousViewport[3]);
    m.haveLast = true;
    m.lastCamera = camera;
    m.lastUsedCache = reuse && (dx != 0 || dy != 0);
    m.lastVersion = m.sceneVersion;
    m.lastDecorations = options.decorations;
    return m.stats;
}

}  // namespace gapmap::render
