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

size_t PointGeometry::bandFor(double mpp) const {
    size_t b = 0;
    for (size_t i = 1; i < bands.size(); ++i)
        if (mpp >= bands[i].minMetresPerPixel) b = i;
    return b;
}

std::shared_ptr<const PointGeometry> preparePoints(const std::vector<PointItem>& items, double cellPx) {
    auto geo = std::make_shared<PointGeometry>();
    geo->sourceCount = items.size();
    for (const PointItem& p : items) {
        geo->box.add(p.pos);
        geo->maxRadiusPx = std::max(geo->maxRadiusPx, p.radiusPx);
    }
    geo->origin = geo->box.empty() ? MercatorXY{} : geo->box.center();
    std::vector<uint32_t> byPriority(items.size());
    std::iota(byPriority.begin(), byPriority.end(), 0);
    std::stable_sort(byPriority.begin(), byPriority.end(), [&](uint32_t a, uint32_t b) { return items[a].priority > items[b].priority; });

    // Bands from coarse to fine (factor 2), while thinning still removes more than 10% of the points.
    std::vector<std::pair<double, std::vector<uint32_t>>> coarse;
    const double extent = std::max(geo->box.width(), geo->box.height());
    if (items.size() > 200 && extent > 0) {
        for (double m = extent / 64; m > 0.01; m /= 2) {
            std::vector<uint32_t> kept = thin(items, byPriority, m * cellPx);
            if (kept.size() > 0.9 * items.size()) break;
            coarse.push_back({m, std::move(kept)});
        }
    }
    std::reverse(coarse.begin(), coarse.end());
    std::vector<uint32_t> all = byPriority;
    coarse.insert(coarse.begin(), {0.0, std::move(all)});

    const int n = std::clamp(int(std::sqrt(double(items.size()) / 64.0)), 1, 48);
    const MercatorBox box = geo->box;
    auto tileOf = [&](MercatorXY p) {
        const int tx = std::clamp(int((p.xM - box.minX) / std::max(box.width(), 1e-9) * n), 0, n - 1);
        const int ty = std::clamp(int((box.maxY - p.yM) / std::max(box.height(), 1e-9) * n), 0, n - 1);
        return ty * n + tx;
    };
    for (auto& [mpp, kept] : coarse) {
        PointBand band;
        band.minMetresPerPixel = mpp;
        // Within a tile, bigger symbols first so that small ones stay visible on top.
        std::stable_sort(kept.begin(), kept.end(), [&](uint32_t a, uint32_t b) {
            const int ta = tileOf(items[a].pos), tb = tileOf(items[b].pos);
            return ta != tb ? ta < tb : items[a].radiusPx > items[b].radiusPx;
        });
        int tile = -1;
        MercatorBox tileBox;
        uint32_t first = 0;
        for (uint32_t i : kept) {
            const PointItem& p = items[i];
            const int t = tileOf(p.pos);
            if (t != tile) {
                if (tile >= 0) band.tiles.push_back({tileBox, first, uint32_t(band.count()) - first});
                tile = t;
                tileBox = {};
                first = uint32_t(band.count());
            }
            tileBox.add(p.pos);
            band.points.push_back({float(p.pos.xM - geo->origin.xM), float(p.pos.yM - geo->origin.yM), p.radiusPx, p.fill.rgba8()});
        }
        if (tile >= 0) band.tiles.push_back({tileBox, first, uint32_t(band.count()) - first});
        geo->bands.push_back(std::move(band));
    }
    return geo;
}

}  // namespace gapmap::render
