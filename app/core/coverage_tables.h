// The coverage analysis as tables and texts: the priority list and the per-area summaries that
// `gapmap report --priorities/--summary`, the exports and the app's lists all take from here.
// No Trusted Address location and no outcome count ever enters these tables. Standard library only.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coverage.h"
#include "core/data_table.h"

namespace gapmap {

// "priority_villages", one row per listed village in rank order (top = 0: all). Columns:
// rank, village_code, village_name, commune_code, commune_name, population, score, gaps, reasons,
// nearest_ta_band_km, has_location, lon, lat. Point geometry: the village (EPSG:4326).
// `first`: the rows from that rank on (0-based), so that a long list can be made a slice at a time.
DataTable priorityTable(const Project& project, const CoverageResult& result, std::size_t top = 0, std::size_t first = 0);
// "commune_summary", "district_summary" or "province_summary": level, code, name, parent_code and one
// column per areaMeasures() (shares in percent to 0.1; empty where there is nothing to divide by).
// MultiPolygon geometry: the admin unit's area.
DataTable areaTable(const Project& project, const CoverageResult& result, AdminLevel level);
// "about": key/value rows naming the project, whether it is synthetic and the rules used.
DataTable aboutTable(const Project& project, const CoverageResult& result);
// Everything an XLSX workbook or a GeoPackage export holds, in sheet/layer order.
std::vector<DataTable> exportTables(const Project& project, const CoverageResult& result, std::size_t top = 0);

std::string formatPrioritiesText(const Project& project, const CoverageResult& result, std::size_t top = 0);
// The priority list as CSV (formatCsv(priorityTable(...)), byte for byte), handed to `write` in
// pieces of a few hundred kB, so that the whole text is never held.
void writePrioritiesCsv(const Project& project, const CoverageResult& result, std::size_t top,
                        const std::function<void(std::string_view)>& write);
std::string formatPrioritiesJson(const Project& project, const CoverageResult& result, std::size_t top = 0);
// The same JSON handed to `write` in pieces, as writePrioritiesCsv.
void writePrioritiesJson(const Project& project, const CoverageResult& result, std::size_t top,
                         const std::function<void(std::string_view)>& write);
// CSV of the summaries of every level: province, then districts, then communes (one header).
std::string formatSummaryCsv(const Project& project, const CoverageResult& result);
std::string formatSummaryJson(const Project& project, const CoverageResult& result);

}  // namespace gapmap
