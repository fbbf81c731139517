// Which source field feeds which project column: explicit --map options or a mapping
// file first, then the column's own name, then the Vietnamese and English headers the
// schema lists (compared folded: "Tên thôn" == "ten_thon").
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "io/ogr_reader.h"

namespace gapmap {

struct ColumnMap {
    std::vector<int> fieldOf;   // per TableSpec column: index into the source fields, -1 when absent
    int lonField = -1;          // x / longitude column for tables with point geometry
    int latField = -1;
    int field(const TableSpec& table, const std::string& column) const;
};

// explicitMap: project column (or "lon"/"lat") -> source field name.
// Throws InputError naming the file when a required column is missing or a mapping names
// a field the file does not have; UsageError when it names an unknown project column.
ColumnMap mapColumns(const TableSpec& table, const std::vector<std::string>& fields,
                     const std::map<std::string, std::string>& explicitMap, const std::string& path);

// One --map option "column=Source header" (split at the first '='). Throws UsageError when it has no
// '=' or no column before it.
std::pair<std::string, std::string> parseMapOption(const std::string& option);

// mapColumns on `src`; when the columns do not map and the header is not on the first line,
// as in a spreadsheet with a title row merged across the columns above the real header (GDAL
// reads the title as the header, or names the fields Field1, Field2 …), the first of the next
// ten rows whose cells map becomes the header: `src` loses the rows above it and the header row.
// `headerNote` says which row was taken ("" when the first line was the header).
ColumnMap mapColumnsFindingHeader(const TableSpec& table, SourceTable& src,
                                  const std::map<std::string, std::string>& explicitMap, std::string& headerNote);

// A mapping file has one "column=Source header" per line; '#' starts a comment.
// Throws InputError naming the file and line.
std::map<std::string, std::string> readMappingFile(const std::string& path);
// The same from the file's text (a leading UTF-8 BOM is skipped); `path` only names the file in messages.
std::map<std::string, std::string> parseMappingText(std::string_view text, const std::string& path);

}  // namespace gapmap
