#include "io/gdal_session.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <mutex>
#include <string>

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

namespace {
void CPL_STDCALL captureHandler(CPLErr errClass, CPLErrorNum, const char* message) {
    if (errClass >= CE_Failure) static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData())->record(message);
}
}  // namespace

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&captureHandler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

}  // namespace gapmap
