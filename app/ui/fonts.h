// Fonts for the desktop app: Noto Sans (DejaVu Sans as fallback) from Debian, with the
// Vietnamese glyphs and the punctuation ImGui's Vietnamese range leaves out ("–", "…", "°").
// ImGui only; no GL.
#pragma once
#include <string>

struct ImFont;

namespace gapmap::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* large = nullptr;   // headings
    // Presentation mode: rasterised at their size on a 1080-line screen (kPresentationLines),
    // where they are drawn unscaled and so stay crisp; other screens scale them.
    ImFont* presentTitle = nullptr;  // bold: titles and key figures
    ImFont* presentBody = nullptr;   // labels
    std::string path;          // the TTF in use
};

constexpr float kPresentationLines = 1080;
constexpr float kPresentTitlePx = 60, kPresentBodyPx = 32;  // at kPresentationLines

// Adds the fonts to ImGui's atlas at `pixelScale` (the monitor's content scale). Returns
// empty fonts (ImGui's default, Latin only) when no TTF is found, and says so on stderr.
Fonts loadFonts(float pixelScale);

// First existing file of the Debian font packages the app relies on (fonts-noto-core, fonts-dejavu-core).
std::string findFontFile(bool bold = false);

}  // namespace gapmap::ui
