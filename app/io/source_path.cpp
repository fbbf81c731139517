#include "io/source_path.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/gdal_session.h"

namespace gapmap {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Extensions of the vector formats gapmap's GDAL reads from a file of their own.
const std::set<std::string> kVectorExtensions = {".shp", ".geojson", ".json", ".topojson", ".gpkg", ".kml", ".kmz",
                                                 ".gml", ".csv", ".xlsx", ".ods", ".tab", ".mif", ".dxf", ".fgb",
                                                 ".gpx", ".sqlite", ".dbf"};

// The virtual file system prefix for an archive path, "" when `path` is not an archive.
std::string archivePrefix(const std::string& path) {
    const std::string l = lower(path);
    if (endsWith(l, ".zip")) return "/vsizip/";
    if (endsWith(l, ".tar") || endsWith(l, ".tar.gz") || endsWith(l, ".tgz")) return "/vsitar/";
    if (endsWith(l, ".7z")) return "/vsi7z/";
    return "";
}

bool gdalHasFileSystem(const std::string& prefix) {
    char** prefixes = VSIGetFileSystemsPrefixes();
    const bool found = CSLFindString(prefixes, prefix.c_str()) >= 0;
    CSLDestroy(prefixes);
    return found;
}

// A File Geodatabase is a folder named *.gdb holding a00000001.gdbtable (its catalogue).
bool isFileGeodatabase(const std::filesystem::path& dir) {
    std::error_code ec;
    return lower(dir.filename().string()).ends_with(".gdb") || std::filesystem::exists(dir / "a00000001.gdbtable", ec);
}

std::string listForMessage(const std::vector<std::string>& names) {
    constexpr size_t kShown = 12;
    std::string out;
    for (size_t i = 0; i < names.size() && i < kShown; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > kShown) out += ", …";
    return out;
}

// The name --layer matches an archive member by: its file name without extension or folder.
std::string stemOf(std::string entry) {
    if (!entry.empty() && entry.back() == '/') entry.pop_back();
    return lower(std::filesystem::path(entry).stem().string());
}

}  // namespace

std::vector<std::string> vectorSourcesIn(const std::vector<std::string>& entries) {
    std::vector<std::string> gdbFolders, out;
    std::set<std::string> shapefileStems;  // "dir/name" of every .shp, lower case
    for (const std::string& e : entries) {
        const std::string l = lower(e);
        if (endsWith(l, ".gdb/") || endsWith(l, ".gdb")) gdbFolders.push_back(endsWith(l, "/") ? l : l + "/");
        if (endsWith(l, ".shp")) shapefileStems.insert(l.substr(0, l.size() - 4));
    }
    for (const std::string& e : entries) {
        const std::string l = lower(e);
        const std::string name = std::filesystem::path(endsWith(l, "/") ? l.substr(0, l.size() - 1) : l).filename().string();
        if (l.starts_with("__macosx/") || name.starts_with("._")) continue;  // macOS archive metadata
        if (endsWith(l, ".gdb/") || endsWith(l, ".gdb")) { out.push_back(e); continue; }
        if (std::any_of(gdbFolders.begin(), gdbFolders.end(), [&](const std::string& g) { return l.starts_with(g); })) continue;
        const std::string ext = std::filesystem::path(l).extension().string();
        if (!kVectorExtensions.count(ext) || endsWith(l, "/")) continue;
        if (ext == ".dbf" && shapefileStems.count(l.substr(0, l.size() - 4))) continue;  // part of a shapefile
        out.push_back(e);
    }
    return out;
}

std::vector<std::string> importableExtensions() {
    std::vector<std::string> out(kVectorExtensions.begin(), kVectorExtensions.end());
    for (const char* e : {".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".gdb"}) out.push_back(e);
    return out;
}

ResolvedSource resolveSource(const std::string& path, const std::string& layer) {
    GdalSession::ensure();
    ResolvedSource r{path, path, false};
    if (path.rfind("/vsi", 0) == 0) return r;  // already a GDAL virtual path
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(tr("import.error.no_such_file", {path}));
    if (std::filesystem::is_directory(path, ec)) {
        if (isFileGeodatabase(path)) return r;
        throw InputError(tr("import.error.folder_not_gdb", {path}));
    }
    const std::string prefix = archivePrefix(path);
    if (prefix.empty()) return r;
    if (!gdalHasFileSystem(prefix)) throw InputError(tr("import.error.no_7z", {path, GDALVersionInfo("RELEASE_NAME")}));

    const std::string root = prefix + path;
    std::vector<std::string> entries;
    if (char** list = VSIReadDirRecursive(root.c_str())) {
        for (char** e = list; *e; ++e) {
            std::string entry = *e;
            VSIStatBufL st;
            if (!entry.ends_with("/") && VSIStatL((root + "/" + entry).c_str(), &st) == 0 && VSI_ISDIR(st.st_mode)) entry += "/";
            entries.push_back(entry);
        }
        CSLDestroy(list);
    }
    if (entries.empty()) throw InputError(tr("import.error.archive_unreadable", {path}));
    const std::vector<std::string> sources = vectorSourcesIn(entries);
    if (sources.empty()) throw InputError(tr("import.error.archive_no_source", {path, listForMessage(entries)}));
    std::string chosen;
    if (sources.size() == 1) {
        chosen = sources.front();
    } else {
        for (const std::string& s : sources)
            if (!layer.empty() && stemOf(s) == lower(layer)) chosen = s;
        if (chosen.empty()) {
            std::vector<std::string> names(sources.begin(), sources.end());
            throw InputError(tr("import.error.archive_several", {path, listForMessage(names), stemOf(sources.front())}));
        }
        r.layerChoseSource = true;
    }
    std::string inner = chosen;
    if (inner.ends_with("/")) inner.pop_back();
    r.gdalPath = root + "/" + inner;
    r.shown = path + " (" + inner + ")";
    return r;
}

}  // namespace gapmap
