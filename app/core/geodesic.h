// Distances on the WGS84 ellipsoid (Vincenty's inverse formula), for the distances gapmap reports
// and compares with the Trusted Address radius. Inputs are EPSG:4326 degrees; results are km.
// Standard library only (core may not link PROJ, whose geodesic code would otherwise serve).
#pragma once
#include "core/model.h"

namespace gapmap {

// WGS84 (EPSG:7030), km.
constexpr double kWgs84SemiMajorKm = 6378.137;
constexpr double kWgs84Flattening = 1 / 298.257223563;

// Bounds on (WGS84 geodesic length) / (haversine length on kEarthRadiusKm) for any pair of points,
// with geodetic latitude used as spherical latitude. The ellipsoid's metric is
// M(lat)^2 dlat^2 + N(lat)^2 cos^2(lat) dlon^2, the sphere's R^2 (dlat^2 + cos^2(lat) dlon^2), so
// every path's length ratio lies between min(M, N) / R = M(0) / R and max(M, N) / R = N(90°) / R;
// so does the ratio of the shortest paths. Used to find the geodesic nearest through a spherical index.
constexpr double kGeodesicOverSphereMin = 0.99441;  // 6335.439 km / 6371.0088 km, rounded down
constexpr double kGeodesicOverSphereMax = 1.00449;  // 6399.594 km / 6371.0088 km, rounded up

// A point prepared for repeated distance computations: its reduced latitude and longitude.
struct GeodesicPoint {
    explicit GeodesicPoint(LonLat p);
    // From the sine and cosine of the latitude, when the caller has them already.
    GeodesicPoint(double sinLat, double cosLat, double lonRad);
    double sinU, cosU, lonRad;
};

// WGS84 geodesic distance in km. Vincenty's inverse, iterated until lambda moves by less than
// 1e-10 rad: when it converges the result is within 1 mm of the true geodesic (Vincenty's series
// ~0.1 mm, the iteration limit at most 0.64 mm; checked in tests against PROJ's geod, which uses
// Karney's algorithm, to 1 mm from 8.5 to 23.4°N). For nearly antipodal points (over ~19,900 km apart,
// never two places in one country) it may not converge; it then returns the haversine distance
// scaled by the mean of the bounds above, within 0.6% of the geodesic.
double geodesicKm(LonLat a, LonLat b);
double geodesicKm(const GeodesicPoint& a, const GeodesicPoint& b);

}  // namespace gapmap
