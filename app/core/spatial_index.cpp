#include "core/spatial_index.h"

#include <algorithm>
#include <cmath>

#include "core/geo.h"

namespace gapmap {
namespace {

constexpr double kRad = 3.14159265358979323846 / 180.0;
constexpr std::uint32_t kLeafSize = 8;

// A point's spherical distance to the query may exceed the spherical nearest's by this factor and
// the point still be the geodesic nearest (see kGeodesicOverSphere* in core/geodesic.h). The chord
// 2 sin(θ/2) is concave in θ, so chord(kSlack θ) <= kSlack chord(θ): scaling chords is safe.
// A hair above the exact ratio 1.01013 absorbs rounding.
constexpr double kSlack = kGeodesicOverSphereMax / kGeodesicOverSphereMin + 1e-6;
constexpr double kSlack2 = kSlack * kSlack;
constexpr double kChordEpsilon2 = 1e-24;  // squared chord of ~6 µm: points this close count as tied

// The unit vector of a point, and its GeodesicPoint from the same sines and cosines.
GeodesicPoint unitVector(LonLat p, double out[3]) {
    const double lat = p.latDeg * kRad, lon = p.lonDeg * kRad;
    const double sinLat = std::sin(lat), cosLat = std::cos(lat);
    out[0] = cosLat * std::cos(lon);
    out[1] = cosLat * std::sin(lon);
    out[2] = sinLat;
    return GeodesicPoint(sinLat, cosLat, lon);
}

// The unit vector alone, for searches that may need no geodesic at all.
void unitVectorOnly(LonLat p, double out[3]) {
    const double lat = p.latDeg * kRad, lon = p.lonDeg * kRad;
    const double cosLat = std::cos(lat);
    out[0] = cosLat * std::cos(lon);
    out[1] = cosLat * std::sin(lon);
    out[2] = std::sin(lat);
}

double chord2(const double a[3], const double b[3]) {
    const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return dx * dx + dy * dy + dz * dz;
}

}  // namespace

// The points whose chord to the query may still belong to the geodesic nearest: usually one.
// Held in a fixed buffer; `overflowed` says more than fit (many points at one spot), and the
// caller then measures them all.
class SpatialIndex::Candidates {
public:
    double limit2() const { return limit2_; }
    bool overflowed() const { return overflowed_; }
    const std::uint32_t* slots() const { return slots_; }
    std::size_t size() const { return size_; }
    void offer(std::uint32_t slot, double chord2) {
        if (chord2 > limit2_) return;
        if (chord2 < best2_) {
            best2_ = chord2;
            limit2_ = chord2 * kSlack2 + kChordEpsilon2;
            std::size_t kept = 0;  // drop those the new best rules out
            for (std::size_t i = 0; i < size_; ++i)
                if (chord2s_[i] <= limit2_) { slots_[kept] = slots_[i]; chord2s_[kept++] = chord2s_[i]; }
            size_ = kept;
        }
        if (size_ == kCapacity) { overflowed_ = true; return; }
        slots_[size_] = slot;
        chord2s_[size_++] = chord2;
    }
private:
    static constexpr std::size_t kCapacity = 32;
    std::uint32_t slots_[kCapacity];
    double chord2s_[kCapacity];
    std::size_t size_ = 0;
    double best2_ = 1e300, limit2_ = 1e300;
    bool overflowed_ = false;
};

SpatialIndex::SpatialIndex(const std::vector<LonLat>& points) {
    points_.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        Point p{{0, 0, 0}, GeodesicPoint(0, 1, 0), static_cast<std::uint32_t>(i)};
        p.geo = unitVector(points[i], p.xyz);
        points_.push_back(p);
    }
    if (!points_.empty()) {
        nodes_.reserve(2 * points_.size() / kLeafSize + 2);
        build(0, static_cast<std::uint32_t>(points_.size()));
    }
}

// Splits at the median of the widest axis of the points' box.
void SpatialIndex::build(std::uint32_t begin, std::uint32_t end) {
    const std::size_t id = nodes_.size();
    nodes_.push_back({0, begin, end, -1});
    if (end - begin <= kLeafSize) return;
    double lo[3] = {1e300, 1e300, 1e300}, hi[3] = {-1e300, -1e300, -1e300};
    for (std::uint32_t i = begin; i < end; ++i)
        for (int k = 0; k < 3; ++k) { lo[k] = std::min(lo[k], points_[i].xyz[k]); hi[k] = std::max(hi[k], points_[i].xyz[k]); }
    int axis = 0;
    for (int k = 1; k < 3; ++k)
        if (hi[k] - lo[k] > hi[axis] - lo[axis]) axis = k;
    const std::uint32_t mid = begin + (end - begin) / 2;
    std::nth_element(points_.begin() + begin, points_.begin() + mid, points_.begin() + end,
                     [axis](const Point& a, const Point& b) { return a.xyz[axis] < b.xyz[axis]; });
    const double split = points_[mid].xyz[axis];  // before the children reorder their halves
    build(begin, mid);
    const std::uint32_t right = static_cast<std::uint32_t>(nodes_.size());
    build(mid, end);
    nodes_[id] = {split, 0, right, axis};
}

template <class Collector>
void SpatialIndex::search(const double q[3], Collector& collector) const {
    // Far children wait on the stack with the squared distance from the query to their split
    // plane: a lower bound on the squared chord to any point behind it. Depth is log2(n / 8) + 1.
    struct Pending { std::uint32_t node; double bound2; } stack[64];
    std::size_t top = 0;
    stack[top++] = {0, 0};
    while (top > 0) {
        const Pending pending = stack[--top];
        if (pending.bound2 > collector.limit2()) continue;
        const Node* node = &nodes_[pending.node];
        while (node->axis >= 0) {
            const double d = q[node->axis] - node->split;
            const std::uint32_t left = static_cast<std::uint32_t>(node - nodes_.data()) + 1;
            const std::uint32_t right = node->end;
            stack[top] = {d < 0 ? right : left, d * d};  // kept only when within the limit (branch-free)
            top += d * d <= collector.limit2();
            node = &nodes_[d < 0 ? left : right];
        }
        for (std::uint32_t i = node->begin; i < node->end; ++i) collector.offer(i, chord2(points_[i].xyz, q));
    }
}

std::optional<SpatialIndex::Hit> SpatialIndex::pick(LonLat query, const GeodesicPoint& from, const Candidates& candidates) const {
    if (candidates.overflowed()) return nearestBruteForce(query);
    return closestOf(from, candidates.slots(), candidates.size());
}

std::optional<SpatialIndex::Hit> SpatialIndex::nearest(LonLat query) const {
    if (points_.empty()) return std::nullopt;
    double q[3];
    const GeodesicPoint from = unitVector(query, q);
    Candidates candidates;
    search(q, candidates);
    return pick(query, from, candidates);
}

std::optional<SpatialIndex::Bounds> SpatialIndex::nearestBounds(LonLat query,
                                                                const std::function<bool(double, double)>& settled) const {
    if (points_.empty()) return std::nullopt;
    double q[3];
    unitVectorOnly(query, q);
    struct SphericalNearest {
        double best2 = 1e300;
        double limit2() const { return best2; }
        void offer(std::uint32_t, double chord2) { best2 = std::min(best2, chord2); }
    } nearestChord;
    search(q, nearestChord);
    // The spherical nearest's great-circle length, km: chord c = 2 sin(θ / 2). The geodesic nearest
    // may be another point, but its distance is no more than the spherical nearest's geodesic
    // distance and no less than kGeodesicOverSphereMin times the least great-circle length. The
    // 1e-9 margins cover the rounding of chord, asin and products (about 1e-15 relative).
    const double km = 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(nearestChord.best2) / 2));
    const Bounds bounds{km * kGeodesicOverSphereMin * (1 - 1e-9), km * kGeodesicOverSphereMax * (1 + 1e-9)};
    if (settled(bounds.loKm, bounds.hiKm)) return bounds;
    Candidates candidates;  // the few villages near a threshold: the full search and Vincenty
    search(q, candidates);
    const double exact = pick(query, GeodesicPoint(query), candidates)->km;
    return Bounds{exact, exact};
}

std::optional<SpatialIndex::Hit> SpatialIndex::closestOf(const GeodesicPoint& from, const std::uint32_t* slots,
                                                         std::size_t count) const {
    std::optional<Hit> best;
    for (std::size_t i = 0; i < count; ++i) {
        const Point& p = points_[slots[i]];
        const double km = geodesicKm(from, p.geo);
        if (!best || km < best->km || (km == best->km && p.index < best->index)) best = Hit{p.index, km};
    }
    return best;
}

std::optional<SpatialIndex::Hit> SpatialIndex::nearestBruteForce(LonLat query) const {
    if (points_.empty()) return std::nullopt;
    double q[3];
    const GeodesicPoint from = unitVector(query, q);
    double best2 = 1e300;
    for (const Point& p : points_) best2 = std::min(best2, chord2(p.xyz, q));
    const double limit2 = best2 * kSlack2 + kChordEpsilon2;
    std::vector<std::uint32_t> slots;
    for (std::uint32_t i = 0; i < points_.size(); ++i)
        if (chord2(points_[i].xyz, q) <= limit2) slots.push_back(i);
    return closestOf(from, slots.data(), slots.size());
}

}  // namespace gapmap
