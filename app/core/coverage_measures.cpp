// The area measures of core/coverage.h: what the summary tables' columns and the choropleth show.
// Outcome counts are deliberately absent (sensitive small numbers; see README).
#include "core/coverage.h"

namespace gapmap {
namespace {

using Field = std::int64_t CoverageTally::*;
using Value = std::optional<double>;

// The table a measure rests on: without data there the measure is no data (nullopt), never 0.
enum Needs { kAny, kTeams, kClubs, kTas, kTaReach, kOffices, kElectricity, kMobile, kInternet, kDifficult, kDifficultTeams };
bool present(const AreaCoverage& a, Needs n) {
    switch (n) {
        case kTeams: return a.data.teams;
        case kClubs: return a.data.clubs;
        case kTas: return a.data.trustedAddresses;
        case kTaReach: return a.data.trustedAddressReach;  // needs locations, not only counts
        case kOffices: return a.data.offices;
        case kElectricity: return a.data.electricity;
        case kMobile: return a.data.mobile;
        case kInternet: return a.data.internet;
        case kDifficult: return a.data.especiallyDifficult;
        case kDifficultTeams: return a.data.especiallyDifficult && a.data.teams;
        case kAny: break;
    }
    return true;
}

template <Field F, Needs N = kAny>
Value villages(const AreaCoverage& a) {
    if (!present(a, N)) return std::nullopt;
    return static_cast<double>(a.villages.*F);
}

template <Field F, Needs N = kAny>
Value people(const AreaCoverage& a) {
    if (!present(a, N)) return std::nullopt;
    return static_cast<double>(a.people.*F);
}

// The area's population as chosen per commune (AreaCoverage::populationSource); none known: no data.
Value population(const AreaCoverage& a) {
    if (a.populationSource == PopulationSource::None) return std::nullopt;
    return static_cast<double>(a.population);
}

// Percent of villages (ByPeople false) or of people (true) in the area having F among those having W.
template <Field F, Field W, bool ByPeople, Needs N = kAny>
Value share(const AreaCoverage& a) {
    if (!present(a, N)) return std::nullopt;
    const CoverageTally& t = ByPeople ? a.people : a.villages;
    if (t.*W == 0) return std::nullopt;
    return 100.0 * static_cast<double>(t.*F) / static_cast<double>(t.*W);
}

template <std::int64_t AreaCoverage::*F, Needs N = kAny>
Value area(const AreaCoverage& a) {
    if (!present(a, N)) return std::nullopt;
    return static_cast<double>(a.*F);
}

using T = CoverageTally;

}  // namespace

const std::vector<AreaMeasure>& areaMeasures() {
    static const std::vector<AreaMeasure> measures = {
        {"villages", false, villages<&T::total>},
        {"population", false, population},
        {"villages_population_unknown", false, area<&AreaCoverage::populationUnknown>},
        {"especially_difficult", false, villages<&T::especiallyDifficult, kDifficult>},
        {"with_team", false, villages<&T::team, kTeams>},
        {"pct_with_team", true, share<&T::team, &T::total, false, kTeams>},
        {"especially_difficult_with_team", false, villages<&T::especiallyDifficultWithTeam, kDifficultTeams>},
        {"pct_especially_difficult_with_team", true, share<&T::especiallyDifficultWithTeam, &T::especiallyDifficult, false, kDifficultTeams>},
        {"with_club", false, villages<&T::club, kClubs>},
        {"pct_with_club", true, share<&T::club, &T::total, false, kClubs>},
        {"ta_reached", false, villages<&T::taReached, kTaReach>},
        {"pct_ta_reached", true, share<&T::taReached, &T::total, false, kTaReach>},
        {"ta_unknown", false, villages<&T::taUnknown, kTaReach>},
        {"no_electricity", false, villages<&T::noElectricity, kElectricity>},
        {"no_mobile", false, villages<&T::noMobile, kMobile>},
        {"no_internet", false, villages<&T::noInternet, kInternet>},
        {"no_location", false, villages<&T::noLocation>},
        {"priority_villages", false, villages<&T::listed>},
        {"people_with_team", false, people<&T::team, kTeams>},
        {"pct_people_with_team", true, share<&T::team, &T::total, true, kTeams>},
        {"people_with_club", false, people<&T::club, kClubs>},
        {"pct_people_with_club", true, share<&T::club, &T::total, true, kClubs>},
        {"people_ta_reached", false, people<&T::taReached, kTaReach>},
        {"pct_people_ta_reached", true, share<&T::taReached, &T::total, true, kTaReach>},
        {"people_no_electricity", false, people<&T::noElectricity, kElectricity>},
        {"pct_people_no_electricity", true, share<&T::noElectricity, &T::total, true, kElectricity>},
        {"people_no_mobile", false, people<&T::noMobile, kMobile>},
        {"pct_people_no_mobile", true, share<&T::noMobile, &T::total, true, kMobile>},
        {"people_no_internet", false, people<&T::noInternet, kInternet>},
        {"pct_people_no_internet", true, share<&T::noInternet, &T::total, true, kInternet>},
        {"active_trusted_addresses", false, area<&AreaCoverage::activeTrustedAddresses, kTas>},
        {"commune_offices", false, area<&AreaCoverage::offices, kOffices>},
        {"offices_without_computers", false, area<&AreaCoverage::officesWithoutComputers, kOffices>},
        {"offices_without_internet", false, area<&AreaCoverage::officesWithoutInternet, kOffices>},
        {"communes_without_office_record", false, area<&AreaCoverage::communesWithoutOffice, kOffices>},
    };
    return measures;
}

const AreaMeasure* findAreaMeasure(const std::string& key) {
    for (const AreaMeasure& m : areaMeasures())
        if (key == m.key) return &m;
    return nullptr;
}

}  // namespace gapmap
