// demo_geometry.hpp — the synthetic geography of the demo province: outline,
// communes (noisy Voronoi cells), districts, rivers and village sites. Uses the
// reentrant GEOS C API only. All coordinates are EPSG:4326 degrees, x = lon,
// y = lat; distances between points are in "degrees of latitude" (≈ 111 km)
// after scaling longitude by cos(22°).
#pragma once

#include <geos_c.h>

#include <memory>
#include <stdexcept>

#include "demo_common.hpp"

namespace demo {

inline GEOSContextHandle_t G = nullptr;  // one GEOS context for the whole (single-threaded) run

struct GeomDel {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(G, g); }
};
struct PrepDel {
    void operator()(const GEOSPreparedGeometry* p) const { GEOSPreparedGeom_destroy_r(G, p); }
};
using GPtr = std::unique_ptr<GEOSGeometry, GeomDel>;
using PPtr = std::unique_ptr<const GEOSPreparedGeometry, PrepDel>;

struct Pt {
    double x, y;
};  // EPSG:4326 degrees, x = lon, y = lat
using Line = std::vector<Pt>;
using Ring = std::vector<Pt>;    // closed: front() == back()
using Poly = std::vector<Ring>;  // [0] exterior, then holes
using MPoly = std::vector<Poly>;

inline constexpr double kPi = 3.141592653589793;
inline constexpr Pt kCentre{103.20, 21.95};  // province centre, in the Lai Châu / Sơn La / Điện Biên mountains
inline constexpr double kLonScale = 0.927;   // cos(22°): a degree of longitude is shorter than one of latitude here

inline double dist(Pt a, Pt b) { return std::hypot((a.x - b.x) * kLonScale, a.y - b.y); }
inline double distToSegment(Pt p, Pt a, Pt b) {
    double ax = (a.x - p.x) * kLonScale, ay = a.y - p.y, bx = (b.x - p.x) * kLonScale, by = b.y - p.y;
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? std::clamp(-(ax * dx + ay * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(ax + t * dx, ay + t * dy);
}

[[noreturn]] inline void fail(const std::string& m) { throw std::runtime_error(m); }
inline GPtr own(GEOSGeometry* g) {
    if (!g) fail("GEOS operation failed");
    return GPtr(g);
}

// --- conversions between our vectors and GEOS geometries --------------------
inline GEOSCoordSequence* seqOf(const Line& pts) {
    std::vector<double> buf;
    for (Pt p : pts) {
        buf.push_back(p.x);
        buf.push_back(p.y);
    }
    return GEOSCoordSeq_copyFromBuffer_r(G, buf.data(), unsigned(pts.size()), 0, 0);
}
inline GPtr makePoint(Pt p) { return own(GEOSGeom_createPointFromXY_r(G, p.x, p.y)); }
inline GPtr makeLine(const Line& l) { return own(GEOSGeom_createLineString_r(G, seqOf(l))); }
inline GEOSGeometry* rawPoly(const Poly& p) {
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < p.size(); ++i) holes.push_back(GEOSGeom_createLinearRing_r(G, seqOf(p[i])));
    return GEOSGeom_createPolygon_r(G, GEOSGeom_createLinearRing_r(G, seqOf(p[0])), holes.data(),
                                    unsigned(holes.size()));
}
inline GPtr makePoly(const Poly& p) { return own(rawPoly(p)); }
inline GPtr makeMPoly(const MPoly& m) {
    std::vector<GEOSGeometry*> parts;
    for (const Poly& p : m) parts.push_back(rawPoly(p));
    return own(GEOSGeom_createCollection_r(G, GEOS_MULTIPOLYGON, parts.data(), unsigned(parts.size())));
}
// Takes ownership of the members.
inline GPtr makeCollection(std::vector<GPtr>& gs, int type) {
    std::vector<GEOSGeometry*> raw;
    for (GPtr& g : gs) raw.push_back(g.release());
    gs.clear();
    return own(GEOSGeom_createCollection_r(G, type, raw.data(), unsigned(raw.size())));
}
inline Line coordsOf(const GEOSGeometry* g) {  // LineString or LinearRing
    const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(G, g);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(G, s, &n);
    std::vector<double> buf(2 * std::size_t(n));
    GEOSCoordSeq_copyToBuffer_r(G, s, buf.data(), 0, 0);
    Line out;
    for (unsigned i = 0; i < n; ++i) out.push_back({buf[2 * i], buf[2 * i + 1]});
    return out;
}
inline void appendPolys(const GEOSGeometry* g, MPoly& out) {
    int t = GEOSGeomTypeId_r(G, g);
    if (t == GEOS_POLYGON) {
        Poly p{coordsOf(GEOSGetExteriorRing_r(G, g))};
        for (int i = 0; i < GEOSGetNumInteriorRings_r(G, g); ++i)
            p.push_back(coordsOf(GEOSGetInteriorRingN_r(G, g, i)));
        out.push_back(std::move(p));
    } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(G, g); ++i) appendPolys(GEOSGetGeometryN_r(G, g, i), out);
    }  // points/lines left over by overlays carry no area: ignored
}
inline MPoly toMPoly(const GEOSGeometry* g) {
    MPoly m;
    appendPolys(g, m);
    return m;
}

inline bool contains(const GEOSPreparedGeometry* p, Pt q) {
    GPtr pt = makePoint(q);
    return GEOSPreparedContains_r(G, p, pt.get()) == 1;
}
inline double area(const GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(G, g, &a);
    return a;
}  // square degrees
inline bool isValid(const MPoly& m) {
    GPtr g = makeMPoly(m);
    return GEOSisValid_r(G, g.get()) == 1;
}

inline double signedArea2(const Ring& r) {  // shoelace, > 0 for counter-clockwise
    double s = 0;
    for (std::size_t i = 0; i + 1 < r.size(); ++i) s += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return s;
}
// Snap every vertex to the 6-decimal grid of the output files, drop repeated
// vertices and orient rings as RFC 7946 asks (exterior counter-clockwise,
// holes clockwise). Neighbours share bit-identical vertices before snapping,
// so they still do afterwards: the tiling keeps no gaps and no overlaps.
inline MPoly snapped(const MPoly& m) {
    MPoly out;
    for (const Poly& p : m) {
        Poly q;
        for (std::size_t k = 0; k < p.size(); ++k) {
            Ring r;
            for (Pt v : p[k]) {
                Pt s{round6(v.x), round6(v.y)};
                if (r.empty() || s.x != r.back().x || s.y != r.back().y) r.push_back(s);
            }
            if (r.size() < 4) fail("ring collapsed when snapping to 6 decimals");
            if ((signedArea2(r) > 0) != (k == 0)) std::reverse(r.begin(), r.end());
            q.push_back(std::move(r));
        }
        out.push_back(std::move(q));
    }
    return out;
}
inline MPoly unionOf(const std::vector<const MPoly*>& parts) {
    std::vector<GPtr> gs;
    for (const MPoly* m : parts) gs.push_back(makeMPoly(*m));
    GPtr all = makeCollection(gs, GEOS_GEOMETRYCOLLECTION);
    return snapped(toMPoly(own(GEOSUnaryUnion_r(G, all.get())).get()));
}

// --- province outline ---------------------------------------------------------
// A star-shaped polygon: the radius around kCentre is 1 + a sum of random
// harmonics with amplitude ~1/h (a rough, fractal-looking border). Star-shaped
// with radius > 0 means the ring is simple by construction. Spans about
// 1.4° (lon) × 1.1° (lat); invented, not any real boundary.
inline Ring makeOutline(Rng& r) {
    const double rx = 0.70, ry = 0.49;  // degrees
    std::vector<double> amp, phase;
    for (int h = 1; h <= 60; ++h) {
        amp.push_back((h == 1 ? 0.04 : 0.34 / std::pow(h, 1.1)) * r.uniform(0.5, 1.0));
        phase.push_back(r.uniform(0, 2 * kPi));
    }
    Ring ring;
    const int n = 400;
    for (int k = 0; k < n; ++k) {
        double t = 2 * kPi * k / n, rad = 1;
        for (std::size_t h = 0; h < amp.size(); ++h) rad += amp[h] * std::cos(double(h + 1) * t + phase[h]);
        rad = std::max(rad, 0.45);
        ring.push_back({round6(kCentre.x + rx * rad * std::cos(t)), round6(kCentre.y + ry * rad * std::sin(t))});
    }
    ring.push_back(ring.front());
    return ring;
}

// --- communes -------------------------------------------------------------------
// Seeds by dart throwing (Poisson disk): random points at least d apart and at
// least 0.02° inside the border, so cells are irregular but none is a sliver.
inline std::vector<Pt> makeSeeds(Rng& r, const GEOSGeometry* prov, int n) {
    GPtr inner = own(GEOSBuffer_r(G, prov, -0.02, 8));
    PPtr pin(GEOSPrepare_r(G, inner.get()));
    double x0, x1, y0, y1;
    GEOSGeom_getXMin_r(G, prov, &x0);
    GEOSGeom_getXMax_r(G, prov, &x1);
    GEOSGeom_getYMin_r(G, prov, &y0);
    GEOSGeom_getYMax_r(G, prov, &y1);
    double d = 0.8 * std::sqrt(area(prov) / n);
    std::vector<Pt> seeds;
    for (int misses = 0; int(seeds.size()) < n;) {
        Pt p{r.uniform(x0, x1), r.uniform(y0, y1)};
        if (!contains(pin.get(), p)) continue;
        bool ok = true;
        for (Pt s : seeds) ok = ok && dist(p, s) >= d;
        if (ok) {
            seeds.push_back(p);
            misses = 0;
        } else if (++misses > 4000) {  // too crowded: relax the spacing
            d *= 0.97;
            misses = 0;
        }
    }
    return seeds;
}

// Midpoint displacement: appends the points strictly between a and b. Offsets
// are capped (amp × min(len, 0.05°) per level, shrinking with the segment) so
// a noisy edge stays well away from the seeds and, normally, from other edges.
inline void displace(Rng& r, Pt a, Pt b, double amp, Line& out) {
    double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len < 0.007) return;  // ~750 m: enough detail, keeps files small
    double off = r.uniform(-1, 1) * amp * std::min(len, 0.05);
    Pt m{(a.x + b.x) / 2 - dy / len * off, (a.y + b.y) / 2 + dx / len * off};
    displace(r, a, m, amp, out);
    out.push_back(m);
    displace(r, m, b, amp, out);
}

// Communes = Voronoi cells of the seeds, clipped to the province. Instead of
// intersecting each cell on its own (which computes every shared edge twice and
// cannot add shared noise), each Voronoi EDGE is made wiggly once, the edges
// and the province border are noded together (GEOSUnaryUnion) and
// polygonized; faces inside the province are the clipped cells. Neighbours thus
// share identical vertices: no gaps, no overlaps, union = province. Faces with
// no seed (the border can cut a cell in two; wiggly edges may cross near a
// vertex) are merged into the neighbour sharing the longest border. If a face
// holds two seeds the noise is too strong: retry with less.
inline std::vector<MPoly> makeCommunes(Rng& r, const Ring& outline, const std::vector<Pt>& seeds) {
    GPtr prov = makePoly({outline});
    PPtr pprov(GEOSPrepare_r(G, prov.get()));
    std::vector<GPtr> pts;
    for (Pt s : seeds) pts.push_back(makePoint(s));
    GPtr mp = makeCollection(pts, GEOS_MULTIPOINT);
    GPtr edges = own(GEOSVoronoiDiagram_r(G, mp.get(), prov.get(), 0.0, 1));
    const std::size_t n = seeds.size();

    for (double amp = 0.24; amp > 0.01; amp *= 0.7) {
        std::vector<GPtr> lines;
        for (int i = 0; i < GEOSGetNumGeometries_r(G, edges.get()); ++i) {
            Line l = coordsOf(GEOSGetGeometryN_r(G, edges.get(), i)), w{l[0]};
            for (std::size_t k = 1; k < l.size(); ++k) {
                displace(r, l[k - 1], l[k], amp, w);
                w.push_back(l[k]);
            }
            lines.push_back(makeLine(w));
        }
        lines.push_back(makeLine(outline));
        GPtr all = makeCollection(lines, GEOS_MULTILINESTRING);
        GPtr noded = own(GEOSUnaryUnion_r(G, all.get()));
        const GEOSGeometry* in[] = {noded.get()};
        GPtr faces = own(GEOSPolygonize_r(G, in, 1));

        std::vector<GPtr> cell(n);
        std::vector<GPtr> orphans;
        bool ok = true;
        for (int i = 0; ok && i < GEOSGetNumGeometries_r(G, faces.get()); ++i) {
            const GEOSGeometry* f = GEOSGetGeometryN_r(G, faces.get(), i);
            GPtr inside = own(GEOSPointOnSurface_r(G, f));
            if (!GEOSPreparedContains_r(G, pprov.get(), inside.get())) continue;  // outside the province
            PPtr pf(GEOSPrepare_r(G, f));
            int owner = -1, count = 0;
            for (std::size_t s = 0; s < n; ++s)
                if (contains(pf.get(), seeds[s])) {
                    owner = int(s);
                    ++count;
                }
            if (count > 1)
                ok = false;
            else if (count == 0)
                orphans.push_back(own(GEOSGeom_clone_r(G, f)));
            else
                cell[std::size_t(owner)] = own(GEOSGeom_clone_r(G, f));
        }
        for (const GPtr& c : cell) ok = ok && c != nullptr;
        while (ok && !orphans.empty()) {
            bool progress = false;
            for (auto it = orphans.begin(); it != orphans.end();) {
                GPtr ob = own(GEOSBoundary_r(G, it->get()));
                int best = -1;
                double bestLen = 0;
                for (std::size_t c = 0; c < n; ++c) {
                    if (GEOSIntersects_r(G, it->get(), cell[c].get()) != 1) continue;
                    GPtr cb = own(GEOSBoundary_r(G, cell[c].get()));
                    GPtr shared = own(GEOSIntersection_r(G, ob.get(), cb.get()));
                    double len = 0;
                    GEOSLength_r(G, shared.get(), &len);
                    if (len > bestLen) {
                        bestLen = len;
                        best = int(c);
                    }
                }
                if (best < 0) {
                    ++it;
                    continue;
                }  // touches only other orphans: next pass
                std::vector<GPtr> pair;
                pair.push_back(std::move(cell[std::size_t(best)]));
                pair.push_back(std::move(*it));
                GPtr both = makeCollection(pair, GEOS_GEOMETRYCOLLECTION);
                cell[std::size_t(best)] = own(GEOSUnaryUnion_r(G, both.get()));
                it = orphans.erase(it);
                progress = true;
            }
            ok = progress;
        }
        if (!ok) continue;
        std::vector<MPoly> out;
        for (std::size_t c = 0; ok && c < n; ++c) {
            MPoly m = snapped(toMPoly(cell[c].get()));
            ok = m.size() == 1 && isValid(m);  // one connected, valid polygon per commune
            out.push_back(std::move(m));
        }
        if (ok) return out;
    }
    fail("could not build a valid commune tiling");
}

// --- districts ------------------------------------------------------------------
// k-means (Lloyd) over commune seeds, from one start near the centre and k-1
// on a jittered ring. Retried with new starts until every district has at
// least minSize communes and is one polygon without holes (contiguous, no
// enclaves). Returns the district index of each commune.
inline std::vector<int> groupDistricts(Rng& r, const std::vector<Pt>& seeds, const std::vector<MPoly>& communes, int k,
                                       int minSize) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        std::vector<Pt> c{{kCentre.x + r.uniform(-0.05, 0.05), kCentre.y + r.uniform(-0.05, 0.05)}};
        double a0 = r.uniform(0, 2 * kPi);
        for (int i = 1; i < k; ++i) {
            double a = a0 + 2 * kPi * i / (k - 1) + r.uniform(-0.2, 0.2);
            c.push_back({kCentre.x + 0.45 * std::cos(a), kCentre.y + 0.36 * std::sin(a)});
        }
        std::vector<int> of(seeds.size());
        for (int it = 0; it < 8; ++it) {
            for (std::size_t s = 0; s < seeds.size(); ++s) {
                int best = 0;
                for (int j = 1; j < k; ++j)
                    if (dist(seeds[s], c[std::size_t(j)]) < dist(seeds[s], c[std::size_t(best)])) best = j;
                of[s] = best;
            }
            for (int j = 0; j < k; ++j) {
                Pt sum{0, 0};
                int cnt = 0;
                for (std::size_t s = 0; s < seeds.size(); ++s)
                    if (of[s] == j) {
                        sum.x += seeds[s].x;
                        sum.y += seeds[s].y;
                        ++cnt;
                    }
                if (cnt) c[std::size_t(j)] = {sum.x / cnt, sum.y / cnt};
            }
        }
        bool ok = true;
        for (int j = 0; ok && j < k; ++j) {
            std::vector<const MPoly*> mine;
            for (std::size_t s = 0; s < seeds.size(); ++s)
                if (of[s] == j) mine.push_back(&communes[s]);
            if (int(mine.size()) < minSize) {
                ok = false;
                break;
            }
            MPoly u = unionOf(mine);
            ok = u.size() == 1 && u[0].size() == 1;
        }
        if (ok) return of;
    }
    fail("could not group communes into districts");
}

// --- rivers -------------------------------------------------------------------
struct River {
    Line pts;   // inside the province only
    int order;  // 1 = main river (a road runs along it), 2 = tributary, 3 = stream
};
// A meandering random walk heading for `target`, with an AR(1) wobble on the
// heading; steps of 0.006° (~650 m). Stops on reaching the target, after
// leaving the province (having been inside) or after maxSteps; only the
// inside part is kept.
inline Line walk(Rng& r, Pt p, Pt target, int maxSteps, const GEOSPreparedGeometry* prov) {
    Line out;
    double wobble = 0;
    for (int i = 0; i < maxSteps && dist(p, target) > 0.006; ++i) {
        bool in = contains(prov, p);
        if (in)
            out.push_back(p);
        else if (!out.empty())
            break;
        wobble = 0.8 * wobble + r.normal(0, 0.35);
        double h = std::atan2(target.y - p.y, (target.x - p.x) * kLonScale) + wobble;
        p = {p.x + 0.006 * std::cos(h) / kLonScale, p.y + 0.006 * std::sin(h)};
    }
    return out;
}
// Four main rivers cross the province and tributaries branch off them. Then
// every commune that no water course reaches yet gets a stream from its far
// side down to the nearest river, so the valley network (where villages sit)
// covers the whole province like a real drainage tree.
inline std::vector<River> makeRivers(Rng& r, const GEOSPreparedGeometry* prov, const std::vector<MPoly>& communes) {
    std::vector<River> rivers;
    double a0 = r.uniform(0, 2 * kPi);
    for (int i = 0; i < 4; ++i) {
        double a = a0 + 2 * kPi * i / 4 + r.uniform(-0.3, 0.3), b = a + kPi + r.uniform(-0.8, 0.8);
        Pt from{kCentre.x + 0.95 * std::cos(a), kCentre.y + 0.75 * std::sin(a)};
        Pt to{kCentre.x + 1.1 * std::cos(b), kCentre.y + 0.9 * std::sin(b)};
        Line l = walk(r, from, to, 600, prov);
        if (l.size() > 20) rivers.push_back({l, 1});
    }
    for (int made = 0, tries = 0; made < 16 && tries < 800; ++tries) {  // tributaries
        const Line& pl = rivers[std::size_t(r.integer(0, int(rivers.size()) - 1))].pts;
        std::size_t at = std::size_t(r.integer(1, int(pl.size()) - 2));
        double h = std::atan2(pl[at + 1].y - pl[at - 1].y, (pl[at + 1].x - pl[at - 1].x) * kLonScale);
        h += (r.chance(0.5) ? 1 : -1) * r.uniform(0.9, 1.7);
        double len = r.uniform(0.2, 0.45);
        Pt to{pl[at].x + len * std::cos(h) / kLonScale, pl[at].y + len * std::sin(h)};
        Line l = walk(r, pl[at], to, int(len / 0.006), prov);
        if (l.size() < 8) continue;
        rivers.push_back({l, 2});
        ++made;
    }
    std::vector<std::size_t> order(communes.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    r.shuffle(order);
    for (std::size_t c : order) {
        GPtr g = makeMPoly(communes[c]);
        PPtr pc(GEOSPrepare_r(G, g.get()));
        int wet = 0;
        for (const River& rv : rivers)
            for (Pt p : rv.pts) wet += contains(pc.get(), p);
        if (wet >= 6) continue;
        // Source: of a few random points in the commune, the one farthest from
        // any river; mouth: the nearest river vertex.
        double x0, x1, y0, y1;
        GEOSGeom_getXMin_r(G, g.get(), &x0);
        GEOSGeom_getXMax_r(G, g.get(), &x1);
        GEOSGeom_getYMin_r(G, g.get(), &y0);
        GEOSGeom_getYMax_r(G, g.get(), &y1);
        Pt src{}, mouth{};
        double best = -1;
        for (int k = 0; k < 8;) {
            Pt p{r.uniform(x0, x1), r.uniform(y0, y1)};
            if (!contains(pc.get(), p)) continue;
            ++k;
            Pt m{};
            double d = 1e9;
            for (const River& rv : rivers)
                for (Pt q : rv.pts)
                    if (dist(p, q) < d) {
                        d = dist(p, q);
                        m = q;
                    }
            if (d > best) {
                best = d;
                src = p;
                mouth = m;
            }
        }
        Line l = walk(r, src, mouth, 200, prov);
        if (l.size() >= 3) rivers.push_back({l, 3});
    }
    return rivers;
}

// --- village sites --------------------------------------------------------------
struct Site {
    Pt p;
    std::size_t commune;
    int order;
};

// ~`target` village sites: along river segments (weighted by length and river
// order) with perpendicular scatter of ~750 m, at least 0.004° (~450 m) apart,
// at most 20 per commune. Communes the valleys miss get villages along a short
// local stream from an interior point, so each has at least 3.
inline std::vector<Site> placeVillages(Rng& r, const std::vector<River>& rivers, const std::vector<MPoly>& communes,
                                       int target) {
    std::vector<GPtr> geoms;
    std::vector<PPtr> prep;
    for (const MPoly& m : communes) {
        geoms.push_back(makeMPoly(m));
        prep.emplace_back(GEOSPrepare_r(G, geoms.back().get()));
    }
    std::vector<int> perCommune(communes.size(), 0);
    std::vector<Site> sites;
    auto locate = [&](Pt p) -> int {
        for (std::size_t c = 0; c < prep.size(); ++c)
            if (contains(prep[c].get(), p)) return int(c);
        return -1;
    };
    auto tryAdd = [&](Pt p, int order, int onlyCommune, double minGap) {
        p = {round6(p.x), round6(p.y)};  // test the coordinates exactly as written
        for (const Site& s : sites)
            if (dist(s.p, p) < minGap) return false;
        int c = onlyCommune >= 0 ? (contains(prep[std::size_t(onlyCommune)].get(), p) ? onlyCommune : -1) : locate(p);
        if (c < 0 || perCommune[std::size_t(c)] >= 20) return false;
        sites.push_back({p, std::size_t(c), order});
        ++perCommune[std::size_t(c)];
        return true;
    };
    struct Seg {
        Pt a, b;
        int order;
    };
    std::vector<Seg> segs;
    std::vector<double> cum;
    double total = 0;
    for (const River& rv : rivers)
        for (std::size_t i = 1; i < rv.pts.size(); ++i) {
            segs.push_back({rv.pts[i - 1], rv.pts[i], rv.order});
            total += dist(rv.pts[i - 1], rv.pts[i]) * (rv.order == 1 ? 1.2 : 1.0);
            cum.push_back(total);
        }
    auto alongValleys = [&](int upTo) {
        for (int tries = 0; int(sites.size()) < upTo; ++tries) {
            if (tries > 1000000) fail("valleys are full: cannot place more villages");
            std::size_t i = std::size_t(std::upper_bound(cum.begin(), cum.end(), r.uniform() * total) - cum.begin());
            const Seg& s = segs[std::min(i, segs.size() - 1)];
            double t = r.uniform(), dx = (s.b.x - s.a.x) * kLonScale, dy = s.b.y - s.a.y, len = std::hypot(dx, dy);
            double off = r.normal(0, 0.007);  // across the valley, degrees
            Pt p{s.a.x + t * (s.b.x - s.a.x) - dy / len * off / kLonScale,
                 s.a.y + t * (s.b.y - s.a.y) + dx / len * off};
            tryAdd(p, s.order, -1, 0.004);
        }
    };
    alongValleys(target - 40);
    for (std::size_t c = 0; c < communes.size(); ++c) {
        int want = 3 + r.integer(0, 2);
        if (perCommune[c] >= 3) continue;
        GPtr inner = own(GEOSPointOnSurface_r(G, geoms[c].get()));
        double x, y;
        GEOSGeomGetX_r(G, inner.get(), &x);
        GEOSGeomGetY_r(G, inner.get(), &y);
        Pt p{x, y};
        double h = r.uniform(0, 2 * kPi);
        for (int tries = 0; perCommune[c] < want; ++tries) {
            if (tries > 20000) fail("cannot place villages in a commune");
            h += r.normal(0, 0.3);
            Pt q{p.x + 0.004 * std::cos(h) / kLonScale, p.y + 0.004 * std::sin(h)};
            if (!contains(prep[c].get(), q)) {
                q = {x, y};
                h = r.uniform(0, 2 * kPi);
            }  // back to the start
            p = q;
            tryAdd({p.x + r.normal(0, 0.002), p.y + r.normal(0, 0.002)}, 3, int(c), tries < 5000 ? 0.004 : 0.002);
        }
    }
    alongValleys(target);
    return sites;
}

}  // namespace demo
