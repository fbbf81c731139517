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

ReasonsFormatter::ReasonsFormatter(const CoverageRules& rules) : rules_(rules) {
    auto points = [&](Gap g) { return shortNumber(rules.weight(g)); };
    using enum Gap;
    gap_[int(NoTeam)][0] = tr("coverage.reason.no_team", {points(NoTeam)});
    gap_[int(NoClub)][0] = tr("coverage.reason.no_club", {points(NoClub)});
    noTaLocated_ = tr("coverage.reason.no_ta_located", {points(TaOutOfReach)});
    gap_[int(NoElectricity)][0] = tr("coverage.reason.offgrid_only", {points(NoElectricity)});
    gap_[int(NoElectricity)][1] = tr("coverage.reason.no_electricity", {points(NoElectricity)});
    gap_[int(NoMobile)][0] = tr("coverage.reason.2g_only", {points(NoMobile)});
    gap_[int(NoMobile)][1] = tr("coverage.reason.no_mobile", {points(NoMobile)});
    gap_[int(NoInternet)][0] = tr("coverage.reason.no_internet", {points(NoInternet)});
    gap_[int(EspeciallyDifficult)][0] = tr("coverage.reason.especially_difficult", {points(EspeciallyDifficult)});
    // The village's cases reached k (README "Confidentiality").
    gap_[int(Outcomes)][0] = tr("protect.reason.outcomes", {std::to_string(rules.confidentialityK), points(Outcomes)});
    taUnknown_ = tr("coverage.reason.ta_unknown");
    populationUnknown_ = tr("coverage.reason.population_unknown");
}

const std::string& ReasonsFormatter::band(const DistanceBand& band) const {
    for (const Band& b : bands_)
        if (b.band == band) return b.text;
    bands_.push_back({band, bandText(band), tr("coverage.reason.nearest_ta", {bandText(band), shortNumber(rules_.weight(Gap::TaOutOfReach))})});
    return bands_.back().text;
}

const std::string& ReasonsFormatter::gaps(const VillageCoverage& c) const {
    static_assert(kGapCount <= 8, "a set of gaps indexes 256 texts");
    if (gaps_.empty()) {
        gaps_.resize(256);
        gapsMade_.assign(256, false);
    }
    const std::size_t set = c.scoredGaps & 0xFF;
    if (!gapsMade_[set]) {
        gaps_[set] = gapsText(c);
        gapsMade_[set] = true;
    }
    return gaps_[set];
}

const std::string& ReasonsFormatter::nearestTa(const DistanceBand& band) const {
    this->band(band);
    for (const Band& b : bands_)
        if (b.band == band) return b.nearestTa;
    return noTaLocated_;  // not reached: band() has just added it
}

void ReasonsFormatter::append(std::string& out, const Project& p, const VillageCoverage& c) const {
    const Village& v = p.villages[c.village];
    bool first = true;
    auto part = [&](std::string_view text) {
        if (!first) out += "; ";
        out += text;
        first = false;
    };
    // The terms of scoreTerms, in its order: scored gaps, reach unknown, the population factor.
    for (Gap g : kAllGaps) {
        if (!c.scored(g)) continue;
        if (g == Gap::TaOutOfReach) part(c.nearestTaBand ? nearestTa(*c.nearestTaBand) : noTaLocated_);
        else if (g == Gap::NoElectricity) part(gap_[int(g)][v.electricity == Electricity::None]);
        else if (g == Gap::NoMobile) part(gap_[int(g)][v.mobile == Mobile::None]);
        else part(gap_[int(g)][0]);
    }
    if (!c.taKnown) part(taUnknown_);
    if (rules_.population == PopulationMode::Factor)
        part(v.population ? tr("coverage.reason.population", {formatLocaleNumber(double(*v.population)), shortNumber(c.populationFactor)})
                          : populationUnknown_);
}

std::string ReasonsFormatter::text(const Project& p, const VillageCoverage& c) const {
    std::string out;
    append(out, p, c);
    return out;
}

std::string reasonsText(const Project& p, const CoverageResult& result, const VillageCoverage& c) {
    return ReasonsFormatter(result.rules).text(p, c);
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
