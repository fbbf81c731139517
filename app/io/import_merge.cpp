#include "io/import_merge.h"

#include <cmath>
#include <set>
#include <type_traits>
#include <unordered_map>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/provenance.h"

namespace gapmap {
namespace {

// A row's values as one text, to tell "the same again" from a conflict. '\x1f' (unit separator)
// cannot occur in a cell that came through the importer's trimming of text typed by people.
struct Sig {
    std::string s;
    template <typename T> Sig& operator<<(const T& v) {
        if constexpr (std::is_same_v<T, std::string>) s += v;
        else if constexpr (std::is_same_v<T, bool>) s += v ? "1" : "0";
        else s += std::to_string(v);
        s += '\x1f';
        return *this;
    }
    Sig& operator<<(const std::optional<int64_t>& v) { return v ? (*this << *v) : (*this << std::string("-")); }
    Sig& operator<<(const std::optional<LonLat>& p) {
        return p ? (*this << p->lonDeg << p->latDeg) : (*this << std::string("-"));
    }
};

std::string signature(const AdminUnit& u) { return (Sig() << u.code << u.name << std::string(toString(u.level)) << u.parentCode << u.kind << u.population << u.especiallyDifficult).s; }
std::string signature(const Village& v) {
    return (Sig() << v.code << v.name << v.communeCode << v.location << v.population << v.households << v.ethnicGroup << v.especiallyDifficult
                  << std::string(toString(v.electricity)) << std::string(toString(v.mobile)) << v.internet).s;
}
std::string signature(const CommunicationTeam& t) { return (Sig() << t.villageCode << t.established << t.members << t.womenMembers << t.channel).s; }
std::string signature(const TrustedAddress& a) {
    return (Sig() << a.code << a.name << a.communeCode << a.villageCode << a.established << a.services << a.active << a.location).s;
}
std::string signature(const Club& c) { return (Sig() << c.code << c.name << c.communeCode << c.villageCode << c.established << c.members).s; }
std::string signature(const Activity& a) { return (Sig() << a.date << a.communeCode << a.kind << a.sessions << a.participants << a.womenParticipants).s; }
std::string signature(const CommuneOffice& o) { return (Sig() << o.communeCode << o.computers << o.internet).s; }
std::string signature(const Outcome& o) { return (Sig() << o.villageCode << o.year << o.childMarriages << o.consanguineousMarriages).s; }
std::string signature(const Target& t) { return (Sig() << t.indicator << t.year << t.value).s; }
std::string signature(const Setting& s) { return (Sig() << s.key << s.value).s; }

bool given(const TableSpec& spec, const RowOrigin& origin, const char* column) {
    for (size_t c = 0; c < spec.columns.size() && c < origin.given.size(); ++c)
        if (spec.columns[c].name == column) return origin.given[c];
    return false;
}

// What a row keeps of the project's row with its key.
void keepOld(Village& v, const Village& old, const TableSpec& spec, const RowOrigin& o) {
    // A workbook writes coordinates with 16 significant digits: a point read back within 1e-9° (0.1 mm)
    // of the project's is the project's, not a change.
    const bool same = v.location && old.location && std::abs(v.location->lonDeg - old.location->lonDeg) < 1e-9 &&
                      std::abs(v.location->latDeg - old.location->latDeg) < 1e-9;
    if (!v.location || same) v.location = old.location;
    if (!given(spec, o, "population")) v.population = old.population;
    if (!given(spec, o, "households")) v.households = old.households;
    if (!given(spec, o, "ethnic_group")) v.ethnicGroup = old.ethnicGroup;
    if (!given(spec, o, "especially_difficult")) v.especiallyDifficult = old.especiallyDifficult;
    if (!given(spec, o, "electricity")) v.electricity = old.electricity;
    if (!given(spec, o, "mobile")) v.mobile = old.mobile;
    if (!given(spec, o, "internet")) v.internet = old.internet;
}
void keepOld(TrustedAddress& a, const TrustedAddress& old, const TableSpec&, const RowOrigin&) {
    if (!a.location) a.location = old.location;
}
template <typename Row> void keepOld(Row&, const Row&, const TableSpec&, const RowOrigin&) {}

template <typename Row>
std::vector<std::string> merge(std::vector<Row>& dst, std::vector<Row>& rows, const TableSpec& spec,
                               const std::vector<RowOrigin>& origins, MergeLedger& ledger) {
    std::unordered_map<std::string, std::vector<size_t>> at;  // key -> the rows of dst holding it
    for (size_t i = 0; i < dst.size(); ++i) at[rowKey(dst[i])].push_back(i);
    std::set<size_t> dropped;                    // later rows of dst with a key the file replaced
    auto& seen = ledger.seen[spec.name];
    std::vector<std::string> keys;
    for (size_t i = 0; i < rows.size(); ++i) {
        Row& row = rows[i];
        const RowOrigin& origin = origins.at(i);
        const std::string key = rowKey(row);
        const auto found = at.find(key);
        if (found != at.end()) keepOld(row, dst[found->second.front()], spec, origin);
        const std::string sig = signature(row);
        if (const auto s = seen.find(key); s != seen.end()) {
            if (s->second.second != sig) throw InputError(tr("flow.error.conflict", {spec.name, key, s->second.first, origin.where}));
        } else {
            seen.emplace(key, std::make_pair(origin.where, sig));
        }
        keys.push_back(key);
        if (found != at.end()) {
            dst[found->second.front()] = row;
            dropped.insert(found->second.begin() + 1, found->second.end());
        } else {
            at[key].push_back(dst.size());
            dst.push_back(row);
        }
    }
    if (!dropped.empty()) {
        std::vector<Row> kept;
        for (size_t j = 0; j < dst.size(); ++j)
            if (!dropped.count(j)) kept.push_back(std::move(dst[j]));
        dst = std::move(kept);
    }
    return keys;
}

template <typename Row>
std::vector<std::string> keysOf(const std::vector<Row>& rows) {
    std::vector<std::string> keys;
    for (const Row& r : rows) keys.push_back(rowKey(r));
    return keys;
}

}  // namespace

std::vector<std::string> mergeByKey(Project& p, Project& in, const TableSpec& spec, const std::vector<RowOrigin>& origins, MergeLedger& ledger) {
    const std::string& t = spec.name;
    if (t == "admin_units") return merge(p.adminUnits, in.adminUnits, spec, origins, ledger);
    if (t == kVillagesTable) return merge(p.villages, in.villages, spec, origins, ledger);
    if (t == kTeamsTable) return merge(p.teams, in.teams, spec, origins, ledger);
    if (t == kTrustedAddressesTable) return merge(p.trustedAddresses, in.trustedAddresses, spec, origins, ledger);
    if (t == kClubsTable) return merge(p.clubs, in.clubs, spec, origins, ledger);
    if (t == kActivitiesTable) return merge(p.activities, in.activities, spec, origins, ledger);
    if (t == kOfficesTable) return merge(p.communeOffices, in.communeOffices, spec, origins, ledger);
    if (t == kOutcomesTable) return merge(p.outcomes, in.outcomes, spec, origins, ledger);
    if (t == "targets") return merge(p.targets, in.targets, spec, origins, ledger);
    return merge(p.settings, in.settings, spec, origins, ledger);
}

void retainKeys(Project& p, const std::string& t, const std::vector<std::string>& keys) {
    const std::set<std::string> kept(keys.begin(), keys.end());
    auto retain = [&](auto& rows) { std::erase_if(rows, [&](const auto& row) { return !kept.count(rowKey(row)); }); };
    if (t == "admin_units") retain(p.adminUnits);
    else if (t == kVillagesTable) retain(p.villages);
    else if (t == kTeamsTable) retain(p.teams);
    else if (t == kTrustedAddressesTable) retain(p.trustedAddresses);
    else if (t == kClubsTable) retain(p.clubs);
    else if (t == kActivitiesTable) retain(p.activities);
    else if (t == kOfficesTable) retain(p.communeOffices);
    else if (t == kOutcomesTable) retain(p.outcomes);
    else if (t == "targets") retain(p.targets);
    else retain(p.settings);
}

std::vector<std::string> tableKeys(const Project& p, const std::string& t) {
    if (t == "admin_units") return keysOf(p.adminUnits);
    if (t == kVillagesTable) return keysOf(p.villages);
    if (t == kTeamsTable) return keysOf(p.teams);
    if (t == kTrustedAddressesTable) return keysOf(p.trustedAddresses);
    if (t == kClubsTable) return keysOf(p.clubs);
    if (t == kActivitiesTable) return keysOf(p.activities);
    if (t == kOfficesTable) return keysOf(p.communeOffices);
    if (t == kOutcomesTable) return keysOf(p.outcomes);
    if (t == "targets") return keysOf(p.targets);
    return keysOf(p.settings);
}

}  // namespace gapmap
