// Fuzzes Vietnamese name folding (app/core/text_fold.h) two ways.
// Raw bytes: the folded key is valid UTF-8, lower case, single-spaced and trimmed, folding valid text
// is idempotent, search words agree with the folded key, a split prefix is a known kind and leaves a
// name behind, canonical kinds are fixed points. Generated Vietnamese: the same letters written
// precomposed (NFC), decomposed (NFD, marks in either order) or half-composed, and ICU's NFC of it,
// fold to the letters' bases and keep each letter's modifier and tone in the search marks.
#include <string>
#include <string_view>
#include <vector>

#include "core/text_fold.h"
#include "fuzz_support.h"
#include "io/unicode.h"

using namespace gapmap;

namespace {

std::string joinFolded(const std::vector<SearchWord>& words) {
    std::string out;
    for (const SearchWord& w : words) out += (out.empty() ? "" : " ") + w.folded;
    return out;
}

void checkRaw(std::string_view text) {
    const std::string folded = foldVietnamese(text);
    FUZZ_CHECK(fuzz::validUtf8(folded), text, folded);
    FUZZ_CHECK(folded.empty() || (folded.front() != ' ' && folded.back() != ' '), text, folded);
    FUZZ_CHECK(folded.find("  ") == std::string::npos, text, folded);
    for (char c : folded) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), text, folded);
    // Invalid bytes and U+FFFD become '?', which is punctuation when folded again: documented.
    if (fuzz::validUtf8(text) && text.find("\xEF\xBF\xBD") == std::string_view::npos)
        FUZZ_CHECK(foldVietnamese(folded) == folded, text, folded);

    const std::vector<SearchWord> words = searchWords(text);
    FUZZ_CHECK(joinFolded(words) == folded, text, folded, joinFolded(words));
    for (const SearchWord& w : words) {
        FUZZ_CHECK(!w.folded.empty(), text);
        if (w.marked.size() == 3 * w.folded.size())
            for (size_t i = 0; i < w.folded.size(); ++i) FUZZ_CHECK(w.marked[3 * i] == w.folded[i], text, w.marked);
    }

    const SplitName split = splitAdminPrefix(text);
    FUZZ_CHECK(text.find(split.rest) != std::string_view::npos, text, split.rest);
    FUZZ_CHECK(nameKey(text) == foldVietnamese(split.rest), text);
    if (!split.prefix.empty()) {
        FUZZ_CHECK(text.find(split.prefix) != std::string_view::npos, text, split.prefix);
        FUZZ_CHECK(!canonicalKind(split.prefix).empty(), text, split.prefix);
        FUZZ_CHECK(!split.rest.empty(), text, split.prefix);
    }
    const std::string kind = canonicalKind(text);
    if (!kind.empty()) FUZZ_CHECK(canonicalKind(kind) == kind, text, kind);
}

// The Vietnamese vowels by base and modifier, in tone order (level, grave, acute, hook, tilde, dot).
struct Family {
    char base;
    int modifier;  // 0 none, 1 breve, 2 circumflex, 3 horn (the digits searchWords writes)
    const char* lower;
    const char* upper;
};
const Family kFamilies[] = {
    {'a', 0, "aàáảãạ", "AÀÁẢÃẠ"}, {'a', 1, "ăằắẳẵặ", "ĂẰẮẲẴẶ"}, {'a', 2, "âầấẩẫậ", "ÂẦẤẨẪẬ"},
    {'e', 0, "eèéẻẽẹ", "EÈÉẺẼẸ"}, {'e', 2, "êềếểễệ", "ÊỀẾỂỄỆ"}, {'i', 0, "iìíỉĩị", "IÌÍỈĨỊ"},
    {'o', 0, "oòóỏõọ", "OÒÓỎÕỌ"}, {'o', 2, "ôồốổỗộ", "ÔỒỐỔỖỘ"}, {'o', 3, "ơờớởỡợ", "ƠỜỚỞỠỢ"},
    {'u', 0, "uùúủũụ", "UÙÚỦŨỤ"}, {'u', 3, "ưừứửữự", "ƯỪỨỬỮỰ"}, {'y', 0, "yỳýỷỹỵ", "YỲÝỶỸỴ"},
};
const char* const kModifierMarks[] = {"", "\u0306", "\u0302", "\u031B"};
const char* const kToneMarks[] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
const char kConsonants[] = "bcdghklmnpqrstvx";
const char* const kSeparators[] = {" ", "  ", "-", ", ", ".", "\xC2\xA0", "\u3000", "\t"};

// The n-th code point of a UTF-8 string (valid input only).
std::string nthChar(std::string_view s, int n) {
    size_t i = 0;
    for (;;) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (n-- == 0) return std::string(s.substr(i, len));
        i += len;
    }
}

struct Generated {
    std::string text;                 // as written
    std::vector<SearchWord> expected; // what searchWords must give
};

Generated generate(fuzz::Bytes& in) {
    Generated g;
    SearchWord word;
    auto endWord = [&] {
        if (!word.folded.empty()) g.expected.push_back(word);
        word = {};
    };
    for (int n = 0; n < 64 && !in.empty(); ++n) {
        const uint8_t what = in.byte();
        const bool upper = what & 0x80;
        switch (what % 8) {
            case 0: {  // a separator
                endWord();
                g.text += kSeparators[in.byte() % std::size(kSeparators)];
                break;
            }
            case 1: {  // a consonant, or đ
                const uint8_t k = in.byte() % (sizeof kConsonants);
                if (k == sizeof kConsonants - 1) {
                    g.text += upper ? "Đ" : "đ";
                    word.folded += 'd';
                    word.marked += "d40";
                } else {
                    const char c = kConsonants[k];
                    g.text += upper ? char(c - 'a' + 'A') : c;
                    word.folded += c;
                    word.marked += {c, '0', '0'};
                }
                break;
            }
            default: {  // a vowel with its modifier and tone, written in one of five ways
                const Family& f = kFamilies[in.byte() % std::size(kFamilies)];
                const int tone = in.byte() % 6;
                const char* spelling = upper ? f.upper : f.lower;
                const std::string base(1, upper ? char(f.base - 'a' + 'A') : f.base);
                switch (in.byte() % 5) {
                    case 0: g.text += nthChar(spelling, tone); break;  // NFC
                    case 1: g.text += nthChar(spelling, 0) + kToneMarks[tone]; break;
                    case 2: g.text += base + kModifierMarks[f.modifier] + kToneMarks[tone]; break;  // NFD
                    case 3: g.text += base + kToneMarks[tone] + kModifierMarks[f.modifier]; break;
                    default: g.text += nthChar(spelling, tone) + kToneMarks[tone]; break;  // the tone twice
                }
                word.folded += f.base;
                word.marked += {f.base, char('0' + f.modifier), char('0' + tone)};
            }
        }
    }
    endWord();
    return g;
}

bool sameWords(const std::vector<SearchWord>& a, const std::vector<SearchWord>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].folded != b[i].folded || a[i].marked != b[i].marked) return false;
    return true;
}

void checkGenerated(fuzz::Bytes in) {
    const Generated g = generate(in);
    const std::string expectedFold = joinFolded(g.expected);
    const std::string nfc = toNfc(g.text);
    for (const std::string& form : {g.text, nfc}) {
        FUZZ_CHECK(foldVietnamese(form) == expectedFold, form, foldVietnamese(form), expectedFold);
        FUZZ_CHECK(sameWords(searchWords(form), g.expected), form);
    }
    // Joining by name must not care how the name was typed.
    FUZZ_CHECK(nameKey(g.text) == nameKey(nfc), g.text, nfc);
    FUZZ_CHECK(splitAdminPrefix(g.text).prefix.empty() == splitAdminPrefix(nfc).prefix.empty(), g.text, nfc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    checkRaw(in.rest());
    checkGenerated(in);
    return 0;
}
