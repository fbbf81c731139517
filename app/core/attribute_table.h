// The attribute table of the desktop app (View › Table): one row per village or per commune with
// the figures a planner sorts and filters by, held as a DataTable (core/data_table.h) so that
// *Export CSV* writes exactly the rows the table shows, in the order it shows them. A null cell is
// *no data* (a table or column never loaded, a population never given), never 0. No Trusted Address
// location enters it: the nearest one only as the distance band of the priority list.
// Standard library only (the ImGui panel is app/ui/app_table.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/data_table.h"

namespace gapmap {

enum class TableKind { Villages, Communes };

struct AttributeTable {
    TableKind kind = TableKind::Villages;
    // Every village (in priority rank order, then the unlisted ones in project order) or every commune
    // (by code). Column names are the CSV header and the catalogue key ui.table.col.NAME.
    DataTable data;
    std::vector<bool> nullIsNoData;   // per column: a null cell means "no data" (else: nothing to show, e.g. no rank)
    std::vector<std::string> codes;   // per row: the village's or the commune's code
    std::vector<std::uint16_t> gaps;  // per row: bits (1 << Gap) found; a commune has those of any of its villages
    std::vector<std::string> folded;  // per row: folded name, code, commune and district, for the text filter

    int column(const std::string& name) const;  // index into data.columns, -1 when absent
};

AttributeTable villageAttributeTable(const Project& project, const CoverageResult& result);
AttributeTable communeAttributeTable(const Project& project, const CoverageResult& result);

// The gaps the table filters by, in the order of its checkboxes.
inline constexpr Gap kTableGaps[] = {Gap::NoTeam, Gap::NoClub, Gap::NoInternet, Gap::NoMobile, Gap::NoElectricity};

struct TableQuery {
    std::uint16_t gaps = 0;   // a row must have every one of these (1 << Gap); 0: all rows
    std::string text;         // compared folded (foldVietnamese) with names and codes; empty: all rows
    int sortColumn = -1;      // index into data.columns; -1: the table's own order
    bool descending = false;
    bool operator==(const TableQuery&) const = default;
};

// The rows that pass the filter, sorted by the column: numbers by value, texts folded; rows without
// data last in either direction; ties keep the table's own order (for villages: the priority rank).
std::vector<std::size_t> queryRows(const AttributeTable& table, const TableQuery& query);
// Those rows, in that order, as a table of their own: what Export CSV writes (formatCsv).
DataTable selectRows(const AttributeTable& table, const std::vector<std::size_t>& rows);

}  // namespace gapmap
