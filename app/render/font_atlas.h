// Text for the map, drawn by the renderer itself so that headless output has labels, legend and
// title: a glyph atlas rasterised with stb_truetype from Noto Sans (fallback DejaVu Sans) covering
// Latin and Vietnamese (U+0020-00FF, U+0100-01B0, U+0300-0323, U+1EA0-1EF9, U+2000-206F). Texts are
// expected in NFC (the importer normalises every name). Plain CPU data; the renderer uploads it.
// The atlases of the usual scales are rasterised at build time (tools/make_font_atlas.cpp) and
// embedded zlib-compressed; a render then only inflates one (a few ms instead of ~50 ms).
#pragma once
#include <cstdint>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gapmap::render {

enum class TextStyle { Label, LabelBold, Small, Legend, LegendBold, Title, Badge };
constexpr int kTextStyleCount = 7;

struct Glyph {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // quad relative to the pen on the baseline (px, y down)
    float s0 = 0, t0 = 0, s1 = 0, t1 = 0;   // atlas coordinates 0..1
    float advancePx = 0;
    bool ink = false;                       // false for spaces
};

struct TextMetrics {
    float widthPx = 0;
    float ascentPx = 0;   // above the baseline
    float descentPx = 0;  // below the baseline (positive)
};

class FontAtlas {
public:
    // Rasterises every style at `scale` (1 = sizes for a 1280x800 screen) with room for a halo of
    // `haloPx` around each glyph. Throws std::runtime_error when no font file is found.
    // Atlases are cached per (scale, halo).
    // Atlases are cached per (scale, halo); an atlas embedded at build time for the same glyph sizes
    // is used instead of rasterising (they are byte-identical: tests/render/font_atlas_test.cpp).
    static std::shared_ptr<const FontAtlas> get(float scale, int haloPx = 2);
    // Always rasterises from the installed font files (font_atlas_build.cpp); not cached.
    static std::shared_ptr<const FontAtlas> rasterise(float scale, int haloPx);
    // The atlas as zlib-compressed bytes (8-byte little-endian raw length first), and back.
    // fromBytes returns nullptr for bytes it cannot read.
    std::string toBytes() const;
    static std::shared_ptr<const FontAtlas> fromBytes(const unsigned char* data, size_t size);
    // The glyph size in px of a style at a UI scale (half pixels), as rasterise() makes it.
    static float styleSizePx(TextStyle style, float scale);
    // The name an embedded atlas carries: "atlas-<scale×100>-<halo>".
    static std::string embeddedName(float scale, int haloPx);

    int width() const { return width_; }
    int height() const { return height_; }
    const std::vector<uint8_t>& pixels() const { return pixels_; }  // 8-bit coverage, row 0 at the top
    const std::vector<uint8_t>& haloPixels() const { return halo_; }  // coverage dilated by haloPx (soft disk)
    int haloPx() const { return haloPx_; }
    float sizePx(TextStyle style) const { return styles_[int(style)].sizePx; }
    const std::string& fontFile(bool bold) const { return bold ? boldFile_ : regularFile_; }

    // The glyph, or the replacement '?' for a code point no font has.
    const Glyph& glyph(TextStyle style, char32_t cp) const;
    bool has(TextStyle style, char32_t cp) const;
    TextMetrics measure(TextStyle style, std::string_view utf8) const;
    float ascentPx(TextStyle style) const { return styles_[int(style)].ascentPx; }
    float descentPx(TextStyle style) const { return styles_[int(style)].descentPx; }
    float lineHeightPx(TextStyle style) const { return styles_[int(style)].lineHeightPx; }

private:
    struct Style {
        float sizePx = 12;
        float ascentPx = 0, descentPx = 0, lineHeightPx = 0;
        std::unordered_map<char32_t, Glyph> glyphs;
    };
    int width_ = 0, height_ = 0, haloPx_ = 2;
    std::vector<uint8_t> pixels_, halo_;
    Style styles_[kTextStyleCount];
    std::string regularFile_, boldFile_;
    friend struct FontAtlasBuilder;
    friend struct FontAtlasBytes;
};

// UTF-8 to code points; invalid bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view text);

}  // namespace gapmap::render
