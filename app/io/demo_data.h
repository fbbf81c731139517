// The synthetic demo province (geodata/), embedded in the binary and imported through
// the same importer as a user's files, so the demo exercises the real import path.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"
#include "io/importer.h"

namespace gapmap {

// Title of the demo in the current language; says "synthetic" so no screen, file or report
// mistakes it for real data.
std::string demoTitle();

// Builds the demo project in memory. `log` receives one ImportResult per file.
Project buildDemoProject(std::vector<ImportResult>* log = nullptr);

}  // namespace gapmap
