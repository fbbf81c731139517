#include "core/place_index.h"

#include "core/i18n.h"
#include "core/text_fold.h"

namespace gapmap {

PlaceIndex::PlaceIndex(const Project& project) {
    for (const AdminUnit& u : project.adminUnits) {
        if (u.level != AdminLevel::Commune) continue;
        communeCodes_[u.code] = u.name;
        communeByName_.emplace(nameKey(u.name), u.code);
        if (!u.area.empty()) areas_.push_back({u.code, bboxOf(u.area), &u.area});
    }
    for (const Village& v : project.villages) {
        villageCommune_[v.code] = v.communeCode;
        villageByName_.emplace(nameKey(v.name), v.code);
    }
}

PlaceMatch PlaceIndex::commune(const std::string& code, const std::string& name) const {
    if (!code.empty()) {
        if (communeCodes_.count(code)) return {code, ""};
        return {"", tr("place.commune.no_code", {code})};
    }
    if (name.empty()) return {"", tr("place.commune.not_given")};
    const auto [first, last] = communeByName_.equal_range(nameKey(name));
    if (first == last) return {"", tr("place.commune.no_name", {name})};
    if (std::next(first) != last) {
        std::string codes;
        for (auto it = first; it != last; ++it) codes += (codes.empty() ? "" : ", ") + it->second;
        return {"", tr("place.commune.ambiguous", {name, codes})};
    }
    return {first->second, ""};
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
