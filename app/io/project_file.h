// The project file: one GeoPackage (EPSG:4326) holding the tables of core/schema.h,
// readable by QGIS and ogrinfo. Writes go to a temporary file that replaces the old one
// only when complete, so a failed or interrupted write never damages the user's project.
#pragma once
#include <string>

#include "core/model.h"

namespace gapmap {

bool projectExists(const std::string& path);
// Throws InputError: missing file, not a GeoPackage, not a gapmap project.
Project readProject(const std::string& path);
// Throws InputError when the folder is not writable; the old file stays as it was.
void writeProject(const Project& project, const std::string& path);

}  // namespace gapmap
