// Every English text of the coverage analysis, in one place for the move to translation catalogues.
#include <cmath>
#include <cstdio>
#include <map>

#include "core/coverage.h"
#include "core/text_format.h"

namespace gapmap {
namespace {

std::string points(double weight) { return " +" + formatShortest(weight); }

}  // namespace

std::string gapLabel(Gap gap) {
    switch (gap) {
        case Gap::NoTeam: return "no communication team";
        case Gap::NoClub: return "no Leader of Change club";
        case Gap::TaOutOfReach: return "no active Trusted Address within reach";
        case Gap::NoElectricity: return "no grid electricity";
        case Gap::NoMobile: return "no mobile signal (none or 2G only)";
        case Gap::NoInternet: return "no internet";
        case Gap::EspeciallyDifficult: return "especially difficult village";
        case Gap::Outcomes: return "reported child or consanguineous marriages";
    }
    return "";
}

double reportedKm(double km, double radiusKm) {
    const double tenths = std::round(km * 10) / 10;
    return tenths <= radiusKm && km > radiusKm ? std::round(km * 1000) / 1000 : tenths;
}

std::string reasonsText(const Project& p, const CoverageResult& result, const VillageCoverage& c) {
    const Village& v = p.villages[c.village];
    const double radius = result.rules.taRadiusKm;
    std::string out;
    for (const ScoreTerm& t : scoreTerms(c, result.rules)) {
        std::string part;
        if (t.kind == ScoreTerm::Kind::TaUnknown) {
            part = "no coordinates: Trusted Address distance unknown";
        } else if (t.kind == ScoreTerm::Kind::PopulationFactor) {
            part = v.population ? "population " + std::to_string(*v.population) + " ×" + formatShortest(t.value)
                                : "population unknown ×1";
        } else if (t.gap == Gap::TaOutOfReach && c.nearestTaKm) {
            const double km = reportedKm(*c.nearestTaKm, radius);
            char buf[32];
            std::snprintf(buf, sizeof buf, km == std::round(km * 10) / 10 ? "%.1f" : "%.3f", km);
            part = "nearest Trusted Address " + std::string(buf) + " km" + points(t.value);
        } else {
            switch (t.gap) {
                case Gap::NoTeam: part = "no team"; break;
                case Gap::NoClub: part = "no club"; break;
                case Gap::TaOutOfReach: part = "no active Trusted Address located"; break;
                case Gap::NoElectricity: part = v.electricity == Electricity::None ? "no electricity" : "off-grid electricity only"; break;
                case Gap::NoMobile: part = v.mobile == Mobile::None ? "no mobile signal" : "2G only"; break;
                case Gap::NoInternet: part = "no internet"; break;
                case Gap::EspeciallyDifficult: part = "especially difficult village"; break;
                case Gap::Outcomes: part = "reported child or consanguineous marriages"; break;
            }
            part += points(t.value);
        }
        out += (out.empty() ? "" : "; ") + part;
    }
    return out;
}

std::string measureLabel(const AreaMeasure& m) {
    static const std::map<std::string, std::string> labels = {
        {"villages", "Villages"},
        {"population", "People (sum of village populations)"},
        {"villages_population_unknown", "Villages without a population figure"},
        {"especially_difficult", "Especially difficult villages"},
        {"with_team", "Villages with a communication team"},
        {"pct_with_team", "% of villages with a team"},
        {"especially_difficult_with_team", "Especially difficult villages with a team"},
        {"pct_especially_difficult_with_team", "% of especially difficult villages with a team"},
        {"with_club", "Villages reached by a club"},
        {"pct_with_club", "% of villages reached by a club"},
        {"ta_reached", "Villages reached by a Trusted Address"},
        {"pct_ta_reached", "% of villages reached by a Trusted Address"},
        {"ta_unknown", "Villages whose Trusted Address reach is unknown (no coordinates)"},
        {"no_electricity", "Villages without grid electricity"},
        {"no_mobile", "Villages without mobile signal (none or 2G)"},
        {"no_internet", "Villages without internet"},
        {"no_location", "Villages without coordinates"},
        {"priority_villages", "Villages in the priority list"},
        {"people_with_team", "People in villages with a team"},
        {"pct_people_with_team", "% of people in villages with a team"},
        {"people_with_club", "People reached by a club"},
        {"pct_people_with_club", "% of people reached by a club"},
        {"people_ta_reached", "People reached by a Trusted Address"},
        {"pct_people_ta_reached", "% of people reached by a Trusted Address"},
        {"people_no_electricity", "People without grid electricity"},
        {"pct_people_no_electricity", "% of people without grid electricity"},
        {"people_no_mobile", "People without mobile signal"},
        {"pct_people_no_mobile", "% of people without mobile signal"},
        {"people_no_internet", "People without internet"},
        {"pct_people_no_internet", "% of people without internet"},
        {"active_trusted_addresses", "Active Trusted Addresses"},
        {"commune_offices", "Commune office records"},
        {"offices_without_computers", "Commune offices without computers"},
        {"offices_without_internet", "Commune offices without internet"},
        {"communes_without_office_record", "Communes without a commune office record"},
    };
    const auto it = labels.find(m.key);
    return it == labels.end() ? m.key : it->second;
}

}  // namespace gapmap
