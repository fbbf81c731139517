// Typed access to one source row through the column map. The first value that does not
// parse becomes the row's error, in the user's language:
// "FILE: line 12, column "Dân số": "abc" is not a whole number" (en),
// "FILE: dòng 12, cột "Dân số": "abc" không phải là số nguyên" (vi).
#pragma once
#include <optional>
#include <string>

#include "core/model.h"
#include "core/schema.h"
#include "io/column_map.h"
#include "io/ogr_reader.h"

namespace gapmap {

class RowReader {
public:
    RowReader(const SourceTable& src, const TableSpec& spec, const ColumnMap& map, const SourceRow& row)
        : src_(src), spec_(spec), map_(map), row_(row) {}

    bool has(const std::string& column) const;           // mapped and not empty in this row
    std::string text(const std::string& column) const;   // trimmed, "" when absent
    std::string lowerText(const std::string& column) const;
    std::optional<long long> integer(const std::string& column);
    std::optional<double> real(const std::string& column);
    std::optional<bool> flag(const std::string& column);
    std::string date(const std::string& column);         // ISO, "" when absent
    // The row's point: its geometry, else lon/lat columns in the source's (or --crs's) CRS.
    std::optional<LonLat> location();

    // `problem`: a whole translated sentence naming the value, e.g. tr("import.row.duplicate_code", {code}).
    void fail(const std::string& column, const std::string& problem);
    void failGeometry(const std::string& problem);
    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    std::string where() const;  // "FILE: line 12" / "FILE: dòng 12"

private:
    int fieldOf(const std::string& column) const { return map_.field(spec_, column); }
    std::string raw(int field) const;
    void failField(int field, const std::string& problem);

    const SourceTable& src_;
    const TableSpec& spec_;
    const ColumnMap& map_;
    const SourceRow& row_;
    std::string error_;
};

}  // namespace gapmap
