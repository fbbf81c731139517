// `gapmap import --update` (issue 13 item 3): rows of a file replace the project's rows with the same
// key (core/provenance.h rowKey), all others stay; two rows of one command that set one key to
// different values are a conflict naming both places. Plain data only (no GDAL).
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/schema.h"

namespace gapmap {

// Where one converted row came from, and which of its table's columns (TableSpec order) the row gave.
struct RowOrigin {
    int row = 0;             // SourceTable::rowNumber
    std::string where;       // SourceTable::where, in the user's language
    std::vector<bool> given; // per TableSpec column: present and not empty in this row
};

// The keys one import command has set so far: table -> key -> (where, the row's values as text).
struct MergeLedger {
    std::map<std::string, std::map<std::string, std::pair<std::string, std::string>>> seen;
};

// Merges the rows of `table` held by `incoming` (one per origin, in order) into `project`. Villages:
// an empty cell (or no coordinates) keeps the project's value; the other tables' rows replace whole,
// except that a Trusted Address without a location keeps the one the project holds (workbooks never
// carry them). Throws InputError naming both places when a key was set differently before in `ledger`.
// Returns the incoming rows' keys.
std::vector<std::string> mergeByKey(Project& project, Project& incoming, const TableSpec& spec,
                                    const std::vector<RowOrigin>& origins, MergeLedger& ledger);

// Keeps only the rows of `table` whose key is in `keys` (a replacing import of whole workbooks, after
// its first sheet merged: what the rows kept of the project, a Trusted Address's location, stays).
void retainKeys(Project& project, const std::string& table, const std::vector<std::string>& keys);

// The keys of every row `table` holds, in order.
std::vector<std::string> tableKeys(const Project& project, const std::string& table);

}  // namespace gapmap
