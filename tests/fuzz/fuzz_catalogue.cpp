// Fuzzes the interface-text catalogue format (app/core/i18n.h parseCatalogue: "key = text" lines,
// '#' comments, "\n" and "\\" escapes) and the placeholder filling of tr().
// Properties: keys are non-empty without spaces or '=', texts are trimmed; writing the texts back
// with escapes reads back to the same map with no problems reported; each problem names a line that
// exists. tr() on a real key with ten arguments leaves no "{0}".."{9}" behind; a missing key comes
// back as ⟨key⟩. Locale names map to a language only when they start with "vi" or "en".
#include <string>
#include <vector>

#include "core/i18n.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

std::string escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void checkCatalogue(std::string_view text) {
    std::vector<std::string> problems;
    const CatalogueMap map = parseCatalogue(text, &problems);
    size_t lines = 1;
    for (char c : text) lines += c == '\n';
    for (const std::string& p : problems) {
        FUZZ_CHECK(p.starts_with("line "), p);
        FUZZ_CHECK(std::stoul(p.substr(5)) >= 1 && std::stoul(p.substr(5)) <= lines, p);
    }
    std::string written = "# written back\n";
    CatalogueMap texts;  // an empty text is reported as a problem: left out of the round trip
    for (const auto& [key, value] : map) {
        FUZZ_CHECK(!key.empty() && key.find_first_of(" \t=\n") == std::string::npos && key[0] != '#', key);
        if (value.empty()) continue;
        FUZZ_CHECK(value.front() != ' ' && value.front() != '\t', key, value);
        written += key + " = " + escaped(value) + "\n";
        texts.emplace(key, value);
    }
    std::vector<std::string> again;
    FUZZ_CHECK(parseCatalogue(written, &again) == texts && again.empty(), written);
}

void checkTr(fuzz::Bytes& in) {
    const CatalogueMap& vi = catalogue(Lang::Vi);
    if (vi.empty()) return;
    auto it = vi.begin();
    std::advance(it, (in.byte() | (in.byte() << 8)) % vi.size());
    std::string args[10];
    for (std::string& a : args) {
        a = std::string(in.take(in.byte() % 8));
        std::erase(a, '{');
    }
    for (Lang lang : {Lang::Vi, Lang::En}) {
        const std::string out = tr(lang, it->first, {args[0], args[1], args[2], args[3], args[4],
                                                     args[5], args[6], args[7], args[8], args[9]});
        for (char d = '0'; d <= '9'; ++d)
            FUZZ_CHECK(out.find(std::string{'{', d, '}'}) == std::string::npos, it->first, out);
    }
    const std::string missing = "fuzz.missing." + args[0];
    FUZZ_CHECK(tr(Lang::En, missing) == "\u27e8" + missing + "\u27e9", missing);
    const std::string_view locale = in.take(12);
    if (const auto lang = parseLocaleLang(locale))
        FUZZ_CHECK(locale.starts_with(langCode(*lang)), locale);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    checkTr(in);
    checkCatalogue(in.rest());
    return 0;
}
