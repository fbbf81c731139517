#include "render/area_geometry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "core/mercator.h"
#include "render/triangulate.h"

namespace gapmap::render {
namespace {

using Pts = std::vector<MercatorXY>;

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
    size_t operator()(const PtKey& k) const { return std::hash<uint64_t>()(k.x * 0x9E3779B97F4A7C15ull ^ (k.y + 0x632BE59BD9B4E019ull)); }
};

// First neighbours seen for a vertex; a vertex met again with other neighbours is a junction,
// where three or more rings meet or a shared border ends (the TopoJSON rule).
struct Node {
    PtKey a, b;
    bool junction = false;
};

struct Arc {
    Pts pts;             // metres relative to the origin; a closed arc does not repeat its first vertex
    bool closed = false;
    int users[2] = {-1, -1};
    int userCount = 0;   // distinct features using the arc
    int cls = kArcCommune;
    MercatorBox box;
};

struct RingRef {
    std::vector<std::pair<uint32_t, bool>> arcs;  // arc id, reversed
};
struct PolyRef {
    std::vector<RingRef> rings;  // [0] outer
};

class ArcBuilder {
public:
    std::vector<Arc> arcs;

    RingRef addRing(const Pts& ring, const std::unordered_map<PtKey, Node, PtHash>& nodes, int feature) {
        RingRef ref;
        const size_t n = ring.size();
        std::vector<size_t> junctions;
        for (size_t i = 0; i < n; ++i)
            if (nodes.at(keyOf(ring[i])).junction) junctions.push_back(i);
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
            ref.arcs.push_back({intern(std::move(pts), true, feature), reversed});
            return ref;
        }
        for (size_t k = 0; k < junctions.size(); ++k) {
            const size_t from = junctions[k], to = k + 1 < junctions.size() ? junctions[k + 1] : junctions[0] + n;
            Pts pts;
            pts.reserve(to - from + 1);
            for (size_t i = from; i <= to; ++i) pts.push_back(ring[i % n]);
            const size_t last = pts.size() - 1;
            bool reversed = lessPt(pts[last], pts[0]) || (samePt(pts[0], pts[last]) && last > 1 && lessPt(pts[last - 1], pts[1]));
            if (reversed) std::reverse(pts.begin(), pts.end());
            ref.arcs.push_back({intern(std::move(pts), false, feature), reversed});
        }
        return ref;
    }

private:
    std::unordered_map<uint64_t, std::vector<uint32_t>> byHash_;

    uint32_t intern(Pts&& pts, bool closed, int feature) {
        uint64_t h = closed ? 0x51ED27 : 0x2545F491;
        for (MercatorXY p : pts) {
            const PtKey k = keyOf(p);
            h = (h ^ k.x) * 0x100000001B3ull;
            h = (h ^ k.y) * 0x100000001B3ull;
        }
        std::vector<uint32_t>& bucket = byHash_[h];
        for (uint32_t id : bucket) {
            Arc& a = arcs[id];
            if (a.closed == closed && a.pts.size() == pts.size() &&
                std::equal(a.pts.begin(), a.pts.end(), pts.begin(), samePt)) {
                addUser(a, feature);
                return id;
            }
        }
        Arc a;
        a.pts = std::move(pts);
        a.closed = closed;
        for (MercatorXY p : a.pts) a.box.add(p);
        addUser(a, feature);
        arcs.push_back(std::move(a));
        bucket.push_back(uint32_t(arcs.size() - 1));
        return uint32_t(arcs.size() - 1);
    }
    static void addUser(Arc& a, int feature) {
        for (int i = 0; i < a.userCount && i < 2; ++i)
            if (a.users[i] == feature) return;
        if (a.userCount < 2) a.users[a.userCount] = feature;
        ++a.userCount;
    }
};

// Douglas-Peucker on pts[first..last] (inclusive), marking kept vertices.
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

Pts simplifyArc(const Arc& arc, double tol) {
    const Pts& pts = arc.pts;
    if (tol <= 0 || pts.size() <= 2) return pts;
    std::vector<char> keep(pts.size(), 0);
    keep[0] = 1;
    if (arc.closed) {
        // Anchor at the first vertex and the vertex farthest from it; index n stands for vertex 0 again.
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

// Builds a ring from (simplified) arcs; the closing vertex is not repeated.
Pts assembleRing(const RingRef& ref, const std::vector<Pts>& simplified, const std::vector<Arc>& arcs) {
    Pts ring;
    for (const auto& [id, reversed] : ref.arcs) {
        const Pts& a = simplified[id];
        if (arcs[id].closed) {
            if (reversed) { ring.push_back(a[0]); ring.insert(ring.end(), a.rbegin(), a.rend() - 1); }
            else ring.insert(ring.end(), a.begin(), a.end());
            continue;
        }
        if (reversed) ring.insert(ring.end(), a.rbegin(), a.rend() - 1);
        else ring.insert(ring.end(), a.begin(), a.end() - 1);
    }
    return ring;
}

double polygonArea(const Pts& r) {
    double a = 0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) a += (r[j].xM - r[i].xM) * (r[j].yM + r[i].yM);
    return a / 2;
}

// Miter-joined ribbon of a polyline: two vertices per point, (x, y, offset x, y, side).
void appendLine(const Pts& pts, bool closed, std::vector<float>& verts, std::vector<uint32_t>& tris) {
    const size_t n = pts.size();
    if (n < 2) return;
    const uint32_t base = uint32_t(verts.size() / 5);
    auto normal = [&](size_t i, size_t j) {
        const double dx = pts[j].xM - pts[i].xM, dy = pts[j].yM - pts[i].yM, len = std::hypot(dx, dy);
        return len > 0 ? MercatorXY{-dy / len, dx / len} : MercatorXY{0, 0};
    };
    for (size_t i = 0; i < n; ++i) {
        const bool hasPrev = closed || i > 0, hasNext = closed || i + 1 < n;
        const MercatorXY n1 = hasPrev ? normal((i + n - 1) % n, i) : normal(i, i + 1);
        const MercatorXY n2 = hasNext ? normal(i, (i + 1) % n) : n1;
        MercatorXY m{n1.xM + n2.xM, n1.yM + n2.yM};
        double len = std::hypot(m.xM, m.yM);
        if (len < 1e-6) { m = n1; len = 1; }
        m = {m.xM / len, m.yM / len};
        const double cosHalf = m.xM * n1.xM + m.yM * n1.yM;
        const double scale = std::min(2.5, 1.0 / std::max(cosHalf, 0.4));
        // Square caps at open ends: push the end vertices out along the line by half a width.
        MercatorXY cap{0, 0};
        if (!closed && i == 0) cap = {n1.yM, -n1.xM};            // -tangent
        if (!closed && i + 1 == n) cap = {-n2.yM, n2.xM};         // +tangent
        for (int side : {1, -1}) {
            verts.insert(verts.end(), {float(pts[i].xM), float(pts[i].yM), float(side * m.xM * scale + cap.xM),
                                       float(side * m.yM * scale + cap.yM), float(side)});
        }
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

// Ranges of consecutive items per tile (items already ordered by tile).
void closeTile(std::vector<TileRange>& tiles, const MercatorBox& box, uint32_t first, uint32_t end) {
    if (end > first) tiles.push_back({box, first, end - first});
}

// Finds the feature containing a point (source rings, metres relative to the origin), through a
// grid over feature boxes.
class FeatureLocator {
public:
    FeatureLocator(const std::vector<std::vector<std::vector<Pts>>>& shapes, const std::vector<AreaFeatureInfo>& info, MercatorXY origin)
        : shapes_(shapes) {
        for (const AreaFeatureInfo& f : info) box_.add(f.box);
        box_ = {box_.minX - origin.xM, box_.minY - origin.yM, box_.maxX - origin.xM, box_.maxY - origin.yM};
        n_ = std::clamp(int(std::sqrt(double(info.size()))), 1, 128);
        cells_.resize(size_t(n_) * n_);
        for (size_t f = 0; f < info.size(); ++f) {
            if (info[f].box.empty()) continue;
            const MercatorBox b{info[f].box.minX - origin.xM, info[f].box.minY - origin.yM, info[f].box.maxX - origin.xM, info[f].box.maxY - origin.yM};
            for (int y = cell(b.minY, true); y <= cell(b.maxY, true); ++y)
                for (int x = cell(b.minX, false); x <= cell(b.maxX, false); ++x) cells_[size_t(y) * n_ + x].push_back(uint32_t(f));
        }
    }

    int featureAt(MercatorXY p, int except) const {
        if (!box_.contains(p)) return -1;
        for (uint32_t f : cells_[size_t(cell(p.yM, true)) * n_ + cell(p.xM, false)]) {
            if (int(f) == except) continue;
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

    // The feature other than `owner` on either side of the arc's middle segment, or -1.
    int across(const Pts& pts, bool closed, int owner) const {
        if (pts.size() < 2) return -1;
        const size_t i = closed ? pts.size() / 2 : (pts.size() - 1) / 2;
        const MercatorXY a = pts[i], b = pts[(i + 1) % pts.size()];
        const double dx = b.xM - a.xM, dy = b.yM - a.yM, len = std::hypot(dx, dy);
        if (len == 0) return -1;
        const MercatorXY mid{(a.xM + b.xM) / 2, (a.yM + b.yM) / 2}, n{-dy / len, dx / len};
        for (double d : {0.5, 5.0, 30.0, 120.0})
            for (double side : {1.0, -1.0}) {
                const int f = featureAt({mid.xM + side * d * n.xM, mid.yM + side * d * n.yM}, owner);
                if (f >= 0) return f;
            }
        return -1;
    }

private:
    const std::vector<std::vector<std::vector<Pts>>>& shapes_;
    MercatorBox box_;
    int n_ = 1;
    std::vector<std::vector<uint32_t>> cells_;
    int cell(double v, bool y) const {
        const double lo = y ? box_.minY : box_.minX, span = std::max(y ? box_.height() : box_.width(), 1e-9);
        return std::clamp(int((v - lo) / span * n_), 0, n_ - 1);
    }
};

}  // namespace

size_t AreaGeometry::bandFor(double mpp) const {
    size_t b = 0;
    for (size_t i = 1; i < bands.size(); ++i)
        if (mpp >= bands[i].minMetresPerPixel) b = i;
    return b;
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

std::shared_ptr<const AreaGeometry> prepareAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options) {
    auto geo = std::make_shared<AreaGeometry>();
    // 1. Project, in metres relative to the centre of everything (floats keep ~0.1 m at national scale).
    std::vector<std::vector<std::vector<Pts>>> shapes(inputs.size());  // feature > polygon > ring (no closing vertex)
    MercatorBox all;
    for (size_t f = 0; f < inputs.size(); ++f) {
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
    geo->box = all;
    geo->origin = all.empty() ? MercatorXY{} : all.center();
    const MercatorXY o = geo->origin;
    geo->features.resize(inputs.size());
    for (size_t f = 0; f < shapes.size(); ++f) {
        AreaFeatureInfo& info = geo->features[f];
        double bestArea = -1;
        const std::vector<Pts>* largest = nullptr;
        for (auto& rings : shapes[f]) {
            for (Pts& r : rings)
                for (MercatorXY& p : r) { info.box.add(p); p = {p.xM - o.xM, p.yM - o.yM}; }
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

    // 2. Junctions, then arcs shared between neighbours.
    std::unordered_map<PtKey, Node, PtHash> nodes;
    size_t vertexCount = 0;
    for (auto& polys : shapes)
        for (auto& rings : polys)
            for (Pts& r : rings) vertexCount += r.size();
    geo->sourceVertices = vertexCount;
    nodes.reserve(vertexCount);
    for (auto& polys : shapes)
        for (auto& rings : polys)
            for (Pts& r : rings)
                for (size_t i = 0, n = r.size(); i < n; ++i) {
                    const PtKey prev = keyOf(r[(i + n - 1) % n]), next = keyOf(r[(i + 1) % n]);
                    auto [it, inserted] = nodes.try_emplace(keyOf(r[i]), Node{prev, next, false});
                    if (!inserted && !it->second.junction &&
                        !((it->second.a == prev && it->second.b == next) || (it->second.a == next && it->second.b == prev)))
                        it->second.junction = true;
                }
    ArcBuilder builder;
    std::vector<std::vector<PolyRef>> refs(shapes.size());
    for (size_t f = 0; f < shapes.size(); ++f)
        for (auto& rings : shapes[f]) {
            PolyRef poly;
            for (Pts& r : rings) poly.rings.push_back(builder.addRing(r, nodes, int(f)));
            refs[f].push_back(std::move(poly));
        }
    nodes = {};
    std::vector<Arc>& arcs = builder.arcs;
    geo->arcs = arcs.size();
    // Which feature lies across each arc. Shared arcs know both; an arc used by one feature only is
    // either an outer edge or a border digitised differently on its two sides (common in real data:
    // vertices on one side only): probe just across its middle segment for another feature.
    FeatureLocator locator(shapes, geo->features, o);
    for (Arc& a : arcs) {
        int other = a.userCount >= 2 ? a.users[1] : -1;
        if (a.userCount >= 2) ++geo->sharedArcs;
        else other = locator.across(a.pts, a.closed, a.users[0]);
        if (other < 0) { a.cls = kArcOuter; continue; }
        const AreaInput& u = inputs[a.users[0]];
        const AreaInput& v = inputs[other];
        a.cls = (u.province >= 0 && v.province >= 0 && u.province != v.province) ? kArcOuter
              : (u.district >= 0 && v.district >= 0 && u.district != v.district) ? kArcDistrict : kArcCommune;
    }
    shapes = {};

    // 3. Zoom bands: band k is used from minMetresPerPixel m_k; bands step by 4x up to the scale where
    // everything is ~64 px wide. Finer bands stop where simplification would remove little.
    std::vector<double> segLengths;
    for (size_t i = 0; i < arcs.size(); i += std::max<size_t>(1, arcs.size() / 2000))
        for (size_t j = 1; j < arcs[i].pts.size(); ++j)
            segLengths.push_back(std::hypot(arcs[i].pts[j].xM - arcs[i].pts[j - 1].xM, arcs[i].pts[j].yM - arcs[i].pts[j - 1].yM));
    double medianSeg = 0;
    if (!segLengths.empty()) {
        std::nth_element(segLengths.begin(), segLengths.begin() + segLengths.size() / 2, segLengths.end());
        medianSeg = segLengths[segLengths.size() / 2];
    }
    (void)medianSeg;
    // Bands step by 2x in scale; finer bands stop where simplification keeps most vertices anyway.
    std::vector<double> thresholds;  // ascending
    const double extent = std::max(all.width(), all.height());
    size_t arcVertices = 0;
    for (const Arc& a : arcs) arcVertices += a.pts.size();
    for (double m = extent / 64; m > 0 && thresholds.size() < 16; m /= 2) {
        size_t kept = 0;
        for (const Arc& a : arcs) kept += simplifyArc(a, m * options.tolerancePx).size();
        if (kept > 0.7 * double(arcVertices)) break;
        thresholds.insert(thresholds.begin(), m);
    }
    geo->bands.resize(1 + thresholds.size());
    for (size_t b = 1; b < geo->bands.size(); ++b) {
        geo->bands[b].minMetresPerPixel = thresholds[b - 1];
        geo->bands[b].toleranceM = thresholds[b - 1] * options.tolerancePx;
    }

    // 4. Tiles: features by the centre of their box, arcs likewise.
    TileGrid grid{all, std::clamp(int(std::sqrt(double(inputs.size()) / 6.0)), 1, 48)};
    std::vector<uint32_t> featureOrder(inputs.size()), arcOrder(arcs.size());
    std::vector<int> featureTile(inputs.size()), arcTile(arcs.size());
    for (size_t f = 0; f < inputs.size(); ++f) featureTile[f] = geo->features[f].box.empty() ? 0 : grid.tileOf(geo->features[f].box.center());
    for (size_t a = 0; a < arcs.size(); ++a) {
        const MercatorXY c = arcs[a].box.center();
        arcTile[a] = grid.tileOf({c.xM + o.xM, c.yM + o.yM});
    }
    std::iota(featureOrder.begin(), featureOrder.end(), 0);
    std::iota(arcOrder.begin(), arcOrder.end(), 0);
    std::stable_sort(featureOrder.begin(), featureOrder.end(), [&](uint32_t a, uint32_t b) { return featureTile[a] < featureTile[b]; });
    std::stable_sort(arcOrder.begin(), arcOrder.end(), [&](uint32_t a, uint32_t b) { return arcTile[a] < arcTile[b]; });

    // 5. Each band: simplify arcs, rebuild rings, triangulate, build outline ribbons.
    Tessellator tess;
    std::vector<MercatorXY> triVerts;
    std::vector<uint32_t> triIndex;
    for (AreaBand& band : geo->bands) {
        const double tol = band.toleranceM;
        std::vector<Pts> simplified(arcs.size());
        for (size_t a = 0; a < arcs.size(); ++a) simplified[a] = simplifyArc(arcs[a], tol);
        const double minArea = tol > 0 ? 0.05 * tol * tol : 0;

        int tile = -1;
        MercatorBox tileBox;
        uint32_t tileFirst = 0;
        for (uint32_t f : featureOrder) {
            if (featureTile[f] != tile) {
                closeTile(band.fillTiles, tileBox, tileFirst, uint32_t(band.fillIndex.size()));
                tile = featureTile[f];
                tileBox = {};
                tileFirst = uint32_t(band.fillIndex.size());
            }
            bool drawn = false;
            for (const PolyRef& poly : refs[f]) {
                std::vector<Pts> rings;
                for (size_t r = 0; r < poly.rings.size(); ++r) {
                    Pts ring = assembleRing(poly.rings[r], simplified, arcs);
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
                const uint32_t base = uint32_t(band.fillFeature.size());
                for (MercatorXY p : triVerts) {
                    band.fillXY.push_back(float(p.xM));
                    band.fillXY.push_back(float(p.yM));
                    band.fillFeature.push_back(f);
                }
                for (uint32_t i : triIndex) band.fillIndex.push_back(base + i);
                drawn = true;
            }
            if (drawn) tileBox.add(geo->features[f].box);
            else if (!geo->features[f].box.empty()) {
                const AreaFeatureInfo& info = geo->features[f];
                band.dotXYSize.insert(band.dotXYSize.end(), {float(info.labelPoint.xM - o.xM), float(info.labelPoint.yM - o.yM),
                                                             float(std::sqrt(info.areaM2))});
                band.dotFeature.push_back(f);
            }
        }
        closeTile(band.fillTiles, tileBox, tileFirst, uint32_t(band.fillIndex.size()));

        // Outlines: each arc once, in tile order, into the lists of the classes it belongs to.
        std::vector<uint32_t> arcTris;
        int lineTile[3] = {-1, -1, -1};
        MercatorBox lineBox[3];
        uint32_t lineFirst[3] = {0, 0, 0};
        for (uint32_t a : arcOrder) {
            const Pts& pts = simplified[a];
            const bool closed = arcs[a].closed;
            if (pts.size() < (closed ? 3u : 2u)) continue;
            arcTris.clear();
            appendLine(pts, closed, band.lineVertex, arcTris);
            MercatorBox box = arcs[a].box;
            box = {box.minX + o.xM, box.minY + o.yM, box.maxX + o.xM, box.maxY + o.yM};
            for (int c = 0; c <= arcs[a].cls; ++c) {
                if (arcTile[a] != lineTile[c]) {
                    closeTile(band.lineTiles[c], lineBox[c], lineFirst[c], uint32_t(band.lineIndex[c].size()));
                    lineTile[c] = arcTile[a];
                    lineBox[c] = {};
                    lineFirst[c] = uint32_t(band.lineIndex[c].size());
                }
                lineBox[c].add(box);
                band.lineIndex[c].insert(band.lineIndex[c].end(), arcTris.begin(), arcTris.end());
            }
        }
        for (int c = 0; c < 3; ++c) closeTile(band.lineTiles[c], lineBox[c], lineFirst[c], uint32_t(band.lineIndex[c].size()));
    }
    return geo;
}

}  // namespace gapmap::render
