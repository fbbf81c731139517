#include "core/map_style.h"

#include <algorithm>
#include <vector>

namespace gapmap::map_style {

int64_t villageSizePopulation(const Project& project) {
    std::vector<int64_t> pops;
    for (const Village& v : project.villages)
        if (v.location && v.population) pops.push_back(*v.population);
    if (pops.empty()) return 0;
    const size_t k = std::min(pops.size() - 1, size_t(pops.size() * 0.99));  // the largest 1% share the top size
    std::nth_element(pops.begin(), pops.begin() + k, pops.end());
    return pops[k];
}

}  // namespace gapmap::map_style
