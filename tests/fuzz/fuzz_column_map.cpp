// Fuzzes field/column mapping (app/io/column_map.h mapColumns, parseMapOption) and the schema's header
// aliases (app/core/schema.h). Arbitrary headers and --map options: either one clear InputError or
// UsageError, or a map whose indexes are in range, whose required columns are present, where no two
// automatically matched columns share a field, every automatic match is the column's own name or one
// of its aliases (folded), and a header equal to a column's own name is never left unused.
// Generated headers: a table's own column names in any order map each column to its own header, and
// an alias written with '_' or '.' for spaces maps like the alias.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/schema.h"
#include "core/text_fold.h"
#include "fuzz_support.h"
#include "io/column_map.h"

using namespace gapmap;

namespace {

// How mapColumns compares headers (column_map.cpp): '_' and '.' are spaces, then folded.
std::string key(std::string_view header) {
    std::string s(header);
    std::replace(s.begin(), s.end(), '_', ' ');
    std::replace(s.begin(), s.end(), '.', ' ');
    return foldVietnamese(s);
}

void checkArbitrary(const TableSpec& table, std::string_view text) {
    std::vector<std::string> fields;
    std::map<std::string, std::string> explicitMap;
    for (std::string_view line : fuzz::split(text, '\n', 48)) {
        if (line.starts_with("--map ")) {
            try {
                auto [column, source] = parseMapOption(std::string(line.substr(6)));
                FUZZ_CHECK(!column.empty() && column.find('=') == std::string::npos, line, column);
                FUZZ_CHECK(column + "=" + source == line.substr(6), line, column, source);
                explicitMap[column] = source;
            } catch (const UsageError& e) {
                FUZZ_CHECK(line.substr(6).find('=') == std::string_view::npos || line[6] == '=', line);
            }
        } else {
            fields.emplace_back(line);
        }
    }
    ColumnMap map;
    try {
        map = mapColumns(table, fields, explicitMap, "fuzz.csv");
    } catch (const InputError& e) {
        FUZZ_CHECK(std::string_view(e.what()).find("fuzz.csv") != std::string_view::npos, e.what());
        return;
    } catch (const UsageError& e) {
        FUZZ_CHECK(!explicitMap.empty() && *e.what() != '\0', e.what());
        return;
    }
    const int nFields = static_cast<int>(fields.size());
    FUZZ_CHECK(map.fieldOf.size() == table.columns.size());
    FUZZ_CHECK(map.lonField >= -1 && map.lonField < nFields && map.latField >= -1 && map.latField < nFields);
    std::set<int> explicitFields, autoFields;
    for (const auto& [column, source] : explicitMap) {
        const int f = column == "lon" ? map.lonField : column == "lat" ? map.latField : map.field(table, column);
        FUZZ_CHECK(f >= 0 && (fields[f] == source || key(fields[f]) == key(source)), column, source);
        explicitFields.insert(f);
    }
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const ColumnSpec& col = table.columns[c];
        const int f = map.fieldOf[c];
        FUZZ_CHECK(f >= -1 && f < nFields, col.name);
        if (col.required) FUZZ_CHECK(f >= 0, col.name);
        if (explicitMap.count(col.name)) continue;
        if (f >= 0) {
            FUZZ_CHECK(!explicitFields.count(f) && autoFields.insert(f).second, col.name, fields[f]);
            bool known = key(fields[f]) == key(col.name);
            for (const std::string& a : col.aliases) known = known || key(fields[f]) == key(a);
            FUZZ_CHECK(known, col.name, fields[f]);
        }
        for (int g = 0; g < nFields; ++g)
            if (!explicitFields.count(g) && key(fields[g]) == key(col.name))
                FUZZ_CHECK(f >= 0 && key(fields[f]) == key(col.name), col.name, fields[g]);
    }
}

// A table's own column names, shuffled by the fuzzer, map one to one; so do lon/lat for point tables.
void checkOwnNames(const TableSpec& table, fuzz::Bytes& in) {
    std::vector<std::string> fields;
    for (const ColumnSpec& c : table.columns) fields.push_back(c.name);
    if (table.geometry == GeometryKind::Point) fields.insert(fields.end(), {"lon", "lat"});
    for (size_t i = fields.size(); i > 1; --i) std::swap(fields[i - 1], fields[in.byte() % i]);
    const ColumnMap map = mapColumns(table, fields, {}, "own.csv");
    for (size_t c = 0; c < table.columns.size(); ++c)
        FUZZ_CHECK(map.fieldOf[c] >= 0 && fields[map.fieldOf[c]] == table.columns[c].name, table.columns[c].name);
    if (table.geometry == GeometryKind::Point)
        FUZZ_CHECK(fields[map.lonField] == "lon" && fields[map.latField] == "lat", table.name);
}

// One column's alias, its spaces written as '_' or '.', among the other columns' own names.
void checkAlias(const TableSpec& table, fuzz::Bytes& in) {
    const size_t c = in.byte() % table.columns.size();
    const ColumnSpec& col = table.columns[c];
    if (col.aliases.empty()) return;
    std::string alias = col.aliases[in.byte() % col.aliases.size()];
    const char space = " _."[in.byte() % 3];
    std::replace(alias.begin(), alias.end(), ' ', space);
    std::vector<std::string> fields;
    for (const ColumnSpec& other : table.columns)
        if (&other != &col) fields.push_back(other.name);
    fields.push_back(alias);
    const ColumnMap map = mapColumns(table, fields, {}, "alias.csv");
    const int aliasField = static_cast<int>(fields.size()) - 1;
    // Every other column already has its own header, so the alias can only be `col`'s.
    FUZZ_CHECK(map.fieldOf[c] == aliasField, col.name, alias);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Bytes in(data, size);
    const std::vector<TableSpec>& tables = projectTables();
    const TableSpec& table = tables[in.byte() % tables.size()];
    checkOwnNames(table, in);
    checkAlias(table, in);
    checkArbitrary(table, in.rest());
    return 0;
}
