// Builds small vector files with GDAL for import tests: any driver, any CRS.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace gapmap::test {

struct FixtureRow {
    std::vector<std::string> values;  // one per field, "" = null
    std::string wkt;                  // geometry in the file's CRS, "" = none
};

// Writes one layer. epsg = 0 writes no CRS (e.g. a shapefile without .prj).
// layerOptions such as "ENCODING=UTF-8" pass straight to GDAL.
void writeVectorFile(const std::string& path, const std::string& driver, int epsg, const std::string& geometryType,
                     const std::vector<std::string>& fields, const std::vector<FixtureRow>& rows,
                     const std::vector<std::string>& layerOptions = {});

// ogr2ogr in-process (GDALVectorTranslate): `options` as on its command line, e.g.
// {"-f", "ESRI Shapefile", "-lco", "ENCODING=CP1258"}. Throws when GDAL fails.
void translateVector(const std::string& source, const std::string& destination, const std::vector<std::string>& options);

// A .zip holding `members` (name in the archive, file on disk), written with GDAL's zip writer.
void writeZip(const std::string& zipPath, const std::vector<std::pair<std::string, std::string>>& members);

// lon/lat (EPSG:4326) to x/y in EPSG:epsg, through PROJ.
void projectPoint(int epsg, double lonDeg, double latDeg, double& x, double& y);

// The small two-commune province used by the io and cli tests, as GeoJSON (EPSG:4326):
// province 01 > district 001 > communes 00101 "Xã Nậm Ban" and 00102 "Xã Huổi Lèng".
std::string writeTestAdminUnits(const std::string& path);
// Villages of that province, CSV with lon/lat: V1 "Bản Huổi Ho" (00101), V2 "Huổi Ho" (00102),
// V3 "Nà Tăm" (00101); the homonyms are the point.
std::string writeTestVillagesCsv(const std::string& path);

}  // namespace gapmap::test
