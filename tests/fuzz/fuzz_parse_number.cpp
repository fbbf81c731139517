// Fuzzes the number and flag parsing of commune spreadsheets (app/core/parse.h).
// Raw bytes: surrounding spaces and no-break spaces never change a result, a parsed integer reads
// back from its plain digits, a parsed real is finite, a flag is stable under trimming.
// Numbers written by formatLocaleNumber (app/core/i18n.h) in Vietnamese ("1.234.567,5") and English
// ("1,234,567.5") read back as the value they show: parse(format(x)) == x.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/i18n.h"
#include "core/parse.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

void checkText(std::string_view text) {
    const std::string padded = " \t" + std::string(text) + "\xC2\xA0 ";
    const auto integer = parseInteger(text);
    FUZZ_CHECK(parseInteger(padded) == integer, text);
    if (integer) {
        FUZZ_CHECK(parseInteger(std::to_string(*integer)) == integer, text);
        if (*integer == 0 || *integer == 1) FUZZ_CHECK(parseBool(text) == (*integer == 1), text);
    }
    const auto real = parseReal(text);
    FUZZ_CHECK(parseReal(padded) == real, text);
    if (real) FUZZ_CHECK(std::isfinite(*real), text);
    FUZZ_CHECK(parseBool(padded) == parseBool(text), text);
    const std::string_view trimmed = trimSpaces(text);
    FUZZ_CHECK(trimSpaces(trimmed) == trimmed, text);
    FUZZ_CHECK(text.find(trimmed) != std::string_view::npos, text);
}

// A value shown to people must read back as the value shown, in both languages.
void checkFormatted(double value, int decimals) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e15) return;
    char plain[64];
    std::snprintf(plain, sizeof plain, "%.*f", decimals, std::fabs(value));
    const bool shownNegative = value < 0 && std::strpbrk(plain, "123456789") != nullptr;
    double shown = 0;
    std::from_chars(plain, plain + std::strlen(plain), shown);
    if (shownNegative) shown = -shown;
    const char* dot = std::strchr(plain, '.');
    const bool wholeNumber = dot == nullptr || std::strspn(dot + 1, "0") == std::strlen(dot + 1);

    for (Lang lang : {Lang::Vi, Lang::En}) {
        const std::string text = formatLocaleNumber(lang, value, decimals);
        if (decimals > 0) {
            const auto back = parseReal(text);
            FUZZ_CHECK(back && *back == shown, text, plain);
        }
        // Three zero decimals after a lone group ("2,000") read as thousands by design (parse.h).
        if (wholeNumber && decimals != 3) {
            const auto back = parseInteger(text);
            FUZZ_CHECK(back && static_cast<double>(*back) == shown, text, plain);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    checkText(in.rest());
    if (size >= 9) {
        double value = 0;
        std::memcpy(&value, data, sizeof value);
        checkFormatted(value, data[8] % 7);
        // Integers too, where every digit group shows.
        checkFormatted(std::trunc(value), 0);
    }
    return 0;
}
