// Vietnamese name folding: the keys that let "Xã Nậm Ban", "NAM BAN" and a decomposed (NFD)
// spelling find each other when imports are joined by name, and when the user searches.
// Standard library only: no ICU, no GDAL. Tables for the Vietnamese alphabet live in the .cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gapmap {

// Folded form for matching: UTF-8 decoded; lower-cased; every Vietnamese tone mark and vowel
// diacritic removed, whether precomposed (NFC "ổ") or decomposed (NFD "o" + U+0302 + U+0309);
// đ/Đ -> d; combining marks dropped; other Latin-1 / Latin Extended-A letters folded to their
// base (é -> e, ß -> ss); punctuation, hyphens and Unicode spaces -> one space; trimmed.
// Characters outside Latin (Lao, CJK …) are kept as they are. Each invalid UTF-8 byte becomes '?'.
std::string foldVietnamese(std::string_view utf8);

struct SplitName {
    std::string prefix;  // as written, trimmed ("TP." keeps its dot); empty when none
    std::string rest;    // trimmed
};

// Splits a leading administrative or settlement prefix (xã, phường, thị trấn, thị xã, huyện, quận,
// thành phố, TP, tỉnh, đặc khu, thôn, bản, xóm, làng, ấp, tổ dân phố, tổ, khu, khối, buôn,
// plei/plây, sóc) off a name. Words are compared case- and NFC/NFD-insensitively; a word typed
// with diacritics must carry the prefix's own ("Quan Hóa" is not "Quận Hóa"), a word typed in
// plain ASCII matches by its folded form ("Xa Nam Ban"). The prefix must end at a word boundary
// and be followed by more text; the longest prefix wins ("Tổ dân phố" before "Tổ"). A few proper
// names that begin with a prefix word ("Sóc Trăng", "Buôn Ma Thuột") are never split.
SplitName splitAdminPrefix(std::string_view utf8);
// The same, but a prefix word must be written with the prefix's own marks (any case, NFC or NFD):
// what storage may split ("Xa Dung", a commune of Điện Biên, stays whole; "Xã Nậm Ban" splits).
SplitName splitAdminPrefixAsWritten(std::string_view utf8);

// The key names are joined by: foldVietnamese(splitAdminPrefix(name).rest).
// "Xã Nậm Ban", "nam ban", "NẬM BAN" and the NFD spelling all give "nam ban".
std::string nameKey(std::string_view utf8);

// The canonical kind stored in the project file for a prefix as written: NFC, lower case,
// Vietnamese spelling ("Xã" -> "xã", "TP." -> "thành phố", "Plây" -> "plei"); empty for
// anything that is not one of the prefixes above.
std::string canonicalKind(std::string_view prefix);

// One word as search compares it: `folded` as foldVietnamese gives it, and `marked` holding
// three characters per letter (base, modifier digit, tone digit: "ổ" -> "o34"), so a query
// typed with some marks can match names whose other letters carry marks the user left out.
struct SearchWord {
    std::string folded;
    std::string marked;
};
std::vector<SearchWord> searchWords(std::string_view utf8);

}  // namespace gapmap
