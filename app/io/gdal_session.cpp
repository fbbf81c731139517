#include "io/gdal_session.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace gapmap {

void GdalSession::ensure() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
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
