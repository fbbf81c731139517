// Text that must fit a width in the current ImGui font: cut with "…" at a character boundary
// (UTF-8), so a long status or a long list of reasons never runs past its room. ImGui only.
#pragma once
#include <string>

namespace gapmap::ui {

// `text` itself when it fits in `maxWidthPx` (pixels, current font), else its longest start that
// fits with "…" appended ("…" alone when nothing else fits).
std::string ellipsize(const std::string& text, float maxWidthPx);

// ellipsize() drawn as ImGui::TextUnformatted / TextDisabled in the rest of the line's room (or
// `maxWidthPx`), with the whole text in a tooltip when it was cut and the mouse is on it.
void textFitted(const std::string& text, bool disabled = false, float maxWidthPx = -1);

}  // namespace gapmap::ui
