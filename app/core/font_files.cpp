#include "core/font_files.h"

#include <filesystem>

namespace gapmap {

const std::vector<std::string>& fontCandidates(bool bold) {
    static const std::vector<std::string> regular = {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                                     "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    static const std::vector<std::string> heavy = {"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                                                   "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};
    return bold ? heavy : regular;
}

std::string findFontFile(bool bold) {
    for (const std::string& path : fontCandidates(bold)) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) return path;
    }
    return {};
}

}  // namespace gapmap
