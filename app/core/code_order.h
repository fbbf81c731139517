// Byte order of codes (village, commune …), as std::string's operator< gives it, without a call to
// memcmp for the short codes every Vietnamese administrative code is: the first 8 bytes as one
// big-endian integer, so that integer order is byte order. The coverage analysis compares codes
// about 300,000 times per run. Standard library only.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace gapmap {

// The first 8 bytes of a code, zero-padded, big-endian. No memcpy of a variable length: that is a
// call into libc, which cost more than the whole comparison.
inline std::uint64_t codeHead(std::string_view code) {
    if (code.size() >= 8) {
        unsigned char bytes[8];
        std::memcpy(bytes, code.data(), 8);
        std::uint64_t v = 0;
        for (unsigned char b : bytes) v = v << 8 | b;  // compiles to one load and a byte swap
        return v;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < code.size(); ++i) v |= std::uint64_t{static_cast<unsigned char>(code[i])} << (56 - 8 * i);
    return v;
}

// <0, 0, >0 as a.compare(b): equal heads of codes of up to 8 bytes leave the length to decide
// ("A" before "A\0"), longer codes fall back to the full comparison.
inline int compareCodes(std::string_view a, std::string_view b) {
    if (a.size() <= 8 && b.size() <= 8) {
        const std::uint64_t x = codeHead(a), y = codeHead(b);
        if (x != y) return x < y ? -1 : 1;
        return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
    }
    return a.compare(b);
}

inline bool codeLess(std::string_view a, std::string_view b) { return compareCodes(a, b) < 0; }

}  // namespace gapmap
