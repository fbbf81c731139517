// UTF-8 decoding and encoding of single code points, shared by name folding and the legacy
// encoding converter. Standard library only; strict (no overlongs, no surrogates).
#pragma once
#include <string>
#include <string_view>

namespace gapmap {

struct Utf8Char {
    char32_t cp;    // U+FFFD for an invalid sequence
    size_t length;  // bytes consumed; an invalid sequence consumes exactly one byte
    bool valid;
};

// Strict UTF-8: overlong forms, surrogates and truncated sequences are invalid, and an invalid
// sequence consumes exactly one byte so the caller can resynchronise on the next one.
inline Utf8Char decodeUtf8(std::string_view s, size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1, true};
    size_t extra = 0;
    char32_t cp = 0, smallest = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { extra = 1; cp = b0 & 0x1F; smallest = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { extra = 2; cp = b0 & 0x0F; smallest = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { extra = 3; cp = b0 & 0x07; smallest = 0x10000; }
    else return {0xFFFD, 1, false};
    if (s.size() - i <= extra) return {0xFFFD, 1, false};
    for (size_t k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1, false};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1, false};
    return {cp, extra + 1, true};
}

inline bool isUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const Utf8Char c = decodeUtf8(s, i);
        if (!c.valid) return false;
        i += c.length;
    }
    return true;
}

// Appends `cp` (a scalar value; anything else becomes U+FFFD) to `out` as UTF-8.
inline void appendUtf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace gapmap
