// Coverage and gap analysis: which villages the programme reaches under the project's rules
// (core/coverage_rules.h), each village's gaps and priority score with its breakdown, the ranked
// priority list, and counts and shares per commune, district and province for the map's choropleth.
// analyseCoverage() is the one entry point the app, `gapmap report` and the exports share, so they
// show the same rows in the same order. Standard library only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage_rules.h"
#include "core/model.h"

namespace gapmap {

// How far a village is from the nearest active Trusted Address, as the analysis keeps it and every
// output gives it: within the radius (km <= R + kTaReachToleranceKm) the band 0–R, beyond it 5 km
// bands starting at the radius ("10–15"). Exact distances from several villages whose coordinates
// are known would locate a Trusted Address (trilateration); a band keeps that no finer than a
// commune, and the result never holds an exact distance.
struct DistanceBand {
    double fromKm = 0, toKm = 0;
    bool operator==(const DistanceBand&) const = default;
};
// Distances are compared with the radius to the nearest metre, so a village placed at exactly
// R km is reached whatever the last bits of the arithmetic say.
constexpr double kTaReachToleranceKm = 0.0005;
DistanceBand reportedBand(double km, double radiusKm);

struct VillageCoverage {
    std::uint32_t village = 0;          // index into Project::villages
    std::int32_t commune = -1;          // index into CoverageResult::communes; -1: commune unknown
    bool team = false;                  // a communication team is registered in the village
    bool club = false;                  // a club reaches it (see CoverageRules)
    bool taReached = false;             // an active Trusted Address reaches it: within the radius, or by the commune rule
    bool taKnown = true;                // false: no coordinates and no rule decides, so reach is unknown (not a gap)
    bool noLocation = false;            // the village has no coordinates; it is still counted and listed
    std::optional<DistanceBand> nearestTaBand;  // band of the WGS84 geodesic distance to the nearest active
                                                // located Trusted Address; nullopt: no coordinates, or none located
    std::uint16_t gaps = 0;             // every gap found, bit (1 << Gap), whatever the weights
    std::uint16_t scoredGaps = 0;       // the gaps whose weight is above 0: the `gaps` column and the score
    double populationFactor = 1;        // PopulationMode::Factor: population / 100 (unknown: 1); else 1
    double score = 0;                   // sum of the weights of scoredGaps × populationFactor, rounded to 1e-6

    bool has(Gap g) const { return gaps >> static_cast<int>(g) & 1; }
    bool scored(Gap g) const { return scoredGaps >> static_cast<int>(g) & 1; }
    // In the priority list: at least one scored gap, or Trusted Address reach unknown (no coordinates).
    bool listed() const { return scoredGaps != 0 || !taKnown; }
};

// Counts of villages (or sums of their populations) in one area. Unknown populations add 0.
struct CoverageTally {
    std::int64_t total = 0, especiallyDifficult = 0, team = 0, especiallyDifficultWithTeam = 0, club = 0,
                 taReached = 0, taUnknown = 0, noElectricity = 0, noMobile = 0, noInternet = 0, outcomes = 0,
                 noLocation = 0, listed = 0;
};

// Which tables the measures and gaps rest on have data (Project::hasData). A table never loaded
// makes its measures *no data* (nullopt) and its gaps unknown: not found, not scored, not listed.
// The same for the village columns a villages file may lack (Project::hasData("villages.internet")).
struct DataPresence {
    bool teams = true, clubs = true, trustedAddresses = true, offices = true, outcomes = true;
    bool electricity = true, mobile = true, internet = true, especiallyDifficult = true;
    // Reach by a Trusted Address (within the radius): needs their locations; false also when the project
    // holds counts only (Project::trustedAddressCountsOnly), while the counts themselves are known.
    bool trustedAddressReach = true;
    static DataPresence of(const Project& project);
};

// Where an area's population comes from: the villages' sum where every village of the commune has
// a figure, else the commune's own `population` (admin_units, e.g. the 2009 census); a district or
// province adds its communes' figures up, so it can be Mixed.
enum class PopulationSource { None, Villages, Census, Mixed };
const char* toString(PopulationSource source);  // "none", "villages", "census", "mixed"

struct AreaCoverage {
    std::int32_t unit = -1;           // index into Project::adminUnits; -1 for a province made up from the title
    std::string code, parentCode;
    std::string name;                 // as lists show it (DisplayNames): "xã Mường Tè" where names collide
    AdminLevel level = AdminLevel::Commune;
    CoverageTally villages;           // counts of villages
    CoverageTally people;             // sums of village populations
    std::int64_t populationUnknown = 0;        // villages without a population figure
    std::int64_t activeTrustedAddresses = 0;   // registered in the area (a count: never a location)
    std::int64_t offices = 0, officesWithoutComputers = 0, officesWithoutInternet = 0;  // commune office records
    std::int64_t communesWithoutOffice = 0;    // communes with no commune_offices row
    std::int64_t population = 0;               // the area's population, from populationSource
    PopulationSource populationSource = PopulationSource::None;
    DataPresence data;                         // as CoverageResult::data: measures read it
};

struct CoverageResult {
    CoverageRules rules;
    std::vector<VillageCoverage> villages;  // one per Project::villages, same order
    std::vector<std::uint32_t> priority;    // indices into villages of the listed ones: score descending,
                                            // then population descending (PopulationMode::Tiebreak), then code
    AreaCoverage province;
    std::vector<AreaCoverage> districts;    // ordered by code; empty in a two-level project
    std::vector<AreaCoverage> communes;     // ordered by code
    std::int64_t activeTaWithoutLocation = 0;  // these reach villages only through the commune rule
    DataPresence data;                         // the tables with data; the others' gaps are unknown
};

// The tables whose gaps could not be looked for (never loaded), in gap order: "communication_teams",
// "clubs", "trusted_addresses", "villages.electricity", "villages.mobile", "villages.internet",
// "villages.especially_difficult", "outcomes". Empty when every gap was looked for.
std::vector<std::string> unscoredTables(const CoverageResult& result);
// "Không tính: chưa có dữ liệu đội truyền thông, câu lạc bộ, Địa chỉ tin cậy" (current language); empty when none.
std::string unscoredText(const CoverageResult& result);
// "dân số: số liệu điều tra của xã" / "population: communes' census figure" (current language; without
// the "population:" label when labelled is false); empty for None.
std::string populationSourceText(PopulationSource source, bool labelled = true);
PopulationSource populationSourceFromString(const std::string& text);  // toString's inverse; None otherwise

// threads: 0 = automatic (one below 20,000 villages, else up to 4, as the machine has cores);
// the result is the same whatever the number.
CoverageResult analyseCoverage(const Project& project, const CoverageRules& rules, unsigned threads = 0);
// With the rules in the project's settings (throws InputError for an invalid setting).
CoverageResult analyseCoverage(const Project& project);

// One line of a score's breakdown.
struct ScoreTerm {
    enum class Kind { Gap, TaUnknown, PopulationFactor } kind = Kind::Gap;
    Gap gap = Gap::NoTeam;            // Kind::Gap
    double value = 0;                 // Gap: points added (the weight); PopulationFactor: the multiplier
};
// The village's scored gaps in Gap order, then "reach unknown" and the population factor where they apply.
std::vector<ScoreTerm> scoreTerms(const VillageCoverage& village, const CoverageRules& rules);

// The `gaps` column: codes of the scored gaps separated by ';' ("no_team;ta_out_of_reach").
std::string gapsText(const VillageCoverage& village);

// Area measures for tables and the choropleth: counts, people and shares (percent).
struct AreaMeasure {
    const char* key;    // column name, e.g. "pct_especially_difficult_with_team"
    bool percent;       // a share in percent (0–100) rather than a count
    std::optional<double> (*value)(const AreaCoverage&);  // nullopt: a share with nothing to divide by
};
const std::vector<AreaMeasure>& areaMeasures();
const AreaMeasure* findAreaMeasure(const std::string& key);

// Texts in the current language (app/i18n/*.txt; core/i18n.h), numbers with its decimal separator.
// "no team +3; nearest Trusted Address 23.4 km +2; …"
std::string reasonsText(const Project& project, const CoverageResult& result, const VillageCoverage& village);

// reasonsText and bandText for a whole list (100,000 villages at national scale): each gap's text
// with its points is made once, and each distance band once, so a row costs concatenations, not
// catalogue look-ups and number formatting. The same texts; the language is the one current when
// it is made. Not for two threads at once (the bands are kept as they are met).
class ReasonsFormatter {
public:
    explicit ReasonsFormatter(const CoverageRules& rules);
    void append(std::string& out, const Project& project, const VillageCoverage& village) const;
    std::string text(const Project& project, const VillageCoverage& village) const;
    const std::string& band(const DistanceBand& band) const;  // bandText(band)
    const std::string& gaps(const VillageCoverage& village) const;  // gapsText(village)

private:
    const std::string& nearestTa(const DistanceBand& band) const;  // the TaOutOfReach part with a band
    CoverageRules rules_;
    std::string gap_[kGapCount][2];  // [gap][1]: the other wording (no electricity at all, no mobile signal)
    std::string noTaLocated_, taUnknown_, populationUnknown_, factorPoints_;
    struct Band { DistanceBand band; std::string text, nearestTa; };
    mutable std::vector<Band> bands_;  // a few dozen 5 km bands at most
    mutable std::vector<std::string> gaps_;  // by scoredGaps (8 gaps: 256 sets), made as met
    mutable std::vector<bool> gapsMade_;
};
std::string gapLabel(Gap gap);                 // "no communication team"
std::string measureLabel(const AreaMeasure& measure);  // "% of especially difficult villages with a team"
std::string bandText(const DistanceBand& band);  // "10–15" (locale numbers)

}  // namespace gapmap
