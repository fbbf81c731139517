// `gapmap import PROJECT.gpkg FILE.xlsx [FILE2 …]` without --as (issue 13 item 2): every sheet of
// every file that is a programme table (by its sheet name, else by its columns) is imported in ONE
// transaction: any bad row in any file refuses the whole import with file, sheet, row and column, and
// the project file stays byte for byte as it was. With `update`, rows merge by key (io/import_merge.h)
// instead of replacing their tables. The app's File › Import returns… calls the same functions.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"
#include "io/importer.h"

namespace gapmap {

// The tables a collection workbook carries and an import of whole workbooks reads, in import order
// (villages before the rows that name them).
const std::vector<std::string>& workbookTables();
// The sheet name of `table` in the current language ("Thôn bản", "Villages"); "" for another table.
std::string workbookSheetName(const std::string& table);
// The table a sheet holds: its name in either language (or the table's own name), else the
// workbook table most of whose columns its header maps; "" when none.
std::string sheetTable(const std::string& sheetName, const std::vector<std::string>& fields);

struct ReturnsResult {
    std::vector<ImportResult> sheets;   // one per sheet imported, in import order
    std::vector<std::string> skipped;   // one line per sheet not imported, with why
    std::string backup;                 // PROJECT.gpkg.bak, or ""
};

// Imports into `project` in memory; throws InputError (one line naming file, sheet, row, column)
// or UsageError and then leaves `project` partly changed: callers import into a copy.
ReturnsResult importReturnsInto(Project& project, const std::vector<std::string>& files, bool update);
// Reads the project, imports every file, writes the project once (a .bak of the old file beside it).
// A refused import leaves the file untouched.
ReturnsResult importReturns(const std::string& projectPath, const std::vector<std::string>& files, bool update);
std::string formatReturnsResult(const ReturnsResult& result);

}  // namespace gapmap
