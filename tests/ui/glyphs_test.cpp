// Every character the app's texts use has a glyph in the fonts ImGui draws with: no "?" in the
// F1 key list (its arrows), a legend's "–", a menu's "…", a button's "▸".
#include <catch2/catch.hpp>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <set>
#include <string>

#include "core/i18n.h"
#include "support/headless_ui.h"

using namespace gapmap;

namespace {

// The codepoints of every text in both catalogues, and the key names the F1 list draws
// literally (app_panels.cpp).
std::set<unsigned int> codepointsUsed() {
    std::set<unsigned int> used;
    auto add = [&](const std::string& text) {
        for (const char* c = text.c_str(); *c;) {
            unsigned int codepoint = 0;
            c += ImTextCharFromUtf8(&codepoint, c, nullptr);
            if (codepoint >= 0x20) used.insert(codepoint);
        }
    };
    for (Lang lang : {Lang::Vi, Lang::En})
        for (const auto& [key, text] : catalogue(lang)) add(text);
    add("Ctrl+F ← ↑ → ↓ + / - 0, Home Esc F1 F5");
    return used;
}

}  // namespace

TEST_CASE("every character of the interface texts has a glyph in each of the app's fonts", "[ui][i18n][glyphs]") {
    test::HeadlessUi ui;
    REQUIRE(ui.fonts.body);
    ImGui::GetIO().Fonts->Build();
    const std::set<unsigned int> used = codepointsUsed();
    CHECK(used.count(0x2190));  // the arrows are among them
    const std::pair<const char*, ImFont*> fonts[] = {{"body", ui.fonts.body}, {"large", ui.fonts.large},
        {"presentTitle", ui.fonts.presentTitle}, {"presentBody", ui.fonts.presentBody}};
    for (const auto& [name, font] : fonts) {
        std::string missing;
        for (unsigned int c : used) {
            if (font->FindGlyphNoFallback(ImWchar(c))) continue;
            char hex[16];
            std::snprintf(hex, sizeof hex, " U+%04X", c);
            missing += hex;
        }
        INFO(name);
        CHECK(missing == "");
    }
}
