// Colours, colour-blind-safe ramps (ColorBrewer sequential, viridis) and classed breaks (quantile,
// equal interval) for choropleths: the one definition the GL map (app/render) and the PDF report
// (app/io) share, so both colour a commune alike. Plain data; standard library only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gapmap {

// sRGB colour, components 0..1, straight (not premultiplied) alpha.
struct Color {
    float r = 0, g = 0, b = 0, a = 1;
    static Color hex(uint32_t rgb, float alpha = 1) {
        return {((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f, alpha};
    }
    uint32_t rgba8() const;  // r in the low byte, as glReadPixels/PNG bytes
    bool operator==(const Color& o) const { return r == o.r && g == o.g && b == o.b && a == o.a; }
};

enum class Ramp { YlGnBu, Blues, Greens, OrRd, Purples, Viridis };
std::optional<Ramp> rampFromString(const std::string& name);
const char* toString(Ramp ramp);
// `count` colours (2..9), light to dark, sampled from the 9-class scheme without its extremes.
std::vector<Color> rampColors(Ramp ramp, int count);

enum class ClassMethod { Quantile, EqualInterval };
std::optional<ClassMethod> classMethodFromString(const std::string& name);

// Upper-bound breaks of `classes` classes over the values (NaN = no data, ignored).
// Class i holds values in (breaks[i-1], breaks[i]]; class 0 starts at `min`.
struct Classes {
    double min = 0;
    std::vector<double> breaks;  // ascending, last == max; fewer than asked when values repeat
    int classOf(double value) const;  // -1 for NaN or empty
};
Classes classify(const std::vector<double>& values, int classes, ClassMethod method);

// The legend text of each class, shared by the GL map's legend and the PDF's: the smallest and the
// largest value the class actually holds ("8% – 33%"), or the one value when they are the same ("0%"),
// so that no value is in two classes' texts (breaks alone would print "0%" then "0% – 33%" for the
// class (0, 33]). Numbers in the current language with `decimals` decimals, more (up to 2) where two
// neighbouring classes would otherwise print the same number; `unit` follows each number ("%").
// A class that holds no value (equal intervals) shows its bounds, the lower one excluded: "> 40 – 60".
std::vector<std::string> classLabels(const Classes& classes, const std::vector<double>& values, int decimals,
                                     const std::string& unit = "");

// The priority score's symbol classes, one definition for the map's priority layer
// (render/priority_layer.cpp) and its QGIS style (io/qgis_styles.cpp): one class per distinct score
// when there are at most four, else four quantile classes; numbered 0..n-1 (lowest first) over the
// classes that hold a score; viridis from light (class 0) to dark (the top class), radius 2.5 to 6 px.
struct ScoreClass {
    double lo = 0, hi = 0;  // the smallest and largest score the class holds
    int count = 0;
    Color color;
    double radiusPx = 5;
};
struct ScoreClasses {
    std::vector<ScoreClass> classes;  // lowest first
    int classOf(double score) const;  // index into `classes`; the scores given only
private:
    friend ScoreClasses scoreClasses(const std::vector<double>& scores);
    std::vector<double> distinct_;
    Classes quantiles_;
    std::vector<int> rank_;  // quantile class → index into `classes` (-1: none)
};
ScoreClasses scoreClasses(const std::vector<double>& scores);

}  // namespace gapmap
