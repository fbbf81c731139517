// What a collection workbook holds (issue 13 item 1): for one scope (the province, a district or a
// commune), one sheet per programme table, pre-filled with what the project holds so that a commune
// corrects rather than retypes. Headers, closed lists and yes/no in the current language, all
// recognised by `gapmap import` (io/column_map.h). Trusted Address locations are never included.
// Standard library only; io/collection_workbook writes the sheets as XLSX.
#pragma once
#include <string>
#include <vector>

#include "core/data_table.h"
#include "core/model.h"

namespace gapmap {

struct CollectionScope {
    std::string districtCode;  // --district CODE
    std::string communeCode;   // --commune CODE; both empty: the whole province
};

struct CollectionColumn {
    std::string column;                // project column ("lon"/"lat" for a village's coordinates)
    std::string header;                // in the current language
    ColumnType type = ColumnType::Text;  // Text and Date cells are written as text; Integer, Real as numbers
    std::vector<std::string> choices;  // a closed list (data validation), in the current language; empty: free
};

struct CollectionSheet {
    std::string table;                 // a table of core/schema.h
    std::string name;                  // the sheet name in the current language
    std::vector<CollectionColumn> columns;
    std::vector<std::vector<Cell>> rows;
};

// The tables a workbook carries without --tables: villages, teams, clubs, activities, commune offices.
std::vector<std::string> defaultCollectionTables();
// The communes of the scope (codes); throws InputError for a district or commune the project lacks.
std::vector<std::string> scopeCommunes(const Project& project, const CollectionScope& scope);
// The scope in words: "Huyện Ma Là", "Xã Ma Chải", or the project's title.
std::string scopeTitle(const Project& project, const CollectionScope& scope);
// One sheet per table named (UsageError for a table no workbook carries), in the order given.
std::vector<CollectionSheet> collectionSheets(const Project& project, const CollectionScope& scope,
                                              const std::vector<std::string>& tables);
// Whether any of the tables is sensitive (Trusted Addresses, outcomes): the workbook then says so.
bool collectionIsSensitive(const std::vector<std::string>& tables);

}  // namespace gapmap
