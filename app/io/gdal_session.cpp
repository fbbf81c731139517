#include "io/gdal_session.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <mutex>
#include <regex>
#include <string>

#include "core/i18n.h"

namespace gapmap {

void GdalSession::ensure() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Spreadsheets: the first row is the header, every cell is read as text so that
        // gapmap parses "1.234,5" and dd/mm/yyyy itself and can name the row of a bad cell.
        // (GDAL 3.6's XLSX/ODS drivers take these as config options, not open options.)
        for (const char* format : {"XLSX", "ODS"}) {
            CPLSetConfigOption((std::string("OGR_") + format + "_HEADERS").c_str(), "FORCE");
            CPLSetConfigOption((std::string("OGR_") + format + "_FIELD_TYPES").c_str(), "STRING");
        }
    });
}

void GdalSession::ensureGeoPackage() {
    static std::once_flag once;
    std::call_once(once, [] { RegisterOGRGeoPackage(); });  // a no-op when ensure() registered it
}

namespace {
void CPL_STDCALL captureHandler(CPLErr errClass, CPLErrorNum, const char* message) {
    if (errClass >= CE_Failure) static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData())->record(message);
}
}  // namespace

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&captureHandler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

std::string plainGdalDetail(const std::string& message) {
    std::string text = message.substr(0, message.find('\n'));
    // "path/file.cpp, 3367: ", "file.c:120: ", "(file.cpp:88)": where in GDAL's code, never for users.
    static const std::regex sourceRef(R"(\(?[^\s,():]*\.(?:cpp|cc|cxx|c|h|hpp)(?:, ?| line |:)\d+\)?:?\s*)");
    text = std::regex_replace(text, sourceRef, "");
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == ':')) text.pop_back();
    constexpr size_t kMaxBytes = 240;
    if (text.size() > kMaxBytes) {
        size_t cut = kMaxBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        text = text.substr(0, cut) + "…";
    }
    return text;
}

std::string knownGdalProblem(const std::string& message) {
    auto has = [&message](const char* part) { return message.find(part) != std::string::npos; };
    if (has("SFCGAL")) return tr("import.gdal.sfcgal");
    if (has("Invalid number of points in LinearRing")) return tr("import.gdal.short_ring");
    if (has("IllegalArgumentException") || has("TopologyException") || has("GEOS error") || has("GEOSException"))
        return tr("import.gdal.geos");
    if (has("Nonearth") || has("NonEarth") || has("LOCAL_CS") || has("ENGCRS")) return tr("import.gdal.nonearth");
    return "";
}

}  // namespace gapmap
