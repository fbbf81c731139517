// Parent units a boundary file names without holding them: the province of a 2025 commune file
// (its `province_code`/`province` columns, or `gapmap import --province NAME`), the districts and
// province of a 2009 census commune file (`district_id`/`district_vn`, `province_id`/`province_vn`).
// Made as units without geometry: maps draw higher-level lines from the communes' shared edges,
// and unitExtent frames them by their communes. Standard library only.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/model.h"

namespace gapmap {

struct NamedParents {
    std::string districtCode, districtName;
    std::string provinceCode, provinceName;
};

class ImpliedUnits {
public:
    // Records the parents one imported unit names and returns the parent code it should carry
    // when its own parent_code is empty: its district, else its province ("" when none is named).
    std::string add(const AdminUnit& unit, const NamedParents& parents);
    // The recorded parents that are neither in `project` nor among `imported`, provinces first,
    // each in code order. A parent named without a name is left out (nothing to show for it).
    std::vector<AdminUnit> missing(const Project& project, const std::vector<AdminUnit>& imported) const;

private:
    struct Parent { std::string name, parentCode; };
    std::map<std::string, Parent> provinces_, districts_;  // by code
};

// The code `--province NAME` gives a province the file does not code: the folded name with
// hyphens ("Lai Châu" -> "lai-chau").
std::string provinceCodeFromName(const std::string& name);

// The extent of a unit (EPSG:4326): its own polygons, else those of the communes under it.
BBox unitExtent(const Project& project, const AdminUnit& unit);

}  // namespace gapmap
