// Fuzzes the coverage rules read from a project's settings (app/core/coverage_rules.h fromProject):
// "key=value" lines as they would sit in the settings table. Properties: a bad value or unknown rule
// key is one InputError naming the setting; otherwise the radius is a finite distance > 0 km, every
// weight is finite and >= 0, confidentiality.k is a whole number >= 2, and the rules written back
// (toProject) read back exactly the same.
#include <cmath>
#include <string>

#include "core/coverage_rules.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "fuzz_support.h"

using namespace gapmap;

namespace {

bool sameRules(const CoverageRules& a, const CoverageRules& b) {
    return a.taRadiusKm == b.taRadiusKm && a.clubAnywhereInCommune == b.clubAnywhereInCommune &&
           a.taInCommune == b.taInCommune && a.weights == b.weights && a.population == b.population &&
           a.confidentialityK == b.confidentialityK;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    setLanguage(Lang::En);  // the messages are translated: the property reads the English one
    Project project;
    for (std::string_view line : fuzz::split(text, '\n', 64)) {
        const size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        project.settings.push_back({std::string(line.substr(0, eq)), std::string(line.substr(eq + 1))});
    }
    CoverageRules rules;
    try {
        rules = CoverageRules::fromProject(project);
    } catch (const InputError& e) {
        const std::string_view message = e.what();
        FUZZ_CHECK(message.starts_with("setting "), message);
        return 0;
    }
    FUZZ_CHECK(std::isfinite(rules.taRadiusKm) && rules.taRadiusKm > 0, text);
    for (double w : rules.weights) FUZZ_CHECK(std::isfinite(w) && w >= 0, text);
    FUZZ_CHECK(rules.confidentialityK >= 2 && rules.confidentialityK == confidentialityK(project), text);

    Project written;
    written.settings = project.settings;  // other settings ("title" …) stay as they are
    rules.toProject(written);
    const CoverageRules reread = CoverageRules::fromProject(written);
    FUZZ_CHECK(sameRules(reread, rules), text);
    for (const Setting& s : coverageSettings(rules)) FUZZ_CHECK(written.settingOr(s.key, "?") == s.value, s.key);
    return 0;
}
