// The project's tables read from an open GDAL dataset: a GeoPackage (io/project_file.h) or a
// PostgreSQL/PostGIS schema through GDAL's PostgreSQL driver (io/pg_project.h). One reader for both:
// no second data model. Only io includes this (it names a GDAL type).
#pragma once
#include <set>
#include <string>

#include "core/model.h"

class GDALDataset;
struct sqlite3;

namespace gapmap {

// Every table of core/schema.h and the bookkeeping tables; `withheld` tables are not read at all
// (a server role without the right to read them) and stay empty here. `fastDb`: the same GeoPackage
// opened through SQLite, which reads admin_units and villages several times faster than OGR features.
// `areas`: ProjectReadOptions::areas (io/project_file.h).
Project readProjectTables(GDALDataset& dataset, const std::set<std::string>& withheld, sqlite3* fastDb = nullptr, bool areas = true);

}  // namespace gapmap
