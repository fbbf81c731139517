#include "core/attribute_table.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/text_fold.h"

namespace gapmap {
namespace {

std::uint16_t bit(Gap g) { return std::uint16_t(1u << static_cast<int>(g)); }
Cell flag(bool known, bool value) { return known ? Cell{std::int64_t{value ? 1 : 0}} : Cell{}; }

struct Columns {
    AttributeTable& t;
    void add(const char* name, ColumnType type, bool noData = true) {
        t.data.columns.push_back({name, type});
        t.nullIsNoData.push_back(noData);
    }
};

// District display names by code (empty map in a two-level project).
std::unordered_map<std::string, std::string> districtNames(const CoverageResult& r) {
    std::unordered_map<std::string, std::string> names;
    for (const AreaCoverage& d : r.districts) names[d.code] = d.name;
    return names;
}

}  // namespace

int AttributeTable::column(const std::string& name) const {
    for (size_t c = 0; c < data.columns.size(); ++c)
        if (data.columns[c].name == name) return int(c);
    return -1;
}

AttributeTable villageAttributeTable(const Project& p, const CoverageResult& r) {
    AttributeTable t;
    t.kind = TableKind::Villages;
    t.data.name = "villages";
    t.data.geometry = GeometryKind::Point;
    const bool districts = !r.districts.empty();
    Columns cols{t};
    cols.add("rank", ColumnType::Integer, false);  // empty: not in the priority list
    cols.add("village_code", ColumnType::Text);
    cols.add("village_name", ColumnType::Text);
    cols.add("commune_code", ColumnType::Text);
    cols.add("commune_name", ColumnType::Text);
    if (districts) cols.add("district_name", ColumnType::Text);
    cols.add("population", ColumnType::Integer);
    cols.add("especially_difficult", ColumnType::Integer);
    cols.add("electricity", ColumnType::Text);
    cols.add("mobile", ColumnType::Text);
    cols.add("internet", ColumnType::Integer);
    cols.add("team", ColumnType::Integer);
    cols.add("club", ColumnType::Integer);
    cols.add("score", ColumnType::Real);
    cols.add("gaps", ColumnType::Text, false);
    cols.add("reasons", ColumnType::Text, false);
    // The band the priority CSV gives, never a distance: several exact distances would locate a shelter.
    cols.add("nearest_ta_band_km", ColumnType::Text);
    cols.add("lon", ColumnType::Real);
    cols.add("lat", ColumnType::Real);

    const std::unordered_map<std::string, std::string> districtName = districtNames(r);
    const DataPresence& d = r.data;
    // Ranked villages first, in rank order, then the others as the project lists them.
    std::vector<std::uint32_t> order(r.priority.begin(), r.priority.end());
    std::vector<std::int64_t> rank(r.villages.size(), 0);
    for (size_t k = 0; k < r.priority.size(); ++k) rank[r.priority[k]] = std::int64_t(k + 1);
    for (std::uint32_t i = 0; i < r.villages.size(); ++i)
        if (rank[i] == 0) order.push_back(i);
    const ReasonsFormatter reasons(r.rules);  // the gaps' texts made once for every row
    for (std::uint32_t i : order) {
        const VillageCoverage& c = r.villages[i];
        const Village& v = p.villages[c.village];
        const AreaCoverage* commune = c.commune >= 0 ? &r.communes[size_t(c.commune)] : nullptr;
        const std::string communeName = commune ? commune->name : "";
        std::string district;
        if (commune)
            if (auto it = districtName.find(commune->parentCode); it != districtName.end()) district = it->second;
        std::vector<Cell> row = {rank[i] ? Cell{rank[i]} : Cell{}, v.code, v.name, v.communeCode,
                                 commune ? Cell{communeName} : Cell{}};
        if (districts) row.push_back(district.empty() ? Cell{} : Cell{district});
        row.push_back(v.population ? Cell{*v.population} : Cell{});
        row.push_back(flag(d.especiallyDifficult, v.especiallyDifficult));
        row.push_back(d.electricity ? Cell{std::string(toString(v.electricity))} : Cell{});
        row.push_back(d.mobile ? Cell{std::string(toString(v.mobile))} : Cell{});
        row.push_back(flag(d.internet, v.internet));
        row.push_back(flag(d.teams, c.team));
        row.push_back(flag(d.clubs, c.club));
        row.push_back(c.score);
        row.push_back(c.listed() ? Cell{gapsText(c)} : Cell{});
        row.push_back(c.listed() ? Cell{reasons.text(p, c)} : Cell{});
        row.push_back(c.nearestTaBand ? Cell{reasons.band(*c.nearestTaBand)} : Cell{});
        row.push_back(v.location ? Cell{v.location->lonDeg} : Cell{});
        row.push_back(v.location ? Cell{v.location->latDeg} : Cell{});
        t.data.rows.push_back(std::move(row));
        t.data.points.push_back(v.location);
        t.codes.push_back(v.code);
        t.gaps.push_back(c.gaps);
        t.folded.push_back(foldVietnamese(v.name + " " + v.code + " " + communeName + " " + district));
    }
    return t;
}

AttributeTable communeAttributeTable(const Project& p, const CoverageResult& r) {
    AttributeTable t;
    t.kind = TableKind::Communes;
    t.data.name = "communes";
    t.data.geometry = GeometryKind::MultiPolygon;
    const bool districts = !r.districts.empty();
    Columns cols{t};
    cols.add("commune_code", ColumnType::Text);
    cols.add("commune_name", ColumnType::Text);
    if (districts) cols.add("district_name", ColumnType::Text);
    // The coverage figures of the Details panel, from the same measures as the summary exports.
    const char* measures[] = {"population", "villages", "especially_difficult", "with_team", "pct_with_team", "with_club",
                              "pct_with_club", "ta_reached", "pct_ta_reached", "no_electricity", "no_mobile", "no_internet",
                              "priority_villages", "commune_offices", "offices_without_computers", "offices_without_internet"};
    std::vector<const AreaMeasure*> shown;
    for (const char* key : measures) {
        const AreaMeasure* m = findAreaMeasure(key);
        if (!m) continue;
        shown.push_back(m);
        cols.add(m->key, m->percent ? ColumnType::Real : ColumnType::Integer);
    }
    cols.add("population_source", ColumnType::Text);

    const std::unordered_map<std::string, std::string> districtName = districtNames(r);
    for (const AreaCoverage& a : r.communes) {
        std::string district;
        if (auto it = districtName.find(a.parentCode); it != districtName.end()) district = it->second;
        std::vector<Cell> row = {a.code, a.name};
        if (districts) row.push_back(district.empty() ? Cell{} : Cell{district});
        for (const AreaMeasure* m : shown) {
            const std::optional<double> v = m->value(a);
            if (!v) row.emplace_back();
            else if (m->percent) row.emplace_back(std::round(*v * 10) / 10);  // to 0.1, as the summary CSV
            else row.emplace_back(static_cast<std::int64_t>(*v));
        }
        row.push_back(a.populationSource == PopulationSource::None ? Cell{} : Cell{std::string(toString(a.populationSource))});
        t.data.rows.push_back(std::move(row));
        t.data.areas.push_back(a.unit >= 0 ? &p.adminUnits[size_t(a.unit)].area : nullptr);
        t.codes.push_back(a.code);
        // A commune has a gap when any of its villages has it, and only where the data was loaded.
        const CoverageTally& n = a.villages;
        std::uint16_t gaps = 0;
        if (a.data.teams && n.team < n.total) gaps |= bit(Gap::NoTeam);
        if (a.data.clubs && n.club < n.total) gaps |= bit(Gap::NoClub);
        if (a.data.electricity && n.noElectricity > 0) gaps |= bit(Gap::NoElectricity);
        if (a.data.mobile && n.noMobile > 0) gaps |= bit(Gap::NoMobile);
        if (a.data.internet && n.noInternet > 0) gaps |= bit(Gap::NoInternet);
        t.gaps.push_back(gaps);
        t.folded.push_back(foldVietnamese(a.name + " " + a.code + " " + district));
    }
    return t;
}

std::vector<std::size_t> queryRows(const AttributeTable& t, const TableQuery& q) {
    const std::string text = foldVietnamese(q.text);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < t.data.rows.size(); ++i) {
        if ((t.gaps[i] & q.gaps) != q.gaps) continue;
        if (!text.empty() && t.folded[i].find(text) == std::string::npos) continue;
        rows.push_back(i);
    }
    if (q.sortColumn < 0 || q.sortColumn >= int(t.data.columns.size())) return rows;
    const std::size_t col = std::size_t(q.sortColumn);
    // Keys once per sort: texts folded (so "Đ" sorts with "D"), numbers as doubles.
    std::vector<std::string> textKey(t.data.rows.size());
    std::vector<double> numberKey(t.data.rows.size(), 0);
    std::vector<char> known(t.data.rows.size(), 0);
    const bool numeric = t.data.columns[col].type != ColumnType::Text;
    for (std::size_t i : rows) {
        const Cell& cell = t.data.rows[i][col];
        known[i] = !std::holds_alternative<std::monostate>(cell);
        if (!known[i]) continue;
        if (numeric) numberKey[i] = std::holds_alternative<std::int64_t>(cell) ? double(std::get<std::int64_t>(cell)) : std::get<double>(cell);
        else textKey[i] = foldVietnamese(cellText(cell));
    }
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        if (known[a] != known[b]) return known[a] > known[b];  // no data last, either way
        if (!known[a]) return false;
        if (numeric) return q.descending ? numberKey[b] < numberKey[a] : numberKey[a] < numberKey[b];
        return q.descending ? textKey[b] < textKey[a] : textKey[a] < textKey[b];
    });
    return rows;
}

DataTable selectRows(const AttributeTable& t, const std::vector<std::size_t>& rows) {
    DataTable out;
    out.name = t.data.name;
    out.columns = t.data.columns;
    out.geometry = t.data.geometry;
    for (std::size_t i : rows) {
        out.rows.push_back(t.data.rows[i]);
        if (i < t.data.points.size()) out.points.push_back(t.data.points[i]);
        if (i < t.data.areas.size()) out.areas.push_back(t.data.areas[i]);
    }
    return out;
}

}  // namespace gapmap
