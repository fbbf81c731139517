// The text catalogues in app/i18n/: both languages parse, hold the same keys with the same
// placeholders, every key the sources ask for exists, and numbers and dates follow each language.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "core/embedded_file.h"
#include "core/i18n.h"
#include "io/unicode.h"
#include "support/test_support.h"

using namespace gapmap;

namespace {

std::set<std::string> placeholders(const std::string& text) {
    static const std::regex re(R"(\{[0-9]\})");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) out.insert(it->str());
    return out;
}

std::set<std::string> keysOf(const CatalogueMap& catalogue) {
    std::set<std::string> keys;
    for (const auto& [key, text] : catalogue) keys.insert(key);
    return keys;
}

// Every string-literal key of tr("key" …) and tr(lang, "key" …) under app/, with where it is used.
// A literal followed by `+` is the prefix of a key made at run time ("ui.level." + level): kept with
// its trailing '+', so that the test asks for some key with that prefix.
std::map<std::string, std::string> keysUsedInSources() {
    static const std::regex call(R"re((^|[^A-Za-z0-9_.>])tr\(\s*(?:[A-Za-z_][A-Za-z0-9_:]*\s*,\s*)?"([^"]+)"\s*(\+?))re");
    std::map<std::string, std::string> keys;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(GAPMAP_SOURCE_DIR) + "/app")) {
        const std::string ext = entry.path().extension().string();
        if (ext != ".cpp" && ext != ".h") continue;
        const std::string text = test::readFile(entry.path().string());
        for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it) {
            const long line = 1 + std::count(text.begin(), text.begin() + it->position(), '\n');
            keys.emplace((*it)[2].str() + (*it)[3].str(), entry.path().lexically_relative(GAPMAP_SOURCE_DIR).string() + ":" + std::to_string(line));
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("catalogue files parse without problems, each key once per language", "[core][i18n]") {
    std::map<std::string, std::string> fileOfKey;  // "vi:key" -> file, across the files of one language
    int files = 0;
    for (const EmbeddedFile& f : catalogueFiles()) {
        const std::string name = f.name;
        INFO(name);
        std::vector<std::string> problems;
        const CatalogueMap map = parseCatalogue(std::string_view(reinterpret_cast<const char*>(f.data), f.size), &problems);
        CHECK(problems == std::vector<std::string>{});
        const std::string lang = name.ends_with("vi.txt") ? "vi" : name.ends_with("en.txt") ? "en" : "";
        CHECK_FALSE(lang.empty());  // a catalogue the program would not load
        for (const auto& [key, text] : map) {
            INFO(key);
            CHECK(fileOfKey.emplace(lang + ":" + key, name).second);
        }
        ++files;
    }
    CHECK(files >= 2);
    CHECK(catalogue(Lang::Vi).size() > 50);
}

TEST_CASE("Vietnamese and English hold the same keys and placeholders, no empty text", "[core][i18n]") {
    const CatalogueMap& vi = catalogue(Lang::Vi);
    const CatalogueMap& en = catalogue(Lang::En);
    CHECK(keysOf(vi) == keysOf(en));
    for (const auto& [key, viText] : vi) {
        INFO(key);
        const auto enText = en.find(key);
        if (enText == en.end()) continue;  // reported above
        CHECK_FALSE(viText.empty());
        CHECK_FALSE(enText->second.empty());
        CHECK(placeholders(viText) == placeholders(enText->second));
        CHECK(toNfc(viText) == viText);  // precomposed tone marks, as the data
        CHECK(isValidUtf8(viText));
    }
}

TEST_CASE("every key the sources ask for is in both catalogues", "[core][i18n]") {
    const std::map<std::string, std::string> used = keysUsedInSources();
    CHECK(used.size() > 50);
    for (const auto& [key, where] : used) {
        INFO(key << " used at " << where);
        for (const Lang lang : {Lang::Vi, Lang::En}) {
            const CatalogueMap& map = catalogue(lang);
            if (!key.ends_with('+')) { CHECK(map.count(key)); continue; }
            const auto next = map.lower_bound(key.substr(0, key.size() - 1));
            CHECK((next != map.end() && next->first.starts_with(key.substr(0, key.size() - 1))));
        }
    }
}

TEST_CASE("numbers and dates are written each language's way", "[core][i18n]") {
    {
        const ScopedLanguage vi(Lang::Vi);
        CHECK(formatLocaleNumber(1234.5, 1) == "1.234,5");
        CHECK(formatLocaleNumber(1234567) == "1.234.567");
        CHECK(formatLocaleNumber(-29140) == "-29.140");
        CHECK(formatLocaleNumber(-0.04, 1) == "0,0");
        CHECK(formatLocaleNumber(540) == "540");
        CHECK(formatLocaleDate("2026-11-29") == "29/11/2026");
        CHECK(formatLocaleDate("2026") == "2026");
    }
    const ScopedLanguage en(Lang::En);
    CHECK(formatLocaleNumber(1234.5, 1) == "1,234.5");
    CHECK(formatLocaleNumber(1234567) == "1,234,567");
    CHECK(formatLocaleNumber(0.25, 2) == "0.25");
    CHECK(formatLocaleDate("2026-11-29") == "2026-11-29");
    CHECK(formatLocaleNumber(Lang::Vi, 29140) == "29.140");  // a given language, whatever the current one
    CHECK(formatLocaleDate(Lang::Vi, "2025-12-31") == "31/12/2025");
}

TEST_CASE("tr fills placeholders in each language's word order", "[core][i18n]") {
    CHECK(tr(Lang::En, "place.village.no_name_in_commune", {"Huổi Ho", "00101"}) == "no village named \"Huổi Ho\" in commune 00101");
    CHECK(tr(Lang::Vi, "place.village.no_name_in_commune", {"Huổi Ho", "00101"}) == "xã 00101 không có thôn/bản nào tên \"Huổi Ho\"");
    CHECK(tr(Lang::Vi, "import.where.line", {"a.csv", "3"}) == "a.csv: dòng 3");
    CHECK(tr(Lang::Vi, "import.row.not_a_whole_number", {"mười"}) == "\"mười\" không phải là số nguyên");
    {
        const ScopedLanguage en(Lang::En);
        CHECK(tr("import.where.column", {"a.csv: line 3", "Dân số"}) == "a.csv: line 3, column \"Dân số\"");
        CHECK(language() == Lang::En);
    }
    CHECK(language() == Lang::Vi);  // restored
    CHECK(tr("import.where.column", {"a.csv: dòng 3", "Dân số"}) == "a.csv: dòng 3, cột \"Dân số\"");
    CHECK(tr("no.such.key") == "\u27e8no.such.key\u27e9");          // a gap shows, never a crash
    CHECK(tr(Lang::En, "import.where.line", {"a.csv"}) == "a.csv: line {1}");  // so does a missing argument
}

TEST_CASE("catalogue syntax: comments, escapes and problems", "[core][i18n]") {
    std::vector<std::string> problems;
    const CatalogueMap map = parseCatalogue("# comment\n\na.b = one\\ntwo \\\\ {0}\r\nc=x = y\nno equals here\nd =\na.b = again\n", &problems);
    CHECK(map.at("a.b") == "one\ntwo \\ {0}");
    CHECK(map.at("c") == "x = y");
    CHECK(problems == std::vector<std::string>{"line 5: no '='", "line 6: key d has no text", "line 7: key a.b given twice"});
    CHECK(parseLang("en") == Lang::En);
    CHECK_FALSE(parseLang("fr"));
    CHECK(parseLocaleLang("vi_VN.UTF-8") == Lang::Vi);
    CHECK(parseLocaleLang("en-GB") == Lang::En);
    CHECK_FALSE(parseLocaleLang("C.UTF-8"));
}
