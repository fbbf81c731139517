// What `gapmap info` and the app's Data panel show: each table of the project, whether it has
// data (core/model.h Project::hasData), from which file, when, and how many rows. Standard library only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

enum class LoadState {
    Loaded,         // a load record with rows
    LoadedEmpty,    // a load record with no rows: "loaded, none" (zeros and gaps are real)
    UnknownSource,  // rows but no record (a project file older than the record)
    NotLoaded,      // no record, no rows: no data
};
const char* toString(LoadState state);  // "loaded", "loaded_empty", "unknown_source", "not_loaded"

struct TableStatus {
    std::string table;       // as in core/schema.h
    LoadState state = LoadState::NotLoaded;
    std::string sourceFile;  // empty: unknown or never loaded
    std::string loadedAt;    // ISO 8601 UTC; empty: unknown
    std::int64_t rows = 0;   // rows the table holds now
};

// Every table of core/schema.h, in its order.
std::vector<TableStatus> tableStatuses(const Project& project);

// The state in the current language ("đã nạp", "chưa có dữ liệu" …).
std::string loadStateText(LoadState state);

std::string formatInfoText(const Project& project, const std::string& projectName);
std::string formatInfoJson(const Project& project, const std::string& projectName);

}  // namespace gapmap
