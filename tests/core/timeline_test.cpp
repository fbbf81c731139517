// "As of year Y": dated records filtered by their dates, undated ones kept.
#include <catch2/catch.hpp>

#include "core/timeline.h"

using namespace gapmap;

namespace {

Project dated() {
    Project p;
    p.teams = {{"V1", "2021-06-01", 8, 1, ""}, {"V2", "2022-12-31", 6, 3, ""}, {"V3", "2023-01-01", 5, 2, ""}, {"V4", "", 5, 2, ""}};
    p.trustedAddresses = {{"T1", "", "C", "", "2024-03-05", "", true, std::nullopt}};
    p.clubs = {{"K1", "", "C", "", "2022-01-01", 10}};
    p.activities = {{"2022-07-01", "C", "policy_dialogue", 1, 50, 20}, {"2025-01-01", "C", "policy_dialogue", 1, 50, 20}};
    p.outcomes = {{"V1", 2022, 1, 0}, {"V1", 2023, 2, 0}};
    p.targets = {{"communication_teams", 2022, 100}, {"communication_teams", 2025, 540}};
    return p;
}

}  // namespace

TEST_CASE("projectAsOf keeps what existed at the end of the year", "[core][timeline]") {
    const Project p2022 = projectAsOf(dated(), 2022);
    CHECK(p2022.teams.size() == 3);  // 2021, 31 Dec 2022, and the undated one
    CHECK(p2022.teams[1].villageCode == "V2");
    CHECK(p2022.trustedAddresses.empty());
    CHECK(p2022.clubs.size() == 1);
    CHECK(p2022.activities.size() == 1);
    CHECK(p2022.outcomes.size() == 1);
    REQUIRE(p2022.targets.size() == 1);
    CHECK(p2022.targets[0].value == 100);
    CHECK(projectAsOf(dated(), 2025).teams.size() == 4);
    CHECK(projectAsOf(dated(), 2020).teams.size() == 1);
}

TEST_CASE("the timeline runs from the earliest to the latest dated record", "[core][timeline]") {
    CHECK(earliestYear(dated()) == 2021);
    CHECK(latestYear(dated()) == 2025);
    CHECK_FALSE(earliestYear(Project{}));
}
