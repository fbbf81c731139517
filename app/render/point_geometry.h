// Point symbols made ready for drawing, once: projected to Web Mercator, thinned per zoom band
// (where points are denser than a few pixels, the one with the highest priority per cell is kept,
// e.g. the most populous village) and grouped into grid tiles for culling. Plain CPU data.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "render/area_geometry.h"
#include "render/style.h"

namespace gapmap::render {

struct PointItem {
    MercatorXY pos;        // Mercator metres (absolute)
    float radiusPx = 3;    // symbol radius in pixels (before the renderer's UI scale)
    Color fill;
    float priority = 0;    // kept first when thinning
};

// One point as the GPU reads it.
struct PointVertex {
    float x, y;         // metres relative to PointGeometry::origin
    float radiusPx;
    uint32_t rgba;      // Color::rgba8()
};

struct PointBand {
    double minMetresPerPixel = 0;
    std::vector<PointVertex> points;  // grouped by tile
    std::vector<TileRange> tiles;
    size_t count() const { return points.size(); }
};

struct PointGeometry {
    MercatorXY origin;
    MercatorBox box;
    float maxRadiusPx = 0;
    size_t sourceCount = 0;
    std::vector<PointBand> bands;  // [0] every point; coarser bands thinned

    size_t bandFor(double metresPerPixel) const;
};

// cellPx: thinning cell size in pixels at the band's finest scale.
std::shared_ptr<const PointGeometry> preparePoints(const std::vector<PointItem>& items, double cellPx = 3.0);

}  // namespace gapmap::render
