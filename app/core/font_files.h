// Where the fonts gapmap draws with are: Noto Sans from fonts-noto-core, DejaVu Sans from
// fonts-dejavu-core as the fallback. One list for the GL glyph atlas, the ImGui shell and the
// PDF report, so all three draw the same face. Standard library only (std::filesystem).
#pragma once
#include <string>
#include <vector>

namespace gapmap {

// Candidate TTF paths in order of preference (Noto Sans, then DejaVu Sans), regular or bold.
const std::vector<std::string>& fontCandidates(bool bold);
// The first candidate that exists, or "" when none is installed.
std::string findFontFile(bool bold = false);

}  // namespace gapmap
