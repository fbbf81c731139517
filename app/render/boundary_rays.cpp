#include "render/boundary_rays.h"

#include <algorithm>
#include <cmath>

namespace gapmap::render {

void BoundaryRays::add(MercatorXY a, MercatorXY b, int feature) {
    segments_.push_back({float(a.xM), float(a.yM), float(b.xM), float(b.yM), feature});
}

int BoundaryRays::cellX(double x) const { return std::clamp(int((x - minX_) / cellM_), 0, nx_ - 1); }
int BoundaryRays::cellY(double y) const { return std::clamp(int((y - minY_) / cellM_), 0, ny_ - 1); }

void BoundaryRays::build() {
    if (segments_.empty()) return;
    double maxX = -1e300, maxY = -1e300;
    minX_ = minY_ = 1e300;
    for (const Segment& s : segments_) {
        minX_ = std::min({minX_, double(s.ax), double(s.bx)});
        minY_ = std::min({minY_, double(s.ay), double(s.by)});
        maxX = std::max({maxX, double(s.ax), double(s.bx)});
        maxY = std::max({maxY, double(s.ay), double(s.by)});
    }
    // About two segments per cell on average: a ray of a few hundred metres visits one to four cells.
    const double w = std::max(maxX - minX_, 1.0), h = std::max(maxY - minY_, 1.0);
    cellM_ = std::max(1.0, std::sqrt(w * h / std::max<double>(1, segments_.size() / 2.0)));
    nx_ = std::max(1, int(w / cellM_) + 1);
    ny_ = std::max(1, int(h / cellM_) + 1);
    cellStart_.assign(size_t(nx_) * ny_ + 1, 0);
    auto forCells = [&](const Segment& s, auto fn) {
        const int x0 = cellX(std::min(s.ax, s.bx)), x1 = cellX(std::max(s.ax, s.bx));
        const int y0 = cellY(std::min(s.ay, s.by)), y1 = cellY(std::max(s.ay, s.by));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) fn(size_t(y) * nx_ + x);
    };
    for (const Segment& s : segments_) forCells(s, [&](size_t c) { ++cellStart_[c + 1]; });
    for (size_t c = 1; c < cellStart_.size(); ++c) cellStart_[c] += cellStart_[c - 1];
    cellSegments_.resize(cellStart_.back());
    std::vector<uint32_t> fill(cellStart_.begin(), cellStart_.end() - 1);
    for (uint32_t i = 0; i < segments_.size(); ++i) forCells(segments_[i], [&](size_t c) { cellSegments_[fill[c]++] = i; });
}

int BoundaryRays::cast(MercatorXY from, MercatorXY dir, double backM, double lengthM, int owner) const {
    if (segments_.empty()) return -1;
    const double px = from.xM - dir.xM * backM, py = from.yM - dir.yM * backM, len = backM + lengthM;
    const double qx = px + dir.xM * len, qy = py + dir.yM * len;
    const int x0 = cellX(std::min(px, qx)), x1 = cellX(std::max(px, qx));
    const int y0 = cellY(std::min(py, qy)), y1 = cellY(std::max(py, qy));
    double bestT = 2;
    int best = -1;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const size_t c = size_t(y) * nx_ + x;
            for (uint32_t k = cellStart_[c]; k < cellStart_[c + 1]; ++k) {
                const Segment& s = segments_[cellSegments_[k]];
                if (s.feature == owner) continue;
                // p + t (q - p) = a + u (b - a), t and u in [0, 1]
                const double rx = qx - px, ry = qy - py, sx = double(s.bx) - s.ax, sy = double(s.by) - s.ay;
                const double den = rx * sy - ry * sx;
                if (den == 0) continue;  // parallel: the segments on either side decide
                const double ax = s.ax - px, ay = s.ay - py;
                const double t = (ax * sy - ay * sx) / den, u = (ax * ry - ay * rx) / den;
                if (t >= 0 && t <= 1 && u >= 0 && u <= 1 && t < bestT) {
                    bestT = t;
                    best = s.feature;
                }
            }
        }
    return best;
}

}  // namespace gapmap::render
