// Nearest point search over lon/lat points (EPSG:4326 degrees), e.g. "the nearest active Trusted
// Address to this village", returning the WGS84 geodesic distance in km. A k-d tree on 3-D unit
// vectors finds the spherical nearest neighbour with chord distances (no trigonometry per node, no
// trouble at any longitude), then the few points that can still be the ellipsoidal nearest are
// measured with Vincenty (core/geodesic.h). Standard library only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/geodesic.h"
#include "core/model.h"

namespace gapmap {

class SpatialIndex {
public:
    SpatialIndex() = default;
    explicit SpatialIndex(const std::vector<LonLat>& points);

    struct Hit {
        std::size_t index = 0;  // into the points given to the constructor
        double km = 0;          // WGS84 geodesic distance
    };

    std::size_t size() const { return points_.size(); }
    // The point nearest to `query` by geodesic distance; ties go to the lowest index.
    // nullopt only when the index is empty.
    std::optional<Hit> nearest(LonLat query) const;
    // Bounds on the geodesic distance to the nearest point, for callers that only need to know on
    // which side of some thresholds it falls (a radius, distance bands). From the spherical nearest
    // alone the distance lies within [kGeodesicOverSphereMin, kGeodesicOverSphereMax] times its
    // great-circle length (core/geodesic.h); only when `settled(loKm, hiKm)` is false are the
    // candidates measured with Vincenty, and the bounds collapse to the geodesic distance
    // (loKm == hiKm == nearest(query)->km). nullopt only when the index is empty.
    struct Bounds {
        double loKm = 0, hiKm = 0;
    };
    std::optional<Bounds> nearestBounds(LonLat query, const std::function<bool(double loKm, double hiKm)>& settled) const;
    // The same answer without the tree: every point's chord, then the same ellipsoidal step.
    // The bench's baseline (all pairs); tests check both against geodesicKm over every point.
    std::optional<Hit> nearestBruteForce(LonLat query) const;

private:
    struct Point {
        double xyz[3];         // unit vector
        GeodesicPoint geo;
        std::uint32_t index;   // position in the caller's vector
    };
    // Preorder k-d tree: an inner node's left child follows it; a leaf holds points_[begin, end).
    struct Node {
        double split = 0;          // inner: points with xyz[axis] < split are on the left
        std::uint32_t begin = 0;   // leaf: first point; inner: unused
        std::uint32_t end = 0;     // leaf: past the last point; inner: the right child
        std::int32_t axis = -1;    // -1 for a leaf
    };
    void build(std::uint32_t begin, std::uint32_t end);
    class Candidates;
    // The tree walk: offers the collector every point within its limit2() of q (a unit vector), as
    // the limit shrinks. Candidates keeps those that may be the geodesic nearest; a bare minimum
    // (nearestBounds) keeps only the spherical nearest's squared chord.
    template <class Collector>
    void search(const double q[3], Collector& collector) const;
    std::optional<Hit> pick(LonLat query, const GeodesicPoint& from, const Candidates& candidates) const;
    std::optional<Hit> closestOf(const GeodesicPoint& query, const std::uint32_t* candidates, std::size_t count) const;

    std::vector<Point> points_;
    std::vector<Node> nodes_;
};

}  // namespace gapmap
