#include "ui/desktop.h"

// GL comes from render/gl.h (core profile prototypes), not from GLFW's default GL/gl.h.
#include "render/gl.h"
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <vector>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "render/map_renderer.h"
#include "render/offscreen.h"
#include "ui/app.h"

namespace gapmap::ui {
namespace {

// GAPMAP_SCREENSHOT=FILE.png: save the window after a few frames and close (the frame count
// restarts when presentation mode switches to full screen). For checking the
// real window under xvfb-run, where no screenshot tool may be installed.
void saveWindow(int widthPx, int heightPx, const std::string& path) {
    render::Image image;
    image.width = widthPx;
    image.height = heightPx;
    image.rgba.resize(size_t(widthPx) * heightPx * 4);
    std::vector<uint8_t> flipped(image.rgba.size());
    glReadPixels(0, 0, widthPx, heightPx, GL_RGBA, GL_UNSIGNED_BYTE, flipped.data());
    const size_t rowBytes = size_t(widthPx) * 4;
    for (int y = 0; y < heightPx; ++y)  // GL's rows start at the bottom
        std::copy_n(&flipped[size_t(heightPx - 1 - y) * rowBytes], rowBytes, &image.rgba[size_t(y) * rowBytes]);
    render::writePng(image, path);
}

// GAPMAP_OPEN_TIMES=1: when each step of opening ended, printed to stderr as milliseconds since
// runDesktop began (wall) and CPU milliseconds of the process (user + sys, every thread), for the
// figures of docs/performance.md. Steps on another thread are printed when they are joined.
class OpenTimes {
public:
    OpenTimes() : on_(std::getenv("GAPMAP_OPEN_TIMES") != nullptr), start_(std::chrono::steady_clock::now()) {}
    bool on() const { return on_; }
    double wallMs() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count(); }
    void step(const char* what) { step(what, wallMs()); }
    void step(const char* what, double atMs) {
        if (!on_) return;
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
        std::fprintf(stderr, "gapmap open: %-44s %7.1f ms wall %7.1f ms cpu\n", what, atMs, ms(usage.ru_utime) + ms(usage.ru_stime));
    }

private:
    bool on_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace

int runDesktop(const std::string& projectPath) {
    OpenTimes times;
    // The project is read on a worker thread while this one opens the window and its GL context
    // (llvmpipe: ~150 ms): opening uses both cores. A bad file is an input error whether or not a
    // display exists: every exit below takes the project (and its error) first.
    double readMs = 0;
    std::shared_ptr<const render::FontAtlas> mapGlyphs;  // held until the map's renderer has it
    std::future<Project> reading = std::async(std::launch::async, [&] {
        Project read = projectPath.empty() ? buildDemoProject() : readProject(projectPath);
        mapGlyphs = render::MapRenderer::atlasFor(1.0f);  // the scale App gives its map
        readMs = times.wallMs();
        return read;
    });
    if (!glfwInit()) {
        reading.get();
        throw InputError(tr("ui.error.no_display"));
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // Maximised to the monitor's work area (the screen less the desktop's own panels). The size is
    // given too: without a window manager (a bare X server) the hint alone does nothing.
    int area[4] = {0, 0, 1280, 800};  // x, y, width, height
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        glfwGetMonitorWorkarea(monitor, &area[0], &area[1], &area[2], &area[3]);
        if (area[2] <= 0 || area[3] <= 0) area[2] = 1280, area[3] = 800;
    }
    glfwWindowHint(GLFW_MAXIMIZED, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(area[2], area[3], "gapmap", nullptr, nullptr);
    if (!window) {
        glfwTerminate();
        reading.get();
        throw InputError(tr("ui.error.no_gl"));
    }
    glfwSetWindowPos(window, area[0], area[1]);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    float scaleX = 1, scaleY = 1;
    glfwGetWindowContentScale(window, &scaleX, &scaleY);
    times.step("window and GL context");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // panels start where the app puts them
    ImGui::StyleColorsLight();
    ImGui::GetStyle().ScaleAllSizes(scaleX);
    Fonts fonts = loadFonts(scaleX);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    times.step("ImGui and its fonts");
    Project project;
    try {
        project = reading.get();
    } catch (...) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        glfwDestroyWindow(window);
        glfwTerminate();
        throw;
    }
    times.step("project read, map glyphs (worker thread)", readMs);
    times.step("project taken from the worker");
    int code = 0;
    {
        App app(std::move(project), projectPath, fonts, /*progressive=*/true);
        app.restoreLayout();  // column widths and open panels of the last session (ui::userConfigDir())
        times.step("app (analysis, search, scene, renderer)");
        bool firstShown = false, completeShown = false;
        int idleFrames = 0, frames = 0;
        const char* screenshot = std::getenv("GAPMAP_SCREENSHOT");
        // GAPMAP_PRESENT=N: start in presentation mode at view N (1 = overview), for screenshots.
        if (const char* present = std::getenv("GAPMAP_PRESENT")) {
            std::string error;
            if (!app.startPresentation(present, &error)) {
                std::fprintf(stderr, "gapmap: %s\n", error.c_str());
                code = 2;  // as a command-line error
            }
        }
        bool fullscreen = false;
        int windowed[4] = {area[0], area[1], area[2], area[3]};  // x, y, width, height to come back to
        while (code == 0 && !glfwWindowShouldClose(window) && !app.quitRequested()) {
            // Draw only when something changed: an idle map costs no CPU on a laptop battery.
            if (idleFrames > 2) glfwWaitEventsTimeout(0.5);
            else glfwPollEvents();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            int w = 0, h = 0;
            glfwGetFramebufferSize(window, &w, &h);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            app.frame(w, h);
            ImGui::Render();
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            if (times.on() && (!firstShown || !completeShown)) {
                glFinish();  // the frame's pixels are drawn, not just queued (llvmpipe draws on glFinish)
                if (!firstShown) times.step("first frame (ImGui font atlas, map)");
                if (!completeShown && !app.map().lastStats().provisional && app.map().lastStats().mapRendered)
                    times.step("complete first frame");
                firstShown = true;
                completeShown = completeShown || !app.map().lastStats().provisional;
            }
            // The screenshot waits for the complete map (bands prepared in the background), at most
            // ~600 frames.
            if (screenshot && ++frames >= 6 && (!app.map().lastStats().provisional || frames > 600)) {
                saveWindow(w, h, screenshot);
                break;
            }
            glfwSwapBuffers(window);
            // Presentation mode: the primary monitor in its own video mode; back to the window after.
            if (app.wantsFullscreen() != fullscreen) {
                fullscreen = app.wantsFullscreen();
                GLFWmonitor* monitor = glfwGetPrimaryMonitor();
                const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
                if (fullscreen && mode) {
                    glfwGetWindowPos(window, &windowed[0], &windowed[1]);
                    glfwGetWindowSize(window, &windowed[2], &windowed[3]);
                    glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
                } else if (!fullscreen) {
                    glfwSetWindowMonitor(window, nullptr, windowed[0], windowed[1], windowed[2], windowed[3], 0);
                }
                idleFrames = frames = 0;
                continue;
            }
            idleFrames = app.wantsRedraw() ? 0 : idleFrames + 1;
        }
        if (!screenshot) app.saveLayout();  // a screenshot run leaves the user's layout alone
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return code;
}

}  // namespace gapmap::ui
