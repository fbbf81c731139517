#include "core/i18n.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/embedded_file.h"

namespace gapmap {
namespace {

Lang gLanguage = Lang::Vi;

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<Lang> parseLang(std::string_view code) {
    if (code == "vi") return Lang::Vi;
    if (code == "en") return Lang::En;
    return std::nullopt;
}

const char* langCode(Lang lang) { return lang == Lang::Vi ? "vi" : "en"; }
void setLanguage(Lang lang) { gLanguage = lang; }
Lang language() { return gLanguage; }

std::optional<Lang> parseLocaleLang(std::string_view locale) {
    return parseLang(locale.substr(0, locale.find_first_of("_-.@")));
}

CatalogueMap parseCatalogue(std::string_view text, std::vector<std::string>* problems) {
    CatalogueMap map;
    auto problem = [&](size_t lineNo, const std::string& what) {
        if (problems) problems->push_back("line " + std::to_string(lineNo) + ": " + what);
    };
    size_t lineNo = 0;
    while (!text.empty()) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++lineNo;
        line = trimmed(line);
        if (line.empty() || line.front() == '#') continue;
        const size_t eq = line.find('=');
        if (eq == std::string_view::npos) { problem(lineNo, "no '='"); continue; }
        const std::string key(trimmed(line.substr(0, eq)));
        if (key.empty() || key.find_first_of(" \t") != std::string::npos) { problem(lineNo, "bad key \"" + key + "\""); continue; }
        std::string value;
        const std::string_view raw = trimmed(line.substr(eq + 1));
        for (size_t i = 0; i < raw.size(); ++i) {
            const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
            if (raw[i] == '\\' && (next == 'n' || next == '\\')) { value += next == 'n' ? '\n' : '\\'; ++i; }
            else value += raw[i];
        }
        if (value.empty()) problem(lineNo, "key " + key + " has no text");
        if (!map.emplace(key, std::move(value)).second) problem(lineNo, "key " + key + " given twice");
    }
    return map;
}

const CatalogueMap& catalogue(Lang lang) {
    static const std::array<CatalogueMap, 2> maps = [] {
        std::array<CatalogueMap, 2> out;
        for (const EmbeddedFile& f : catalogueFiles()) {
            const std::string_view text(reinterpret_cast<const char*>(f.data), f.size);
            // vi.txt, ui.vi.txt … : one language may be split over several files, merged here.
            const std::string_view name(f.name);
            const int slot = name.ends_with("vi.txt") ? 0 : name.ends_with("en.txt") ? 1 : -1;
            if (slot >= 0) out[slot].merge(parseCatalogue(text));
        }
        return out;
    }();
    return maps[lang == Lang::Vi ? 0 : 1];
}

std::string tr(Lang lang, std::string_view key, std::initializer_list<std::string_view> args) {
    const CatalogueMap& map = catalogue(lang);
    const auto it = map.find(key);
    if (it == map.end()) return "\u27e8" + std::string(key) + "\u27e9";
    const std::string& text = it->second;
    std::string out;
    out.reserve(text.size() + 32);
    for (size_t i = 0; i < text.size(); ++i) {
        // "{0}" … "{9}": the arguments in order of the key's meaning, whatever the word order.
        if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' && text[i + 1] <= '9') {
            const size_t n = static_cast<size_t>(text[i + 1] - '0');
            // A placeholder without its argument stays visible, as a missing key does.
            out += n < args.size() ? *(args.begin() + n) : std::string_view(text).substr(i, 3);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string tr(std::string_view key, std::initializer_list<std::string_view> args) {
    return tr(gLanguage, key, args);
}

std::string formatLocalePercent(double value, double total) {
    return total > 0 ? formatLocaleNumber(std::round(1000.0 * value / total) / 10.0, 1) + "%" : std::string("–");
}

std::string formatLocaleNumber(Lang lang, double value, int decimals) {
    if (!std::isfinite(value)) return "–";
    const bool vi = lang == Lang::Vi;
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 9), std::fabs(value));
    std::string digits(buf), fraction;
    if (const size_t dot = digits.find('.'); dot != std::string::npos) {
        fraction = digits.substr(dot + 1);
        digits.resize(dot);
    }
    // "-0,0" would read as a real negative: the sign only when a digit shown is not zero.
    std::string out = value < 0 && std::string_view(buf).find_first_of("123456789") != std::string_view::npos ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += vi ? '.' : ',';
        out += digits[i];
    }
    if (!fraction.empty()) out += (vi ? "," : ".") + fraction;
    return out;
}

std::string formatLocaleNumber(double value, int decimals) { return formatLocaleNumber(gLanguage, value, decimals); }

std::string formatLocaleDate(Lang lang, const std::string& iso) {
    auto digits = [&](size_t from, size_t n) {
        return iso.find_first_not_of("0123456789", from) >= from + n;
    };
    const bool isIso = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' && digits(0, 4) && digits(5, 2) && digits(8, 2);
    if (!isIso || lang == Lang::En) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string formatLocaleDate(const std::string& iso) { return formatLocaleDate(gLanguage, iso); }

}  // namespace gapmap
