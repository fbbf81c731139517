// libFuzzer target: encoding detection and conversion of arbitrary bytes (core/legacy_encoding.h).
// Every conversion must give valid UTF-8 whatever the input; abort() otherwise so libFuzzer reports it.
// Not a Catch2 test: tests/CMakeLists.txt globs only *_test.cpp.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/legacy_encoding.h"
#include "core/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gapmap;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    // Split at '\n' so the detector sees several texts, as it does for the cells of one file.
    std::vector<std::string> texts;
    size_t start = 0;
    for (size_t i = 0; i <= bytes.size(); ++i)
        if (i == bytes.size() || bytes[i] == '\n') { texts.push_back(bytes.substr(start, i - start)); start = i + 1; }

    const EncodingGuess guess = detectEncoding(texts);
    if (guess.vietnameseWords > guess.words) std::abort();
    for (const std::string& t : texts)
        if (!isUtf8(convertText(t, guess))) std::abort();
    for (TextEncoding e : {TextEncoding::Utf8, TextEncoding::Cp1258, TextEncoding::Tcvn3, TextEncoding::Vni}) {
        const std::string decoded = decodeText(bytes, e);
        if (!isUtf8(decoded)) std::abort();
        if (!isUtf8(convertText(bytes, detectEncoding(texts, e)))) std::abort();
        // Whatever decodes also encodes; the legacy bytes decode again to valid UTF-8.
        if (!isUtf8(decodeText(encodeText(decoded, e), e))) std::abort();
    }
    if (const auto raw = cp1252Bytes(bytes); raw && readAsCp1252(*raw) != bytes) std::abort();
    (void)isVietnameseSyllable(bytes);
    return 0;
}
