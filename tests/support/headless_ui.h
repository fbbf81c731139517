// The real desktop app's frames without a window: an ImGui context with the app's fonts and the
// OpenGL3 backend drawing into an offscreen framebuffer (EGL surfaceless), and key presses fed
// as the GLFW backend would feed them. For tests/ui only.
#pragma once
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "render/offscreen.h"
#include "ui/app.h"

namespace gapmap::test {

// GLFW key codes, as imgui_impl_glfw maps them into io.KeyMap / io.KeysDown.
enum GlfwKey { kKeySpace = 32, kKeyEscape = 256, kKeyBackspace = 259, kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264,
               kKeyUp = 265, kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268, kKeyEnd = 269, kKeyF5 = 294 };

struct HeadlessUi {
    render::OffscreenContext context;
    render::Framebuffer target;
    ui::Fonts fonts;
    int width, height;

    explicit HeadlessUi(int widthPx = 1280, int heightPx = 800) : width(widthPx), height(heightPx) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(float(width), float(height));
        const std::pair<ImGuiKey, int> keys[] = {{ImGuiKey_Space, kKeySpace}, {ImGuiKey_Escape, kKeyEscape},
            {ImGuiKey_Backspace, kKeyBackspace}, {ImGuiKey_RightArrow, kKeyRight}, {ImGuiKey_LeftArrow, kKeyLeft},
            {ImGuiKey_DownArrow, kKeyDown}, {ImGuiKey_UpArrow, kKeyUp}, {ImGuiKey_PageUp, kKeyPageUp},
            {ImGuiKey_PageDown, kKeyPageDown}, {ImGuiKey_Home, kKeyHome}, {ImGuiKey_End, kKeyEnd}};
        for (const auto& [key, code] : keys) io.KeyMap[key] = code;
        fonts = ui::loadFonts(1.0f);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        target.resize(width, height);
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
        app.frame(width, height);
        ImGui::Render();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        return render::readPixels(target);
    }
    // One frame with the key down (a press), then one with it up; returns the first.
    render::Image press(ui::App& app, int glfwKey) {
        ImGui::GetIO().KeysDown[glfwKey] = true;
        render::Image image = frame(app);
        ImGui::GetIO().KeysDown[glfwKey] = false;
        frame(app);
        return image;
    }
};

inline size_t differingPixels(const render::Image& a, const render::Image& b) {
    size_t n = 0;
    for (size_t i = 0; i + 3 < a.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}

}  // namespace gapmap::test
