#include "core/place_index.h"

#include "core/admin_names.h"
#include "core/i18n.h"
#include "core/text_fold.h"

namespace gapmap {

PlaceIndex::PlaceIndex(const Project& project) {
    std::map<std::string, std::string> parentKeys;  // district (or province) code -> name key
    for (const AdminUnit& u : project.adminUnits)
        if (u.level != AdminLevel::Commune) parentKeys[u.code] = nameKey(u.name);
    for (const AdminUnit& u : project.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        const auto parent = parentKeys.find(u.parentCode);
        communeCodes_[u.code] = {u.name, u.kind, parent == parentKeys.end() ? std::string() : parent->second};
        communeByName_.emplace(nameKey(u.name), u.code);
        if (!u.area.empty()) areas_.push_back({u.code, bboxOf(u.area), &u.area});
    }
    for (const Village& v : project.villages) {
        villageCommune_[v.code] = v.communeCode;
        villageByName_.emplace(nameKey(v.name), v.code);
    }
}

PlaceMatch PlaceIndex::commune(const std::string& code, const std::string& name, const std::string& district) const {
    if (!code.empty()) {
        if (communeCodes_.count(code)) return {code, ""};
        return {"", tr("place.commune.no_code", {code})};
    }
    if (name.empty()) return {"", tr("place.commune.not_given")};
    // "Mường Tè, huyện Mường Tè": the part after the first comma names the district.
    const size_t comma = name.find(',');
    const std::string own = comma == std::string::npos ? name : name.substr(0, comma);
    const std::string districtKey = nameKey(comma == std::string::npos ? district : name.substr(comma + 1));
    const auto [first, last] = communeByName_.equal_range(nameKey(own));
    std::vector<std::string> found;
    for (auto it = first; it != last; ++it) found.push_back(it->second);
    if (found.empty()) return {"", tr("place.commune.no_name", {name})};
    // Narrow by what the source says, each step only when it leaves someone.
    auto narrow = [&](auto fits) {
        std::vector<std::string> kept;
        for (const std::string& c : found)
            if (fits(communeCodes_.at(c))) kept.push_back(c);
        if (!kept.empty()) found = std::move(kept);
    };
    // Typed with or without marks ("Xa Muong Te" too): matching is lenient, storage is not.
    std::string writtenKind = canonicalKind(splitAdminPrefix(own).prefix);
    if (!isAdministrativeKind(writtenKind)) writtenKind.clear();
    if (found.size() > 1 && !writtenKind.empty()) narrow([&](const CommuneInfo& c) { return c.kind == writtenKind; });
    if (found.size() > 1 && !districtKey.empty()) narrow([&](const CommuneInfo& c) { return c.districtKey == districtKey; });
    if (found.size() > 1) {
        std::string candidates;
        for (const std::string& c : found) {
            const CommuneInfo& info = communeCodes_.at(c);
            candidates += (candidates.empty() ? "" : ", ") + (info.kind.empty() ? info.name : info.kind + " " + info.name) + " " + c;
        }
        return {"", tr("place.commune.ambiguous", {name, candidates})};
    }
    return {found.front(), ""};
}

PlaceMatch PlaceIndex::village(const std::string& code, const std::string& name, const std::string& communeCode) const {
    if (!code.empty()) {
        const auto it = villageCommune_.find(code);
        if (it == villageCommune_.end()) return {"", tr("place.village.no_code", {code})};
        if (!communeCode.empty() && it->second != communeCode)
            return {"", tr("place.village.other_commune", {code, it->second, communeCode})};
        return {code, ""};
    }
    if (name.empty()) return {"", tr("place.village.not_given")};
    const auto [first, last] = villageByName_.equal_range(nameKey(name));
    std::vector<std::string> found;
    for (auto it = first; it != last; ++it)
        if (communeCode.empty() || villageCommune_.at(it->second) == communeCode) found.push_back(it->second);
    if (found.empty())
        return {"", communeCode.empty() ? tr("place.village.no_name", {name}) : tr("place.village.no_name_in_commune", {name, communeCode})};
    if (found.size() > 1) {
        std::string where;
        for (const std::string& v : found) where += (where.empty() ? "" : ", ") + villageCommune_.at(v);
        return {"", tr("place.village.ambiguous", {name, where})};
    }
    return {found.front(), ""};
}

PlaceMatch PlaceIndex::communeAt(LonLat point) const {
    for (const CommuneArea& a : areas_)
        if (a.box.contains(point) && contains(*a.area, point)) return {a.code, ""};
    return {"", tr("place.commune.none_at_location")};
}

std::string PlaceIndex::communeOfVillage(const std::string& villageCode) const {
    const auto it = villageCommune_.find(villageCode);
    return it == villageCommune_.end() ? "" : it->second;
}

}  // namespace gapmap
