// Holes of the union of a set of polygons, found with GEOS from the polygons' unshared boundary
// lines: the lines are noded (borders digitised apart cross each other) and polygonized, and a
// face that no polygon covers is a hole of the union. Used after BoundaryRays: a hole too small to
// see on the overview of all features (the national census communes leave one about 5 km across)
// is a gap between features, and the lines around it are inner borders, not the outer edge.
// Mercator metres (any common origin); depends on GEOS and the standard library only; no GL.
#pragma once
#include <functional>
#include <vector>

#include "core/mercator.h"

namespace gapmap::render {

struct HoleLine {
    const std::vector<MercatorXY>* pts = nullptr;
    bool closed = false;
    bool candidate = false;  // asked about (the other lines only help to close the faces)
    bool ownerLeft = true;   // the owner's interior lies left of the line's direction
};

// For each line: whether it is a candidate lying on the boundary of a hole of the union whose box
// is under maxSizeM on both sides. `covered(p)` tells whether a polygon contains p.
std::vector<char> linesAroundSmallHoles(const std::vector<HoleLine>& lines, const std::function<bool(MercatorXY)>& covered,
                                        double maxSizeM);

}  // namespace gapmap::render
