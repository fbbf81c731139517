// The project file's tables as plain data (DESIGN.md section 3): names, columns,
// types, and the headers an import recognises for each column. Used by io to create
// the GeoPackage and to map source columns. Standard library only.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gapmap {

enum class ColumnType { Text, Integer, Real, Bool, Date };
enum class GeometryKind { None, Point, MultiPolygon };

struct ColumnSpec {
    std::string name;                  // column name in the project file
    ColumnType type = ColumnType::Text;
    bool required = false;             // an import fails without it
    std::vector<std::string> aliases;  // other headers recognised, compared after folding
};

struct TableSpec {
    std::string name;
    GeometryKind geometry = GeometryKind::None;
    bool geometryRequired = false;
    bool sensitive = false;            // see README, "Protection of sensitive data"
    std::vector<ColumnSpec> columns;
};

const std::vector<TableSpec>& projectTables();
const TableSpec* findTable(std::string_view name);
const ColumnSpec* findColumn(const TableSpec& table, std::string_view column);

}  // namespace gapmap

namespace gapmap {
// "commune_name", "village_name" and the parents' "district_…"/"province_…" help an import join
// rows by name or make the parent units; they are not stored. Nor is "commune_code" of the tables
// whose rows belong to a village (communication_teams, outcomes): it only tells homonym villages
// apart, and the village's own commune is the one that counts (a column stored always empty
// would read in QGIS as data that was never given).
inline bool isJoinOnlyColumn(const TableSpec& t, const ColumnSpec& c) {
    if (c.name == "commune_code") return t.name == "communication_teams" || t.name == "outcomes";
    return c.name == "commune_name" || c.name == "village_name" || c.name == "district_name" ||
           c.name == "district_code" || c.name == "province_name" || c.name == "province_code";
}
}  // namespace gapmap
