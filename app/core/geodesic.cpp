#include "core/geodesic.h"

#include <cmath>

#include "core/geo.h"

namespace gapmap {
namespace {

constexpr double kRad = 3.14159265358979323846 / 180.0;
constexpr double kF = kWgs84Flattening;
constexpr double kA = kWgs84SemiMajorKm;
constexpr double kB = kA * (1 - kF);

}  // namespace

// Reduced (parametric) latitude U: tan U = (1 - f) tan(lat), written without the tangent so that
// it holds at the poles too.
GeodesicPoint::GeodesicPoint(double sinLat, double cosLat, double lon) {
    const double s = (1 - kF) * sinLat, r = std::sqrt(cosLat * cosLat + s * s);
    sinU = s / r;
    cosU = cosLat / r;
    lonRad = lon;
}

GeodesicPoint::GeodesicPoint(LonLat p)
    : GeodesicPoint(std::sin(p.latDeg * kRad), std::cos(p.latDeg * kRad), p.lonDeg * kRad) {}

double geodesicKm(LonLat a, LonLat b) { return geodesicKm(GeodesicPoint(a), GeodesicPoint(b)); }

// Vincenty (1975), "Direct and inverse solutions of geodesics on the ellipsoid", Survey Review 23.
// The iteration on lambda stops when it moves by less than 1e-10 rad (0.64 mm on the ground at
// most); the terms are evaluated at the previous lambda, within that of the limit. Typically three
// rounds for village distances.
double geodesicKm(const GeodesicPoint& p, const GeodesicPoint& q) {
    const double L = q.lonRad - p.lonRad;
    double lambda = L, sinLambda = std::sin(L), cosLambda = std::cos(L);
    double sinSigma = 0, cosSigma = 1, sigma = 0, cos2Alpha = 1, cos2SigmaM = 0;
    bool converged = false;
    for (int iteration = 0; iteration < 200 && !converged; ++iteration) {
        const double t1 = q.cosU * sinLambda;
        const double t2 = p.cosU * q.sinU - p.sinU * q.cosU * cosLambda;
        sinSigma = std::sqrt(t1 * t1 + t2 * t2);
        if (sinSigma == 0) return 0;  // the same point
        cosSigma = p.sinU * q.sinU + p.cosU * q.cosU * cosLambda;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = p.cosU * q.cosU * sinLambda / sinSigma;
        cos2Alpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * p.sinU * q.sinU / cos2Alpha : 0;  // 0 on the equator
        const double C = kF / 16 * cos2Alpha * (4 + kF * (4 - 3 * cos2Alpha));
        const double next = L + (1 - C) * kF * sinAlpha *
                                    (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        const double step = next - lambda;
        converged = std::fabs(step) < 1e-10;
        if (converged) break;
        lambda = next;
        if (std::fabs(step) < 1e-3) {  // sin and cos of lambda + step by the addition formulas (Taylor error < step^5 / 120)
            const double s2 = step * step, sinStep = step * (1 - s2 / 6), cosStep = 1 - s2 / 2 * (1 - s2 / 12);
            const double sinNext = sinLambda * cosStep + cosLambda * sinStep;
            cosLambda = cosLambda * cosStep - sinLambda * sinStep;
            sinLambda = sinNext;
        } else {
            sinLambda = std::sin(lambda);
            cosLambda = std::cos(lambda);
        }
    }
    if (!converged) {
        const LonLat a{p.lonRad / kRad, std::atan2(p.sinU, (1 - kF) * p.cosU) / kRad};
        const LonLat b{q.lonRad / kRad, std::atan2(q.sinU, (1 - kF) * q.cosU) / kRad};
        return haversineKm(a, b) * (kGeodesicOverSphereMin + kGeodesicOverSphereMax) / 2;
    }
    const double u2 = cos2Alpha * (kA * kA - kB * kB) / (kB * kB);
    const double A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    const double B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    const double deltaSigma =
        B * sinSigma *
        (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                               B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return kB * A * (sigma - deltaSigma);
}

}  // namespace gapmap
