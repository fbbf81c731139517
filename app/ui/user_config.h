// Where the desktop app keeps what it remembers between sessions for this user (window layout,
// recent projects): $XDG_CONFIG_HOME/gapmap, else ~/.config/gapmap (the XDG base-directory rule).
// Never the project file: these are the user's, not the province's.
#pragma once
#include <filesystem>

namespace gapmap::ui {

// The folder, created when missing; empty when neither variable is set or it cannot be created
// (then nothing is remembered, and nothing fails).
std::filesystem::path userConfigDir();

}  // namespace gapmap::ui
