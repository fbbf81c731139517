// Classed breaks and colour ramps of the choropleth (app/core/color_ramp.cpp), shared by the GL map
// and the PDF report.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/color_ramp.h"

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
