#include "core/coverage.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <system_error>
#include <thread>

#include "core/admin_names.h"
#include "core/code_index.h"
#include "core/code_order.h"
#include "core/spatial_index.h"
#include "core/village_marks.h"

namespace gapmap {
namespace {

constexpr std::uint16_t bit(Gap g) { return static_cast<std::uint16_t>(1u << static_cast<int>(g)); }

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

PopulationSource combine(PopulationSource a, PopulationSource b) {
    if (a == PopulationSource::None) return b;
    if (b == PopulationSource::None || a == b) return a;
    return PopulationSource::Mixed;
}

// A commune's population: the commune's own figure (admin_units.population, e.g. the census) when it
// has one, else what its villages give. The unit's figure counts the whole commune; a village list
// seldom holds every village (a typed list of a few gave "Đoàn Kết: 300" beside a census of thousands),
// and nothing tells gapmap whether it does.
void choosePopulation(const Project& p, AreaCoverage& commune) {
    // A census figure of 0 is a commune created after the census (the 2009 file has eight): no figure.
    const std::optional<std::int64_t> own = commune.unit >= 0 ? p.adminUnits[commune.unit].population : std::nullopt;
    if (own && *own > 0) {
        commune.population = *own;
        commune.populationSource = PopulationSource::Census;
    } else {
        commune.population = commune.people.total;
        commune.populationSource = commune.villages.total > commune.populationUnknown ? PopulationSource::Villages : PopulationSource::None;
    }
}

// Adds a commune's figures into its district or province.
void rollUp(const AreaCoverage& from, AreaCoverage& to) {
    to.population += from.population;
    to.populationSource = combine(to.populationSource, from.populationSource);
    for (auto field : kTallyFields) {
        to.villages.*field += from.villages.*field;
        to.people.*field += from.people.*field;
    }
    for (auto field : {&AreaCoverage::populationUnknown, &AreaCoverage::activeTrustedAddresses, &AreaCoverage::offices,
                       &AreaCoverage::officesWithoutComputers, &AreaCoverage::officesWithoutInternet, &AreaCoverage::communesWithoutOffice})
        to.*field += from.*field;
}

AreaCoverage areaOf(const Project& p, std::size_t unit, const DisplayNames& names) {
    const AdminUnit& u = p.adminUnits[unit];
    AreaCoverage a;
    a.unit = static_cast<std::int32_t>(unit);
    a.code = u.code;
    a.name = names.of(u);  // "xã Mường Tè" where two communes share a name
    a.parentCode = u.parentCode;
    a.level = u.level;
    return a;
}

// Communes and districts ordered by code (as in the report); the first province unit, else one
// named after the project.
void collectAreas(const Project& p, CoverageResult& r) {
    std::vector<std::size_t> units(p.adminUnits.size());
    for (std::size_t i = 0; i < units.size(); ++i) units[i] = i;
    auto byCode = [&](std::size_t a, std::size_t b) { return p.adminUnits[a].code < p.adminUnits[b].code; };
    if (!std::is_sorted(units.begin(), units.end(), byCode)) std::stable_sort(units.begin(), units.end(), byCode);
    r.communes.reserve(units.size());
    const DisplayNames names(p);
    for (std::size_t u : units) {
        const AdminLevel level = p.adminUnits[u].level;
        if (level == AdminLevel::Commune) r.communes.push_back(areaOf(p, u, names));
        else if (level == AdminLevel::District) r.districts.push_back(areaOf(p, u, names));
        else if (r.province.unit < 0 || u < static_cast<std::size_t>(r.province.unit)) r.province = areaOf(p, u, names);
    }
    if (r.province.unit < 0) {
        r.province.name = p.title();
        r.province.level = AdminLevel::Province;
    }
}

// The ranking as integers: k0 the score descending (in millionths, as scores are rounded), k1 the
// population descending (PopulationMode::Tiebreak) or else the code's first 8 bytes big-endian, so
// that integer order is byte order; equal keys fall back to the codes themselves.
struct RankKey {
    std::uint64_t k0, k1;
    std::uint32_t village;
};

// A total order (the village index settles equal codes), so sorted parts merge into the one ranking.
struct RankOrder {
    const Project& p;
    bool operator()(const RankKey& a, const RankKey& b) const {
        if (a.k0 != b.k0) return a.k0 < b.k0;
        if (a.k1 != b.k1) return a.k1 < b.k1;
        const std::string &ca = p.villages[a.village].code, &cb = p.villages[b.village].code;
        return ca != cb ? ca < cb : a.village < b.village;
    }
};

// The common case in linear time: when the listed villages already run in (k1, code) order (village
// lists imported in code order, ranked by code on equal scores), ranking is a stable bucket sort by
// score, and scores take few values (sums of a few weights). False, keys untouched, when either fails.
bool rankByScoreBuckets(const Project& p, std::vector<RankKey>& keys) {
    for (std::size_t j = 1; j < keys.size(); ++j) {
        const RankKey &a = keys[j - 1], &b = keys[j];
        if (a.k1 > b.k1 || (a.k1 == b.k1 && codeLess(p.villages[b.village].code, p.villages[a.village].code))) return false;
    }
    constexpr std::size_t kMaxScores = 64, kTable = 128;  // open addressing, at most half full
    std::uint64_t value[kTable];
    std::int32_t bucket[kTable];
    std::fill(bucket, bucket + kTable, -1);
    std::vector<std::uint64_t> scores;
    std::vector<std::uint8_t> of(keys.size());
    for (std::size_t j = 0; j < keys.size(); ++j) {
        std::size_t s = (keys[j].k0 * 0x9e3779b97f4a7c15ull) >> 57;  // top 7 bits: 128 slots
        while (bucket[s] >= 0 && value[s] != keys[j].k0) s = (s + 1) % kTable;
        if (bucket[s] < 0) {
            if (scores.size() == kMaxScores) return false;
            value[s] = keys[j].k0;
            bucket[s] = static_cast<std::int32_t>(scores.size());
            scores.push_back(keys[j].k0);
        }
        of[j] = static_cast<std::uint8_t>(bucket[s]);
    }
    // Buckets in k0 order (score descending); each keeps the villages' order.
    std::vector<std::uint32_t> rank(scores.size()), start(scores.size() + 1, 0);
    std::vector<std::size_t> byValue(scores.size());
    for (std::size_t b = 0; b < scores.size(); ++b) byValue[b] = b;
    std::sort(byValue.begin(), byValue.end(), [&](std::size_t x, std::size_t y) { return scores[x] < scores[y]; });
    for (std::size_t r = 0; r < byValue.size(); ++r) rank[byValue[r]] = static_cast<std::uint32_t>(r);
    for (std::uint8_t b : of) ++start[rank[b] + 1];
    for (std::size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
    std::vector<RankKey> sorted(keys.size());
    for (std::size_t j = 0; j < keys.size(); ++j) sorted[start[rank[of[j]]]++] = keys[j];
    keys.swap(sorted);
    return true;
}

// A listed village's ranking key, made while its record is in the cache.
RankKey rankKey(const Village& v, const VillageCoverage& c, std::uint32_t i, bool tiebreak) {
    const auto micro = static_cast<std::uint64_t>(std::llround(c.score * 1e6));
    const auto people = static_cast<std::uint64_t>(std::max<std::int64_t>(0, v.population.value_or(0)));
    return {~micro, tiebreak ? ~people : codeHead(v.code), i};
}

// Sorts one thread's listed villages (keys in village order) into ranking order.
void rankPart(const Project& p, std::vector<RankKey>& keys) {
    if (!rankByScoreBuckets(p, keys)) std::sort(keys.begin(), keys.end(), RankOrder{p});
}

enum : std::uint8_t { kTeam = 1, kClub = 2, kOutcome = 4 };
constexpr std::size_t kVillagesPerThread = 20000, kMaxThreads = 4;  // below 20,000 villages a thread costs more than it saves

// What evaluating a village needs to look up; shared read-only between threads.
struct Lookups {
    const CoverageRules& rules;
    const CodeIndex& communeIndex;
    const VillageMarks& marks;                   // kTeam | kClub | kOutcome per village code
    const std::vector<char>& communeWideClub;
    const std::vector<char>& anyClubInCommune;
    const std::vector<char>& taInCommune;        // an active Trusted Address is registered in the commune
    const SpatialIndex& index;                   // active Trusted Addresses with a location
    const DataPresence& data;                    // gaps over a table without data are unknown
};

// One thread's share: tallies per commune slot and the listed villages' ranking keys.
struct Partial {
    explicit Partial(std::size_t slots) : villages(slots), people(slots), populationUnknown(slots) {}
    std::vector<CoverageTally> villages, people;
    std::vector<std::int64_t> populationUnknown;
    std::vector<RankKey> ranked;  // the listed villages: in village order, then (rankPart) in ranking order
};

void evaluateRange(const Project& p, const Lookups& l, std::size_t begin, std::size_t end, std::vector<VillageCoverage>& out,
                   Partial& part) {
    const CoverageRules& rules = l.rules;
    const std::size_t noCommune = part.villages.size() - 1;
    const bool tiebreak = rules.population == PopulationMode::Tiebreak;
    VillageMarks::Cursor marks(l.marks);
    const std::function<bool(double, double)> sameBand = [&rules](double loKm, double hiKm) {
        return reportedBand(loKm, rules.taRadiusKm) == reportedBand(hiKm, rules.taRadiusKm);
    };
    for (std::size_t i = begin; i < end; ++i) {
        const Village& v = p.villages[i];
        VillageCoverage& c = out[i];
        c.village = static_cast<std::uint32_t>(i);
        // Villages come commune by commune: reuse the previous village's commune when the code repeats.
        c.commune = i > begin && compareCodes(v.communeCode, p.villages[i - 1].communeCode) == 0 ? out[i - 1].commune : l.communeIndex.find(v.communeCode);
        const bool inCommune = c.commune >= 0;
        const std::uint8_t registered = marks.flagsOf(v.code);
        c.team = registered & kTeam;
        c.club = (registered & kClub) ||
                 (inCommune && (l.communeWideClub[c.commune] || (rules.clubAnywhereInCommune && l.anyClubInCommune[c.commune])));
        c.noLocation = !v.location;
        // Vincenty only where the spherical bounds straddle the radius or a band edge (a few percent).
        if (v.location)
            if (const auto bounds = l.index.nearestBounds(*v.location, sameBand)) c.nearestTaBand = reportedBand(bounds->loKm, rules.taRadiusKm);
        const bool byDistance = c.nearestTaBand && c.nearestTaBand->fromKm == 0;
        const bool byCommune = rules.taInCommune && inCommune && l.taInCommune[c.commune];
        c.taReached = byDistance || byCommune;
        // Without coordinates the distance is unknown, unless there is no located Trusted Address at all.
        c.taKnown = c.taReached || !c.noLocation || l.index.size() == 0;
        // No Trusted Address table at all: reach is unknown for every village alike; it is said once
        // (unscoredTables), not village by village.
        if (!l.data.trustedAddressReach) c.taKnown = true;
        std::uint16_t gaps = 0;
        if (!c.team && l.data.teams) gaps |= bit(Gap::NoTeam);
        if (!c.club && l.data.clubs) gaps |= bit(Gap::NoClub);
        if (c.taKnown && !c.taReached && l.data.trustedAddressReach) gaps |= bit(Gap::TaOutOfReach);
        // A column the villages file did not have holds defaults, not facts: its gap is unknown.
        if (v.electricity != Electricity::Grid && l.data.electricity) gaps |= bit(Gap::NoElectricity);
        if ((v.mobile == Mobile::None || v.mobile == Mobile::G2) && l.data.mobile) gaps |= bit(Gap::NoMobile);
        if (!v.internet && l.data.internet) gaps |= bit(Gap::NoInternet);
        const bool especiallyDifficult = v.especiallyDifficult && l.data.especiallyDifficult;
        if (especiallyDifficult) gaps |= bit(Gap::EspeciallyDifficult);
        if (registered & kOutcome) gaps |= bit(Gap::Outcomes);
        c.gaps = gaps;
        double sum = 0;
        for (Gap g : kAllGaps)
            if ((gaps & bit(g)) && rules.weight(g) > 0) { c.scoredGaps |= bit(g); sum += rules.weight(g); }
        if (rules.population == PopulationMode::Factor && v.population) c.populationFactor = static_cast<double>(*v.population) / 100;
        c.score = std::round(sum * c.populationFactor * 1e6) / 1e6;  // equal gap sets give equal scores, whatever the order of sums
        if (c.listed()) part.ranked.push_back(rankKey(v, c, static_cast<std::uint32_t>(i), tiebreak));
        const std::size_t slot = inCommune ? static_cast<std::size_t>(c.commune) : noCommune;
        add(part.villages[slot], c, especiallyDifficult, 1);
        add(part.people[slot], c, especiallyDifficult, v.population.value_or(0));
        part.populationUnknown[slot] += !v.population;
    }
}

// What is registered in which village: the codes teams, clubs and outcomes name, looked up once per
// village (cheaper than indexing every village).
void markVillages(const Project& p, const CoverageRules& rules, VillageMarks& marks) {
    for (const CommunicationTeam& t : p.teams) marks.add(t.villageCode, kTeam);
    for (const Club& c : p.clubs) marks.add(c.villageCode, kClub);
    // The `outcomes` gap: a village's reported cases over every year reach the confidentiality
    // threshold k. A gap for 1 … k−1 cases would publish a count below k (README "Confidentiality").
    CodeIndex outcomeVillages(p.outcomes.size());
    std::vector<std::int64_t> cases;
    for (const Outcome& o : p.outcomes) {
        const std::int32_t k = outcomeVillages.insert(o.villageCode);
        if (k < 0) continue;
        if (static_cast<std::size_t>(k) == cases.size()) cases.push_back(0);
        cases[k] += std::max(0, o.childMarriages) + std::max(0, o.consanguineousMarriages);
    }
    for (const Outcome& o : p.outcomes) {
        const std::int32_t k = outcomeVillages.find(o.villageCode);
        if (k >= 0 && cases[k] >= rules.confidentialityK) marks.add(o.villageCode, kOutcome);
    }
    marks.finish();
}

// Active Trusted Addresses with a location, in project order.
SpatialIndex activeTaIndex(const Project& p) {
    std::vector<LonLat> located;
    for (const TrustedAddress& a : p.trustedAddresses)
        if (a.active && a.location) located.push_back(*a.location);
    return SpatialIndex(located);
}

}  // namespace

DistanceBand reportedBand(double km, double radiusKm) {
    constexpr double kBandKm = 5;
    if (km <= radiusKm + kTaReachToleranceKm) return {0, radiusKm};
    const double from = radiusKm + std::floor((km - radiusKm) / kBandKm) * kBandKm;
    return {from, from + kBandKm};
}

CoverageResult analyseCoverage(const Project& p) { return analyseCoverage(p, CoverageRules::fromProject(p)); }

CoverageResult analyseCoverage(const Project& p, const CoverageRules& rules, unsigned threadCount) {
    const std::size_t n = p.villages.size();
    const std::size_t threads = threadCount > 0 ? threadCount
                              : n < kVillagesPerThread ? 1
                                                       : std::min<std::size_t>(kMaxThreads, std::max(1u, std::thread::hardware_concurrency()));
    // The village marks and the Trusted Address index (a few ms each) are built on a second thread,
    // where there is one, while this one does the areas' bookkeeping.
    VillageMarks marks(villagesLookInCodeOrder(p.villages));
    SpatialIndex taIndex;
    std::exception_ptr prepareFailed;
    auto prepare = [&] {
        try {
            markVillages(p, rules, marks);
            taIndex = activeTaIndex(p);
        } catch (...) {
            prepareFailed = std::current_exception();
        }
    };
    std::thread preparing;
    if (threads > 1) {
        try {
            preparing = std::thread(prepare);
        } catch (const std::system_error&) {
            prepare();
        }
    } else {
        prepare();
    }
    struct Join {  // joined on every way out, exceptions included
        std::thread& t;
        ~Join() { if (t.joinable()) t.join(); }
    } joinPreparing{preparing};

    CoverageResult r;
    r.rules = rules;
    r.data = DataPresence::of(p);
    collectAreas(p, r);
    CodeIndex communeIndex(r.communes.size()), districtIndex(r.districts.size());
    for (const AreaCoverage& a : r.communes) communeIndex.insert(a.code);
    for (const AreaCoverage& a : r.districts) districtIndex.insert(a.code);
    auto communeArea = [&](std::int32_t c) -> AreaCoverage& { return c >= 0 ? r.communes[c] : r.province; };

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
    for (const TrustedAddress& a : p.trustedAddresses) {
        if (!a.active) continue;
        const std::int32_t commune = rowCommune(a.communeCode, a.villageCode);
        if (commune >= 0) taInCommune[commune] = 1;
        ++communeArea(commune).activeTrustedAddresses;
        r.activeTaWithoutLocation += !a.location;
    }
    for (const CommuneOffice& o : p.communeOffices) {
        AreaCoverage& area = communeArea(communeIndex.find(o.communeCode));
        ++area.offices;
        area.officesWithoutComputers += o.computers <= 0;
        area.officesWithoutInternet += !o.internet;
    }

    // Each village: reach, gaps, score; figures per commune (the last slot: no known commune).
    // Villages are independent, so a large project is split between threads; each thread keeps
    // its own tallies and list, merged in village order: the result does not depend on threads.
    r.villages.resize(n);
    if (preparing.joinable()) preparing.join();
    if (prepareFailed) std::rethrow_exception(prepareFailed);
    const Lookups lookups{rules, communeIndex, marks, communeWideClub, anyClubInCommune, taInCommune, taIndex, r.data};
    std::vector<Partial> partials(threads, Partial(r.communes.size() + 1));
    std::vector<std::thread> workers;
    // Villages are handed out in chunks, in order, to whichever thread is free: threads finish
    // together even when one runs slower. Each thread's chunks still run in village order, which
    // the merge join and the ranking's fast path like; the sums and the ranking do not depend on
    // which thread took which chunk.
    const std::size_t chunk = std::max<std::size_t>(4096, n / (threads * 8) + 1);
    std::atomic<std::size_t> nextChunk{0};
    for (std::size_t t = 0; t < threads; ++t) {
        auto run = [&, t] {
            partials[t].ranked.reserve(n / threads + chunk);
            for (std::size_t begin; (begin = nextChunk.fetch_add(chunk)) < n;)
                evaluateRange(p, lookups, begin, std::min(n, begin + chunk), r.villages, partials[t]);
            rankPart(p, partials[t].ranked);
        };
        if (t + 1 == threads) {
            run();
            continue;
        }
        try {
            workers.emplace_back(run);
        } catch (const std::system_error&) {  // no thread to be had: do that share here
            run();
        }
    }
    for (std::thread& w : workers) w.join();
    for (std::size_t slot = 0; slot <= r.communes.size(); ++slot) {
        AreaCoverage& area = slot < r.communes.size() ? r.communes[slot] : r.province;
        for (const Partial& part : partials) {
            for (auto field : kTallyFields) {
                area.villages.*field += part.villages[slot].*field;
                area.people.*field += part.people[slot].*field;
            }
            area.populationUnknown += part.populationUnknown[slot];
        }
    }
    // The threads' sorted parts merge into the ranking: score descending, [population,] code.
    std::vector<RankKey> ranked = std::move(partials[0].ranked);
    for (std::size_t t = 1; t < threads; ++t) {
        const std::size_t middle = ranked.size();
        ranked.insert(ranked.end(), partials[t].ranked.begin(), partials[t].ranked.end());
        std::inplace_merge(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(middle), ranked.end(), RankOrder{p});
    }
    r.priority.reserve(ranked.size());
    for (const RankKey& k : ranked) r.priority.push_back(k.village);

    // Communes add up into their districts and the province; so do their populations (choosePopulation).
    r.province.population = r.province.people.total;  // villages in no known commune
    r.province.populationSource = r.province.population > 0 ? PopulationSource::Villages : PopulationSource::None;
    for (AreaCoverage& commune : r.communes) {
        commune.communesWithoutOffice = commune.offices == 0;
        choosePopulation(p, commune);
        const std::int32_t d = districtIndex.find(commune.parentCode);
        if (d >= 0) rollUp(commune, r.districts[d]);
        rollUp(commune, r.province);
    }
    for (AreaCoverage* a : {&r.province}) a->data = r.data;
    for (auto* list : {&r.communes, &r.districts})
        for (AreaCoverage& a : *list) a.data = r.data;
    return r;
}

DataPresence DataPresence::of(const Project& p) {
    DataPresence d;
    d.teams = p.hasData(kTeamsTable);
    d.clubs = p.hasData(kClubsTable);
    d.trustedAddresses = p.hasData(kTrustedAddressesTable);
    d.trustedAddressReach = d.trustedAddresses && !p.trustedAddressCountsOnly;
    d.offices = p.hasData(kOfficesTable);
    d.outcomes = p.hasData(kOutcomesTable);
    d.electricity = p.hasData(kVillageElectricity);
    d.mobile = p.hasData(kVillageMobile);
    d.internet = p.hasData(kVillageInternet);
    d.especiallyDifficult = p.hasData(kVillageEspeciallyDifficult);
    return d;
}

const char* toString(PopulationSource source) {
    switch (source) {
        case PopulationSource::Villages: return "villages";
        case PopulationSource::Census: return "census";
        case PopulationSource::Mixed: return "mixed";
        case PopulationSource::None: break;
    }
    return "none";
}

std::vector<std::string> unscoredTables(const CoverageResult& r) {
    std::vector<std::string> out;
    if (!r.data.teams) out.push_back(kTeamsTable);
    if (!r.data.clubs) out.push_back(kClubsTable);
    if (!r.data.trustedAddressReach) out.push_back(kTrustedAddressesTable);
    // Village columns only when there are villages: without them nothing was left unscored.
    const bool villages = !r.villages.empty();
    if (villages && !r.data.electricity) out.push_back(kVillageElectricity);
    if (villages && !r.data.mobile) out.push_back(kVillageMobile);
    if (villages && !r.data.internet) out.push_back(kVillageInternet);
    if (villages && !r.data.especiallyDifficult) out.push_back(kVillageEspeciallyDifficult);
    if (!r.data.outcomes) out.push_back(kOutcomesTable);
    return out;
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
