// Fuzzes date parsing (app/core/parse.h parseDate) and the Vietnamese date display (formatLocaleDate).
// Raw bytes: a parsed date is ISO yyyy-mm-dd of a real calendar day, parses to itself, survives
// surrounding spaces, and reads back from its Vietnamese display dd/mm/yyyy.
// Generated dates: every spelling the parser promises (d/m/yyyy, dd.mm.yyyy, yyyy-mm-dd, with a time)
// gives exactly the day written, and a day past the month's end is refused.
#include <cstdio>
#include <string>

#include "core/i18n.h"
#include "core/parse.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int monthDays(int y, int m) {
    const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

void checkIso(const std::string& iso, std::string_view from) {
    FUZZ_CHECK(iso.size() == 10 && iso[4] == '-' && iso[7] == '-', from, iso);
    const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    FUZZ_CHECK(y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m), from, iso);
    FUZZ_CHECK(parseDate(iso) == iso, from, iso);
    const std::string vi = formatLocaleDate(Lang::Vi, iso);
    FUZZ_CHECK(vi.size() == 10 && vi[2] == '/' && vi[5] == '/', iso, vi);
    FUZZ_CHECK(parseDate(vi) == iso, iso, vi);
    FUZZ_CHECK(formatLocaleDate(Lang::En, iso) == iso, iso);
}

void checkGenerated(fuzz::Bytes& in) {
    const int y = 1 + (in.byte() | (in.byte() << 8)) % 9999;
    const int m = 1 + in.byte() % 12;
    const int d = 1 + in.byte() % 31;
    const uint8_t style = in.byte();
    char text[64];
    const char* time = style & 0x10 ? "T08:30:00" : style & 0x20 ? " 23:59" : "";
    switch (style % 4) {
        case 0: std::snprintf(text, sizeof text, "%d/%d/%04d%s", d, m, y, time); break;
        case 1: std::snprintf(text, sizeof text, "%02d.%02d.%04d%s", d, m, y, time); break;
        case 2: std::snprintf(text, sizeof text, "%04d-%02d-%02d%s", y, m, d, time); break;
        default: std::snprintf(text, sizeof text, "%04d/%d/%d%s", y, m, d, time); break;
    }
    const auto parsed = parseDate(text);
    if (d > monthDays(y, m)) {
        FUZZ_CHECK(!parsed, text);
        return;
    }
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    FUZZ_CHECK(parsed == std::string(iso), text, iso);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    const std::string_view text = in.rest();
    const auto parsed = parseDate(text);
    if (parsed) checkIso(*parsed, text);
    FUZZ_CHECK(parseDate(" " + std::string(text) + "\xC2\xA0") == parsed, text);
    checkGenerated(in);
    return 0;
}
