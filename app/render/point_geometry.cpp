#include "render/point_geometry.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace gapmap::render {
namespace {

// Indices of the points kept when at most one point (the first in `byPriority`) stays per cell.
std::vector<uint32_t> thin(const std::vector<PointItem>& items, const std::vector<uint32_t>& byPriority, double cellM) {
    std::unordered_map<uint64_t, char> taken;
    taken.reserve(byPriority.size());
    std::vector<uint32_t> kept;
    for (uint32_t i : byPriority) {
        const int64_t cx = int64_t(std::floor(items[i].pos.xM / cellM)), cy = int64_t(std::floor(items[i].pos.yM / cellM));
        const uint64_t key = uint64_t(cx) * 0x9E3779B97F4A7C15ull ^ uint64_t(cy);
        if (taken.emplace(key, 1).second) kept.push_back(i);
    }
    return kept;
}

}  // namespace

const std::vector<PointBand>& PointGeometry::bands() const {
    std::call_once(once_, [this] { make(); });
    return bands_;
}

size_t PointGeometry::bandFor(double mpp) const {
    const std::vector<PointBand>& b = bands();
    size_t k = 0;
    for (size_t i = 1; i < b.size(); ++i)
        if (mpp >= b[i].minMetresPerPixel) k = i;
    return k;
}

std::shared_ptr<const PointGeometry> preparePoints(std::vector<PointItem> items, double cellPx, double maxMpp) {
    auto geo = std::make_shared<PointGeometry>();
    for (const PointItem& p : items) geo->maxRadiusPx = std::max(geo->maxRadiusPx, p.radiusPx);
    geo->items_ = std::move(items);
    geo->cellPx_ = cellPx;
    geo->maxMpp_ = maxMpp;
    return geo;
}

std::shared_ptr<const PointGeometry> preparePointsLater(std::function<std::vector<PointItem>()> make, float maxRadiusPx,
                                                        double cellPx, double maxMpp) {
    auto geo = std::make_shared<PointGeometry>();
    geo->maxRadiusPx = maxRadiusPx;
    geo->makeItems_ = std::move(make);
    geo->cellPx_ = cellPx;
    geo->maxMpp_ = maxMpp;
    return geo;
}

void PointGeometry::make() const {
    PointGeometry& self = const_cast<PointGeometry&>(*this);  // written once, inside call_once
    if (makeItems_) items_ = makeItems_();
    const std::vector<PointItem>& items = items_;
    self.sourceCount = items.size();
    for (const PointItem& p : items) {
        self.box.add(p.pos);
        self.maxRadiusPx = std::max(self.maxRadiusPx, p.radiusPx);
    }
    self.origin = box.empty() ? MercatorXY{} : box.center();
    const double cellPx = cellPx_, maxMpp = maxMpp_;
    const MercatorBox box = this->box;
    const int n = std::clamp(int(std::sqrt(double(items.size()) / 64.0)), 1, 48);
    std::vector<int> tile(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        const int tx = std::clamp(int((items[i].pos.xM - box.minX) / std::max(box.width(), 1e-9) * n), 0, n - 1);
        const int ty = std::clamp(int((box.maxY - items[i].pos.yM) / std::max(box.height(), 1e-9) * n), 0, n - 1);
        tile[i] = ty * n + tx;
    }
    std::vector<uint32_t> byPriority(items.size());
    std::iota(byPriority.begin(), byPriority.end(), 0);
    std::stable_sort(byPriority.begin(), byPriority.end(), [&](uint32_t a, uint32_t b) { return items[a].priority > items[b].priority; });

    // Bands from coarse to fine (factor 2), while thinning still removes more than 10% of the points.
    std::vector<std::pair<double, std::vector<uint32_t>>> coarse;
    const double extent = std::max(box.width(), box.height());
    if (items.size() > 200 && extent > 0) {
        for (double m = extent / 64; m > 0.01; m /= 2) {
            if (m > maxMpp * 2) continue;
            std::vector<uint32_t> kept = thin(items, byPriority, m * cellPx);
            if (kept.size() > 0.9 * items.size()) break;
            coarse.push_back({m, std::move(kept)});
        }
    }
    std::reverse(coarse.begin(), coarse.end());
    coarse.insert(coarse.begin(), {0.0, byPriority});

    for (auto& [mpp, kept] : coarse) {
        PointBand band;
        band.minMetresPerPixel = mpp;
        // Grouped by tile (a counting sort); within a tile, bigger symbols first so that small ones stay on top.
        std::vector<uint32_t> start(size_t(n) * n + 1, 0);
        for (uint32_t i : kept) ++start[size_t(tile[i]) + 1];
        for (size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
        std::vector<uint32_t> order(kept.size());
        std::vector<uint32_t> fill(start.begin(), start.end() - 1);
        for (uint32_t i : kept) order[fill[size_t(tile[i])]++] = i;
        band.points.reserve(order.size());
        for (size_t t = 0; t + 1 < start.size(); ++t) {
            if (start[t] == start[t + 1]) continue;
            std::stable_sort(order.begin() + start[t], order.begin() + start[t + 1],
                             [&](uint32_t a, uint32_t b) { return items[a].radiusPx > items[b].radiusPx; });
            MercatorBox tileBox;
            for (uint32_t k = start[t]; k < start[t + 1]; ++k) {
                const PointItem& p = items[order[k]];
                tileBox.add(p.pos);
                band.points.push_back({float(p.pos.xM - origin.xM), float(p.pos.yM - origin.yM), p.radiusPx, p.fill.rgba8()});
            }
            band.tiles.push_back({tileBox, start[t], start[t + 1] - start[t]});
        }
        bands_.push_back(std::move(band));
    }
    items_ = {};
}

}  // namespace gapmap::render
