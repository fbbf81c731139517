// The printable report: an A4 PDF drawn with cairo (io/pdf_document.h, io/pdf_map.h) holding the
// title, the date made, the data's as-of date, the province map with legend and scale bar, the
// indicators against targets, the per-district table, the top priority villages and, on request,
// one page per district. Its rows come from the same functions as `gapmap report` and the CSV
// exports (core/report.h, core/coverage_tables.h), so the same protection applies: Trusted
// Addresses only as counts, never located, named or with radii; no outcome counts.
// Text follows the current language (core/i18n.h). Nothing above io sees cairo.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "core/model.h"
#include "io/pdf_map.h"

namespace gapmap {

struct PdfReportOptions {
    bool perDistrict = false;                 // one more page per district
    std::optional<double> radiusKm;           // overrides coverage.ta_radius_km, as --radius-km does
    std::size_t topPriorities = 25;           // rows of the province's priority list
};

struct PdfReportSummary {
    int pages = 0;
    int districtPages = 0;
    std::optional<pdf::MapTransform> overviewMap;  // where page 1's map put the province (for checks)
    pdf::PageRect overviewRect;                    // page 1's map frame, points
};

// Writes the PDF to a temporary file beside `path` and renames it over `path` when complete.
// Throws InputError naming the file when it cannot be written, or for an invalid coverage setting.
PdfReportSummary writePdfReport(const Project& project, const std::string& path, const PdfReportOptions& options = {});

}  // namespace gapmap
