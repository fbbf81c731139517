// Fuzzes the text writers every output format uses (app/core/text_format.h): csvField, jsonString,
// formatShortest. Properties: a row of csvField()s joined by commas reads back, by an independent
// RFC 4180 reader, as exactly the fields written, and a field is quoted only when it must be;
// jsonString() holds no raw control character and decodes back to the bytes given, and is valid
// UTF-8 whenever its input is; formatShortest() reads back as the same double.
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/text_format.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

// RFC 4180: fields separated by ',', a quoted field doubles its quotes; one record, CRLF-ended.
std::optional<std::vector<std::string>> readCsvRecord(std::string_view s) {
    std::vector<std::string> fields(1);
    size_t i = 0;
    bool quoted = false, wasQuoted = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c != '"') fields.back() += c;
            else if (i + 1 < s.size() && s[i + 1] == '"') { fields.back() += '"'; ++i; }
            else quoted = false;
        } else if (c == '"' && fields.back().empty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == ',') {
            fields.emplace_back();
            wasQuoted = false;
        } else if (c == '\r' && s.substr(i) == "\r\n") {
            return fields;
        } else if (wasQuoted || c == '"' || c == '\r' || c == '\n') {
            return std::nullopt;  // text after a closing quote, or a bare quote / line break
        } else {
            fields.back() += c;
        }
    }
    return std::nullopt;  // no record end
}

std::optional<std::string> decodeJson(std::string_view s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
        const char c = s[i];
        if (static_cast<unsigned char>(c) < 0x20 || c == '"') return std::nullopt;
        if (c != '\\') { out += c; continue; }
        if (++i + 1 >= s.size()) return std::nullopt;
        switch (s[i]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                unsigned v = 0;
                if (i + 4 >= s.size() - 1 || std::from_chars(s.data() + i + 1, s.data() + i + 5, v, 16).ptr != s.data() + i + 5)
                    return std::nullopt;
                if (v >= 0x80) return std::nullopt;  // jsonString escapes only control characters
                out += static_cast<char>(v);
                i += 4;
                break;
            }
            default: return std::nullopt;
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Fields separated by the unit separator byte, so that commas, quotes and line breaks stay inside.
    const std::vector<std::string_view> fields = fuzz::split(text, '\x1F', 32);
    std::string row;
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string_view f = fields[i];
        const std::string written = csvField(f);
        const bool mustQuote = f.find_first_of(",\"\r\n") != std::string_view::npos;
        FUZZ_CHECK(mustQuote == (written != f), f, written);
        row += (i == 0 ? "" : ",") + written;
    }
    row += "\r\n";
    const auto back = readCsvRecord(row);
    FUZZ_CHECK(back.has_value() && back->size() == fields.size(), row);
    for (size_t i = 0; i < fields.size(); ++i) FUZZ_CHECK((*back)[i] == fields[i], fields[i], (*back)[i]);

    const std::string json = jsonString(text);
    FUZZ_CHECK(decodeJson(json) == std::string(text), text, json);
    if (fuzz::validUtf8(text)) FUZZ_CHECK(fuzz::validUtf8(json), text, json);

    if (size >= sizeof(double)) {
        double value = 0;
        std::memcpy(&value, data, sizeof value);
        if (std::isfinite(value)) {
            const std::string shortest = formatShortest(value);
            double back = 0;
            const auto r = std::from_chars(shortest.data(), shortest.data() + shortest.size(), back);
            FUZZ_CHECK(r.ptr == shortest.data() + shortest.size() && back == value, shortest);
        }
    }
    return 0;
}
