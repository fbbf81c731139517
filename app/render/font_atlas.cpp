// The glyph atlas at run time: the one embedded at build time for the scale (inflated), else
// rasterised (font_atlas_build.cpp); glyph look-ups and text measures for the renderer.
#include "render/font_atlas.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

#include "core/embedded_file.h"

namespace gapmap::render {

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) { out.push_back(0xFFFD); ++i; continue; }
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            const unsigned char d = s[i + k];
            if ((d >> 6) != 2) { ok = false; break; }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) { out.push_back(0xFFFD); ++i; continue; }
        out.push_back(cp);
        i += len;
    }
    return out;
}

// Reads what FontAtlas::toBytes (font_atlas_build.cpp) wrote.
struct FontAtlasBytes {
    static std::shared_ptr<const FontAtlas> read(const unsigned char* data, size_t size) {
        if (size < 8) return nullptr;
        uint64_t rawSize = 0;
        for (int i = 0; i < 8; ++i) rawSize |= uint64_t(data[i]) << (8 * i);
        if (rawSize > (uint64_t(1) << 30)) return nullptr;
        std::vector<unsigned char> raw(rawSize);
        uLongf got = uLongf(rawSize);
        if (uncompress(raw.data(), &got, data + 8, uLong(size - 8)) != Z_OK || got != rawSize) return nullptr;
        size_t at = 0;
        bool ok = true;
        auto take = [&](void* out, size_t n) {
            if (!ok || at + n > raw.size()) { ok = false; return; }
            std::memcpy(out, raw.data() + at, n);
            at += n;
        };
        auto get = [&](auto& v) { take(&v, sizeof v); };
        auto getText = [&](std::string& t) {
            uint32_t n = 0;
            get(n);
            if (!ok || at + n > raw.size()) { ok = false; return; }
            t.assign(reinterpret_cast<const char*>(raw.data() + at), n);
            at += n;
        };
        char magic[5];
        take(magic, 5);
        if (!ok || std::memcmp(magic, "GMFA1", 5) != 0) return nullptr;
        auto atlas = std::make_shared<FontAtlas>();
        int32_t w = 0, h = 0, halo = 0;
        get(w); get(h); get(halo);
        getText(atlas->regularFile_);
        getText(atlas->boldFile_);
        for (FontAtlas::Style& st : atlas->styles_) {
            get(st.sizePx); get(st.ascentPx); get(st.descentPx); get(st.lineHeightPx);
            uint32_t count = 0;
            get(count);
            for (uint32_t i = 0; ok && i < count; ++i) {
                uint32_t cp = 0;
                Glyph g;
                uint8_t ink = 0;
                get(cp);
                for (float* f : {&g.x0, &g.y0, &g.x1, &g.y1, &g.s0, &g.t0, &g.s1, &g.t1, &g.advancePx}) get(*f);
                get(ink);
                g.ink = ink != 0;
                st.glyphs.emplace(char32_t(cp), g);
            }
        }
        if (!ok || w <= 0 || h <= 0 || raw.size() - at != 2 * size_t(w) * size_t(h)) return nullptr;
        atlas->width_ = w;
        atlas->height_ = h;
        atlas->haloPx_ = halo;
        atlas->pixels_.assign(raw.begin() + long(at), raw.begin() + long(at + size_t(w) * h));
        atlas->halo_.assign(raw.begin() + long(at + size_t(w) * h), raw.end());
        return atlas;
    }
};

std::shared_ptr<const FontAtlas> FontAtlas::fromBytes(const unsigned char* data, size_t size) { return FontAtlasBytes::read(data, size); }

namespace {

// The atlas embedded at build time for this scale and halo, when its glyph sizes are the ones
// rasterise() would make (scales that round to the same key may differ by half a pixel).
std::shared_ptr<const FontAtlas> embeddedAtlas(float scale, int haloPx) {
    const std::string name = FontAtlas::embeddedName(scale, haloPx);
    for (const EmbeddedFile& f : fontAtlasFiles()) {
        if (name != f.name) continue;
        auto atlas = FontAtlas::fromBytes(f.data, f.size);
        if (!atlas || atlas->haloPx() != haloPx) return nullptr;
        for (int s = 0; s < kTextStyleCount; ++s)
            if (atlas->sizePx(TextStyle(s)) != FontAtlas::styleSizePx(TextStyle(s), scale)) return nullptr;
        return atlas;
    }
    return nullptr;
}

}  // namespace

std::shared_ptr<const FontAtlas> FontAtlas::get(float scale, int haloPx) {
    static std::mutex mutex;
    static std::map<std::pair<int, int>, std::weak_ptr<const FontAtlas>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    const std::pair<int, int> key{int(std::lround(scale * 100)), haloPx};
    if (auto hit = cache[key].lock()) return hit;
    std::shared_ptr<const FontAtlas> atlas = embeddedAtlas(scale, haloPx);
    if (!atlas) atlas = rasterise(scale, haloPx);
    cache[key] = atlas;
    return atlas;
}

bool FontAtlas::has(TextStyle style, char32_t cp) const { return styles_[int(style)].glyphs.count(cp) > 0; }

const Glyph& FontAtlas::glyph(TextStyle style, char32_t cp) const {
    const auto& glyphs = styles_[int(style)].glyphs;
    auto it = glyphs.find(cp);
    if (it != glyphs.end()) return it->second;
    it = glyphs.find(U'?');
    static const Glyph none;
    return it != glyphs.end() ? it->second : none;
}

TextMetrics FontAtlas::measure(TextStyle style, std::string_view utf8) const {
    TextMetrics m;
    m.ascentPx = ascentPx(style);
    m.descentPx = descentPx(style);
    for (char32_t cp : decodeUtf8(utf8)) m.widthPx += glyph(style, cp).advancePx;
    return m;
}

}  // namespace gapmap::render
