// The full program (gapmap-full: every command, GDAL, the desktop app), which the lean `gapmap`
// (app/main_lean.cpp) runs for all but the render of a project file. Installed in a private folder:
// next to `gapmap` in the build tree, ../lib/gapmap/ from the installed bin/ (CMakeLists.txt install()).
#pragma once

namespace gapmap::cli {

// Replaces this process by gapmap-full with the same argv: same pid, stdin, stdout, stderr and
// environment, so its exit status is the command's. Found from /proc/self/exe. Returns only when it
// cannot be run: the message is on stderr, the result is kInputError.
int execFullProgram(char** argv);

}  // namespace gapmap::cli
