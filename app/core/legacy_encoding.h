// Vietnamese text in the encodings older files still use — TCVN3 (ABC), VNI-Windows, CP1258 —
// and UTF-8 mangled by a CP1252 reading (mojibake): detection by scoring, conversion to UTF-8.
// Standard library only (ICU has no TCVN3 or VNI): the byte tables are written from the published charts.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gapmap {

enum class TextEncoding { Utf8, Cp1258, Tcvn3, Vni };

std::string_view encodingName(TextEncoding encoding);  // "UTF-8", "CP1258", "TCVN3", "VNI"
// As `--encoding` takes it: utf-8/utf8, cp1258/windows-1258, tcvn3/abc, vni; any case.
std::optional<TextEncoding> encodingFromName(std::string_view name);
// The encoding a shapefile's .cpg names, when it is one gapmap converts itself: UTF-8 ("UTF-8",
// "utf8", "65001") or CP1258 ("1258", "CP1258", "windows-1258", "ANSI 1258", "ansi_1258"), any
// case, blanks and a trailing newline ignored. nullopt for any other code page (GDAL converts those).
std::optional<TextEncoding> encodingFromCodePageFile(std::string_view cpg);

// `bytes` in `from` as UTF-8, tone marks composed with their vowel (NFC for Vietnamese letters).
// Never fails and always returns valid UTF-8: an invalid UTF-8 sequence or a byte the encoding
// does not define becomes U+FFFD.
std::string decodeText(std::string_view bytes, TextEncoding from);

// UTF-8 into `to` (the inverse of decodeText; for tests and the bad-input corpus generator).
// Characters the encoding lacks become '?'. TCVN3 has no capital toned vowels: they are written
// with the lower-case codes, as documents typed in the capital ".VnTimeH" fonts store them.
std::string encodeText(std::string_view utf8, TextEncoding to);

// Undoes a CP1252 reading (Windows' own, C1 controls included for its five unused bytes): every
// character of `utf8` back to its byte. nullopt when `utf8` is not valid UTF-8 or a character has
// no CP1252 byte (any real Vietnamese UTF-8 text has several: ư, ơ, ạ …).
std::optional<std::string> cp1252Bytes(std::string_view utf8);
// Every byte read as CP1252 and written as UTF-8: how mojibake is made (tests, corpus).
std::string readAsCp1252(std::string_view bytes);

// Whether one word (UTF-8, any case) is spelled as a Vietnamese syllable: onset, vowel nucleus,
// coda, at most one tone. The detector's measure of a good conversion.
bool isVietnameseSyllable(std::string_view word);

struct EncodingGuess {
    TextEncoding encoding = TextEncoding::Utf8;
    // The text was valid UTF-8 whose characters are the CP1252 bytes of `encoding`: mojibake
    // (encoding Utf8), or TCVN3/VNI text that went through a Latin-1 reader or a .VnTime font in Excel.
    bool throughCp1252 = false;
    int words = 0;            // words with non-ASCII bytes in the sample
    int vietnameseWords = 0;  // of those, Vietnamese syllables once converted this way
    bool converts() const { return encoding != TextEncoding::Utf8 || throughCp1252; }
};

// Scores every candidate on all `texts` together (one file is in one encoding) by the number of
// non-ASCII words that become Vietnamese syllables; ties go to plain UTF-8, then CP1258, TCVN3, VNI.
// UTF-8 is out when any text is invalid UTF-8; the CP1252 routes when any character lacks a byte.
EncodingGuess detectEncoding(const std::vector<std::string>& texts);
// The encoding given (`--encoding`); a CP1252 route is still taken when it scores better.
EncodingGuess detectEncoding(const std::vector<std::string>& texts, TextEncoding given);

// `bytes` converted as `guess` says; always valid UTF-8.
std::string convertText(std::string_view bytes, const EncodingGuess& guess);

// "TCVN3", "VNI", "CP1258", "UTF-8 read as CP1252", "TCVN3 read as CP1252" … for the import summary.
std::string guessName(const EncodingGuess& guess);

}  // namespace gapmap
