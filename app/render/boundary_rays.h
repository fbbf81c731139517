// Short rays cast outward from a feature's boundary, to tell the outer edge of a set of polygons
// (the boundary of their union) from the sliver gaps and overlaps between neighbours whose borders
// were digitised apart. A ray that meets another feature's boundary within the gap tolerance
// crosses a gap (or starts inside an overlap): the gap is closed, the border is an inner one. A ray
// that meets nothing leaves the union for good: that piece of boundary is the outer edge.
// This is a morphological closing of the union measured along the boundary's normals, computed on
// the segments the topology already holds (GEOS UnaryUnion plus a buffer closing of the 11,163
// communes of 2009 took 19 s + several minutes on the 2-core machine: far too slow for a render).
// Plain std code, Mercator metres (any common origin); no GL.
#pragma once
#include <cstdint>
#include <vector>

#include "core/mercator.h"

namespace gapmap::render {

class BoundaryRays {
public:
    void add(MercatorXY a, MercatorXY b, int feature);  // one boundary segment of `feature`
    void build();                                        // indexes the segments (call once, after add)
    // The feature, other than `owner`, whose boundary the ray from `from` along the unit direction
    // `dir` meets first within [-backM, lengthM] metres; -1 when it meets none.
    int cast(MercatorXY from, MercatorXY dir, double backM, double lengthM, int owner) const;

private:
    struct Segment {
        float ax, ay, bx, by;  // metres
        int feature;
    };
    std::vector<Segment> segments_;
    std::vector<uint32_t> cellStart_, cellSegments_;  // segments by grid cell (CSR)
    double minX_ = 0, minY_ = 0, cellM_ = 1;
    int nx_ = 1, ny_ = 1;
    int cellX(double x) const;
    int cellY(double y) const;
};

}  // namespace gapmap::render
