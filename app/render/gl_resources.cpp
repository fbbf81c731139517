#include "render/gl_resources.h"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/embedded_file.h"

namespace gapmap::render {

std::string shaderSource(const std::string& name) {
    for (const EmbeddedFile& f : shaderFiles())
        if (name == f.name) return std::string(reinterpret_cast<const char*>(f.data), f.size);
    throw std::runtime_error("shader " + name + " is missing from this build");
}

namespace {

GLuint compile(GLenum type, const std::string& name) {
    const std::string text = shaderSource(name);
    const GLuint shader = glCreateShader(type);
    const char* src = text.c_str();
    glShaderSource(shader, 1, &src, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
        std::string log(size_t(std::max(len, 1)), '\0');
        glGetShaderInfoLog(shader, len, nullptr, log.data());
        glDeleteShader(shader);
        throw std::runtime_error("shader " + name + " does not compile: " + log);
    }
    return shader;
}

}  // namespace

Program::Program(const std::string& vertexName, const std::string& fragmentName)
    : vertexName_(vertexName), fragmentName_(fragmentName) {}

GLuint Program::id() {
    if (id_ || vertexName_.empty()) return id_;
    const GLuint vs = compile(GL_VERTEX_SHADER, vertexName_);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, fragmentName_);
    const GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
        std::string log(size_t(std::max(len, 1)), '\0');
        glGetProgramInfoLog(program, len, nullptr, log.data());
        glDeleteProgram(program);
        throw std::runtime_error("shaders " + vertexName_ + " + " + fragmentName_ + " do not link: " + log);
    }
    id_ = program;
    return id_;
}

Program::~Program() {
    if (id_) glDeleteProgram(id_);
}

Program::Program(Program&& o) noexcept
    : id_(std::exchange(o.id_, 0)), vertexName_(std::move(o.vertexName_)), fragmentName_(std::move(o.fragmentName_)),
      uniforms_(std::move(o.uniforms_)) {}

Program& Program::operator=(Program&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = std::exchange(o.id_, 0);
        vertexName_ = std::move(o.vertexName_);
        fragmentName_ = std::move(o.fragmentName_);
        uniforms_ = std::move(o.uniforms_);
    }
    return *this;
}

GLint Program::uniform(const char* name) {
    auto it = uniforms_.find(name);
    if (it == uniforms_.end()) it = uniforms_.emplace(name, glGetUniformLocation(id(), name)).first;
    return it->second;
}

Framebuffer::~Framebuffer() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (texture_) glDeleteTextures(1, &texture_);
}

void Framebuffer::resize(int w, int h) {
    if (w == width_ && h == height_ && fbo_) return;
    if (!fbo_) glGenFramebuffers(1, &fbo_);
    if (!texture_) glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous));
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("cannot make a " + std::to_string(w) + "x" + std::to_string(h) + " framebuffer (status " +
                                 std::to_string(status) + ")");
    width_ = w;
    height_ = h;
}

void Framebuffer::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width_, height_);
}

}  // namespace gapmap::render
