#include "io/column_map.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "core/text_fold.h"

namespace gapmap {
namespace {

std::string headerKey(const std::string& header) {
    std::string s = header;
    for (char& c : s)
        if (c == '_' || c == '.') c = ' ';
    return foldVietnamese(s);
}

const std::vector<std::string> kLonHeaders = {"lon", "lng", "long", "longitude", "x", "kinh do", "kd"};
const std::vector<std::string> kLatHeaders = {"lat", "latitude", "y", "vi do", "vd"};

int findField(const std::vector<std::string>& keys, const std::vector<std::string>& candidates,
              const std::vector<bool>& used) {
    for (const std::string& want : candidates)
        for (size_t i = 0; i < keys.size(); ++i)
            if (!used[i] && keys[i] == want) return static_cast<int>(i);
    return -1;
}

std::string listFields(const std::vector<std::string>& fields) {
    std::string out;
    for (const std::string& f : fields) out += (out.empty() ? "" : ", ") + f;
    return out.empty() ? tr("import.error.no_fields") : out;
}

}  // namespace

int ColumnMap::field(const TableSpec& table, const std::string& column) const {
    for (size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i].name == column) return fieldOf[i];
    return -1;
}

ColumnMap mapColumns(const TableSpec& table, const std::vector<std::string>& fields,
                     const std::map<std::string, std::string>& explicitMap, const std::string& path) {
    std::vector<std::string> keys;
    for (const std::string& f : fields) keys.push_back(headerKey(f));
    std::vector<bool> used(fields.size(), false);
    ColumnMap map;
    map.fieldOf.assign(table.columns.size(), -1);

    auto exactField = [&](const std::string& name) {
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i] == name) return static_cast<int>(i);
        return findField(keys, {headerKey(name)}, std::vector<bool>(fields.size(), false));
    };
    for (const auto& [column, source] : explicitMap) {
        const int f = exactField(source);
        if (f < 0) throw InputError(tr("import.error.no_mapped_column", {path, source, column, listFields(fields)}));
        if (column == "lon") map.lonField = f;
        else if (column == "lat") map.latField = f;
        else {
            bool known = false;
            for (size_t c = 0; c < table.columns.size(); ++c)
                if (table.columns[c].name == column) { map.fieldOf[c] = f; known = true; }
            if (!known) throw UsageError(tr("import.error.map_unknown_column", {column, source, table.name}));
        }
        used[f] = true;
    }
    // Own names first for every column, then aliases, so an alias never steals another column's field.
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (map.fieldOf[c] >= 0) continue;
        const int f = findField(keys, {headerKey(table.columns[c].name)}, used);
        if (f >= 0) { map.fieldOf[c] = f; used[f] = true; }
    }
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (map.fieldOf[c] >= 0) continue;
        std::vector<std::string> aliases;
        for (const std::string& a : table.columns[c].aliases) aliases.push_back(headerKey(a));
        const int f = findField(keys, aliases, used);
        if (f >= 0) { map.fieldOf[c] = f; used[f] = true; }
    }
    if (table.geometry == GeometryKind::Point) {
        if (map.lonField < 0) map.lonField = findField(keys, kLonHeaders, used);
        if (map.latField < 0) map.latField = findField(keys, kLatHeaders, used);
    }
    for (size_t c = 0; c < table.columns.size(); ++c)
        if (table.columns[c].required && map.fieldOf[c] < 0)
            throw InputError(tr("import.error.missing_column", {path, table.columns[c].name, table.name, listFields(fields)}));
    return map;
}

std::pair<std::string, std::string> parseMapOption(const std::string& option) {
    const size_t eq = option.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError(tr("import.error.bad_map", {option}));
    return {option.substr(0, eq), option.substr(eq + 1)};
}

ColumnMap mapColumnsFindingHeader(const TableSpec& table, SourceTable& src,
                                  const std::map<std::string, std::string>& explicitMap, std::string& headerNote) {
    headerNote.clear();
    try {
        return mapColumns(table, src.fields, explicitMap, src.path);
    } catch (const InputError&) {
        constexpr size_t kRowsSearched = 10;
        for (size_t k = 0; k < std::min(kRowsSearched, src.rows.size()); ++k) {
            std::vector<std::string> header;
            for (const auto& v : src.rows[k].values) header.push_back(v ? std::string(trimSpaces(*v)) : "");
            ColumnMap map;
            try {
                map = mapColumns(table, header, explicitMap, src.path);
            } catch (const InputError&) {
                continue;
            }
            headerNote = src.where(src.rows[k].index);
            src.fields = std::move(header);
            src.rows.erase(src.rows.begin(), src.rows.begin() + static_cast<long>(k) + 1);
            if (src.rows.empty()) throw InputError(tr("import.error.empty_layer", {src.path, src.layer}));
            return map;
        }
        throw;  // the first line's message: it names the columns the file has
    }
}

std::map<std::string, std::string> readMappingFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(tr("import.error.mapping_unreadable", {path}));
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    return parseMappingText(text, path);
}

std::map<std::string, std::string> parseMappingText(std::string_view text, const std::string& path) {
    std::map<std::string, std::string> map;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the BOM Windows Notepad writes
    for (int lineNo = 1; !text.empty(); ++lineNo) {
        const size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view trimmed = trimSpaces(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        const size_t eq = trimmed.find('=');
        if (eq == std::string_view::npos)
            throw InputError(tr("import.error.mapping_line", {path, std::to_string(lineNo)}));
        map[std::string(trimSpaces(trimmed.substr(0, eq)))] = std::string(trimSpaces(trimmed.substr(eq + 1)));
    }
    return map;
}

}  // namespace gapmap
