// Web Mercator (EPSG:3857) for the map: metres on the sphere of radius 6378137 m.
// Input and output of lon/lat are EPSG:4326 degrees (x = lon). Standard library only.
#pragma once
#include <cmath>

#include "core/model.h"

namespace gapmap {

constexpr double kMercatorRadiusM = 6378137.0;
constexpr double kMaxMercatorLatDeg = 85.05112878;

struct MercatorXY {
    double xM = 0;
    double yM = 0;
};

inline MercatorXY toMercator(LonLat p) {
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double lat = std::fmax(-kMaxMercatorLatDeg, std::fmin(kMaxMercatorLatDeg, p.latDeg));
    return {kMercatorRadiusM * p.lonDeg * kRad, kMercatorRadiusM * std::log(std::tan(3.14159265358979323846 / 4 + lat * kRad / 2))};
}

inline LonLat fromMercator(MercatorXY m) {
    constexpr double kDeg = 180.0 / 3.14159265358979323846;
    return {m.xM / kMercatorRadiusM * kDeg, (2 * std::atan(std::exp(m.yM / kMercatorRadiusM)) - 3.14159265358979323846 / 2) * kDeg};
}

// Ground metres per Mercator metre at a latitude: scale bars must use true distances.
inline double groundScaleAt(double latDeg) { return std::cos(latDeg * 3.14159265358979323846 / 180.0); }

}  // namespace gapmap
