// Point symbols made ready for drawing, once: projected to Web Mercator, thinned per zoom band
// (where points are denser than a few pixels, the one with the highest priority per cell is kept,
// e.g. the most populous village) and grouped into grid tiles for culling. Plain CPU data.
#pragma once
#include <cstdint>
#include <memory>
#include <functional>
#include <mutex>
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

class PointGeometry {
public:
    float maxRadiusPx = 0;
    // Valid once bands() has returned (the points may be made on first use):
    MercatorXY origin;
    MercatorBox box;
    size_t sourceCount = 0;

    // [0] every point; coarser bands thinned. Made on first use.
    const std::vector<PointBand>& bands() const;
    size_t bandFor(double metresPerPixel) const;

private:
    friend std::shared_ptr<const PointGeometry> preparePoints(std::vector<PointItem>, double, double);
    friend std::shared_ptr<const PointGeometry> preparePointsLater(std::function<std::vector<PointItem>()>, float, double, double);
    mutable std::vector<PointItem> items_;
    std::function<std::vector<PointItem>()> makeItems_;
    double cellPx_ = 3, maxMpp_ = 1e300;
    mutable std::once_flag once_;
    mutable std::vector<PointBand> bands_;
    void make() const;
};

// cellPx: thinning cell size in pixels at the band's finest scale. No band is made for scales
// coarser than maxMetresPerPixel (where the layer is not drawn).
std::shared_ptr<const PointGeometry> preparePoints(std::vector<PointItem> items, double cellPx = 3.0,
                                                   double maxMetresPerPixel = 1e300);
// The same, with the points made by `make` on first use (no symbol larger than maxRadiusPx).
std::shared_ptr<const PointGeometry> preparePointsLater(std::function<std::vector<PointItem>()> make, float maxRadiusPx,
                                                        double cellPx = 3.0, double maxMetresPerPixel = 1e300);

}  // namespace gapmap::render
