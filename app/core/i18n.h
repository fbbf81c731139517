// Interface texts in Vietnamese (default) and English, from the catalogue files in app/i18n/
// (embedded at build time), and numbers and dates written the way each language writes them.
// Standard library only. The language is process-wide, like a locale: set it once from
// --lang or the app's menu.
#pragma once
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gapmap {

enum class Lang { Vi, En };

std::optional<Lang> parseLang(std::string_view code);  // "vi", "en"
// GAPMAP_LANG, a code or a locale name: "vi", "en", "vi_VN.UTF-8", "en-GB" …; others give nullopt.
std::optional<Lang> parseLocaleLang(std::string_view locale);
const char* langCode(Lang lang);
void setLanguage(Lang lang);
Lang language();

// The text for `key` in the current language, "{0}", "{1}" … replaced by `args`.
// A key missing from the catalogue comes back as "⟨key⟩" so a gap is visible, never a crash.
std::string tr(std::string_view key, std::initializer_list<std::string_view> args = {});
// The same in a given language (reports made in one language while the app shows another).
std::string tr(Lang lang, std::string_view key, std::initializer_list<std::string_view> args = {});

// 1234567.5 -> "1.234.567,5" (vi) or "1,234,567.5" (en); `decimals` digits after the separator.
// For people only: CSV and JSON keep machine numbers.
std::string formatLocaleNumber(double value, int decimals = 0);
std::string formatLocaleNumber(Lang lang, double value, int decimals = 0);
// value / total as a percentage to 0.1 for people: "100,5%" (vi), "100.5%" (en); "–" when total <= 0.
std::string formatLocalePercent(double value, double total);
// ISO "2026-11-29" -> "29/11/2026" (vi) or "2026-11-29" (en); other text is returned as is.
std::string formatLocaleDate(const std::string& isoDate);
std::string formatLocaleDate(Lang lang, const std::string& isoDate);

// Sets the language for one scope and restores the previous one (tests, one-off outputs).
class ScopedLanguage {
public:
    explicit ScopedLanguage(Lang lang) : previous_(language()) { setLanguage(lang); }
    ~ScopedLanguage() { setLanguage(previous_); }
    ScopedLanguage(const ScopedLanguage&) = delete;
    ScopedLanguage& operator=(const ScopedLanguage&) = delete;
private:
    Lang previous_;
};

// Parsed catalogue: key -> text. Exposed for the completeness check.
using CatalogueMap = std::map<std::string, std::string, std::less<>>;
const CatalogueMap& catalogue(Lang lang);
// Parses "key = text" lines (split at the first '='; spaces around it ignored); '#' comments;
// "\n" in a text is a line break, "\\" a backslash. Malformed lines, empty texts and keys given
// twice are returned in `problems` ("line 12: no '='").
CatalogueMap parseCatalogue(std::string_view text, std::vector<std::string>* problems = nullptr);

}  // namespace gapmap
