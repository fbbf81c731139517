// The real desktop app without a window, for tests: an ImGui context with the app's fonts and the
// OpenGL3 backend drawing into an offscreen framebuffer (EGL surfaceless). Test-only; no GLFW.
#pragma once
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "render/offscreen.h"
#include "ui/app.h"
#include "ui/fonts.h"

namespace gapmap::test {

constexpr int kWidth = 1280, kHeight = 800;

// An ImGui context with the app's fonts and the OpenGL3 backend on an offscreen target.
struct HeadlessUi {
    render::OffscreenContext context;
    render::Framebuffer target;
    ui::Fonts fonts;

    HeadlessUi() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(kWidth, kHeight);
        fonts = ui::loadFonts(1.0f);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        target.resize(kWidth, kHeight);
    }
    ~HeadlessUi() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext();
    }
    render::Image frame(ui::App& app, ImVec2 mouse = ImVec2(-1, -1)) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60;
        io.MousePos = mouse;
        target.bind();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        app.frame(kWidth, kHeight);
        ImGui::Render();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        return render::readPixels(target);
    }
};

inline size_t differingPixels(const render::Image& a, const render::Image& b) {
    size_t n = 0;
    for (size_t i = 0; i + 3 < a.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}


}  // namespace gapmap::test
