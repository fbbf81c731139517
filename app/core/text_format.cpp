#include "core/text_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace gapmap {

std::string csvField(std::string_view text) {
    std::string out;
    appendCsvField(out, text);
    return out;
}

void appendCsvField(std::string& out, std::string_view text) {
    // A plain loop: find_first_of(",\"\r\n") calls memchr once per character (8 % of a national
    // `report --priorities` went there).
    bool quote = false;
    for (char c : text) quote |= c == ',' || c == '"' || c == '\r' || c == '\n';
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string formatNumber(double value) {
    char buf[64];
    if (std::fabs(value - std::round(value)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", value);
    else std::snprintf(buf, sizeof buf, "%.1f", value);
    return buf;
}

std::string formatLocalNow(const char* strftimeFormat) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[64];
    return std::strftime(buf, sizeof buf, strftimeFormat, &local) ? buf : "";
}

std::string percentOf(double value, double total) {
    if (total <= 0) return "–";
    return formatNumber(std::round(1000.0 * value / total) / 10.0) + "%";
}

std::string formatShortest(double value) {
    std::string out;
    appendShortest(out, value);
    return out;
}

void appendShortest(std::string& out, double value) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

size_t codePoints(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad(const std::string& text, size_t width) {
    const size_t chars = codePoints(text);
    return text + std::string(chars < width ? width - chars : 1, ' ');
}

}  // namespace gapmap
