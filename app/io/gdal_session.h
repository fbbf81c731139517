// GDAL set-up shared by every io entry point, and capture of GDAL's error messages
// so that a failure becomes one clear line instead of text on stderr.
#pragma once
#include <string>

namespace gapmap {

struct GdalSession {
    static void ensure();  // registers drivers once; safe to call often
    // Registers the GeoPackage driver alone (reading a project needs no other): registering all
    // ~200 drivers and loading GDAL's plugins cost `gapmap render`/`report` tens of milliseconds.
    // A later ensure() registers the rest.
    static void ensureGeoPackage();
};

// While alive, GDAL errors are collected instead of printed.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    std::string firstError() const { return first_; }
    void record(const char* message) { if (first_.empty() && message) first_ = message; }
    void clear() { first_.clear(); }  // forget what was recorded (one feature's errors handled)
private:
    std::string first_;
};

// GDAL's message made fit to show as a detail: the first line only, at most ~240 bytes (PROJ may
// dump a whole CRS definition), without the source-file fragments some drivers put in
// ("/build/gdal/ogr/ogrsf_frmts/dxf/ogrdxflayer.cpp, 3367: ", "foo.c:120: "). Valid UTF-8 kept whole.
std::string plainGdalDetail(const std::string& message);

// What a GDAL/GEOS/SFCGAL message means for the user, in the user's language, when gapmap knows it
// ("a polygon ring with fewer than 4 points", "a 3-D surface (SFCGAL) gapmap cannot read");
// "" when it does not (the caller then frames the plain detail).
std::string knownGdalProblem(const std::string& message);

}  // namespace gapmap
