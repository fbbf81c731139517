// The data's as-of date (app/core/data_dates.cpp): the latest dated record, whatever the table.
#include <catch2/catch.hpp>

#include "core/data_dates.h"
#include "support/coverage_scenario.h"

using namespace gapmap;

TEST_CASE("latest record date: the latest of teams, Trusted Addresses, clubs and activities", "[core][dates]") {
    Project p = test::coverageScenario();  // teams 2022-01-01 and 2023-01-01, clubs 2022-01-01
    CHECK(latestRecordDate(p) == std::optional<std::string>("2023-01-01"));
    p.activities.push_back({"05/03/2024", "111", "training_commune", 1, 20, 10});  // typed the Vietnamese way
    CHECK(latestRecordDate(p) == std::optional<std::string>("2024-03-05"));
    p.trustedAddresses[0].established = "2024-11-30";
    CHECK(latestRecordDate(p) == std::optional<std::string>("2024-11-30"));
    p.clubs[0].established = "not a date";  // ignored, not an error
    CHECK(latestRecordDate(p) == std::optional<std::string>("2024-11-30"));
    p.outcomes.push_back({"A1", 2030, 0, 0});  // a year is not a date
    CHECK(latestRecordDate(p) == std::optional<std::string>("2024-11-30"));
    CHECK_FALSE(latestRecordDate(Project{}).has_value());
}
