#include "ui/text_fit.h"

#include <imgui.h>

namespace gapmap::ui {

std::string ellipsize(const std::string& text, float maxWidthPx) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxWidthPx) return text;
    static const std::string kEllipsis = "…";
    // The longest prefix, ending at a UTF-8 character boundary, that fits with the ellipsis.
    size_t lo = 0, hi = text.size();
    auto fits = [&](size_t n) { return ImGui::CalcTextSize((text.substr(0, n) + kEllipsis).c_str()).x <= maxWidthPx; };
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;  // not inside a character
    while (lo > 0 && text[lo - 1] == ' ') --lo;
    return text.substr(0, lo) + kEllipsis;
}

void textFitted(const std::string& text, bool disabled, float maxWidthPx) {
    const float room = maxWidthPx >= 0 ? maxWidthPx : ImGui::GetContentRegionAvail().x;
    const std::string shown = ellipsize(text, room);
    if (disabled) ImGui::TextDisabled("%s", shown.c_str());
    else ImGui::TextUnformatted(shown.c_str());
    if (shown != text && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

}  // namespace gapmap::ui
