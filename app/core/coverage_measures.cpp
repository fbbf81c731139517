// The area measures of core/coverage.h: what the summary tables' columns and the choropleth show.
// Outcome counts are deliberately absent (sensitive small numbers; see README).
#include "core/coverage.h"

namespace gapmap {
namespace {

using Field = std::int64_t CoverageTally::*;
using Value = std::optional<double>;

template <Field F>
Value villages(const AreaCoverage& a) { return static_cast<double>(a.villages.*F); }

template <Field F>
Value people(const AreaCoverage& a) { return static_cast<double>(a.people.*F); }

// Percent of villages (ByPeople false) or of people (true) in the area having F among those having W.
template <Field F, Field W, bool ByPeople>
Value share(const AreaCoverage& a) {
    const CoverageTally& t = ByPeople ? a.people : a.villages;
    if (t.*W == 0) return std::nullopt;
    return 100.0 * static_cast<double>(t.*F) / static_cast<double>(t.*W);
}

template <std::int64_t AreaCoverage::*F>
Value area(const AreaCoverage& a) { return static_cast<double>(a.*F); }

using T = CoverageTally;

}  // namespace

const std::vector<AreaMeasure>& areaMeasures() {
    static const std::vector<AreaMeasure> measures = {
        {"villages", false, villages<&T::total>},
        {"population", false, people<&T::total>},
        {"villages_population_unknown", false, area<&AreaCoverage::populationUnknown>},
        {"especially_difficult", false, villages<&T::especiallyDifficult>},
        {"with_team", false, villages<&T::team>},
        {"pct_with_team", true, share<&T::team, &T::total, false>},
        {"especially_difficult_with_team", false, villages<&T::especiallyDifficultWithTeam>},
        {"pct_especially_difficult_with_team", true, share<&T::especiallyDifficultWithTeam, &T::especiallyDifficult, false>},
        {"with_club", false, villages<&T::club>},
        {"pct_with_club", true, share<&T::club, &T::total, false>},
        {"ta_reached", false, villages<&T::taReached>},
        {"pct_ta_reached", true, share<&T::taReached, &T::total, false>},
        {"ta_unknown", false, villages<&T::taUnknown>},
        {"no_electricity", false, villages<&T::noElectricity>},
        {"no_mobile", false, villages<&T::noMobile>},
        {"no_internet", false, villages<&T::noInternet>},
        {"no_location", false, villages<&T::noLocation>},
        {"priority_villages", false, villages<&T::listed>},
        {"people_with_team", false, people<&T::team>},
        {"pct_people_with_team", true, share<&T::team, &T::total, true>},
        {"people_with_club", false, people<&T::club>},
        {"pct_people_with_club", true, share<&T::club, &T::total, true>},
        {"people_ta_reached", false, people<&T::taReached>},
        {"pct_people_ta_reached", true, share<&T::taReached, &T::total, true>},
        {"people_no_electricity", false, people<&T::noElectricity>},
        {"pct_people_no_electricity", true, share<&T::noElectricity, &T::total, true>},
        {"people_no_mobile", false, people<&T::noMobile>},
        {"pct_people_no_mobile", true, share<&T::noMobile, &T::total, true>},
        {"people_no_internet", false, people<&T::noInternet>},
        {"pct_people_no_internet", true, share<&T::noInternet, &T::total, true>},
        {"active_trusted_addresses", false, area<&AreaCoverage::activeTrustedAddresses>},
        {"commune_offices", false, area<&AreaCoverage::offices>},
        {"offices_without_computers", false, area<&AreaCoverage::officesWithoutComputers>},
        {"offices_without_internet", false, area<&AreaCoverage::officesWithoutInternet>},
        {"communes_without_office_record", false, area<&AreaCoverage::communesWithoutOffice>},
    };
    return measures;
}

const AreaMeasure* findAreaMeasure(const std::string& key) {
    for (const AreaMeasure& m : areaMeasures())
        if (key == m.key) return &m;
    return nullptr;
}

}  // namespace gapmap
