// Polygon triangulation with the GLU tessellator (SGI libtess, a maintained part of Mesa's GLU):
// holes, multipolygons and self-touching rings work; crossing edges get new vertices.
// Coordinates are plain doubles (gapmap uses Mercator metres relative to a scene origin).
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/mercator.h"

namespace gapmap::render {

using MercRing = std::vector<MercatorXY>;  // closing vertex optional

class Tessellator {
public:
    Tessellator();
    ~Tessellator();
    Tessellator(const Tessellator&) = delete;
    Tessellator& operator=(const Tessellator&) = delete;

    // Triangulates one polygon (outer ring and holes, any orientation; the odd winding rule
    // decides what is inside). Appends vertices to `vertices` and triangles (3 indices into
    // `vertices` each) to `triangles`. Returns false when GLU reports an error (nothing appended).
    bool triangulate(const std::vector<const MercRing*>& rings, std::vector<MercatorXY>& vertices,
                     std::vector<uint32_t>& triangles);

    struct State;  // GLU callbacks reach it through the polygon data pointer

private:
    std::unique_ptr<State> state_;
};

// Convenience: triangles of a polygon as their own vertex list (3 per triangle).
std::vector<MercatorXY> triangulatePolygon(const std::vector<MercRing>& rings);
// Signed area of a ring (counter-clockwise positive), and the area covered by triangles.
double ringArea(const MercRing& ring);
double trianglesArea(const std::vector<MercatorXY>& threePerTriangle);

}  // namespace gapmap::render
