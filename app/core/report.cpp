#include "core/report.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/geo.h"

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
        {"communication_teams", "Community communication teams", double(p.teams.size()), {}, 0},
        {"team_women_share_pct", "Women among team members (%)", members ? 100.0 * women / members : 0, {}, 0},
        {"trusted_addresses", "Trusted Addresses", double(p.trustedAddresses.size()), {}, 0},
        {"clubs", "Leader of Change clubs", double(p.clubs.size()), {}, 0},
        {"club_activities", "Club activities", double(activitySum(p, "club_activity", false)), {}, 0},
        {"club_participants", "Club activity participants", double(activitySum(p, "club_activity", true)), {}, 0},
        {"training_commune_sessions", "Training sessions, district and commune officials", double(activitySum(p, "training_commune", false)), {}, 0},
        {"training_commune_participants", "District and commune officials trained", double(activitySum(p, "training_commune", true)), {}, 0},
        {"training_village_sessions", "Training classes, village officials", double(activitySum(p, "training_village", false)), {}, 0},
        {"training_village_participants", "Village officials trained", double(activitySum(p, "training_village", true)), {}, 0},
        {"policy_dialogues", "Policy dialogues", double(activitySum(p, "policy_dialogue", false)), {}, 0},
        {"policy_dialogue_participants", "Policy dialogue participants", double(activitySum(p, "policy_dialogue", true)), {}, 0},
        {"digital_skills_sessions", "Digital-skills training sessions", double(activitySum(p, "digital_skills", false)), {}, 0},
        {"digital_skills_participants", "Digital-skills trainees", double(activitySum(p, "digital_skills", true)), {}, 0},
        {"commune_offices_with_computers", "Commune offices with computers", double(offices), {}, 0},
        {"commune_offices_with_internet", "Commune offices with internet", double(officesInternet), {}, 0},
        {"villages_with_electricity", "Villages with electricity (grid or off-grid)", double(electrified), {}, 0},
        {"villages_with_mobile_broadband", "Villages with 3G/4G signal", double(broadband), {}, 0},
        {"villages_with_internet", "Villages with internet", double(online), {}, 0},
    };
    for (IndicatorRow& row : rows)
        for (const Target& t : p.targets)
            if (t.indicator == row.key && t.year >= row.targetYear) { row.target = t.value; row.targetYear = t.year; }
    return rows;
}

}  // namespace

Report buildReport(const Project& p, double radiusKm) {
    Report r;
    r.title = p.settingOr("title", "gapmap project");
    r.synthetic = p.synthetic();
    r.trustedAddressRadiusKm = radiusKm;
    r.indicators = indicators(p);

    std::set<std::string> teamVillages, clubVillages, clubCommunes;
    for (const CommunicationTeam& t : p.teams) teamVillages.insert(t.villageCode);
    for (const Club& c : p.clubs) (c.villageCode.empty() ? clubCommunes : clubVillages).insert(c.villageCode.empty() ? c.communeCode : c.villageCode);
    std::vector<LonLat> activeTa;
    for (const TrustedAddress& a : p.trustedAddresses)
        if (a.active && a.location) activeTa.push_back(*a.location);

    std::map<std::string, AreaRow> communes, districts;
    const AdminUnit* provinceUnit = nullptr;
    for (const AdminUnit& u : p.adminUnits) {
        AreaRow row{u.code, u.name, toString(u.level), u.parentCode};
        if (u.level == AdminLevel::Commune) communes[u.code] = row;
        else if (u.level == AdminLevel::District) districts[u.code] = row;
        else if (!provinceUnit) provinceUnit = &u;
    }
    r.province = provinceUnit ? AreaRow{provinceUnit->code, provinceUnit->name, "province", ""} : AreaRow{"", r.title, "province", ""};

    for (const Village& v : p.villages) {
        const auto commune = communes.find(v.communeCode);
        AreaRow* district = nullptr;
        if (commune != communes.end()) {
            const auto d = districts.find(commune->second.parentCode);
            if (d != districts.end()) district = &d->second;
        }
        const bool team = teamVillages.count(v.code) > 0;
        const bool club = clubVillages.count(v.code) > 0 || clubCommunes.count(v.communeCode) > 0;
        const bool ta = v.location && std::any_of(activeTa.begin(), activeTa.end(),
                                                  [&](LonLat a) { return haversineKm(*v.location, a) <= radiusKm; });
        for (AreaRow* row : {commune != communes.end() ? &commune->second : nullptr, district, &r.province}) {
            if (!row) continue;
            row->villages += 1;
            row->population += v.population.value_or(0);
            row->especiallyDifficult += v.especiallyDifficult;
            row->withTeam += team;
            row->withClub += club;
            row->withTrustedAddress += ta;
            row->noElectricity += v.electricity != Electricity::Grid;
            row->noMobile += v.mobile == Mobile::None || v.mobile == Mobile::G2;
            row->noInternet += !v.internet;
        }
        if (v.especiallyDifficult && !team) {
            VillageRow row{v.code, v.name, v.communeCode, "", "", v.population.value_or(0)};
            if (commune != communes.end()) row.communeName = commune->second.name;
            if (district) row.districtName = district->name;
            r.difficultWithoutTeam.push_back(row);
        }
    }
    for (auto& [code, row] : districts) r.districts.push_back(row);
    for (auto& [code, row] : communes) r.communes.push_back(row);
    std::sort(r.difficultWithoutTeam.begin(), r.difficultWithoutTeam.end(),
              [](const VillageRow& a, const VillageRow& b) { return std::tie(a.communeCode, a.code) < std::tie(b.communeCode, b.code); });
    return r;
}

}  // namespace gapmap
