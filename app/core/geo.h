// Geometry on lon/lat: distances and bounding boxes. Standard library only.
// All inputs are EPSG:4326 degrees (x = lon, y = lat).
#pragma once
#include "core/model.h"

namespace gapmap {

// Mean Earth radius (IUGG), km. Haversine on this sphere is within 0.5% of the
// WGS84 geodesic, well inside the precision of village locations.
constexpr double kEarthRadiusKm = 6371.0088;

double haversineKm(LonLat a, LonLat b);

struct BBox {
    double minLon = 1e300, minLat = 1e300, maxLon = -1e300, maxLat = -1e300;
    bool empty() const { return minLon > maxLon; }
    void add(LonLat p);
    void add(const BBox& other);
    bool contains(LonLat p) const;
};
BBox bboxOf(const MultiPolygon& area);

// Even-odd point-in-polygon over all rings (holes excluded), EPSG:4326 degrees treated as planar.
bool contains(const MultiPolygon& area, LonLat p);

}  // namespace gapmap
