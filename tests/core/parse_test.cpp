#include <catch2/catch.hpp>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/parse.h"

using gapmap::parseBool;
using gapmap::parseDate;
using gapmap::parseInteger;
using gapmap::parseReal;
using gapmap::splitList;
using gapmap::trimSpaces;

namespace {

// Compares doubles with a relative tolerance so each assertion stays on one line.
bool realIs(std::string_view text, double expected) {
    const std::optional<double> v = parseReal(text);
    return v && *v == Approx(expected);
}

}  // namespace

TEST_CASE("trimSpaces removes ASCII whitespace and NBSP at both ends", "[parse]") {
    CHECK(trimSpaces("  12 ") == "12");
    CHECK(trimSpaces("\t\r\n12\n") == "12");
    CHECK(trimSpaces("\xc2\xa0" "12\xc2\xa0 ") == "12");
    CHECK(trimSpaces("1 2") == "1 2");
    CHECK(trimSpaces("   ") == "");
    CHECK(trimSpaces("") == "");
    CHECK(trimSpaces("Đ ") == "Đ");
}

TEST_CASE("splitList splits at commas, trims each item and drops empty ones", "[parse]") {
    using V = std::vector<std::string>;
    CHECK(splitList("07102, 07105") == V{"07102", "07105"});
    CHECK(splitList(" a ,, b,\xc2\xa0" "c\xc2\xa0,") == V{"a", "b", "c"});
    CHECK(splitList("Nậm Ban") == V{"Nậm Ban"});
    CHECK(splitList("") == V{});
    CHECK(splitList(" , ") == V{});
}

TEST_CASE("parseInteger accepts plain, signed and grouped integers", "[parse]") {
    CHECK(parseInteger("1234") == 1234);
    CHECK(parseInteger("1.234") == 1234);
    CHECK(parseInteger("1,234") == 1234);
    CHECK(parseInteger("1 234") == 1234);
    CHECK(parseInteger("1\xc2\xa0" "234") == 1234);
    CHECK(parseInteger("1.234.567") == 1234567);
    CHECK(parseInteger("-5") == -5);
    CHECK(parseInteger("+5") == 5);
    CHECK(parseInteger("0") == 0);
    CHECK(parseInteger("007") == 7);
    CHECK(parseInteger("  42 ") == 42);
    CHECK(parseInteger("\xc2\xa0" "42\xc2\xa0") == 42);
    CHECK(parseInteger("1.000") == 1000);
}

TEST_CASE("parseInteger accepts a zero fraction", "[parse]") {
    CHECK(parseInteger("1.234,0") == 1234);
    CHECK(parseInteger("1,234.00") == 1234);
    CHECK(parseInteger("5.0") == 5);
    CHECK(parseInteger("12,0") == 12);
    CHECK(parseInteger("-3.0") == -3);
}

TEST_CASE("parseInteger rejects fractions, bad groups and text", "[parse]") {
    CHECK_FALSE(parseInteger("12.5"));
    CHECK_FALSE(parseInteger("1.23"));
    CHECK_FALSE(parseInteger("1.2345"));
    CHECK_FALSE(parseInteger("1..2"));
    CHECK_FALSE(parseInteger("abc"));
    CHECK_FALSE(parseInteger(""));
    CHECK_FALSE(parseInteger("   "));
    CHECK_FALSE(parseInteger("-"));
    CHECK_FALSE(parseInteger("1.234,5"));
    CHECK_FALSE(parseInteger("1.234,567"));
    CHECK_FALSE(parseInteger("1.234 567"));
    CHECK_FALSE(parseInteger("0.123"));
    CHECK_FALSE(parseInteger("12 km"));
    CHECK_FALSE(parseInteger("5."));
    CHECK_FALSE(parseInteger(".5"));
    CHECK_FALSE(parseInteger("1e3"));
    CHECK_FALSE(parseInteger("--5"));
}

TEST_CASE("parseInteger covers the whole long long range and no more", "[parse]") {
    CHECK(parseInteger("9223372036854775807") == std::numeric_limits<long long>::max());
    CHECK(parseInteger("-9223372036854775808") == std::numeric_limits<long long>::min());
    CHECK_FALSE(parseInteger("9223372036854775808"));
    CHECK_FALSE(parseInteger("-9223372036854775809"));
    CHECK_FALSE(parseInteger("99999999999999999999"));
}

TEST_CASE("parseReal accepts dot and comma decimals", "[parse]") {
    CHECK(realIs("12.5", 12.5));
    CHECK(realIs("12,5", 12.5));
    CHECK(realIs("-0,5", -0.5));
    CHECK(realIs("22.123", 22.123));
    CHECK(realIs("22,123", 22.123));
    CHECK(realIs("103.456789", 103.456789));
    CHECK(realIs("7", 7.0));
    CHECK(realIs(" +3,25\xc2\xa0", 3.25));
}

TEST_CASE("parseReal reads the last separator as decimal when both appear", "[parse]") {
    CHECK(realIs("1.234,5", 1234.5));
    CHECK(realIs("1,234.5", 1234.5));
    CHECK(realIs("1.234.567,89", 1234567.89));
    CHECK(realIs("1 234,5", 1234.5));
}

TEST_CASE("parseReal reads one repeated separator as thousands", "[parse]") {
    CHECK(realIs("1.234.567", 1234567.0));
    CHECK(realIs("1,234,567", 1234567.0));
}

TEST_CASE("parseReal accepts exponents", "[parse]") {
    CHECK(realIs("1e3", 1000.0));
    CHECK(realIs("2.5E-2", 0.025));
    CHECK(realIs("1,5e+2", 150.0));
}

TEST_CASE("parseReal rejects garbage, trailing text and non-finite values", "[parse]") {
    CHECK_FALSE(parseReal(""));
    CHECK_FALSE(parseReal("abc"));
    CHECK_FALSE(parseReal("1,2,3.4.5"));
    CHECK_FALSE(parseReal("1.2.3"));
    CHECK_FALSE(parseReal("1.234,567.5"));
    CHECK_FALSE(parseReal("12 km"));
    CHECK_FALSE(parseReal("12km"));
    CHECK_FALSE(parseReal("NaN"));
    CHECK_FALSE(parseReal("nan"));
    CHECK_FALSE(parseReal("inf"));
    CHECK_FALSE(parseReal("-Infinity"));
    CHECK_FALSE(parseReal("1e999"));
    CHECK_FALSE(parseReal("1e"));
    CHECK_FALSE(parseReal("1..2"));
    CHECK_FALSE(parseReal("0x1A"));
    CHECK_FALSE(parseReal("-"));
}

TEST_CASE("parseDate accepts ISO and Vietnamese day-first dates", "[parse]") {
    CHECK(parseDate("2024-03-05") == "2024-03-05");
    CHECK(parseDate("05/03/2024") == "2024-03-05");
    CHECK(parseDate("5/3/2024") == "2024-03-05");
    CHECK(parseDate("05-03-2024") == "2024-03-05");
    CHECK(parseDate("05.03.2024") == "2024-03-05");
    CHECK(parseDate("2024/03/05") == "2024-03-05");
    CHECK(parseDate(" 2024-3-5 ") == "2024-03-05");
}

TEST_CASE("parseDate drops a spreadsheet's time of day", "[parse]") {
    CHECK(parseDate("2024-03-05T00:00:00") == "2024-03-05");
    CHECK(parseDate("2024/03/05 00:00:00") == "2024-03-05");
    CHECK(parseDate("05/03/2024 14:30") == "2024-03-05");
    CHECK(parseDate("2024-03-05T08:15:30.250Z") == "2024-03-05");
    CHECK_FALSE(parseDate("2024-03-05T"));
    CHECK_FALSE(parseDate("2024-03-05 25:00:00"));
    CHECK_FALSE(parseDate("2024-03-05 noon"));
}

TEST_CASE("parseDate checks days against months and leap years", "[parse]") {
    CHECK(parseDate("29/02/2024") == "2024-02-29");
    CHECK(parseDate("29/02/2000") == "2000-02-29");
    CHECK(parseDate("31/12/2023") == "2023-12-31");
    CHECK_FALSE(parseDate("31/02/2024"));
    CHECK_FALSE(parseDate("29/02/2023"));
    CHECK_FALSE(parseDate("29/02/1900"));
    CHECK_FALSE(parseDate("31/04/2024"));
    CHECK_FALSE(parseDate("13/13/2024"));
    CHECK_FALSE(parseDate("00/01/2024"));
    CHECK_FALSE(parseDate("2024-00-10"));
}

TEST_CASE("parseDate rejects what is not a full date", "[parse]") {
    CHECK_FALSE(parseDate("2024"));
    CHECK_FALSE(parseDate("abc"));
    CHECK_FALSE(parseDate(""));
    CHECK_FALSE(parseDate("05/03/24"));
    CHECK_FALSE(parseDate("05/03-2024"));
    CHECK_FALSE(parseDate("2024-03"));
    CHECK_FALSE(parseDate("2024-03-05-01"));
    CHECK_FALSE(parseDate("105/03/2024"));
    CHECK_FALSE(parseDate("0000-01-01"));
}

TEST_CASE("parseBool accepts the usual English and Vietnamese answers", "[parse]") {
    CHECK(parseBool("1") == true);
    CHECK(parseBool("0") == false);
    CHECK(parseBool("true") == true);
    CHECK(parseBool("FALSE") == false);
    CHECK(parseBool("Yes") == true);
    CHECK(parseBool("no") == false);
    CHECK(parseBool("y") == true);
    CHECK(parseBool("N") == false);
    CHECK(parseBool("có") == true);
    CHECK(parseBool("Có") == true);
    CHECK(parseBool("CÓ") == true);
    CHECK(parseBool("co") == true);
    CHECK(parseBool("c") == true);
    CHECK(parseBool("không") == false);
    CHECK(parseBool("KHÔNG") == false);
    CHECK(parseBool("Kho\xcc\x82ng") == false);  // NFD
    CHECK(parseBool("khong") == false);
    CHECK(parseBool("k") == false);
    CHECK(parseBool(" 1 ") == true);
    CHECK(parseBool("1.0") == true);
    CHECK(parseBool("0,0") == false);
}

TEST_CASE("parseBool leaves empty and unknown values to the caller", "[parse]") {
    CHECK_FALSE(parseBool(""));
    CHECK_FALSE(parseBool("  "));
    CHECK_FALSE(parseBool("x"));
    CHECK_FALSE(parseBool("2"));
    CHECK_FALSE(parseBool("maybe"));
    CHECK_FALSE(parseBool("có không"));
}
