#include "core/coverage.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/code_index.h"
#include "core/spatial_index.h"

namespace gapmap {
namespace {

constexpr std::uint16_t bit(Gap g) { return static_cast<std::uint16_t>(1u << static_cast<int>(g)); }

// Distances are compared with the radius to the nearest metre, so a village placed at exactly
// R km is reached whatever the last bits of the arithmetic say.
constexpr double kReachToleranceKm = 0.0005;

constexpr std::int64_t CoverageTally::*kTallyFields[] = {
    &CoverageTally::total, &CoverageTally::especiallyDifficult, &CoverageTally::team, &CoverageTally::especiallyDifficultWithTeam,
    &CoverageTally::club, &CoverageTally::taReached, &CoverageTally::taUnknown, &CoverageTally::noElectricity,
    &CoverageTally::noMobile, &CoverageTally::noInternet, &CoverageTally::outcomes, &CoverageTally::noLocation,
    &CoverageTally::listed};
static_assert(sizeof(kTallyFields) / sizeof(kTallyFields[0]) * sizeof(std::int64_t) == sizeof(CoverageTally),
              "every CoverageTally field is rolled up");

void add(CoverageTally& t, const VillageCoverage& c, bool especiallyDifficult, std::int64_t n) {
    t.total += n;
    t.especiallyDifficult += especiallyDifficult ? n : 0;
    t.team += c.team ? n : 0;
    t.especiallyDifficultWithTeam += especiallyDifficult && c.team ? n : 0;
    t.club += c.club ? n : 0;
    t.taReached += c.taReached ? n : 0;
    t.taUnknown += c.taKnown ? 0 : n;
    t.noElectricity += c.has(Gap::NoElectricity) ? n : 0;
    t.noMobile += c.has(Gap::NoMobile) ? n : 0;
    t.noInternet += c.has(Gap::NoInternet) ? n : 0;
    t.outcomes += c.has(Gap::Outcomes) ? n : 0;
    t.noLocation += c.noLocation ? n : 0;
    t.listed += c.listed() ? n : 0;
}

// Adds a commune's figures into its district or province.
void rollUp(const AreaCoverage& from, AreaCoverage& to) {
    for (auto field : kTallyFields) {
        to.villages.*field += from.villages.*field;
        to.people.*field += from.people.*field;
    }
    for (auto field : {&AreaCoverage::populationUnknown, &AreaCoverage::activeTrustedAddresses, &AreaCoverage::offices,
                       &AreaCoverage::officesWithoutComputers, &AreaCoverage::officesWithoutInternet, &AreaCoverage::communesWithoutOffice})
        to.*field += from.*field;
}

AreaCoverage areaOf(const Project& p, std::size_t unit) {
    const AdminUnit& u = p.adminUnits[unit];
    AreaCoverage a;
    a.unit = static_cast<std::int32_t>(unit);
    a.code = u.code;
    a.name = u.name;
    a.parentCode = u.parentCode;
    a.level = u.level;
    return a;
}

// Communes and districts ordered by code (as in the report); the first province unit, else one
// named after the project.
void collectAreas(const Project& p, CoverageResult& r) {
    std::vector<std::size_t> units(p.adminUnits.size());
    for (std::size_t i = 0; i < units.size(); ++i) units[i] = i;
    std::stable_sort(units.begin(), units.end(), [&](std::size_t a, std::size_t b) { return p.adminUnits[a].code < p.adminUnits[b].code; });
    for (std::size_t u : units) {
        const AdminLevel level = p.adminUnits[u].level;
        if (level == AdminLevel::Commune) r.communes.push_back(areaOf(p, u));
        else if (level == AdminLevel::District) r.districts.push_back(areaOf(p, u));
        else if (r.province.unit < 0 || u < static_cast<std::size_t>(r.province.unit)) r.province = areaOf(p, u);
    }
    if (r.province.unit < 0) {
        r.province.name = p.settingOr("title", "gapmap project");
        r.province.level = AdminLevel::Province;
    }
}

// The ranking key: score descending, [population descending,] code ascending, compared as
// integers first; the code's first 16 bytes big-endian, so integer order is byte order.
struct RankKey {
    double score;
    std::int64_t population;
    std::uint64_t code0, code1;
    std::uint32_t village;
};

std::uint64_t bigEndian(const std::string& s, std::size_t from) {
    std::uint64_t v = 0;
    for (std::size_t i = from; i < from + 8; ++i) v = v << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0u);
    return v;
}

void rank(const Project& p, CoverageResult& r) {
    const bool tiebreak = r.rules.population == PopulationMode::Tiebreak;
    std::vector<RankKey> keys;
    keys.reserve(r.priority.size());
    for (std::uint32_t i : r.priority) {
        const Village& v = p.villages[i];
        keys.push_back({r.villages[i].score, tiebreak ? v.population.value_or(-1) : 0, bigEndian(v.code, 0), bigEndian(v.code, 8), i});
    }
    std::sort(keys.begin(), keys.end(), [&](const RankKey& a, const RankKey& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.population != b.population) return a.population > b.population;
        if (a.code0 != b.code0) return a.code0 < b.code0;
        if (a.code1 != b.code1) return a.code1 < b.code1;
        const std::string &ca = p.villages[a.village].code, &cb = p.villages[b.village].code;
        return ca.size() > 16 || cb.size() > 16 ? (ca != cb ? ca < cb : a.village < b.village) : a.village < b.village;
    });
    for (std::size_t k = 0; k < keys.size(); ++k) r.priority[k] = keys[k].village;
}

}  // namespace

CoverageResult analyseCoverage(const Project& p) { return analyseCoverage(p, CoverageRules::fromProject(p)); }

CoverageResult analyseCoverage(const Project& p, const CoverageRules& rules) {
    CoverageResult r;
    r.rules = rules;
    collectAreas(p, r);
    CodeIndex communeIndex(r.communes.size()), districtIndex(r.districts.size());
    for (const AreaCoverage& a : r.communes) communeIndex.insert(a.code);
    for (const AreaCoverage& a : r.districts) districtIndex.insert(a.code);
    const std::size_t n = p.villages.size();
    auto communeArea = [&](std::int32_t c) -> AreaCoverage& { return c >= 0 ? r.communes[c] : r.province; };

    // What is registered in which village: one small index over the codes teams, clubs and outcomes
    // name, looked up once per village (cheaper than indexing every village).
    enum : std::uint8_t { kTeam = 1, kClub = 2, kOutcome = 4 };
    CodeIndex named(p.teams.size() + p.clubs.size() + p.outcomes.size());
    std::vector<std::uint8_t> namedFlags;
    auto mark = [&](const std::string& villageCode, std::uint8_t flag) {
        const std::int32_t k = named.insert(villageCode);
        if (k < 0) return;
        if (static_cast<std::size_t>(k) == namedFlags.size()) namedFlags.push_back(0);
        namedFlags[k] |= flag;
    };
    for (const CommunicationTeam& t : p.teams) mark(t.villageCode, kTeam);
    for (const Club& c : p.clubs) mark(c.villageCode, kClub);
    for (const Outcome& o : p.outcomes)
        if (o.childMarriages + o.consanguineousMarriages > 0) mark(o.villageCode, kOutcome);

    // A club or Trusted Address belongs to its commune_code, else to its village's commune.
    std::unique_ptr<CodeIndex> villageIndex;  // built only when a row needs it
    auto rowCommune = [&](const std::string& communeCode, const std::string& villageCode) {
        const std::int32_t c = communeIndex.find(communeCode);
        if (c >= 0 || villageCode.empty()) return c;
        if (!villageIndex) {
            villageIndex = std::make_unique<CodeIndex>(n);
            for (const Village& v : p.villages) villageIndex->insert(v.code);
        }
        const std::int32_t v = villageIndex->find(villageCode);
        return v >= 0 ? communeIndex.find(p.villages[v].communeCode) : -1;
    };
    std::vector<char> communeWideClub(r.communes.size()), anyClubInCommune(r.communes.size()), taInCommune(r.communes.size());
    for (const Club& c : p.clubs) {
        const std::int32_t commune = rowCommune(c.communeCode, c.villageCode);
        if (commune < 0) continue;
        anyClubInCommune[commune] = 1;
        if (c.villageCode.empty()) communeWideClub[commune] = 1;  // an empty village_code: the club serves the whole commune
    }
    std::vector<LonLat> taPoints;
    for (const TrustedAddress& a : p.trustedAddresses) {
        if (!a.active) continue;
        const std::int32_t commune = rowCommune(a.communeCode, a.villageCode);
        if (commune >= 0) taInCommune[commune] = 1;
        ++communeArea(commune).activeTrustedAddresses;
        if (a.location) taPoints.push_back(*a.location);
        else ++r.activeTaWithoutLocation;
    }
    for (const CommuneOffice& o : p.communeOffices) {
        AreaCoverage& area = communeArea(communeIndex.find(o.communeCode));
        ++area.offices;
        area.officesWithoutComputers += o.computers <= 0;
        area.officesWithoutInternet += !o.internet;
    }

    // Each village: reach, gaps, score; its figures go to its commune (or straight to the province).
    const SpatialIndex index(taPoints);
    std::vector<CoverageTally> villageTallies(r.communes.size() + 1), peopleTallies(r.communes.size() + 1);
    std::vector<std::int64_t> populationUnknown(r.communes.size() + 1);
    r.villages.resize(n);
    r.priority.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Village& v = p.villages[i];
        VillageCoverage& c = r.villages[i];
        c.village = static_cast<std::uint32_t>(i);
        c.commune = communeIndex.find(v.communeCode);
        const bool inCommune = c.commune >= 0;
        const std::int32_t k = named.find(v.code);
        const std::uint8_t registered = k >= 0 ? namedFlags[k] : 0;
        c.team = registered & kTeam;
        c.club = (registered & kClub) ||
                 (inCommune && (communeWideClub[c.commune] || (rules.clubAnywhereInCommune && anyClubInCommune[c.commune])));
        c.noLocation = !v.location;
        if (v.location)
            if (const auto hit = index.nearest(*v.location)) c.nearestTaKm = hit->km;
        const bool byDistance = c.nearestTaKm && *c.nearestTaKm <= rules.taRadiusKm + kReachToleranceKm;
        const bool byCommune = rules.taInCommune && inCommune && taInCommune[c.commune];
        c.taReached = byDistance || byCommune;
        // Without coordinates the distance is unknown, unless there is no located Trusted Address at all.
        c.taKnown = c.taReached || !c.noLocation || index.size() == 0;
        std::uint16_t gaps = 0;
        if (!c.team) gaps |= bit(Gap::NoTeam);
        if (!c.club) gaps |= bit(Gap::NoClub);
        if (c.taKnown && !c.taReached) gaps |= bit(Gap::TaOutOfReach);
        if (v.electricity != Electricity::Grid) gaps |= bit(Gap::NoElectricity);
        if (v.mobile == Mobile::None || v.mobile == Mobile::G2) gaps |= bit(Gap::NoMobile);
        if (!v.internet) gaps |= bit(Gap::NoInternet);
        if (v.especiallyDifficult) gaps |= bit(Gap::EspeciallyDifficult);
        if (registered & kOutcome) gaps |= bit(Gap::Outcomes);
        c.gaps = gaps;
        double sum = 0;
        for (Gap g : kAllGaps)
            if ((gaps & bit(g)) && rules.weight(g) > 0) { c.scoredGaps |= bit(g); sum += rules.weight(g); }
        if (rules.population == PopulationMode::Factor && v.population) c.populationFactor = static_cast<double>(*v.population) / 100;
        c.score = std::round(sum * c.populationFactor * 1e6) / 1e6;  // equal gap sets give equal scores, whatever the order of sums
        if (c.listed()) r.priority.push_back(static_cast<std::uint32_t>(i));
        // Compact per-commune tallies (the last one: villages of no known commune) stay in cache.
        const std::size_t slot = c.commune >= 0 ? static_cast<std::size_t>(c.commune) : r.communes.size();
        add(villageTallies[slot], c, v.especiallyDifficult, 1);
        add(peopleTallies[slot], c, v.especiallyDifficult, v.population.value_or(0));
        populationUnknown[slot] += !v.population;
    }

    // Communes add up into their districts and the province.
    for (std::size_t slot = 0; slot <= r.communes.size(); ++slot) {
        AreaCoverage& area = slot < r.communes.size() ? r.communes[slot] : r.province;
        area.villages = villageTallies[slot];
        area.people = peopleTallies[slot];
        area.populationUnknown = populationUnknown[slot];
    }
    for (AreaCoverage& commune : r.communes) {
        commune.communesWithoutOffice = commune.offices == 0;
        const std::int32_t d = districtIndex.find(commune.parentCode);
        if (d >= 0) rollUp(commune, r.districts[d]);
        rollUp(commune, r.province);
    }
    rank(p, r);
    return r;
}

std::vector<ScoreTerm> scoreTerms(const VillageCoverage& c, const CoverageRules& rules) {
    std::vector<ScoreTerm> terms;
    for (Gap g : kAllGaps)
        if (c.scored(g)) terms.push_back({ScoreTerm::Kind::Gap, g, rules.weight(g)});
    if (!c.taKnown) terms.push_back({ScoreTerm::Kind::TaUnknown, Gap::TaOutOfReach, 0});
    if (rules.population == PopulationMode::Factor) terms.push_back({ScoreTerm::Kind::PopulationFactor, Gap::NoTeam, c.populationFactor});
    return terms;
}

std::string gapsText(const VillageCoverage& c) {
    std::string out;
    for (Gap g : kAllGaps)
        if (c.scored(g)) out += (out.empty() ? "" : ";") + std::string(gapCode(g));
    return out;
}

}  // namespace gapmap
