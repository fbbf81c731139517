// Trusted Address counts as badges at three admin levels (commune, district, province), so that a
// national map shows sums per district or province instead of thousands of overlapping discs
// (render/badge_levels.h chooses the level by scale). A member of ProjectSceneBuilder kept out of
// project_scene.cpp. Positions are Web Mercator metres.
//
// Privacy: only counts of active addresses per unit, never a location; a district or province sum
// reveals less than the commune counts shared maps already show. Trusted Address counts are not
// small-count suppressed (core/disclosure.h protects outcome counts), so the sums are not either,
// and every level adds up to the same total.
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/i18n.h"
#include "render/project_scene.h"

namespace gapmap::render {
namespace {

struct Group {
    long count = 0;
    double sumX = 0, sumY = 0;            // count-weighted, Mercator metres
    std::vector<MercatorXY> members;      // label points of its communes with addresses
    const MercatorXY* unitPoint = nullptr;  // the unit's own label point, when it was imported with an outline
};

// The badge's anchor: the unit's own label point, else the member commune's label point nearest the
// members' weighted centre (a point inside the country, unlike the centre itself on a curved coast).
MercatorXY anchorOf(const Group& g) {
    if (g.unitPoint) return *g.unitPoint;
    const double cx = g.sumX / double(g.count), cy = g.sumY / double(g.count);
    MercatorXY best = g.members.front();
    double bestD = 1e300;
    for (const MercatorXY& p : g.members)
        if (const double d = std::hypot(p.xM - cx, p.yM - cy); d < bestD) { bestD = d; best = p; }
    return best;
}

}  // namespace

std::shared_ptr<const BadgeLevels> ProjectSceneBuilder::trustedAddressBadges() const {
    std::map<size_t, long> counts;  // commune feature -> active ones, as the report counts them
    for (const TrustedAddress& t : project_.trustedAddresses)
        if (auto it = communeIndex_.find(t.communeCode); t.active && it != communeIndex_.end()) ++counts[it->second];
    std::unordered_map<std::string, const AdminUnit*> units;
    for (const AdminUnit& u : project_.adminUnits) units[u.code] = &u;
    auto ownPoint = [&](const std::string& code) -> const MercatorXY* {
        const auto it = otherUnits_.find(code);
        if (it == otherUnits_.end()) return nullptr;
        const auto& geometry = it->second.first == 0 ? districts_ : provinces_;
        const AreaFeatureInfo& f = geometry->features[it->second.second];
        return f.box.empty() ? nullptr : &f.labelPoint;
    };

    std::vector<BadgeLevel> levels(3);
    levels[0].legendLabel = tr("render.legend.ta_count");
    levels[0].combinedNote = tr("render.legend.ta_combined.commune");
    levels[1].legendLabel = tr("render.legend.ta_count.district");
    levels[1].combinedNote = tr("render.legend.ta_combined.district");
    levels[2].legendLabel = tr("render.legend.ta_count.province");
    levels[2].combinedNote = tr("render.legend.ta_combined.province");
    // Group keys per level: the unit's code; a commune whose district (or province) is unknown stays
    // a group of its own ("c:" + its code), so that it is still counted once.
    std::map<std::string, Group> groups[2];
    for (const auto& [feature, n] : counts) {
        const MercatorXY& p = communes_->features[feature].labelPoint;
        levels[0].badges.push_back({p, n});
        const AdminUnit& commune = *communeUnits_[feature];
        std::string district = commune.parentCode, province;
        if (const auto parent = units.find(district); parent != units.end() && parent->second->level == AdminLevel::Province) {
            province = district;  // a two-level project: communes straight under provinces
            district.clear();
        } else if (parent != units.end()) {
            province = parent->second->parentCode;
        }
        const std::string keys[2] = {district.empty() ? "c:" + commune.code : district,
                                     !province.empty() ? province : district.empty() ? "c:" + commune.code : district};
        for (int level = 0; level < 2; ++level) {
            Group& g = groups[level][keys[level]];
            g.count += n;
            g.sumX += p.xM * double(n);
            g.sumY += p.yM * double(n);
            g.members.push_back(p);
            if (!g.unitPoint && keys[level].rfind("c:", 0) != 0) g.unitPoint = ownPoint(keys[level]);
        }
    }
    for (int level = 0; level < 2; ++level)
        for (const auto& [key, g] : groups[level]) levels[size_t(level) + 1].badges.push_back({anchorOf(g), g.count});
    // A level that groups nothing (no districts, or no provinces known) would only repeat the one below.
    if (levels[2].badges.size() == levels[1].badges.size()) levels.pop_back();
    if (levels[1].badges.size() == levels[0].badges.size()) levels.erase(levels.begin() + 1);
    return std::make_shared<const BadgeLevels>(std::move(levels));
}

}  // namespace gapmap::render
