// `gapmap migrate`: a project on the communes before the July 2025 reform carried onto the new
// units. The new units come from a file (through the importer, with its options); every record is
// reassigned to a new commune:
//   - a located village, or a located Trusted Address: the new commune whose area contains its point;
//   - a village without a point (or whose point lies in no new commune): its old commune's largest
//     overlap in the crosswalk (io/commune_crosswalk.h);
//   - teams and outcomes: they hang on their village, which carries them;
//   - clubs, Trusted Addresses without a point: their village's new commune, else their old commune's
//     largest overlap; activities and commune offices: their old commune's largest overlap.
// Nothing is dropped: counts before = counts after, table by table.
#pragma once
#include <string>
#include <vector>

#include "core/model.h"
#include "io/importer.h"

namespace gapmap {

inline constexpr const char* kReformDate = "2025-07-01";  // Resolution 202/2025/QH15: two levels from this day

struct MigrationResult {
    Project project;                        // on the new units, with its crosswalk
    ImportResult units;                     // the import of the new units
    struct Count { std::string table; std::size_t before = 0, after = 0; };
    std::vector<Count> counts;              // every table that holds rows
    // Old communes whose area went to more than one new commune (each share ≥ kSplitShare).
    struct Split { std::string oldCode, oldName; std::vector<std::pair<std::string, double>> shares; };  // new code, share of old area
    std::vector<Split> splits;
    std::size_t villagesByPoint = 0, villagesByOverlap = 0;   // how the villages were placed
    std::vector<std::string> notes;         // records placed by overlap although they had a point, …
};

// A new commune receiving less than this share of an old commune's area is not a split: the 2009 and
// 2025 boundaries come from different surveys and disagree by 1–3 % of a commune's area along its
// edges (Lai Châu: 33 communes "split" at 1 %, 13 at 5 %). The crosswalk keeps every share.
constexpr double kSplitShare = 0.05;

// Throws InputError: the old project has no commune with an area; the units file has none; an old
// commune that records refer to overlaps no new commune (the file is of another province?).
MigrationResult migrateProject(const Project& old, const ImportRequest& newUnits, const std::string& oldPath);

}  // namespace gapmap
