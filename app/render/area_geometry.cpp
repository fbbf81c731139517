#include "render/area_geometry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "core/mercator.h"
#include "render/area_cache.h"
#include "render/boundary_rays.h"
#include "render/triangulate.h"
#include "render/union_holes.h"

namespace gapmap::render {
namespace {

using Pts = std::vector<MercatorXY>;

// Sliver gaps between neighbouring features narrower than this (ground metres) are not outer edge.
// Measured on the 11,163 communes of the 2009 census: GEOS finds 34,824 holes in their union, of mean
// width (2 area / perimeter) 25 m at the median, 66 m at p90, 86 m at p99, but a sliver's widest
// spot is several times its mean: 200 m left dozens of stubs on a regional map, 400 m a few, 800 m
// two spots on the national map (holes of about a kilometre). 800 m is 0.5 px on the national map;
// a real outer edge (coast, border) faced by another feature closer than that (an islet, a river
// mouth) is drawn as an ordinary line there.
constexpr double kGapGroundM = 800;
// ... and narrower than this fraction of a pixel on the overview of all features (their extent
// across kOverviewPx pixels): the closing is scale-aware. A set spanning a country (1,650 km: about
// 1.7 km a pixel) closes the gaps of a kilometre or two the census communes leave at a few spots
// (near Cao Bằng, a lagoon on the south-central coast), invisible at that scale; a province's closing
// stays kGapGroundM. Measured on the 11,163 communes of 2009 (tests/render/outer_edge_test.cpp).
constexpr double kGapOverviewPx = 1.0, kOverviewPx = 1000;
// Holes of the union (faces no feature covers) under this size on the same overview are gaps too:
// the outlines of tiny holes are left out of coarse bands anyway (under 4 px, see compute()).
constexpr double kHolePx = 8.0;

bool samePt(MercatorXY a, MercatorXY b) { return a.xM == b.xM && a.yM == b.yM; }
bool lessPt(MercatorXY a, MercatorXY b) { return a.xM < b.xM || (a.xM == b.xM && a.yM < b.yM); }

struct PtKey {
    uint64_t x, y;
    bool operator==(const PtKey& o) const { return x == o.x && y == o.y; }
};
PtKey keyOf(MercatorXY p) {
    PtKey k;
    const double x = p.xM + 0.0, y = p.yM + 0.0;  // -0 == +0
    std::memcpy(&k.x, &x, 8);
    std::memcpy(&k.y, &y, 8);
    return k;
}
struct PtHash {
    size_t operator()(const PtKey& k) const {
        uint64_t h = k.x * 0x9E3779B97F4A7C15ull;
        h ^= (k.y + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2)) * 0xC2B2AE3D27D4EB4Full;
        return size_t(h ^ (h >> 29));
    }
};

uint64_t hashOf(const PtKey& k) { return PtHash()(k) | 1; }  // never 0 (0 marks an empty slot)

// First neighbours seen for each vertex; a vertex met again with other neighbours is a junction,
// where three or more rings meet or a shared border ends (the TopoJSON rule). An open-addressing
// table: a quarter of a million vertices cost no allocations.
class JunctionTable {
public:
    explicit JunctionTable(size_t n) {
        size_t cap = 16;
        while (cap < n * 2) cap *= 2;
        slots_.resize(cap);
        mask_ = cap - 1;
    }
    void add(const PtKey& k, uint64_t prev, uint64_t next) {
        Slot& s = find(k);
        if (s.hash == 0) {
            s = {hashOf(k), k, prev, next, false};
            return;
        }
        if (!s.junction && !((s.a == prev && s.b == next) || (s.a == next && s.b == prev))) s.junction = true;
    }
    bool junction(const PtKey& k) { return find(k).junction; }

private:
    struct Slot {
        uint64_t hash = 0;
        PtKey key{0, 0};
        uint64_t a = 0, b = 0;  // hashes of the first neighbours seen
        bool junction = false;
    };
    std::vector<Slot> slots_;
    size_t mask_ = 0;
    Slot& find(const PtKey& k) {
        const uint64_t h = hashOf(k);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.hash == 0 || (s.hash == h && s.key == k)) return s;
        }
    }
};

struct Arc {
    Pts pts;             // metres relative to the origin; a closed arc does not repeat its first vertex
    bool closed = false;
    int users[2] = {-1, -1};
    int userCount = 0;   // distinct features using the arc
    int cls = kArcCommune;
    bool ownerLeft = true;  // the first user's interior lies left of pts[0] -> pts[1] -> ...
};

struct Ref {
    uint32_t id;
    bool reversed;
};

class ArcBuilder {
public:
    std::vector<Arc> arcs;

    // interiorLeft: the feature's interior lies to the left of the ring's direction.
    std::vector<Ref> addRing(const Pts& ring, JunctionTable& nodes, int feature, bool interiorLeft) {
        std::vector<Ref> refs;
        const size_t n = ring.size();
        std::vector<size_t> junctions;
        for (size_t i = 0; i < n; ++i)
            if (nodes.junction(keyOf(ring[i]))) junctions.push_back(i);
        if (junctions.empty()) {
            // One closed arc, in a canonical form: starts at its smallest vertex, canonical direction.
            size_t m = 0;
            for (size_t i = 1; i < n; ++i)
                if (lessPt(ring[i], ring[m])) m = i;
            Pts pts(n);
            for (size_t i = 0; i < n; ++i) pts[i] = ring[(m + i) % n];
            bool reversed = false;
            if (lessPt(pts[n - 1], pts[1])) {
                std::reverse(pts.begin() + 1, pts.end());
                reversed = true;
            }
            refs.push_back({intern(std::move(pts), true, feature, interiorLeft != reversed), reversed});
            return refs;
        }
        for (size_t k = 0; k < junctions.size(); ++k) {
            const size_t from = junctions[k], to = k + 1 < junctions.size() ? junctions[k + 1] : junctions[0] + n;
            Pts pts;
            pts.reserve(to - from + 1);
            for (size_t i = from; i <= to; ++i) pts.push_back(ring[i % n]);
            const size_t last = pts.size() - 1;
            const bool reversed = lessPt(pts[last], pts[0]) || (samePt(pts[0], pts[last]) && last > 1 && lessPt(pts[last - 1], pts[1]));
            if (reversed) std::reverse(pts.begin(), pts.end());
            refs.push_back({intern(std::move(pts), false, feature, interiorLeft != reversed), reversed});
        }
        return refs;
    }

private:
    // Arcs by the hash of their points: an open-addressing table of (hash, last arc); arcs with the
    // same hash chain through next_.
    std::vector<std::pair<uint64_t, uint32_t>> table_ = std::vector<std::pair<uint64_t, uint32_t>>(1024, {0, 0});
    size_t used_ = 0;
    std::vector<uint32_t> next_;
    std::pair<uint64_t, uint32_t>& slot(uint64_t h) {
        const size_t mask = table_.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask)
            if (table_[i].first == 0 || table_[i].first == h) return table_[i];
    }
    void grow() {
        std::vector<std::pair<uint64_t, uint32_t>> old(table_.size() * 2, {0, 0});
        old.swap(table_);
        for (const auto& e : old)
            if (e.first) slot(e.first) = e;
    }

    uint32_t intern(Pts&& pts, bool closed, int feature, bool ownerLeft) {
        uint64_t h = closed ? 0x51ED27 : 0x2545F491;
        for (MercatorXY p : pts) {
            const PtKey k = keyOf(p);
            h = (h ^ k.x) * 0x100000001B3ull;
            h = (h ^ k.y) * 0x100000001B3ull;
        }
        h |= 1;
        if (2 * (used_ + 1) > table_.size()) grow();
        std::pair<uint64_t, uint32_t>& entry = slot(h);
        const bool found = entry.first != 0;
        for (uint32_t id = found ? entry.second : UINT32_MAX; id != UINT32_MAX; id = next_[id]) {
            Arc& a = arcs[id];
            if (a.closed == closed && a.pts.size() == pts.size() && std::equal(a.pts.begin(), a.pts.end(), pts.begin(), samePt)) {
                addUser(a, feature);
                return id;
            }
        }
        Arc a;
        a.pts = std::move(pts);
        a.closed = closed;
        a.ownerLeft = ownerLeft;
        addUser(a, feature);
        arcs.push_back(std::move(a));
        const uint32_t id = uint32_t(arcs.size() - 1);
        next_.push_back(found ? entry.second : UINT32_MAX);
        if (!found) ++used_;
        entry = {h, id};
        return id;
    }
    static void addUser(Arc& a, int feature) {
        for (int i = 0; i < a.userCount && i < 2; ++i)
            if (a.users[i] == feature) return;
        if (a.userCount < 2) a.users[a.userCount] = feature;
        ++a.userCount;
    }
};

// Finds the feature containing a point (source rings, metres relative to the origin), through a
// grid over feature boxes.
class FeatureLocator {
public:
    FeatureLocator(const std::vector<std::vector<std::vector<Pts>>>& shapes, const std::vector<MercatorBox>& boxes)
        : shapes_(shapes), boxes_(boxes) {
        for (const MercatorBox& b : boxes) box_.add(b);
        n_ = std::clamp(int(std::sqrt(double(boxes.size()))), 1, 128);
        cells_.resize(size_t(n_) * n_);
        for (size_t f = 0; f < boxes.size(); ++f) {
            if (boxes[f].empty()) continue;
            for (int y = cell(boxes[f].minY, true); y <= cell(boxes[f].maxY, true); ++y)
                for (int x = cell(boxes[f].minX, false); x <= cell(boxes[f].maxX, false); ++x) cells_[size_t(y) * n_ + x].push_back(uint32_t(f));
        }
    }

    int featureAt(MercatorXY p, int except) const {
        if (!box_.contains(p)) return -1;
        for (uint32_t f : cells_[size_t(cell(p.yM, true)) * n_ + cell(p.xM, false)]) {
            if (int(f) == except || !boxes_[f].contains(p)) continue;
            bool inside = false;
            for (const auto& rings : shapes_[f])
                for (const Pts& r : rings)
                    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                        if ((r[i].yM > p.yM) != (r[j].yM > p.yM) &&
                            p.xM < (r[j].xM - r[i].xM) * (p.yM - r[i].yM) / (r[j].yM - r[i].yM) + r[i].xM)
                            inside = !inside;
            if (inside) return int(f);
        }
        return -1;
    }

    // The feature other than `owner` across the arc: probes just beside a quarter, the middle and
    // three quarters of it, on both sides, and keeps the most frequent answer (-1: nothing, an outer edge).
    int across(const Pts& pts, bool closed, int owner) const {
        const size_t segments = closed ? pts.size() : pts.size() - 1;
        if (pts.size() < 2 || segments == 0) return -1;
        int found[3] = {-1, -1, -1};
        for (int k = 0; k < 3; ++k) {
            const size_t i = std::min(segments - 1, segments * size_t(k + 1) / 4);
            const MercatorXY a = pts[i], b = pts[(i + 1) % pts.size()];
            const double dx = b.xM - a.xM, dy = b.yM - a.yM, len = std::hypot(dx, dy);
            if (len == 0) continue;
            const MercatorXY mid{(a.xM + b.xM) / 2, (a.yM + b.yM) / 2}, n{-dy / len, dx / len};
            for (double d : {2.0, 20.0, 120.0}) {
                for (double side : {1.0, -1.0}) {
                    found[k] = featureAt({mid.xM + side * d * n.xM, mid.yM + side * d * n.yM}, owner);
                    if (found[k] >= 0) break;
                }
                if (found[k] >= 0) break;
            }
            if (segments < 3) break;  // one probe is all a short arc allows
        }
        if (found[1] >= 0 && (found[1] == found[0] || found[1] == found[2])) return found[1];
        if (found[0] >= 0 && found[0] == found[2]) return found[0];
        for (int f : found)
            if (f >= 0) return f;
        return -1;
    }

private:
    const std::vector<std::vector<std::vector<Pts>>>& shapes_;
    const std::vector<MercatorBox>& boxes_;
    MercatorBox box_;
    int n_ = 1;
    std::vector<std::vector<uint32_t>> cells_;
    int cell(double v, bool y) const {
        const double lo = y ? box_.minY : box_.minX, span = std::max(y ? box_.height() : box_.width(), 1e-9);
        return std::clamp(int((v - lo) / span * n_), 0, n_ - 1);
    }
};

// Douglas-Peucker on pts[first..last] (inclusive; index size() stands for 0), marking kept vertices.
void douglasPeucker(const Pts& pts, size_t first, size_t last, double tol2, std::vector<char>& keep) {
    std::vector<std::pair<size_t, size_t>> stack{{first, last}};
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        if (b <= a + 1) continue;
        const MercatorXY p = pts[a], q = pts[b % pts.size()];
        const double dx = q.xM - p.xM, dy = q.yM - p.yM, len2 = dx * dx + dy * dy;
        double best = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; ++i) {
            const MercatorXY r = pts[i];
            double d2;
            if (len2 == 0) d2 = (r.xM - p.xM) * (r.xM - p.xM) + (r.yM - p.yM) * (r.yM - p.yM);
            else {
                const double cross = dx * (r.yM - p.yM) - dy * (r.xM - p.xM);
                d2 = cross * cross / len2;
            }
            if (d2 > best) { best = d2; at = i; }
        }
        if (best > tol2) {
            keep[at] = 1;
            stack.push_back({a, at});
            stack.push_back({at, b});
        }
    }
}

Pts simplifyLine(const Pts& pts, bool closed, double tol) {
    if (tol <= 0 || pts.size() <= 2) return pts;
    std::vector<char> keep(pts.size(), 0);
    keep[0] = 1;
    if (closed) {
        // Anchored at the first vertex and the vertex farthest from it.
        size_t far = 0;
        double best = -1;
        for (size_t i = 1; i < pts.size(); ++i) {
            const double d = (pts[i].xM - pts[0].xM) * (pts[i].xM - pts[0].xM) + (pts[i].yM - pts[0].yM) * (pts[i].yM - pts[0].yM);
            if (d > best) { best = d; far = i; }
        }
        if (far == 0) return {pts[0]};
        keep[far] = 1;
        douglasPeucker(pts, 0, far, tol * tol, keep);
        douglasPeucker(pts, far, pts.size(), tol * tol, keep);
    } else {
        keep.back() = 1;
        douglasPeucker(pts, 0, pts.size() - 1, tol * tol, keep);
    }
    Pts out;
    for (size_t i = 0; i < pts.size(); ++i)
        if (keep[i]) out.push_back(pts[i]);
    return out;
}

double polygonArea(const Pts& r) {
    double a = 0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].xM - r[i].xM) * (r[j].yM + r[i].yM);
    return a / 2;
}

// Unit normal to the left of a -> b (y up), or 0.
MercatorXY leftNormal(MercatorXY a, MercatorXY b) {
    const double dx = b.xM - a.xM, dy = b.yM - a.yM, len = std::hypot(dx, dy);
    return len > 0 ? MercatorXY{-dy / len, dx / len} : MercatorXY{0, 0};
}

// Miter direction at a joint of two segments with left normals n1, n2, scaled so that offsetting
// by it keeps both edges at unit distance (clamped at sharp corners).
MercatorXY miter(MercatorXY n1, MercatorXY n2) {
    MercatorXY m{n1.xM + n2.xM, n1.yM + n2.yM};
    const double len = std::hypot(m.xM, m.yM);
    if (len < 1e-6) return n1;
    m = {m.xM / len, m.yM / len};
    const double scale = std::min(2.5, 1.0 / std::max(m.xM * n1.xM + m.yM * n1.yM, 0.4));
    return {m.xM * scale, m.yM * scale};
}

// Miter-joined ribbon of a polyline: two vertices per point, (x, y, offset x, y, side).
void appendLine(const Pts& pts, bool closed, std::vector<float>& verts, std::vector<uint32_t>& tris) {
    const size_t n = pts.size();
    if (n < 2) return;
    const uint32_t base = uint32_t(verts.size() / 5);
    for (size_t i = 0; i < n; ++i) {
        const bool hasPrev = closed || i > 0, hasNext = closed || i + 1 < n;
        const MercatorXY n1 = hasPrev ? leftNormal(pts[(i + n - 1) % n], pts[i]) : leftNormal(pts[i], pts[i + 1]);
        const MercatorXY n2 = hasNext ? leftNormal(pts[i], pts[(i + 1) % n]) : n1;
        const MercatorXY m = miter(n1, n2);
        // Square caps at open ends: push the end vertices out along the line by half a width.
        // (the left normal (-dy, dx) turned a quarter clockwise is the direction (dx, dy))
        MercatorXY cap{0, 0};
        if (!closed && i == 0) cap = {-n1.yM, n1.xM};      // backwards, before the first point
        if (!closed && i + 1 == n) cap = {n2.yM, -n2.xM};  // forwards, past the last point
        for (int side : {1, -1})
            verts.insert(verts.end(), {float(pts[i].xM), float(pts[i].yM), float(side * m.xM + cap.xM), float(side * m.yM + cap.yM), float(side)});
    }
    const size_t segments = closed ? n : n - 1;
    for (size_t i = 0; i < segments; ++i) {
        const uint32_t a = base + uint32_t(2 * i), b = base + uint32_t(2 * ((i + 1) % n));
        tris.insert(tris.end(), {a, a + 1, b, a + 1, b + 1, b});
    }
}

struct TileGrid {
    MercatorBox box;
    int n = 1;
    int tileOf(MercatorXY p) const {
        const int tx = std::clamp(int((p.xM - box.minX) / std::max(box.width(), 1e-9) * n), 0, n - 1);
        const int ty = std::clamp(int((box.maxY - p.yM) / std::max(box.height(), 1e-9) * n), 0, n - 1);
        return ty * n + tx;
    }
};

// Runs fn(begin, end) over [0, n) in two halves on two threads (the machines gapmap runs on have
// two cores or more; the work is split only when it is worth a thread).
template <class F>
void parallelHalves(size_t n, F fn) {
    if (n < 512 || std::thread::hardware_concurrency() < 2) {
        fn(size_t(0), n);
        return;
    }
    std::thread other([&] { fn(n / 2, n); });
    fn(size_t(0), n / 2);
    other.join();
}

void closeTile(std::vector<TileRange>& tiles, const MercatorBox& box, uint32_t first, uint32_t end) {
    if (end > first) tiles.push_back({box, first, end - first});
}

}  // namespace

// What the bands are computed from: the projected rings (for provisional bands and for building
// the topology), then lines (shared arcs, or runs of one feature's arcs merged) and each ring as a
// sequence of lines.
struct AreaGeometry::Source {
    struct Line {
        Pts pts;          // metres relative to the origin
        bool closed = false;
        int cls = kArcCommune;
        int tile = 0;
        MercatorBox box;  // absolute
    };
    std::vector<std::vector<std::vector<Pts>>> shapes;  // feature > polygon > ring, relative metres, no closing vertex
    std::vector<MercatorBox> relBoxes;
    std::vector<int> district, province;
    TileGrid grid;
    std::vector<uint32_t> featureOrder;                 // by tile
    std::vector<int> featureTile;
    // The topology (built once, perhaps on the background thread).
    std::vector<Line> lines;
    std::vector<std::vector<std::vector<std::vector<Ref>>>> rings;  // feature > polygon > ring > lines
    std::vector<uint32_t> lineOrder;                                // by tile
    double tolerancePx = 0.75;
    // Typical sizes (metres) of the features and of the district groups: commune and district
    // lines are left out of bands where these would be under 8 px (no layer draws them there).
    double featureSizeM = 0, groupSizeM = 0;
    // Gaps between features narrower than this (Mercator metres) are closed before the outer edge
    // is found: kGapGroundM on the ground at the data's central latitude, or kGapOverviewPx on the
    // overview of a larger set.
    double gapM = 0;
    // Holes of the union smaller than this on both sides (Mercator metres: kHolePx on the overview)
    // are gaps between features, however wide for the rays.
    double holeM = 0;
};

AreaGeometry::AreaGeometry() = default;

AreaGeometry::~AreaGeometry() {
    stop_ = true;
    if (worker_.joinable()) worker_.join();
}

size_t AreaGeometry::bandFor(double mpp) const {
    size_t b = 0;
    for (size_t i = 1; i < bands_.size(); ++i)
        if (mpp >= bands_[i].minMetresPerPixel) b = i;
    return b;
}

void AreaGeometry::prefetch(double metresPerPixel) const {
    if (!bands_.empty()) band(bandFor(metresPerPixel));
}

bool AreaGeometry::bandReady(size_t b) const { return b < bands_.size() && ready_[b].load(std::memory_order_acquire); }

const AreaBand& AreaGeometry::band(size_t b) const {
    if (bandReady(b)) return bands_[b];
    if (cache_) return cachedBand(b);  // area_cache.cpp
    if (!topologyReady() && provisionalAllowed_) {  // the topology is still to come (background)
        std::lock_guard<std::mutex> lock(bandMutex_[b]);
        if (!provisionalReady_[b].load(std::memory_order_acquire)) {
            compute(b, true);
            provisionalReady_[b].store(true, std::memory_order_release);
        }
        return provisional_[b];
    }
    ensureTopology();
    std::lock_guard<std::mutex> lock(bandMutex_[b]);
    if (!ready_[b].load(std::memory_order_acquire)) {
        compute(b, false);
        ready_[b].store(true, std::memory_order_release);
        generation_.fetch_add(1, std::memory_order_acq_rel);
    }
    return bands_[b];
}

size_t AreaGeometry::readyBandNear(size_t b) const {
    if (bandReady(b)) return b;
    // Without background work nothing would ever make `b` ready: a coarser band stood in for it at
    // every later frame too (the first band drawn, the overview's, at a village's zoom: fills
    // widened by its tolerance spilled ~10 px past the lines at 8 m/px). band(b) computes it now.
    if (!provisionalAllowed_) return b;
    for (size_t d = 1; d < bands_.size(); ++d) {
        if (b + d < bands_.size() && bandReady(b + d)) return b + d;  // coarser first: cheap to draw
        if (b >= d && bandReady(b - d)) return b - d;
    }
    return b;
}

void AreaGeometry::prepareAllBands() const {
    if (stop_) return;
    ensureTopology();
    for (size_t b = bands_.size(); b-- > 0 && !stop_;) band(b);
}

void AreaGeometry::compute(size_t b, bool provisional) const {
    const Source& src = *source_;
    AreaBand& band = const_cast<AreaBand&>(provisional ? provisional_[b] : bands_[b]);  // written once, before it is marked ready
    band.provisional = provisional;
    const double tol = band.toleranceM;
    const MercatorXY o = origin;
    std::vector<Pts> simplified(provisional ? 0 : src.lines.size());
    for (size_t i = 0; i < simplified.size(); ++i) simplified[i] = simplifyLine(src.lines[i].pts, src.lines[i].closed, tol);
    const double minArea = tol > 0 ? 0.05 * tol * tol : 0;
    // Below ~2.5 px at the finest scale of the band an area is drawn as a dot (cheaper, and honest).
    const double dotBelowM = b == 0 ? 0 : 2.5 * band.minMetresPerPixel;

    // Fills, in two halves of the features (split where a tile ends) on two threads, then joined.
    size_t split = src.featureOrder.size() / 2;
    while (split > 0 && split < src.featureOrder.size() && src.featureTile[src.featureOrder[split]] == src.featureTile[src.featureOrder[split - 1]]) ++split;
    AreaBand parts[2];
    auto fillPart = [&](size_t begin, size_t end, AreaBand& part) {
        Tessellator tess;
        std::vector<MercatorXY> triVerts;
        std::vector<uint32_t> triIndex;
        std::vector<Pts> rings;
        int tile = -1;
        MercatorBox tileBox;
        uint32_t tileFirst = 0;
        for (size_t k = begin; k < end; ++k) {
            const uint32_t f = src.featureOrder[k];
            if (src.featureTile[f] != tile) {
                closeTile(part.fillTiles, tileBox, tileFirst, uint32_t(part.fillIndex.size()));
                tile = src.featureTile[f];
                tileBox = {};
                tileFirst = uint32_t(part.fillIndex.size());
            }
            const AreaFeatureInfo& info = features[f];
            bool drawn = false;
            const bool tiny = std::sqrt(info.areaM2) < dotBelowM;
            const size_t polygons = tiny ? 0 : provisional ? src.shapes[f].size() : src.rings[f].size();
            for (size_t pi = 0; pi < polygons; ++pi) {
                rings.clear();
                const size_t ringCount = provisional ? src.shapes[f][pi].size() : src.rings[f][pi].size();
                for (size_t r = 0; r < ringCount; ++r) {
                    Pts ring;
                    if (provisional) ring = simplifyLine(src.shapes[f][pi][r], true, tol);
                    else
                        for (const Ref& ref : src.rings[f][pi][r]) {
                            const Pts& a = simplified[ref.id];
                            if (src.lines[ref.id].closed) {
                                if (ref.reversed) { ring.push_back(a[0]); ring.insert(ring.end(), a.rbegin(), a.rend() - 1); }
                                else ring.insert(ring.end(), a.begin(), a.end());
                            } else if (ref.reversed) ring.insert(ring.end(), a.rbegin(), a.rend() - 1);
                            else ring.insert(ring.end(), a.begin(), a.end() - 1);
                        }
                    if (ring.size() < 3 || std::fabs(polygonArea(ring)) <= minArea) {
                        if (r == 0) break;
                        continue;
                    }
                    rings.push_back(std::move(ring));
                }
                if (rings.empty()) continue;
                std::vector<const MercRing*> ptrs;
                for (const Pts& r : rings) ptrs.push_back(&r);
                triVerts.clear();
                triIndex.clear();
                if (!tess.triangulate(ptrs, triVerts, triIndex) || triIndex.empty()) continue;
                // Outward offsets of the ring vertices (GLU appends crossing points after them: no offset).
                std::vector<MercatorXY> offsets(triVerts.size(), MercatorXY{0, 0});
                size_t at = 0;
                for (size_t r = 0; r < rings.size(); ++r) {
                    const Pts& ring = rings[r];
                    const size_t n = ring.size();
                    const bool ccw = polygonArea(ring) > 0;
                    // Away from the polygon: right of an outer ring's direction when counter-clockwise; into a hole otherwise.
                    const double sign = (r == 0) == ccw ? -1.0 : 1.0;
                    for (size_t i = 0; i < n && at + i < offsets.size(); ++i) {
                        const MercatorXY m = miter(leftNormal(ring[(i + n - 1) % n], ring[i]), leftNormal(ring[i], ring[(i + 1) % n]));
                        offsets[at + i] = {sign * m.xM, sign * m.yM};
                    }
                    at += n;
                }
                const uint32_t base = uint32_t(part.fillFeature.size());
                for (size_t i = 0; i < triVerts.size(); ++i) {
                    part.fillVertex.insert(part.fillVertex.end(), {float(triVerts[i].xM), float(triVerts[i].yM), float(offsets[i].xM), float(offsets[i].yM)});
                    part.fillFeature.push_back(f);
                }
                for (uint32_t i : triIndex) part.fillIndex.push_back(base + i);
                drawn = true;
            }
            if (drawn) tileBox.add(info.box);
            else if (!info.box.empty()) {
                part.dotXYSize.insert(part.dotXYSize.end(), {float(info.labelPoint.xM - o.xM), float(info.labelPoint.yM - o.yM), float(std::sqrt(info.areaM2))});
                part.dotFeature.push_back(f);
            }
        }
        closeTile(part.fillTiles, tileBox, tileFirst, uint32_t(part.fillIndex.size()));
    };
    if (src.featureOrder.size() >= 512 && std::thread::hardware_concurrency() >= 2) {
        std::thread other([&] { fillPart(split, src.featureOrder.size(), parts[1]); });
        fillPart(0, split, parts[0]);
        other.join();
    } else {
        fillPart(0, src.featureOrder.size(), parts[0]);
    }
    size_t vertices = 0, indices = 0;
    for (const AreaBand& part : parts) { vertices += part.fillFeature.size(); indices += part.fillIndex.size(); }
    band.fillVertex.reserve(4 * vertices);
    band.fillFeature.reserve(vertices);
    band.fillIndex.reserve(indices);
    for (AreaBand& part : parts) {
        const uint32_t vertexBase = uint32_t(band.fillFeature.size()), indexBase = uint32_t(band.fillIndex.size());
        band.fillVertex.insert(band.fillVertex.end(), part.fillVertex.begin(), part.fillVertex.end());
        band.fillFeature.insert(band.fillFeature.end(), part.fillFeature.begin(), part.fillFeature.end());
        for (uint32_t i : part.fillIndex) band.fillIndex.push_back(vertexBase + i);
        for (TileRange t : part.fillTiles) band.fillTiles.push_back({t.box, t.first + indexBase, t.count});
        band.dotXYSize.insert(band.dotXYSize.end(), part.dotXYSize.begin(), part.dotXYSize.end());
        band.dotFeature.insert(band.dotFeature.end(), part.dotFeature.begin(), part.dotFeature.end());
        part = AreaBand{};
    }
    if (provisional) return;

    // Outlines: each line once, in tile order, into the lists of the classes it belongs to.
    const bool keepCommuneLines = b == 0 || src.featureSizeM / band.minMetresPerPixel >= 8;
    const bool keepDistrictLines = b == 0 || src.groupSizeM / band.minMetresPerPixel >= 8;
    std::vector<uint32_t> lineTris;
    int lineTile[3] = {-1, -1, -1};
    MercatorBox lineBox[3];
    uint32_t lineFirst[3] = {0, 0, 0};
    for (uint32_t l : src.lineOrder) {
        const Source::Line& line = src.lines[l];
        const Pts& pts = simplified[l];
        if (pts.size() < (line.closed ? 3u : 2u)) continue;
        if ((line.cls == kArcCommune && !keepCommuneLines) || (line.cls == kArcDistrict && !keepDistrictLines)) continue;
        // Outlines of tiny holes and islets (under ~4 px across in this band) only add specks.
        if (b > 0 && std::max(line.box.width(), line.box.height()) < 4 * band.minMetresPerPixel && line.closed) continue;
        lineTris.clear();
        appendLine(pts, line.closed, band.lineVertex, lineTris);
        for (int c = 0; c <= line.cls; ++c) {
            if (line.tile != lineTile[c]) {
                closeTile(band.lineTiles[c], lineBox[c], lineFirst[c], uint32_t(band.lineIndex[c].size()));
                lineTile[c] = line.tile;
                lineBox[c] = {};
                lineFirst[c] = uint32_t(band.lineIndex[c].size());
            }
            lineBox[c].add(line.box);
            band.lineIndex[c].insert(band.lineIndex[c].end(), lineTris.begin(), lineTris.end());
        }
    }
    for (int c = 0; c < 3; ++c) closeTile(band.lineTiles[c], lineBox[c], lineFirst[c], uint32_t(band.lineIndex[c].size()));
    band.lineVertex.shrink_to_fit();
    for (auto& index : band.lineIndex) index.shrink_to_fit();
}

MercatorXY interiorPoint(const std::vector<std::vector<MercatorXY>>& rings) {
    MercatorBox box;
    for (const auto& r : rings)
        for (MercatorXY p : r) box.add(p);
    if (box.empty()) return {};
    auto crossings = [&](bool horizontal, double at, std::vector<double>& out) {
        out.clear();
        for (const auto& r : rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
                const double a0 = horizontal ? r[i].yM : r[i].xM, a1 = horizontal ? r[j].yM : r[j].xM;
                if ((a0 > at) == (a1 > at)) continue;
                const double b0 = horizontal ? r[i].xM : r[i].yM, b1 = horizontal ? r[j].xM : r[j].yM;
                out.push_back(b0 + (b1 - b0) * (at - a0) / (a1 - a0));
            }
        std::sort(out.begin(), out.end());
    };
    MercatorXY best = box.center();
    double bestScore = -1;
    std::vector<double> xs, ys;
    for (int k = 1; k <= 7; ++k) {
        const double y = box.minY + box.height() * (k / 8.0 + 1e-7);
        crossings(true, y, xs);
        for (size_t i = 0; i + 1 < xs.size(); i += 2) {
            const double x = (xs[i] + xs[i + 1]) / 2, w = xs[i + 1] - xs[i];
            if (w <= bestScore) continue;
            crossings(false, x, ys);
            for (size_t j = 0; j + 1 < ys.size(); j += 2)
                if (ys[j] <= y && y <= ys[j + 1]) {
                    const double score = std::min(w, ys[j + 1] - ys[j]);
                    if (score > bestScore) { bestScore = score; best = {x, (ys[j] + ys[j + 1]) / 2}; }
                }
        }
    }
    return best;
}

void AreaGeometry::ensureTopology() const {
    if (topologyReady()) return;
    std::lock_guard<std::mutex> lock(topologyMutex_);
    if (topologyReady()) return;
    AreaGeometry& self = const_cast<AreaGeometry&>(*this);  // the figures below are written once, before the flag
    Source* src = source_.get();
    const std::vector<std::vector<std::vector<Pts>>>& shapes = src->shapes;
    const MercatorXY o = origin;
    size_t vertexCount = sourceVertices;
    size_t& arcs_ = self.arcs;
    size_t& sharedArcs_ = self.sharedArcs;
    size_t& lines_ = self.lines;
    size_t* linesOfClass_ = self.linesOfClass;
    // Junctions, then arcs between them (an arc two features share exactly exists once).
    std::vector<std::vector<std::vector<std::vector<Ref>>>> arcRefs(shapes.size());
    ArcBuilder builder;
    {
        JunctionTable nodes(vertexCount);
        for (const auto& polys : shapes)
            for (const auto& rings : polys)
                for (const Pts& r : rings)
                    for (size_t i = 0, n = r.size(); i < n; ++i)
                        nodes.add(keyOf(r[i]), hashOf(keyOf(r[(i + n - 1) % n])), hashOf(keyOf(r[(i + 1) % n])));
        builder.arcs.reserve(vertexCount / 8);
        for (size_t f = 0; f < shapes.size(); ++f)
            for (const auto& rings : shapes[f]) {
                std::vector<std::vector<Ref>> poly;
                for (size_t r = 0; r < rings.size(); ++r)  // counter-clockwise (area > 0) outer rings and clockwise holes have the interior on their left
                    poly.push_back(builder.addRing(rings[r], nodes, int(f), (polygonArea(rings[r]) > 0) == (r == 0)));
                arcRefs[f].push_back(std::move(poly));
            }
    }
    std::vector<Arc>& arcs = builder.arcs;
    arcs_ = arcs.size();

    // Classes: which feature lies across each arc. Shared arcs know both. An arc used by one
    // feature only lies on the outer edge, or on a border digitised differently on its two sides
    // (overlaps, and sliver gaps — tens of metres wide between the 2009 census communes): a short
    // ray cast outward from each of its segments tells which (BoundaryRays: the union of all
    // features closed over gaps narrower than gapM). An arc partly on the outer edge is split there.
    {
        FeatureLocator locator(shapes, src->relBoxes);
        BoundaryRays rays;
        for (size_t f = 0; f < shapes.size(); ++f)
            for (const auto& rings : shapes[f])
                for (const Pts& r : rings)
                    for (size_t i = 0; i < r.size(); ++i) rays.add(r[i], r[(i + 1) % r.size()], int(f));
        rays.build();
        // The ground closing (kGapGroundM) also sets how far rays start inside their owner (a
        // sand spit narrower than that would otherwise be crossed) and the shortest outer run.
        const double groundGapM = kGapGroundM * std::cosh(origin.yM / kMercatorRadiusM);
        const double gapM = src->gapM, minRunM = 5 * groundGapM;
        auto classAcross = [&](int owner, int other) {
            if (other < 0) return int(kArcCommune);  // inside the closed union, nothing found across: an ordinary line
            const int up = src->province[owner], vp = src->province[other];
            const int ud = src->district[owner], vd = src->district[other];
            return (up >= 0 && vp >= 0 && up != vp) ? int(kArcOuter) : (ud >= 0 && vd >= 0 && ud != vd) ? int(kArcDistrict) : int(kArcCommune);
        };
        std::vector<Arc> pieces;
        std::unordered_map<uint32_t, std::pair<uint32_t, uint32_t>> piecesOf;  // split arc -> [first, end) in pieces
        std::vector<int> hit;
        std::vector<char> outer;
        std::vector<double> length;
        struct Run { size_t first, count; bool outer; double lengthM; };
        std::vector<Run> runs;
        for (uint32_t id = 0; id < arcs.size(); ++id) {
            Arc& a = arcs[id];
            if (a.userCount >= 2) {
                ++sharedArcs_;
                a.cls = classAcross(a.users[0], a.users[1]);
                continue;
            }
            const int owner = a.users[0];
            const size_t n = a.pts.size(), segments = a.closed ? n : n - 1;
            if (n < 2 || segments == 0) { a.cls = kArcOuter; continue; }
            hit.assign(segments, -1);
            outer.assign(segments, 0);
            length.assign(segments, 0);
            for (size_t i = 0; i < segments; ++i) {
                const MercatorXY p = a.pts[i], q = a.pts[(i + 1) % n];
                const double dx = q.xM - p.xM, dy = q.yM - p.yM;
                length[i] = std::hypot(dx, dy);
                if (length[i] == 0) { outer[i] = i > 0 ? outer[i - 1] : 0; continue; }
                const double side = a.ownerLeft ? 1 : -1;  // outward: away from the owner's interior
                const MercatorXY out{side * dy / length[i], -side * dx / length[i]};
                // From groundGapM inside the owner: where neighbours overlap (borders digitised apart cross
                // each other, so overlaps alternate with gaps) the neighbour's border lies inside.
                hit[i] = rays.cast({(p.xM + q.xM) / 2, (p.yM + q.yM) / 2}, out, groundGapM, gapM, owner);
                outer[i] = hit[i] < 0;
            }
            // Runs of segments on and off the outer edge (a closed arc starts where a run starts).
            // Outer runs shorter than minRunM between inner ones become inner: a ray slipping
            // through a wide spot of a gap makes no stroke. (Never the other way: a border running
            // inward from the coast along a gap would then end in a thick stub.)
            size_t start = 0;
            for (;;) {
                start = 0;
                if (a.closed)
                    for (size_t i = 0; i < segments; ++i)
                        if (outer[i] != outer[(i + segments - 1) % segments]) { start = i; break; }
                runs.clear();
                for (size_t k = 0; k < segments; ++k) {
                    const size_t i = (start + k) % segments;
                    if (runs.empty() || bool(outer[i]) != runs.back().outer) runs.push_back({k, 0, bool(outer[i]), 0});
                    ++runs.back().count;
                    runs.back().lengthM += length[i];
                }
                if (runs.size() < 2) break;
                size_t shortest = runs.size();
                for (size_t r = 0; r < runs.size(); ++r)
                    if (runs[r].outer && (shortest == runs.size() || runs[r].lengthM < runs[shortest].lengthM)) shortest = r;
                if (shortest == runs.size() || runs[shortest].lengthM >= minRunM) break;
                for (size_t k = 0; k < runs[shortest].count; ++k) outer[(start + runs[shortest].first + k) % segments] ^= 1;
            }
            auto runClass = [&](const Run& r, const Pts& pts, bool closed) {
                if (r.outer) return int(kArcOuter);
                std::unordered_map<int, size_t> votes;
                int other = -1;
                for (size_t k = 0; k < r.count; ++k) {
                    const int h = hit[(start + r.first + k) % segments];
                    if (h >= 0 && ++votes[h] > (other >= 0 ? votes[other] : 0)) other = h;
                }
                if (other < 0) other = locator.across(pts, closed, owner);
                return classAcross(owner, other);
            };
            if (runs.size() == 1) {
                a.cls = runClass(runs[0], a.pts, a.closed);
                continue;
            }
            const uint32_t first = uint32_t(pieces.size());
            for (const Run& r : runs) {
                Arc piece;
                for (size_t k = 0; k <= r.count; ++k) piece.pts.push_back(a.pts[(start + r.first + k) % n]);
                piece.users[0] = owner;
                piece.userCount = 1;
                piece.ownerLeft = a.ownerLeft;
                piece.cls = runClass(r, piece.pts, false);
                pieces.push_back(std::move(piece));
            }
            piecesOf[id] = {first, uint32_t(pieces.size())};
        }
        // The split arcs' references become their pieces (in reverse order, reversed, where the
        // ring runs against the arc).
        const uint32_t base = uint32_t(arcs.size());
        for (Arc& piece : pieces) arcs.push_back(std::move(piece));
        if (!piecesOf.empty())
            for (auto& polys : arcRefs)
                for (auto& poly : polys)
                    for (std::vector<Ref>& ring : poly) {
                        std::vector<Ref> out;
                        for (const Ref& r : ring) {
                            const auto it = piecesOf.find(r.id);
                            if (it == piecesOf.end()) { out.push_back(r); continue; }
                            const auto [b, e] = it->second;
                            if (!r.reversed)
                                for (uint32_t k = b; k < e; ++k) out.push_back({base + k, false});
                            else
                                for (uint32_t k = e; k-- > b;) out.push_back({base + k, true});
                        }
                        ring = std::move(out);
                    }
        // Holes of the union too small to see on the overview (GEOS, union_holes.h), among the
        // lines of the features that still have an outer piece: their outline is no outer edge.
        std::vector<char> live(arcs.size(), 1), hasOuter(shapes.size(), 0);
        for (const auto& [id, range] : piecesOf) live[id] = 0;
        for (uint32_t id = 0; id < arcs.size(); ++id)
            if (live[id] && arcs[id].userCount == 1 && arcs[id].cls == kArcOuter) hasOuter[arcs[id].users[0]] = 1;
        // Their neighbours' unshared lines too: a hole may be closed by units with no outer piece.
        std::vector<char> near = hasOuter;
        for (uint32_t id = 0; id < arcs.size(); ++id)
            if (live[id] && arcs[id].userCount == 2) {
                const int u = arcs[id].users[0], v = arcs[id].users[1];
                if (hasOuter[u]) near[v] = 1;
                if (hasOuter[v]) near[u] = 1;
            }
        std::vector<HoleLine> holeLines;
        std::vector<uint32_t> holeArcs;
        for (uint32_t id = 0; id < arcs.size(); ++id) {
            const Arc& a = arcs[id];
            if (!live[id] || a.userCount != 1 || !near[a.users[0]]) continue;
            holeLines.push_back({&a.pts, a.closed, a.cls == kArcOuter, a.ownerLeft});
            holeArcs.push_back(id);
        }
        const std::vector<char> aroundHole = linesAroundSmallHoles(
            holeLines, [&](MercatorXY p) { return locator.featureAt(p, -1) >= 0; }, src->holeM);
        for (size_t k = 0; k < holeArcs.size(); ++k)
            if (aroundHole[k]) {
                Arc& a = arcs[holeArcs[k]];
                a.cls = classAcross(a.users[0], locator.across(a.pts, a.closed, a.users[0]));
            }
    }

    // Lines: a shared arc stays one line; consecutive arcs of one ring that nobody else uses and
    // that have the same class merge into one line, so that their vertices can be simplified away.
    std::vector<uint32_t> lineOfSharedArc(arcs.size(), UINT32_MAX);
    src->rings.resize(arcRefs.size());
    for (size_t f = 0; f < arcRefs.size(); ++f)
        for (const auto& poly : arcRefs[f]) {
            std::vector<std::vector<Ref>> polyLines;
            for (const std::vector<Ref>& ring : poly) {
                std::vector<Ref> lines;
                const size_t n = ring.size();
                auto solo = [&](size_t k) { return arcs[ring[k].id].userCount < 2; };
                auto sameRun = [&](size_t a, size_t b) { return solo(a) && solo(b) && arcs[ring[a].id].cls == arcs[ring[b].id].cls; };
                // Start where a run starts, so that no run wraps around the end.
                size_t start = 0;
                bool allOneRun = true;
                for (size_t k = 0; k < n; ++k)
                    if (!sameRun((k + n - 1) % n, k)) { start = k; allOneRun = false; break; }
                auto pointsOf = [&](const Ref& r, Pts& out, bool dropLast) {
                    const Arc& a = arcs[r.id];
                    Pts pts = a.pts;
                    if (a.closed && r.reversed) std::reverse(pts.begin() + 1, pts.end());
                    else if (r.reversed) std::reverse(pts.begin(), pts.end());
                    out.insert(out.end(), pts.begin(), dropLast ? pts.end() - 1 : pts.end());
                };
                if (allOneRun && n > 0 && solo(0)) {
                    AreaGeometry::Source::Line line;
                    for (size_t k = 0; k < n; ++k) pointsOf(ring[k], line.pts, !(n == 1 && arcs[ring[0].id].closed));
                    line.closed = true;
                    line.cls = arcs[ring[0].id].cls;
                    src->lines.push_back(std::move(line));
                    lines.push_back({uint32_t(src->lines.size() - 1), false});
                } else {
                    for (size_t k = 0; k < n;) {
                        const size_t i = (start + k) % n;
                        if (!solo(i)) {
                            uint32_t& id = lineOfSharedArc[ring[i].id];
                            if (id == UINT32_MAX) {
                                AreaGeometry::Source::Line line;
                                line.pts = arcs[ring[i].id].pts;
                                line.closed = arcs[ring[i].id].closed;
                                line.cls = arcs[ring[i].id].cls;
                                src->lines.push_back(std::move(line));
                                id = uint32_t(src->lines.size() - 1);
                            }
                            lines.push_back({id, ring[i].reversed});
                            ++k;
                            continue;
                        }
                        AreaGeometry::Source::Line line;
                        line.cls = arcs[ring[i].id].cls;
                        size_t m = 0;
                        while (k + m < n && (m == 0 || sameRun((start + k + m - 1) % n, (start + k + m) % n))) {
                            pointsOf(ring[(start + k + m) % n], line.pts, true);
                            ++m;
                        }
                        // The end point of the run (the start of the next line).
                        const Ref& last = ring[(start + k + m - 1) % n];
                        const Arc& la = arcs[last.id];
                        line.pts.push_back(last.reversed ? la.pts.front() : la.pts.back());
                        src->lines.push_back(std::move(line));
                        lines.push_back({uint32_t(src->lines.size() - 1), false});
                        k += m;
                    }
                }
                polyLines.push_back(std::move(lines));
            }
            src->rings[f].push_back(std::move(polyLines));
        }
    arcs = {};
    arcRefs = {};
    lines_ = src->lines.size();
    for (const auto& l : src->lines)
        for (int c = 0; c <= l.cls; ++c) ++linesOfClass_[c];

    // Tiles of the lines.
    for (auto& line : src->lines) {
        for (MercatorXY p : line.pts) line.box.add(MercatorXY{p.xM + o.xM, p.yM + o.yM});
        line.tile = src->grid.tileOf(line.box.center());
    }
    src->lineOrder.resize(src->lines.size());
    std::iota(src->lineOrder.begin(), src->lineOrder.end(), 0);
    std::stable_sort(src->lineOrder.begin(), src->lineOrder.end(), [&](uint32_t a, uint32_t b) { return src->lines[a].tile < src->lines[b].tile; });
    topologyReady_.store(true, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
}

std::shared_ptr<const AreaGeometry> prepareAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options) {
    std::string cacheKey;
    if (options.cache && !inputs.empty()) {
        cacheKey = areaCacheKey(inputs, options);
        if (auto cached = loadCachedAreas(inputs, options, cacheKey)) return cached;
    }
    auto geo = std::make_shared<AreaGeometry>();
    geo->cacheKey_ = std::move(cacheKey);
    auto src = std::make_unique<AreaGeometry::Source>();
    src->tolerancePx = options.tolerancePx;

    // 1. Project, in metres relative to the centre of everything (floats keep ~0.1 m at national scale).
    std::vector<std::vector<std::vector<Pts>>>& shapes = src->shapes;  // feature > polygon > ring (no closing vertex)
    shapes.resize(inputs.size());
    MercatorBox halves[2];
    parallelHalves(inputs.size(), [&](size_t begin, size_t end) {
    MercatorBox& all = halves[begin == 0 ? 0 : 1];
    for (size_t f = begin; f < end; ++f) {
        if (!inputs[f].area) continue;
        for (const Polygon& poly : *inputs[f].area) {
            std::vector<Pts> rings;
            for (const Ring& ring : poly.rings) {
                Pts pts;
                pts.reserve(ring.size());
                for (LonLat p : ring) {
                    const MercatorXY m = toMercator(p);
                    if (pts.empty() || !samePt(pts.back(), m)) pts.push_back(m);
                }
                while (pts.size() > 1 && samePt(pts.front(), pts.back())) pts.pop_back();
                if (pts.size() < 3) { if (rings.empty()) break; continue; }
                for (MercatorXY p : pts) all.add(p);
                rings.push_back(std::move(pts));
            }
            if (!rings.empty()) shapes[f].push_back(std::move(rings));
        }
    }
    });
    MercatorBox all = halves[0];
    all.add(halves[1]);
    geo->box = all;
    geo->origin = all.empty() ? MercatorXY{} : all.center();
    const MercatorXY o = geo->origin;
    src->gapM = std::max(kGapGroundM * std::cosh(o.yM / kMercatorRadiusM),  // Mercator's scale factor is 1 / cos(lat) = cosh(y / R)
                         all.empty() ? 0.0 : kGapOverviewPx * std::max(all.width(), all.height()) / kOverviewPx);
    src->holeM = all.empty() ? 0.0 : kHolePx * std::max(all.width(), all.height()) / kOverviewPx;
    geo->features.resize(inputs.size());
    std::vector<MercatorBox>& relBoxes = src->relBoxes;
    relBoxes.resize(inputs.size());
    for (const AreaInput& in : inputs) {
        src->district.push_back(in.district);
        src->province.push_back(in.province);
    }
    std::atomic<size_t> vertexCount{0};
    parallelHalves(shapes.size(), [&](size_t begin, size_t end) {
    size_t vertices = 0;
    for (size_t f = begin; f < end; ++f) {
        AreaFeatureInfo& info = geo->features[f];
        double bestArea = -1;
        const std::vector<Pts>* largest = nullptr;
        for (auto& rings : shapes[f]) {
            for (Pts& r : rings) {
                vertices += r.size();
                for (MercatorXY& p : r) { info.box.add(p); p = {p.xM - o.xM, p.yM - o.yM}; relBoxes[f].add(p); }
            }
            double a = std::fabs(polygonArea(rings[0]));
            for (size_t h = 1; h < rings.size(); ++h) a -= std::fabs(polygonArea(rings[h]));
            info.areaM2 += std::max(0.0, a);
            if (a > bestArea) { bestArea = a; largest = &rings; }
        }
        if (largest) {
            const MercatorXY p = interiorPoint(*largest);
            info.labelPoint = {p.xM + o.xM, p.yM + o.yM};
        }
    }
    vertexCount += vertices;
    });
    geo->sourceVertices = vertexCount;

    // Typical sizes, for leaving commune and district lines out of coarse bands.
    {
        std::vector<double> sizes;
        std::unordered_map<int, double> groupArea;
        for (size_t f = 0; f < inputs.size(); ++f) {
            if (geo->features[f].areaM2 <= 0) continue;
            sizes.push_back(std::sqrt(geo->features[f].areaM2));
            if (inputs[f].district >= 0) groupArea[inputs[f].district] += geo->features[f].areaM2;
        }
        auto median = [](std::vector<double>& v) {
            if (v.empty()) return 1e300;
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            return v[v.size() / 2];
        };
        src->featureSizeM = median(sizes);
        std::vector<double> groups;
        for (const auto& [id, area] : groupArea) groups.push_back(std::sqrt(area));
        src->groupSizeM = groups.size() > 1 ? median(groups) : 1e300;
    }

    // 2. Tiles: features by the centre of their box.
    src->grid = TileGrid{all, std::clamp(int(std::sqrt(double(inputs.size()) / 6.0)), 1, 48)};
    src->featureTile.resize(inputs.size());
    for (size_t f = 0; f < inputs.size(); ++f) src->featureTile[f] = geo->features[f].box.empty() ? 0 : src->grid.tileOf(geo->features[f].box.center());
    src->featureOrder.resize(inputs.size());
    std::iota(src->featureOrder.begin(), src->featureOrder.end(), 0);
    std::stable_sort(src->featureOrder.begin(), src->featureOrder.end(), [&](uint32_t a, uint32_t b) { return src->featureTile[a] < src->featureTile[b]; });

    // 3. Zoom bands: 2x apart in scale, from where everything is ~64 px wide down to where
    // simplification would keep most vertices anyway (below that, the source geometry). Judged on
    // a sample of the rings.
    std::vector<double> thresholds;  // ascending
    const double extent = std::max(all.width(), all.height());
    std::vector<const Pts*> sample;
    const size_t stride = std::max<size_t>(1, inputs.size() / 400);
    for (size_t f = 0; f < shapes.size(); f += stride)
        for (const auto& rings : shapes[f])
            for (const Pts& r : rings) sample.push_back(&r);
    size_t sampleVertices = 0;
    for (const Pts* r : sample) sampleVertices += r->size();
    for (double m = extent / 64; m > 0 && thresholds.size() < 16; m /= 2) {
        size_t kept = 0;
        for (const Pts* r : sample) kept += simplifyLine(*r, true, m * options.tolerancePx).size();
        if (kept > 0.7 * double(sampleVertices)) break;
        thresholds.insert(thresholds.begin(), m);
    }
    geo->bands_.resize(1 + thresholds.size());
    for (size_t b = 1; b < geo->bands_.size(); ++b) {
        geo->bands_[b].minMetresPerPixel = thresholds[b - 1];
        geo->bands_[b].toleranceM = thresholds[b - 1] * options.tolerancePx;
    }
    geo->provisional_ = geo->bands_;
    geo->ready_ = std::make_unique<std::atomic<bool>[]>(geo->bands_.size());
    geo->provisionalReady_ = std::make_unique<std::atomic<bool>[]>(geo->bands_.size());
    for (size_t b = 0; b < geo->bands_.size(); ++b) geo->ready_[b] = geo->provisionalReady_[b] = false;
    geo->bandMutex_ = std::make_unique<std::mutex[]>(geo->bands_.size());
    geo->source_ = std::move(src);

    switch (options.bands) {
        case AreaOptions::Bands::Now: geo->prepareAllBands(); break;
        case AreaOptions::Bands::OnDemand: geo->ensureTopology(); break;
        case AreaOptions::Bands::Deferred: geo->provisionalAllowed_ = true; break;
        case AreaOptions::Bands::Background: {
            geo->provisionalAllowed_ = true;
            AreaGeometry* g = geo.get();
            geo->worker_ = std::thread([g] { g->prepareAllBands(); });
            break;
        }
    }
    return geo;
}

}  // namespace gapmap::render
