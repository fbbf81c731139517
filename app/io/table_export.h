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

class GDALDataset;

namespace gapmap {

class PendingFile;  // io/pending_file.h

// Throws InputError naming the file when it cannot be written. A path that names something other
// than a regular file (/dev/stdout, a pipe) is written in place by writeTextFile, refused by the others.
void writeTextFile(const std::string& path, const std::string& text);
// The same, a piece at a time: a national priority list (20 MB of CSV) is written as it is made
// instead of held whole. The target is replaced only by commit(); destroyed without it, nothing changed.
class TextFileOut {
public:
    explicit TextFileOut(const std::string& path);
    ~TextFileOut();
    TextFileOut(const TextFileOut&) = delete;
    TextFileOut& operator=(const TextFileOut&) = delete;
    void write(std::string_view text);
    void commit();  // throws InputError naming the file when it could not be written whole
private:
    std::string path_;
    std::unique_ptr<PendingFile> pending_;  // null: a device or pipe, written in place
    std::FILE* file_ = nullptr;
    bool failed_ = false;
};
void writeXlsx(const std::vector<DataTable>& tables, const std::string& path);
// Tables with GeometryKind::Point or MultiPolygon become spatial layers, the others attribute tables.
// The file carries QGIS styles for its layers (io/qgis_styles.h).
void writeGeoPackage(const std::vector<DataTable>& tables, const std::string& path);

// io only: one table as a layer of an open dataset (spatial: with its geometry, GeoPackage options).
// Throws InputError naming `path`.
void writeTableLayer(GDALDataset& ds, const DataTable& table, bool spatial, const std::string& path);

}  // namespace gapmap
