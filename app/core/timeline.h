// The project as it stood at the end of a year: what the timeline slider, the year comparison
// and "as of" reports show. Standard library only.
#pragma once
#include <optional>
#include <string>

#include "core/model.h"

namespace gapmap {

// Keeps the teams, Trusted Addresses and clubs established on or before 31 December of `year`,
// the activities dated on or before it, the outcomes of years up to it, and the targets for
// years up to it. Records without a date are kept: an unknown date is not evidence of absence.
// Boundaries, villages, offices and settings are unchanged.
Project projectAsOf(const Project& project, int year);

// The earliest year any dated record mentions (establishment, activity, outcome), if any.
std::optional<int> earliestYear(const Project& project);
// The latest such year; the timeline's "now".
std::optional<int> latestYear(const Project& project);

}  // namespace gapmap
