// Count badges that stay readable at every scale (Trusted Addresses per commune on a national map):
// the counts are given at several admin levels (commune, then district, then province), and for a
// scale the finest level whose badges mostly fit is chosen; badges of that level that would still
// crowd each other are combined into one badge showing their sum. Every unit is counted exactly once
// at every scale, so the shown numbers always add up to the total.
// Plain data and CPU layout in Web Mercator metres and screen pixels; no GL, no project types.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/mercator.h"
#include "render/font_atlas.h"

namespace gapmap::render {

struct CountBadge {
    MercatorXY pos;   // absolute Mercator metres
    long count = 0;   // >= 1
};

// One admin level's badges: each unit of the finest level is in exactly one badge of every level,
// so the counts of every level have the same sum.
struct BadgeLevel {
    std::string legendLabel;     // "Trusted Addresses in the district (count; ...)", in the scene's language
    std::string combinedNote;    // added to the legend when badges of this level had to be combined
    std::vector<CountBadge> badges;
};

// A badge as drawn at one scale (before the layer's screen offset).
struct PlacedBadge {
    MercatorXY pos;
    long count = 0;
    int units = 1;           // badges of the level it stands for (> 1: combined)
    float radiusPx = 7;      // disc radius before the UI scale
    std::string text;
};

struct BadgeChoice {
    int level = 0;           // index into BadgeLevels::levels
    bool combined = false;   // some badge stands for several units of the level
    std::vector<PlacedBadge> badges;
};

class BadgeLevels {
public:
    explicit BadgeLevels(std::vector<BadgeLevel> levels);  // finest first; levels with no badge are dropped
    const std::vector<BadgeLevel>& levels() const { return levels_; }

    // The badges at `metresPerPixel` (Mercator metres per screen pixel) and UI scale `uiScale`: the
    // finest level where at most a small share of the badges would crowd a neighbour, then crowding
    // badges combined (largest first keeps its place). Independent of the viewport, so that a cached
    // frame larger than the window, the window itself and the legend all agree. Remembers the last answer.
    std::shared_ptr<const BadgeChoice> choose(double metresPerPixel, const FontAtlas& atlas, float uiScale) const;

    // Disc radius (before the UI scale) of a badge showing `text`.
    static float radiusFor(const FontAtlas& atlas, float uiScale, const std::string& text);
    // How close counts as crowding and how much of it a level may have: badge_levels.cpp.

private:
    std::vector<BadgeLevel> levels_;
    mutable std::mutex mutex_;
    mutable double lastMpp_ = -1;
    mutable float lastScale_ = -1;
    mutable const FontAtlas* lastAtlas_ = nullptr;
    mutable std::shared_ptr<const BadgeChoice> last_;
};

}  // namespace gapmap::render
