#include "core/data_status.h"

#include <algorithm>
#include <set>

#include "core/i18n.h"
#include "core/provenance.h"
#include "core/schema.h"
#include "core/text_format.h"

namespace gapmap {

const char* toString(LoadState state) {
    switch (state) {
        case LoadState::Loaded: return "loaded";
        case LoadState::LoadedEmpty: return "loaded_empty";
        case LoadState::UnknownSource: return "unknown_source";
        case LoadState::NotLoaded: break;
    }
    return "not_loaded";
}

std::string loadStateText(LoadState state) { return tr(std::string("info.state.") + toString(state)); }

std::vector<TableStatus> tableStatuses(const Project& p) {
    std::vector<TableStatus> out;
    for (const TableSpec& spec : projectTables()) {
        TableStatus s;
        s.table = spec.name;
        s.rows = static_cast<std::int64_t>(p.rowCount(spec.name));
        if (const TableLoad* load = p.loadOf(spec.name)) {
            s.state = s.rows > 0 ? LoadState::Loaded : LoadState::LoadedEmpty;
            s.sourceFile = load->sourceFile;
            s.loadedAt = load->loadedAt;
        } else {
            s.state = s.rows > 0 ? LoadState::UnknownSource : LoadState::NotLoaded;
        }
        out.push_back(std::move(s));
    }
    return out;
}

namespace {
// How many old and new communes a migrated project's crosswalk joins.
std::pair<size_t, size_t> crosswalkSpan(const Project& p) {
    std::set<std::string> oldCodes, newCodes;
    for (const CrosswalkRow& c : p.crosswalk) { oldCodes.insert(c.oldCode); newCodes.insert(c.newCode); }
    return {oldCodes.size(), newCodes.size()};
}
}  // namespace

std::string formatInfoText(const Project& p, const std::string& projectName) {
    const std::vector<TableStatus> tables = tableStatuses(p);
    const std::string unknown = tr("info.unknown");
    const std::vector<std::string> heads = {tr("info.col.table"), tr("info.col.state"), tr("info.col.rows"), tr("info.col.loaded_at"),
                                            tr("info.col.file")};
    std::vector<std::vector<std::string>> rows;
    for (const TableStatus& s : tables) {
        const bool loaded = s.state != LoadState::NotLoaded;
        rows.push_back({s.table, loadStateText(s.state), formatLocaleNumber(double(s.rows)),
                        !loaded ? "–" : s.loadedAt.empty() ? unknown : s.loadedAt,
                        !loaded ? "–" : s.sourceFile.empty() ? unknown : s.sourceFile});
    }
    std::vector<size_t> width(heads.size());
    for (size_t c = 0; c < heads.size(); ++c) {
        width[c] = codePoints(heads[c]) + 2;
        for (const auto& row : rows) width[c] = std::max(width[c], codePoints(row[c]) + 2);
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t c = 0; c + 1 < cells.size(); ++c) out += pad(cells[c], width[c]);
        return out + cells.back() + "\n";
    };
    std::string out = tr("info.heading", {projectName}) + "\n\n" + line(heads);
    for (const auto& row : rows) out += line(row);
    // The village columns a villages file may lack: "internet  not given: no data".
    if (p.hasData(kVillagesTable)) {
        out += "\n" + tr("info.columns.heading") + "\n";
        for (const char* column : kOptionalVillageColumns)
            out += "  " + pad(column, 22) +
                   tr(p.hasData(std::string(kVillagesTable) + "." + column) ? "info.columns.given" : "info.columns.missing") + "\n";
    }
    // The imports whose rows the project still holds (core/provenance.h): "2026-12-03T07:30:00Z  d991.xlsx › Thôn bản  villages  120".
    const std::vector<ImportRecord> imports = importRecords(p);
    if (!imports.empty()) {
        out += "\n" + tr("flow.info.imports_heading") + "\n";
        for (const ImportRecord& r : imports)
            out += "  " + tr("flow.info.import_line", {r.importedAt, r.sheet.empty() ? r.sourceFile : r.sourceFile + " › " + r.sheet, r.table,
                                                       formatLocaleNumber(double(r.rows))}) + "\n";
    }
    // A migrated project (gapmap migrate): where its old figures come from, as report says.
    if (!p.crosswalk.empty()) {
        const auto [oldCount, newCount] = crosswalkSpan(p);
        out += "\n" + tr("info.crosswalk", {p.settingOr("migrated_from", unknown), p.settingOr("reform_date", unknown),
                                            formatLocaleNumber(double(p.crosswalk.size())), formatLocaleNumber(double(oldCount)),
                                            formatLocaleNumber(double(newCount))}) + "\n";
    }
    return out;
}

std::string formatInfoJson(const Project& p, const std::string& projectName) {
    std::string out = "{\"project\":" + jsonString(projectName) + ",\"title\":" + jsonString(p.title()) + ",\"tables\":[";
    const std::vector<TableStatus> tables = tableStatuses(p);
    for (size_t k = 0; k < tables.size(); ++k) {
        const TableStatus& s = tables[k];
        const bool hasData = s.state != LoadState::NotLoaded;
        out += std::string(k ? "," : "") + "{\"table\":" + jsonString(s.table) + ",\"loaded\":" + (hasData ? "true" : "false") +
               ",\"state\":" + jsonString(toString(s.state)) + ",\"rows\":" + std::to_string(s.rows) +
               ",\"source_file\":" + (s.sourceFile.empty() ? "null" : jsonString(s.sourceFile)) +
               ",\"loaded_at\":" + (s.loadedAt.empty() ? "null" : jsonString(s.loadedAt)) + "}";
    }
    out += "]";
    // {"electricity":true,"mobile":true,"internet":false,"especially_difficult":true}; null without villages.
    std::string columns;
    for (const char* column : kOptionalVillageColumns)
        columns += std::string(columns.empty() ? "" : ",") + jsonString(column) + ":" +
                   (p.hasData(std::string(kVillagesTable) + "." + column) ? "true" : "false");
    out += ",\"village_columns_given\":" + (p.hasData(kVillagesTable) ? "{" + columns + "}" : std::string("null"));
    out += ",\"imports\":[";
    const std::vector<ImportRecord> imports = importRecords(p);
    for (size_t k = 0; k < imports.size(); ++k) {
        const ImportRecord& r = imports[k];
        out += std::string(k ? "," : "") + "{\"imported_at\":" + jsonString(r.importedAt) + ",\"source_file\":" + jsonString(r.sourceFile) +
               ",\"sheet\":" + (r.sheet.empty() ? "null" : jsonString(r.sheet)) + ",\"table\":" + jsonString(r.table) +
               ",\"rows\":" + std::to_string(r.rows) + "}";
    }
    out += "]";
    out += ",\"crosswalk\":";
    if (p.crosswalk.empty()) out += "null";
    else {
        const auto [oldCount, newCount] = crosswalkSpan(p);
        auto setting = [&](const char* key) { const std::string v = p.settingOr(key, ""); return v.empty() ? std::string("null") : jsonString(v); };
        out += "{\"migrated_from\":" + setting("migrated_from") + ",\"reform_date\":" + setting("reform_date") +
               ",\"pairs\":" + std::to_string(p.crosswalk.size()) + ",\"old_communes\":" + std::to_string(oldCount) +
               ",\"new_communes\":" + std::to_string(newCount) + "}";
    }
    return out + "}\n";
}

}  // namespace gapmap
