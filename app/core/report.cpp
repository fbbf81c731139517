#include "core/report.h"

#include <algorithm>
#include <tuple>

#include "core/coverage.h"
#include "core/i18n.h"

namespace gapmap {
namespace {

// Sum of one field of the activities of one kind.
int activitySum(const Project& p, const std::string& kind, bool participants) {
    int total = 0;
    for (const Activity& a : p.activities)
        if (a.kind == kind) total += participants ? a.participants : a.sessions;
    return total;
}

std::vector<IndicatorRow> indicators(const Project& p) {
    int women = 0, members = 0, offices = 0, officesInternet = 0, electrified = 0, broadband = 0, online = 0;
    for (const CommunicationTeam& t : p.teams) { women += t.womenMembers; members += t.members; }
    for (const CommuneOffice& o : p.communeOffices) { offices += o.computers > 0; officesInternet += o.internet; }
    for (const Village& v : p.villages) {
        electrified += v.electricity != Electricity::None;  // grid or off-grid (solar, micro-hydro)
        broadband += v.mobile == Mobile::G3 || v.mobile == Mobile::G4;
        online += v.internet;
    }
    std::vector<IndicatorRow> rows = {
        {"communication_teams", tr("indicator.communication_teams"), double(p.teams.size()), {}, 0},
        {"team_women_share_pct", tr("indicator.team_women_share_pct"), members ? 100.0 * women / members : 0, {}, 0},
        {"trusted_addresses", tr("indicator.trusted_addresses"), double(p.trustedAddresses.size()), {}, 0},
        {"clubs", tr("indicator.clubs"), double(p.clubs.size()), {}, 0},
        {"club_activities", tr("indicator.club_activities"), double(activitySum(p, "club_activity", false)), {}, 0},
        {"club_participants", tr("indicator.club_participants"), double(activitySum(p, "club_activity", true)), {}, 0},
        {"training_commune_sessions", tr("indicator.training_commune_sessions"), double(activitySum(p, "training_commune", false)), {}, 0},
        {"training_commune_participants", tr("indicator.training_commune_participants"), double(activitySum(p, "training_commune", true)), {}, 0},
        {"training_village_sessions", tr("indicator.training_village_sessions"), double(activitySum(p, "training_village", false)), {}, 0},
        {"training_village_participants", tr("indicator.training_village_participants"), double(activitySum(p, "training_village", true)), {}, 0},
        {"policy_dialogues", tr("indicator.policy_dialogues"), double(activitySum(p, "policy_dialogue", false)), {}, 0},
        {"policy_dialogue_participants", tr("indicator.policy_dialogue_participants"), double(activitySum(p, "policy_dialogue", true)), {}, 0},
        {"digital_skills_sessions", tr("indicator.digital_skills_sessions"), double(activitySum(p, "digital_skills", false)), {}, 0},
        {"digital_skills_participants", tr("indicator.digital_skills_participants"), double(activitySum(p, "digital_skills", true)), {}, 0},
        {"commune_offices_with_computers", tr("indicator.commune_offices_with_computers"), double(offices), {}, 0},
        {"commune_offices_with_internet", tr("indicator.commune_offices_with_internet"), double(officesInternet), {}, 0},
        {"villages_with_electricity", tr("indicator.villages_with_electricity"), double(electrified), {}, 0},
        {"villages_with_mobile_broadband", tr("indicator.villages_with_mobile_broadband"), double(broadband), {}, 0},
        {"villages_with_internet", tr("indicator.villages_with_internet"), double(online), {}, 0},
    };
    for (IndicatorRow& row : rows)
        for (const Target& t : p.targets)
            if (t.indicator == row.key && t.year >= row.targetYear) { row.target = t.value; row.targetYear = t.year; }
    return rows;
}

AreaRow areaRow(const AreaCoverage& a) {
    AreaRow row{a.code, a.name, toString(a.level), a.parentCode};
    const CoverageTally& t = a.villages;
    row.villages = static_cast<int>(t.total);
    row.especiallyDifficult = static_cast<int>(t.especiallyDifficult);
    row.withTeam = static_cast<int>(t.team);
    row.withClub = static_cast<int>(t.club);
    row.withTrustedAddress = static_cast<int>(t.taReached);
    row.noElectricity = static_cast<int>(t.noElectricity);
    row.noMobile = static_cast<int>(t.noMobile);
    row.noInternet = static_cast<int>(t.noInternet);
    row.population = a.people.total;
    row.activeTrustedAddresses = a.activeTrustedAddresses;
    return row;
}

}  // namespace

// The village counts come from the coverage analysis, so the report, the priority list and the
// app agree on every rule (Trusted Address reach by geodesic distance through the spatial index).
Report buildReport(const Project& p, std::optional<double> radiusKm) {
    Report r;
    r.title = p.settingOr("title", "gapmap project");
    r.synthetic = p.synthetic();
    r.indicators = indicators(p);
    CoverageRules rules = CoverageRules::fromProject(p);
    if (radiusKm) rules.taRadiusKm = *radiusKm;
    r.trustedAddressRadiusKm = rules.taRadiusKm;
    const CoverageResult coverage = analyseCoverage(p, rules);
    r.province = areaRow(coverage.province);
    for (const AreaCoverage& d : coverage.districts) r.districts.push_back(areaRow(d));
    for (const AreaCoverage& c : coverage.communes) r.communes.push_back(areaRow(c));
    r.outcomes = outcomeTable(p, coverage);
    for (const VillageCoverage& c : coverage.villages) {
        const Village& v = p.villages[c.village];
        if (!v.especiallyDifficult || c.team) continue;
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
