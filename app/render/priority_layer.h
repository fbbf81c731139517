// The map layers made from the analysis and the commune offices table: priority villages
// (the rows of the priority list, core/coverage.h, symbolised by score class and filtered by gap)
// and commune offices (computers, internet). The layers themselves are built by
// ProjectSceneBuilder (priority_layer.cpp); this header holds what the CLI and the Layers panel
// share: the gap filter's choices and the rows the layer draws. No GL, no ImGui.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.h"

namespace gapmap::render {

// The gaps the "show only" filter offers, with their short ids for `gapmap render --priority-gaps`.
struct PriorityGapChoice {
    const char* id;   // "team", "club", "internet", "mobile"
    Gap gap;
};
const std::vector<PriorityGapChoice>& priorityGapChoices();
// "team" or the gap's code ("no_team"); nullopt for anything else.
std::optional<Gap> priorityGapFromString(const std::string& id);
// "no communication team + no internet" (current language); empty for no gap.
std::string priorityGapsText(const std::vector<Gap>& gaps);

// The priority list's rows (indices into result.villages, its order) whose scored gaps include
// every gap of `gaps` — the Priorities panel's gap filter, for several gaps at once.
std::vector<std::uint32_t> priorityRows(const CoverageResult& result, const std::vector<Gap>& gaps);

}  // namespace gapmap::render
