// The project file: one GeoPackage (EPSG:4326) holding the tables of core/schema.h,
// readable by QGIS and ogrinfo. Writes go to a temporary file that replaces the old one
// only when complete, so a failed or interrupted write never damages the user's project.
#pragma once
#include <string>

#include "core/model.h"

namespace gapmap {

// A server address (io/pg_address.h) counts as existing: readProject says whether it holds a project.
bool projectExists(const std::string& path);
// What a read may leave out, for a command that never uses it.
struct ProjectReadOptions {
    // The admin units' polygons (AdminUnit::area): a national file's communes are 5 MB of WKB, which
    // the coverage figures and their texts never use (only maps and spatial exports do). false:
    // every unit is read with an empty area.
    bool areas = true;
};

// PATH may also be a server project (PG:…, postgresql://…; io/pg_project.h).
// Throws InputError: missing file, not a GeoPackage, not a gapmap project.
Project readProject(const std::string& path, const ProjectReadOptions& options = {});
// Throws InputError when the folder is not writable; the old file stays as it was. A server
// project is never written whole here: InputError (gapmap publish --force replaces it).
void writeProject(const Project& project, const std::string& path);

}  // namespace gapmap
