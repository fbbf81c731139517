// Outcome counts (child and consanguineous marriages) per province, district and commune, summed over
// every year of the outcomes table, as `gapmap report` publishes them: small counts suppressed by
// core/disclosure.h with the project's confidentiality.k. Never per village. Standard library only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/disclosure.h"

namespace gapmap {

struct OutcomeCell {
    std::int64_t value = 0;                 // the true sum: never published unless status is Shown
    CellStatus status = CellStatus::Shown;
};

struct OutcomeRow {
    std::string level, code, name, parentCode;
    OutcomeCell childMarriages, consanguineousMarriages;
};

struct OutcomeTable {
    std::int64_t k = 5;             // confidentiality.k
    int firstYear = 0, lastYear = 0;  // years the outcomes table covers; 0 when it is empty
    std::vector<OutcomeRow> rows;   // the province, then districts, then communes (as CoverageResult orders them)
};

// Outcomes of villages without a known commune count in the province only (and are protected there).
OutcomeTable outcomeTable(const Project& project, const CoverageResult& coverage);

// The cell as published: "12", "<5" or "x".
std::string shownCell(const OutcomeTable& table, const OutcomeCell& cell);

}  // namespace gapmap
