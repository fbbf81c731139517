#include "core/geo.h"

#include <algorithm>
#include <cmath>

namespace gapmap {

double haversineKm(LonLat a, LonLat b) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (b.latDeg - a.latDeg) * kRad;
    const double dLon = (b.lonDeg - a.lonDeg) * kRad;
    const double s = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.latDeg * kRad) * std::cos(b.latDeg * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(s)));
}

void BBox::add(LonLat p) {
    minLon = std::min(minLon, p.lonDeg);
    minLat = std::min(minLat, p.latDeg);
    maxLon = std::max(maxLon, p.lonDeg);
    maxLat = std::max(maxLat, p.latDeg);
}

void BBox::add(const BBox& o) {
    if (o.empty()) return;
    add(LonLat{o.minLon, o.minLat});
    add(LonLat{o.maxLon, o.maxLat});
}

bool BBox::contains(LonLat p) const {
    return p.lonDeg >= minLon && p.lonDeg <= maxLon && p.latDeg >= minLat && p.latDeg <= maxLat;
}

BBox bboxOf(const MultiPolygon& area) {
    BBox box;
    for (const Polygon& poly : area)
        if (!poly.rings.empty())
            for (LonLat p : poly.rings[0]) box.add(p);
    return box;
}

bool contains(const MultiPolygon& area, LonLat p) {
    bool inside = false;
    for (const Polygon& poly : area)
        for (const Ring& ring : poly.rings)
            for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const LonLat a = ring[i], b = ring[j];
                if ((a.latDeg > p.latDeg) != (b.latDeg > p.latDeg) &&
                    p.lonDeg < (b.lonDeg - a.lonDeg) * (p.latDeg - a.latDeg) / (b.latDeg - a.latDeg) + a.lonDeg)
                    inside = !inside;
            }
    return inside;
}

}  // namespace gapmap
