#include "support/fixtures.h"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <stdexcept>

#include "support/test_support.h"

namespace gapmap::test {

void writeVectorFile(const std::string& path, const std::string& driverName, int epsg, const std::string& geometryType,
                     const std::vector<std::string>& fields, const std::vector<FixtureRow>& rows,
                     const std::vector<std::string>& layerOptions) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    if (!driver) throw std::runtime_error("no GDAL driver " + driverName);
    std::unique_ptr<GDALDataset> ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    if (epsg) {
        srs.importFromEPSG(epsg);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const OGRwkbGeometryType type = geometryType == "point" ? wkbPoint : geometryType == "multipolygon" ? wkbMultiPolygon
                                  : geometryType == "polygon" ? wkbPolygon : wkbNone;
    std::vector<const char*> options;
    for (const std::string& o : layerOptions) options.push_back(o.c_str());
    options.push_back(nullptr);
    OGRLayer* layer = ds->CreateLayer("data", epsg ? &srs : nullptr, type, const_cast<char**>(options.data()));
    for (const std::string& f : fields) {
        OGRFieldDefn def(f.c_str(), OFTString);
        layer->CreateField(&def);
    }
    for (const FixtureRow& row : rows) {
        OGRFeature feature(layer->GetLayerDefn());
        for (size_t i = 0; i < row.values.size(); ++i)
            if (!row.values[i].empty()) feature.SetField(fields[i].c_str(), row.values[i].c_str());  // by name: KML reorders fields
        if (!row.wkt.empty()) {
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkt(row.wkt.c_str(), nullptr, &g);
            feature.SetGeometryDirectly(g);
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("cannot write a row to " + path);
    }
}

void projectPoint(int epsg, double lonDeg, double latDeg, double& x, double& y) {
    OGRSpatialReference src, dst;
    src.importFromEPSG(4326);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.importFromEPSG(epsg);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
    x = lonDeg;
    y = latDeg;
    if (!ct || !ct->Transform(1, &x, &y)) throw std::runtime_error("cannot project");
}

std::string writeTestAdminUnits(const std::string& path) {
    writeFile(path, R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"01","name":"Tỉnh Thử","level":"province","parent_code":null},
 "geometry":{"type":"Polygon","coordinates":[[[103.0,22.0],[103.2,22.0],[103.2,22.1],[103.0,22.1],[103.0,22.0]]]}},
{"type":"Feature","properties":{"code":"001","name":"Huyện Thử","level":"district","parent_code":"01"},
 "geometry":{"type":"Polygon","coordinates":[[[103.0,22.0],[103.2,22.0],[103.2,22.1],[103.0,22.1],[103.0,22.0]]]}},
{"type":"Feature","properties":{"code":"00101","name":"Xã Nậm Ban","level":"commune","parent_code":"001","population":"1.234"},
 "geometry":{"type":"Polygon","coordinates":[[[103.0,22.0],[103.1,22.0],[103.1,22.1],[103.0,22.1],[103.0,22.0]]]}},
{"type":"Feature","properties":{"code":"00102","name":"Xã Huổi Lèng","level":"commune","parent_code":"001","population":"800"},
 "geometry":{"type":"Polygon","coordinates":[[[103.1,22.0],[103.2,22.0],[103.2,22.1],[103.1,22.1],[103.1,22.0]]]}}
]})");
    return path;
}

std::string writeTestVillagesCsv(const std::string& path) {
    writeFile(path,
              "code,name,commune_code,population,especially_difficult,electricity,mobile,internet,lon,lat\n"
              "V1,Bản Huổi Ho,00101,420,1,none,2g,0,103.05,22.05\n"
              "V2,Huổi Ho,00102,\"1.050\",1,grid,4g,1,103.15,22.05\n"
              "V3,Nà Tăm,00101,300,0,offgrid,none,0,103.02,22.08\n");
    return path;
}

void translateVector(const std::string& source, const std::string& destination, const std::vector<std::string>& options) {
    GDALAllRegister();
    std::vector<char*> argv;
    for (const std::string& o : options) argv.push_back(const_cast<char*>(o.c_str()));
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* opts = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    if (!opts) throw std::runtime_error("ogr2ogr options refused");
    GDALDatasetH src = GDALOpenEx(source.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!src) { GDALVectorTranslateOptionsFree(opts); throw std::runtime_error("cannot open " + source); }
    int usageError = 0;
    CPLPushErrorHandler(CPLQuietErrorHandler);  // "Normalized/laundered field name" warnings for 10-byte .dbf names
    GDALDatasetH out = GDALVectorTranslate(destination.c_str(), nullptr, 1, &src, opts, &usageError);
    CPLPopErrorHandler();
    GDALVectorTranslateOptionsFree(opts);
    GDALClose(src);
    if (!out) throw std::runtime_error("cannot write " + destination);
    GDALClose(out);
}

void writeZip(const std::string& zipPath, const std::vector<std::pair<std::string, std::string>>& members) {
    void* zip = CPLCreateZip(zipPath.c_str(), nullptr);
    if (!zip) throw std::runtime_error("cannot create " + zipPath);
    for (const auto& [name, file] : members) {
        const std::string bytes = readFile(file);
        if (CPLCreateFileInZip(zip, name.c_str(), nullptr) != CE_None ||
            CPLWriteFileInZip(zip, bytes.data(), static_cast<int>(bytes.size())) != CE_None || CPLCloseFileInZip(zip) != CE_None)
            throw std::runtime_error("cannot add " + name + " to " + zipPath);
    }
    CPLCloseZip(zip);
}

}  // namespace gapmap::test
