// Small RAII helpers over OpenGL 3.3 core objects: shader programs (from the embedded shaders/
// files), and a framebuffer with a colour texture that a window can also display (the desktop app
// can draw the map into one and show it as an image). Needs a current GL context.
#pragma once
#include <string>
#include <unordered_map>

#include "render/gl.h"

namespace gapmap::render {

// The text of an embedded shader, e.g. "fill.vert". Throws std::runtime_error if absent.
std::string shaderSource(const std::string& name);

// A shader program compiled and linked on its first use, not on construction: a one-off render
// compiles only the programs its layers draw with (llvmpipe: 1-10 ms each, more without Mesa's
// on-disk shader cache).
class Program {
public:
    Program() = default;
    // Names the embedded shaders; compile or link errors throw std::runtime_error (with the GL log)
    // from the first use(), uniform() or id().
    Program(const std::string& vertexName, const std::string& fragmentName);
    ~Program();
    Program(Program&& o) noexcept;
    Program& operator=(Program&& o) noexcept;
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    GLuint id();
    GLint uniform(const char* name);  // cached location
    void use() { glUseProgram(id()); }
    bool linked() const { return id_ != 0; }

private:
    GLuint id_ = 0;
    std::string vertexName_, fragmentName_;
    std::unordered_map<std::string, GLint> uniforms_;
};

// An RGBA8 colour texture with a framebuffer object around it.
class Framebuffer {
public:
    Framebuffer() = default;
    ~Framebuffer();
    Framebuffer(const Framebuffer&) = delete;
    Framebuffer& operator=(const Framebuffer&) = delete;

    // (Re)allocates when the size changes. Throws std::runtime_error if the framebuffer is incomplete.
    void resize(int widthPx, int heightPx);
    void bind() const;  // binds it and sets the viewport to its size
    GLuint framebuffer() const { return fbo_; }
    GLuint texture() const { return texture_; }
    int widthPx() const { return width_; }
    int heightPx() const { return height_; }

private:
    GLuint fbo_ = 0, texture_ = 0;
    int width_ = 0, height_ = 0;
};

}  // namespace gapmap::render
