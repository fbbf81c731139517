// The texts of the coverage analysis, in the current language (core/i18n.h, app/i18n/*.txt).
#include <cmath>
#include <map>

#include "core/coverage.h"
#include "core/i18n.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

// A weight or factor as short as it reads (1, 1.5, 0.25) with the language's decimal separator.
std::string shortNumber(double value) {
    const std::string s = formatShortest(value);
    const size_t dot = s.find('.');
    if (s.find_first_of("eE") != std::string::npos) return s;
    if (dot == std::string::npos) return formatLocaleNumber(value, 0);
    return formatLocaleNumber(value, static_cast<int>(s.size() - dot - 1));
}

}  // namespace

std::string gapLabel(Gap gap) {
    switch (gap) {
        case Gap::NoTeam: return tr("coverage.gap.no_team");
        case Gap::NoClub: return tr("coverage.gap.no_club");
        case Gap::TaOutOfReach: return tr("coverage.gap.ta_out_of_reach");
        case Gap::NoElectricity: return tr("coverage.gap.no_electricity");
        case Gap::NoMobile: return tr("coverage.gap.no_mobile");
        case Gap::NoInternet: return tr("coverage.gap.no_internet");
        case Gap::EspeciallyDifficult: return tr("coverage.gap.especially_difficult");
        case Gap::Outcomes: return tr("coverage.gap.outcomes");
    }
    return "";
}

std::string bandText(const DistanceBand& band) {
    auto number = [](double km) { return formatLocaleNumber(km, km == std::round(km) ? 0 : 1); };
    return number(band.fromKm) + "–" + number(band.toKm);
}

std::string reasonsText(const Project& p, const CoverageResult& result, const VillageCoverage& c) {
    const Village& v = p.villages[c.village];
    std::string out;
    for (const ScoreTerm& t : scoreTerms(c, result.rules)) {
        std::string part;
        const std::string points = shortNumber(t.value);
        if (t.kind == ScoreTerm::Kind::TaUnknown) {
            part = tr("coverage.reason.ta_unknown");
        } else if (t.kind == ScoreTerm::Kind::PopulationFactor) {
            part = v.population ? tr("coverage.reason.population", {formatLocaleNumber(double(*v.population)), points})
                                : tr("coverage.reason.population_unknown");
        } else if (t.gap == Gap::TaOutOfReach && c.nearestTaBand) {
            part = tr("coverage.reason.nearest_ta", {bandText(*c.nearestTaBand), points});
        } else {
            switch (t.gap) {
                case Gap::NoTeam: part = tr("coverage.reason.no_team", {points}); break;
                case Gap::NoClub: part = tr("coverage.reason.no_club", {points}); break;
                case Gap::TaOutOfReach: part = tr("coverage.reason.no_ta_located", {points}); break;
                case Gap::NoElectricity:
                    part = v.electricity == Electricity::None ? tr("coverage.reason.no_electricity", {points})
                                                              : tr("coverage.reason.offgrid_only", {points});
                    break;
                case Gap::NoMobile:
                    part = v.mobile == Mobile::None ? tr("coverage.reason.no_mobile", {points}) : tr("coverage.reason.2g_only", {points});
                    break;
                case Gap::NoInternet: part = tr("coverage.reason.no_internet", {points}); break;
                case Gap::EspeciallyDifficult: part = tr("coverage.reason.especially_difficult", {points}); break;
                case Gap::Outcomes:  // the village's cases reached k (README "Confidentiality")
                    part = tr("protect.reason.outcomes", {std::to_string(result.rules.confidentialityK), points});
                    break;
            }
        }
        out += (out.empty() ? "" : "; ") + part;
    }
    return out;
}

std::string unscoredText(const CoverageResult& result) {
    std::string tables;
    for (const std::string& t : unscoredTables(result)) tables += (tables.empty() ? "" : ", ") + tr("nodata.table." + t);
    return tables.empty() ? "" : tr("nodata.unscored", {tables});
}

std::string populationSourceText(PopulationSource source, bool labelled) {
    if (source == PopulationSource::None) return "";
    const std::string name = tr(std::string("population.source.") + toString(source));
    return labelled ? tr("population.labelled", {name}) : name;
}

PopulationSource populationSourceFromString(const std::string& text) {
    for (PopulationSource s : {PopulationSource::Villages, PopulationSource::Census, PopulationSource::Mixed})
        if (text == toString(s)) return s;
    return PopulationSource::None;
}

// The label of each measure is "measure.<key>" in the catalogues (tests/core/i18n_test.cpp checks
// that every measure has one); an unknown key shows as the key itself.
std::string measureLabel(const AreaMeasure& m) {
    const std::string key = std::string("measure.") + m.key;
    const CatalogueMap& texts = catalogue(language());
    return texts.find(key) == texts.end() ? std::string(m.key) : tr(key);
}

}  // namespace gapmap
