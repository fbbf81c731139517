#include "ui/fonts.h"

#include <imgui.h>

#include <cstdio>

#include "core/font_files.h"

namespace gapmap::ui {

std::string findFontFile(bool bold) { return gapmap::findFontFile(bold); }

Fonts loadFonts(float pixelScale) {
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
        static const ImWchar extra[] = {
            0x00A0, 0x00FF,  // Latin-1: NBSP, °, ×, «»
            0x0300, 0x0323,  // combining tone marks, should an NFD string slip through
            0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
            0x2030, 0x203A,  // per mille, angle quotes
            0x2190, 0x2193,  // arrows for sort indicators
            0x2264, 0x2265,  // ≤ ≥
            0,
        };
        builder.AddRanges(extra);
        builder.BuildRanges(&ranges);
    }
    Fonts fonts;
    fonts.path = findFontFile();
    if (fonts.path.empty()) {
        std::fprintf(stderr, "gapmap: no Noto Sans or DejaVu Sans font found; Vietnamese text will not show (install fonts-noto-core)\n");
        return fonts;
    }
    const float body = 17.0f * pixelScale;
    fonts.body = io.Fonts->AddFontFromFileTTF(fonts.path.c_str(), body, nullptr, ranges.Data);
    const std::string boldPath = findFontFile(true);
    fonts.large = io.Fonts->AddFontFromFileTTF((boldPath.empty() ? fonts.path : boldPath).c_str(), body * 1.6f, nullptr, ranges.Data);
    // Full-screen sizes do not depend on the desktop's content scale: the screen height sets them.
    ImFontConfig big;
    big.OversampleH = 1;  // large glyphs need no sub-pixel oversampling; keeps the atlas small
    fonts.presentTitle = io.Fonts->AddFontFromFileTTF((boldPath.empty() ? fonts.path : boldPath).c_str(), kPresentTitlePx, &big, ranges.Data);
    fonts.presentBody = io.Fonts->AddFontFromFileTTF(fonts.path.c_str(), kPresentBodyPx, &big, ranges.Data);
    return fonts;
}

}  // namespace gapmap::ui
