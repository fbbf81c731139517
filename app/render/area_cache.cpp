#include "render/area_cache.h"

#include <bit>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include <zlib.h>

namespace gapmap::render {
namespace {

constexpr uint32_t kHeaderMagic = 0x48534D47;  // "GMSH" read as little-endian bytes
constexpr uint32_t kBandMagic = 0x42534D47;    // "GMSB"
constexpr int kHeaderPart = -1;

static_assert(std::endian::native == std::endian::little || std::endian::native == std::endian::big);
static_assert(sizeof(TileRange) == 40 && std::is_trivially_copyable_v<TileRange>, "TileRange is stored raw");
static_assert(sizeof(AreaFeatureInfo) == 56 && std::is_trivially_copyable_v<AreaFeatureInfo>, "AreaFeatureInfo is stored raw");

// A fast 128-bit hash of bytes (two multiply-rotate lanes, then a murmur finaliser): enough to
// tell whether the data changed, not meant against an adversary. Debian ships no xxhash header.
class Hash {
public:
    void bytes(const void* data, size_t size) {
        const char* p = static_cast<const char*>(data);
        size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            word(w);
        }
        if (i < size) {
            uint64_t w = 0;
            std::memcpy(&w, p + i, size - i);
            word(w ^ (uint64_t(size - i) << 56));
        }
    }
    template <class T>
    void value(const T& v) { static_assert(std::is_trivially_copyable_v<T>); bytes(&v, sizeof v); }
    void word(uint64_t w) {
        a_ = std::rotl((a_ ^ w) * 0x87c37b91114253d5ULL, 27) + 0x52dce729;
        b_ = std::rotl((b_ + w) * 0x4cf5ad432745937fULL, 31) ^ 0x38495ab5;
        ++n_;
    }
    std::pair<uint64_t, uint64_t> finish() const {
        uint64_t a = a_ ^ n_, b = b_ ^ (n_ << 1);
        a += b;
        b += a;
        a = mix(a);
        b = mix(b);
        a += b;
        b += a;
        return {a, b};
    }

private:
    uint64_t a_ = 0x9E3779B97F4A7C15ULL, b_ = 0xC2B2AE3D27D4EB4FULL, n_ = 0;
    static uint64_t mix(uint64_t x) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        return x ^ (x >> 33);
    }
};

uint64_t checksum(std::string_view payload) {
    Hash h;
    h.bytes(payload.data(), payload.size());
    return h.finish().first;
}

// Blob: magic, format, stored length, checksum of the stored bytes, raw length (0: stored as is, else
// zlib-deflated from that many bytes), then the payload. Payloads over kDeflateAboveBytes are deflated
// at level 1: the fine bands (25 MB for the finest national one) shrink to 0.44, so that the cache does
// not triple a national project file; the coarse bands a whole-country picture reads stay raw. The
// header is reserved first and filled in at the end, so that a raw band's bytes exist once.
constexpr size_t kHeaderBytes = 32, kDeflateAboveBytes = size_t(1) << 20;

class Writer {
public:
    Writer() : blob_(kHeaderBytes, '\0') {}
    template <class T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        blob_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    template <class T>
    void putArray(const std::vector<T>& v) {
        put(uint64_t(v.size()));
        if (!v.empty()) blob_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    std::string blob(uint32_t magic) {
        uint64_t raw = blob_.size() - kHeaderBytes, rawField = 0;
        if (raw > kDeflateAboveBytes) {
            std::string out(kHeaderBytes + compressBound(uLong(raw)), '\0');
            uLongf size = uLongf(out.size() - kHeaderBytes);
            if (compress2(reinterpret_cast<Bytef*>(out.data() + kHeaderBytes), &size,
                          reinterpret_cast<const Bytef*>(blob_.data() + kHeaderBytes), uLong(raw), 1) == Z_OK) {
                out.resize(kHeaderBytes + size);
                blob_ = std::move(out);
                rawField = raw;
            }
        }
        const uint64_t stored = blob_.size() - kHeaderBytes, sum = checksum(std::string_view(blob_).substr(kHeaderBytes));
        std::memcpy(blob_.data(), &magic, 4);
        std::memcpy(blob_.data() + 4, &kAreaCacheFormat, 4);
        std::memcpy(blob_.data() + 8, &stored, 8);
        std::memcpy(blob_.data() + 16, &sum, 8);
        std::memcpy(blob_.data() + 24, &rawField, 8);
        return std::move(blob_);
    }

private:
    std::string blob_;
};

class Reader {
public:
    // False unless `blob` has this magic and format and its payload is whole and unchanged.
    bool open(std::string_view blob, uint32_t magic) {
        if (blob.size() < kHeaderBytes) return false;
        uint32_t m, format;
        uint64_t stored, sum, raw;
        std::memcpy(&m, blob.data(), 4);
        std::memcpy(&format, blob.data() + 4, 4);
        std::memcpy(&stored, blob.data() + 8, 8);
        std::memcpy(&sum, blob.data() + 16, 8);
        std::memcpy(&raw, blob.data() + 24, 8);
        if (m != magic || format != kAreaCacheFormat || stored != blob.size() - kHeaderBytes) return false;
        rest_ = blob.substr(kHeaderBytes);
        if (checksum(rest_) != sum) return false;
        if (raw == 0) return true;
        if (raw > (uint64_t(1) << 34)) return false;  // 16 GB: no band is near that
        inflated_.resize(raw);
        uLongf size = uLongf(raw);
        if (uncompress(reinterpret_cast<Bytef*>(inflated_.data()), &size, reinterpret_cast<const Bytef*>(rest_.data()), uLong(rest_.size())) != Z_OK ||
            size != raw)
            return false;
        rest_ = inflated_;
        return true;
    }
    template <class T>
    bool get(T& v) {
        if (rest_.size() < sizeof v) return false;
        std::memcpy(&v, rest_.data(), sizeof v);
        rest_.remove_prefix(sizeof v);
        return true;
    }
    template <class T>
    bool getArray(std::vector<T>& v) {
        uint64_t n;
        if (!get(n) || n > rest_.size() / sizeof(T)) return false;
        v.resize(n);
        if (n > 0) std::memcpy(v.data(), rest_.data(), n * sizeof(T));  // an empty vector's data() may be null
        rest_.remove_prefix(n * sizeof(T));
        return true;
    }
    bool done() const { return rest_.empty(); }

private:
    std::string_view rest_;
    std::string inflated_;
};

bool below(const std::vector<uint32_t>& values, size_t limit) {
    for (uint32_t v : values)
        if (v >= limit) return false;
    return true;
}

bool tilesWithin(const std::vector<TileRange>& tiles, size_t size) {
    for (const TileRange& t : tiles)
        if (size_t(t.first) + t.count > size) return false;
    return true;
}

}  // namespace

std::string areaCacheKey(const std::vector<AreaInput>& inputs, const AreaOptions& options) {
    Hash h;
    h.value(kAreaCacheFormat);
    h.bytes(kAreaCodeHash, std::strlen(kAreaCodeHash));
    h.value(options.tolerancePx);
    h.value(uint64_t(inputs.size()));
    for (const AreaInput& in : inputs) {
        h.value(int64_t(in.district));
        h.value(int64_t(in.province));
        const uint64_t polygons = in.area ? in.area->size() : 0;
        h.value(polygons);
        for (uint64_t p = 0; p < polygons; ++p) {
            const Polygon& poly = (*in.area)[p];
            h.value(uint64_t(poly.rings.size()));
            for (const Ring& ring : poly.rings) {
                h.value(uint64_t(ring.size()));
                static_assert(sizeof(LonLat) == 16);
                h.bytes(ring.data(), ring.size() * sizeof(LonLat));
            }
        }
    }
    const auto [a, b] = h.finish();
    char text[40];
    std::snprintf(text, sizeof text, "areas-%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    return text;
}

std::string encodeAreaBand(const AreaBand& band) {
    Writer w;
    w.putArray(band.fillVertex);
    w.putArray(band.fillFeature);
    w.putArray(band.fillIndex);
    w.putArray(band.fillTiles);
    w.putArray(band.lineVertex);
    for (int c = 0; c < 3; ++c) {
        w.putArray(band.lineIndex[c]);
        w.putArray(band.lineTiles[c]);
    }
    w.putArray(band.dotXYSize);
    w.putArray(band.dotFeature);
    return w.blob(kBandMagic);
}

bool decodeAreaBand(std::string_view blob, size_t featureCount, AreaBand& band) {
    Reader r;
    if (!r.open(blob, kBandMagic)) return false;
    bool ok = r.getArray(band.fillVertex) && r.getArray(band.fillFeature) && r.getArray(band.fillIndex) &&
              r.getArray(band.fillTiles) && r.getArray(band.lineVertex);
    for (int c = 0; c < 3 && ok; ++c) ok = r.getArray(band.lineIndex[c]) && r.getArray(band.lineTiles[c]);
    ok = ok && r.getArray(band.dotXYSize) && r.getArray(band.dotFeature) && r.done();
    if (!ok) return false;
    // Whatever a blob says, nothing may index past its arrays (a GL draw would read out of bounds).
    const size_t fills = band.fillVertex.size() / 4, lineVertices = band.lineVertex.size() / 5, dots = band.dotXYSize.size() / 3;
    ok = band.fillVertex.size() % 4 == 0 && band.fillFeature.size() == fills && below(band.fillFeature, featureCount) &&
         band.fillIndex.size() % 3 == 0 && below(band.fillIndex, fills) && tilesWithin(band.fillTiles, band.fillIndex.size()) &&
         band.lineVertex.size() % 5 == 0 && band.dotXYSize.size() % 3 == 0 && band.dotFeature.size() == dots &&
         below(band.dotFeature, featureCount);
    for (int c = 0; c < 3 && ok; ++c)
        ok = band.lineIndex[c].size() % 3 == 0 && below(band.lineIndex[c], lineVertices) &&
             tilesWithin(band.lineTiles[c], band.lineIndex[c].size());
    band.provisional = false;
    return ok;
}

std::shared_ptr<const AreaGeometry> loadCachedAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options,
                                                    const std::string& key) {
    const std::optional<std::string> blob = options.cache->read(key, kHeaderPart);
    if (!blob) return nullptr;
    Reader r;
    if (!r.open(*blob, kHeaderMagic)) return nullptr;
    auto geo = std::make_shared<AreaGeometry>();
    uint64_t sourceVertices, arcs, sharedArcs, lines, linesOfClass[3], bands;
    bool ok = r.get(geo->origin) && r.get(geo->box) && r.get(sourceVertices) && r.get(arcs) && r.get(sharedArcs) &&
              r.get(lines) && r.get(linesOfClass) && r.get(bands) && bands >= 1 && bands <= 64;
    if (!ok) return nullptr;
    geo->bands_.resize(bands);
    for (AreaBand& band : geo->bands_) ok = ok && r.get(band.minMetresPerPixel) && r.get(band.toleranceM);
    ok = ok && r.getArray(geo->features) && r.done() && geo->features.size() == inputs.size();
    if (!ok) return nullptr;
    geo->sourceVertices = sourceVertices;
    geo->arcs = arcs;
    geo->sharedArcs = sharedArcs;
    geo->lines = lines;
    for (int c = 0; c < 3; ++c) geo->linesOfClass[c] = linesOfClass[c];
    geo->provisional_ = geo->bands_;  // never used: cached bands are complete
    geo->ready_ = std::make_unique<std::atomic<bool>[]>(bands);
    geo->provisionalReady_ = std::make_unique<std::atomic<bool>[]>(bands);
    for (size_t b = 0; b < bands; ++b) geo->ready_[b] = geo->provisionalReady_[b] = false;
    geo->bandMutex_ = std::make_unique<std::mutex[]>(bands);
    geo->topologyReady_ = true;  // the figures above; the lines themselves are in the bands
    geo->cacheKey_ = key;
    geo->cache_ = options.cache;
    geo->inputs_ = inputs;
    geo->rebuildOptions_ = options;
    geo->rebuildOptions_.cache = nullptr;
    geo->rebuildOptions_.bands = AreaOptions::Bands::OnDemand;
    if (options.bands == AreaOptions::Bands::Now) geo->prepareAllBands();
    return geo;
}

const AreaBand& AreaGeometry::cachedBand(size_t b) const {
    if (!cacheFailed_.load(std::memory_order_acquire)) {
        std::lock_guard<std::mutex> lock(bandMutex_[b]);
        if (ready_[b].load(std::memory_order_acquire)) return bands_[b];
        AreaBand band;
        band.minMetresPerPixel = bands_[b].minMetresPerPixel;
        band.toleranceM = bands_[b].toleranceM;
        const std::optional<std::string> blob = cache_->read(cacheKey_, int(b));
        if (blob && decodeAreaBand(*blob, features.size(), band)) {
            const_cast<AreaBand&>(bands_[b]) = std::move(band);  // written once, before it is marked ready
            ready_[b].store(true, std::memory_order_release);
            bandsRead_.fetch_add(1, std::memory_order_acq_rel);
            generation_.fetch_add(1, std::memory_order_acq_rel);
            return bands_[b];
        }
        cacheFailed_.store(true, std::memory_order_release);
    }
    // The cache let us down (a band missing or damaged): everything from the inputs, once.
    std::call_once(rebuiltOnce_, [this] { rebuilt_ = prepareAreas(inputs_, rebuildOptions_); });
    return rebuilt_->band(b);
}

bool AreaGeometry::releaseCachedBand(size_t b) const {
    if (!cache_ || b >= bands_.size() || cacheFailed_.load(std::memory_order_acquire)) return false;
    std::lock_guard<std::mutex> lock(bandMutex_[b]);
    if (!ready_[b].load(std::memory_order_acquire)) return false;
    ready_[b].store(false, std::memory_order_release);  // before the arrays go: band(b) reads the blob again
    AreaBand empty;
    empty.minMetresPerPixel = bands_[b].minMetresPerPixel;
    empty.toleranceM = bands_[b].toleranceM;
    const_cast<AreaBand&>(bands_[b]) = std::move(empty);
    return true;
}

size_t areaCacheEntryCount(const AreaGeometry& geo) { return geo.cacheKey().empty() ? 0 : 1 + geo.bandCount(); }

SceneCacheStore::Entry areaCacheEntry(const AreaGeometry& geo, size_t i) {
    if (i > 0) return {geo.cacheKey(), int(i - 1), encodeAreaBand(geo.band(i - 1))};
    Writer w;
    w.put(geo.origin);
    w.put(geo.box);
    const uint64_t linesOfClass[3] = {geo.linesOfClass[0], geo.linesOfClass[1], geo.linesOfClass[2]};
    w.put(uint64_t(geo.sourceVertices));
    w.put(uint64_t(geo.arcs));
    w.put(uint64_t(geo.sharedArcs));
    w.put(uint64_t(geo.lines));
    w.put(linesOfClass);
    w.put(uint64_t(geo.bandCount()));
    for (size_t b = 0; b < geo.bandCount(); ++b) {
        w.put(geo.bandMinMetresPerPixel(b));
        w.put(geo.bandToleranceM(b));
    }
    w.putArray(geo.features);
    return {geo.cacheKey(), kHeaderPart, w.blob(kHeaderMagic)};
}

}  // namespace gapmap::render
