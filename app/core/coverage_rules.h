// The coverage rules and priority weights, kept in the project's settings table so that the
// app, the report and the exports apply the same ones. Standard library only.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

// The gaps a village can have, in the order they are listed in `gaps` and in reasons.
enum class Gap : std::uint8_t {
    NoTeam,               // no Community Communication Team registered in the village
    NoClub,               // no Leader of Change club reaches it
    TaOutOfReach,         // no active Trusted Address within the radius (nor in the commune, if set)
    NoElectricity,        // no grid electricity: off-grid or none
    NoMobile,             // mobile signal none or 2G only
    NoInternet,
    EspeciallyDifficult,  // an especially difficult village
    Outcomes,             // child or consanguineous marriages reported
};
constexpr std::size_t kGapCount = 8;
constexpr std::array<Gap, kGapCount> kAllGaps = {Gap::NoTeam, Gap::NoClub, Gap::TaOutOfReach, Gap::NoElectricity,
                                                 Gap::NoMobile, Gap::NoInternet, Gap::EspeciallyDifficult, Gap::Outcomes};
// Machine-readable code, as in the `gaps` column and the `weight.CODE` setting: "no_team" …
const char* gapCode(Gap gap);

enum class PopulationMode {
    None,      // score = sum of the weights of the village's gaps
    Factor,    // that sum × population / 100 (unknown population: × 1)
    Tiebreak,  // equal scores: the larger population first, then the code
};
const char* toString(PopulationMode mode);  // "none", "factor", "tiebreak"

struct CoverageRules {
    double taRadiusKm = 10;          // coverage.ta_radius_km: geodesic (WGS84) km, inclusive
    bool clubAnywhereInCommune = false;  // coverage.club_in_commune: a club anywhere in the commune reaches all its villages
    bool taInCommune = false;        // coverage.ta_in_commune: an active Trusted Address in the commune reaches all its villages
    std::array<double, kGapCount> weights = {3, 2, 2, 1, 1, 1, 2, 3};  // weight.CODE, >= 0; 0 leaves the gap out of scores
    PopulationMode population = PopulationMode::None;  // priority.population
    // confidentiality.k: outcome counts from 1 to k−1 never appear in shared outputs, and a village has
    // the `outcomes` gap only when its reported cases (all years) reach k (README "Confidentiality").
    std::int64_t confidentialityK = 5;

    double weight(Gap gap) const { return weights[static_cast<std::size_t>(gap)]; }
    double& weight(Gap gap) { return weights[static_cast<std::size_t>(gap)]; }

    // The rules in a project's settings; keys absent keep the defaults above. An invalid value, or an
    // unknown key under coverage./weight./priority., throws InputError naming the key and the value.
    static CoverageRules fromProject(const Project& project);
    // Writes every rule's key into the project's settings (values that read back exactly).
    void toProject(Project& project) const;
};

// The project's confidentiality.k (default 5): the one place it is read. Throws InputError naming the
// setting unless it is a whole number of 2 or more, or for an unknown key under confidentiality.
std::int64_t confidentialityK(const Project& project);

// Every rule setting as key and value, in a fixed order (for the UI and the README).
std::vector<Setting> coverageSettings(const CoverageRules& rules);

}  // namespace gapmap
