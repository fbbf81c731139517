#include "core/coverage_tables.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/i18n.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

const std::string& communeName(const CoverageResult& r, const VillageCoverage& c) {
    static const std::string none;
    return c.commune >= 0 ? r.communes[c.commune].name : none;
}

const std::vector<AreaCoverage>* areasOf(const CoverageResult& r, AdminLevel level) {
    return level == AdminLevel::Commune ? &r.communes : level == AdminLevel::District ? &r.districts : nullptr;
}

std::string rulesLine(const CoverageRules& rules) {
    const std::string shortest = formatShortest(rules.taRadiusKm);  // 10, 7.5: as many decimals as it has
    const size_t dot = shortest.find('.');
    const std::string km = formatLocaleNumber(rules.taRadiusKm, dot == std::string::npos ? 0 : int(shortest.size() - dot - 1));
    std::string out = rules.taInCommune ? (rules.clubAnywhereInCommune ? tr("priorities.rules.both", {km}) : tr("priorities.rules.ta_in_commune", {km}))
                                        : (rules.clubAnywhereInCommune ? tr("priorities.rules.club_anywhere", {km}) : tr("priorities.rules", {km}));
    std::string weights;  // setting codes and values, as in the project's settings
    for (Gap g : kAllGaps) weights += std::string(weights.empty() ? "" : ", ") + gapCode(g) + " " + formatShortest(rules.weight(g));
    return out + "\n" + tr("priorities.weights", {weights, toString(rules.population)}) + "\n";
}

}  // namespace

namespace {

const std::vector<TableColumn>& priorityColumns() {
    static const std::vector<TableColumn> columns = {
        {"rank", ColumnType::Integer},     {"village_code", ColumnType::Text}, {"village_name", ColumnType::Text},
        {"commune_code", ColumnType::Text}, {"commune_name", ColumnType::Text}, {"population", ColumnType::Integer},
        {"score", ColumnType::Real},        {"gaps", ColumnType::Text},         {"reasons", ColumnType::Text},
        {"nearest_ta_band_km", ColumnType::Text}, {"has_location", ColumnType::Integer}, {"lon", ColumnType::Real},
        {"lat", ColumnType::Real},         {"not_scored", ColumnType::Text}};
    return columns;
}

// The rows of the priority list from rank `first` (0-based) up to `count`, cell by cell in
// priorityColumns' order, to a Sink with text(string_view), integer(int64), real(double), none() and
// end(point): one definition of the rows for the table (cells) and for the CSV written straight
// from it (a national list without 1.4 million cells made and dropped).
template <typename Sink>
void priorityRows(const Project& p, const CoverageResult& r, std::size_t first, std::size_t count, Sink& sink) {
    std::string notScored;  // the same in every row: the tables whose gaps were not looked for (no data)
    for (const std::string& table : unscoredTables(r)) notScored += (notScored.empty() ? "" : ";") + table;
    const ReasonsFormatter reasons(r.rules);
    std::string why;  // reused: no allocation per row
    for (std::size_t k = first; k < count; ++k) {
        const VillageCoverage& c = r.villages[r.priority[k]];
        const Village& v = p.villages[c.village];
        sink.integer(static_cast<std::int64_t>(k + 1));
        sink.text(v.code);
        sink.text(v.name);
        sink.text(v.communeCode);
        sink.text(communeName(r, c));
        if (v.population) sink.integer(*v.population);
        else sink.none();
        sink.real(c.score);
        sink.text(reasons.gaps(c));
        why.clear();
        reasons.append(why, p, c);
        sink.text(why);
        if (c.nearestTaBand) sink.text(reasons.band(*c.nearestTaBand));
        else sink.none();
        sink.integer(v.location ? 1 : 0);
        if (v.location) {
            sink.real(v.location->lonDeg);
            sink.real(v.location->latDeg);
        } else {
            sink.none();
            sink.none();
        }
        if (notScored.empty()) sink.none();
        else sink.text(notScored);
        sink.end(v.location);
    }
}

// Rows as cells of a DataTable.
struct TableSink {
    DataTable& t;
    std::vector<Cell>* row = nullptr;
    std::vector<Cell>& current() {
        if (!row) {
            row = &t.rows.emplace_back();
            row->reserve(t.columns.size());
        }
        return *row;
    }
    void text(std::string_view s) { current().emplace_back(std::string(s)); }
    void integer(std::int64_t i) { current().emplace_back(i); }
    void real(double d) { current().emplace_back(d); }
    void none() { current().emplace_back(); }
    void end(const std::optional<LonLat>& point) {
        current();
        t.points.push_back(point);
        row = nullptr;
    }
};

// Rows as CSV lines, as appendCsvRows writes a table's.
struct CsvSink {
    std::string& out;
    bool first = true;
    void separate() {
        if (!first) out += ',';
        first = false;
    }
    void text(std::string_view s) { separate(); appendCsvField(out, s); }
    void integer(std::int64_t i) { separate(); appendCsvCell(out, Cell{i}); }
    void real(double d) { separate(); appendShortest(out, d); }
    void none() { separate(); }
    void end(const std::optional<LonLat>&) {
        out += '\n';
        first = true;
    }
};

}  // namespace

DataTable priorityTable(const Project& p, const CoverageResult& r, std::size_t top, std::size_t first) {
    DataTable t;
    t.name = "priority_villages";
    t.geometry = GeometryKind::Point;
    t.columns = priorityColumns();
    const std::size_t count = top == 0 ? r.priority.size() : std::min(top, r.priority.size());
    t.rows.reserve(count > first ? count - first : 0);
    TableSink sink{t};
    priorityRows(p, r, first, count, sink);
    return t;
}

DataTable areaTable(const Project& p, const CoverageResult& r, AdminLevel level) {
    DataTable t;
    t.name = std::string(toString(level)) + "_summary";
    t.geometry = GeometryKind::MultiPolygon;
    t.columns = {{"level", ColumnType::Text}, {"code", ColumnType::Text}, {"name", ColumnType::Text}, {"parent_code", ColumnType::Text}};
    for (const AreaMeasure& m : areaMeasures()) t.columns.push_back({m.key, m.percent ? ColumnType::Real : ColumnType::Integer});
    t.columns.push_back({"population_source", ColumnType::Text});  // villages, census, mixed (AreaCoverage::populationSource)
    const std::vector<AreaCoverage>* list = areasOf(r, level);
    const std::vector<AreaCoverage> province = {r.province};
    const std::string levelName = toString(level);
    t.rows.reserve(list ? list->size() : 1);
    for (const AreaCoverage& a : list ? *list : province) {
        std::vector<Cell> row;
        row.reserve(t.columns.size());  // grown by doubling, 11,163 communes' rows held 28 MB of spare room
        for (const std::string* text : {&levelName, &a.code, &a.name, &a.parentCode}) row.emplace_back(*text);
        for (const AreaMeasure& m : areaMeasures()) {
            const std::optional<double> v = m.value(a);
            if (!v) row.emplace_back();
            else if (m.percent) row.emplace_back(std::round(*v * 10) / 10);
            else row.emplace_back(static_cast<std::int64_t>(*v));
        }
        row.emplace_back(a.populationSource == PopulationSource::None ? Cell{} : Cell{std::string(toString(a.populationSource))});
        t.rows.push_back(std::move(row));
        t.areas.push_back(a.unit >= 0 ? &p.adminUnits[a.unit].area : nullptr);
    }
    return t;
}

DataTable aboutTable(const Project& p, const CoverageResult& r) {
    DataTable t;
    t.name = "about";
    t.columns = {{"key", ColumnType::Text}, {"value", ColumnType::Text}};
    t.rows.push_back({std::string("title"), p.title()});
    t.rows.push_back({std::string("synthetic"), std::string(p.synthetic() ? "1 (SYNTHETIC DEMO DATA, not real records)" : "0")});
    t.rows.push_back({std::string("data_as_of"), p.settingOr("data_as_of", "")});
    for (const Setting& s : coverageSettings(r.rules)) t.rows.push_back({s.key, s.value});
    std::string notScored;
    for (const std::string& table : unscoredTables(r)) notScored += (notScored.empty() ? "" : ";") + table;
    t.rows.push_back({std::string("not_scored"), notScored});
    return t;
}

std::vector<DataTable> exportTables(const Project& p, const CoverageResult& r, std::size_t top) {
    std::vector<DataTable> tables = {priorityTable(p, r, top), areaTable(p, r, AdminLevel::Commune)};
    if (!r.districts.empty()) tables.push_back(areaTable(p, r, AdminLevel::District));
    tables.push_back(areaTable(p, r, AdminLevel::Province));
    tables.push_back(aboutTable(p, r));
    return tables;
}

std::string formatPrioritiesText(const Project& p, const CoverageResult& r, std::size_t top) {
    std::string out = p.title() + "\n";
    if (p.synthetic()) out += tr("report.synthetic") + "\n";
    const std::int64_t noLocation = r.province.villages.noLocation;
    const std::string listed = formatLocaleNumber(double(r.priority.size())), all = formatLocaleNumber(double(r.villages.size()));
    out += "\n" + (noLocation ? tr("priorities.heading_no_location", {listed, all, formatLocaleNumber(double(noLocation))})
                              : tr("priorities.heading", {listed, all})) + "\n" + rulesLine(r.rules);
    if (const std::string unscored = unscoredText(r); !unscored.empty()) out += unscored + "\n";
    const DataTable t = priorityTable(p, r, top);
    size_t nameWidth = 8, communeWidth = 8;
    for (const auto& row : t.rows) {
        nameWidth = std::max(nameWidth, codePoints(cellText(row[2])) + 1);
        communeWidth = std::max(communeWidth, codePoints(cellText(row[4])) + 1);
    }
    const std::string rank = tr("priorities.col.rank"), score = tr("priorities.col.score"), code = tr("priorities.col.code");
    nameWidth = std::max(nameWidth, codePoints(tr("priorities.col.village")) + 1);
    communeWidth = std::max(communeWidth, codePoints(tr("priorities.col.commune")) + 1);
    out += "\n" + pad(rank, 6) + pad(score, 7) + pad(code, 10) + pad(tr("priorities.col.village"), nameWidth) +
           pad(tr("priorities.col.commune"), communeWidth) + tr("priorities.col.reasons") + "\n";
    for (const auto& row : t.rows)
        out += pad(cellText(row[0]), 6) + pad(cellText(row[6]), 7) + pad(cellText(row[1]), 10) + pad(cellText(row[2]), nameWidth) +
               pad(cellText(row[4]), communeWidth) + cellText(row[8]) + "\n";
    if (t.rows.size() < r.priority.size())
        out += tr("priorities.more", {formatLocaleNumber(double(r.priority.size() - t.rows.size()))}) + "\n";
    if (const std::string unscored = unscoredText(r); !unscored.empty()) out += "\n" + unscored + "\n";  // also under a long list
    return out;
}

namespace {

// The listed villages' rows 4,096 at a time, as a table each: the whole list as cells (100,000
// villages, 14 cells each) was most of a national `report --priorities`' memory.
template <typename Fn>
void forEachPrioritySlice(const Project& p, const CoverageResult& r, std::size_t top, Fn fn) {
    const std::size_t count = top == 0 ? r.priority.size() : std::min(top, r.priority.size());
    constexpr std::size_t kSlice = 4096;
    for (std::size_t first = 0; first < count; first += kSlice) fn(priorityTable(p, r, std::min(count, first + kSlice), first), first);
}

}  // namespace

void writePrioritiesJson(const Project& p, const CoverageResult& r, std::size_t top, const std::function<void(std::string_view)>& write) {
    std::string out = "{\"title\":" + jsonString(p.title()) +
                      ",\"synthetic\":" + (p.synthetic() ? "true" : "false") + ",\"rules\":{";
    const std::vector<Setting> rules = coverageSettings(r.rules);
    for (size_t k = 0; k < rules.size(); ++k) out += (k ? "," : "") + jsonString(rules[k].key) + ":" + jsonString(rules[k].value);
    out += "},\"not_scored\":[";
    const std::vector<std::string> unscored = unscoredTables(r);
    for (size_t k = 0; k < unscored.size(); ++k) out += (k ? "," : "") + jsonString(unscored[k]);
    out += "]";
    if (!unscored.empty()) out += ",\"not_scored_text\":" + jsonString(unscoredText(r));
    out += ",\"villages\":" + std::to_string(r.villages.size()) + ",\"listed\":" + std::to_string(r.priority.size()) + ",\"priorities\":[";
    bool any = false;
    forEachPrioritySlice(p, r, top, [&](const DataTable& slice, std::size_t) {
        for (std::size_t row = 0; row < slice.rows.size(); ++row) {  // as formatJsonRows writes them
            out += any ? ",\n" : "\n";
            appendJsonRow(slice, row, out);
            any = true;
        }
        write(out);
        out.clear();
    });
    out += any ? "\n]}\n" : "]}\n";  // with the head, when no village is listed
    write(out);
}

std::string formatPrioritiesJson(const Project& p, const CoverageResult& r, std::size_t top) {
    std::string out;
    writePrioritiesJson(p, r, top, [&out](std::string_view piece) { out += piece; });
    return out;
}

void writePrioritiesCsv(const Project& p, const CoverageResult& r, std::size_t top, const std::function<void(std::string_view)>& write) {
    std::string text;
    for (std::size_t c = 0; c < priorityColumns().size(); ++c) {  // as formatCsvHeader writes it
        if (c) text += ',';
        appendCsvField(text, priorityColumns()[c].name);
    }
    text += '\n';
    // Written straight from the analysis, 4,096 rows at a time, never held whole (20 MB nationally).
    const std::size_t count = top == 0 ? r.priority.size() : std::min(top, r.priority.size());
    constexpr std::size_t kSlice = 4096;
    CsvSink sink{text};
    for (std::size_t first = 0; first < count; first += kSlice) {
        priorityRows(p, r, first, std::min(count, first + kSlice), sink);
        write(text);
        text.clear();
    }
    if (!text.empty()) write(text);  // an empty list: the header alone
}

std::string formatSummaryCsv(const Project& p, const CoverageResult& r) {
    std::string out = formatCsv(areaTable(p, r, AdminLevel::Province));
    for (AdminLevel level : {AdminLevel::District, AdminLevel::Commune}) {
        const std::string csv = formatCsv(areaTable(p, r, level));
        out += csv.substr(csv.find('\n') + 1);  // one header for all levels
    }
    return out;
}

std::string formatSummaryJson(const Project& p, const CoverageResult& r) {
    return "{\"title\":" + jsonString(p.title()) + ",\"synthetic\":" + (p.synthetic() ? "true" : "false") +
           ",\"province\":" + formatJsonRows(areaTable(p, r, AdminLevel::Province)) +
           ",\"districts\":" + formatJsonRows(areaTable(p, r, AdminLevel::District)) +
           ",\"communes\":" + formatJsonRows(areaTable(p, r, AdminLevel::Commune)) + "}\n";
}

}  // namespace gapmap
