// A plain table of typed cells with an optional geometry per row: what the exports write, the same
// rows in the same order whatever the format (CSV and JSON here, XLSX and GeoPackage in
// io/table_export). Coordinates are EPSG:4326 degrees. Standard library only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/model.h"
#include "core/schema.h"

namespace gapmap {

using Cell = std::variant<std::monostate, std::string, std::int64_t, double>;  // monostate: empty / null

struct TableColumn {
    std::string name;
    ColumnType type = ColumnType::Text;  // Text, Integer or Real
};

struct DataTable {
    std::string name;                         // layer or sheet name, e.g. "priority_villages"
    std::vector<TableColumn> columns;
    std::vector<std::vector<Cell>> rows;      // one cell per column
    GeometryKind geometry = GeometryKind::None;
    std::vector<std::optional<LonLat>> points;  // GeometryKind::Point: one per row
    std::vector<const MultiPolygon*> areas;     // GeometryKind::MultiPolygon: one per row (null or empty: none)
};

// A cell as text: integers as digits, reals as their shortest exact form, empty for null.
std::string cellText(const Cell& cell);
// RFC 4180 CSV with a header line, "\n" line ends.
std::string formatCsv(const DataTable& table);
// The same, in pieces: the header line, and the rows appended to `out` (a long table is then
// formatted a slice at a time instead of held whole as cells).
std::string formatCsvHeader(const DataTable& table);
void appendCsvRows(const DataTable& table, std::string& out);
// One cell as CSV appends it (quoted when needed; numbers as cellText writes them).
void appendCsvCell(std::string& out, const Cell& cell);
// A JSON array of objects, one per row, keys in column order; numbers unquoted, empty cells null.
std::string formatJsonRows(const DataTable& table);
// One row of it, "{…}", appended to `out` (a long table is then written a slice at a time).
void appendJsonRow(const DataTable& table, std::size_t row, std::string& out);

}  // namespace gapmap
