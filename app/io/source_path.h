// Where GDAL reads what a user names on `gapmap import`: a file as it is, a File Geodatabase
// folder (.gdb), or the one vector source inside a .zip / .tar / .tar.gz / .tgz / .7z archive
// (GDAL's /vsizip/, /vsitar/, /vsi7z/ virtual file systems). GDAL types stay in the .cpp.
#pragma once
#include <string>
#include <vector>

namespace gapmap {

struct ResolvedSource {
    std::string gdalPath;          // what GDALDataset::Open gets, e.g. "/vsizip//data/lc.zip/lc.shp"
    std::string shown;             // how messages name it: the user's path, "lc.zip (lc.shp)" for an archive member
    bool layerChoseSource = false; // --layer named one of several sources of an archive (not a layer inside it)
};

// Throws InputError (one line, in the user's language): no such file, a folder that is not a .gdb,
// an archive holding no vector source or several (listing them; --layer NAME picks one by file
// name), a .7z archive when this GDAL has no /vsi7z/ (GDAL < 3.7).
ResolvedSource resolveSource(const std::string& path, const std::string& layer);

// What `gapmap import` takes, lower case with the dot: the vector formats, the archives (.zip,
// .tar, .tar.gz, .tgz, .7z) and .gdb folders. For the file chooser's filter.
std::vector<std::string> importableExtensions();

// The vector sources an archive listing holds, in listing order: files with a vector extension,
// .gdb folders (their inner files left out), a .dbf only when no .shp of its name is there.
// Entries are archive-relative paths; folders end with '/'. Exposed for tests.
std::vector<std::string> vectorSourcesIn(const std::vector<std::string>& entries);

}  // namespace gapmap
