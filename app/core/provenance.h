// Where a project's rows came from (issue 13 item 4): each imported row's file, sheet, row and time
// (Project::rowSources), the keys rows are merged by, and the list of imports `gapmap info` shows.
// Standard library only; the app's Details panel calls villageValueSources.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

// The key a row is merged by in `gapmap import --update` and named by in Project::rowSources:
// villages and clubs by code, teams by village, commune offices by commune, activities by
// "date|commune|kind", Trusted Addresses by code, outcomes by "village|year", admin units by code,
// targets by "indicator|year", settings by key.
std::string rowKey(const AdminUnit& u);
std::string rowKey(const Village& v);
std::string rowKey(const CommunicationTeam& t);
std::string rowKey(const TrustedAddress& a);
std::string rowKey(const Club& c);
std::string rowKey(const Activity& a);
std::string rowKey(const CommuneOffice& o);
std::string rowKey(const Outcome& o);
std::string rowKey(const Target& t);
std::string rowKey(const Setting& s);

// Records (or replaces) the source of one row. RowSource::row 0 names a whole file: a row an earlier
// load brought, kept through a merge (--update) that replaced the table's load record.
void recordRowSource(Project& project, RowSource source);
// The same for many rows at once, in time linear in the rows (an import of 100,000 villages).
void recordRowSources(Project& project, std::vector<RowSource> sources);
// Forgets the sources of every row of `table` (the table was replaced whole).
void clearRowSources(Project& project, const std::string& table);
// Forgets the sources of rows of `table` whose key is no longer in the table.
void pruneRowSources(Project& project, const std::string& table, const std::vector<std::string>& keysKept);

// One place a value shown for a village came from.
struct ValueSource {
    std::string table;        // "villages", "communication_teams"
    std::string sourceFile;   // empty: unknown (a project file older than the load record)
    std::string sheet;        // empty: not a workbook sheet
    int row = 0;              // 0: unknown (the row came with its table's whole load)
    std::string importedAt;   // ISO 8601 UTC; empty: unknown
    bool wholeTableLoad = false;  // the row came with a whole file loaded into its table (no row known)
};
// Where the village's own values (villages row) and its communication team's came from: the row's
// import when one is recorded, else its table's load (TableLoad). Empty for an unknown village;
// the team entry only when the village has a team.
std::vector<ValueSource> villageValueSources(const Project& project, const std::string& villageCode);

// The imports whose rows the project still holds, one per (time, file, sheet, table), oldest first.
struct ImportRecord {
    std::string importedAt;
    std::string sourceFile;
    std::string sheet;
    std::string table;
    std::int64_t rows = 0;   // rows of the table that still come from this import
};
std::vector<ImportRecord> importRecords(const Project& project);

}  // namespace gapmap
