// The hand-written CP1258 table of core/legacy_encoding.cpp checked against ICU's "windows-1258"
// converter (followed by NFC), byte by byte and on Vietnamese text with combining tone bytes.
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

#include "core/legacy_encoding.h"
#include "io/unicode.h"

namespace {

std::string icuWindows1258(const std::string& bytes) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open("windows-1258", &status);
    REQUIRE(U_SUCCESS(status));
    icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), conv, status);
    ucnv_close(conv);
    REQUIRE(U_SUCCESS(status));
    std::string out;
    text.toUTF8String(out);
    return gapmap::toNfc(out);
}

}  // namespace

TEST_CASE("legacy encodings: CP1258 decodes as ICU's windows-1258 does", "[legacy_encoding]") {
    using gapmap::TextEncoding;
    int compared = 0;
    for (int b = 0x20; b < 0x100; ++b) {
        const std::string byte(1, static_cast<char>(b));
        const std::string icu = icuWindows1258(byte);
        if (icu == "\xEF\xBF\xBD" || icu == "\x1A" || (b >= 0x80 && b < 0xA0 && icu.size() == 2 && icu[0] == '\xC2'))
            continue;  // unassigned in windows-1258: ICU substitutes, gapmap gives U+FFFD
        INFO(b);
        CHECK(gapmap::decodeText(byte, TextEncoding::Cp1258) == icu);
        ++compared;
    }
    CHECK(compared > 200);
    for (const std::string text : {"Mường Tè, Nậm Nhùn, Sìn Hồ, Phong Thổ, Huổi Ho", "ĐIỆN BIÊN, Ấp Ủ, Ỹ Ỵ ỷ ữ ặ ẫ"}) {
        const std::string bytes = gapmap::encodeText(text, TextEncoding::Cp1258);
        CHECK(icuWindows1258(bytes) == text);
        CHECK(gapmap::decodeText(bytes, TextEncoding::Cp1258) == text);
    }
}
