// Unicode normalisation at the edge: every text that enters a project is NFC (ICU).
// Lives in io because core uses the standard library only.
#pragma once
#include <string>
#include <string_view>

namespace gapmap {

bool isValidUtf8(std::string_view text);
// NFC form of valid UTF-8; invalid UTF-8 is returned unchanged (callers check isValidUtf8 first).
std::string toNfc(std::string_view text);

}  // namespace gapmap
