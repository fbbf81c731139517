// The programme indicators of a project (teams, Trusted Addresses, clubs, trainings, dialogues,
// offices, villages) against its targets: the one computation behind `gapmap report`'s indicator
// table, the dashboard's KPI cards, the year comparison and the presentation views.
// Standard library only. Trusted Addresses appear here only as counts, never as locations.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

// One indicator's province total against the target of its year (see indicatorRows).
struct IndicatorRow {
    std::string key;          // as in the targets table, e.g. "communication_teams"
    std::string label;        // in the current language (catalogue key indicator.KEY)
    std::optional<double> value;  // nullopt: *no data* (its table was never loaded, or a share of zero items)
    std::optional<double> target;
    int targetYear = 0;
};

// Every indicator key, in the order of the report and the dashboard.
const std::vector<std::string>& indicatorKeys();

// A team has "few women" when its women members are fewer than this share of its members
// (project setting kpi.few_women_share, a fraction in [0, 1]; default 0.25, so 1 woman of 8
// is flagged and 2 of 8 is not). A team without any woman is always flagged.
double fewWomenShare(const Project& project);
bool hasFewWomen(const CommunicationTeam& team, double share);

// The province totals of every indicator of indicatorKeys(), each with the latest target of a
// year up to `targetYear` (no limit when absent). Trusted Addresses: those set up (what the
// target counts) and those still active, as counts only.
std::vector<IndicatorRow> indicatorRows(const Project& project, std::optional<int> targetYear = std::nullopt);

// The women in the communication teams, for the teams card.
struct TeamWomen {
    int teams = 0, members = 0, women = 0;
    std::optional<double> sharePct;          // women / members × 100; nullopt: no members, or no teams table
    double fewWomenShare = 0.25;             // the threshold in use (fraction)
    std::vector<std::string> fewWomenVillages;  // village codes of the flagged teams, sorted
};
TeamWomen teamWomen(const Project& project);

struct KpiCard {
    IndicatorRow row;                  // the value as of the board's year, and its target
    std::optional<double> previous;    // the value at the end of the year before
    std::vector<std::optional<double>> byDistrict;  // aligned with KpiBoard::districtCodes; nullopt: no data
    std::optional<double> percentOfTarget() const;  // value / target × 100; nullopt without value or target
    // Against the year before; nullopt when either year has no data.
    std::optional<double> change() const {
        if (!row.value || !previous) return std::nullopt;
        return *row.value - *previous;
    }
};

// The dashboard as the project stood at the end of `year` (projectAsOf). Districts in code
// order; empty in a two-level project (province → commune).
struct KpiBoard {
    int year = 0;
    std::vector<std::string> districtCodes, districtNames;
    std::vector<KpiCard> cards;        // one per indicatorKeys() entry, same order
    TeamWomen teams;
    const KpiCard* find(const std::string& key) const;
};

// `project` is the full project; the board is computed on projectAsOf(project, year) and the
// change against projectAsOf(project, year - 1).
KpiBoard buildKpiBoard(const Project& project, int year);

// The year the board of the full project shows: the latest dated year, else the current one.
int currentKpiYear(const Project& project);

}  // namespace gapmap
