// The real desktop app's frames without a window: an ImGui context with the app's fonts and the
// OpenGL3 backend drawing into an offscreen framebuffer (EGL surfaceless), and key presses fed
// as the GLFW backend would feed them. For tests/ui only.
#pragma once
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <cctype>
#include <chrono>
#include <string>
#include <thread>

#include "render/offscreen.h"
#include "ui/app.h"
#include "ui/fonts.h"

namespace gapmap::test {

// GLFW key codes, as imgui_impl_glfw maps them into io.KeyMap / io.KeysDown.
enum GlfwKey { kKeySpace = 32, kKeyEscape = 256, kKeyBackspace = 259, kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264,
               kKeyUp = 265, kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268, kKeyEnd = 269, kKeyF5 = 294,
               kKeyEnter = 257, kKeyTab = 258, kKeyF1 = 290 };

constexpr int kWidth = 1280, kHeight = 800;  // the default frame, px

struct HeadlessUi {
    render::OffscreenContext context;
    render::Framebuffer target;
    ui::Fonts fonts;
    int width, height;

    explicit HeadlessUi(int widthPx = kWidth, int heightPx = kHeight) : width(widthPx), height(heightPx) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(float(width), float(height));
        const std::pair<ImGuiKey, int> keys[] = {{ImGuiKey_Space, kKeySpace}, {ImGuiKey_Escape, kKeyEscape},
            {ImGuiKey_Backspace, kKeyBackspace}, {ImGuiKey_RightArrow, kKeyRight}, {ImGuiKey_LeftArrow, kKeyLeft},
            {ImGuiKey_DownArrow, kKeyDown}, {ImGuiKey_UpArrow, kKeyUp}, {ImGuiKey_PageUp, kKeyPageUp},
            {ImGuiKey_PageDown, kKeyPageDown}, {ImGuiKey_Home, kKeyHome}, {ImGuiKey_End, kKeyEnd},
            {ImGuiKey_Enter, kKeyEnter}, {ImGuiKey_Tab, kKeyTab}, {ImGuiKey_A, 'A'}, {ImGuiKey_C, 'C'},
            {ImGuiKey_V, 'V'}, {ImGuiKey_X, 'X'}, {ImGuiKey_Y, 'Y'}, {ImGuiKey_Z, 'Z'}};
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
    // Ctrl + `glfwKey` ('O' for Ctrl+O), as press().
    render::Image pressCtrl(ui::App& app, int glfwKey) {
        ImGui::GetIO().KeyCtrl = true;
        render::Image image = press(app, glfwKey);
        ImGui::GetIO().KeyCtrl = false;
        return image;
    }
    // Typing as GLFW delivers it: for each character its key goes down (a letter is also the
    // key of a map shortcut) and the character arrives; then the key goes up. UTF-8 text.
    void type(ui::App& app, const std::string& utf8) {
        ImGuiIO& io = ImGui::GetIO();
        for (const char* c = utf8.c_str(); *c;) {
            unsigned int codepoint = 0;
            c += ImTextCharFromUtf8(&codepoint, c, nullptr);
            const int key = codepoint < 128 && std::isalnum(int(codepoint)) ? std::toupper(int(codepoint)) : -1;
            if (key >= 0) io.KeysDown[key] = true;
            io.AddInputCharacter(codepoint);
            frame(app);
            if (key >= 0) io.KeysDown[key] = false;
            frame(app);
        }
    }
    // Frames until the app's long task (ui/app_progress.cpp) has ended, at most ~60 s; whether its
    // progress dialog was drawn meanwhile.
    bool framesUntilTaskEnds(ui::App& app) {
        bool dialogSeen = false;
        for (int i = 0; i < 6000 && app.taskRunning(); ++i) {
            frame(app);
            const ImGuiWindow* w = ImGui::FindWindowByName("##progress");
            dialogSeen = dialogSeen || (w && w->WasActive);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return dialogSeen;
    }
    // A left click at `at` (px from the top left): down in one frame, up in the next; `twice` is a
    // double click (two clicks within ImGui's double-click time).
    void click(ui::App& app, ImVec2 at, bool twice = false) {
        ImGuiIO& io = ImGui::GetIO();
        frame(app, at);  // the pointer arrives first, as a real one does
        for (int i = 0; i < (twice ? 2 : 1); ++i) {
            io.MouseDown[0] = true;
            frame(app, at);
            io.MouseDown[0] = false;
            frame(app, at);
        }
    }
};

inline size_t differingPixels(const render::Image& a, const render::Image& b) {
    size_t n = 0;
    for (size_t i = 0; i + 3 < a.rgba.size(); i += 4)
        n += a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2];
    return n;
}

}  // namespace gapmap::test
