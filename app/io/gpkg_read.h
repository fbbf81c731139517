// A gapmap project read from a GeoPackage file through SQLite alone: no GDAL in the process, so that
// `gapmap render FILE.gpkg` (app/main_lean.cpp) maps none of GDAL's libraries. Every reader of a
// project file comes here (readProject, io/project_file.h); GDAL reads only server projects.
// Geometry blobs (GeoPackage header + WKB) are decoded with GEOS. Depends on SQLite, GEOS and core.
#pragma once
#include <string>

#include "core/model.h"
#include "io/project_file.h"

namespace gapmap {

// Throws InputError naming the file: missing, not a GeoPackage, not a gapmap project; a geometry that
// cannot be decoded names its table and feature too.
Project readGeoPackageProject(const std::string& path, const ProjectReadOptions& options = {});

}  // namespace gapmap
