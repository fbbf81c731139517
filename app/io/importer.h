// `gapmap import`: one source file into one table of a project, through GDAL/OGR.
// Every row is accounted for: imported, or listed with the reason it was not.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/schema.h"
#include "io/import_merge.h"
#include "io/ogr_reader.h"

namespace gapmap {

struct ImportRequest {
    std::string table;                              // a table of core/schema.h
    std::string file;                               // anything GDAL opens, /vsimem/ included
    ReadOptions read;                               // --layer, --crs
    std::map<std::string, std::string> columnMap;   // --map column=Header and --mapping FILE
    std::string level;                              // admin_units: level for rows without one (default commune)
    std::string province;                           // admin_units: --province NAME, the province of rows that name none
    bool skipInvalid = false;                       // list rows that do not parse instead of failing
    bool partial = false;                           // --partial: import even when most rows are left out
    bool allowEmpty = false;                        // --allow-empty: a file with a header and no rows empties the table
    // Whole workbooks (io/returns_import.h): the sheet read (named in messages and provenance), the
    // ledger of one command's keys when rows merge by key instead of replacing the table (--update),
    // strict: a row whose commune or village is not found refuses the import instead of being left out.
    std::string sheet;
    MergeLedger* merge = nullptr;
    bool clearFirst = false;                        // with merge: the table keeps only the file's rows (replacing import)
    bool strict = false;
    std::string importedAt;                         // ISO 8601 UTC of the whole command; empty: now
};

struct ImportResult {
    std::string table;
    std::string file;
    int rowsRead = 0;
    int rowsImported = 0;
    int rowsMatched = 0;        // rows whose commune/village/parent reference was found
    bool joined = false;        // whether this table joins to communes/villages at all
    std::vector<std::string> notImported;  // one line per row left out, with why
    std::vector<std::string> unmatched;    // imported rows whose reference was not found (admin parents)
    std::vector<std::string> repaired;     // rows whose polygon GEOS made valid
    std::vector<std::string> notes;        // anything else the user should know
    std::string warning;                   // printed loudly: most rows were left out (--partial)
    std::string backup;                    // PROJECT.gpkg.bak written before the project was replaced, or ""
};

// The table TABLE of `--as TABLE`; throws UsageError naming the tables there are.
const TableSpec& importTable(const std::string& name);

// Replaces `request.table` in `project` (admin_units: only the levels imported).
// Throws InputError (one line naming file, row, column) and leaves `project` untouched; also when
// the import would keep no row (an empty file too, unless allowEmpty), when more than half of the
// rows read would be left out (unless partial), and when the file's geometry is of a type the
// table cannot hold (points or lines as admin_units, lines as villages).
ImportResult importInto(Project& project, const ImportRequest& request);

// Reads the project file (a new one if absent), imports, and writes it back atomically:
// a failed import leaves the file byte-for-byte as it was. After a successful import, the project
// as it was is kept as PROJECT.gpkg.bak (one step back; replaced by the next import).
ImportResult importFile(const std::string& projectPath, const ImportRequest& request);

// Writes `project` over the file at `projectPath` (atomically), first keeping the file as it was in
// PROJECT.gpkg.bak when there is one. Returns the backup's path, or "" for a new file.
std::string replaceProjectKeepingBackup(const Project& project, const std::string& projectPath);

// With `sheet`: a sheet without a row (blank rows dropped) changes nothing and comes back with rowsRead 0.

// The summary printed by `gapmap import`, one line per unmatched/repaired row.
std::string formatImportResult(const ImportResult& result);

}  // namespace gapmap
