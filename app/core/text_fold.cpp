#include "core/text_fold.h"

#include <array>
#include <cstdint>
#include <vector>

#include "core/utf8.h"
#include "core/vietnamese_letters.h"

namespace gapmap {
namespace {

// What a code point means to folding. Unknown code points (Lao, CJK …) pass through unchanged.
enum class Kind : uint8_t { Unknown, Letter, Space, Ignore, Mark };

struct Entry {
    Kind kind = Kind::Unknown;
    char base = 0;   // ASCII lower case ('?' for an invalid byte)
    char base2 = 0;  // second letter of a ligature (æ -> "ae"), else 0
    uint8_t modifier = kNoModifier;
    uint8_t tone = kLevel;
};

// Other Latin letters fold to their base so that foreign spellings still match. One character per
// code point; '*' marks a ligature (see kLigatures), ' ' a symbol such as × or ÷.
constexpr char kLatin1Letters[] =  // U+00C0–U+00FF
    "aaaaaa*ceeeeiiii" "dnooooo ouuuuy**" "aaaaaa*ceeeeiiii" "dnooooo ouuuuy*y";
constexpr char kLatinExtALetters[] =  // U+0100–U+017F
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "**" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "**" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
    "zzzzzz" "s";
static_assert(sizeof(kLatin1Letters) - 1 == 0x40);
static_assert(sizeof(kLatinExtALetters) - 1 == 0x80);
struct Ligature { char32_t cp; char a, b; };
constexpr Ligature kLigatures[] = {{0xC6, 'a', 'e'}, {0xE6, 'a', 'e'}, {0xDE, 't', 'h'}, {0xFE, 't', 'h'},
                                   {0xDF, 's', 's'}, {0x132, 'i', 'j'}, {0x133, 'i', 'j'}, {0x152, 'o', 'e'},
                                   {0x153, 'o', 'e'}};

constexpr Entry kInvalid{Kind::Letter, '?', 0, kForeign, kLevel};

// Dense tables for the blocks where Vietnamese and Latin letters live; built once.
struct Tables {
    std::array<Entry, 0x370> low{};   // U+0000–U+036F: ASCII, Latin-1, Latin Extended, combining marks
    std::array<Entry, 0x100> high{};  // U+1E00–U+1EFF: Latin Extended Additional

    Entry* slot(char32_t cp) {
        if (cp < low.size()) return &low[cp];
        if (cp >= 0x1E00 && cp < 0x1F00) return &high[cp - 0x1E00];
        return nullptr;
    }

    Tables() {
        for (char32_t c = 0; c < 0x80; ++c) {
            if (c >= 'a' && c <= 'z') low[c] = {Kind::Letter, char(c), 0, kNoModifier, kLevel};
            else if (c >= 'A' && c <= 'Z') low[c] = {Kind::Letter, char(c - 'A' + 'a'), 0, kNoModifier, kLevel};
            else if (c >= '0' && c <= '9') low[c] = {Kind::Letter, char(c), 0, kNoModifier, kLevel};
            else low[c] = {Kind::Space, 0, 0, kNoModifier, kLevel};  // controls and punctuation
        }
        for (char32_t c = 0x80; c < 0xC0; ++c) low[c] = {Kind::Space, 0, 0, kNoModifier, kLevel};
        low[0xAD] = {Kind::Ignore, 0, 0, kNoModifier, kLevel};  // soft hyphen is invisible
        auto fillLatin = [&](const char* letters, char32_t first, char32_t count) {
            for (char32_t k = 0; k < count; ++k) {
                const char c = letters[k];
                if (c == ' ') low[first + k] = {Kind::Space, 0, 0, kNoModifier, kLevel};
                else if (c != '*') low[first + k] = {Kind::Letter, c, 0, kForeign, kLevel};
            }
        };
        fillLatin(kLatin1Letters, 0xC0, 0x40);
        fillLatin(kLatinExtALetters, 0x100, 0x80);
        for (const Ligature& l : kLigatures) low[l.cp] = {Kind::Letter, l.a, l.b, kForeign, kLevel};

        // Vietnamese letters overwrite the Latin entries they share (é, ă, ũ …) with exact marks.
        for (const VowelFamily& f : kVowels) {
            for (const char* spelling : {f.lower, f.upper}) {
                std::string_view s(spelling);
                uint8_t tone = kLevel;
                for (size_t i = 0; i < s.size(); ++tone) {
                    const Utf8Char d = decodeUtf8(s, i);
                    i += d.length;
                    if (d.cp >= 0x80) *slot(d.cp) = {Kind::Letter, f.base, 0, uint8_t(f.modifier), tone};
                }
            }
        }
        low[0x110] = {Kind::Letter, 'd', 0, kStroke, kLevel};  // Đ
        low[0x111] = {Kind::Letter, 'd', 0, kStroke, kLevel};  // đ

        for (char32_t c = 0x300; c < 0x370; ++c) markAt(c, kForeign, kLevel);
        markAt(0x300, kNoModifier, kGrave);
        markAt(0x340, kNoModifier, kGrave);  // deprecated twin of U+0300
        markAt(0x301, kNoModifier, kAcute);
        markAt(0x341, kNoModifier, kAcute);
        markAt(0x309, kNoModifier, kHook);
        markAt(0x303, kNoModifier, kTilde);
        markAt(0x323, kNoModifier, kDotBelow);
        markAt(0x306, kBreve, kLevel);
        markAt(0x302, kCircumflex, kLevel);
        markAt(0x31B, kHorn, kLevel);
    }

    void markAt(char32_t cp, uint8_t modifier, uint8_t tone) {
        low[cp] = {Kind::Mark, 0, 0, modifier, tone};
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

// Code points outside the dense tables: other combining blocks, invisible format characters and
// the General Punctuation block (dashes, curly quotes, Unicode spaces).
Entry lookup(const Tables& t, char32_t cp) {
    if (cp < t.low.size()) return t.low[cp];
    if (cp >= 0x1E00 && cp < 0x1F00) return t.high[cp - 0x1E00];
    if ((cp >= 0x1AB0 && cp < 0x1B00) || (cp >= 0x1DC0 && cp < 0x1E00) || (cp >= 0x20D0 && cp < 0x2100) ||
        (cp >= 0xFE20 && cp < 0xFE30))
        return {Kind::Mark, 0, 0, kForeign, kLevel};
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp < 0x2070) || cp == 0xFEFF)
        return {Kind::Ignore, 0, 0, kNoModifier, kLevel};
    if ((cp >= 0x2000 && cp < 0x2070) || cp == 0x3000) return {Kind::Space, 0, 0, kNoModifier, kLevel};
    if (cp == 0xFFFD) return kInvalid;
    return {};
}

// One word of a name, as the prefix matcher sees it.
struct Word {
    size_t begin = 0, end = 0;  // byte range in the original text
    std::string folded;         // what foldVietnamese gives for the word
    std::string marked;         // per letter: base, modifier digit, tone digit ("xã" -> "x00a04")
    bool plain = true;          // no diacritic at all: typed on a keyboard without Vietnamese input
};

// Reads the next word at or after `pos` into `w`; returns false when no word is left.
bool nextWord(std::string_view text, size_t& pos, Word& w) {
    const Tables& t = tables();
    w.folded.clear();
    w.marked.clear();
    w.plain = true;
    bool inWord = false, lastIsLetter = false;
    while (pos < text.size()) {
        const Utf8Char d = decodeUtf8(text, pos);
        const Entry e = d.valid ? lookup(t, d.cp) : kInvalid;
        if (e.kind == Kind::Space) {
            if (inWord) break;
        } else if (e.kind == Kind::Mark) {
            if (inWord && lastIsLetter) {
                char& mod = w.marked[w.marked.size() - 2];
                char& tone = w.marked[w.marked.size() - 1];
                if (e.modifier != kNoModifier) mod = char('0' + e.modifier);
                if (e.tone != kLevel) tone = char('0' + e.tone);
            }
            if (inWord) {
                w.end = pos + d.length;  // a decomposed letter ends after its marks
                w.plain = false;
            }
        } else if (e.kind != Kind::Ignore) {
            if (!inWord) { inWord = true; w.begin = pos; }
            if (e.kind == Kind::Letter) {
                for (char c : {e.base, e.base2}) {
                    if (c == 0) continue;
                    w.folded.push_back(c);
                    w.marked += {c, char('0' + e.modifier), char('0' + e.tone)};
                }
                if (e.modifier != kNoModifier || e.tone != kLevel) w.plain = false;
                lastIsLetter = true;
            } else {  // unknown script: kept verbatim
                w.folded.append(text.substr(pos, d.length));
                w.marked.append(text.substr(pos, d.length));
                w.plain = false;
                lastIsLetter = false;
            }
            w.end = pos + d.length;
        }
        pos += d.length;
    }
    return inWord;
}

bool sameWord(const Word& written, const Word& pattern) {
    return written.folded == pattern.folded && (written.plain || written.marked == pattern.marked);
}

struct PrefixPattern {
    std::vector<Word> words;
    std::string kind;
};

// Longest first, so that the first pattern that matches is the one to use.
const std::vector<PrefixPattern>& prefixPatterns() {
    static const std::vector<PrefixPattern> patterns = [] {
        const std::pair<const char*, const char*> spellings[] = {
            {"tổ dân phố", "tổ dân phố"}, {"thị trấn", "thị trấn"}, {"thị xã", "thị xã"},
            {"thành phố", "thành phố"},   {"đặc khu", "đặc khu"},   {"xã", "xã"},
            {"phường", "phường"},         {"huyện", "huyện"},       {"quận", "quận"},
            {"tp", "thành phố"},          {"tỉnh", "tỉnh"},         {"thôn", "thôn"},
            {"bản", "bản"},               {"xóm", "xóm"},           {"làng", "làng"},
            {"ấp", "ấp"},                 {"tổ", "tổ"},             {"khu", "khu"},
            {"khối", "khối"},             {"buôn", "buôn"},         {"plei", "plei"},
            {"plây", "plei"},             {"sóc", "sóc"},
        };
        std::vector<PrefixPattern> out;
        for (const auto& [spelling, kind] : spellings) {
            PrefixPattern p{{}, kind};
            size_t pos = 0;
            Word w;
            while (nextWord(spelling, pos, w)) p.words.push_back(w);
            out.push_back(std::move(p));
        }
        return out;
    }();
    return patterns;
}

// Proper names whose first word is also a prefix word (folded). Splitting them would make
// "Tỉnh Sóc Trăng" and "Sóc Trăng" disagree, so they are kept whole.
constexpr std::string_view kUnsplittable[] = {
    "soc trang", "soc son",  "buon ma thuot", "buon ho",    "buon don",  "plei kan",
    "quan hoa",  "quan son", "quan ba",       "lang chanh", "lang son",  "lang giang",
    "tinh bien", "tinh gia",
};

// `firstWord` (folded) lets the common case skip folding the whole name again.
bool isUnsplittable(std::string_view text, std::string_view firstWord) {
    bool candidate = false;
    for (std::string_view name : kUnsplittable) {
        candidate = candidate || (name.starts_with(firstWord) && name.size() > firstWord.size() &&
                                  name[firstWord.size()] == ' ');
    }
    if (!candidate) return false;
    const std::string folded = foldVietnamese(text);
    for (std::string_view name : kUnsplittable) {
        if (folded.starts_with(name) && (folded.size() == name.size() || folded[name.size()] == ' '))
            return true;
    }
    return false;
}

constexpr size_t kMaxPrefixWords = 3;

bool isBlank(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Trims ASCII whitespace and NBSP; `alsoLeading` lists punctuation to drop at the front too.
std::string_view trim(std::string_view s, std::string_view alsoLeading = {}) {
    for (;;) {
        if (!s.empty() && (isBlank(s.front()) || alsoLeading.find(s.front()) != std::string_view::npos))
            s.remove_prefix(1);
        else if (s.starts_with("\xC2\xA0"))
            s.remove_prefix(2);
        else
            break;
    }
    for (;;) {
        if (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
        else if (s.ends_with("\xC2\xA0")) s.remove_suffix(2);
        else break;
    }
    return s;
}

}  // namespace

std::string foldVietnamese(std::string_view utf8) {
    const Tables& t = tables();
    std::string out;
    out.reserve(utf8.size());
    bool pendingSpace = false;  // spaces are written lazily: runs collapse and ends trim for free
    auto put = [&](char c) {
        if (pendingSpace) out.push_back(' ');
        pendingSpace = false;
        out.push_back(c);
    };
    for (size_t i = 0; i < utf8.size();) {
        const Utf8Char d = decodeUtf8(utf8, i);
        const Entry e = d.valid ? lookup(t, d.cp) : kInvalid;
        switch (e.kind) {
            case Kind::Letter:
                put(e.base);
                if (e.base2) put(e.base2);
                break;
            case Kind::Space:
                pendingSpace = !out.empty();
                break;
            case Kind::Mark:
            case Kind::Ignore:
                break;
            case Kind::Unknown:
                put(utf8[i]);
                out.append(utf8.substr(i + 1, d.length - 1));
                break;
        }
        i += d.length;
    }
    return out;
}

namespace {

// `strict`: every prefix word must carry the prefix's own marks, plain ASCII included ("Xa Dung"
// is a name, not "Xã" + "Dung").
SplitName splitPrefix(std::string_view utf8, bool strict) {
    std::array<Word, kMaxPrefixWords + 1> words;
    size_t count = 0, pos = 0;
    while (count < words.size() && nextWord(utf8, pos, words[count])) ++count;

    for (const PrefixPattern& p : prefixPatterns()) {
        const size_t n = p.words.size();
        if (n >= count) continue;  // a prefix must be followed by at least one more word
        bool match = true;
        for (size_t k = 0; k < n && match; ++k)
            match = strict ? words[k].marked == p.words[k].marked : sameWord(words[k], p.words[k]);
        if (!match) continue;
        if (isUnsplittable(utf8.substr(words[0].begin), words[0].folded)) break;
        size_t end = words[n - 1].end;
        if (end < utf8.size() && utf8[end] == '.') ++end;  // the abbreviation's dot: "TP."
        std::string_view prefix = utf8.substr(words[0].begin, end - words[0].begin);
        return {std::string(prefix), std::string(trim(utf8.substr(end), ".,:;-"))};
    }
    return {std::string(), std::string(trim(utf8))};
}

}  // namespace

SplitName splitAdminPrefix(std::string_view utf8) { return splitPrefix(utf8, false); }
SplitName splitAdminPrefixAsWritten(std::string_view utf8) { return splitPrefix(utf8, true); }

std::string nameKey(std::string_view utf8) {
    return foldVietnamese(splitAdminPrefix(utf8).rest);
}

std::vector<SearchWord> searchWords(std::string_view utf8) {
    std::vector<SearchWord> out;
    size_t pos = 0;
    Word w;
    while (nextWord(utf8, pos, w)) out.push_back({w.folded, w.marked});
    return out;
}

std::string canonicalKind(std::string_view prefix) {
    std::array<Word, kMaxPrefixWords + 1> words;
    size_t count = 0, pos = 0;
    while (count < words.size() && nextWord(prefix, pos, words[count])) ++count;
    for (const PrefixPattern& p : prefixPatterns()) {
        if (p.words.size() != count) continue;
        bool match = true;
        for (size_t k = 0; k < count && match; ++k) match = sameWord(words[k], p.words[k]);
        if (match) return p.kind;
    }
    return {};
}

}  // namespace gapmap
