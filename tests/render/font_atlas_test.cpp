// The glyph atlases embedded at build time (tools/make_font_atlas.cpp, render/font_atlas*.cpp) are
// the ones rasterising the installed fonts makes, byte for byte, so labels are pixel-identical.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/embedded_file.h"
#include "render/font_atlas.h"

using namespace gapmap;
using namespace gapmap::render;

namespace {

void requireSameAtlas(const FontAtlas& a, const FontAtlas& b) {
    REQUIRE(a.width() == b.width());
    REQUIRE(a.height() == b.height());
    REQUIRE(a.haloPx() == b.haloPx());
    CHECK(a.fontFile(false) == b.fontFile(false));
    CHECK(a.fontFile(true) == b.fontFile(true));
    CHECK(a.pixels() == b.pixels());
    CHECK(a.haloPixels() == b.haloPixels());
    // Every code point the atlas is built for (font_atlas_build.cpp wantedCodepoints), per style.
    int compared = 0;
    for (int s = 0; s < kTextStyleCount; ++s) {
        const TextStyle style = TextStyle(s);
        CHECK(a.sizePx(style) == b.sizePx(style));
        CHECK(a.ascentPx(style) == b.ascentPx(style));
        CHECK(a.descentPx(style) == b.descentPx(style));
        CHECK(a.lineHeightPx(style) == b.lineHeightPx(style));
        for (char32_t cp = 0x20; cp <= 0x2070; ++cp) {
            REQUIRE(a.has(style, cp) == b.has(style, cp));
            if (!a.has(style, cp)) continue;
            const Glyph& x = a.glyph(style, cp);
            const Glyph& y = b.glyph(style, cp);
            const bool same = x.x0 == y.x0 && x.y0 == y.y0 && x.x1 == y.x1 && x.y1 == y.y1 && x.s0 == y.s0 && x.t0 == y.t0 &&
                              x.s1 == y.s1 && x.t1 == y.t1 && x.advancePx == y.advancePx && x.ink == y.ink;
            if (!same) FAIL_CHECK("glyph U+" << std::hex << unsigned(cp) << " of style " << std::dec << s << " differs");
            ++compared;
        }
    }
    CHECK(compared > 7 * 400);  // Latin, Vietnamese, punctuation in 7 styles (Badge: ASCII only)
}

}  // namespace

TEST_CASE("embedded glyph atlases equal the atlases rasterised from the fonts", "[render][font_atlas]") {
    // The scales CMakeLists.txt embeds (GAPMAP_FONT_ATLAS_SCALES) with the halo MapRenderer asks for.
    for (const float scale : {0.75f, 1.0f, 1.35f}) {
        const int halo = std::max(2, int(std::lround(2 * scale)));
        INFO("scale " << scale << " halo " << halo);
        const std::string name = FontAtlas::embeddedName(scale, halo);
        const EmbeddedFile* embedded = nullptr;
        for (const EmbeddedFile& f : fontAtlasFiles())
            if (name == f.name) embedded = &f;
        REQUIRE(embedded != nullptr);
        const auto fromBuild = FontAtlas::fromBytes(embedded->data, embedded->size);
        REQUIRE(fromBuild != nullptr);
        const auto now = FontAtlas::rasterise(scale, halo);
        requireSameAtlas(*fromBuild, *now);
        // get() hands out the embedded atlas (same bytes), not a second rasterisation.
        requireSameAtlas(*FontAtlas::get(scale, halo), *now);
        CHECK(embedded->size < now->pixels().size() / 2);  // compressed
    }
}

TEST_CASE("a glyph atlas survives toBytes and fromBytes, and damaged bytes are refused", "[render][font_atlas]") {
    const auto atlas = FontAtlas::rasterise(1.1f, 2);  // a scale that is not embedded
    const std::string bytes = atlas->toBytes();
    const auto back = FontAtlas::fromBytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    REQUIRE(back != nullptr);
    requireSameAtlas(*back, *atlas);
    std::string damaged = bytes;
    damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x55);
    CHECK(FontAtlas::fromBytes(reinterpret_cast<const unsigned char*>(damaged.data()), damaged.size()) == nullptr);
    CHECK(FontAtlas::fromBytes(reinterpret_cast<const unsigned char*>(bytes.data()), 7) == nullptr);
}
