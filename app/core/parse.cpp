#include "core/parse.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/text_fold.h"

namespace gapmap {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isBlank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// A number's body split into digit runs and the separators between them: "1.234,5" gives runs
// {"1", "234", "5"} and separators {'.', ','}. Every space-like separator is recorded as ' '.
struct Digits {
    static constexpr size_t kMaxRuns = 16;  // more groups than any long long or sane real needs
    std::array<std::string_view, kMaxRuns> runs{};
    std::array<char, kMaxRuns> seps{};  // seps[k] sits between runs[k] and runs[k + 1]
    size_t count = 0;
};

// Length of the separator at s[i] (0 if none): dot, comma, space, NBSP or narrow NBSP (U+202F),
// the last two being what spreadsheets in a Vietnamese or French locale write between thousands.
size_t separatorAt(std::string_view s, size_t i, char& sep) {
    const std::string_view at = s.substr(i);
    if (at.empty()) return 0;
    if (at[0] == '.' || at[0] == ',' || at[0] == ' ') { sep = at[0]; return 1; }
    if (at.starts_with("\xC2\xA0")) { sep = ' '; return 2; }
    if (at.starts_with("\xE2\x80\xAF")) { sep = ' '; return 3; }
    return 0;
}

// Reads digit runs joined by single separators from the start of `s`. Returns where the runs end
// (the caller decides what may follow), or npos for an empty run such as "1..2", ".5" or "5.".
size_t scanDigits(std::string_view s, Digits& d) {
    d.count = 0;
    size_t i = 0;
    for (;;) {
        const size_t start = i;
        while (i < s.size() && isDigit(s[i])) ++i;
        if (i == start || d.count == Digits::kMaxRuns) return std::string_view::npos;
        d.runs[d.count++] = s.substr(start, i - start);
        char sep = 0;
        const size_t len = separatorAt(s, i, sep);
        if (len == 0) return i;
        d.seps[d.count - 1] = sep;
        i += len;
    }
}

// Do runs [0, n) form one number: a single run, or thousands groups ("1.234.567") with one kind of
// separator, a first group of 1–3 digits without a leading zero and then groups of exactly three?
// On success `sep` is that separator, or 0 for a single run.
bool isGrouped(const Digits& d, size_t n, char& sep) {
    sep = 0;
    if (n == 1) return true;
    const std::string_view first = d.runs[0];
    if (first.size() > 3 || first[0] == '0') return false;
    sep = d.seps[0];
    for (size_t k = 1; k < n; ++k) {
        if (d.runs[k].size() != 3 || d.seps[k - 1] != sep) return false;
    }
    return true;
}

bool allZeros(std::string_view run) { return run.find_first_not_of('0') == std::string_view::npos; }

// Strips one leading sign; returns true for a minus.
bool takeSign(std::string_view& s) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        const bool negative = s[0] == '-';
        s.remove_prefix(1);
        return negative;
    }
    return false;
}

// Validates a spreadsheet's time of day "H:MM", "HH:MM:SS" or "HH:MM:SS.fff", optionally with 'Z'.
bool isTimeOfDay(std::string_view t) {
    if (t.ends_with('Z')) t.remove_suffix(1);
    int fields[3] = {0, 0, 0};
    size_t n = 0, i = 0;
    while (n < 3) {
        const size_t start = i;
        // Only two digits are ever valid; more are counted but not added up (no int overflow).
        for (; i < t.size() && isDigit(t[i]); ++i)
            if (i - start < 2) fields[n] = fields[n] * 10 + (t[i] - '0');
        const size_t len = i - start;
        if (len == 0 || len > 2 || (n > 0 && len != 2)) return false;
        ++n;
        if (i == t.size() || t[i] != ':') break;
        ++i;
    }
    if (n < 2 || fields[0] > 23 || fields[1] > 59 || fields[2] > 59) return false;
    if (i < t.size() && t[i] == '.' && n == 3) {  // fractional seconds
        ++i;
        if (i == t.size()) return false;
        while (i < t.size() && isDigit(t[i])) ++i;
    }
    return i == t.size();
}

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

int toInt(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string_view trimSpaces(std::string_view text) {
    for (;;) {
        if (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
        else if (text.starts_with("\xC2\xA0")) text.remove_prefix(2);
        else break;
    }
    for (;;) {
        if (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
        else if (text.ends_with("\xC2\xA0")) text.remove_suffix(2);
        else break;
    }
    return text;
}

std::vector<std::string> splitList(std::string_view text) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= text.size();) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view item = trimSpaces(text.substr(start, comma - start));
        if (!item.empty()) out.emplace_back(item);
        start = comma + 1;
    }
    return out;
}

std::optional<long long> parseInteger(std::string_view text) {
    std::string_view s = trimSpaces(text);
    const bool negative = takeSign(s);
    Digits d;
    if (scanDigits(s, d) != s.size()) return std::nullopt;

    // Thousands groups first, so "1.000" is a thousand; otherwise the last separator may be a
    // decimal one with a zero fraction ("1.234,0", "5.0"), never the thousands separator itself.
    size_t intRuns = d.count;
    char groupSep = 0;
    if (!isGrouped(d, d.count, groupSep)) {
        const char decimal = d.count >= 2 ? d.seps[d.count - 2] : 0;
        if ((decimal != '.' && decimal != ',') || !allZeros(d.runs[d.count - 1])) return std::nullopt;
        intRuns = d.count - 1;
        if (!isGrouped(d, intRuns, groupSep) || groupSep == decimal) return std::nullopt;
    }

    const unsigned long long limit =
        static_cast<unsigned long long>(std::numeric_limits<long long>::max()) + (negative ? 1 : 0);
    unsigned long long value = 0;
    for (size_t k = 0; k < intRuns; ++k) {
        for (char c : d.runs[k]) {
            const unsigned digit = static_cast<unsigned>(c - '0');
            if (value > (limit - digit) / 10) return std::nullopt;
            value = value * 10 + digit;
        }
    }
    if (negative) return value == 0 ? 0LL : -static_cast<long long>(value - 1) - 1;
    return static_cast<long long>(value);
}

std::optional<double> parseReal(std::string_view text) {
    std::string_view s = trimSpaces(text);
    const bool negative = takeSign(s);
    Digits d;
    const size_t end = scanDigits(s, d);
    if (end == std::string_view::npos) return std::nullopt;

    // The exponent, if any, must be all that follows the digits.
    std::string_view exponent = s.substr(end);
    if (!exponent.empty()) {
        if (exponent[0] != 'e' && exponent[0] != 'E') return std::nullopt;
        std::string_view e = exponent.substr(1);
        if (!e.empty() && (e[0] == '+' || e[0] == '-')) e.remove_prefix(1);
        if (e.empty() || e.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    }

    // The last dot or comma is decimal when it appears once and nothing but digits follow it;
    // one kind of separator repeated is thousands ("1.234.567"); anything else is garbage.
    size_t lastMark = d.count;  // index into seps of the last '.' or ','
    size_t markCount[2] = {0, 0};
    for (size_t k = 0; k + 1 < d.count; ++k) {
        if (d.seps[k] == '.' || d.seps[k] == ',') {
            lastMark = k;
            ++markCount[d.seps[k] == ','];
        }
    }
    size_t intRuns = d.count;
    char groupSep = 0;
    if (lastMark != d.count && lastMark == d.count - 2 && markCount[d.seps[lastMark] == ','] == 1) {
        intRuns = d.count - 1;
        if (!isGrouped(d, intRuns, groupSep) || groupSep == d.seps[lastMark]) return std::nullopt;
    } else if (!isGrouped(d, d.count, groupSep)) {
        return std::nullopt;
    }

    std::string plain;
    plain.reserve(s.size() + 1);
    for (size_t k = 0; k < intRuns; ++k) plain.append(d.runs[k]);
    if (intRuns < d.count) plain.append(".").append(d.runs[d.count - 1]);
    plain.append(exponent);

    double value = 0;
    const auto [ptr, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (ec != std::errc() || ptr != plain.data() + plain.size() || !std::isfinite(value)) return std::nullopt;
    return negative ? -value : value;
}

std::optional<std::string> parseDate(std::string_view text) {
    std::string_view s = trimSpaces(text);
    const size_t timeAt = s.find_first_of("T ");
    if (timeAt != std::string_view::npos) {
        if (!isTimeOfDay(trimSpaces(s.substr(timeAt + 1)))) return std::nullopt;
        s = s.substr(0, timeAt);
    }

    std::string_view fields[3];
    char sep = 0;
    size_t n = 0, i = 0;
    for (; n < 3; ++n) {
        const size_t start = i;
        while (i < s.size() && isDigit(s[i])) ++i;
        fields[n] = s.substr(start, i - start);
        if (n == 2 || i == s.size()) break;
        if (n == 0) sep = s[i];
        if (s[i] != sep || (sep != '-' && sep != '/' && sep != '.')) return std::nullopt;
        ++i;
    }
    if (n != 2 || i != s.size()) return std::nullopt;

    auto isDayOrMonth = [](std::string_view f) { return f.size() == 1 || f.size() == 2; };
    int year = 0, month = 0, day = 0;
    if (fields[0].size() == 4 && isDayOrMonth(fields[1]) && isDayOrMonth(fields[2])) {
        year = toInt(fields[0]), month = toInt(fields[1]), day = toInt(fields[2]);
    } else if (fields[2].size() == 4 && isDayOrMonth(fields[0]) && isDayOrMonth(fields[1])) {
        day = toInt(fields[0]), month = toInt(fields[1]), year = toInt(fields[2]);
    } else {
        return std::nullopt;
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;

    char iso[32];  // room for any int, so the compiler sees no truncation
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return std::string(iso);
}

std::optional<bool> parseBool(std::string_view text) {
    const std::string_view s = trimSpaces(text);
    if (s.empty()) return std::nullopt;
    const std::string folded = foldVietnamese(s);  // "Có", "KHÔNG" and NFD spellings alike
    for (std::string_view yes : {"1", "true", "yes", "y", "co", "c"}) {
        if (folded == yes) return true;
    }
    for (std::string_view no : {"0", "false", "no", "n", "khong", "k"}) {
        if (folded == no) return false;
    }
    // A numeric column exported as "1.0" or "0,0".
    const std::optional<long long> number = parseInteger(s);
    if (number == 0 || number == 1) return *number == 1;
    return std::nullopt;
}

namespace {

// The one separator kind a number uses ('.' or ','), how often, and the digits after the last one.
struct Separators {
    int dots = 0, commas = 0;
    char last = 0;
    size_t digitsAfterLast = 0;
};

Separators separatorsOf(std::string_view t) {
    Separators s;
    for (char c : t) {
        if (c == '.' || c == ',') {
            (c == '.' ? s.dots : s.commas)++;
            s.last = c;
            s.digitsAfterLast = 0;
        } else if (c >= '0' && c <= '9') {
            ++s.digitsAfterLast;
        }
    }
    return s;
}

}  // namespace

DecimalMark decimalMarkOf(std::string_view text) {
    const std::string_view t = trimSpaces(text);
    if (!parseReal(t)) return DecimalMark::Unknown;
    const Separators s = separatorsOf(t);
    if (s.dots && s.commas) return s.last == ',' ? DecimalMark::Comma : DecimalMark::Dot;
    if (s.dots + s.commas != 1 || s.digitsAfterLast == 3) return DecimalMark::Unknown;
    return s.last == ',' ? DecimalMark::Comma : DecimalMark::Dot;
}

DecimalMark combineMarks(DecimalMark a, DecimalMark b) {
    if (a == DecimalMark::Unknown || a == b) return b;
    if (b == DecimalMark::Unknown) return a;
    return DecimalMark::Both;
}

std::optional<double> parseQuantity(std::string_view text, DecimalMark column) {
    const std::string_view t = trimSpaces(text);
    const Separators s = separatorsOf(t);
    const bool onlyDots = s.dots && !s.commas, onlyCommas = s.commas && !s.dots;
    const bool readsBothWays = s.dots + s.commas == 1 && s.digitsAfterLast == 3;
    if (column == DecimalMark::Both && readsBothWays) return std::nullopt;
    // The thousands separator of the column's convention: parseInteger takes groups of three.
    const bool thousands = column == DecimalMark::Dot ? onlyCommas : onlyDots;
    if (thousands && column != DecimalMark::Both)
        if (const auto whole = parseInteger(t)) return static_cast<double>(*whole);
    return parseReal(t);
}

}  // namespace gapmap
