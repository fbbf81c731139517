// The options that say how to read a source file (`gapmap import` and `gapmap migrate --units`):
// --layer, --crs, --where, --map, --mapping, --level, --encoding, --province, --skip-invalid,
// --swap-lonlat, --partial, --allow-empty. One parser, so both commands read files the same way.
#pragma once
#include <set>
#include <string>

#include "cli/cli_common.h"
#include "io/importer.h"

namespace gapmap::cli {

extern const std::set<std::string> kImportOptionsWithValue;
extern const std::set<std::string> kImportFlags;

// The request for `file` into `table` with the options of `args`; throws UsageError for a bad value.
ImportRequest importRequestFrom(const Args& args, const std::string& table, const std::string& file);

}  // namespace gapmap::cli
