#include "core/color_ramp.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/i18n.h"

namespace gapmap {

uint32_t Color::rgba8() const {
    auto byte = [](float v) { return static_cast<uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    return byte(r) | byte(g) << 8 | byte(b) << 16 | byte(a) << 24;
}

std::optional<Ramp> rampFromString(const std::string& name) {
    for (Ramp r : {Ramp::YlGnBu, Ramp::Blues, Ramp::Greens, Ramp::OrRd, Ramp::Purples, Ramp::Viridis})
        if (name == toString(r)) return r;
    return std::nullopt;
}

const char* toString(Ramp ramp) {
    switch (ramp) {
        case Ramp::YlGnBu: return "ylgnbu";
        case Ramp::Blues: return "blues";
        case Ramp::Greens: return "greens";
        case Ramp::OrRd: return "orrd";
        case Ramp::Purples: return "purples";
        case Ramp::Viridis: return "viridis";
    }
    return "ylgnbu";
}

namespace {

// ColorBrewer 2.0 (Cynthia Brewer, Pennsylvania State University) sequential schemes, 9 classes,
// and matplotlib's viridis sampled at 9 stops. Fewer classes interpolate between these stops.
const uint32_t kYlGnBu[9] = {0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x253494, 0x081d58};
const uint32_t kBlues[9] = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
const uint32_t kGreens[9] = {0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x006d2c, 0x00441b};
const uint32_t kOrRd[9] = {0xfff7ec, 0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0xb30000, 0x7f0000};
const uint32_t kPurples[9] = {0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x54278f, 0x3f007d};
const uint32_t kViridis[9] = {0xfde725, 0xa0da39, 0x4ac16d, 0x1fa187, 0x277f8e, 0x365c8d, 0x46327e, 0x440154, 0x440154};

Color lerp(Color a, Color b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1}; }

}  // namespace

std::vector<Color> rampColors(Ramp ramp, int count) {
    count = std::clamp(count, 2, 9);
    const uint32_t* nine = ramp == Ramp::YlGnBu ? kYlGnBu : ramp == Ramp::Blues ? kBlues : ramp == Ramp::Greens ? kGreens
                         : ramp == Ramp::OrRd ? kOrRd : ramp == Ramp::Purples ? kPurples : kViridis;
    // Fills stay muted: from just above the lightest stop to the third darkest, so that boundaries,
    // symbols and dark labels stay readable on every class (a projected map loses contrast).
    const float lo = 0.6f, hi = ramp == Ramp::Viridis ? 5.6f : 6.2f;
    std::vector<Color> out;
    for (int i = 0; i < count; ++i) {
        const float pos = lo + float(i) * (hi - lo) / float(count - 1);
        const int k = std::min(7, int(pos));
        out.push_back(lerp(Color::hex(nine[k]), Color::hex(nine[k + 1]), pos - float(k)));
    }
    return out;
}

std::optional<ClassMethod> classMethodFromString(const std::string& name) {
    if (name == "quantile") return ClassMethod::Quantile;
    if (name == "equal" || name == "equal-interval" || name == "equal_interval") return ClassMethod::EqualInterval;
    return std::nullopt;
}

int Classes::classOf(double v) const {
    if (std::isnan(v) || breaks.empty()) return -1;
    for (size_t i = 0; i < breaks.size(); ++i)
        if (v <= breaks[i]) return int(i);
    return int(breaks.size()) - 1;
}

Classes classify(const std::vector<double>& values, int classes, ClassMethod method) {
    std::vector<double> v;
    for (double x : values)
        if (!std::isnan(x)) v.push_back(x);
    Classes c;
    if (v.empty() || classes < 1) return c;
    std::sort(v.begin(), v.end());
    c.min = v.front();
    const double max = v.back();
    if (c.min == max) { c.breaks = {max}; return c; }
    for (int i = 1; i <= classes; ++i) {
        double b;
        if (i == classes) b = max;
        else if (method == ClassMethod::EqualInterval) b = c.min + (max - c.min) * i / classes;
        else b = v[std::min(v.size() - 1, size_t(std::ceil(double(v.size()) * i / classes)) - 1)];  // upper value of the i-th share
        if (c.breaks.empty() ? b > c.min || method == ClassMethod::Quantile : b > c.breaks.back()) c.breaks.push_back(b);
    }
    if (c.breaks.empty() || c.breaks.back() < max) c.breaks.push_back(max);
    return c;
}

std::vector<std::string> classLabels(const Classes& classes, const std::vector<double>& values, int decimals, const std::string& unit) {
    const size_t n = classes.breaks.size();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> lo(n, inf), hi(n, -inf);  // the values each class holds
    for (double v : values) {
        const int c = classes.classOf(v);
        if (c < 0) continue;
        lo[size_t(c)] = std::min(lo[size_t(c)], v);
        hi[size_t(c)] = std::max(hi[size_t(c)], v);
    }
    auto number = [&](double v, int d) { return formatLocaleNumber(v, d) + unit; };
    // Enough decimals that no two neighbouring classes print the same bound.
    int d = std::max(0, decimals);
    for (; d < decimals + 2; ++d) {
        bool clash = false;
        double previous = std::nan("");
        for (size_t c = 0; c < n; ++c) {
            if (lo[c] > hi[c]) continue;
            if (!std::isnan(previous) && number(previous, d) == number(lo[c], d)) clash = true;
            previous = hi[c];
        }
        if (!clash) break;
    }
    std::vector<std::string> labels;
    for (size_t c = 0; c < n; ++c) {
        if (lo[c] > hi[c]) {  // no value in this class
            const double from = c == 0 ? classes.min : classes.breaks[c - 1];
            labels.push_back("> " + number(from, d) + " – " + number(classes.breaks[c], d));
            continue;
        }
        const std::string a = number(lo[c], d), b = number(hi[c], d);
        labels.push_back(a == b ? a : a + " – " + b);
    }
    return labels;
}

int ScoreClasses::classOf(double score) const {
    if (distinct_.size() <= 4) return int(std::lower_bound(distinct_.begin(), distinct_.end(), score) - distinct_.begin());
    const int q = std::max(0, quantiles_.classOf(score));
    return size_t(q) < rank_.size() ? rank_[size_t(q)] : -1;
}

ScoreClasses scoreClasses(const std::vector<double>& scores) {
    ScoreClasses out;
    out.distinct_ = scores;
    std::sort(out.distinct_.begin(), out.distinct_.end());
    out.distinct_.erase(std::unique(out.distinct_.begin(), out.distinct_.end()), out.distinct_.end());
    if (out.distinct_.size() > 4) out.quantiles_ = classify(scores, 4, ClassMethod::Quantile);
    // Before renumbering: the quantile class (or distinct rank) of each score; empty quantile
    // classes (repeated breaks) are dropped.
    auto rawClass = [&](double s) {
        if (out.distinct_.size() <= 4) return int(std::lower_bound(out.distinct_.begin(), out.distinct_.end(), s) - out.distinct_.begin());
        return std::max(0, out.quantiles_.classOf(s));
    };
    std::vector<ScoreClass> raw(std::max<size_t>(out.distinct_.size() <= 4 ? out.distinct_.size() : out.quantiles_.breaks.size(), 1));
    for (double s : scores) {
        ScoreClass& c = raw[size_t(rawClass(s))];
        c.lo = c.count ? std::min(c.lo, s) : s;
        c.hi = c.count ? std::max(c.hi, s) : s;
        ++c.count;
    }
    if (out.distinct_.size() > 4) out.rank_.assign(raw.size(), -1);
    for (size_t k = 0; k < raw.size(); ++k) {
        if (raw[k].count == 0) continue;
        if (!out.rank_.empty()) out.rank_[k] = int(out.classes.size());
        out.classes.push_back(raw[k]);
    }
    const int n = int(out.classes.size());
    std::vector<Color> colors = rampColors(Ramp::Viridis, std::max(2, n));  // light to dark
    for (int k = 0; k < n; ++k) {
        ScoreClass& c = out.classes[size_t(k)];
        c.color = colors[size_t(std::max(2, n) - n + k)];
        c.radiusPx = n <= 1 ? 5.0 : 2.5 + 3.5 * double(k) / double(n - 1);
    }
    return out;
}

}  // namespace gapmap
