// Helpers for tests: temporary folders, running the real gapmap binary, reading files,
// and finding ../shared/geodata (tests that need it say they skipped when it is absent).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gapmap::test {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    std::filesystem::path path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
private:
    std::filesystem::path path_;
};

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `gapmap ARGS` (ARGS already shell-quoted) and captures its streams.
RunResult runGapmap(const std::string& args);
std::string quote(const std::string& text);

// The number of lines in a command's output ('\n' count).
size_t lineCount(const std::string& text);
// `gapmap demo DIR/NAME`: the demo province as a project file; throws if the command fails.
std::string writeDemoProject(const TempDir& dir, const std::string& name = "p.gpkg");
// `ogrinfo -so FILE villages` exits 0: GDAL still reads the GeoPackage, spatial index included.
bool ogrinfoReads(const std::string& path);

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);
// The fields of one CSV line; quotes group commas and are dropped (enough for the outputs tested).
std::vector<std::string> csvFields(const std::string& line);

// ../shared/geodata/RELATIVE, or "" after printing why the test is skipped.
std::string sharedGeodata(const std::string& relative);

// Lai Châu 2009 in three levels through `gapmap import`, as the README's "Your own province" does:
// province and districts from the national files, then the 108 communes. dir2009: sharedGeodata("censusVN2009").
// PROJECT is already shell-quoted. Throws if an import fails.
void importLaiChau2009(const std::string& project, const std::string& dir2009);
// All 11,163 communes of 2009 (the five regional files of dir2009 merged in SCRATCH/communes.gpkg
// with ogr2ogr) imported into PROJECT (not quoted) as one admin_units table. COLUMNS: what else
// the merged source holds, SQL over the regional layers (e.g. "district_id, district_vn", which
// makes the importer add the parent units). Throws if a step fails.
void importNationalCommunes2009(const std::string& project, const std::string& dir2009, const std::string& scratch, const std::string& columns);

}  // namespace gapmap::test
