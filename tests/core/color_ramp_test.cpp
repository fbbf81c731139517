// Classed breaks and colour ramps of the choropleth (app/core/color_ramp.cpp), shared by the GL map
// and the PDF report.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/color_ramp.h"
#include "core/i18n.h"

using namespace gapmap;

TEST_CASE("classes: quantile and equal interval breaks", "[core][color_ramp]") {
    const std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, std::nan("")};
    const Classes q = classify(v, 5, ClassMethod::Quantile);
    CHECK(q.breaks == std::vector<double>{2, 4, 6, 8, 10});
    CHECK(q.classOf(1) == 0);
    CHECK(q.classOf(2) == 0);
    CHECK(q.classOf(2.5) == 1);
    CHECK(q.classOf(std::nan("")) == -1);
    const Classes e = classify({0, 100, 50}, 4, ClassMethod::EqualInterval);
    CHECK(e.breaks == std::vector<double>{25, 50, 75, 100});
    const Classes ties = classify({0, 0, 0, 0, 5}, 5, ClassMethod::Quantile);
    CHECK(ties.breaks.front() == 0);
    CHECK(ties.breaks.back() == 5);
    CHECK(rampColors(Ramp::YlGnBu, 5).size() == 5);
    CHECK(rampColors(Ramp::Viridis, 3).size() == 3);
}

TEST_CASE("class labels: no value in two classes, a single value says the value", "[core][color_ramp][legend]") {
    ScopedLanguage en(Lang::En);
    // Shares with many communes at 0 %: the quantile breaks are 0, 33, 100, so the classes are
    // [0], (0, 33], (33, 100]; the breaks alone printed "0%" then "0% – 33%".
    const std::vector<double> shares = {0, 0, 0, 0, 8, 20, 33, 50, 67, 100, std::nan("")};
    const Classes q = classify(shares, 3, ClassMethod::Quantile);
    REQUIRE(q.breaks == std::vector<double>{0, 33, 100});
    CHECK(classLabels(q, shares, 0, "%") == std::vector<std::string>{"0%", "8% – 33%", "50% – 100%"});
    // Neighbours that would print the same rounded number get a decimal more.
    const std::vector<double> close = {10.2, 10.3, 10.4, 20};
    const Classes c = classify(close, 2, ClassMethod::Quantile);
    CHECK(classLabels(c, close, 0) == std::vector<std::string>{"10.2 – 10.3", "10.4 – 20.0"});
    // A class that holds nothing (equal intervals) shows its half-open bounds.
    const std::vector<double> spread = {0, 50, 100};
    CHECK(classLabels(classify(spread, 4, ClassMethod::EqualInterval), spread, 0) == std::vector<std::string>{"0", "50", "> 50 – 75", "100"});
}
