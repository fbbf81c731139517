// Files compiled into the binary by app/embed_files.cmake: the demo province, the shaders.
// Plain data; standard library only.
#pragma once
#include <cstddef>
#include <vector>

namespace gapmap {

struct EmbeddedFile {
    const char* name;
    const unsigned char* data;
    std::size_t size;
};

const std::vector<EmbeddedFile>& demoFiles();       // geodata/demo_* (linked into gapmap_io)
const std::vector<EmbeddedFile>& catalogueFiles();  // app/i18n/*.txt (linked into gapmap_core)
const std::vector<EmbeddedFile>& shaderFiles();     // shaders/*.vert, *.frag (linked into gapmap_render)
const std::vector<EmbeddedFile>& fontAtlasFiles();  // glyph atlases of the usual scales, zlib (tools/make_font_atlas.cpp; gapmap_render)

}  // namespace gapmap
