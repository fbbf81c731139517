// demo_common.hpp — portable random numbers, dates, synthetic names and text
// output helpers for gapmap_make_demo. Header-only on purpose: make_demo.cpp is
// the only translation unit, so the build target needs a single source file.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace demo {

// ---------------------------------------------------------------------------
// Random numbers. std::mt19937_64's output sequence is fixed by the C++
// standard, but the std::*_distribution classes are not (libstdc++, libc++ and
// MSVC give different values), so every distribution is derived here by hand.
// ---------------------------------------------------------------------------
struct Rng {
    std::mt19937_64 eng;
    explicit Rng(std::uint64_t seed) : eng(seed) {}

    // [0,1): the top 53 bits of one draw fill a double's mantissa exactly.
    double uniform() { return double(eng() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    // Integer in [lo, hi]; modulo bias is < 1e-17 for our small ranges.
    int integer(int lo, int hi) { return lo + int(eng() % std::uint64_t(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    // Standard normal via Box–Muller (one value per call keeps the stream simple).
    double normal() {
        double u1 = 1.0 - uniform();  // (0,1], log() is finite
        double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    // Poisson by Knuth's product method; fine for the small means used here.
    int poisson(double lambda) {
        double limit = std::exp(-lambda), p = 1.0;
        int k = 0;
        do {
            ++k;
            p *= uniform();
        } while (p > limit);
        return k - 1;
    }
    // Index drawn with probability proportional to weights (all >= 0, sum > 0).
    std::size_t weighted(const std::vector<double>& w) {
        double sum = 0;
        for (double v : w) sum += v;
        double t = uniform() * sum;
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (t < w[i]) return i;
            t -= w[i];
        }
        return w.size() - 1;
    }
    // Fisher–Yates (std::shuffle's algorithm is implementation-defined).
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[std::size_t(integer(0, int(i) - 1))]);
    }
};

// One independent stream per generation phase, so editing one phase leaves
// the output of the others unchanged.
inline constexpr std::uint64_t kSeed = 20210608;  // README documents this value
inline Rng stream(std::uint64_t phase) { return Rng(kSeed * 0x9E3779B97F4A7C15ull + phase); }

// ---------------------------------------------------------------------------
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian;
// H. Hinnant's civil-date algorithms) so date ranges can be sampled uniformly.
// ---------------------------------------------------------------------------
inline int dayOf(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
inline std::string isoDate(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    const int y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// ---------------------------------------------------------------------------
// Synthetic place names: two syllables typical of north-western Vietnamese
// (mostly Thái/Mông-derived) toponyms. All literals are precomposed (NFC).
// ---------------------------------------------------------------------------
inline const std::vector<std::string> kFirstSyllables = {
    "Nậm",  "Huổi",  "Pa",   "Mường", "Tà",   "Sìn", "Phìn", "Pú",   "Nà",  "Lùng",   "Ma",
    "Hồ",   "Mù",    "Chu",  "Pá",    "Tả",   "Sà",  "Lao",  "Co",   "Hua", "Phiêng", "Khau",
    "Pắc",  "Noong", "Sáng", "Tủng",  "Pậu",  "Xà",  "Vàng", "Sin",  "Lả",  "Căn",    "Thèn",
    "Tông", "Khun",  "Bum",  "Ló",    "Cang", "Hô",  "Nùng", "Chăn", "Kho", "Ham",    "Bó"};
inline const std::vector<std::string> kSecondSyllables = {
    "Tở",   "Hồ",   "Khum", "Sáng",  "Chải", "Thàng", "Cang", "Phong",  "Thổ",  "Bum",   "Dào",    "San",
    "Lò",   "Quy",  "Lả",   "Tủng",  "Pa",   "Pắc",   "Lếch", "Cuổi",   "Nọi",  "Luông", "Xá",     "Mò",
    "Kéo",  "Hát",  "Phìn", "Sủng",  "Chản", "Then",  "Nưa",  "Lay",    "Là",   "Pồ",    "Khoang", "Lìm",
    "Sang", "Ngài", "Cáy",  "Chang", "Mu",   "Dền",   "Xe",   "Chiêng", "Củng", "Pheo",  "Hỏm",    "Sì"};

// Names reserved for deliberate placement or that would read as real NW
// districts/provinces; the random generator never produces them.
inline const std::set<std::string> kReservedNames = {"Huổi Ho",   // exactly one village carries it (see README)
                                                     "Nậm Cang",  // the deliberate homonym pair (see README)
                                                     "Sìn Hồ",    "Phong Thổ", "Mường Tè",  "Nậm Nhùn", "Mường Lay",
                                                     "Mường Nhé", "Mường Chà", "Mù Cang",   "Mường La", "Tủa Chùa",
                                                     "Sa Pa",     "Bát Xát",   "Than Uyên", "Tân Uyên"};

// A name not yet in `used` (names are globally unique except the reserved pair).
inline std::string freshName(Rng& r, std::set<std::string>& used) {
    for (;;) {
        const std::string& a = kFirstSyllables[std::size_t(r.integer(0, int(kFirstSyllables.size()) - 1))];
        const std::string& b = kSecondSyllables[std::size_t(r.integer(0, int(kSecondSyllables.size()) - 1))];
        if (a == b) continue;
        std::string n = a + " " + b;
        if (kReservedNames.count(n) || used.count(n)) continue;
        used.insert(n);
        return n;
    }
}

// ---------------------------------------------------------------------------
// Output helpers.
// ---------------------------------------------------------------------------
// Coordinates are stored and printed with 6 decimals (~0.1 m in EPSG:4326).
inline double round6(double v) { return std::round(v * 1e6) / 1e6; }
inline std::string fmt6(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}
inline std::string jsonStr(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            o += b;
        } else
            o += c;
    }
    return o + "\"";
}
// RFC 4180 quoting only where needed (commas, quotes, line breaks).
inline std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}
inline std::string csvRow(std::initializer_list<std::string> fields) {
    std::string line;
    for (const std::string& f : fields) {
        if (&f != fields.begin()) line += ',';
        line += csvField(f);
    }
    return line + "\n";
}

// Split `total` into n integer parts in [lo, hi] with random (log-normal)
// weights; the parts sum to `total` exactly, which the programme totals need.
inline std::vector<int> apportion(Rng& r, int n, int total, int lo, int hi, double spread) {
    std::vector<double> w(static_cast<std::size_t>(n));
    double sum = 0;
    for (double& v : w) {
        v = std::exp(spread * r.normal());
        sum += v;
    }
    std::vector<int> part(static_cast<std::size_t>(n), lo);
    int rest = total - n * lo, given = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        int add = std::min(hi - lo, int(std::floor(rest * w[i] / sum)));
        part[i] += add;
        given += add;
    }
    // Hand out what floor() and the caps left over, one unit at a time.
    for (int left = rest - given; left > 0;) {
        std::size_t i = std::size_t(r.integer(0, n - 1));
        if (part[i] < hi) {
            ++part[i];
            --left;
        }
    }
    return part;
}

}  // namespace demo
