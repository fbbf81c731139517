// Layers made from the coverage analysis and the commune offices table, and the district focus of
// presentation mode: members of ProjectSceneBuilder kept out of project_scene.cpp (which styles the
// project's own tables). Positions are Web Mercator metres; symbol sizes are pixels before the
// renderer's UI scale.
#include "render/priority_layer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/i18n.h"
#include "core/mercator.h"
#include "render/project_scene.h"

namespace gapmap::render {
namespace {

const Color kNoData = Color::hex(0xd4d4d4);
const Color kSymbolStroke = Color::hex(0x262626);
const Color kNoSwatch = Color::hex(0xffffff, 0);  // a legend row that is only text
// Commune offices, Okabe–Ito colours (safe for the common colour-vision deficiencies):
// blue = computers and internet … vermillion = neither.
const Color kOfficeBoth = Color::hex(0x0072b2);
const Color kOfficeNoInternet = Color::hex(0x56b4e9);
const Color kOfficeNoComputers = Color::hex(0xe69f00);
const Color kOfficeNeither = Color::hex(0xd55e00);
const Color kOfficeNoRecord = Color::hex(0xffffff);

std::string scoreText(double v) {
    return std::fabs(v - std::round(v)) < 1e-9 ? formatLocaleNumber(std::round(v)) : formatLocaleNumber(v, 1);
}

LegendEntry textRow(const std::string& text) {
    return {LegendEntry::Swatch::Line, kNoSwatch, kNoSwatch, 1, 0, PointShape::Circle, text, ""};
}

}  // namespace

const std::vector<PriorityGapChoice>& priorityGapChoices() {
    static const std::vector<PriorityGapChoice> choices = {
        {"team", Gap::NoTeam}, {"club", Gap::NoClub}, {"internet", Gap::NoInternet}, {"mobile", Gap::NoMobile}};
    return choices;
}

std::optional<Gap> priorityGapFromString(const std::string& id) {
    for (const PriorityGapChoice& c : priorityGapChoices())
        if (id == c.id) return c.gap;
    for (Gap g : kAllGaps)
        if (id == gapCode(g)) return g;
    return std::nullopt;
}

std::string priorityGapsText(const std::vector<Gap>& gaps) {
    std::string text;
    for (Gap g : gaps) {
        std::string label = gapLabel(g);
        for (const PriorityGapChoice& c : priorityGapChoices())
            if (c.gap == g) label = tr(std::string("render.priority_gap.") + c.id);
        text += (text.empty() ? "" : " + ") + label;
    }
    return text;
}

std::vector<std::uint32_t> priorityRows(const CoverageResult& result, const std::vector<Gap>& gaps) {
    std::vector<std::uint32_t> rows;
    for (std::uint32_t index : result.priority) {
        const VillageCoverage& c = result.villages[index];
        if (std::all_of(gaps.begin(), gaps.end(), [&](Gap g) { return c.scored(g); })) rows.push_back(index);
    }
    return rows;
}

std::shared_ptr<const CoverageResult> ProjectSceneBuilder::coverage() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!coverage_) {
        CoverageRules rules;  // an invalid setting: the defaults, as the app does
        try { rules = CoverageRules::fromProject(project_); } catch (const std::exception&) {}
        coverage_ = std::make_shared<const CoverageResult>(analyseCoverage(project_, rules));
    }
    return coverage_;
}

// The priority list's rows as graduated symbols: up to four score classes, larger and darker for
// higher scores (viridis, reversed; 2.5–6 px radius). Every row is drawn at every scale (no thinning), so the map
// shows as many villages as the list has rows with coordinates.
void ProjectSceneBuilder::addPriorityLayer(RenderScene& scene, const SceneOptions& options, bool visible) const {
    const std::shared_ptr<const CoverageResult> result = coverage();
    struct Row { MercatorXY pos; double score; bool scored; };
    std::vector<Row> rows;
    size_t unlocated = 0;
    for (std::uint32_t index : priorityRows(*result, options.priorityGaps)) {
        const VillageCoverage& c = result->villages[index];
        const Village& v = project_.villages[c.village];
        if (!v.location) { ++unlocated; continue; }
        rows.push_back({toMercator(*v.location), c.score, c.scoredGaps != 0});
    }

    // Classes: one per distinct score when there are at most four, else quantiles (core/color_ramp.h).
    std::vector<double> scores;
    for (const Row& r : rows)
        if (r.scored) scores.push_back(r.score);
    const ScoreClasses classes = scoreClasses(scores);
    const int n = int(classes.classes.size());

    // One part per class, the lowest first, so that higher scores are drawn over lower ones.
    std::vector<std::vector<PointItem>> parts(size_t(n) + 1);  // [0]: no score; [k + 1]: class k
    for (const Row& r : rows) {
        if (!r.scored) { parts[0].push_back({r.pos, 2.5f, kNoData, -1}); continue; }
        const int k = classes.classOf(r.score);
        const ScoreClass& c = classes.classes[size_t(k)];
        parts[size_t(k) + 1].push_back({r.pos, float(c.radiusPx), c.color, float(r.score)});
    }
    Layer layer;
    layer.id = "priority_villages";
    layer.kind = LayerKind::Points;
    layer.shape = PointShape::Circle;
    layer.strokeColor = kSymbolStroke;
    layer.strokeWidthPx = 1;
    layer.visible = visible;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].empty()) continue;
        Layer part = layer;
        part.points = preparePoints(std::move(parts[i]), 1e-9);  // a cell of ~0 px: no thinning
        scene.layers.push_back(std::move(part));
    }
    layer.points = preparePoints(std::move(parts.back()), 1e-9);  // the top class carries the legend
    layer.legendTitle = options.priorityGaps.empty()
                            ? tr("render.legend.priority")
                            : tr("render.legend.priority.only", {priorityGapsText(options.priorityGaps)});
    for (auto it = classes.classes.rbegin(); it != classes.classes.rend(); ++it) {
        const ScoreClass& c = *it;
        const std::string range = c.lo == c.hi ? scoreText(c.hi) : scoreText(c.lo) + " - " + scoreText(c.hi);
        layer.legend.push_back({LegendEntry::Swatch::Point, c.color, kSymbolStroke, float(c.radiusPx), 1, PointShape::Circle,
                                tr("render.legend.priority.class", {range, formatLocaleNumber(double(c.count))}), ""});
    }
    if (scores.size() < rows.size())
        layer.legend.push_back({LegendEntry::Swatch::Point, kNoData, kSymbolStroke, 2.5f, 1, PointShape::Circle,
                                tr("render.legend.priority.unscored"), ""});
    if (rows.empty()) layer.legend.push_back(textRow(tr("render.legend.priority.none")));
    if (unlocated > 0) layer.legend.push_back(textRow(tr("render.legend.priority.unlocated", {formatLocaleNumber(double(unlocated))})));
    if (const std::string unscored = unscoredText(*result); !unscored.empty()) layer.legend.push_back(textRow(unscored));
    scene.layers.push_back(std::move(layer));
}

// One square per commune at its label point (below the name): whether the commune office has
// computers and internet. A table never loaded is no data (grey), a commune without a row is
// "no record" (white) — neither is "none".
void ProjectSceneBuilder::addOfficeLayer(RenderScene& scene, bool visible) const {
    const bool loaded = project_.hasData(kOfficesTable);
    struct Office { int computers = 0; bool internet = false; };
    std::map<std::string, Office> offices;
    for (const CommuneOffice& o : project_.communeOffices) {
        Office& x = offices[o.communeCode];
        x.computers += o.computers;
        x.internet = x.internet || o.internet;
    }
    std::vector<PointItem> items;
    std::set<int> shown;  // 0 both, 1 no internet, 2 no computers, 3 neither, 4 no record, 5 no data
    for (size_t i = 0; i < communeCodes_.size(); ++i) {
        const AreaFeatureInfo& f = communes_->features[i];
        if (f.box.empty()) continue;
        int c = 5;
        if (loaded) {
            const auto it = offices.find(communeCodes_[i]);
            c = it == offices.end() ? 4 : (it->second.computers > 0 ? 0 : 2) + (it->second.internet ? 0 : 1);
        }
        static const Color colors[6] = {kOfficeBoth, kOfficeNoInternet, kOfficeNoComputers, kOfficeNeither, kOfficeNoRecord, kNoData};
        items.push_back({f.labelPoint, 5.0f, colors[c], float(c)});
        shown.insert(c);
    }
    Layer layer;
    layer.id = "commune_offices";
    layer.kind = LayerKind::Points;
    layer.shape = PointShape::Square;
    layer.strokeColor = kSymbolStroke;
    layer.strokeWidthPx = 1;
    layer.offsetYPx = 16;  // below the commune name, which is centred on the same point
    layer.visible = visible;
    layer.points = preparePoints(std::move(items), 1e-9);
    layer.legendTitle = tr("render.legend.offices");
    const std::pair<Color, const char*> rows[6] = {{kOfficeBoth, "render.legend.offices.both"},
                                                   {kOfficeNoInternet, "render.legend.offices.no_internet"},
                                                   {kOfficeNoComputers, "render.legend.offices.no_computers"},
                                                   {kOfficeNeither, "render.legend.offices.neither"},
                                                   {kOfficeNoRecord, "render.legend.offices.no_record"},
                                                   {kNoData, "nodata.legend"}};
    for (int c = 0; c < 6; ++c)
        if (shown.count(c) || (loaded && c < 4))
            layer.legend.push_back({LegendEntry::Swatch::Point, rows[c].first, kSymbolStroke, 5.0f, 1, PointShape::Square, tr(rows[c].second), ""});
    scene.layers.push_back(std::move(layer));
}

// Presentation's district view: the communes outside the unit under a white veil, the unit's outer
// edge drawn thick. Both are parts of the "districts" layer (no legend rows of their own).
void ProjectSceneBuilder::addFocusLayers(RenderScene& scene, const std::string& unitCode, bool visible) const {
    auto veil = std::make_shared<std::vector<Color>>(communeUnits_.size(), Color::hex(0xffffff, 0.6f));
    std::vector<AreaInput> inside;
    for (size_t i = 0; i < communeUnits_.size(); ++i) {
        const AdminUnit* u = communeUnits_[i];
        if (u->code != unitCode && u->parentCode != unitCode) continue;
        (*veil)[i].a = 0;
        inside.push_back({&u->area, -1, -1});
    }
    if (inside.empty()) return;
    // The unit's own polygon draws the cleanest edge (commune files often leave slivers between
    // neighbours, whose arcs would not join); else the outer edge of its communes.
    for (const AdminUnit& u : project_.adminUnits)
        if (u.code == unitCode && u.level != AdminLevel::Commune && !u.area.empty()) inside = {{&u.area, -1, -1}};
    std::shared_ptr<const AreaGeometry> edge;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& cached = focusEdges_[unitCode];
        if (!cached) cached = prepareAreas(inside, AreaOptions{});
        edge = cached;
    }
    Layer dim;
    dim.id = "districts";
    dim.kind = LayerKind::Fill;
    dim.areas = communes_;
    dim.featureColors = veil;
    dim.visible = visible;
    scene.layers.push_back(dim);
    Layer line;
    line.id = "districts";
    line.kind = LayerKind::Outline;
    line.areas = edge;
    line.minArcClass = kArcOuter;
    line.lineColor = Color::hex(0x08306b);
    line.lineWidthPx = 4;
    line.visible = visible;
    scene.layers.push_back(line);
}

}  // namespace gapmap::render
