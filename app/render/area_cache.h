// The boundaries' finished geometry (AreaGeometry: per-feature box, label point and area, the
// topology figures, and every zoom band's fills, lines, tiles and dots) as blobs for a scene cache
// (core/scene_cache_store.h; in the project file: io/scene_cache.h), so that a later open or render
// reads it instead of projecting, building the shared lines and simplifying again.
//
// Key: a 128-bit hash of everything the result depends on — the polygons' coordinates and
// structure in input order, each input's district and province group, the tolerance, the blobs'
// layout (kAreaCacheFormat) and the code that makes the geometry (kAreaCodeHash, a build-time hash of
// its sources: a file cached by another build of that code is rebuilt, not read). Parts: -1 the
// header (features, band scales, figures), b >= 0 band b. Each blob: magic, format, lengths and a
// checksum (area_cache.cpp), then arrays in host byte order (little-endian on every machine gapmap
// runs on; another order fails the magic check), zlib-deflated when over 1 MB. A blob that fails any check is ignored — the
// geometry is rebuilt from the inputs — never trusted: indices are checked against their arrays.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/scene_cache_store.h"
#include "render/area_geometry.h"

namespace gapmap::render {

constexpr uint32_t kAreaCacheFormat = 2;  // 2: fine bands zlib-deflated
// SHA-256 (hex) of the sources that make the geometry (area_*, boundary_rays, union_holes,
// triangulate, core/mercator.h), computed at build time (area_code_hash.cmake): part of the key, so
// that a file's cache written by another build of that code is rebuilt rather than read.
extern const char* const kAreaCodeHash;

std::string areaCacheKey(const std::vector<AreaInput>& inputs, const AreaOptions& options);

// The geometry `options.cache` holds under `key`, its bands read when first asked for; null when
// the cache has no valid header for it (then the caller builds it).
std::shared_ptr<const AreaGeometry> loadCachedAreas(const std::vector<AreaInput>& inputs, const AreaOptions& options,
                                                    const std::string& key);

// The cache entries of `geo`: entry 0 its header, entry 1 + b band b (computed now if needed).
// None for a geometry prepared without a cache key.
size_t areaCacheEntryCount(const AreaGeometry& geo);
SceneCacheStore::Entry areaCacheEntry(const AreaGeometry& geo, size_t i);

// One band as a blob and back (false: not a valid band for `featureCount` features).
std::string encodeAreaBand(const AreaBand& band);
bool decodeAreaBand(std::string_view blob, size_t featureCount, AreaBand& band);

}  // namespace gapmap::render
