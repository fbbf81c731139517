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

const std::vector<EmbeddedFile>& demoFiles();

}  // namespace gapmap
