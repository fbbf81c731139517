#include "render/project_scene.h"
#include "render/area_cache.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "core/admin_names.h"
#include "core/i18n.h"
#include "core/map_style.h"
#include "core/mercator.h"

namespace gapmap::render {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The palette and sizes the QGIS styles share (core/map_style.h).
using namespace map_style;
const Color kGap[4] = {Color::hex(0xffffff), Color::hex(0xfed976), Color::hex(0xfd8d3c), Color::hex(0xbd0026)};

// The largest round number (1, 2, 5 x 10^k) not above v, for legend examples.
double niceRound(double v) {
    if (v <= 0) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= v * (1 + 1e-9)) return m * p;
    return p;
}

}  // namespace

const std::vector<LayerInfo>& layerCatalogue() {
    static const std::vector<LayerInfo> layers = {
        {"communes"},
        {"choropleth"},
        {"districts"},
        {"province"},
        {"villages"},
        {"connectivity"},
        {"electricity"},
        {"mobile"},
        {"internet"},
        {"priority_villages"},
        {"teams"},
        {"clubs"},
        {"commune_offices"},
        {"trusted_addresses"},
        {"labels"},
    };
    return layers;
}

std::string layerDescription(const LayerInfo& layer) {
    return tr(std::string("render.layer.") + layer.id);
}

std::vector<std::string> defaultLayers() {
    return {"communes", "choropleth", "districts", "province", "villages", "teams", "trusted_addresses", "labels"};
}

const std::vector<AttributeInfo>& communeAttributes() {
    static const std::vector<AttributeInfo> attrs = {
        {"difficult_team_share", true, false},
        {"difficult_without_team", false, true},
        {"team_share", true, false},
        {"club_share", true, false},
        {"ta_share", true, false},
        {"trusted_addresses", false, false},
        {"difficult_share", true, true},
        {"no_electricity_share", true, true},
        {"no_mobile_share", true, true},
        {"no_internet_share", true, true},
        {"population", false, false},
        {"villages", false, false},
        {"especially_difficult", false, true},
    };
    return attrs;
}

const AttributeInfo* findAttribute(const std::string& id) {
    for (const AttributeInfo& a : communeAttributes())
        if (id == a.id) return &a;
    return nullptr;
}

std::string attributeLabel(const AttributeInfo& attribute) {
    return tr(std::string("render.attr.") + attribute.id);
}

ProjectSceneBuilder::ProjectSceneBuilder(const Project& project, bool backgroundBands, std::shared_ptr<SceneCacheStore> sceneCache)
    : project_(project), sceneCache_(std::move(sceneCache)) {
    std::unordered_map<std::string, const AdminUnit*> units;
    units.reserve(project.adminUnits.size());
    for (const AdminUnit& u : project.adminUnits) units[u.code] = &u;
    std::unordered_map<std::string, int> groupIds;
    auto group = [&](const std::string& code) {
        if (code.empty()) return -1;
        return groupIds.emplace(code, int(groupIds.size())).first->second;
    };
    std::vector<AreaInput> communeInputs, districtInputs, provinceInputs;
    std::vector<const AdminUnit*> districtUnits, provinceUnits;
    for (const AdminUnit& u : project.adminUnits) {
        if (u.area.empty()) continue;
        if (u.level == AdminLevel::Commune) {
            AreaInput in{&u.area, -1, -1};
            const auto parent = units.find(u.parentCode);
            if (parent == units.end()) in.district = group(u.parentCode);  // parent not imported: still a group
            else if (parent->second->level == AdminLevel::District) {
                in.district = group(u.parentCode);
                in.province = group(parent->second->parentCode);
            } else if (parent->second->level == AdminLevel::Province) in.province = group(u.parentCode);
            communeIndex_[u.code] = communeInputs.size();
            communeInputs.push_back(in);
            communeCodes_.push_back(u.code);
            communeUnits_.push_back(&u);
        } else if (u.level == AdminLevel::District) {
            otherUnits_[u.code] = {0, districtInputs.size()};
            districtInputs.push_back({&u.area, -1, -1});
            districtUnits.push_back(&u);
        } else {
            otherUnits_[u.code] = {1, provinceInputs.size()};
            provinceInputs.push_back({&u.area, -1, -1});
            provinceUnits.push_back(&u);
        }
    }
    AreaOptions areaOptions;
    areaOptions.bands = backgroundBands ? AreaOptions::Bands::Deferred : AreaOptions::Bands::OnDemand;
    areaOptions.cache = sceneCache_;  // finished geometry kept in the project file (area_cache.h)
    communes_ = prepareAreas(communeInputs, areaOptions);
    // Higher levels are drawn from the commune arcs when communes exist (the lines then coincide
    // exactly); their own polygons serve for zooming to them and when communes have no geometry.
    districts_ = prepareAreas(districtInputs, areaOptions);
    provinces_ = prepareAreas(provinceInputs, areaOptions);

    // Commune outlines show once a typical commune is ~10 px across; village names once villages
    // are ~45 px apart.
    std::vector<double> sizes;
    double totalArea = 0;
    for (const AreaFeatureInfo& f : communes_->features) {
        if (f.areaM2 > 0) sizes.push_back(std::sqrt(f.areaM2));
        totalArea += f.areaM2;
    }
    if (!sizes.empty()) {
        std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
        communeOutlineMaxMpp_ = sizes[sizes.size() / 2] / 10;
    } else communeOutlineMaxMpp_ = std::numeric_limits<double>::infinity();
    // District lines once a typical district is ~16 px across.
    std::map<int, double> districtArea;
    for (size_t i = 0; i < communeInputs.size(); ++i)
        if (communeInputs[i].district >= 0) districtArea[communeInputs[i].district] += communes_->features[i].areaM2;
    severalDistricts_ = districtArea.size() > 1;
    backgroundBands_ = backgroundBands;
    std::vector<double> districtSizes;
    for (const auto& [id, area] : districtArea) districtSizes.push_back(std::sqrt(area));
    if (districtSizes.size() > 1) {
        std::nth_element(districtSizes.begin(), districtSizes.begin() + districtSizes.size() / 2, districtSizes.end());
        districtOutlineMaxMpp_ = districtSizes[districtSizes.size() / 2] / 16;
    }
    size_t located = 0;
    for (const Village& v : project.villages) located += v.location.has_value();
    if (located > 0) {
        if (totalArea <= 0) {
            MercatorBox box;
            for (const Village& v : project.villages)
                if (v.location) box.add(toMercator(*v.location));
            totalArea = box.width() * box.height();
        }
        const double spacing = std::sqrt(std::max(totalArea, 1.0) / double(located));
        villageLabelMaxMpp_ = spacing / 45;
        villageMaxMpp_ = spacing / 5;
        std::set<std::string> teamVillages;
        for (const CommunicationTeam& t : project.teams) teamVillages.insert(t.villageCode);
        if (!teamVillages.empty()) teamMaxMpp_ = std::sqrt(std::max(totalArea, 1.0) / double(teamVillages.size())) / 5;
    }
}

ProjectSceneBuilder::~ProjectSceneBuilder() {
    stop_ = true;
    for (const auto& g : {communes_, districts_, provinces_}) g->cancel();
    if (worker_.joinable()) worker_.join();
    if (cacheWriter_.joinable()) cacheWriter_.join();
}

bool ProjectSceneBuilder::saveSceneCache() const {
    const auto& store = sceneCache_;
    if (!store || !store->writable()) return false;
    const auto all = {communes_, districts_, provinces_};
    bool needed = false;
    for (const auto& g : all) needed |= !g->cacheKey().empty() && !g->fromCache();
    if (!needed) return false;
    for (const auto& g : all) {
        g->prepareAllBands();     // stops early once the builder is closing (cancel())
        if (stop_) return false;  // then the next open writes the cache
    }
    // One blob at a time (the finest national band alone is 25 MB).
    const std::vector<std::shared_ptr<const AreaGeometry>> geometries = all;
    size_t g = 0, i = 0;
    return store->replace([&]() -> std::optional<SceneCacheStore::Entry> {
        for (; g < geometries.size(); ++g, i = 0)
            if (i < areaCacheEntryCount(*geometries[g])) return areaCacheEntry(*geometries[g], i++);
        return std::nullopt;
    });
}

void ProjectSceneBuilder::saveSceneCacheInBackground() {
    const auto& store = sceneCache_;
    if (cacheWriter_.joinable() || !store || !store->writable()) return;
    cacheWriter_ = std::thread([this] { saveSceneCache(); });
}

void ProjectSceneBuilder::startBackgroundWork() {
    if (worker_.joinable()) return;
    worker_ = std::thread([this] {
        for (const auto& g : {communes_, districts_, provinces_}) {
            if (stop_) return;
            // A band read from the project's scene cache costs a blob read when first drawn; loading
            // every band ahead would hold them all (national: +84 MB) for scales the user may never visit.
            if (!g->fromCache()) g->prepareAllBands();
        }
        std::vector<std::shared_ptr<const PointGeometry>> points;
        std::shared_ptr<const LabelSet> villageLabels;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (const auto& [key, geo] : pointCache_) points.push_back(geo);
            villageLabels = villageLabels_;
        }
        for (const auto& p : points) {
            if (stop_) return;
            p->bands();
        }
        if (villageLabels && !stop_) villageLabels->items();
    });
}

std::string ProjectSceneBuilder::defaultAttribute() const {
    if (std::any_of(project_.villages.begin(), project_.villages.end(), [](const Village& v) { return v.especiallyDifficult; }))
        return "difficult_team_share";
    const std::vector<double> population = attributeValues("population");
    if (std::any_of(population.begin(), population.end(), [](double v) { return !std::isnan(v); })) return "population";
    return "";
}

MercatorBox ProjectSceneBuilder::bounds() const {
    MercatorBox b = communes_->box;
    if (b.empty()) { b.add(districts_->box); b.add(provinces_->box); }
    if (b.empty())
        for (const Village& v : project_.villages)
            if (v.location) b.add(toMercator(*v.location));
    return b;
}

std::optional<MercatorBox> ProjectSceneBuilder::unitBounds(const std::string& code) const {
    if (auto it = communeIndex_.find(code); it != communeIndex_.end()) {
        const MercatorBox& b = communes_->features[it->second].box;
        if (!b.empty()) return b;
    }
    if (auto it = otherUnits_.find(code); it != otherUnits_.end()) {
        const AreaGeometry& g = it->second.first == 0 ? *districts_ : *provinces_;
        const MercatorBox& b = g.features[it->second.second].box;
        if (!b.empty()) return b;
    }
    // A district or province without its own polygon: the union of its communes.
    MercatorBox b;
    for (size_t i = 0; i < communeUnits_.size(); ++i) {
        const AdminUnit* u = communeUnits_[i];
        const AdminUnit* parent = u->parentCode == code ? u : nullptr;
        if (!parent) {
            for (const AdminUnit& d : project_.adminUnits)
                if (d.code == u->parentCode && d.parentCode == code) parent = &d;
        }
        if (parent) b.add(communes_->features[i].box);
    }
    if (!b.empty()) return b;
    return std::nullopt;
}

void ProjectSceneBuilder::attributesChanged() {
    std::lock_guard<std::mutex> lock(mutex_);
    reports_.clear();
    pointCache_.clear();
    coverage_.reset();
}

const Report& ProjectSceneBuilder::report(double radiusKm) const {
    auto it = reports_.find(radiusKm);
    if (it == reports_.end()) it = reports_.emplace(radiusKm, buildReport(project_, radiusKm)).first;
    return it->second;
}

std::vector<double> ProjectSceneBuilder::attributeValues(const std::string& attribute, double radiusKm) const {
    const AttributeInfo* info = findAttribute(attribute);
    if (!info) throw std::invalid_argument(tr("render.error.no_attribute", {attribute}));
    std::vector<double> values(communeCodes_.size(), kNaN);
    const std::string id = info->id;
    if (id == "population") {
        for (size_t i = 0; i < communeUnits_.size(); ++i)
            if (communeUnits_[i]->population) values[i] = double(*communeUnits_[i]->population);
        bool any = std::any_of(values.begin(), values.end(), [](double v) { return !std::isnan(v); });
        if (any) return values;  // else: the population of its villages, below
    }
    if (id == "trusted_addresses") {
        if (!project_.hasData(kTrustedAddressesTable)) return values;  // never loaded: no data, not 0
        for (double& v : values) v = 0;
        // Active ones only, as the report's areas table counts them (an inactive one supports nobody).
        for (const TrustedAddress& t : project_.trustedAddresses)
            if (auto it = communeIndex_.find(t.communeCode); t.active && it != communeIndex_.end()) values[it->second] += 1;
        return values;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    const Report& r = report(radiusKm);
    std::unordered_map<std::string, int> withoutTeam;
    for (const VillageRow& v : r.difficultWithoutTeam) ++withoutTeam[v.communeCode];
    for (const AreaRow& row : r.communes) {
        const auto it = communeIndex_.find(row.code);
        if (it == communeIndex_.end()) continue;
        double& v = values[it->second];
        // A share over zero villages, or over a table never loaded, is no data (NaN: the grey class), never 0.
        auto share = [&](std::optional<int> part, int whole) { return part && whole > 0 ? 100.0 * *part / whole : kNaN; };
        const int difficultWithout = withoutTeam.count(row.code) ? withoutTeam[row.code] : 0;
        if (id == "population") v = row.villages ? double(row.population) : kNaN;
        else if (id == "villages") v = row.villages;
        else if (id == "especially_difficult") v = row.especiallyDifficult ? double(*row.especiallyDifficult) : kNaN;
        else if (id == "difficult_share") v = share(row.especiallyDifficult, row.villages);
        else if (id == "difficult_team_share")
            v = r.teamsKnown && row.especiallyDifficult ? share(*row.especiallyDifficult - difficultWithout, *row.especiallyDifficult) : kNaN;
        else if (id == "difficult_without_team") v = r.teamsKnown && r.difficultKnown ? difficultWithout : kNaN;
        else if (id == "team_share") v = share(row.withTeam, row.villages);
        else if (id == "club_share") v = share(row.withClub, row.villages);
        else if (id == "ta_share") v = share(row.withTrustedAddress, row.villages);
        else if (id == "no_electricity_share") v = share(row.noElectricity, row.villages);
        else if (id == "no_mobile_share") v = share(row.noMobile, row.villages);
        else if (id == "no_internet_share") v = share(row.noInternet, row.villages);
    }
    return values;
}

std::shared_ptr<const PointGeometry> ProjectSceneBuilder::cachedPoints(const std::string& key, double maxMpp, float maxRadiusPx,
                                                                       std::function<std::vector<PointItem>()> make) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& geo = pointCache_[key];
    if (!geo) geo = preparePointsLater(std::move(make), maxRadiusPx, 3.0, maxMpp);  // made when first drawn
    return geo;
}

RenderScene ProjectSceneBuilder::build(const SceneOptions& options) const {
    std::set<std::string> show;
    for (const std::string& id : options.layers.empty() ? defaultLayers() : options.layers) {
        const bool known = std::any_of(layerCatalogue().begin(), layerCatalogue().end(), [&](const LayerInfo& l) { return id == l.id; });
        if (!known) throw std::invalid_argument(tr("render.error.no_layer", {id}));
        show.insert(id);
    }
    const AttributeInfo* attribute = nullptr;
    if (show.count("choropleth")) {
        const std::string id = options.colorBy.empty() ? defaultAttribute() : options.colorBy;
        attribute = id.empty() ? nullptr : findAttribute(id);
        if (!attribute && !id.empty()) throw std::invalid_argument(tr("render.error.no_attribute", {id}));
    }

    RenderScene scene;
    scene.bounds = bounds();
    scene.title = !options.title.empty() ? options.title : project_.title("");
    const std::string asOf = project_.settingOr("data_as_of", "");
    if (!asOf.empty()) scene.dataDate = tr("render.data_as_of", {formatLocaleDate(asOf)});
    scene.synthetic = project_.synthetic();
    scene.attribution = tr("render.attribution");
    const bool haveCommunes = !communes_->features.empty() && communes_->bandCount() > 0 && !communes_->box.empty();

    // Villages: sqrt scale, radius 2..8 px, so that area is proportional to population.
    const int64_t maxPop = villageSizePopulation(project_);
    const float minR = kVillageMinRadiusPx, maxR = kVillageMaxRadiusPx;
    auto radiusOf = [maxPop, minR, maxR](const Village& v) {  // by value: village labels use it later
        if (!v.population || maxPop <= 0) return minR;
        return std::clamp(float(maxR * std::sqrt(double(*v.population) / double(maxPop))), minR, maxR);
    };

    // 1. Commune areas and the choropleth.
    if (haveCommunes) {
        Layer land;
        land.id = "communes";
        land.kind = LayerKind::Fill;
        land.areas = communes_;
        land.featureColors = std::make_shared<std::vector<Color>>(communes_->features.size(), kLand);
        land.visible = show.count("communes") > 0;
        scene.layers.push_back(land);

        if (attribute) {
            const std::vector<double> values = attributeValues(attribute->id, options.trustedAddressRadiusKm);
            const Classes classes = classify(values, std::clamp(options.classes, 2, 9), options.classMethod);
            const Ramp ramp = options.ramp ? *options.ramp : attribute->gap ? Ramp::OrRd : Ramp::YlGnBu;
            const std::vector<Color> colors = rampColors(ramp, std::max<int>(2, int(classes.breaks.size())));
            auto featureColors = std::make_shared<std::vector<Color>>(values.size(), kNoData);
            bool noData = false;
            std::vector<int> perClass(classes.breaks.size(), 0);
            for (size_t i = 0; i < values.size(); ++i) {
                const int c = classes.classOf(values[i]);
                if (c < 0) { noData = true; continue; }
                (*featureColors)[i] = colors[size_t(c) < colors.size() ? c : colors.size() - 1];
                ++perClass[c];
            }
            Layer fill;
            fill.id = "choropleth";
            fill.kind = LayerKind::Fill;
            fill.areas = communes_;
            fill.featureColors = featureColors;
            fill.legendTitle = attribute->percent ? tr("render.legend.percent", {attributeLabel(*attribute)}) : attributeLabel(*attribute);
            // The values each class holds, never overlapping (core/color_ramp.h, as the PDF's legend).
            const bool whole = std::all_of(values.begin(), values.end(), [](double v) { return std::isnan(v) || v == std::round(v); });
            const std::vector<std::string> ranges = classLabels(classes, values, attribute->percent || whole ? 0 : 1, attribute->percent ? "%" : "");
            for (size_t c = 0; c < classes.breaks.size(); ++c) {
                LegendEntry e;
                e.swatch = LegendEntry::Swatch::Fill;
                e.fill = colors[std::min(c, colors.size() - 1)];
                e.stroke = kCommuneLine;
                e.label = ranges[c] + "   (" + std::to_string(perClass[c]) + ")";
                fill.legend.push_back(e);
            }
            if (noData) {
                LegendEntry e;
                e.swatch = LegendEntry::Swatch::Fill;
                e.fill = kNoData;
                e.stroke = kCommuneLine;
                e.label = tr("render.legend.no_data");
                fill.legend.push_back(e);
            }
            scene.layers.push_back(fill);
            scene.subtitle = tr("render.subtitle", {fill.legendTitle});
            scene.colorBy = attribute->id;
        }
    }

    // 2. Boundaries, thin to thick.
    auto outline = [&](const std::string& id, std::shared_ptr<const AreaGeometry> geo, int cls, Color color, float width,
                       const std::string& label) {
        Layer l;
        l.id = id;
        l.kind = LayerKind::Outline;
        l.areas = std::move(geo);
        l.minArcClass = cls;
        l.lineColor = color;
        l.lineWidthPx = width;
        l.visible = show.count(id) > 0;
        l.legendTitle = tr("render.legend.boundaries");
        LegendEntry e;
        e.swatch = LegendEntry::Swatch::Line;
        e.stroke = color;
        e.sizePx = width;
        e.label = label;
        l.legend.push_back(e);
        return l;
    };
    if (haveCommunes) {
        Layer communeLines = outline("communes", communes_, kArcCommune, kCommuneLine, kCommuneLineWidthPx, tr("render.legend.commune"));
        communeLines.maxMetresPerPixel = communeOutlineMaxMpp_;
        scene.layers.push_back(communeLines);
        const bool districtLevel = severalDistricts_ && (project_.hasDistricts() ||
            std::any_of(communeUnits_.begin(), communeUnits_.end(), [&](const AdminUnit* u) {
                const AdminUnit* p = nullptr;
                for (const AdminUnit& d : project_.adminUnits) if (d.code == u->parentCode) { p = &d; break; }
                return !p || p->level == AdminLevel::District;
            }));
        if (districtLevel) {
            Layer districtLines = outline("districts", communes_, kArcDistrict, kDistrictLine, kDistrictLineWidthPx, tr("render.legend.district"));
            districtLines.maxMetresPerPixel = districtOutlineMaxMpp_;
            scene.layers.push_back(districtLines);
        }
        scene.layers.push_back(outline("province", communes_, kArcOuter, kProvinceLine, kProvinceLineWidthPx,
                                       provinces_->features.empty() && !project_.hasDistricts() && communeUnits_.size() > 2000
                                           ? tr("render.legend.outer_edge") : tr("render.legend.province")));
    } else {
        if (!districts_->features.empty()) scene.layers.push_back(outline("districts", districts_, kArcCommune, kDistrictLine, kDistrictLineWidthPx, tr("render.legend.district")));
        if (!provinces_->features.empty()) scene.layers.push_back(outline("province", provinces_, kArcCommune, kProvinceLine, kProvinceLineWidthPx, tr("render.legend.province")));
    }

    if (!options.focusUnit.empty() && haveCommunes) addFocusLayers(scene, options.focusUnit, show.count("districts") > 0);

    // 3. Villages and what is in them.
    const Project* project = &project_;  // the point sets below are made when first drawn: no reference to this builder
    auto villageIndex = [project] {
        std::unordered_map<std::string, const Village*> byCode;
        for (const Village& v : project->villages) byCode[v.code] = &v;
        return byCode;
    };
    const bool anyVillage = std::any_of(project_.villages.begin(), project_.villages.end(), [](const Village& v) { return v.location.has_value(); });
    if (anyVillage) {
        Layer villages;
        villages.id = "villages";
        villages.kind = LayerKind::Points;
        villages.shape = PointShape::Circle;
        villages.strokeColor = kVillageStroke;
        villages.strokeWidthPx = kVillageStrokeWidthPx;
        // Dark stroke, then a light ring: a symbol stands out on every fill, even a dark red dot on
        // the dark red end of the same ramp (no internet over "share without internet").
        villages.pointHaloPx = kVillageHaloPx;
        villages.visible = show.count("villages") > 0;
        villages.points = cachedPoints("villages", villageMaxMpp_, maxR, [project, radiusOf] {
            std::vector<PointItem> items;
            for (const Village& v : project->villages)
                if (v.location) items.push_back({toMercator(*v.location), radiusOf(v), kVillageFill, float(v.population.value_or(0))});
            return items;
        });
        villages.maxMetresPerPixel = villageMaxMpp_;
        villages.legendTitle = tr("render.legend.villages");
        if (maxPop > 0) {
            for (double example : {niceRound(double(maxPop)), niceRound(maxPop / 4.0), niceRound(maxPop / 16.0)}) {
                LegendEntry e;
                e.swatch = LegendEntry::Swatch::Point;
                e.fill = kVillageFill;
                e.stroke = kVillageStroke;
                e.shape = PointShape::Circle;
                e.sizePx = std::clamp(float(maxR * std::sqrt(example / double(maxPop))), minR, maxR);
                e.label = tr("render.legend.people", {formatLocaleNumber(example)});
                villages.legend.push_back(e);
            }
        } else {
            villages.legend.push_back({LegendEntry::Swatch::Point, kVillageFill, kVillageStroke, minR, 1, PointShape::Circle, tr("render.legend.village"), ""});
        }
        scene.layers.push_back(villages);

        // Connectivity: one of four colourings of the same village symbols.
        struct Mode { const char* id; ConnectivityGap gap; };
        for (Mode mode : {Mode{"connectivity", ConnectivityGap::Any}, Mode{"electricity", ConnectivityGap::Electricity},
                          Mode{"mobile", ConnectivityGap::Mobile}, Mode{"internet", ConnectivityGap::Internet}}) {
            if (!show.count(mode.id)) continue;
            // A column the villages file did not have is no data (-1: the "no data" grey), never "none".
            const bool hasPower = project_.hasData(kVillageElectricity), hasMobile = project_.hasData(kVillageMobile),
                       hasInternet = project_.hasData(kVillageInternet);
            auto classOf = [gap = mode.gap, hasPower, hasMobile, hasInternet](const Village& v) {
                const int power = v.electricity == Electricity::Grid ? 0 : v.electricity == Electricity::Offgrid ? 1 : 3;
                const int mobile = v.mobile == Mobile::G3 || v.mobile == Mobile::G4 ? 0 : v.mobile == Mobile::G2 ? 2 : 3;
                switch (gap) {
                    case ConnectivityGap::Any:  // the gaps among the columns given
                        if (!hasPower && !hasMobile && !hasInternet) return -1;
                        return int(hasPower && v.electricity != Electricity::Grid) + int(hasMobile && mobile > 0) + int(hasInternet && !v.internet);
                    case ConnectivityGap::Electricity: return hasPower ? power : -1;
                    case ConnectivityGap::Mobile: return hasMobile ? mobile : -1;
                    case ConnectivityGap::Internet: return !hasInternet ? -1 : v.internet ? 0 : 3;
                }
                return 0;
            };
            const bool unknownClass = mode.gap == ConnectivityGap::Any          ? !hasPower && !hasMobile && !hasInternet
                                      : mode.gap == ConnectivityGap::Electricity ? !hasPower
                                      : mode.gap == ConnectivityGap::Mobile      ? !hasMobile
                                                                                 : !hasInternet;
            Layer gaps = villages;
            gaps.id = mode.id;
            gaps.visible = true;
            gaps.points = cachedPoints(mode.id, villageMaxMpp_, maxR, [project, radiusOf, classOf] {
                std::vector<PointItem> items;
                for (const Village& v : project->villages)
                    if (v.location) {
                        const int c = classOf(v);
                        items.push_back({toMercator(*v.location), radiusOf(v), c < 0 ? kNoData : kGap[c],
                                         float(c) * 1e7f + float(v.population.value_or(0))});
                    }
                return items;
            });
            gaps.legend.clear();
            auto entry = [&](int c, const char* key) {
                const std::string label = tr(key);
                gaps.legend.push_back({LegendEntry::Swatch::Point, kGap[c], kVillageStroke, 5, 1, PointShape::Circle, label, ""});
            };
            switch (mode.gap) {
                case ConnectivityGap::Any:
                    gaps.legendTitle = tr("render.legend.connectivity");
                    entry(0, "render.legend.gaps.none"); entry(1, "render.legend.gaps.one"); entry(2, "render.legend.gaps.two"); entry(3, "render.legend.gaps.all");
                    break;
                case ConnectivityGap::Electricity:
                    gaps.legendTitle = tr("render.legend.electricity");
                    entry(0, "render.legend.electricity.grid"); entry(1, "render.legend.electricity.offgrid"); entry(3, "render.legend.electricity.none");
                    break;
                case ConnectivityGap::Mobile:
                    gaps.legendTitle = tr("render.legend.mobile");
                    entry(0, "render.legend.mobile.g34"); entry(2, "render.legend.mobile.g2"); entry(3, "render.legend.mobile.none");
                    break;
                case ConnectivityGap::Internet:
                    gaps.legendTitle = tr("render.legend.internet");
                    entry(0, "render.legend.internet.yes"); entry(3, "render.legend.internet.none");
                    break;
            }
            if (unknownClass) {  // every symbol is grey: the legend says why, and nothing else
                gaps.legend.clear();
                gaps.legend.push_back({LegendEntry::Swatch::Point, kNoData, kVillageStroke, 5, 1, PointShape::Circle, tr("nodata.legend"), ""});
            }
            scene.layers.push_back(gaps);
        }
    }
    if (anyVillage && (show.count("priority_villages") || !options.shownLayersOnly))
        addPriorityLayer(scene, options, show.count("priority_villages") > 0);
    if (anyVillage || !project_.teams.empty()) {
        Layer teams;
        teams.id = "teams";
        teams.kind = LayerKind::Points;
        teams.shape = PointShape::Diamond;
        teams.strokeColor = Color::hex(0xffffff);
        teams.strokeWidthPx = 1.2f;
        teams.visible = show.count("teams") > 0;
        teams.points = cachedPoints("teams", teamMaxMpp_, 3.6f, [project, villageIndex] {
            std::vector<PointItem> items;
            std::set<std::string> seen;
            const auto villageByCode = villageIndex();
            for (const CommunicationTeam& t : project->teams) {
                const auto it = villageByCode.find(t.villageCode);
                if (it == villageByCode.end() || !it->second->location || !seen.insert(t.villageCode).second) continue;
                items.push_back({toMercator(*it->second->location), 3.6f, kTeam, float(it->second->population.value_or(0))});
            }
            return items;
        });
        teams.maxMetresPerPixel = teamMaxMpp_;
        teams.legendTitle = tr("render.legend.support");
        teams.legend.push_back({LegendEntry::Swatch::Point, kTeam, Color::hex(0xffffff), 3.6f, 1.2f, PointShape::Diamond,
                                tr("render.legend.team"), ""});
        if (!project_.teams.empty()) scene.layers.push_back(teams);
    }
    if (!project_.clubs.empty() && haveCommunes) {
        Layer clubs;
        clubs.id = "clubs";
        clubs.kind = LayerKind::Points;
        clubs.shape = PointShape::Triangle;
        clubs.strokeColor = Color::hex(0xffffff);
        clubs.strokeWidthPx = 1.2f;
        clubs.offsetXPx = 7;   // beside a team's diamond in the same village
        clubs.offsetYPx = -3;
        clubs.visible = show.count("clubs") > 0;
        clubs.points = cachedPoints("clubs", 1e300, 5.0f, [project, villageIndex, communes = communes_, communeIndex = communeIndex_] {
            std::vector<PointItem> items;
            const auto villageByCode = villageIndex();
            for (const Club& c : project->clubs) {
                const auto v = villageByCode.find(c.villageCode);
                if (!c.villageCode.empty() && v != villageByCode.end() && v->second->location) {
                    items.push_back({toMercator(*v->second->location), 5.0f, kClub, float(c.members)});
                } else if (const auto it = communeIndex.find(c.communeCode); it != communeIndex.end()) {
                    const MercatorXY p = communes->features[it->second].labelPoint;
                    items.push_back({p, 5.0f, kClub, float(c.members)});
                }
            }
            return items;
        });
        clubs.legendTitle = tr("render.legend.support");
        clubs.legend.push_back({LegendEntry::Swatch::Point, kClub, Color::hex(0xffffff), 5.0f, 1.2f, PointShape::Triangle,
                                tr("render.legend.club"), ""});
        scene.layers.push_back(clubs);
    }
    if (haveCommunes && (show.count("commune_offices") || !options.shownLayersOnly))
        addOfficeLayer(scene, show.count("commune_offices") > 0);
    if (!project_.trustedAddresses.empty()) {
        Layer ta;
        ta.id = "trusted_addresses";
        ta.visible = show.count("trusted_addresses") > 0;
        ta.legendTitle = tr("render.legend.support");
        if (options.exactTrustedAddresses) {
            // Desktop app only, after an explicit unlock: exact points, and a warning on the map.
            ta.kind = LayerKind::Points;
            ta.shape = PointShape::Square;
            ta.strokeColor = Color::hex(0xffffff);
            ta.points = preparePoints([&] {
                std::vector<PointItem> items;
                for (const TrustedAddress& t : project_.trustedAddresses)
                    if (t.location) items.push_back({toMercator(*t.location), 5.0f, kTrustedAddress, 1});
                return items;
            }());
            ta.legend.push_back({LegendEntry::Swatch::Point, kTrustedAddress, Color::hex(0xffffff), 5.0f, 1, PointShape::Square,
                                 tr("render.legend.ta_exact"), ""});
            if (ta.visible) scene.warning = tr("render.warning.ta_exact");
        } else {
            // Shared outputs: a count per commune at the commune's label point, nothing else; summed
            // per district or province where the commune counts would not fit (badge_levels.h).
            ta.kind = LayerKind::Badges;
            ta.offsetYPx = -20;  // above the commune name, which is centred on the same point
            ta.badgeFill = kTrustedAddress;
            ta.badgeText = Color::hex(0xffffff);
            ta.badgeLevels = trustedAddressBadges();
            if (!ta.badgeLevels->levels().empty())
                for (const CountBadge& b : ta.badgeLevels->levels().front().badges) ta.badges.push_back({b.pos, std::to_string(b.count)});
            ta.legend.push_back({LegendEntry::Swatch::Badge, kTrustedAddress, Color::hex(0xffffff), 0, 0, PointShape::Circle,
                                 tr("render.legend.ta_count"), "2"});
        }
        scene.layers.push_back(ta);
    }

    // 4. Labels: commune names (where they fit), village names when zoomed in.
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!communeLabels_ && haveCommunes) {
            std::vector<LabelItem> items;
            const DisplayNames shown(project_);  // "xã Mường Tè" / "thị trấn Mường Tè" where names collide
            for (size_t i = 0; i < communeUnits_.size(); ++i) {
                const AreaFeatureInfo& f = communes_->features[i];
                if (f.box.empty()) continue;
                items.push_back({f.labelPoint, shown.of(*communeUnits_[i]), float(f.areaM2),
                                 std::min(1.2 * f.box.width(), 1.6 * std::sqrt(f.areaM2)), 0});
            }
            communeLabels_ = std::make_shared<LabelSet>(std::move(items));
        }
        if (!villageLabels_ && anyVillage) {
            // Made when first drawn: village names show only when zoomed in.
            villageLabels_ = std::make_shared<LabelSet>(std::function<std::vector<LabelItem>()>([project, radiusOf] {
                std::vector<LabelItem> items;
                for (const Village& v : project->villages)
                    if (v.location) items.push_back({toMercator(*v.location), v.name, float(v.population.value_or(0)), 0, radiusOf(v)});
                return items;
            }));
        }
    }
    if (communeLabels_) {
        Layer l;
        l.id = "labels";
        l.kind = LayerKind::Labels;
        l.labels = communeLabels_;
        l.textStyle = TextStyle::Label;
        l.textColor = kCommuneLabel;
        l.visible = show.count("labels") > 0;
        scene.layers.push_back(l);
    }
    if (villageLabels_) {
        Layer l;
        l.id = "labels";
        l.kind = LayerKind::Labels;
        l.labels = villageLabels_;
        l.textStyle = TextStyle::Small;
        l.textColor = kVillageLabel;
        l.pointLabels = true;
        l.maxMetresPerPixel = villageLabelMaxMpp_;
        l.visible = show.count("labels") > 0;
        scene.layers.push_back(l);
    }
    if (options.shownLayersOnly) {
        // A one-off picture styles once: the report behind the choropleth (national: 11,163 area
        // rows, the outcome table, the villages without a team; 12 MB) would otherwise stay alive
        // through the draw, where the process's memory peaks.
        std::lock_guard<std::mutex> lock(mutex_);
        reports_.clear();
    }
    return scene;
}

}  // namespace gapmap::render
