// The figures of `gapmap report`: province totals against targets, counts per district
// and commune, and the especially difficult villages without a team. The counts come from
// core/coverage.h. Standard library only.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/kpi.h"
#include "core/model.h"
#include "core/outcome_table.h"

namespace gapmap {

// Counts of villages in one admin unit, by the rules of core/coverage_rules.h (the project's
// settings). "No electricity" means no grid electricity (offgrid or none); "no mobile" means no
// signal or 2G only; TA = reached by an active Trusted Address: within the radius (WGS84 geodesic
// distance), or in the commune when the settings say so.
struct AreaRow {
    std::string code, name, level, parentCode;
    int villages = 0;
    std::optional<int> especiallyDifficult{};                    // nullopt: the villages file had no such column
    std::optional<int> withTeam, withClub, withTrustedAddress;  // nullopt: no data (table never loaded)
    std::optional<int> noElectricity{}, noMobile{}, noInternet{};  // nullopt: the villages file had no such column
    int64_t population = 0;              // per populationSource (core/coverage.h choosePopulation)
    std::string populationSource;        // "villages", "census", "mixed", "none"
    std::optional<int64_t> activeTrustedAddresses;  // registered in the area: a count, never a location; nullopt: no data
};

struct VillageRow {
    std::string code, name, communeCode, communeName, districtName;
    int64_t population = 0;
};

struct Report {
    std::string title;
    bool synthetic = false;
    std::optional<int> asOfYear;      // the figures are as of 31 December of this year (projectAsOf)
    // A migrated project (gapmap migrate) shown as of a year before its reform: the figures are on
    // the new units through the crosswalk. The reform date (ISO) and the old project; empty otherwise.
    std::string crosswalkReformDate, migratedFrom;
    double trustedAddressRadiusKm = 10;
    std::vector<IndicatorRow> indicators;  // core/kpi.h: indicatorRows
    AreaRow province;
    std::vector<AreaRow> districts;   // empty in a two-level project
    std::vector<AreaRow> communes;
    std::vector<VillageRow> difficultWithoutTeam;   // empty when teams have no data (teamsKnown false)
    bool teamsKnown = true;           // the communication_teams table has data
    bool difficultKnown = true;       // the villages file had an especially_difficult column
    std::vector<std::string> notScored;  // tables without data, as core/coverage.h unscoredTables
    OutcomeTable outcomes;            // small counts suppressed (core/disclosure.h)
};

// radiusKm overrides the project's coverage.ta_radius_km (default 10). Throws InputError for an
// invalid coverage setting.
Report buildReport(const Project& project, std::optional<double> trustedAddressRadiusKm = std::nullopt);

// Output formats of `gapmap report`. CSV holds one table: "areas", "indicators", "uncovered" or "outcomes".
std::string formatReportText(const Report& report);
std::string formatReportJson(const Report& report);
std::string formatReportCsv(const Report& report, const std::string& table);

}  // namespace gapmap
