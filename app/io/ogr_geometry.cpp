#include "io/ogr_geometry.h"

namespace gapmap {

std::unique_ptr<OGRMultiPolygon> toOgr(const MultiPolygon& area) {
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const Polygon& poly : area) {
        OGRPolygon polygon;
        for (const Ring& ring : poly.rings) {
            OGRLinearRing r;
            r.setNumPoints(static_cast<int>(ring.size()), FALSE);
            for (size_t i = 0; i < ring.size(); ++i) r.setPoint(static_cast<int>(i), ring[i].lonDeg, ring[i].latDeg);
            polygon.addRing(&r);
        }
        multi->addGeometry(&polygon);
    }
    return multi;
}

}  // namespace gapmap
