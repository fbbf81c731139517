#include "core/model.h"

#include <chrono>
#include <cstdio>

#include <algorithm>
#include <utility>

#include "core/text_fold.h"

namespace gapmap {

const char* toString(AdminLevel level) {
    switch (level) {
        case AdminLevel::Province: return "province";
        case AdminLevel::District: return "district";
        case AdminLevel::Commune: return "commune";
    }
    return "commune";
}

std::optional<AdminLevel> adminLevelFromString(const std::string& text) {
    if (text == "province") return AdminLevel::Province;
    if (text == "district") return AdminLevel::District;
    if (text == "commune") return AdminLevel::Commune;
    return std::nullopt;
}

const char* toString(Electricity e) {
    switch (e) {
        case Electricity::Grid: return "grid";
        case Electricity::Offgrid: return "offgrid";
        case Electricity::None: return "none";
    }
    return "grid";
}

const char* toString(Mobile m) {
    switch (m) {
        case Mobile::None: return "none";
        case Mobile::G2: return "2g";
        case Mobile::G3: return "3g";
        case Mobile::G4: return "4g";
    }
    return "none";
}

std::optional<Electricity> electricityFromString(const std::string& text) {
    if (text == "grid") return Electricity::Grid;
    if (text == "offgrid") return Electricity::Offgrid;
    if (text == "none") return Electricity::None;
    return std::nullopt;
}

std::optional<Mobile> mobileFromString(const std::string& text) {
    if (text == "none") return Mobile::None;
    if (text == "2g") return Mobile::G2;
    if (text == "3g") return Mobile::G3;
    if (text == "4g" || text == "5g") return Mobile::G4;
    return std::nullopt;
}

bool Project::hasDistricts() const {
    return std::any_of(adminUnits.begin(), adminUnits.end(),
                       [](const AdminUnit& u) { return u.level == AdminLevel::District; });
}

const Village* Project::findVillage(const std::string& code) const {
    for (const Village& v : villages)
        if (v.code == code) return &v;
    return nullptr;
}

Village* Project::findVillage(const std::string& code) {
    return const_cast<Village*>(std::as_const(*this).findVillage(code));
}

const AdminUnit* Project::findUnit(const std::string& code) const {
    for (const AdminUnit& u : adminUnits)
        if (u.code == code) return &u;
    return nullptr;
}

std::string Project::settingOr(const std::string& key, const std::string& fallback) const {
    for (const Setting& s : settings)
        if (s.key == key) return s.value;
    return fallback;
}

void Project::setSetting(const std::string& key, const std::string& value) {
    for (Setting& s : settings)
        if (s.key == key) { s.value = value; return; }
    settings.push_back({key, value});
}

std::string Project::title(const std::string& untitled) const {
    const std::string set = settingOr("title", "");
    if (!set.empty()) return set;
    for (const AdminUnit& u : adminUnits)
        if (u.level == AdminLevel::Province) return unitTitle(u);
    return untitled;
}

std::string unitTitle(const AdminUnit& u) {
    std::string kind = u.kind;
    if (kind.empty() || canonicalKind(splitAdminPrefixAsWritten(u.name).prefix) == kind) return u.name;
    if (kind[0] >= 'a' && kind[0] <= 'z') kind[0] = char(kind[0] - 'a' + 'A');  // the kinds start with an ASCII letter
    return kind + " " + u.name;
}

std::size_t Project::rowCount(const std::string& table) const {
    if (table == "admin_units") return adminUnits.size();
    if (table == kVillagesTable) return villages.size();
    if (table == kTeamsTable) return teams.size();
    if (table == kTrustedAddressesTable) return trustedAddresses.size();
    if (table == kClubsTable) return clubs.size();
    if (table == kActivitiesTable) return activities.size();
    if (table == kOfficesTable) return communeOffices.size();
    if (table == kOutcomesTable) return outcomes.size();
    if (table == "targets") return targets.size();
    if (table == "settings") return settings.size();
    return 0;
}

const TableLoad* Project::loadOf(const std::string& table) const {
    for (const TableLoad& l : loads)
        if (l.table == table) return &l;
    return nullptr;
}

bool Project::hasData(const std::string& table) const {
    const std::size_t dot = table.find('.');
    if (dot == std::string::npos) return loadOf(table) || rowCount(table) > 0;
    const std::string whole = table.substr(0, dot), column = table.substr(dot + 1);
    if (!hasData(whole)) return false;
    const TableLoad* load = loadOf(whole);
    return !load || std::find(load->missingColumns.begin(), load->missingColumns.end(), column) == load->missingColumns.end();
}

void Project::recordLoad(const std::string& table, const std::string& sourceFile, std::int64_t rows, const std::string& loadedAt,
                         std::vector<std::string> missingColumns) {
    TableLoad record{table, sourceFile, loadedAt.empty() ? isoTimeNowUtc() : loadedAt, rows, std::move(missingColumns)};
    for (TableLoad& l : loads)
        if (l.table == table) { l = record; return; }
    loads.push_back(record);
}

std::string isoTimeNowUtc() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto day = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss time(now - day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                  int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count()));
    return buf;
}

}  // namespace gapmap
