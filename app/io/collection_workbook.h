// `gapmap template` (issue 13 item 1): a collection workbook as XLSX through libxlsxwriter (Debian's
// libxlsxwriter-dev): a first sheet explaining what to fill and how to send it back, then one sheet
// per table (core/collection_tables.h) with its header on the first row, codes and dates as text
// cells (leading zeros kept), closed-list columns with data-validation lists. Written to a temporary
// file renamed over the target only when complete.
#pragma once
#include <string>
#include <vector>

#include "core/collection_tables.h"
#include "core/model.h"

namespace gapmap {

struct WorkbookSummary {
    std::string scope;                 // scopeTitle
    std::vector<std::pair<std::string, size_t>> rows;  // per sheet: its name and rows pre-filled
    bool sensitive = false;            // Trusted Addresses or outcomes inside
};

// tables empty: defaultCollectionTables(). Texts in the current language. Throws InputError when the
// file cannot be written or the scope names no unit of the project, UsageError for an unknown table.
WorkbookSummary writeCollectionWorkbook(const Project& project, const CollectionScope& scope,
                                        const std::vector<std::string>& tables, const std::string& path);

}  // namespace gapmap
