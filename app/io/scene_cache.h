// The project file's scene cache: derived data the renderer made from the project (the boundaries'
// shared lines, zoom-band simplifications, triangulations, label points: render/area_cache.h), kept
// in the GeoPackage so that later opens and renders read it instead of rebuilding it.
//
//   gapmap_scene_cache(key TEXT, part INTEGER, data BLOB, PRIMARY KEY (key, part))
//
// `key` is a hash of everything the data was made from (render/area_cache.h), so an edited
// geometry simply finds no row. Not a project table: not in core/schema.h, not registered in
// gpkg_contents, never exported, published or checked out; writeProject drops it (the next render
// or open writes it again). Only area layers go in: never a Trusted Address or any other point.
#pragma once
#include <memory>
#include <string>

#include "core/scene_cache_store.h"

namespace gapmap {

// The cache of the GeoPackage at `path` (opened per call, so a file replaced meanwhile is followed).
// Null for a server project.
std::shared_ptr<SceneCacheStore> openSceneCache(const std::string& path);

}  // namespace gapmap
