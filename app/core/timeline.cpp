#include "core/timeline.h"

#include <algorithm>
#include <vector>

namespace gapmap {
namespace {

// The year of an ISO date ("2022-06-01" -> 2022), or nullopt when the text is not dated.
std::optional<int> yearOf(const std::string& isoDate) {
    if (isoDate.size() < 4) return std::nullopt;
    int year = 0;
    for (size_t i = 0; i < 4; ++i) {
        if (isoDate[i] < '0' || isoDate[i] > '9') return std::nullopt;
        year = year * 10 + (isoDate[i] - '0');
    }
    return year;
}

bool onOrBefore(const std::string& isoDate, int year) {
    const auto y = yearOf(isoDate);
    return !y || *y <= year;
}

template <typename T, typename Keep>
void keepIf(std::vector<T>& rows, Keep keep) {
    std::erase_if(rows, [&](const T& row) { return !keep(row); });
}

std::vector<int> datedYears(const Project& p) {
    std::vector<int> years;
    auto add = [&years](const std::string& date) { if (auto y = yearOf(date)) years.push_back(*y); };
    for (const CommunicationTeam& t : p.teams) add(t.established);
    for (const TrustedAddress& a : p.trustedAddresses) add(a.established);
    for (const Club& c : p.clubs) add(c.established);
    for (const Activity& a : p.activities) add(a.date);
    for (const Outcome& o : p.outcomes) years.push_back(o.year);
    return years;
}

}  // namespace

Project projectAsOf(const Project& project, int year) {
    Project p = project;
    keepIf(p.teams, [&](const CommunicationTeam& t) { return onOrBefore(t.established, year); });
    keepIf(p.trustedAddresses, [&](const TrustedAddress& a) { return onOrBefore(a.established, year); });
    keepIf(p.clubs, [&](const Club& c) { return onOrBefore(c.established, year); });
    keepIf(p.activities, [&](const Activity& a) { return onOrBefore(a.date, year); });
    keepIf(p.outcomes, [&](const Outcome& o) { return o.year <= year; });
    keepIf(p.targets, [&](const Target& t) { return t.year <= year; });
    // A table that had data still has data in an earlier year, even when none of its rows is that
    // old: "loaded, none yet" (0), never "no data".
    for (const char* table : {kTeamsTable, kTrustedAddressesTable, kClubsTable, kActivitiesTable, kOutcomesTable, "targets"})
        if (project.hasData(table) && !p.loadOf(table)) p.loads.push_back({table, "", "", std::int64_t(project.rowCount(table))});
    return p;
}

std::optional<int> earliestYear(const Project& project) {
    const std::vector<int> years = datedYears(project);
    if (years.empty()) return std::nullopt;
    return *std::min_element(years.begin(), years.end());
}

std::optional<int> latestYear(const Project& project) {
    const std::vector<int> years = datedYears(project);
    if (years.empty()) return std::nullopt;
    return *std::max_element(years.begin(), years.end());
}

}  // namespace gapmap
