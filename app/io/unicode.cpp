#include "io/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/utf8.h"

namespace gapmap {

bool isValidUtf8(std::string_view s) { return isUtf8(s); }

std::string toNfc(std::string_view text) {
    bool ascii = true;
    for (char ch : text) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
    if (ascii || !isValidUtf8(text)) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString out = nfc->normalize(in, status);
    if (U_FAILURE(status)) return std::string(text);
    std::string result;
    out.toUTF8String(result);
    return result;
}

}  // namespace gapmap
