#include "core/kpi.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <unordered_map>

#include "core/i18n.h"
#include "core/parse.h"
#include "core/timeline.h"

namespace gapmap {
namespace {

// The raw sums of one area (the province or a district), from which every indicator follows.
struct Tally {
    double teams = 0, members = 0, women = 0, fewWomen = 0, trustedAddresses = 0, activeTrustedAddresses = 0, clubs = 0;
    double officesWithComputers = 0, officesWithInternet = 0, electrified = 0, broadband = 0, online = 0;
    std::map<std::string, std::pair<double, double>> activities;  // kind -> (sessions, participants)

    double sessions(const std::string& kind) const {
        const auto it = activities.find(kind);
        return it == activities.end() ? 0 : it->second.first;
    }
    double participants(const std::string& kind) const {
        const auto it = activities.find(kind);
        return it == activities.end() ? 0 : it->second.second;
    }
};

struct IndicatorDef {
    std::string key;
    const char* table;  // without data there (Project::hasData) the indicator is no data
    std::function<std::optional<double>(const Tally&)> value;
};

const std::vector<IndicatorDef>& definitions() {
    static const std::vector<IndicatorDef> defs = {
        {"communication_teams", kTeamsTable, [](const Tally& t) -> std::optional<double> { return t.teams; }},
        {"team_women_share_pct", kTeamsTable, [](const Tally& t) -> std::optional<double> {
             if (t.members <= 0) return std::nullopt;  // a share of no members is no data, never 0
             return 100.0 * t.women / t.members;
         }},
        {"teams_few_women", kTeamsTable, [](const Tally& t) -> std::optional<double> { return t.fewWomen; }},
        {"trusted_addresses", kTrustedAddressesTable, [](const Tally& t) -> std::optional<double> { return t.trustedAddresses; }},  // set up (the target counts these)
        {"trusted_addresses_active", kTrustedAddressesTable, [](const Tally& t) -> std::optional<double> { return t.activeTrustedAddresses; }},
        {"clubs", kClubsTable, [](const Tally& t) -> std::optional<double> { return t.clubs; }},
        {"club_activities", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.sessions("club_activity"); }},
        {"club_participants", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.participants("club_activity"); }},
        {"training_commune_sessions", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.sessions("training_commune"); }},
        {"training_commune_participants", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.participants("training_commune"); }},
        {"training_village_sessions", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.sessions("training_village"); }},
        {"training_village_participants", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.participants("training_village"); }},
        {"policy_dialogues", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.sessions("policy_dialogue"); }},
        {"policy_dialogue_participants", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.participants("policy_dialogue"); }},
        {"digital_skills_sessions", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.sessions("digital_skills"); }},
        {"digital_skills_participants", kActivitiesTable, [](const Tally& t) -> std::optional<double> { return t.participants("digital_skills"); }},
        {"commune_offices_with_computers", kOfficesTable, [](const Tally& t) -> std::optional<double> { return t.officesWithComputers; }},
        {"commune_offices_with_internet", kOfficesTable, [](const Tally& t) -> std::optional<double> { return t.officesWithInternet; }},
        {"villages_with_electricity", kVillageElectricity, [](const Tally& t) -> std::optional<double> { return t.electrified; }},
        {"villages_with_mobile_broadband", kVillageMobile, [](const Tally& t) -> std::optional<double> { return t.broadband; }},
        {"villages_with_internet", kVillageInternet, [](const Tally& t) -> std::optional<double> { return t.online; }},
    };
    return defs;
}

// Tallies of the province (index 0) and of each district (1 + index in `districts`). A record
// whose commune has no district (or an activity without a commune) counts in the province only.
std::vector<Tally> tally(const Project& p, const std::vector<std::string>& districts) {
    std::unordered_map<std::string, int> districtOf;  // commune code -> index into districts
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        const auto it = std::find(districts.begin(), districts.end(), u.parentCode);
        if (it != districts.end()) districtOf[u.code] = int(it - districts.begin());
    }
    std::unordered_map<std::string, std::string> communeOfVillage;
    for (const Village& v : p.villages) communeOfVillage[v.code] = v.communeCode;
    std::vector<Tally> tallies(1 + districts.size());
    auto add = [&](const std::string& communeCode, const std::function<void(Tally&)>& f) {
        f(tallies[0]);
        const auto it = districtOf.find(communeCode);
        if (it != districtOf.end()) f(tallies[1 + size_t(it->second)]);
    };
    const double share = fewWomenShare(p);
    for (const CommunicationTeam& t : p.teams) {
        const auto c = communeOfVillage.find(t.villageCode);
        add(c == communeOfVillage.end() ? std::string() : c->second, [&](Tally& s) {
            s.teams += 1;
            s.members += t.members;
            s.women += t.womenMembers;
            s.fewWomen += hasFewWomen(t, share);
        });
    }
    for (const TrustedAddress& a : p.trustedAddresses)
        add(a.communeCode, [&](Tally& s) {
            s.trustedAddresses += 1;
            s.activeTrustedAddresses += a.active;
        });
    for (const Club& c : p.clubs) add(c.communeCode, [](Tally& s) { s.clubs += 1; });
    for (const Activity& a : p.activities)
        add(a.communeCode, [&](Tally& s) {
            auto& [sessions, participants] = s.activities[a.kind];
            sessions += a.sessions;
            participants += a.participants;
        });
    for (const CommuneOffice& o : p.communeOffices)
        add(o.communeCode, [&](Tally& s) {
            s.officesWithComputers += o.computers > 0;
            s.officesWithInternet += o.internet;
        });
    for (const Village& v : p.villages)
        add(v.communeCode, [&](Tally& s) {
            s.electrified += v.electricity != Electricity::None;  // grid or off-grid (solar, micro-hydro)
            s.broadband += v.mobile == Mobile::G3 || v.mobile == Mobile::G4;
            s.online += v.internet;
        });
    return tallies;
}

std::vector<IndicatorRow> rowsOf(const Project& p, const Tally& t, std::optional<int> targetYear) {
    std::vector<IndicatorRow> rows;
    for (const IndicatorDef& d : definitions()) {
        IndicatorRow row{d.key, tr("indicator." + d.key), p.hasData(d.table) ? d.value(t) : std::nullopt, {}, 0};
        for (const Target& target : p.targets)
            if (target.indicator == row.key && target.year >= row.targetYear && (!targetYear || target.year <= *targetYear)) {
                row.target = target.value;
                row.targetYear = target.year;
            }
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

const std::vector<std::string>& indicatorKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const IndicatorDef& d : definitions()) k.push_back(d.key);
        return k;
    }();
    return keys;
}

double fewWomenShare(const Project& project) {
    const std::string text = project.settingOr("kpi.few_women_share", "0.25");
    const std::optional<double> share = parseReal(text);
    return share && *share >= 0 && *share <= 1 ? *share : 0.25;
}

bool hasFewWomen(const CommunicationTeam& team, double share) {
    return team.womenMembers == 0 || team.womenMembers < share * team.members;
}

std::vector<IndicatorRow> indicatorRows(const Project& project, std::optional<int> targetYear) {
    return rowsOf(project, tally(project, {})[0], targetYear);
}

TeamWomen teamWomen(const Project& project) {
    TeamWomen w;
    w.fewWomenShare = fewWomenShare(project);
    for (const CommunicationTeam& t : project.teams) {
        ++w.teams;
        w.members += t.members;
        w.women += t.womenMembers;
        if (hasFewWomen(t, w.fewWomenShare)) w.fewWomenVillages.push_back(t.villageCode);
    }
    if (w.members > 0) w.sharePct = 100.0 * w.women / w.members;
    std::sort(w.fewWomenVillages.begin(), w.fewWomenVillages.end());
    return w;
}

std::optional<double> KpiCard::percentOfTarget() const {
    if (!row.value || !row.target || *row.target <= 0) return std::nullopt;
    return 100.0 * *row.value / *row.target;
}

const KpiCard* KpiBoard::find(const std::string& key) const {
    for (const KpiCard& c : cards)
        if (c.row.key == key) return &c;
    return nullptr;
}

KpiBoard buildKpiBoard(const Project& project, int year) {
    KpiBoard board;
    board.year = year;
    for (const AdminUnit& u : project.adminUnits)
        if (u.level == AdminLevel::District) {
            board.districtCodes.push_back(u.code);
            board.districtNames.push_back(u.name);
        }
    // Names follow their codes.
    std::vector<size_t> order(board.districtCodes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return board.districtCodes[a] < board.districtCodes[b]; });
    std::vector<std::string> codes, names;
    for (size_t i : order) { codes.push_back(board.districtCodes[i]); names.push_back(board.districtNames[i]); }
    board.districtCodes = codes;
    board.districtNames = names;

    const Project now = projectAsOf(project, year);
    const Project before = projectAsOf(project, year - 1);
    const std::vector<Tally> tallies = tally(now, board.districtCodes);
    const std::vector<IndicatorRow> rows = rowsOf(now, tallies[0], year);
    const std::vector<IndicatorRow> previous = indicatorRows(before, year - 1);
    for (size_t k = 0; k < rows.size(); ++k) {
        KpiCard card{rows[k], previous[k].value, {}};
        for (size_t d = 0; d < board.districtCodes.size(); ++d)
            card.byDistrict.push_back(rows[k].value ? definitions()[k].value(tallies[1 + d]) : std::nullopt);
        board.cards.push_back(card);
    }
    board.teams = teamWomen(now);
    return board;
}

int currentKpiYear(const Project& project) {
    if (const auto latest = latestYear(project)) return *latest;
    const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return int(today.year());
}

}  // namespace gapmap
