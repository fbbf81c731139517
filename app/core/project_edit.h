// One small change to a project — a settings key, or one attribute of a village that infrastructure
// staff update — as plain data: validated here, applied to an in-memory Project here, and written
// to the project file by io/project_edits.h. Standard library only.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace gapmap {

struct FieldEdit {
    std::string villageCode;            // empty: `field` is a settings key
    std::string field;                  // a column of editableVillageFields(), or a settings key
    std::optional<std::string> value;   // canonical text (see villageEdit); nullopt: population
                                        // unknown (NULL), or the settings key removed
    bool isSetting() const { return villageCode.empty(); }
};

// The village columns an edit may change: electricity, mobile, internet, especially_difficult, population.
const std::vector<std::string>& editableVillageFields();

// A village edit with its value in canonical form: electricity grid|offgrid|none, mobile
// none|2g|3g|4g, internet and especially_difficult "1"/"0" (có/không, yes/no… accepted),
// population a whole number >= 0 ("1.234" accepted) or empty for unknown.
// Throws InputError naming the field and the value; does not look the village up.
FieldEdit villageEdit(const std::string& code, const std::string& field, const std::string& value);
FieldEdit settingEdit(const std::string& key, std::optional<std::string> value);

// The value the edit's field has now in `project` (nullopt: unknown/absent), for undo.
// Throws InputError when the village code is not in the project.
std::optional<std::string> currentValue(const Project& project, const FieldEdit& edit);
// Throws InputError when the village code is not in the project; `project` is then unchanged.
void applyEdit(Project& project, const FieldEdit& edit);
// Checks that the settings after `edits` still read as coverage rules (CoverageRules::fromProject);
// throws its InputError naming the key and value otherwise.
void checkSettings(const Project& project, const std::vector<FieldEdit>& edits);

}  // namespace gapmap
