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
// Whether `name` may begin with `kind` written out: same first letter (ASCII case-folded), or both
// begin with Đ/đ. A cheap test before the word-by-word split, which runs in every analysis.
bool mayStartWith(const std::string& name, const std::string& kind) {
    if (name.empty() || kind.empty()) return false;
    const unsigned char n = static_cast<unsigned char>(name[0]), k = static_cast<unsigned char>(kind[0]);
    return (n | 0x20) == (k | 0x20) || (n == 0xC4 && k == 0xC4);
}

std::string withKind(const AdminUnit& u) {
    if (u.kind.empty()) return u.name;
    if (mayStartWith(u.name, u.kind) && canonicalKind(splitAdminPrefixAsWritten(u.name).prefix) == u.kind) return u.name;  // "Phường 9"
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

DisplayNames::DisplayNames(const Project& project) : units_(project.adminUnits) {
    // Runs in every analysis (collectAreas): one fold per name, strings only for colliding units.
    // Keys: the folded name + the level's digit (and "|kind"), counted.
    std::vector<std::string> keys;
    keys.reserve(units_.size());
    std::unordered_map<std::string, int> names;
    names.reserve(units_.size());
    for (const AdminUnit& u : units_) {
        // Folded, not nameKey: stored names keep their words, so "Bản Bo" and "Bo" are two names.
        std::string key = foldVietnamese(u.name);
        key.push_back(char('0' + int(u.level)));
        keys.push_back(std::move(key));
        ++names[keys.back()];
    }
    std::unordered_map<std::string, int> kindNames;
    for (size_t i = 0; i < keys.size(); ++i)
        if (names[keys[i]] > 1 && !units_[i].name.empty()) ++kindNames[keys[i] += "|" + units_[i].kind];
        else keys[i].clear();
    if (kindNames.empty()) return;  // the common case: every name is its own
    form_.assign(units_.size(), Form::Bare);
    bool parents = false;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].empty()) continue;
        form_[i] = kindNames[keys[i]] > 1 ? Form::KindAndParent : Form::Kind;
        parents = parents || form_[i] == Form::KindAndParent;
    }
    if (!parents) return;
    byCode_.reserve(units_.size());
    for (const AdminUnit& u : units_) byCode_.emplace(u.code, &u);
}

std::string DisplayNames::of(const AdminUnit& u) const {
    if (form_.empty()) return u.name;
    // A unit of this project by its address, else by its code.
    size_t i = size_t(&u - units_.data());
    if (&u < units_.data() || i >= units_.size()) {
        i = units_.size();
        for (size_t k = 0; k < units_.size() && i == units_.size(); ++k)
            if (units_[k].code == u.code) i = k;
        if (i == units_.size()) return u.name;
    }
    if (form_[i] == Form::Bare) return u.name;
    std::string out = withKind(u);
    if (form_[i] == Form::KindAndParent) {
        const auto parent = byCode_.find(u.parentCode);
        if (parent != byCode_.end()) out += ", " + withKind(*parent->second);
    }
    return out;
}

std::string displayName(const Project& project, const AdminUnit& unit) { return DisplayNames(project).of(unit); }

}  // namespace gapmap
