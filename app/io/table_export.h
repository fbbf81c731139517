// Writes core DataTables (core/data_table.h) to files: CSV as text, XLSX through GDAL's XLSX driver
// (one sheet per table), GeoPackage through GDAL (one layer per table, EPSG:4326, for QGIS/ogrinfo).
// Every write goes to a temporary file in the target's folder that is renamed over the target only
// once complete, so a failed or interrupted export never leaves a half-written file.
// GDAL types stay inside io/table_export.cpp.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_table.h"
#include "io/text_file.h"

class GDALDataset;

namespace gapmap {

// Text files (writeTextFile, TextFileOut): io/text_file.h, included here for the exports' callers.
void writeXlsx(const std::vector<DataTable>& tables, const std::string& path);
// Tables with GeometryKind::Point or MultiPolygon become spatial layers, the others attribute tables.
// The file carries QGIS styles for its layers (io/qgis_styles.h).
void writeGeoPackage(const std::vector<DataTable>& tables, const std::string& path);

// io only: one table as a layer of an open dataset (spatial: with its geometry, GeoPackage options).
// Throws InputError naming `path`.
void writeTableLayer(GDALDataset& ds, const DataTable& table, bool spatial, const std::string& path);

}  // namespace gapmap
