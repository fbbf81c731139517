#include "io/row_reader.h"

#include <cmath>

#include "core/i18n.h"
#include "core/parse.h"

namespace gapmap {
namespace {

// Vietnam's mainland and islands, with a margin: EPSG:4326 degrees.
bool inVietnam(LonLat p) { return p.lonDeg > 100 && p.lonDeg < 118 && p.latDeg > 6 && p.latDeg < 25; }

}  // namespace

std::string RowReader::raw(int field) const {
    if (field < 0 || field >= static_cast<int>(row_.values.size()) || !row_.values[field]) return "";
    return std::string(trimSpaces(*row_.values[field]));
}

bool RowReader::has(const std::string& column) const { return !raw(fieldOf(column)).empty(); }
std::string RowReader::text(const std::string& column) const { return raw(fieldOf(column)); }

std::string RowReader::lowerText(const std::string& column) const {
    std::string s = text(column);
    // ASCII lower-casing only; Vietnamese kinds ("Xã") are normalised by canonicalKind.
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string RowReader::where() const { return src_.where(row_.index); }

void RowReader::failField(int field, const std::string& problem) {
    if (!error_.empty()) return;
    const std::string column = field >= 0 ? src_.fields[field] : std::string("?");
    error_ = tr("import.where.column", {where(), column}) + ": " + problem;
}

void RowReader::fail(const std::string& column, const std::string& problem) { failField(fieldOf(column), problem); }

void RowReader::failGeometry(const std::string& problem) {
    if (error_.empty()) error_ = tr("import.row.geometry", {where(), problem});
}

std::optional<long long> RowReader::integer(const std::string& column) {
    const int f = fieldOf(column);
    const std::string s = raw(f);
    if (s.empty()) return std::nullopt;
    const auto v = parseInteger(s);
    if (!v) failField(f, tr("import.row.not_a_whole_number", {s}));
    else if (*v < 0) failField(f, tr("import.row.negative", {s}));
    return v;
}

std::optional<double> RowReader::real(const std::string& column) {
    const int f = fieldOf(column);
    const std::string s = raw(f);
    if (s.empty()) return std::nullopt;
    const DecimalMark mark = f >= 0 && f < static_cast<int>(src_.decimalMarks.size()) ? src_.decimalMarks[f] : DecimalMark::Unknown;
    const auto v = parseQuantity(s, mark);
    if (!v && mark == DecimalMark::Both && parseReal(s)) failField(f, tr("import.row.ambiguous_number", {s}));
    else if (!v) failField(f, tr("import.row.not_a_number", {s}));
    return v;
}

std::optional<bool> RowReader::flag(const std::string& column) {
    const int f = fieldOf(column);
    const std::string s = raw(f);
    if (s.empty()) return std::nullopt;
    const auto v = parseBool(s);
    if (!v) failField(f, tr("import.row.not_a_flag", {s}));
    return v;
}

std::string RowReader::date(const std::string& column) {
    const int f = fieldOf(column);
    const std::string s = raw(f);
    if (s.empty()) return "";
    const auto v = parseDate(s);
    if (!v) failField(f, tr("import.row.not_a_date", {s}));
    return v.value_or("");
}

std::optional<LonLat> RowReader::location() {
    std::optional<LonLat> p = row_.point;
    int blame = -1;
    if (!p && map_.lonField >= 0 && map_.latField >= 0) {
        // --swap-lonlat: the file's longitude column holds latitudes and the other way round.
        const int lonField = src_.swapLonLat ? map_.latField : map_.lonField;
        const int latField = src_.swapLonLat ? map_.lonField : map_.latField;
        const std::string xs = raw(lonField), ys = raw(latField);
        if (xs.empty() && ys.empty()) return std::nullopt;
        const auto x = parseReal(xs), y = parseReal(ys);
        if (!x) { failField(lonField, tr("import.row.not_a_number", {xs})); return std::nullopt; }
        if (!y) { failField(latField, tr("import.row.not_a_number", {ys})); return std::nullopt; }
        p = src_.lonLatColumns.apply(*x, *y);
        if (!p) { failField(lonField, tr("import.row.not_transformable", {xs})); return std::nullopt; }
        blame = latField;
        // Swapped before out of range: a latitude of 103 is a longitude typed in the wrong column.
        const bool swapped = !inVietnam(*p) && inVietnam(LonLat{p->latDeg, p->lonDeg});
        if (!swapped && (std::abs(p->lonDeg) > 180 || std::abs(p->latDeg) > 90)) {
            failField(blame, tr("import.row.out_of_range", {ys, xs}));
            return std::nullopt;
        }
    }
    if (p && !inVietnam(*p) && inVietnam(LonLat{p->latDeg, p->lonDeg})) {
        const std::string coords = std::to_string(p->lonDeg) + ", " + std::to_string(p->latDeg);
        if (blame >= 0) failField(blame, tr("import.row.swapped", {raw(blame), coords}) + tr("import.row.swapped_hint"));
        else failGeometry(tr("import.geometry.swapped", {coords}));
        return std::nullopt;
    }
    return p;
}

}  // namespace gapmap
