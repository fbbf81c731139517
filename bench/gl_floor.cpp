// gl_floor: the platform floor under `gapmap render`. Creates the same headless OpenGL 3.3 core
// context (render/offscreen.h: EGL surfaceless, Mesa llvmpipe here), a 1280x800 framebuffer like the
// render's, draws one triangle, reads the pixels back and exits. Its time and peak memory are what any
// program drawing through this driver pays before drawing anything of its own: gapmap's budget is
// counted from here (issue #15: national render ≤ floor + 40 MB).
// It links gapmap_render alone (no GDAL, ImGui or GLFW), so its shared libraries are the driver's.
//
// usage: gl_floor [WxH]        measure the whole process: /usr/bin/time -v build/gl_floor
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "render/gl.h"
#include "render/offscreen.h"

using namespace gapmap::render;

namespace {

long vmKb(const char* key) {  // from /proc/self/status, kB
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

}  // namespace

int main(int argc, char** argv) {
    int w = 1280, h = 800;
    if (argc > 1 && std::sscanf(argv[1], "%dx%d", &w, &h) != 2) {
        std::fprintf(stderr, "usage: gl_floor [WxH]\n");
        return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    OffscreenContext context;
    Framebuffer target;
    target.resize(w, h);
    target.bind();
    // Clip-space triangle, one colour.
    const GLuint vs = compile(GL_VERTEX_SHADER, "#version 330 core\nlayout(location=0) in vec2 p;\nvoid main(){gl_Position=vec4(p,0,1);}\n");
    const GLuint fs = compile(GL_FRAGMENT_SHADER, "#version 330 core\nout vec4 c;\nvoid main(){c=vec4(0.8,0.2,0.1,1);}\n");
    const GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    GLint linked = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &linked);
    if (!linked) {
        std::fprintf(stderr, "gl_floor: the triangle's shaders do not link\n");
        return 1;
    }
    const float xy[] = {-0.8f, -0.8f, 0.8f, -0.8f, 0.0f, 0.8f};
    GLuint vao = 0, vbo = 0;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof xy, xy, GL_STATIC_DRAW);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(0);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glUseProgram(program);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    const Image image = readPixels(target);  // ends with glFinish()
    const uint8_t* centre = image.at(w / 2, h / 2);
    const bool drawn = centre[0] > 150 && centre[1] < 100;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("gl_floor: %s, %dx%d, one triangle %s; context to read-back %.0f ms; peak RSS (VmHWM) %ld kB\n",
                context.rendererName().c_str(), w, h, drawn ? "drawn" : "NOT drawn", ms, vmKb("VmHWM:"));
    return drawn ? 0 : 1;
}
