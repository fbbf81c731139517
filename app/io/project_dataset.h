// The project's tables read from an open GDAL dataset: a PostgreSQL/PostGIS schema through GDAL's
// PostgreSQL driver (io/pg_project.h). Rows become a Project as a GeoPackage file's do (io/project_rows.h). Only io includes this (it names a GDAL type).
#pragma once
#include <set>
#include <string>

#include "core/model.h"

class GDALDataset;

namespace gapmap {

// Every table of core/schema.h and the bookkeeping tables; `withheld` tables are not read at all
// (a server role without the right to read them) and stay empty here. A GeoPackage file is read
// without GDAL (io/gpkg_read.h).
Project readProjectTables(GDALDataset& dataset, const std::set<std::string>& withheld);

}  // namespace gapmap
