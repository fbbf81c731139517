#include "core/coverage_rules.h"
#include "core/i18n.h"

#include "core/errors.h"
#include "core/parse.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

const char* const kRadiusKey = "coverage.ta_radius_km";
const char* const kClubKey = "coverage.club_in_commune";
const char* const kTaCommuneKey = "coverage.ta_in_commune";
const char* const kPopulationKey = "priority.population";
const std::string kWeightPrefix = "weight.";
const char* const kConfidentialityKey = "confidentiality.k";

InputError badSetting(const Setting& s, const std::string& expected) {
    return InputError(tr("setting.error.bad", {s.key, s.value, expected}));
}

double positiveKm(const Setting& s) {
    const auto v = parseReal(trimSpaces(s.value));
    if (!v || *v <= 0) throw badSetting(s, tr("setting.error.expect_km"));
    return *v;
}

double weightValue(const Setting& s) {
    const auto v = parseReal(trimSpaces(s.value));
    if (!v || *v < 0) throw badSetting(s, tr("setting.error.expect_weight"));
    return *v;
}

bool flagValue(const Setting& s) {
    const auto v = parseBool(trimSpaces(s.value));
    if (!v) throw badSetting(s, tr("setting.error.expect_flag"));
    return *v;
}

PopulationMode populationValue(const Setting& s) {
    const std::string_view v = trimSpaces(s.value);
    if (v == "none") return PopulationMode::None;
    if (v == "factor") return PopulationMode::Factor;
    if (v == "tiebreak") return PopulationMode::Tiebreak;
    throw badSetting(s, tr("setting.error.expect_population"));
}

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

std::int64_t confidentialityK(const Project& project) {
    std::int64_t k = 5;
    for (const Setting& s : project.settings) {
        if (s.key == kConfidentialityKey) {
            const auto v = parseInteger(trimSpaces(s.value));
            if (!v || *v < 2) throw badSetting(s, tr("setting.error.expect_k"));
            k = *v;
        } else if (startsWith(s.key, "confidentiality.")) {
            throw badSetting(s, tr("setting.error.unknown", {"confidentiality.k"}));
        }
    }
    return k;
}

const char* gapCode(Gap gap) {
    switch (gap) {
        case Gap::NoTeam: return "no_team";
        case Gap::NoClub: return "no_club";
        case Gap::TaOutOfReach: return "ta_out_of_reach";
        case Gap::NoElectricity: return "no_electricity";
        case Gap::NoMobile: return "no_mobile";
        case Gap::NoInternet: return "no_internet";
        case Gap::EspeciallyDifficult: return "especially_difficult";
        case Gap::Outcomes: return "outcomes";
    }
    return "";
}

const char* toString(PopulationMode mode) {
    switch (mode) {
        case PopulationMode::None: return "none";
        case PopulationMode::Factor: return "factor";
        case PopulationMode::Tiebreak: return "tiebreak";
    }
    return "none";
}

CoverageRules CoverageRules::fromProject(const Project& project) {
    CoverageRules rules;
    rules.confidentialityK = gapmap::confidentialityK(project);
    for (const Setting& s : project.settings) {
        if (s.key == kRadiusKey) rules.taRadiusKm = positiveKm(s);
        else if (s.key == kClubKey) rules.clubAnywhereInCommune = flagValue(s);
        else if (s.key == kTaCommuneKey) rules.taInCommune = flagValue(s);
        else if (s.key == kPopulationKey) rules.population = populationValue(s);
        else if (startsWith(s.key, kWeightPrefix)) {
            bool known = false;
            for (Gap g : kAllGaps)
                if (s.key == kWeightPrefix + gapCode(g)) { rules.weight(g) = weightValue(s); known = true; }
            if (!known) throw badSetting(s, tr("setting.error.unknown_weight", {"weight.no_team, weight.no_club, weight.ta_out_of_reach, "
                                            "weight.no_electricity, weight.no_mobile, weight.no_internet, "
                                            "weight.especially_difficult, weight.outcomes"}));
        } else if (startsWith(s.key, "coverage.") || startsWith(s.key, "priority.")) {
            throw badSetting(s, tr("setting.error.unknown", {"coverage.ta_radius_km, coverage.club_in_commune, "
                                "coverage.ta_in_commune, priority.population"}));
        }
    }
    return rules;
}

std::vector<Setting> coverageSettings(const CoverageRules& rules) {
    std::vector<Setting> out = {{kRadiusKey, formatShortest(rules.taRadiusKm)},
                                {kClubKey, rules.clubAnywhereInCommune ? "1" : "0"},
                                {kTaCommuneKey, rules.taInCommune ? "1" : "0"}};
    for (Gap g : kAllGaps) out.push_back({kWeightPrefix + gapCode(g), formatShortest(rules.weight(g))});
    out.push_back({kPopulationKey, toString(rules.population)});
    out.push_back({kConfidentialityKey, std::to_string(rules.confidentialityK)});
    return out;
}

void CoverageRules::toProject(Project& project) const {
    for (const Setting& s : coverageSettings(*this)) project.setSetting(s.key, s.value);
}

}  // namespace gapmap
