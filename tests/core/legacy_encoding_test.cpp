#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/legacy_encoding.h"
#include "core/utf8.h"
#include "core/vietnamese_letters.h"

using namespace gapmap;

namespace {

// Lai Châu place names: every tone and every vowel modifier occurs at least once.
const std::vector<std::string> kPlaces = {
    "Huổi Ho", "Mường Tè", "Nậm Nhùn", "Sìn Hồ", "Phong Thổ", "Tam Đường", "Than Uyên", "Tân Uyên",
    "Lai Châu", "Ka Lăng", "Thu Lũm", "Dào San", "Mù Cả", "Bum Nưa", "Nậm Hàng", "Khổng Lào",
    "Bản Giang", "Nùng Nàng", "Hua Bum", "Pắc Ta", "Mường Kim", "Phúc Khoa", "Trung Đồng", "Khoen On",
    "Pha Mu", "Tà Hừa", "Phìn Hồ", "Ma Quai", "Nậm Tăm", "Làng Mô", "Chăn Nưa", "Lùng Thàng",
    "Xà Dề Phìn", "Pa Vây Sử", "Hoàng Thèn", "Tông Qua Lìn", "Vàng San", "Bình Lư", "Sơn Bình",
    "Nà Tăm", "Bản Bo", "Hố Mít", "Khun Há", "Mường Mít", "Pha Mu", "Tà Mung", "Thân Thuộc", "Trung Chải",
    "Hồ Thầu", "Nậm Xe", "Mường Than", "Phúc Than", "Mường Cang", "Tà Gia", "Khoen On", "Nậm Sỏ", "Pú Đao"};

std::string joined() {
    std::string all;
    for (const std::string& p : kPlaces) all += p + ", ";
    return all;
}

std::vector<std::string> everyLetter(bool upper) {
    std::vector<std::string> out;
    for (const VowelFamily& f : kVowels) {
        const std::string_view s(upper ? f.upper : f.lower);
        for (size_t i = 0; i < s.size();) {
            const Utf8Char c = decodeUtf8(s, i);
            out.emplace_back(s.substr(i, c.length));
            i += c.length;
        }
    }
    out.push_back(upper ? "Đ" : "đ");
    return out;
}

}  // namespace

TEST_CASE("legacy encodings: bytes from the published charts", "[legacy_encoding]") {
    // TCVN3: ư = 0xAD, ờ = 0xEA, è = 0xCC, ệ = 0xD6, Đ = 0xA7, ổ = 0xE6.
    CHECK(encodeText("Mường Tè", TextEncoding::Tcvn3) == "M\xAD\xEAng T\xCC");
    CHECK(decodeText("Vi\xD6t Nam", TextEncoding::Tcvn3) == "Việt Nam");
    CHECK(decodeText("\xA7\xE6", TextEncoding::Tcvn3) == "Đổ");
    // VNI: the classic "Vieät Nam"; ư = ö, ờ = ô + ø, đ = ñ.
    CHECK(decodeText("Vie\xE4t Nam", TextEncoding::Vni) == "Việt Nam");
    CHECK(encodeText("Mường Tè", TextEncoding::Vni) == "M\xF6\xF4\xF8ng Te\xF8");
    CHECK(decodeText("TIE\xC1NG VIE\xC4T", TextEncoding::Vni) == "TIẾNG VIỆT");
    CHECK(decodeText("\xF1o\xE1i", TextEncoding::Vni) == "đối");
    // CP1258: precomposed è = 0xE8, ư = 0xFD, ơ = 0xF5; ờ = ơ + combining grave 0xCC.
    CHECK(decodeText("M\xFD\xF5\xCCng T\xE8", TextEncoding::Cp1258) == "Mường Tè");
    CHECK(encodeText("Mường Tè", TextEncoding::Cp1258) == "M\xFD\xF5\xCCng T\xE8");
    CHECK(decodeText("\xD0i\xEAn Bi\xEA\xF2n", TextEncoding::Cp1258) == "Điên Biện");
}

TEST_CASE("legacy encodings: every Vietnamese letter round-trips", "[legacy_encoding]") {
    for (TextEncoding e : {TextEncoding::Utf8, TextEncoding::Cp1258, TextEncoding::Tcvn3, TextEncoding::Vni}) {
        INFO(encodingName(e));
        for (const std::string& letter : everyLetter(false)) {
            INFO(letter);
            const std::string bytes = encodeText(letter, e);
            CHECK(bytes.find('?') == std::string::npos);
            CHECK(decodeText(bytes, e) == letter);
        }
        const std::vector<std::string> upper = everyLetter(true), lower = everyLetter(false);
        for (size_t i = 0; i < upper.size(); ++i) {
            INFO(upper[i]);
            const std::string back = decodeText(encodeText(upper[i], e), e);
            // TCVN3 has only seven capitals (Ă Â Ê Ô Ơ Ư Đ) and the plain ASCII ones: a capital
            // with a tone is stored with the lower-case code and comes back lower case.
            const bool toned = i % kToneCount != 0 && i != upper.size() - 1;
            if (e == TextEncoding::Tcvn3 && toned) CHECK(back == lower[i]);
            else CHECK(back == upper[i]);
        }
    }
}

TEST_CASE("legacy encodings: place names round-trip and stay Vietnamese syllables", "[legacy_encoding]") {
    for (const std::string& place : kPlaces) {
        INFO(place);
        for (TextEncoding e : {TextEncoding::Cp1258, TextEncoding::Tcvn3, TextEncoding::Vni})
            CHECK(decodeText(encodeText(place, e), e) == place);
        size_t start = 0;
        while (start < place.size()) {
            const size_t space = std::min(place.find(' ', start), place.size());
            CHECK(isVietnameseSyllable(place.substr(start, space - start)));
            start = space + 1;
        }
    }
    // TCVN3 has no capital toned vowels (documents used the capital .VnTimeH font with the
    // lower-case codes), so "Pa Ủ" comes back as "Pa ủ".
    CHECK(decodeText(encodeText("Pa Ủ", TextEncoding::Tcvn3), TextEncoding::Tcvn3) == "Pa ủ");
    // A text all in capitals gets its toned vowels back in capitals.
    CHECK(encodeText("MƯỜNG TÈ", TextEncoding::Tcvn3) == "M\xA6\xEANG T\xCC");
    CHECK(decodeText("M\xA6\xEANG T\xCC", TextEncoding::Tcvn3) == "MƯỜNG TÈ");
    CHECK(decodeText(encodeText("XÃ PA Ủ", TextEncoding::Tcvn3), TextEncoding::Tcvn3) == "XÃ PA Ủ");
    CHECK(decodeText(encodeText("Tè", TextEncoding::Tcvn3), TextEncoding::Tcvn3) == "Tè");
    CHECK(decodeText(encodeText("Pa Ủ", TextEncoding::Vni), TextEncoding::Vni) == "Pa Ủ");
    CHECK_FALSE(isVietnameseSyllable("Viá»‡t"));
    CHECK_FALSE(isVietnameseSyllable("Vieät"));
    CHECK_FALSE(isVietnameseSyllable("Mườờng"));  // two tones
    CHECK_FALSE(isVietnameseSyllable("mat"));     // a closed syllable needs acute or dot below
}

TEST_CASE("legacy encodings: the detector picks the encoding of short and long texts", "[legacy_encoding]") {
    for (TextEncoding e : {TextEncoding::Cp1258, TextEncoding::Tcvn3, TextEncoding::Vni}) {
        INFO(encodingName(e));
        for (const std::string& text : {std::string("Mường Tè"), std::string("Huổi Ho"), std::string("Nậm Nhùn"), joined()}) {
            INFO(text);
            const EncodingGuess g = detectEncoding({encodeText(text, e)});
            CHECK(g.encoding == e);
            CHECK_FALSE(g.throughCp1252);
            CHECK(convertText(encodeText(text, e), g) == text);
        }
    }
    const EncodingGuess utf8 = detectEncoding({joined()});
    CHECK(utf8.encoding == TextEncoding::Utf8);
    CHECK_FALSE(utf8.converts());
    CHECK(utf8.vietnameseWords == utf8.words);
    CHECK_FALSE(detectEncoding({"Lai Chau", "Sin Ho"}).converts());  // plain ASCII stays as it is
    // Valid UTF-8 with foreign names is not "repaired" because one word happens to read as TCVN3.
    CHECK_FALSE(detectEncoding({"Café Noël, São Tomé, Zürich, Ångström"}).converts());
}

TEST_CASE("legacy encodings: mojibake and legacy text read as CP1252 are repaired", "[legacy_encoding]") {
    const std::string mojibake = readAsCp1252("Mường Tè, Nậm Nhùn");
    CHECK(mojibake == "M\u00C6\u00B0\u00E1\u00BB\xC2\x9D" "ng T\u00C3\u00A8, N\u00E1\u00BA\xC2\xAD" "m Nh\u00C3\u00B9n");
    EncodingGuess g = detectEncoding({mojibake});
    CHECK(g.encoding == TextEncoding::Utf8);
    CHECK(g.throughCp1252);
    CHECK(convertText(mojibake, g) == "Mường Tè, Nậm Nhùn");
    // TCVN3 typed in Excel with a .VnTime font: each byte is stored as its CP1252 character.
    const std::string excel = readAsCp1252(encodeText("Sìn Hồ, Phong Thổ", TextEncoding::Tcvn3));
    g = detectEncoding({excel});
    CHECK(g.encoding == TextEncoding::Tcvn3);
    CHECK(g.throughCp1252);
    CHECK(convertText(excel, g) == "Sìn Hồ, Phong Thổ");
    CHECK(guessName(g) == "TCVN3 (read as CP1252)");
}

TEST_CASE("legacy encodings: forced encodings and invalid bytes", "[legacy_encoding]") {
    const std::string vni = encodeText("Huổi Ho", TextEncoding::Vni);
    CHECK(detectEncoding({vni}, TextEncoding::Vni).encoding == TextEncoding::Vni);
    const EncodingGuess forced = detectEncoding({vni}, TextEncoding::Tcvn3);  // the user's word wins
    CHECK(forced.encoding == TextEncoding::Tcvn3);
    CHECK(isUtf8(convertText(vni, forced)));
    CHECK(encodingFromName("ABC") == TextEncoding::Tcvn3);
    CHECK(encodingFromName("windows-1258") == TextEncoding::Cp1258);
    CHECK_FALSE(encodingFromName("latin9"));
    // Truncated and overlong UTF-8 never leaves the converter.
    const std::string broken = "Nh\xE1\xBB\xA0\xC0\xAF\xF0\x9F";
    for (TextEncoding e : {TextEncoding::Utf8, TextEncoding::Cp1258, TextEncoding::Tcvn3, TextEncoding::Vni})
        CHECK(isUtf8(decodeText(broken, e)));
    CHECK(decodeText("a\xFF", TextEncoding::Utf8) == "a\xEF\xBF\xBD");
    CHECK(isUtf8(convertText(broken, detectEncoding({broken}))));
}

TEST_CASE("a .cpg names CP1258 and UTF-8 in every spelling desktop GIS writes", "[core][encoding]") {
    for (const char* cpg : {"1258", "CP1258", "cp1258", "windows-1258", "Windows-1258", "ANSI 1258", "ansi_1258", "CP1258\r\n", " 1258 \n"}) {
        INFO(cpg);
        CHECK(encodingFromCodePageFile(cpg) == TextEncoding::Cp1258);
    }
    for (const char* cpg : {"UTF-8", "utf8", "65001", "UTF-8\n"}) CHECK(encodingFromCodePageFile(cpg) == TextEncoding::Utf8);
    for (const char* cpg : {"1252", "ANSI 1252", "874", "", "CP12580", "88591"}) {
        INFO(cpg);
        CHECK_FALSE(encodingFromCodePageFile(cpg));
    }
}
