// Builds a RenderScene from a gapmap::Project: boundaries (province, district, commune), villages
// sized by population, communication teams, clubs, Trusted Addresses, connectivity gaps, a
// choropleth of a commune attribute, labels, title and legend. The boundaries are projected,
// simplified and triangulated once in the constructor; build() only styles, so changing the
// choropleth or the layer list is cheap.
//
// Sensitive data: Trusted Addresses appear only as a count per commune, at the commune's label
// point (summed per district or province where the map is zoomed out: trusted_address_badges.cpp),
// unless SceneOptions::exactTrustedAddresses is set — which only the desktop app may do, after an
// explicit unlock, and which puts a warning on the map. `gapmap render` never sets it.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <atomic>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/model.h"
#include "core/scene_cache_store.h"
#include "core/report.h"
#include "render/render_scene.h"

namespace gapmap::render {

enum class ConnectivityGap { Any, Electricity, Mobile, Internet };

struct SceneOptions {
    std::vector<std::string> layers;   // layer ids to show (see layerCatalogue()); empty = defaultLayers()
    std::string colorBy;               // commune attribute of the choropleth (communeAttributes()); "" = automatic:
                                       // difficult_team_share when there are especially difficult villages, else population
    std::optional<Ramp> ramp;          // default: chosen by the attribute (coverage: YlGnBu, gaps: OrRd)
    ClassMethod classMethod = ClassMethod::Quantile;
    int classes = 5;
    ConnectivityGap gap = ConnectivityGap::Any;   // what the connectivity layer colours
    double trustedAddressRadiusKm = 10;           // for the ta_share attribute (as gapmap report)
    bool exactTrustedAddresses = false;           // desktop app only, after an explicit unlock
    std::string title;                            // default: the project's "title" setting
    // priority_villages (priority_layer.h): only the villages whose scored gaps include all of these;
    // empty = every village of the priority list.
    std::vector<Gap> priorityGaps;
    // A unit's code (a district in presentation mode): the other communes are dimmed and the unit's
    // outer edge drawn thick, as parts of the "districts" layer. Empty = no focus.
    std::string focusUnit;
    // One-off pictures (render_map.h): layers not shown are left out of the scene instead of built
    // hidden for a later toggle. The priority layer's coverage analysis was a tenth of a national
    // `gapmap render` that never showed it.
    bool shownLayersOnly = false;
};

struct LayerInfo {
    const char* id;        // description: layerDescription(), catalogue key render.layer.<id>
};
const std::vector<LayerInfo>& layerCatalogue();     // every layer id, bottom to top
std::string layerDescription(const LayerInfo& layer);  // in the current language
std::vector<std::string> defaultLayers();

struct AttributeInfo {
    const char* id;        // legend title: attributeLabel(), catalogue key render.attr.<id>
    bool percent;
    bool gap;              // high values are bad (default ramp OrRd)
};
const std::vector<AttributeInfo>& communeAttributes();
const AttributeInfo* findAttribute(const std::string& id);
std::string attributeLabel(const AttributeInfo& attribute);  // in the current language

class ProjectSceneBuilder {
public:
    // `project` must outlive the builder. Throws nothing for empty projects (the scene is empty).
    // backgroundBands (the desktop app): the heavy preparation — the boundary topology, every zoom
    // band, village thinning and names — waits for startBackgroundWork(), to be called once the first
    // frame is on screen; until then frames use provisional fills (no boundaries yet). Otherwise
    // (one-off pictures such as `gapmap render`) the topology is built now and bands when drawn.
    // sceneCache: where the boundaries' finished geometry may be read from and saved to (the project
    // file's, io/scene_cache.h); null: always built.
    explicit ProjectSceneBuilder(const Project& project, bool backgroundBands = false,
                                 std::shared_ptr<SceneCacheStore> sceneCache = nullptr);
    ~ProjectSceneBuilder();
    // Starts (once) a thread preparing everything the scenes of build() may draw. MapRenderer::
    // needsRedraw() turns true as better geometry lands.
    void startBackgroundWork();

    // Writes the boundaries' finished geometry (every zoom band, computed now if needed) into the
    // scene cache given to the constructor (render/area_cache.h) when it is writable and
    // that did not already give it. Returns whether it wrote. The cache holds area layers only.
    bool saveSceneCache() const;
    // The same on a thread of its own (the desktop app, after opening), so that the next open is
    // quick; the destructor waits for it.
    void saveSceneCacheInBackground();
    // Whether the commune boundaries were read from the scene cache.
    bool fromSceneCache() const { return communes_->fromCache(); }

    // Throws std::invalid_argument for an unknown layer id or attribute.
    RenderScene build(const SceneOptions& options) const;
    // After an edit changed village or settings values in the project (never geometry or the set of
    // villages): forgets the reports and symbols made from them; the next build() remakes them.
    void attributesChanged();

    // The attribute an empty SceneOptions::colorBy stands for ("" when no attribute has data).
    std::string defaultAttribute() const;
    MercatorBox bounds() const;                                   // all communes (or all units)
    std::optional<MercatorBox> unitBounds(const std::string& code) const;  // any admin unit
    // Values of a commune attribute, one per commune feature (NaN = no data), and the codes.
    std::vector<double> attributeValues(const std::string& attribute, double radiusKm = 10) const;
    const std::vector<std::string>& communeCodes() const { return communeCodes_; }
    std::shared_ptr<const AreaGeometry> communeGeometry() const { return communes_; }
    const Project& project() const { return project_; }

private:
    const Project& project_;
    std::shared_ptr<SceneCacheStore> sceneCache_;
    std::vector<std::string> communeCodes_;
    std::vector<const AdminUnit*> communeUnits_;
    std::map<std::string, size_t> communeIndex_;
    std::shared_ptr<const AreaGeometry> communes_, districts_, provinces_;
    std::map<std::string, std::pair<int, size_t>> otherUnits_;  // code -> (0 district / 1 province, feature)
    double villageLabelMaxMpp_ = 0;
    double villageMaxMpp_ = 1e300, teamMaxMpp_ = 1e300;  // symbols hide where they would be denser than ~5 px
    double communeOutlineMaxMpp_ = 0, districtOutlineMaxMpp_ = 1e300;
    bool severalDistricts_ = false;  // communes belong to more than one district group
    bool backgroundBands_ = false;

    mutable std::mutex mutex_;
    mutable std::map<double, Report> reports_;                        // by TA radius
    mutable std::map<std::string, std::shared_ptr<const PointGeometry>> pointCache_;
    mutable std::shared_ptr<const LabelSet> communeLabels_, villageLabels_;
    std::thread worker_, cacheWriter_;
    std::atomic<bool> stop_{false};
    const Report& report(double radiusKm) const;
    // priority_layer.cpp: the coverage analysis the priority list shows (the project's rules), made
    // once; and the layers made from it and from commune_offices. Call without mutex_ held.
    mutable std::shared_ptr<const CoverageResult> coverage_;
    mutable std::map<std::string, std::shared_ptr<const AreaGeometry>> focusEdges_;  // by unit code
    std::shared_ptr<const CoverageResult> coverage() const;
    void addPriorityLayer(RenderScene& scene, const SceneOptions& options, bool visible) const;
    void addOfficeLayer(RenderScene& scene, bool visible) const;
    // trusted_address_badges.cpp: active Trusted Addresses counted per commune, district and province.
    std::shared_ptr<const BadgeLevels> trustedAddressBadges() const;
    void addFocusLayers(RenderScene& scene, const std::string& unitCode, bool visible) const;
    std::shared_ptr<const PointGeometry> cachedPoints(const std::string& key, double maxMpp, float maxRadiusPx,
                                                      std::function<std::vector<PointItem>()> make) const;
};

}  // namespace gapmap::render
