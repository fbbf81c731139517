// GDAL set-up shared by every io entry point, and capture of GDAL's error messages
// so that a failure becomes one clear line instead of text on stderr.
#pragma once
#include <string>

namespace gapmap {

struct GdalSession {
    static void ensure();  // registers drivers once; safe to call often
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
private:
    std::string first_;
};

}  // namespace gapmap
