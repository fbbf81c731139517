// Polygons made ready for drawing, once, when a scene is built: projected to Web Mercator,
// split into shared arcs (a border between two communes exists once, so simplification
// never opens gaps and the border is drawn once), simplified per zoom band (Douglas-Peucker
// on each arc), triangulated with the GLU tessellator, and grouped into grid tiles so that
// a frame draws only the tiles in view. Plain CPU data (no GL); the renderer uploads it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/model.h"
#include "render/camera.h"

namespace gapmap::render {

// A contiguous range of indices (or points) whose features lie in `box` (Mercator metres).
struct TileRange {
    MercatorBox box;
    uint32_t first = 0;
    uint32_t count = 0;
};

// Arc classes: which boundaries an arc lies on. Outline layers draw arcs of class >= theirs.
enum ArcClass : int { kArcCommune = 0, kArcDistrict = 1, kArcOuter = 2 };

struct AreaBand {
    double minMetresPerPixel = 0;  // the band is used from this scale up to the next band's
    double toleranceM = 0;         // Douglas-Peucker tolerance (0: the source vertices)
    // Fills: x, y per vertex in metres relative to AreaGeometry::origin; the feature of each vertex.
    std::vector<float> fillXY;
    std::vector<uint32_t> fillFeature;
    std::vector<uint32_t> fillIndex;  // triangles, grouped by tile
    std::vector<TileRange> fillTiles;
    // Outlines: 5 floats per vertex (x, y, miter nx, ny, side ±1); two vertices per arc vertex.
    std::vector<float> lineVertex;
    std::vector<uint32_t> lineIndex[3];  // triangles of the arcs of class >= c, grouped by tile
    std::vector<TileRange> lineTiles[3];
    // Features too small to keep a polygon at this tolerance: one dot each (x, y, size in metres).
    std::vector<float> dotXYSize;
    std::vector<uint32_t> dotFeature;

    size_t triangleCount() const { return fillIndex.size() / 3; }
};

struct AreaFeatureInfo {
    MercatorBox box;
    MercatorXY labelPoint;  // inside the largest polygon, far from its edges (absolute metres)
    double areaM2 = 0;      // Mercator square metres
};

struct AreaGeometry {
    MercatorXY origin;     // vertices are stored relative to it, as floats
    MercatorBox box;       // all features
    std::vector<AreaFeatureInfo> features;
    std::vector<AreaBand> bands;  // bands[0] holds the source geometry; coarser bands follow
    size_t arcs = 0, sharedArcs = 0, sourceVertices = 0;

    size_t bandFor(double metresPerPixel) const;
};

struct AreaInput {
    const MultiPolygon* area = nullptr;  // EPSG:4326; may be empty
    int district = -1;                   // group ids for arc classes; -1 unknown
    int province = -1;
};

struct AreaOptions {
    double tolerancePx = 0.75;  // simplification error at the band's finest scale
};

// Builds everything at once (the work is done here, never per frame).
std::shared_ptr<const AreaGeometry> prepareAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options = {});

// A point well inside a polygon (rings in Mercator metres, holes excluded): the middle of the
// widest interior span among a few horizontal scan lines, centred vertically.
MercatorXY interiorPoint(const std::vector<std::vector<MercatorXY>>& rings);

}  // namespace gapmap::render
