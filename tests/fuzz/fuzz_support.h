// Shared by the libFuzzer targets in tests/fuzz (README, "Fuzzing and sanitizers"): a property check
// that aborts with a message, so libFuzzer keeps the input as a crash file, and ways to cut the
// fuzzer's bytes into lines and small numbers. Test code only: built in the fuzz tree, never in the app.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

// Fails the run when a property does not hold; the message names the property and the values.
#define FUZZ_CHECK(cond, ...)                                                                        \
    do {                                                                                             \
        if (!(cond)) {                                                                               \
            std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);        \
            fuzz::printValues(__VA_ARGS__);                                                          \
            std::abort();                                                                            \
        }                                                                                            \
    } while (0)

namespace fuzz {

inline void printValues() {}
template <typename... Rest>
void printValues(std::string_view first, const Rest&... rest) {
    std::fprintf(stderr, "  value: \"");
    for (unsigned char c : first) {
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') std::fputc(c, stderr);
        else std::fprintf(stderr, "\\x%02X", c);
    }
    std::fprintf(stderr, "\"\n");
    printValues(rest...);
}

// The fuzzer's bytes read front to back: small numbers first, then the rest as text.
class Bytes {
public:
    Bytes(const uint8_t* data, size_t size) : text_(reinterpret_cast<const char*>(data), size) {}
    bool empty() const { return text_.empty(); }
    uint8_t byte() {
        if (text_.empty()) return 0;
        const auto b = static_cast<uint8_t>(text_.front());
        text_.remove_prefix(1);
        return b;
    }
    // `n` bytes (fewer at the end) as text.
    std::string_view take(size_t n) {
        const std::string_view out = text_.substr(0, n);
        text_.remove_prefix(out.size());
        return out;
    }
    std::string_view rest() const { return text_; }

private:
    std::string_view text_;
};

// Pieces between `sep`; "a\nb\n" gives {"a", "b", ""}.
inline std::vector<std::string_view> split(std::string_view text, char sep, size_t maxPieces = 256) {
    std::vector<std::string_view> out;
    for (;;) {
        if (out.size() + 1 == maxPieces) { out.push_back(text); return out; }
        const size_t at = text.find(sep);
        out.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return out;
        text.remove_prefix(at + 1);
    }
}

// Strict UTF-8, written here independently of the code under test.
inline bool validUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        size_t n = b < 0x80 ? 0 : (b >= 0xC2 && b <= 0xDF) ? 1 : (b >= 0xE0 && b <= 0xEF) ? 2 : (b >= 0xF0 && b <= 0xF4) ? 3 : 9;
        if (n == 9 || s.size() - i <= n) return false;
        uint32_t cp = n == 0 ? b : (b & (0x3F >> n));
        for (size_t k = 1; k <= n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        const uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
        if (cp < smallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace fuzz
