// The crosswalk between two sets of communes (before and after the July 2025 reform): for every
// pair that overlaps, the share of the old commune's area and of the new commune's area that the
// overlap holds. Geometry through GEOS (OGR), areas on an equal-area projection through PROJ.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

// Overlaps smaller than this share of both communes are boundary slivers between two sources
// drawn at different scales, not a piece of a commune (0.2 %: about 0.3 ha of a 150 km² commune).
constexpr double kCrosswalkMinShare = 0.002;

// Communes (level commune, with an area) of `oldUnits` against those of `newUnits`. Rows sorted by
// old code, then largest share of the old commune first. An old commune that overlaps no new one has
// no row. Throws InputError when a geometry cannot be projected.
std::vector<CrosswalkRow> computeCrosswalk(const std::vector<AdminUnit>& oldUnits, const std::vector<AdminUnit>& newUnits);

// Area in km² of an EPSG:4326 area on the crosswalk's equal-area projection (for tests and notes).
double equalAreaKm2(const MultiPolygon& area);

}  // namespace gapmap
