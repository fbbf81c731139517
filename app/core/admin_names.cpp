#include "core/admin_names.h"

#include <set>
#include <vector>

namespace gapmap {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) s.remove_suffix(1);
    return s;
}

// "huyện Mường Tè": a unit with its kind, lower case as kinds are stored.
std::string withKind(const AdminUnit& u) {
    if (u.kind.empty() || canonicalKind(splitAdminPrefixAsWritten(u.name).prefix) == u.kind) return u.name;  // "Phường 9"
    return u.kind + " " + u.name;
}

}  // namespace

bool isAdministrativeKind(std::string_view kind) {
    static const std::set<std::string, std::less<>> kinds = {"xã", "phường", "thị trấn", "thị xã", "huyện",
                                                             "quận", "thành phố", "tỉnh", "đặc khu"};
    return kinds.count(kind) > 0;
}

SplitName splitAdministrativeKind(std::string_view name) {
    SplitName split = splitAdminPrefixAsWritten(name);
    if (split.prefix.empty() || isAdministrativeKind(canonicalKind(split.prefix))) return split;
    return {std::string(), std::string(trimmed(name))};
}

std::string sourceKind(std::string_view text) {
    const std::string_view t = trimmed(text);
    std::string kind = canonicalKind(t);
    if (!kind.empty()) return kind;
    kind = std::string(t);
    for (char& c : kind)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return kind;
}

// "9" of "Phường 9" is a number, not a name: numbered wards keep their kind word.
static bool isNumber(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!(c >= '0' && c <= '9')) return false;
    return true;
}

NameAndKind adminNameAndKind(std::string_view sourceName, std::string_view sourceKindText) {
    SplitName split = splitAdministrativeKind(sourceName);
    const std::string written = canonicalKind(split.prefix);  // "" when the name has no kind word
    if (isNumber(split.rest)) split = {std::string(), std::string(trimmed(sourceName))};
    NameAndKind out{std::string(trimmed(sourceName)), sourceKind(sourceKindText)};
    if (out.kind.empty()) out.kind = written;
    if (!split.prefix.empty() && written == out.kind) out.name = split.rest;
    return out;
}

DisplayNames::DisplayNames(const Project& project) {
    // Keys "L|namekey" and "L|namekey|kind", L the level's digit: the names more than one unit has.
    std::vector<std::string> keys;
    keys.reserve(project.adminUnits.size());
    std::unordered_map<std::string, int> names, kindNames;
    names.reserve(project.adminUnits.size());
    std::unordered_map<std::string, const AdminUnit*> byCode;
    byCode.reserve(project.adminUnits.size());
    for (const AdminUnit& u : project.adminUnits) {
        keys.push_back(std::string(1, char('0' + int(u.level))) + "|" + nameKey(u.name));
        ++names[keys.back()];
        byCode.emplace(u.code, &u);
    }
    for (size_t i = 0; i < keys.size(); ++i)
        if (names[keys[i]] > 1) ++kindNames[keys[i] + "|" + project.adminUnits[i].kind];
    for (size_t i = 0; i < keys.size(); ++i) {
        if (names[keys[i]] < 2) continue;
        const AdminUnit& u = project.adminUnits[i];
        std::string shown = withKind(u);
        if (kindNames[keys[i] + "|" + u.kind] > 1) {
            const auto parent = byCode.find(u.parentCode);
            if (parent != byCode.end()) shown += ", " + withKind(*parent->second);
        }
        shown_[u.code] = std::move(shown);
    }
}

std::string DisplayNames::of(const AdminUnit& u) const {
    const auto it = shown_.find(u.code);
    return it == shown_.end() ? u.name : it->second;
}

std::string DisplayNames::ofCode(const std::string& code, const std::string& fallback) const {
    const auto it = shown_.find(code);
    return it == shown_.end() ? fallback : it->second;
}

std::string displayName(const Project& project, const AdminUnit& unit) { return DisplayNames(project).of(unit); }

}  // namespace gapmap
