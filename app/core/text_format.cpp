#include "core/text_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace gapmap {

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
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
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
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
