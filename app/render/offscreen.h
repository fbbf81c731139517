// Headless OpenGL: an EGL context on Mesa's surfaceless platform (no display, no window; also
// works under xvfb-run), OpenGL 3.3 core, made current on construction. Draw into a Framebuffer
// and read it back with readPixels(). Also PNG writing (libpng) and reading (stb) for `gapmap render` and tests.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "render/gl_resources.h"

namespace gapmap::render {

class OffscreenContext {
public:
    // Throws std::runtime_error with a one-line reason when no EGL/OpenGL 3.3 context can be made.
    OffscreenContext();
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;

    void makeCurrent();
    std::string rendererName() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"

private:
    void* display_ = nullptr;
    void* context_ = nullptr;
};

// 8-bit RGBA pixels, top row first.
struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgba;
    // Channels of one pixel; (0, 0) is the top-left corner.
    const uint8_t* at(int x, int y) const { return &rgba[(size_t(y) * width + x) * 4]; }
};

// Reads the framebuffer's colour (after glFinish), top row first.
Image readPixels(const Framebuffer& framebuffer);
// Throws std::runtime_error naming the path when it cannot be written / read.
void writePng(const Image& image, const std::string& path);
// The framebuffer's colour (after glFinish) straight into a PNG, the same bytes as
// writePng(readPixels(framebuffer)), read back a strip of rows at a time: no whole image in memory
// (1280x800: 4 MB less at a one-off render's peak).
void writeFramebufferPng(const Framebuffer& framebuffer, const std::string& path);
Image readPng(const std::string& path);

}  // namespace gapmap::render
