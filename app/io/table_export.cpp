#include "io/table_export.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"
#include "io/qgis_styles.h"
#include "io/ogr_geometry.h"
#include "io/pending_file.h"

namespace gapmap {
namespace {

namespace fs = std::filesystem;

OGRFieldType ogrType(ColumnType type) {
    return type == ColumnType::Integer ? OFTInteger64 : type == ColumnType::Real ? OFTReal : OFTString;
}

std::unique_ptr<OGRGeometry> geometryOf(const DataTable& t, std::size_t row) {
    if (t.geometry == GeometryKind::Point && row < t.points.size() && t.points[row])
        return std::make_unique<OGRPoint>(t.points[row]->lonDeg, t.points[row]->latDeg);
    if (t.geometry != GeometryKind::MultiPolygon || row >= t.areas.size() || !t.areas[row] || t.areas[row]->empty()) return nullptr;
    return toOgr(*t.areas[row]);
}

}  // namespace

void writeTableLayer(GDALDataset& ds, const DataTable& t, bool spatial, const std::string& path) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRwkbGeometryType type = !spatial ? wkbNone
                                  : t.geometry == GeometryKind::Point ? wkbPoint
                                  : t.geometry == GeometryKind::MultiPolygon ? wkbMultiPolygon : wkbNone;
    const char* gpkgOptions[] = {"GEOMETRY_NAME=geom", "FID=fid", nullptr};
    OGRLayer* layer = ds.CreateLayer(t.name.c_str(), type == wkbNone ? nullptr : &wgs84, type,
                                     spatial ? const_cast<char**>(gpkgOptions) : nullptr);
    if (!layer) throw InputError(tr("export.error.cannot_create_table", {path, t.name, CPLGetLastErrorMsg()}));
    for (const TableColumn& c : t.columns) {
        OGRFieldDefn field(c.name.c_str(), ogrType(c.type));
        if (layer->CreateField(&field) != OGRERR_NONE) throw InputError(tr("export.error.cannot_create_column", {path, c.name}));
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Cell& cell = t.rows[r][c];
            const int i = static_cast<int>(c);
            if (const auto* s = std::get_if<std::string>(&cell)) feature.SetField(i, s->c_str());
            else if (const auto* n = std::get_if<std::int64_t>(&cell)) feature.SetField(i, static_cast<GIntBig>(*n));
            else if (const auto* d = std::get_if<double>(&cell)) feature.SetField(i, *d);
        }
        if (spatial)
            if (auto g = geometryOf(t, r)) feature.SetGeometryDirectly(g.release());
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw InputError(tr("export.error.cannot_write_row", {path, t.name, CPLGetLastErrorMsg()}));
    }
}

namespace {

// Creates the file with `driver` under a temporary name, writes every table, renames it into place.
void writeWithGdal(const char* driver, const std::vector<DataTable>& tables, const std::string& path, bool spatial) {
    GdalSession::ensure();
    GdalErrorCapture capture;
    PendingFile pending(path);
    GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver);
    if (!d) throw InputError(tr("export.error.no_driver", {path, driver}));
    {
        std::unique_ptr<GDALDataset> ds(d->Create(pending.temp().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw InputError(tr("export.error.cannot_write_because", {path, capture.firstError()}));
        const bool transaction = ds->StartTransaction() == OGRERR_NONE;  // GPKG: one commit, much faster
        for (const DataTable& t : tables) writeTableLayer(*ds, t, spatial, path);
        if (spatial) writeLayerStyles(*ds, exportStyles(tables));  // QGIS draws the layers as gapmap's map
        if (transaction && ds->CommitTransaction() != OGRERR_NONE) throw InputError(tr("export.error.cannot_write_detail", {path, capture.firstError()}));
        ds->FlushCache();
        if (!capture.firstError().empty()) throw InputError(tr("export.error.cannot_write_detail", {path, capture.firstError()}));
    }  // closing the dataset writes the XLSX archive
    if (!capture.firstError().empty()) throw InputError(tr("export.error.cannot_write_detail", {path, capture.firstError()}));
    pending.commit(path);
}

}  // namespace

void writeXlsx(const std::vector<DataTable>& tables, const std::string& path) { writeWithGdal("XLSX", tables, path, false); }

void writeGeoPackage(const std::vector<DataTable>& tables, const std::string& path) { writeWithGdal("GPKG", tables, path, true); }

}  // namespace gapmap
