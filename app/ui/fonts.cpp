#include "ui/fonts.h"

#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "core/font_files.h"
#include "core/i18n.h"

namespace gapmap::ui {

std::string findFontFile(bool bold) { return gapmap::findFontFile(bold); }

namespace {

// The codepoints the app may draw: Vietnamese, the punctuation around it, and every character
// of the text catalogues (both languages), so a new "▸" or "≤" in a catalogue is never a "?".
const ImWchar* glyphRanges() {
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    if (!ranges.empty()) return ranges.Data;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    static const ImWchar extra[] = {
        0x00A0, 0x00FF,  // Latin-1: NBSP, °, ×, «»
        0x0300, 0x0323,  // combining tone marks, should an NFD string slip through
        0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
        0x2030, 0x203A,  // per mille, angle quotes
        0x2190, 0x2193,  // arrows: the F1 key list, sort indicators
        0x2264, 0x2265,  // ≤ ≥
        0x25B2, 0x25BC,  // ▲ ▸ ▼
        0,
    };
    builder.AddRanges(extra);
    for (Lang lang : {Lang::Vi, Lang::En})
        for (const auto& [key, text] : catalogue(lang)) builder.AddText(text.c_str(), text.c_str() + text.size());
    builder.BuildRanges(&ranges);
    return ranges.Data;
}

// Noto Sans has no arrows, "≤" or "▸": DejaVu Sans (fonts-dejavu-core) lends them, merged
// under the main face; ImGui's atlas keeps the main face's glyph wherever both have one.
void addFont(const std::string& path, bool bold, float sizePx, ImFontConfig config, ImFont** out) {
    ImGuiIO& io = ImGui::GetIO();
    *out = io.Fonts->AddFontFromFileTTF(path.c_str(), sizePx, &config, glyphRanges());
    const std::string fallback = fontCandidates(bold).back();  // DejaVu Sans
    if (!*out || fallback == path || !std::filesystem::exists(fallback)) return;
    config.MergeMode = true;
    io.Fonts->AddFontFromFileTTF(fallback.c_str(), sizePx, &config, glyphRanges());
}

}  // namespace

Fonts loadFonts(float pixelScale) {
    Fonts fonts;
    fonts.path = findFontFile();
    if (fonts.path.empty()) {
        std::fprintf(stderr, "%s\n", tr("ui.error.no_font").c_str());
        return fonts;
    }
    const float body = 17.0f * pixelScale;
    const std::string boldPath = findFontFile(true).empty() ? fonts.path : findFontFile(true);
    addFont(fonts.path, false, body, ImFontConfig(), &fonts.body);
    addFont(boldPath, true, body * 1.6f, ImFontConfig(), &fonts.large);
    // Full-screen sizes do not depend on the desktop's content scale: the screen height sets them.
    ImFontConfig big;
    big.OversampleH = 1;  // large glyphs need no sub-pixel oversampling; keeps the atlas small
    addFont(boldPath, true, kPresentTitlePx, big, &fonts.presentTitle);
    addFont(fonts.path, false, kPresentBodyPx, big, &fonts.presentBody);
    return fonts;
}

}  // namespace gapmap::ui
