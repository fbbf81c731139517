#include "core/implied_units.h"

#include <set>

#include "core/admin_names.h"
#include "core/text_fold.h"

namespace gapmap {
namespace {

// The centrally governed cities (2025: six): a province-level unit of kind "thành phố".
bool isCentralCity(const std::string& name) {
    static const std::set<std::string> cities = {"ha noi", "hai phong", "da nang", "hue", "thua thien hue",
                                                 "can tho", "ho chi minh"};
    return cities.count(nameKey(name)) > 0;
}

AdminUnit parentUnit(const std::string& code, const std::string& writtenName, AdminLevel level, const std::string& parentCode) {
    AdminUnit u;
    u.code = code;
    u.level = level;
    u.parentCode = parentCode;
    const NameAndKind nk = adminNameAndKind(writtenName, "");
    u.name = nk.name;
    u.kind = nk.kind;
    if (u.kind.empty() && level == AdminLevel::Province) u.kind = isCentralCity(u.name) ? "thành phố" : "tỉnh";
    return u;
}

}  // namespace

std::string ImpliedUnits::add(const AdminUnit& unit, const NamedParents& p) {
    if (unit.level == AdminLevel::Province) return "";
    if (!p.provinceCode.empty()) {
        Parent& prov = provinces_[p.provinceCode];
        if (prov.name.empty()) prov.name = p.provinceName;
    }
    if (unit.level == AdminLevel::Commune && !p.districtCode.empty()) {
        Parent& d = districts_[p.districtCode];
        if (d.name.empty()) d.name = p.districtName;
        if (d.parentCode.empty()) d.parentCode = p.provinceCode;
        return p.districtCode;
    }
    return p.provinceCode;
}

std::vector<AdminUnit> ImpliedUnits::missing(const Project& project, const std::vector<AdminUnit>& imported) const {
    std::set<std::string> have;
    for (const std::vector<AdminUnit>* units : {&project.adminUnits, &imported})
        for (const AdminUnit& u : *units) have.insert(u.code);
    std::vector<AdminUnit> out;
    for (const auto& [code, p] : provinces_)
        if (!have.count(code) && !p.name.empty()) out.push_back(parentUnit(code, p.name, AdminLevel::Province, ""));
    for (const auto& [code, p] : districts_)
        if (!have.count(code) && !p.name.empty()) out.push_back(parentUnit(code, p.name, AdminLevel::District, p.parentCode));
    return out;
}

std::string provinceCodeFromName(const std::string& name) {
    std::string code = nameKey(name);
    for (char& c : code)
        if (c == ' ') c = '-';
    return code;
}

BBox unitExtent(const Project& project, const AdminUnit& unit) {
    BBox box = bboxOf(unit.area);
    if (!box.empty() || unit.level == AdminLevel::Commune) return box;
    std::set<std::string> under = {unit.code};
    // Districts under a province first, then the communes under any of them.
    for (const AdminUnit& u : project.adminUnits)
        if (u.level == AdminLevel::District && under.count(u.parentCode)) under.insert(u.code);
    for (const AdminUnit& u : project.adminUnits)
        if (u.level == AdminLevel::Commune && under.count(u.parentCode)) box.add(bboxOf(u.area));
    return box;
}

}  // namespace gapmap
