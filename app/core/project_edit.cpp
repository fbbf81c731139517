#include "core/project_edit.h"

#include <algorithm>
#include <cctype>

#include "core/coverage_rules.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"

namespace gapmap {
namespace {

template <typename P>  // Project or const Project
auto& villageOrThrow(P& project, const std::string& code) {
    if (auto* v = project.findVillage(code)) return *v;
    throw InputError(tr("edit.error.no_village", {code}));
}

}  // namespace

const std::vector<std::string>& editableVillageFields() {
    static const std::vector<std::string> fields = {"electricity", "mobile", "internet", "especially_difficult", "population"};
    return fields;
}

FieldEdit villageEdit(const std::string& code, const std::string& field, const std::string& raw) {
    const auto& fields = editableVillageFields();
    if (std::find(fields.begin(), fields.end(), field) == fields.end())
        throw InputError(tr("edit.error.field", {field, "electricity, mobile, internet, especially_difficult, population"}));
    const std::string text(trimSpaces(raw));
    auto bad = [&](const char* allowed) { return InputError(tr("edit.error.value", {field, raw, allowed})); };
    FieldEdit e{code, field, text};
    std::string lower = text;  // "4G", "Grid" as typed
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (field == "electricity") {
        const auto v = electricityFromString(lower);
        if (!v) throw bad("grid, offgrid, none");
        e.value = toString(*v);
    } else if (field == "mobile") {
        const auto v = mobileFromString(lower);
        if (!v) throw bad("none, 2g, 3g, 4g");
        e.value = toString(*v);
    } else if (field == "internet" || field == "especially_difficult") {
        const auto v = parseBool(text);
        if (!v) throw bad("1, 0, có, không");
        e.value = *v ? "1" : "0";
    } else {  // population
        if (text.empty()) { e.value.reset(); return e; }
        const auto v = parseInteger(text);
        if (!v || *v < 0) throw bad("0, 1, 2 …");
        e.value = std::to_string(*v);
    }
    return e;
}

FieldEdit settingEdit(const std::string& key, std::optional<std::string> value) {
    if (key.empty() || key.find_first_of(" \t\n=") != std::string::npos) throw InputError(tr("edit.error.key", {key}));
    return FieldEdit{"", key, std::move(value)};
}

std::optional<std::string> currentValue(const Project& project, const FieldEdit& e) {
    if (e.isSetting()) {
        for (const Setting& s : project.settings)
            if (s.key == e.field) return s.value;
        return std::nullopt;
    }
    const Village& v = villageOrThrow(project, e.villageCode);
    if (e.field == "electricity") return std::string(toString(v.electricity));
    if (e.field == "mobile") return std::string(toString(v.mobile));
    if (e.field == "internet") return std::string(v.internet ? "1" : "0");
    if (e.field == "especially_difficult") return std::string(v.especiallyDifficult ? "1" : "0");
    if (v.population) return std::to_string(*v.population);
    return std::nullopt;
}

void applyEdit(Project& project, const FieldEdit& e) {
    if (e.isSetting()) {
        if (e.value) project.setSetting(e.field, *e.value);
        else std::erase_if(project.settings, [&](const Setting& s) { return s.key == e.field; });
        return;
    }
    // Validated again so that a hand-built FieldEdit cannot put an impossible value in the model.
    const FieldEdit canonical = villageEdit(e.villageCode, e.field, e.value.value_or(""));
    Village& v = villageOrThrow(project, e.villageCode);
    const std::string value = canonical.value.value_or("");
    if (e.field == "electricity") v.electricity = *electricityFromString(value);
    else if (e.field == "mobile") v.mobile = *mobileFromString(value);
    else if (e.field == "internet") v.internet = value == "1";
    else if (e.field == "especially_difficult") v.especiallyDifficult = value == "1";
    else if (canonical.value) v.population = std::stoll(value);
    else v.population.reset();
}

void checkSettings(const Project& project, const std::vector<FieldEdit>& edits) {
    Project settingsOnly;
    settingsOnly.settings = project.settings;
    for (const FieldEdit& e : edits)
        if (e.isSetting()) applyEdit(settingsOnly, e);
    CoverageRules::fromProject(settingsOnly);
}

}  // namespace gapmap
