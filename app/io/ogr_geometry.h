// Core geometry to GDAL/OGR's, for GEOS operations (through OGR) and for writing features.
#pragma once
#include <ogr_geometry.h>

#include <memory>

#include "core/model.h"

namespace gapmap {

// EPSG:4326 degrees, x = lon, y = lat, as core holds them; an empty area gives an empty multipolygon.
std::unique_ptr<OGRMultiPolygon> toOgr(const MultiPolygon& area);

}  // namespace gapmap
