// Rasterising the glyph atlas (stb_truetype) and writing it as bytes. The build runs this once
// through tools/make_font_atlas.cpp for the usual scales, so that a render only inflates and
// uploads the atlas; other scales are rasterised here at run time (FontAtlas::get).
#include "render/font_atlas.h"
#include "core/i18n.h"

#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <zlib.h>

#include "core/font_files.h"

namespace gapmap::render {

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct FontFile {
    std::string path, data;
    stbtt_fontinfo info{};
    bool load(const std::string& p) {
        data = readAll(p);
        if (data.empty()) return false;
        const unsigned char* bytes = reinterpret_cast<const unsigned char*>(data.data());
        if (!stbtt_InitFont(&info, bytes, stbtt_GetFontOffsetForIndex(bytes, 0))) return false;
        path = p;
        return true;
    }
};

// The code points gapmap draws: Latin-1, Latin Extended-A and Vietnamese Ơ ơ Ư ư (up to U+01B0),
// combining accents, the Vietnamese block of Latin Extended Additional, general punctuation.
std::vector<char32_t> wantedCodepoints(bool digitsOnly) {
    std::vector<char32_t> cps;
    if (digitsOnly) {
        for (char32_t c = 0x20; c < 0x7F; ++c) cps.push_back(c);
        return cps;
    }
    auto range = [&](char32_t a, char32_t b) { for (char32_t c = a; c <= b; ++c) cps.push_back(c); };
    range(0x20, 0x7E);
    range(0xA0, 0xFF);
    range(0x100, 0x1B0);
    range(0x300, 0x323);
    range(0x1EA0, 0x1EF9);
    range(0x2000, 0x206F);
    cps.push_back(0xFFFD);
    return cps;
}

struct StyleSpec {
    bool bold;
    float sizePx;
    bool digitsOnly;
};
const StyleSpec kSpecs[kTextStyleCount] = {
    {false, 13.0f, false},  // Label: commune names
    {true, 13.0f, false},   // LabelBold: district names, emphasis
    {false, 11.5f, false},  // Small: village names, notes
    {false, 12.5f, false},  // Legend
    {true, 13.0f, false},   // LegendBold: legend headings
    {true, 21.0f, false},   // Title
    {true, 11.0f, true},    // Badge: counts
};

}  // namespace

// The halo channel: each coverage value spread over a disk of radius r with a soft one-pixel edge,
// so that the text shader needs one texture fetch per fragment (llvmpipe pays for every tap).
static std::vector<uint8_t> dilate(const std::vector<uint8_t>& src, int w, int h, int r) {
    std::vector<uint8_t> out(src.size(), 0);
    struct Tap { int dx, dy; float weight; };
    std::vector<Tap> taps;
    for (int dy = -r - 1; dy <= r + 1; ++dy)
        for (int dx = -r - 1; dx <= r + 1; ++dx) {
            const float weight = std::clamp(float(r) + 0.5f - std::sqrt(float(dx * dx + dy * dy)), 0.0f, 1.0f);
            if (weight > 0) taps.push_back({dx, dy, weight});
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const uint8_t c = src[size_t(y) * w + x];
            if (c == 0) continue;
            for (const Tap& t : taps) {
                const int xx = x + t.dx, yy = y + t.dy;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                uint8_t& o = out[size_t(yy) * w + xx];
                o = std::max<uint8_t>(o, uint8_t(std::min(255.0f, c * t.weight * 1.6f)));
            }
        }
    return out;
}

struct FontAtlasBuilder {
    static std::shared_ptr<const FontAtlas> build(float scale, int haloPx) {
        FontFile fonts[2][2];  // [bold][fallback]
        for (int b = 0; b < 2; ++b)
            for (int k = 0; k < 2; ++k) fonts[b][k].load(fontCandidates(b)[k]);
        for (int b = 0; b < 2; ++b)
            if (fonts[b][0].path.empty() && fonts[b][1].path.empty())
                throw std::runtime_error(tr("render.error.no_font", {fontCandidates(b)[0]}));
        auto atlas = std::make_shared<FontAtlas>();
        atlas->haloPx_ = haloPx;
        atlas->regularFile_ = !fonts[0][0].path.empty() ? fonts[0][0].path : fonts[0][1].path;
        atlas->boldFile_ = !fonts[1][0].path.empty() ? fonts[1][0].path : fonts[1][1].path;

        // Which font draws each code point of each style: the first that has it.
        struct Run {
            int style;
            FontFile* font;
            std::vector<int> codepoints;
            std::vector<stbtt_packedchar> chars;
        };
        std::vector<Run> runs;
        for (int s = 0; s < kTextStyleCount; ++s) {
            const StyleSpec& spec = kSpecs[s];
            Run primary{s, nullptr, {}, {}}, fallback{s, nullptr, {}, {}};
            FontFile* f0 = fonts[spec.bold][0].path.empty() ? nullptr : &fonts[spec.bold][0];
            FontFile* f1 = fonts[spec.bold][1].path.empty() ? nullptr : &fonts[spec.bold][1];
            primary.font = f0 ? f0 : f1;
            fallback.font = f1;
            for (char32_t cp : wantedCodepoints(spec.digitsOnly)) {
                if (primary.font && stbtt_FindGlyphIndex(&primary.font->info, int(cp))) primary.codepoints.push_back(int(cp));
                else if (fallback.font && fallback.font != primary.font && stbtt_FindGlyphIndex(&fallback.font->info, int(cp)))
                    fallback.codepoints.push_back(int(cp));
            }
            FontAtlas::Style& st = atlas->styles_[s];
            st.sizePx = FontAtlas::styleSizePx(TextStyle(s), scale);
            const float em = stbtt_ScaleForMappingEmToPixels(&primary.font->info, st.sizePx);
            int asc, desc, gap;
            stbtt_GetFontVMetrics(&primary.font->info, &asc, &desc, &gap);
            st.ascentPx = asc * em;
            st.descentPx = -desc * em;
            st.lineHeightPx = (asc - desc + gap) * em;
            runs.push_back(std::move(primary));
            if (!fallback.codepoints.empty()) runs.push_back(std::move(fallback));
        }

        const int padding = 2 * haloPx + 1;
        for (int w = 1024, h = 1024;; (w <= h ? w : h) *= 2) {
            if (w > 8192) throw std::runtime_error(tr("render.error.atlas_too_big"));
            std::vector<uint8_t> pixels(size_t(w) * h, 0);
            stbtt_pack_context pc;
            if (!stbtt_PackBegin(&pc, pixels.data(), w, h, 0, padding, nullptr)) continue;
            stbtt_PackSetOversampling(&pc, 1, 1);
            bool ok = true;
            for (Run& run : runs) {
                run.chars.assign(run.codepoints.size(), {});
                stbtt_pack_range range{};
                range.font_size = STBTT_POINT_SIZE(atlas->styles_[run.style].sizePx);
                range.array_of_unicode_codepoints = run.codepoints.data();
                range.num_chars = int(run.codepoints.size());
                range.chardata_for_range = run.chars.data();
                const unsigned char* data = reinterpret_cast<const unsigned char*>(run.font->data.data());
                if (!stbtt_PackFontRanges(&pc, data, 0, &range, 1)) { ok = false; break; }
            }
            stbtt_PackEnd(&pc);
            if (!ok) continue;
            atlas->width_ = w;
            atlas->height_ = h;
            atlas->pixels_ = std::move(pixels);
            break;
        }
        atlas->halo_ = dilate(atlas->pixels_, atlas->width_, atlas->height_, haloPx);
        for (const Run& run : runs) {
            auto& glyphs = atlas->styles_[run.style].glyphs;
            for (size_t i = 0; i < run.codepoints.size(); ++i) {
                const stbtt_packedchar& c = run.chars[i];
                Glyph g;
                g.x0 = c.xoff; g.y0 = c.yoff; g.x1 = c.xoff2; g.y1 = c.yoff2;
                g.s0 = float(c.x0) / atlas->width_; g.t0 = float(c.y0) / atlas->height_;
                g.s1 = float(c.x1) / atlas->width_; g.t1 = float(c.y1) / atlas->height_;
                g.advancePx = c.xadvance;
                g.ink = c.x1 > c.x0 && c.y1 > c.y0;
                glyphs[char32_t(run.codepoints[i])] = g;
            }
        }
        return atlas;
    }
};

float FontAtlas::styleSizePx(TextStyle style, float scale) { return std::round(kSpecs[int(style)].sizePx * scale * 2) / 2; }

std::string FontAtlas::embeddedName(float scale, int haloPx) {
    return "atlas-" + std::to_string(std::lround(scale * 100)) + "-" + std::to_string(haloPx);
}

// Layout of the raw bytes (host order; written and read on the same machine at build time):
// "GMFA1", width, height, halo (int32), the two font paths (uint32 length + bytes), per style
// size, ascent, descent, line height (float), glyph count (uint32) then per glyph the code point
// (uint32), x0 y0 x1 y1 s0 t0 s1 t1 advance (float) and ink (uint8); then coverage and halo
// pixels (width × height bytes each). font_atlas.cpp reads it back (FontAtlas::fromBytes).
std::string FontAtlas::toBytes() const {
    std::string raw = "GMFA1";
    auto put = [&raw](const auto& v) { raw.append(reinterpret_cast<const char*>(&v), sizeof v); };
    auto putText = [&](const std::string& t) { put(uint32_t(t.size())); raw += t; };
    put(int32_t(width_)); put(int32_t(height_)); put(int32_t(haloPx_));
    putText(regularFile_); putText(boldFile_);
    for (const Style& st : styles_) {
        put(st.sizePx); put(st.ascentPx); put(st.descentPx); put(st.lineHeightPx);
        put(uint32_t(st.glyphs.size()));
        std::vector<char32_t> cps;  // sorted: the same bytes on every build
        for (const auto& [cp, g] : st.glyphs) cps.push_back(cp);
        std::sort(cps.begin(), cps.end());
        for (char32_t cp : cps) {
            const Glyph& g = st.glyphs.at(cp);
            put(uint32_t(cp));
            for (float f : {g.x0, g.y0, g.x1, g.y1, g.s0, g.t0, g.s1, g.t1, g.advancePx}) put(f);
            put(uint8_t(g.ink));
        }
    }
    raw.append(reinterpret_cast<const char*>(pixels_.data()), pixels_.size());
    raw.append(reinterpret_cast<const char*>(halo_.data()), halo_.size());

    uLongf packed = compressBound(uLong(raw.size()));
    std::string out(8 + packed, '\0');
    const uint64_t rawSize = raw.size();
    for (int i = 0; i < 8; ++i) out[size_t(i)] = char((rawSize >> (8 * i)) & 0xFF);
    if (compress2(reinterpret_cast<Bytef*>(out.data() + 8), &packed, reinterpret_cast<const Bytef*>(raw.data()), uLong(raw.size()),
                  Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("cannot compress the glyph atlas");
    out.resize(8 + packed);
    return out;
}

std::shared_ptr<const FontAtlas> FontAtlas::rasterise(float scale, int haloPx) { return FontAtlasBuilder::build(scale, haloPx); }

}  // namespace gapmap::render
