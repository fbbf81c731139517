// The project file's scene cache: derived data the renderer made from the project (the boundaries'
// shared lines, zoom-band simplifications, triangulations, label points: render/area_cache.h), kept
// in the GeoPackage so that later opens and renders read it instead of rebuilding it.
//
//   gapmap_scene_cache(key TEXT, part INTEGER, data BLOB, PRIMARY KEY (key, part))
//
// `key` is a hash of everything the data was made from (render/area_cache.h), so an edited
// geometry simply finds no row. Not a project table: not in core/schema.h, not registered in
// gpkg_contents, never exported, published or checked out; writeProject carries it into the new
// file (carrySceneCache). Only area layers go in: never a Trusted Address or any other point.
#pragma once
#include <memory>
#include <string>

#include "core/scene_cache_store.h"

namespace gapmap {

// The cache of the GeoPackage at `path` (opened per call, so a file replaced meanwhile is followed).
// Null for a server project.
std::shared_ptr<SceneCacheStore> openSceneCache(const std::string& path);

// Replaces the scene cache of the GeoPackage at `toPath` by that of the one at `fromPath` (none
// there: an empty cache), all or nothing; false when it could not (both files stay usable). For a
// whole-file write (writeProject's temporary file), so that an import or a save does not cost the
// next open a rebuild (national: 2-3 s). Rows are copied whatever the new content: an entry whose
// key no longer matches the geometry is never read (the key is a hash of that geometry, checked on
// read) and goes at the next replace(); computing the keys here would mean building the geometry.
bool carrySceneCache(const std::string& fromPath, const std::string& toPath);

// Save as: `cache` (from openSceneCache) copies its rows into the file now at `newPath` and from
// then on reads and writes that file, for every holder of it (the map's scene builders). False
// when the rows could not be copied (it follows the new file all the same).
bool moveSceneCache(SceneCacheStore& cache, const std::string& newPath);

}  // namespace gapmap
