// The desktop window: GLFW + OpenGL 3.3 core + Dear ImGui around an App.
#pragma once
#include <string>

namespace gapmap::ui {

// Opens `projectPath` (empty: the embedded synthetic demo) in a window and runs until it is
// closed. Returns the process exit code; throws InputError for a project that cannot be read.
int runDesktop(const std::string& projectPath);

}  // namespace gapmap::ui
