// Inputs the fuzz targets in tests/fuzz found, kept as ordinary tests so the normal and the
// sanitized suites (build, build-asan) replay them on every run.
#include <catch2/catch.hpp>

#include "core/parse.h"

using namespace gapmap;

TEST_CASE("a time of day with very many digits is refused without integer overflow", "[parse][fuzz]") {
    // fuzz_parse_date: "400000000 * 10 cannot be represented in type 'int'" under UBSan.
    CHECK_FALSE(parseDate("2024-03-05T99999999999:00"));
    CHECK_FALSE(parseDate("05/03/2024 08:99999999999"));
    CHECK_FALSE(parseDate("05/03/2024 123:00"));
    CHECK(parseDate("05/03/2024 08:30") == "2024-03-05");
    CHECK(parseDate("2024-03-05T23:59:59.123Z") == "2024-03-05");
}
