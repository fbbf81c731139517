// A hand-built project whose coverage answers are known, shared by the coverage, export and CLI tests.
// Positions were computed with PROJ's geod (WGS84, Karney) from the Trusted Address T1 at 103°E 22°N:
//   A2 exactly 10,000 m north, A3 10,001 m north, A4 500 m north, B1 3,000 m east, B2 30,000 m east.
// Default rules (R = 10 km, weights no_team 3, no_club 2, ta_out_of_reach 2, no_electricity 1,
// no_mobile 1, no_internet 1, especially_difficult 2, outcomes 3; confidentiality.k 5) rank:
//   B2 11, A3 7, A2 5, B1 5 (tie: by code), B3 3 (no coordinates), A1 2; A4 has no gap.
#pragma once
#include "core/model.h"

namespace gapmap::test {

inline Village scenarioVillage(const std::string& code, const std::string& commune, std::optional<LonLat> at, int64_t population) {
    Village v;
    v.code = code;
    v.name = "Bản " + code;
    v.communeCode = commune;
    v.location = at;
    v.population = population;
    return v;
}

inline Project coverageScenario() {
    Project p;
    const Ring square = {{103.0, 21.9}, {103.2, 21.9}, {103.2, 22.2}, {103.0, 22.2}, {103.0, 21.9}};
    p.adminUnits = {{"1", "Tỉnh Thử", AdminLevel::Province, "", "tỉnh", {}, false, {Polygon{{square}}}},
                    {"11", "Huyện Một", AdminLevel::District, "1", "huyện", {}, false, {Polygon{{square}}}},
                    {"113", "Xã C", AdminLevel::Commune, "11", "xã", {}, false, {}},  // no villages, no office
                    {"111", "Xã A", AdminLevel::Commune, "11", "xã", {}, false,
                     {Polygon{{{{103.0, 21.9}, {103.01, 21.9}, {103.01, 22.2}, {103.0, 22.2}, {103.0, 21.9}}}}}},
                    {"112", "Xã B", AdminLevel::Commune, "11", "xã", {}, false,
                     {Polygon{{{{103.01, 21.9}, {103.4, 21.9}, {103.4, 22.2}, {103.01, 22.2}, {103.01, 21.9}}}}}}};
    // Not in code order on purpose: the ranking must not depend on input order.
    p.villages = {scenarioVillage("B3", "112", std::nullopt, 250),
                  scenarioVillage("A3", "111", LonLat{103.0, 22.090318073200}, 150),
                  scenarioVillage("A4", "111", LonLat{103.0, 22.004515475748}, 50),
                  scenarioVillage("B1", "112", LonLat{103.029052271156, 21.999997426894}, 300),
                  scenarioVillage("A2", "111", LonLat{103.0, 22.090309042346}, 100),
                  scenarioVillage("B2", "112", LonLat{103.290522365657, 21.999742690052}, 400),
                  scenarioVillage("A1", "111", LonLat{103.0, 22.0}, 200)};
    Village& b1 = p.villages[3];
    b1.electricity = Electricity::None;
    b1.mobile = Mobile::G2;
    Village& b2 = p.villages[5];
    b2.internet = false;
    b2.especiallyDifficult = true;
    p.villages[6].especiallyDifficult = true;  // A1
    p.teams = {{"A1", "2022-01-01", 8, 1, "Zalo"}, {"A4", "2023-01-01", 6, 3, "Zalo"}};
    p.clubs = {{"C1", "CLB A1", "111", "A1", "2022-01-01", 20}, {"C2", "CLB A4", "111", "A4", "2022-01-01", 15},
               {"C3", "CLB xã B", "112", "", "2022-01-01", 30}};  // commune-wide in B
    p.trustedAddresses = {{"T1", "Địa chỉ tin cậy A", "111", "A1", "", "shelter", true, LonLat{103.0, 22.0}},
                          {"T2", "Địa chỉ cũ", "112", "B2", "", "shelter", false, LonLat{103.290522365657, 21.999742690052}},
                          {"T3", "Địa chỉ xã B", "112", "", "", "hotline", true, std::nullopt}};  // active, not located
    p.communeOffices = {{"111", 2, true}, {"112", 0, false}};
    // B2: 5 cases over two years, reaching k = 5 (the `outcomes` gap); A3: 4 cases, below k (no gap,
    // README "Confidentiality"); a row of zeros is no outcome.
    p.outcomes = {{"B2", 2023, 2, 1}, {"B2", 2024, 1, 1}, {"A3", 2024, 3, 1}, {"A2", 2024, 0, 0}};
    p.setSetting("title", "Tỉnh Thử");
    return p;
}

}  // namespace gapmap::test
