#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/text_fold.h"

using gapmap::canonicalKind;
using gapmap::foldVietnamese;
using gapmap::nameKey;
using gapmap::splitAdminPrefix;

namespace {

// Splits valid UTF-8 into one string per code point (test input only, so no validation).
std::vector<std::string> codePoints(std::string_view s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        out.emplace_back(s.substr(i, len));
        i += len;
    }
    return out;
}

std::string prefixOf(std::string_view name) { return splitAdminPrefix(name).prefix; }
std::string restOf(std::string_view name) { return splitAdminPrefix(name).rest; }

}  // namespace

TEST_CASE("every precomposed Vietnamese letter folds to its ASCII base", "[text_fold]") {
    // Tone order: level, grave, acute, hook, tilde, dot below. Level a e i o u y are ASCII.
    const std::vector<std::pair<char, std::string>> families = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậ"}, {'a', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
        {'e', "èéẻẽẹêềếểễệ"},       {'e', "ÈÉẺẼẸÊỀẾỂỄỆ"},
        {'i', "ìíỉĩị"},             {'i', "ÌÍỈĨỊ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợ"}, {'o', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
        {'u', "ùúủũụưừứửữự"},       {'u', "ÙÚỦŨỤƯỪỨỬỮỰ"},
        {'y', "ỳýỷỹỵ"},             {'y', "ỲÝỶỸỴ"},
        {'d', "đ"},                 {'d', "Đ"},
    };
    size_t letters = 0;
    for (const auto& [base, family] : families) {
        for (const std::string& letter : codePoints(family)) {
            INFO(letter);
            CHECK(foldVietnamese(letter) == std::string(1, base));
            ++letters;
        }
    }
    CHECK(letters == 134);
}

TEST_CASE("folding lower-cases and strips tones from whole names", "[text_fold]") {
    CHECK(foldVietnamese("ĐIỆN BIÊN") == "dien bien");
    CHECK(foldVietnamese("Điện Biên Phủ") == "dien bien phu");
    CHECK(foldVietnamese("Mường Tè") == "muong te");
    CHECK(foldVietnamese("Sìn Hồ") == "sin ho");
    CHECK(foldVietnamese("Nậm Ban") == "nam ban");
    CHECK(foldVietnamese("đắk lắk") == "dak lak");
    CHECK(foldVietnamese("ABC xyz 123") == "abc xyz 123");
}

TEST_CASE("decomposed (NFD) spellings fold like precomposed ones", "[text_fold]") {
    // "Nậm": a + U+0323 dot below (CC A3) + U+0302 circumflex (CC 82), the canonical NFD order.
    CHECK(foldVietnamese("Na\xcc\xa3\xcc\x82m") == "nam");
    // The same letter as precomposed â + U+0323, and with the marks in the other order.
    CHECK(foldVietnamese("N\xc3\xa2\xcc\xa3m") == "nam");
    CHECK(foldVietnamese("Na\xcc\x82\xcc\xa3m") == "nam");
    // "ổ" as o + U+0302 + U+0309 (CC 89); "Đ" has no decomposition and stays U+0110.
    CHECK(foldVietnamese("Huo\xcc\x82\xcc\x89i") == "huoi");
    CHECK(nameKey("X\xc3\xa3 Na\xcc\xa3\xcc\x82m Ban") == nameKey("Xã Nậm Ban"));
    CHECK(nameKey("Xa\xcc\x83 Na\xcc\xa3\xcc\x82m Ban") == "nam ban");
}

TEST_CASE("any combining mark in U+0300-U+036F is dropped", "[text_fold]") {
    CHECK(foldVietnamese("a\xcc\x80") == "a");      // U+0300 grave
    CHECK(foldVietnamese("e\xcd\xaf") == "e");      // U+036F, the end of the block
    CHECK(foldVietnamese("\xcc\x81" "abc") == "abc");  // a stray mark with no letter before it
}

TEST_CASE("punctuation, hyphens and whitespace runs become single spaces", "[text_fold]") {
    CHECK(foldVietnamese("  Nà-Pồng  ") == "na pong");
    CHECK(foldVietnamese("TP.  Lai\tChâu") == "tp lai chau");
    CHECK(foldVietnamese("Huổi\xc2\xa0Ho") == "huoi ho");        // NBSP
    CHECK(foldVietnamese("Phiêng \xe2\x80\x93 Lồng") == "phieng long");  // en dash
    CHECK(foldVietnamese("(Bản) \"Mới\"") == "ban moi");
    CHECK(foldVietnamese("") == "");
    CHECK(foldVietnamese(" - ") == "");
}

TEST_CASE("other Latin letters fold sensibly", "[text_fold]") {
    CHECK(foldVietnamese("Café") == "cafe");
    CHECK(foldVietnamese("Ñandú Über") == "nandu uber");
    CHECK(foldVietnamese("Straße") == "strasse");
    CHECK(foldVietnamese("Łódź") == "lodz");
}

TEST_CASE("characters outside Latin are kept", "[text_fold]") {
    CHECK(foldVietnamese("ບ້ານ") == "ບ້ານ");  // Lao
}

TEST_CASE("invalid UTF-8 does not crash and gives one '?' per byte", "[text_fold]") {
    CHECK(foldVietnamese("a\xff" "b") == "a?b");
    CHECK(foldVietnamese("\xe1\xba") == "??");          // truncated three-byte sequence
    CHECK(foldVietnamese("\xc0\xaf") == "??");          // overlong '/'
    CHECK(foldVietnamese("\xed\xa0\x80") == "???");     // a UTF-16 surrogate
    CHECK(foldVietnamese("\x80x") == "?x");             // stray continuation byte
    CHECK(nameKey("X\xe3 \xff") == "x? ?");
    CHECK(restOf("\xff\xfe") == "\xff\xfe");
}

TEST_CASE("administrative prefixes are split off", "[text_fold]") {
    CHECK(prefixOf("Xã Nậm Ban") == "Xã");
    CHECK(restOf("Xã Nậm Ban") == "Nậm Ban");
    CHECK(prefixOf("Thị trấn Sìn Hồ") == "Thị trấn");
    CHECK(restOf("Thị trấn Sìn Hồ") == "Sìn Hồ");
    CHECK(prefixOf("TP. Lai Châu") == "TP.");
    CHECK(restOf("TP. Lai Châu") == "Lai Châu");
    CHECK(prefixOf("TP Lai Châu") == "TP");
    CHECK(prefixOf("Bản Huổi Ho") == "Bản");
    CHECK(restOf("Bản Huổi Ho") == "Huổi Ho");
    CHECK(prefixOf("Tổ dân phố 5") == "Tổ dân phố");
    CHECK(restOf("Tổ dân phố 5") == "5");
    CHECK(prefixOf("Tổ 5") == "Tổ");
    CHECK(prefixOf("Thành phố Điện Biên Phủ") == "Thành phố");
    CHECK(prefixOf("Thị xã Mường Lay") == "Thị xã");
    CHECK(prefixOf("Đặc khu Phú Quốc") == "Đặc khu");
    CHECK(prefixOf("Plei Ốp") == "Plei");
    CHECK(prefixOf("Plây Ku") == "Plây");
    CHECK(prefixOf("Ấp Tân Hòa") == "Ấp");
    CHECK(prefixOf("Sóc Tà Lọt") == "Sóc");
}

TEST_CASE("prefixes match whatever the case, spacing or normalisation", "[text_fold]") {
    CHECK(prefixOf("  XÃ   Nậm Ban ") == "XÃ");
    CHECK(restOf("  XÃ   Nậm Ban ") == "Nậm Ban");
    CHECK(prefixOf("thị TRẤN Sìn Hồ") == "thị TRẤN");
    CHECK(prefixOf("Xa\xcc\x83 Nậm Ban") == "Xa\xcc\x83");
    CHECK(prefixOf("Xa Nam Ban") == "Xa");          // typed without Vietnamese input
    CHECK(restOf("Xã - Nậm Ban") == "Nậm Ban");
}

TEST_CASE("a prefix must be a whole word with more text after it", "[text_fold]") {
    CHECK(prefixOf("Bản") == "");
    CHECK(restOf("Bản") == "Bản");
    CHECK(restOf("  Thị trấn ") == "Thị trấn");
    CHECK(prefixOf("Xãnậm") == "");
    CHECK(prefixOf("Khuổi Luông") == "");
}

TEST_CASE("words with other diacritics are not prefixes", "[text_fold]") {
    CHECK(prefixOf("Quan Hóa") == "");   // Quan is not Quận
    CHECK(prefixOf("Lạng Sơn") == "");   // Lạng is not Làng
    CHECK(prefixOf("Tô Múa") == "");     // Tô is not Tổ
    CHECK(prefixOf("Bàn Cờ") == "");     // Bàn is not Bản
}

TEST_CASE("known proper names that start with a prefix word stay whole", "[text_fold]") {
    CHECK(prefixOf("Sóc Trăng") == "");
    CHECK(nameKey("Tỉnh Sóc Trăng") == nameKey("Sóc Trăng"));
    CHECK(nameKey("Thành phố Buôn Ma Thuột") == "buon ma thuot");
    CHECK(nameKey("Buôn Ma Thuột") == "buon ma thuot");
    CHECK(nameKey("Lang Son") == "lang son");
}

TEST_CASE("name keys join the spellings a province actually uses", "[text_fold]") {
    CHECK(nameKey("Xã Nậm Ban") == "nam ban");
    CHECK(nameKey("nam ban") == "nam ban");
    CHECK(nameKey("NẬM BAN") == "nam ban");
    CHECK(nameKey("Huổi Ho") == "huoi ho");
    CHECK(nameKey("Bản Huổi Ho") == "huoi ho");
    CHECK(nameKey("TP. Lai Châu") == "lai chau");
    CHECK(nameKey("Tổ dân phố 5") == "5");
    CHECK(nameKey("Bản") == "ban");
}

TEST_CASE("canonical kinds are NFC lower-case Vietnamese", "[text_fold]") {
    CHECK(canonicalKind("Xã") == "x\xc3\xa3");
    CHECK(canonicalKind("TP") == "thành phố");
    CHECK(canonicalKind("TP.") == "thành phố");
    CHECK(canonicalKind("Thị Trấn") == "thị trấn");
    CHECK(canonicalKind("Thôn") == "thôn");
    CHECK(canonicalKind("PHƯỜNG") == "phường");
    CHECK(canonicalKind("Tổ dân phố") == "tổ dân phố");
    CHECK(canonicalKind("Plây") == "plei");
    CHECK(canonicalKind("xa") == "xã");
    CHECK(canonicalKind("Xa\xcc\x83") == "xã");
    CHECK(canonicalKind("") == "");
    CHECK(canonicalKind("Quan") == "quận");
    CHECK(canonicalKind("Thị") == "");
    CHECK(canonicalKind("Bàn") == "");
}

TEST_CASE("split prefixes map to their canonical kind", "[text_fold]") {
    CHECK(canonicalKind(prefixOf("Thị trấn Sìn Hồ")) == "thị trấn");
    CHECK(canonicalKind(prefixOf("TP. Lai Châu")) == "thành phố");
    CHECK(canonicalKind(prefixOf("Nậm Ban")) == "");
}
