// Polygons made ready for drawing, once, when a scene is built: projected to Web Mercator, split
// into lines between junctions (a border two communes share exactly is one line: simplified once,
// drawn once; borders digitised differently on each side — common in real data — are merged into
// longer lines per ring so that simplification still works), classed (commune, district or outer
// boundary, by the feature across; outer only on the boundary of the union of all features once
// sliver gaps and small holes between them are closed, see boundary_rays.h and union_holes.h), simplified per zoom band (Douglas-Peucker), triangulated with
// the GLU tessellator, and grouped into grid tiles so that a frame draws only the tiles in view.
// Plain CPU data (no GL); the renderer uploads it.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/scene_cache_store.h"
#include "render/camera.h"

namespace gapmap::render {

// A contiguous range of indices (or points) whose features lie in `box` (Mercator metres).
struct TileRange {
    MercatorBox box;
    uint32_t first = 0;
    uint32_t count = 0;
};

// Line classes: which boundaries a line lies on. Outline layers draw lines of class >= theirs.
enum ArcClass : int { kArcCommune = 0, kArcDistrict = 1, kArcOuter = 2 };

struct AreaBand {
    double minMetresPerPixel = 0;  // the band is used from this scale up to the next band's
    double toleranceM = 0;         // Douglas-Peucker tolerance (0: the source vertices)
    // Fills: 4 floats per vertex (x, y in metres relative to AreaGeometry::origin, and the outward
    // miter offset used to widen the polygon by a fraction of a pixel so that neighbours simplified
    // apart leave no hairline gaps); the feature of each vertex.
    std::vector<float> fillVertex;
    std::vector<uint32_t> fillFeature;
    std::vector<uint32_t> fillIndex;  // triangles, grouped by tile
    std::vector<TileRange> fillTiles;
    // Outlines: 5 floats per vertex (x, y, miter nx, ny, side ±1); two vertices per line vertex.
    std::vector<float> lineVertex;
    std::vector<uint32_t> lineIndex[3];  // triangles of the lines of class >= c, grouped by tile
    std::vector<TileRange> lineTiles[3];
    // Features too small for a polygon at this band: one dot each (x, y, size in metres).
    std::vector<float> dotXYSize;
    std::vector<uint32_t> dotFeature;
    bool provisional = false;  // fills only, simplified ring by ring (see AreaGeometry::band)

    size_t triangleCount() const { return fillIndex.size() / 3; }
    // The fill vertex i as Mercator metres relative to the origin.
    MercatorXY fillXY(uint32_t i) const { return {fillVertex[4 * size_t(i)], fillVertex[4 * size_t(i) + 1]}; }
};

struct AreaFeatureInfo {
    MercatorBox box;
    MercatorXY labelPoint;  // inside the largest polygon, far from its edges (absolute metres)
    double areaM2 = 0;      // Mercator square metres
};

struct AreaInput {
    const MultiPolygon* area = nullptr;  // EPSG:4326; may be empty
    int district = -1;                   // group ids for line classes; -1 unknown
    int province = -1;
};

struct AreaOptions {
    double tolerancePx = 0.75;     // simplification error at the band's finest scale
    // When the zoom bands are computed: all before prepareAreas returns; each when first asked
    // for; when prepareAllBands() is called (e.g. by a background thread after the first frame),
    // with provisional bands until then; or on an own background thread started now.
    enum class Bands { Now, OnDemand, Deferred, Background };
    Bands bands = Bands::OnDemand;
    // Where the finished geometry may be found and kept (render/area_cache.h): when it holds data
    // made from exactly these inputs, prepareAreas reads that (no projection, no topology, each band
    // when first asked for) and the inputs must outlive the result (a band the cache fails to give
    // is rebuilt from them). Null: always built.
    std::shared_ptr<SceneCacheStore> cache;
};

class AreaGeometry {
public:
    MercatorXY origin;     // vertices are stored relative to it, as floats
    MercatorBox box;       // all features
    std::vector<AreaFeatureInfo> features;
    size_t sourceVertices = 0;
    // Line topology figures; valid once topologyReady().
    size_t arcs = 0, sharedArcs = 0, lines = 0;
    size_t linesOfClass[3] = {0, 0, 0};  // lines of class >= c

    AreaGeometry();  // defined where Source is complete
    ~AreaGeometry();
    size_t bandCount() const { return bands_.size(); }
    double bandMinMetresPerPixel(size_t b) const { return bands_[b].minMetresPerPixel; }
    double bandToleranceM(size_t b) const { return bands_[b].toleranceM; }  // known before the band is computed
    size_t bandFor(double metresPerPixel) const;     // the band meant for this scale

    bool topologyReady() const { return topologyReady_.load(std::memory_order_acquire); }
    bool bandReady(size_t b) const;                  // the full band (fills and boundaries)
    // The full band, computed now if needed. Only while the topology is still being built on the
    // background thread (AreaOptions::Bands::Background): a provisional band instead — fills
    // simplified ring by ring, no boundaries — so that a first frame never waits for it.
    const AreaBand& band(size_t b) const;
    // `b` when its full band is ready, else (only while bands are prepared in the background:
    // Bands::Deferred or Background) the nearest ready one (coarser first), else `b`.
    size_t readyBandNear(size_t b) const;
    void prepareAllBands() const;                    // topology, then every band, coarse to fine
    // The band meant for this scale, read from the scene cache or made now on the calling thread
    // (provisional while the topology is still to come), so that the frame that draws it does not
    // wait: the first frame's band is fetched on the thread that reads the project while the GL
    // context is made.
    void prefetch(double metresPerPixel) const;
    void cancel() const { stop_ = true; }            // prepareAllBands() stops after the current band
    // Grows whenever the topology or a full band becomes ready: a renderer redraws then.
    uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

    // The key of this geometry in a scene cache ("" when prepared without one); whether it was read
    // from the cache; how many bands were read from it so far (render/area_cache.h).
    const std::string& cacheKey() const { return cacheKey_; }
    bool fromCache() const { return cache_ != nullptr; }
    size_t bandsReadFromCache() const { return bandsRead_.load(std::memory_order_acquire); }
    // Frees band b's arrays when it was read from the cache (a one-off render has uploaded them:
    // RendererOptions::releaseCachedBands); a later band(b) reads the blob again. False, and nothing
    // freed, for a band made here.
    bool releaseCachedBand(size_t b) const;

    struct Source;  // what the bands are computed from (internal)

private:
    friend std::shared_ptr<const AreaGeometry> prepareAreas(const std::vector<AreaInput>&, const AreaOptions&);
    friend std::shared_ptr<const AreaGeometry> loadCachedAreas(const std::vector<AreaInput>&, const AreaOptions&, const std::string&);
    std::vector<AreaBand> bands_, provisional_;  // [0] the source geometry; coarser bands follow
    std::unique_ptr<Source> source_;
    mutable std::unique_ptr<std::atomic<bool>[]> ready_, provisionalReady_;
    mutable std::unique_ptr<std::mutex[]> bandMutex_;
    mutable std::mutex topologyMutex_;
    mutable std::atomic<bool> topologyReady_{false}, stop_{false};
    bool provisionalAllowed_ = false;  // Deferred or Background: band() does not wait for the topology
    mutable std::atomic<uint64_t> generation_{0};
    std::thread worker_;
    void ensureTopology() const;
    // Read from a scene cache (area_cache.cpp): no source_; bands come from cache_, or when it fails,
    // from a geometry rebuilt from inputs_.
    std::string cacheKey_;
    std::shared_ptr<const SceneCacheStore> cache_;
    std::vector<AreaInput> inputs_;
    AreaOptions rebuildOptions_;
    mutable std::shared_ptr<const AreaGeometry> rebuilt_;
    mutable std::once_flag rebuiltOnce_;
    mutable std::atomic<bool> cacheFailed_{false};
    mutable std::atomic<size_t> bandsRead_{0};
    const AreaBand& cachedBand(size_t b) const;
    void compute(size_t b, bool provisional) const;
};

// Builds the shared structure now and the zoom bands as `options.bands` says.
std::shared_ptr<const AreaGeometry> prepareAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options = {});

// A point well inside a polygon (rings in Mercator metres, holes excluded): the middle of the
// widest interior span among a few horizontal scan lines, centred vertically.
MercatorXY interiorPoint(const std::vector<std::vector<MercatorXY>>& rings);

}  // namespace gapmap::render
