#include "render/offscreen.h"
#include "core/i18n.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <png.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "render/gl.h"

namespace gapmap::render {
namespace {

std::string eglErrorText(EGLint e) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "EGL error 0x%04x", unsigned(e));
    return buf;
}

bool hasExtension(const char* list, const char* name) {
    if (!list) return false;
    const size_t n = std::strlen(name);
    for (const char* p = std::strstr(list, name); p; p = std::strstr(p + 1, name))
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

}  // namespace

OffscreenContext::OffscreenContext() {
    EGLDisplay display = EGL_NO_DISPLAY;
    const char* clientExtensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    auto getPlatformDisplay = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (getPlatformDisplay && hasExtension(clientExtensions, "EGL_MESA_platform_surfaceless"))
        display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    EGLint major = 0, minor = 0;
    if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor)) {
        // Older drivers: the default display (e.g. X11 under xvfb-run) with a surfaceless context.
        display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
        if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor))
            throw std::runtime_error(tr("render.error.no_egl_display", {eglErrorText(eglGetError())}));
    }
    if (!eglBindAPI(EGL_OPENGL_API)) throw std::runtime_error("EGL cannot bind the OpenGL API (" + eglErrorText(eglGetError()) + ")");
    const char* extensions = eglQueryString(display, EGL_EXTENSIONS);
    EGLConfig config = EGL_NO_CONFIG_KHR;
    if (!hasExtension(extensions, "EGL_KHR_no_config_context") && !hasExtension(extensions, "EGL_MESA_configless_context")) {
        const EGLint attributes[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
        EGLint count = 0;
        if (!eglChooseConfig(display, attributes, &config, 1, &count) || count == 0)
            throw std::runtime_error("EGL has no OpenGL configuration (" + eglErrorText(eglGetError()) + ")");
    }
    const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                        EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttributes);
    if (context == EGL_NO_CONTEXT)
        throw std::runtime_error("EGL cannot create an OpenGL 3.3 core context (" + eglErrorText(eglGetError()) + ")");
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
        eglDestroyContext(display, context);
        throw std::runtime_error("EGL cannot make a surfaceless context current (" + eglErrorText(eglGetError()) + ")");
    }
    display_ = display;
    context_ = context;
}

OffscreenContext::~OffscreenContext() {
    // The display stays initialised: other contexts of this process may share it.
    if (eglGetCurrentContext() == context_) eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(display_, context_);
}

void OffscreenContext::makeCurrent() { eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, context_); }

std::string OffscreenContext::rendererName() const {
    const GLubyte* s = glGetString(GL_RENDERER);
    return s ? reinterpret_cast<const char*>(s) : "";
}

Image readPixels(const Framebuffer& fb) {
    Image img;
    img.width = fb.widthPx();
    img.height = fb.heightPx();
    img.rgba.resize(size_t(img.width) * img.height * 4);
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, fb.framebuffer());
    glFinish();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    // Read into the image itself and flip it in place (GL rows count up from the bottom): no second
    // full-size buffer (1280x800: 4 MB at the render's peak).
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
    const size_t row = size_t(img.width) * 4;
    for (int top = 0, bottom = img.height - 1; top < bottom; ++top, --bottom)
        std::swap_ranges(img.rgba.begin() + ptrdiff_t(size_t(top) * row), img.rgba.begin() + ptrdiff_t(size_t(top + 1) * row),
                         img.rgba.begin() + ptrdiff_t(size_t(bottom) * row));
    return img;
}

namespace {

// One PNG writer for both sources: `row(y)` gives image row y (top first, RGBA, width * 4 bytes),
// called for y = 0, 1, … in order.
template <typename RowFn>
void writePngRows(int width, int height, const std::string& path, RowFn row) {
    // libpng with zlib at level 1 and no row filter: the map is large flat areas, which zlib's
    // fastest level already packs well; stb's own deflate took 20 % of a demo render's CPU at
    // any level (docs/performance.md, "Fixed costs"). Pixels are the same at any setting.
    const std::string failed = tr("render.error.png_write", {path});
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!file) throw std::runtime_error(failed);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!info) {
        png_destroy_write_struct(&png, nullptr);
        throw std::runtime_error(failed);
    }
    // libpng reports errors by longjmp: nothing with a destructor may be created below this point
    // (`row` allocates nothing).
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        throw std::runtime_error(failed);
    }
    png_init_io(png, file.get());
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < height; ++y) png_write_row(png, row(y));
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    if (std::fflush(file.get()) != 0 || std::ferror(file.get())) throw std::runtime_error(failed);
}

}  // namespace

void writePng(const Image& image, const std::string& path) {
    const size_t row = size_t(image.width) * 4;
    writePngRows(image.width, image.height, path, [&](int y) { return image.rgba.data() + size_t(y) * row; });
}

void writeFramebufferPng(const Framebuffer& fb, const std::string& path) {
    const int width = fb.widthPx(), height = fb.heightPx();
    constexpr int kStripRows = 32;  // 1280 px wide: 160 kB
    const size_t row = size_t(width) * 4;
    std::vector<uint8_t> strip(row * kStripRows);
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, fb.framebuffer());
    glFinish();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    // GL rows count up from the bottom: image row y is GL row height - 1 - y. A strip holds GL rows
    // [first, first + n), so image rows top .. top + n - 1 with the top one last.
    int stripTop = -1, stripRows = 0;
    auto rowOf = [&](int y) -> const uint8_t* {
        if (stripTop < 0 || y >= stripTop + stripRows) {
            stripTop = y;
            stripRows = std::min(kStripRows, height - y);
            glReadPixels(0, height - y - stripRows, width, stripRows, GL_RGBA, GL_UNSIGNED_BYTE, strip.data());
        }
        return strip.data() + size_t(stripRows - 1 - (y - stripTop)) * row;
    };
    try {
        writePngRows(width, height, path, rowOf);
    } catch (...) {
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
        throw;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
}

Image readPng(const std::string& path) {
    int w = 0, h = 0, n = 0;
    unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) throw std::runtime_error(tr("render.error.png_read", {path}));
    Image img;
    img.width = w;
    img.height = h;
    img.rgba.assign(data, data + size_t(w) * h * 4);
    stbi_image_free(data);
    return img;
}

}  // namespace gapmap::render
