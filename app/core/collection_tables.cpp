#include "core/collection_tables.h"

#include <algorithm>
#include <set>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/schema.h"

namespace gapmap {
namespace {

using T = ColumnType;

// The columns of each sheet, in order. Types: Bool cells are "có"/"không" (yes/no) from a list.
const std::vector<std::pair<std::string, std::vector<std::pair<std::string, T>>>>& sheetColumns() {
    static const std::vector<std::pair<std::string, std::vector<std::pair<std::string, T>>>> columns = {
        {kVillagesTable, {{"code", T::Text}, {"name", T::Text}, {"commune_code", T::Text}, {"commune_name", T::Text},
                          {"population", T::Integer}, {"households", T::Integer}, {"ethnic_group", T::Text},
                          {"especially_difficult", T::Bool}, {"electricity", T::Text}, {"mobile", T::Text}, {"internet", T::Bool},
                          {"lon", T::Real}, {"lat", T::Real}}},
        {kTeamsTable, {{"village_code", T::Text}, {"village_name", T::Text}, {"established", T::Date}, {"members", T::Integer},
                       {"women_members", T::Integer}, {"channel", T::Text}}},
        {kTrustedAddressesTable, {{"code", T::Text}, {"name", T::Text}, {"commune_code", T::Text}, {"village_code", T::Text},
                                  {"established", T::Date}, {"services", T::Text}, {"active", T::Bool}}},
        {kClubsTable, {{"code", T::Text}, {"name", T::Text}, {"commune_code", T::Text}, {"village_code", T::Text},
                       {"established", T::Date}, {"members", T::Integer}}},
        {kActivitiesTable, {{"date", T::Date}, {"commune_code", T::Text}, {"kind", T::Text}, {"sessions", T::Integer},
                            {"participants", T::Integer}, {"women_participants", T::Integer}}},
        {kOfficesTable, {{"commune_code", T::Text}, {"commune_name", T::Text}, {"computers", T::Integer}, {"internet", T::Bool}}},
        {kOutcomesTable, {{"village_code", T::Text}, {"year", T::Integer}, {"child_marriages", T::Integer},
                          {"consanguineous_marriages", T::Integer}}},
    };
    return columns;
}

std::string yesNo(bool v) { return tr(v ? "flow.value.yes" : "flow.value.no"); }
std::string electricityText(Electricity e) { return tr(std::string("flow.value.electricity.") + toString(e)); }
std::string mobileText(Mobile m) { return tr(std::string("flow.value.mobile.") + toString(m)); }

std::vector<std::string> choicesOf(const std::string& column, T type) {
    if (type == T::Bool) return {yesNo(true), yesNo(false)};
    if (column == "electricity") return {electricityText(Electricity::Grid), electricityText(Electricity::Offgrid), electricityText(Electricity::None)};
    if (column == "mobile") return {mobileText(Mobile::None), mobileText(Mobile::G2), mobileText(Mobile::G3), mobileText(Mobile::G4)};
    if (column == "kind") return {"training_commune", "training_village", "policy_dialogue", "club_activity", "digital_skills", "communication"};
    return {};
}

Cell text(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
Cell number(std::int64_t v) { return Cell{v}; }
Cell number(const std::optional<std::int64_t>& v) { return v ? Cell{*v} : Cell{}; }

std::string unitName(const Project& p, const std::string& code) {
    const AdminUnit* u = p.findUnit(code);
    return u ? u->name : "";
}

}  // namespace

std::vector<std::string> defaultCollectionTables() { return {kVillagesTable, kTeamsTable, kClubsTable, kActivitiesTable, kOfficesTable}; }

bool collectionIsSensitive(const std::vector<std::string>& tables) {
    for (const std::string& t : tables)
        if (const TableSpec* spec = findTable(t); spec && spec->sensitive) return true;
    return false;
}

std::vector<std::string> scopeCommunes(const Project& p, const CollectionScope& scope) {
    std::vector<std::string> out;
    if (!scope.communeCode.empty()) {
        const AdminUnit* u = p.findUnit(scope.communeCode);
        if (!u || u->level != AdminLevel::Commune) throw InputError(tr("flow.error.no_commune", {scope.communeCode}));
        return {u->code};
    }
    if (!scope.districtCode.empty()) {
        const AdminUnit* d = p.findUnit(scope.districtCode);
        if (!d || d->level != AdminLevel::District) throw InputError(tr("flow.error.no_district", {scope.districtCode}));
    }
    for (const AdminUnit& u : p.adminUnits)
        if (u.level == AdminLevel::Commune && (scope.districtCode.empty() || u.parentCode == scope.districtCode)) out.push_back(u.code);
    return out;
}

std::string scopeTitle(const Project& p, const CollectionScope& scope) {
    const std::string code = !scope.communeCode.empty() ? scope.communeCode : scope.districtCode;
    if (const AdminUnit* u = code.empty() ? nullptr : p.findUnit(code)) return unitTitle(*u) + " (" + u->code + ")";
    return p.title();
}

std::vector<CollectionSheet> collectionSheets(const Project& p, const CollectionScope& scope, const std::vector<std::string>& tables) {
    const std::vector<std::string> communeList = scopeCommunes(p, scope);
    const std::set<std::string> communes(communeList.begin(), communeList.end());
    const bool wholeProvince = scope.communeCode.empty() && scope.districtCode.empty();
    std::set<std::string> villages;
    for (const Village& v : p.villages)
        if (communes.count(v.communeCode)) villages.insert(v.code);
    auto inScope = [&](const std::string& commune) { return communes.count(commune) > 0 || (wholeProvince && commune.empty()); };

    std::vector<CollectionSheet> out;
    for (const std::string& table : tables) {
        const auto found = std::find_if(sheetColumns().begin(), sheetColumns().end(), [&](const auto& s) { return s.first == table; });
        if (found == sheetColumns().end()) {
            std::string names;
            for (const auto& s : sheetColumns()) names += (names.empty() ? "" : ", ") + s.first;
            throw UsageError(tr("flow.error.unknown_table", {table, names}));
        }
        CollectionSheet sheet{table, tr("flow.sheet." + table), {}, {}};
        for (const auto& [column, type] : found->second)
            sheet.columns.push_back({column, tr("flow.col." + table + "." + column), type, choicesOf(column, type)});
        auto& rows = sheet.rows;
        if (table == kVillagesTable) {
            for (const Village& v : p.villages)
                if (villages.count(v.code))
                    rows.push_back({text(v.code), text(v.name), text(v.communeCode), text(unitName(p, v.communeCode)), number(v.population),
                                    number(v.households), text(v.ethnicGroup), text(yesNo(v.especiallyDifficult)),
                                    text(electricityText(v.electricity)), text(mobileText(v.mobile)), text(yesNo(v.internet)),
                                    v.location ? Cell{v.location->lonDeg} : Cell{}, v.location ? Cell{v.location->latDeg} : Cell{}});
        } else if (table == kTeamsTable) {
            for (const CommunicationTeam& t : p.teams)
                if (villages.count(t.villageCode)) {
                    const Village* v = p.findVillage(t.villageCode);
                    rows.push_back({text(t.villageCode), text(v ? v->name : ""), text(t.established), number(t.members),
                                    number(t.womenMembers), text(t.channel)});
                }
        } else if (table == kTrustedAddressesTable) {
            for (const TrustedAddress& a : p.trustedAddresses)  // never the location
                if (inScope(a.communeCode))
                    rows.push_back({text(a.code), text(a.name), text(a.communeCode), text(a.villageCode), text(a.established), text(a.services),
                                    text(yesNo(a.active))});
        } else if (table == kClubsTable) {
            for (const Club& c : p.clubs)
                if (inScope(c.communeCode))
                    rows.push_back({text(c.code), text(c.name), text(c.communeCode), text(c.villageCode), text(c.established), number(c.members)});
        } else if (table == kActivitiesTable) {
            for (const Activity& a : p.activities)
                if (inScope(a.communeCode))
                    rows.push_back({text(a.date), text(a.communeCode), text(a.kind), number(a.sessions), number(a.participants),
                                    number(a.womenParticipants)});
        } else if (table == kOfficesTable) {
            for (const CommuneOffice& o : p.communeOffices)
                if (inScope(o.communeCode))
                    rows.push_back({text(o.communeCode), text(unitName(p, o.communeCode)), number(o.computers), text(yesNo(o.internet))});
        } else {
            for (const Outcome& o : p.outcomes)
                if (villages.count(o.villageCode))
                    rows.push_back({text(o.villageCode), number(o.year), number(o.childMarriages), number(o.consanguineousMarriages)});
        }
        out.push_back(std::move(sheet));
    }
    return out;
}

}  // namespace gapmap
