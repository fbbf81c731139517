#include "core/legacy_encoding.h"

#include <array>
#include <map>
#include <set>
#include <unordered_map>

#include "core/utf8.h"
#include "core/vietnamese_letters.h"

namespace gapmap {
namespace {

constexpr char32_t kBad = 0xFFFD;

// CP1252 bytes 0x80–0x9F (0xA0–0xFF are Latin-1). Its five unused bytes keep their C1 control,
// as Windows' MultiByteToWideChar gives them, so that any byte survives a CP1252 round trip.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178};

char32_t cp1252(unsigned char b) { return b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : b; }

// Windows-1258 (Vietnamese), 0x80–0xFF: Latin-1 letters plus ă â ê ô ơ ư đ and five combining tones.
constexpr char32_t kCp1258High[128] = {
    0x20AC, kBad, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, kBad, 0x2039, 0x152, kBad, kBad, kBad,
    kBad, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, kBad, 0x203A, 0x153, kBad, kBad, 0x178,
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
    0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0x102, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0x300, 0xCD, 0xCE, 0xCF,
    0x110, 0xD1, 0x309, 0xD3, 0xD4, 0x1A0, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0x1AF, 0x303, 0xDF,
    0xE0, 0xE1, 0xE2, 0x103, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0x301, 0xED, 0xEE, 0xEF,
    0x111, 0xF1, 0x323, 0xF3, 0xF4, 0x1A1, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0x1B0, 0x20AB, 0xFF};

// TCVN 5712:1993 VN3 ("ABC"), per vowel family of kVowels in tone order (level, grave, acute,
// hook, tilde, dot below); 0 = the ASCII base letter. Lower case only: the standard has no capital
// toned vowels, only the seven capitals below.
constexpr unsigned char kTcvn3Vowels[kVowelFamilyCount][kToneCount] = {
    {0, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9},    {0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6},  // a ă
    {0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB}, {0, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1},     // â e
    {0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6}, {0, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE},     // ê i
    {0, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4},    {0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9},  // o ô
    {0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE}, {0, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4},     // ơ u
    {0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9}, {0, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE},     // ư y
};
constexpr unsigned char kTcvn3Capitals[kVowelFamilyCount] = {0, 0xA1, 0xA2, 0, 0xA3, 0, 0, 0xA4, 0xA5, 0, 0xA6, 0};
constexpr unsigned char kTcvn3LowerD = 0xAE, kTcvn3UpperD = 0xA7;
constexpr unsigned char kTcvn3Tones[] = {0xB0, 0xB3, 0xB1, 0xB2, 0xB4};  // combining grave, acute, hook, tilde, dot

// VNI-Windows writes a vowel as its ASCII base followed by a mark byte; i, ơ, ư, ỵ and đ have
// bytes of their own. Lower case here; capitals are the ASCII capital with every byte ≥ 0x80
// moved down by 0x20 ("aù" = á, "AÙ" = Á).
constexpr const char* kVniVowels[kVowelFamilyCount][kToneCount] = {
    {"a", "a\xF8", "a\xF9", "a\xFB", "a\xF5", "a\xEF"},                         // a
    {"a\xEA", "a\xE8", "a\xE9", "a\xFA", "a\xFC", "a\xEB"},                     // ă
    {"a\xE2", "a\xE0", "a\xE1", "a\xE5", "a\xE3", "a\xE4"},                     // â
    {"e", "e\xF8", "e\xF9", "e\xFB", "e\xF5", "e\xEF"},                         // e
    {"e\xE2", "e\xE0", "e\xE1", "e\xE5", "e\xE3", "e\xE4"},                     // ê
    {"i", "\xEC", "\xED", "\xE6", "\xF3", "\xF2"},                              // i
    {"o", "o\xF8", "o\xF9", "o\xFB", "o\xF5", "o\xEF"},                         // o
    {"o\xE2", "o\xE0", "o\xE1", "o\xE5", "o\xE3", "o\xE4"},                     // ô
    {"\xF4", "\xF4\xF8", "\xF4\xF9", "\xF4\xFB", "\xF4\xF5", "\xF4\xEF"},       // ơ
    {"u", "u\xF8", "u\xF9", "u\xFB", "u\xF5", "u\xEF"},                         // u
    {"\xF6", "\xF6\xF8", "\xF6\xF9", "\xF6\xFB", "\xF6\xF5", "\xF6\xEF"},       // ư
    {"y", "y\xF8", "y\xF9", "y\xFB", "y\xF5", "\xEE"},                          // y
};
constexpr unsigned char kVniLowerD = 0xF1, kVniUpperD = 0xD1;

std::string vniCapital(std::string_view lower) {
    std::string s(lower);
    for (char& c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 'a' && b <= 'z') c = static_cast<char>(b - 0x20);
        else if (b >= 0x80) c = static_cast<char>(b - 0x20);
    }
    return s;
}

struct LetterInfo {
    int family = -1;  // index into kVowels
    int tone = kLevel;
    bool upper = false;
};

// Every table, built once from kVowels and the charts above.
struct Tables {
    std::unordered_map<char32_t, LetterInfo> letters;  // the 144 vowel letters (ASCII bases included)
    char32_t letter[kVowelFamilyCount][kToneCount][2] = {};  // [family][tone][upper]
    std::array<char32_t, 256> tcvn3{};
    std::array<bool, 256> tcvn3Defined{};  // bytes the chart gives a meaning (ASCII included)
    std::array<char32_t, 256> vniSingle{};
    std::array<bool, 256> vniDefined{};
    std::map<std::string, char32_t> vniPairs;
    std::unordered_map<char32_t, std::string> encode[4];  // per TextEncoding, non-ASCII only
    std::unordered_map<char32_t, unsigned char> toCp1252;

    Tables() {
        for (int f = 0; f < kVowelFamilyCount; ++f)
            for (int up = 0; up < 2; ++up) {
                std::string_view s(up ? kVowels[f].upper : kVowels[f].lower);
                size_t i = 0;
                for (int t = 0; t < kToneCount; ++t) {
                    const Utf8Char c = decodeUtf8(s, i);
                    i += c.length;
                    letter[f][t][up] = c.cp;
                    letters[c.cp] = {f, t, up == 1};
                }
            }
        // TCVN3: bytes outside the chart read as CP1252, as the .VnTime fonts draw them.
        for (int b = 0; b < 256; ++b) {
            tcvn3[b] = cp1252(static_cast<unsigned char>(b));
            tcvn3Defined[b] = b < 0x80;
        }
        auto setTcvn3 = [&](unsigned char b, char32_t cp) {
            tcvn3[b] = cp;
            tcvn3Defined[b] = true;
            encode[int(TextEncoding::Tcvn3)].emplace(cp, std::string(1, char(b)));
        };
        for (int f = 0; f < kVowelFamilyCount; ++f) {
            for (int t = 0; t < kToneCount; ++t)
                if (kTcvn3Vowels[f][t]) setTcvn3(kTcvn3Vowels[f][t], letter[f][t][0]);
            if (kTcvn3Capitals[f]) setTcvn3(kTcvn3Capitals[f], letter[f][kLevel][1]);
        }
        setTcvn3(kTcvn3LowerD, 0x111);
        setTcvn3(kTcvn3UpperD, 0x110);
        for (int t = 1; t < kToneCount; ++t) setTcvn3(kTcvn3Tones[t - 1], kToneMarks[t]);
        for (int f = 0; f < kVowelFamilyCount; ++f)  // capitals with a tone: the lower-case code
            for (int t = 1; t < kToneCount; ++t)
                encode[int(TextEncoding::Tcvn3)][letter[f][t][1]] = encode[int(TextEncoding::Tcvn3)][letter[f][t][0]];

        // VNI.
        for (int b = 0; b < 256; ++b) {
            vniSingle[b] = cp1252(static_cast<unsigned char>(b));
            vniDefined[b] = b < 0x80;
        }
        auto addVni = [&](const std::string& bytes, char32_t cp) {
            if (bytes.size() == 1) {
                vniSingle[static_cast<unsigned char>(bytes[0])] = cp;
                vniDefined[static_cast<unsigned char>(bytes[0])] = true;
            }
            else vniPairs.emplace(bytes, cp);
            if (cp >= 0x80) encode[int(TextEncoding::Vni)].emplace(cp, bytes);
        };
        for (int f = 0; f < kVowelFamilyCount; ++f)
            for (int t = 0; t < kToneCount; ++t) {
                addVni(kVniVowels[f][t], letter[f][t][0]);
                addVni(vniCapital(kVniVowels[f][t]), letter[f][t][1]);
            }
        addVni(std::string(1, char(kVniLowerD)), 0x111);
        addVni(std::string(1, char(kVniUpperD)), 0x110);
        // Read, never written: a capital base with a lower-case mark ("Aù"), and "yï" for ỵ.
        for (int f = 0; f < kVowelFamilyCount; ++f)
            for (int t = 0; t < kToneCount; ++t) {
                std::string mixed = vniCapital(kVniVowels[f][t]);
                if (mixed.size() == 2) {
                    mixed[1] = kVniVowels[f][t][1];
                    vniPairs.emplace(mixed, letter[f][t][1]);
                }
            }
        vniPairs.emplace("y\xEF", letter[11][kDotBelow][0]);
        vniPairs.emplace("Y\xCF", letter[11][kDotBelow][1]);

        // CP1258: precomposed where the code page has the letter, else base + combining tone byte.
        for (int b = 0x80; b < 256; ++b)
            if (kCp1258High[b - 0x80] != kBad) encode[int(TextEncoding::Cp1258)].emplace(kCp1258High[b - 0x80], std::string(1, char(b)));
        for (int f = 0; f < kVowelFamilyCount; ++f)
            for (int up = 0; up < 2; ++up)
                for (int t = 1; t < kToneCount; ++t) {
                    auto& enc = encode[int(TextEncoding::Cp1258)];
                    const char32_t base = letter[f][kLevel][up];
                    if (enc.count(letter[f][t][up])) continue;
                    const std::string baseBytes = base < 0x80 ? std::string(1, char(base)) : enc.at(base);
                    enc.emplace(letter[f][t][up], baseBytes + enc.at(kToneMarks[t]));
                }

        for (int b = 0x80; b < 256; ++b) toCp1252.emplace(cp1252(static_cast<unsigned char>(b)), static_cast<unsigned char>(b));
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

// Appends `cp`, composing a combining tone mark with the vowel before it when one exists.
void appendComposed(std::u32string& out, char32_t cp) {
    const Tables& t = tables();
    int tone = 0;
    for (int k = 1; k < kToneCount; ++k)
        if (kToneMarks[k] == cp) tone = k;
    if (cp == 0x340) tone = kGrave;
    if (cp == 0x341) tone = kAcute;
    if (tone && !out.empty()) {
        const auto it = t.letters.find(out.back());
        if (it != t.letters.end() && it->second.tone == kLevel) {
            out.back() = t.letter[it->second.family][tone][it->second.upper];
            return;
        }
    }
    out.push_back(cp);
}

// strict: a byte the encoding leaves undefined becomes U+FFFD (for scoring) instead of its CP1252 reading.
std::u32string decodeCodePoints(std::string_view bytes, TextEncoding from, bool strict) {
    const Tables& t = tables();
    std::u32string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (from == TextEncoding::Utf8) {
            const Utf8Char c = decodeUtf8(bytes, i);
            appendComposed(out, c.cp);
            i += c.length;
            continue;
        }
        ++i;
        char32_t cp = b;
        if (from == TextEncoding::Cp1258) {
            cp = b < 0x80 ? b : kCp1258High[b - 0x80];
        } else if (from == TextEncoding::Tcvn3) {
            cp = strict && !t.tcvn3Defined[b] ? kBad : t.tcvn3[b];
        } else {
            if (i < bytes.size()) {
                const auto pair = t.vniPairs.find(std::string(bytes.substr(i - 1, 2)));
                if (pair != t.vniPairs.end()) {
                    out.push_back(pair->second);
                    ++i;
                    continue;
                }
            }
            cp = strict && !t.vniDefined[b] ? kBad : t.vniSingle[b];
        }
        appendComposed(out, cp);
    }
    return out;
}

std::string toUtf8(const std::u32string& cps) {
    std::string out;
    out.reserve(cps.size() * 2);
    for (char32_t cp : cps) appendUtf8(out, cp);
    return out;
}

// ---- Vietnamese syllables -------------------------------------------------------------------

const std::set<std::u32string>& nuclei() {
    static const std::set<std::u32string> s = {
        U"a", U"ă", U"â", U"e", U"ê", U"i", U"o", U"ô", U"ơ", U"u", U"ư", U"y", U"ai", U"ao", U"au", U"ay",
        U"âu", U"ây", U"eo", U"êu", U"ia", U"iê", U"iu", U"oa", U"oă", U"oe", U"oi", U"oo", U"ôi", U"ơi",
        U"ua", U"uâ", U"uê", U"ui", U"uô", U"uơ", U"uy", U"ưa", U"ưi", U"ưu", U"ươ", U"iêu", U"yê", U"yêu",
        U"oai", U"oay", U"oao", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê", U"uyu"};
    return s;
}
constexpr const char32_t* kOnsets[] = {U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th",
                                       U"tr", U"b", U"c", U"d", U"đ", U"g", U"h", U"k", U"l", U"m", U"n",
                                       U"p", U"r", U"s", U"t", U"v", U"x", U""};
constexpr const char32_t* kCodas[] = {U"ng", U"nh", U"ch", U"c", U"m", U"n", U"p", U"t", U""};

// ---- Detection ------------------------------------------------------------------------------

bool isAsciiSeparator(unsigned char b) {
    return b < 0x80 && !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
}

// Words (runs between ASCII non-letters) that hold a byte ≥ 0x80: the only ones where the
// candidate encodings differ.
void nonAsciiWords(std::string_view bytes, std::vector<std::string_view>& words, size_t limit) {
    size_t start = 0;
    for (size_t i = 0; i <= bytes.size() && words.size() < limit; ++i) {
        if (i < bytes.size() && !isAsciiSeparator(static_cast<unsigned char>(bytes[i]))) continue;
        const std::string_view w = bytes.substr(start, i - start);
        for (char c : w)
            if (static_cast<unsigned char>(c) >= 0x80) { words.push_back(w); break; }
        start = i + 1;
    }
}

struct Candidate {
    TextEncoding encoding;
    bool throughCp1252;
};

}  // namespace

std::string_view encodingName(TextEncoding e) {
    switch (e) {
        case TextEncoding::Utf8: return "UTF-8";
        case TextEncoding::Cp1258: return "CP1258";
        case TextEncoding::Tcvn3: return "TCVN3";
        case TextEncoding::Vni: return "VNI";
    }
    return "?";
}

std::optional<TextEncoding> encodingFromName(std::string_view name) {
    std::string key;
    for (char c : name) key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (key == "utf-8" || key == "utf8") return TextEncoding::Utf8;
    if (key == "cp1258" || key == "windows-1258") return TextEncoding::Cp1258;
    if (key == "tcvn3" || key == "abc" || key == "tcvn") return TextEncoding::Tcvn3;
    if (key == "vni" || key == "vni-windows") return TextEncoding::Vni;
    return std::nullopt;
}

std::optional<TextEncoding> encodingFromCodePageFile(std::string_view cpg) {
    std::string key;
    for (char c : cpg) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '_' || c == '-') continue;
        key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (key == "utf8" || key == "65001") return TextEncoding::Utf8;
    for (std::string_view prefix : {"", "cp", "windows", "ansi", "win"})
        if (key == std::string(prefix) + "1258") return TextEncoding::Cp1258;
    return std::nullopt;
}

namespace {

// TCVN3 has no capital toned vowels: text typed in capitals (a .VnTimeH font) stores them with the
// lower-case codes ("M¦êNG T×"). A text with a capital inside a word and no lower-case letter
// other than toned vowels is such a text, and its toned vowels are raised: "MƯỜNG TÈ". "Tè" and
// "Mù Cả" stay (an all-capital "MÙ CẢ" cannot be told from them and comes back so).
void raiseTcvn3Capitals(std::u32string& cps) {
    const Tables& t = tables();
    bool innerCapital = false;  // a capital that does not begin its word: "MƯ", not "Mù Cả"
    size_t inWord = 0;
    for (char32_t cp : cps) {
        const auto it = t.letters.find(cp);
        const bool upper = (cp >= 'A' && cp <= 'Z') || cp == 0x110 || (it != t.letters.end() && it->second.upper);
        const bool plainLower = (cp >= 'a' && cp <= 'z') || cp == 0x111 ||
                                (it != t.letters.end() && !it->second.upper && it->second.tone == kLevel);
        if (plainLower) return;
        if (upper && inWord > 0) innerCapital = true;
        inWord = upper || it != t.letters.end() ? inWord + 1 : 0;
    }
    if (!innerCapital) return;
    for (char32_t& cp : cps) {
        const auto it = t.letters.find(cp);
        if (it != t.letters.end() && !it->second.upper) cp = t.letter[it->second.family][it->second.tone][1];
    }
}

}  // namespace

std::string decodeText(std::string_view bytes, TextEncoding from) {
    std::u32string cps = decodeCodePoints(bytes, from, false);
    if (from == TextEncoding::Tcvn3) raiseTcvn3Capitals(cps);
    return toUtf8(cps);
}

std::string encodeText(std::string_view utf8, TextEncoding to) {
    const Tables& t = tables();
    std::u32string cps;
    for (size_t i = 0; i < utf8.size();) {
        const Utf8Char c = decodeUtf8(utf8, i);
        appendComposed(cps, c.cp);
        i += c.length;
    }
    std::string out;
    for (char32_t cp : cps) {
        if (to == TextEncoding::Utf8 || cp < 0x80) {
            appendUtf8(out, cp);
            continue;
        }
        const auto& table = t.encode[int(to)];
        const auto it = table.find(cp);
        out += it != table.end() ? it->second : std::string("?");
    }
    return out;
}

std::optional<std::string> cp1252Bytes(std::string_view utf8) {
    const Tables& t = tables();
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        const Utf8Char c = decodeUtf8(utf8, i);
        if (!c.valid) return std::nullopt;
        i += c.length;
        if (c.cp < 0x80 || (c.cp >= 0xA0 && c.cp <= 0xFF)) { out += static_cast<char>(c.cp); continue; }
        const auto it = t.toCp1252.find(c.cp);
        if (it == t.toCp1252.end()) return std::nullopt;
        out += static_cast<char>(it->second);
    }
    return out;
}

std::string readAsCp1252(std::string_view bytes) {
    std::string out;
    for (char c : bytes) appendUtf8(out, cp1252(static_cast<unsigned char>(c)));
    return out;
}

bool isVietnameseSyllable(std::string_view word) {
    const Tables& t = tables();
    std::u32string skeleton;  // lower case, tones removed
    int tones = 0, tone = kLevel;
    for (size_t i = 0; i < word.size();) {
        const Utf8Char c = decodeUtf8(word, i);
        i += c.length;
        const auto it = t.letters.find(c.cp);
        if (it != t.letters.end()) {
            skeleton += t.letter[it->second.family][kLevel][0];
            if (it->second.tone != kLevel) { ++tones; tone = it->second.tone; }
        } else if (c.cp == 0x110 || c.cp == 0x111) {
            skeleton += U'đ';
        } else if (c.cp >= 'a' && c.cp <= 'z') {
            skeleton += c.cp;
        } else if (c.cp >= 'A' && c.cp <= 'Z') {
            skeleton += c.cp - 'A' + 'a';
        } else {
            return false;
        }
    }
    if (tones > 1 || skeleton.empty()) return false;
    for (const char32_t* onset : kOnsets) {
        const std::u32string_view on(onset);
        if (!std::u32string_view(skeleton).starts_with(on)) continue;
        for (const char32_t* coda : kCodas) {
            const std::u32string_view co(coda);
            if (on.size() + co.size() >= skeleton.size() || !std::u32string_view(skeleton).ends_with(co)) continue;
            // A syllable closed by c, ch, p or t carries the acute or the dot below.
            const bool stop = co == U"c" || co == U"ch" || co == U"p" || co == U"t";
            if (stop && tone != kAcute && tone != kDotBelow) continue;
            if (nuclei().count(skeleton.substr(on.size(), skeleton.size() - on.size() - co.size()))) return true;
        }
    }
    return false;
}

EncodingGuess detectEncoding(const std::vector<std::string>& texts) {
    return detectEncoding(texts, TextEncoding::Utf8);
}

namespace {

EncodingGuess detect(const std::vector<std::string>& texts, const std::vector<Candidate>& candidates) {
    constexpr size_t kSampleWords = 20000;  // enough to decide; keeps a 100,000-row import fast
    std::vector<std::string_view> direct, through;
    std::vector<std::string> throughBytes;
    bool utf8 = true, cp1252Route = true;
    throughBytes.reserve(texts.size());
    for (const std::string& text : texts) {
        utf8 = utf8 && isUtf8(text);
        if (cp1252Route) {
            std::optional<std::string> b = cp1252Bytes(text);
            if (b) throughBytes.push_back(std::move(*b));
            else cp1252Route = false;
        }
    }
    for (const std::string& text : texts) nonAsciiWords(text, direct, kSampleWords);
    if (cp1252Route)
        for (const std::string& b : throughBytes) nonAsciiWords(b, through, kSampleWords);

    EncodingGuess best;
    best.words = static_cast<int>(direct.size());
    bool have = false;
    for (const Candidate& c : candidates) {
        if (c.throughCp1252 && !cp1252Route) continue;
        if (!c.throughCp1252 && c.encoding == TextEncoding::Utf8 && !utf8) continue;
        const auto& words = c.throughCp1252 ? through : direct;
        int good = 0;
        for (std::string_view w : words) {
            const std::u32string cps = decodeCodePoints(w, c.encoding, true);
            if (cps.find(kBad) == std::u32string::npos && isVietnameseSyllable(toUtf8(cps))) ++good;
        }
        // Valid UTF-8 is only converted when another reading makes at least half of its non-ASCII
        // words Vietnamese: a French or Lao name in a UTF-8 file must not be "repaired" by chance.
        const bool beatsUtf8 = !have || best.converts() || 2 * good >= static_cast<int>(words.size());
        if (!have || (good > best.vietnameseWords && beatsUtf8)) {
            best = {c.encoding, c.throughCp1252, static_cast<int>(words.size()), good};
            have = true;
        }
    }
    if (!have) best = {TextEncoding::Cp1258, false, static_cast<int>(direct.size()), 0};  // invalid UTF-8, nothing scored
    return best;
}

}  // namespace

EncodingGuess detectEncoding(const std::vector<std::string>& texts, TextEncoding given) {
    std::vector<Candidate> candidates;
    if (given != TextEncoding::Utf8) {
        // Forced: that encoding, read directly or (for Excel and Latin-1 readers) through CP1252.
        candidates = {{given, false}, {given, true}};
        EncodingGuess g = detect(texts, candidates);
        if (g.encoding != given) g = {given, false, g.words, 0};
        return g;
    }
    candidates = {{TextEncoding::Utf8, false}, {TextEncoding::Cp1258, false}, {TextEncoding::Tcvn3, false},
                  {TextEncoding::Vni, false},  {TextEncoding::Utf8, true},    {TextEncoding::Tcvn3, true},
                  {TextEncoding::Vni, true}};
    return detect(texts, candidates);
}

std::string convertText(std::string_view bytes, const EncodingGuess& guess) {
    if (guess.throughCp1252) {
        if (const std::optional<std::string> b = cp1252Bytes(bytes)) return decodeText(*b, guess.encoding);
    }
    return decodeText(bytes, guess.encoding);
}

std::string guessName(const EncodingGuess& guess) {
    std::string name(encodingName(guess.encoding));
    if (guess.throughCp1252) name += " (read as CP1252)";
    return name;
}

}  // namespace gapmap
