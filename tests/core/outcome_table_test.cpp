// Outcome counts per area as `gapmap report` publishes them (app/core/outcome_table.h), on the
// hand-built scenario of tests/support/coverage_scenario.h: sums over years, small counts suppressed.
#include <catch2/catch.hpp>

#include "core/i18n.h"
#include "core/outcome_table.h"
#include "core/report.h"
#include "support/coverage_scenario.h"

using namespace gapmap;
using gapmap::test::coverageScenario;

namespace {

// "code child cons" per row, as published.
std::string published(const OutcomeTable& t) {
    std::string out;
    for (const OutcomeRow& r : t.rows)
        out += (out.empty() ? "" : " | ") + r.code + " " + shownCell(t, r.childMarriages) + " " + shownCell(t, r.consanguineousMarriages);
    return out;
}

}  // namespace

TEST_CASE("outcomes per commune, district and province: sums over years, small counts hidden", "[core][outcomes][confidentiality]") {
    const Project p = coverageScenario();
    const OutcomeTable t = outcomeTable(p, analyseCoverage(p));
    CHECK(t.k == 5);
    CHECK(t.firstYear == 2023);
    CHECK(t.lastYear == 2024);
    // A (111): A3 3 child + 1 consanguineous; B (112): B2 2+1 child, 1+1 consanguineous; C none.
    REQUIRE(t.rows.size() == 5);
    CHECK(t.rows[2].childMarriages.value == 3);
    CHECK(t.rows[3].consanguineousMarriages.value == 2);
    // child: 3 and 3 in a district of 6: both "<5", the total 6 shown (3+3, 2+4, 4+2 all fit)
    // consanguineous: 1 + 2 = 3: every non-zero cell small
    CHECK(published(t) == "1 6 <5 | 11 6 <5 | 111 <5 <5 | 112 <5 <5 | 113 0 0");
    Project p2 = p;
    p2.setSetting("confidentiality.k", "3");
    // k = 3: child 3, 3, 6 shown; consanguineous 1 "<3", 2 "<3" (1+2 = 3 leaves 1 or 2 each)
    CHECK(published(outcomeTable(p2, analyseCoverage(p2))) == "1 6 3 | 11 6 3 | 111 3 <3 | 112 3 <3 | 113 0 0");
}

TEST_CASE("outcomes of a village without a known commune count in the province, protected", "[core][outcomes][confidentiality]") {
    Project p = coverageScenario();
    p.setSetting("confidentiality.k", "3");
    p.outcomes.push_back({"ZZ9", 2025, 1, 0});  // a village the project does not have
    const OutcomeTable t = outcomeTable(p, analyseCoverage(p));
    CHECK(t.lastYear == 2025);
    // child: province 7 = district 6 + 1 unplaced: the 1 would be 7 − 6, so the district is hidden,
    // and with it a commune (else 3 + 3 gives the district back)
    CHECK(published(t) == "1 7 3 | 11 x 3 | 111 x <3 | 112 3 <3 | 113 0 0");
}

TEST_CASE("the report writes outcomes only through the suppression rule", "[core][outcomes][report][confidentiality]") {
    const ScopedLanguage english(Lang::En);
    const Report r = buildReport(coverageScenario());
    CHECK(formatReportCsv(r, "outcomes") ==
          "level,code,name,parent_code,years,child_marriages,consanguineous_marriages\n"
          "province,1,Tỉnh Thử,,2023-2024,6,<5\n"
          "district,11,Huyện Một,1,2023-2024,6,<5\n"
          "commune,111,Xã A,11,2023-2024,<5,<5\n"
          "commune,112,Xã B,11,2023-2024,<5,<5\n"
          "commune,113,Xã C,11,2023-2024,0,0\n");
    const std::string json = formatReportJson(r);
    CHECK(json.find("\"outcomes\":{\"confidentiality_k\":5,\"first_year\":2023,\"last_year\":2024,\"areas\":[{\"level\":\"province\"") != std::string::npos);
    CHECK(json.find("\"code\":\"111\",\"name\":\"Xã A\",\"parent_code\":\"11\",\"child_marriages\":\"<5\",\"consanguineous_marriages\":\"<5\"") != std::string::npos);
    CHECK(json.find("\"child_marriages\":6,") != std::string::npos);
    const std::string text = formatReportText(r);
    CHECK(text.find("Child and consanguineous marriages reported, sum of 2023–2024") != std::string::npos);
    CHECK(text.find("counts from 1 to below 5 show as \"<5\"") != std::string::npos);
    // per-commune Trusted Address counts in the areas table: A has T1, B has T3 (T2 is inactive)
    CHECK(formatReportCsv(r, "areas").find(",active_trusted_addresses,population_source\n") != std::string::npos);
    CHECK(r.communes[0].activeTrustedAddresses == 1);
    CHECK(r.communes[1].activeTrustedAddresses == 1);
    CHECK(r.province.activeTrustedAddresses == 2);
}
