#include "core/report.h"

#include <algorithm>
#include <tuple>

#include "core/coverage.h"
#include "core/i18n.h"

namespace gapmap {
namespace {

AreaRow areaRow(const AreaCoverage& a) {
    AreaRow row{a.code, a.name, toString(a.level), a.parentCode};
    const CoverageTally& t = a.villages;
    row.villages = static_cast<int>(t.total);
    if (a.data.especiallyDifficult) row.especiallyDifficult = static_cast<int>(t.especiallyDifficult);
    if (a.data.teams) row.withTeam = static_cast<int>(t.team);
    if (a.data.clubs) row.withClub = static_cast<int>(t.club);
    if (a.data.trustedAddressReach) row.withTrustedAddress = static_cast<int>(t.taReached);
    if (a.data.electricity) row.noElectricity = static_cast<int>(t.noElectricity);
    if (a.data.mobile) row.noMobile = static_cast<int>(t.noMobile);
    if (a.data.internet) row.noInternet = static_cast<int>(t.noInternet);
    row.population = a.population;
    row.populationSource = toString(a.populationSource);
    if (a.data.trustedAddresses) row.activeTrustedAddresses = a.activeTrustedAddresses;
    return row;
}

}  // namespace

// The village counts come from the coverage analysis, so the report, the priority list and the
// app agree on every rule (Trusted Address reach by geodesic distance through the spatial index).
Report buildReport(const Project& p, std::optional<double> radiusKm) {
    Report r;
    r.title = p.title();
    r.synthetic = p.synthetic();
    r.indicators = indicatorRows(p);
    CoverageRules rules = CoverageRules::fromProject(p);
    if (radiusKm) rules.taRadiusKm = *radiusKm;
    r.trustedAddressRadiusKm = rules.taRadiusKm;
    const CoverageResult coverage = analyseCoverage(p, rules);
    r.province = areaRow(coverage.province);
    for (const AreaCoverage& d : coverage.districts) r.districts.push_back(areaRow(d));
    for (const AreaCoverage& c : coverage.communes) r.communes.push_back(areaRow(c));
    r.outcomes = outcomeTable(p, coverage);
    r.teamsKnown = coverage.data.teams;
    r.difficultKnown = coverage.data.especiallyDifficult;
    r.notScored = unscoredTables(coverage);
    for (const VillageCoverage& c : coverage.villages) {
        const Village& v = p.villages[c.village];
        if (!r.teamsKnown || !r.difficultKnown || !v.especiallyDifficult || c.team) continue;  // no teams table: which have none is unknown
        VillageRow row{v.code, v.name, v.communeCode, "", "", v.population.value_or(0)};
        if (c.commune >= 0) {
            const AreaCoverage& commune = coverage.communes[c.commune];
            row.communeName = commune.name;
            for (const AreaCoverage& d : coverage.districts)
                if (d.code == commune.parentCode) row.districtName = d.name;
        }
        r.difficultWithoutTeam.push_back(row);
    }
    std::sort(r.difficultWithoutTeam.begin(), r.difficultWithoutTeam.end(),
              [](const VillageRow& a, const VillageRow& b) { return std::tie(a.communeCode, a.code) < std::tie(b.communeCode, b.code); });
    return r;
}

}  // namespace gapmap
