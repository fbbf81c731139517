#include "render/union_holes.h"

#include <geos_c.h>

#include <algorithm>
#include <cmath>

namespace gapmap::render {

std::vector<char> linesAroundSmallHoles(const std::vector<HoleLine>& lines, const std::function<bool(MercatorXY)>& covered,
                                        double maxSizeM) {
    std::vector<char> out(lines.size(), 0);
    if (std::none_of(lines.begin(), lines.end(), [](const HoleLine& l) { return l.candidate; })) return out;
    // One GEOS context per call, so that concurrent scenes never share one.
    struct Context {
        GEOSContextHandle_t h = GEOS_init_r();
        ~Context() { GEOS_finish_r(h); }
    } g;
    auto destroy = [&](GEOSGeometry* x) { if (x) GEOSGeom_destroy_r(g.h, x); };
    std::vector<GEOSGeometry*> parts;
    for (const HoleLine& l : lines) {
        const size_t n = l.pts->size();
        if (n < 2) continue;
        const size_t count = l.closed ? n + 1 : n;
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(g.h, unsigned(count), 2);
        for (size_t i = 0; i < count; ++i) GEOSCoordSeq_setXY_r(g.h, seq, unsigned(i), (*l.pts)[i % n].xM, (*l.pts)[i % n].yM);
        if (GEOSGeometry* line = GEOSGeom_createLineString_r(g.h, seq)) parts.push_back(line);
    }
    if (parts.empty()) return out;
    GEOSGeometry* all = GEOSGeom_createCollection_r(g.h, GEOS_MULTILINESTRING, parts.data(), unsigned(parts.size()));
    GEOSGeometry* noded = all ? GEOSNode_r(g.h, all) : nullptr;
    destroy(all);
    if (!noded) return out;
    const GEOSGeometry* nodedPtr = noded;
    GEOSGeometry* faces = GEOSPolygonize_r(g.h, &nodedPtr, 1);
    destroy(noded);
    if (!faces) return out;
    // The small faces no polygon covers.
    std::vector<GEOSGeometry*> holes;
    for (int i = 0, n = GEOSGetNumGeometries_r(g.h, faces); i < n; ++i) {
        const GEOSGeometry* face = GEOSGetGeometryN_r(g.h, faces, i);
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
        if (!GEOSGeom_getXMin_r(g.h, face, &minX) || !GEOSGeom_getYMin_r(g.h, face, &minY) ||
            !GEOSGeom_getXMax_r(g.h, face, &maxX) || !GEOSGeom_getYMax_r(g.h, face, &maxY))
            continue;
        if (maxX - minX >= maxSizeM || maxY - minY >= maxSizeM) continue;
        GEOSGeometry* inside = GEOSPointOnSurface_r(g.h, face);
        double x = 0, y = 0;
        const bool ok = inside && GEOSGeomGetX_r(g.h, inside, &x) && GEOSGeomGetY_r(g.h, inside, &y);
        destroy(inside);
        if (ok && !covered({x, y})) holes.push_back(GEOSGeom_clone_r(g.h, face));
    }
    destroy(faces);
    if (holes.empty()) return out;
    GEOSGeometry* holeSet = GEOSGeom_createCollection_r(g.h, GEOS_MULTIPOLYGON, holes.data(), unsigned(holes.size()));
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(g.h, holeSet);
    // A candidate borders a hole when points just outside it (away from its owner) lie in one: the
    // middles of the segments a quarter, half and three quarters along it, by majority.
    for (size_t k = 0; k < lines.size(); ++k) {
        const HoleLine& l = lines[k];
        const size_t n = l.pts->size(), segments = l.closed ? n : n - 1;
        if (!l.candidate || n < 2) continue;
        int votes = 0, probes = 0;
        for (size_t q = 1; q <= 3; ++q) {
            const size_t i = std::min(segments - 1, segments * q / 4);
            const MercatorXY a = (*l.pts)[i], b = (*l.pts)[(i + 1) % n];
            const double dx = b.xM - a.xM, dy = b.yM - a.yM, len = std::hypot(dx, dy);
            if (len == 0) continue;
            const double side = l.ownerLeft ? 1 : -1, stepM = std::min(2.0, len / 4);  // metres
            GEOSGeometry* p = GEOSGeom_createPointFromXY_r(g.h, (a.xM + b.xM) / 2 + side * dy / len * stepM, (a.yM + b.yM) / 2 - side * dx / len * stepM);
            ++probes;
            votes += GEOSPreparedContains_r(g.h, prepared, p) == 1;
            destroy(p);
        }
        out[k] = probes > 0 && 2 * votes > probes;
    }
    GEOSPreparedGeom_destroy_r(g.h, prepared);
    destroy(holeSet);
    return out;
}

}  // namespace gapmap::render
