#include "render/badge_levels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace gapmap::render {
namespace {

// Two badges crowd each other when their centres are closer than this many times the sum of their
// radii (rims included): the room between discs keeps the map under them readable.
constexpr float kSpacing = 1.5f;
// A level is used when at most this share of its badges crowd a neighbour (those are then combined).
constexpr double kMaxCrowdedShare = 0.2;

// Screen-space neighbour search: badges bucketed in square cells at least as wide as the largest
// crowding distance, so that a badge's crowding neighbours lie in its own or the 8 cells around.
class Grid {
public:
    Grid(double cellPx) : cell_(std::max(1.0, cellPx)) {}
    void add(int id, double xPx, double yPx) { cells_[key(cellOf(xPx), cellOf(yPx))].push_back(id); }
    template <class F> void near(double xPx, double yPx, F f) const {
        const int64_t cx = cellOf(xPx), cy = cellOf(yPx);
        for (int64_t y = cy - 1; y <= cy + 1; ++y)
            for (int64_t x = cx - 1; x <= cx + 1; ++x)
                if (auto it = cells_.find(key(x, y)); it != cells_.end())
                    for (int id : it->second) f(id);
    }

private:
    double cell_;
    std::unordered_map<uint64_t, std::vector<int>> cells_;
    int64_t cellOf(double v) const { return int64_t(std::floor(v / cell_)); }
    static uint64_t key(int64_t x, int64_t y) { return (uint64_t(x) << 32) ^ uint32_t(y); }
};

struct Work {
    double xPx, yPx;  // Mercator metres / mpp (y up; only distances matter)
    PlacedBadge b;
};

// Share of `badges` (0..1) whose disc crowds another's at this scale.
double crowdedShare(const std::vector<CountBadge>& badges, double mpp, const FontAtlas& atlas, float s) {
    if (badges.size() < 2) return 0;
    std::vector<float> R(badges.size());
    float maxR = 0;
    for (size_t i = 0; i < badges.size(); ++i) {
        R[i] = (BadgeLevels::radiusFor(atlas, s, std::to_string(badges[i].count)) + 1.2f) * s;
        maxR = std::max(maxR, R[i]);
    }
    Grid grid(2 * maxR * kSpacing);
    for (size_t i = 0; i < badges.size(); ++i) grid.add(int(i), badges[i].pos.xM / mpp, badges[i].pos.yM / mpp);
    size_t crowded = 0;
    for (size_t i = 0; i < badges.size(); ++i) {
        const double x = badges[i].pos.xM / mpp, y = badges[i].pos.yM / mpp;
        bool any = false;
        grid.near(x, y, [&](int j) {
            if (any || size_t(j) == i) return;
            const double d = std::hypot(badges[size_t(j)].pos.xM / mpp - x, badges[size_t(j)].pos.yM / mpp - y);
            any = d < kSpacing * (R[i] + R[size_t(j)]);
        });
        crowded += any;
    }
    return double(crowded) / double(badges.size());
}

// One greedy pass, largest count first: a badge that crowds one already kept is added to the
// nearest such (which keeps its place). Crowding is judged with radii of at least floorR (px before
// the UI scale: the level's widest badge), so that a kept badge does not snowball across a dense
// region as its sum gains digits. Returns whether anything was combined.
bool combinePass(std::vector<Work>& items, const FontAtlas& atlas, float s, float floorR, float maxRPx) {
    std::stable_sort(items.begin(), items.end(), [](const Work& a, const Work& b) { return a.b.count > b.b.count; });
    std::vector<Work> kept;
    Grid grid(2 * maxRPx * kSpacing);
    bool merged = false;
    for (Work& w : items) {
        const float Rw = (std::max(w.b.radiusPx, floorR) + 1.2f) * s;
        int best = -1;
        double bestD = 0;
        grid.near(w.xPx, w.yPx, [&](int j) {
            const Work& k = kept[size_t(j)];
            const double d = std::hypot(k.xPx - w.xPx, k.yPx - w.yPx);
            if (d < kSpacing * (Rw + (std::max(k.b.radiusPx, floorR) + 1.2f) * s) && (best < 0 || d < bestD)) { best = j; bestD = d; }
        });
        if (best < 0) {
            grid.add(int(kept.size()), w.xPx, w.yPx);
            kept.push_back(std::move(w));
            continue;
        }
        // The kept badge grows (more digits) but stays in its cell: the next pass checks it again.
        PlacedBadge& k = kept[size_t(best)].b;
        k.count += w.b.count;
        k.units += w.b.units;
        k.text = std::to_string(k.count);
        k.radiusPx = BadgeLevels::radiusFor(atlas, s, k.text);
        merged = true;
    }
    items = std::move(kept);
    return merged;
}

}  // namespace

BadgeLevels::BadgeLevels(std::vector<BadgeLevel> levels) {
    for (BadgeLevel& l : levels)
        if (!l.badges.empty()) levels_.push_back(std::move(l));
}

float BadgeLevels::radiusFor(const FontAtlas& atlas, float s, const std::string& text) {
    return std::max(7.0f, atlas.measure(TextStyle::Badge, text).widthPx / s / 2 + 3.5f);
}

std::shared_ptr<const BadgeChoice> BadgeLevels::choose(double mpp, const FontAtlas& atlas, float s) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (last_ && lastMpp_ == mpp && lastScale_ == s && lastAtlas_ == &atlas) return last_;
    auto choice = std::make_shared<BadgeChoice>();
    if (!levels_.empty() && mpp > 0) {
        int level = int(levels_.size()) - 1;  // the coarsest when none fits
        for (size_t i = 0; i < levels_.size(); ++i)
            if (crowdedShare(levels_[i].badges, mpp, atlas, s) <= kMaxCrowdedShare) { level = int(i); break; }
        choice->level = level;
        long total = 0;
        float floorR = 0;
        std::vector<Work> start;
        for (const CountBadge& b : levels_[size_t(level)].badges) {
            PlacedBadge p{b.pos, b.count, 1, 0, std::to_string(b.count)};
            p.radiusPx = radiusFor(atlas, s, p.text);
            floorR = std::max(floorR, p.radiusPx);
            start.push_back({b.pos.xM / mpp, b.pos.yM / mpp, std::move(p)});
            total += b.count;
        }
        // No badge ever gets wider than one showing the total.
        const float maxRPx = (radiusFor(atlas, s, std::to_string(total)) + 1.2f) * s;
        // Sums gain digits: when the widest combined badge outgrows floorR, start again from the
        // level's own badges with that width, so that the spacing suits the widest number shown (a
        // few rounds at most: floorR only grows, up to the total's width).
        std::vector<Work> items;
        for (;;) {
            items = start;
            choice->combined = false;
            while (combinePass(items, atlas, s, floorR, maxRPx)) choice->combined = true;
            float widest = 0;
            for (const Work& w : items) widest = std::max(widest, w.b.radiusPx);
            if (widest <= floorR) break;
            floorR = widest;
        }
        for (Work& w : items) choice->badges.push_back(std::move(w.b));
    }
    last_ = choice;
    lastMpp_ = mpp;
    lastScale_ = s;
    lastAtlas_ = &atlas;
    return last_;
}

}  // namespace gapmap::render
