#include "core/outcome_table.h"

#include <algorithm>

#include "core/code_index.h"

namespace gapmap {

OutcomeTable outcomeTable(const Project& p, const CoverageResult& r) {
    OutcomeTable t;
    t.k = r.rules.confidentialityK;
    // Tree cells: 0 the province, 1 … D the districts, then the communes (their district, else the province).
    const std::size_t d0 = 1, c0 = 1 + r.districts.size(), n = c0 + r.communes.size();
    CountTree child{std::vector<std::int64_t>(n, 0), std::vector<std::int32_t>(n, -1)};
    CodeIndex districtIndex(r.districts.size());
    for (const AreaCoverage& d : r.districts) districtIndex.insert(d.code);
    for (std::size_t i = 0; i < r.districts.size(); ++i) child.parent[d0 + i] = 0;
    for (std::size_t i = 0; i < r.communes.size(); ++i) {
        const std::int32_t d = districtIndex.find(r.communes[i].parentCode);
        child.parent[c0 + i] = d >= 0 ? static_cast<std::int32_t>(d0 + d) : 0;
    }
    CountTree cons{std::vector<std::int64_t>(n, 0), child.parent};

    CodeIndex villageIndex(p.villages.size());
    for (const Village& v : p.villages) villageIndex.insert(v.code);
    bool anyYear = false;
    for (const Outcome& o : p.outcomes) {
        const std::int32_t v = villageIndex.find(o.villageCode);
        const std::int32_t commune = v >= 0 ? r.villages[v].commune : -1;
        std::size_t cell = commune >= 0 ? c0 + commune : 0;
        const std::int64_t a = std::max(0, o.childMarriages), b = std::max(0, o.consanguineousMarriages);
        for (;;) {  // the commune, its district and the province
            child.values[cell] += a;
            cons.values[cell] += b;
            if (child.parent[cell] < 0) break;
            cell = static_cast<std::size_t>(child.parent[cell]);
        }
        t.firstYear = anyYear ? std::min(t.firstYear, o.year) : o.year;
        t.lastYear = anyYear ? std::max(t.lastYear, o.year) : o.year;
        anyYear = true;
    }
    const std::vector<CellStatus> childStatus = suppressSmallCounts(child, t.k), consStatus = suppressSmallCounts(cons, t.k);
    auto row = [&](const AreaCoverage& a, std::size_t cell) {
        t.rows.push_back({toString(a.level), a.code, a.name, a.parentCode, {child.values[cell], childStatus[cell]},
                          {cons.values[cell], consStatus[cell]}});
    };
    row(r.province, 0);
    for (std::size_t i = 0; i < r.districts.size(); ++i) row(r.districts[i], d0 + i);
    for (std::size_t i = 0; i < r.communes.size(); ++i) row(r.communes[i], c0 + i);
    return t;
}

std::string shownCell(const OutcomeTable& t, const OutcomeCell& c) { return shownCount(c.value, c.status, t.k); }

}  // namespace gapmap
