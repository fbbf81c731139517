#include "core/provenance.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/schema.h"

namespace gapmap {

std::string rowKey(const AdminUnit& u) { return u.code; }
std::string rowKey(const Village& v) { return v.code; }
std::string rowKey(const CommunicationTeam& t) { return t.villageCode; }
std::string rowKey(const TrustedAddress& a) { return a.code; }
std::string rowKey(const Club& c) { return c.code; }
std::string rowKey(const Activity& a) { return a.date + "|" + a.communeCode + "|" + a.kind; }
std::string rowKey(const CommuneOffice& o) { return o.communeCode; }
std::string rowKey(const Outcome& o) { return o.villageCode + "|" + std::to_string(o.year); }
std::string rowKey(const Target& t) { return t.indicator + "|" + std::to_string(t.year); }
std::string rowKey(const Setting& s) { return s.key; }

void recordRowSource(Project& project, RowSource source) {
    for (RowSource& s : project.rowSources)
        if (s.table == source.table && s.key == source.key) { s = std::move(source); return; }
    project.rowSources.push_back(std::move(source));
}

void recordRowSources(Project& project, std::vector<RowSource> sources) {
    std::unordered_map<std::string, size_t> at;  // table + '\n' + key -> index in project.rowSources
    for (size_t i = 0; i < project.rowSources.size(); ++i) at.emplace(project.rowSources[i].table + '\n' + project.rowSources[i].key, i);
    for (RowSource& s : sources) {
        const std::string id = s.table + '\n' + s.key;
        if (const auto found = at.find(id); found != at.end()) {
            project.rowSources[found->second] = std::move(s);
        } else {
            at.emplace(id, project.rowSources.size());
            project.rowSources.push_back(std::move(s));
        }
    }
}

void clearRowSources(Project& project, const std::string& table) {
    std::erase_if(project.rowSources, [&](const RowSource& s) { return s.table == table; });
}

void pruneRowSources(Project& project, const std::string& table, const std::vector<std::string>& keysKept) {
    const std::set<std::string> kept(keysKept.begin(), keysKept.end());
    std::erase_if(project.rowSources, [&](const RowSource& s) { return s.table == table && !kept.count(s.key); });
}

namespace {

ValueSource sourceOf(const Project& project, const std::string& table, const std::string& key) {
    for (const RowSource& s : project.rowSources)
        if (s.table == table && s.key == key) return {table, s.sourceFile, s.sheet, s.row, s.importedAt, s.row == 0};
    ValueSource whole{table, "", "", 0, "", true};
    if (const TableLoad* load = project.loadOf(table)) {
        whole.sourceFile = load->sourceFile;
        whole.importedAt = load->loadedAt;
    }
    return whole;
}

}  // namespace

std::vector<ValueSource> villageValueSources(const Project& project, const std::string& villageCode) {
    std::vector<ValueSource> out;
    if (!project.findVillage(villageCode)) return out;
    out.push_back(sourceOf(project, kVillagesTable, villageCode));
    const bool hasTeam = std::any_of(project.teams.begin(), project.teams.end(),
                                     [&](const CommunicationTeam& t) { return t.villageCode == villageCode; });
    if (hasTeam) out.push_back(sourceOf(project, kTeamsTable, villageCode));
    return out;
}

std::vector<ImportRecord> importRecords(const Project& project) {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::int64_t> counts;
    for (const RowSource& s : project.rowSources) ++counts[{s.importedAt, s.sourceFile, s.sheet, s.table}];
    std::vector<ImportRecord> out;
    for (const auto& [k, n] : counts) out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), n});
    // Within one import, the tables in the project's order (villages before the rows that name them).
    auto order = [](const std::string& table) {
        const auto& tables = projectTables();
        return std::find_if(tables.begin(), tables.end(), [&](const TableSpec& t) { return t.name == table; }) - tables.begin();
    };
    std::stable_sort(out.begin(), out.end(), [&](const ImportRecord& a, const ImportRecord& b) {
        return std::tie(a.importedAt, a.sourceFile) < std::tie(b.importedAt, b.sourceFile) ||
               (std::tie(a.importedAt, a.sourceFile) == std::tie(b.importedAt, b.sourceFile) && order(a.table) < order(b.table));
    });
    return out;
}

}  // namespace gapmap
