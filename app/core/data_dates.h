// How old a project's data is: the latest date any dated record carries, for the "data as of" line
// of reports. Standard library only.
#pragma once
#include <optional>
#include <string>

#include "core/model.h"

namespace gapmap {

// The latest ISO date (yyyy-mm-dd) among team, Trusted Address and club establishment dates and
// activity dates; nullopt when no record is dated. Outcome years are not dates and are left out.
std::optional<std::string> latestRecordDate(const Project& project);

}  // namespace gapmap
