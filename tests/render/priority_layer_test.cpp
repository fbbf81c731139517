// The priority villages and commune offices layers and the district focus (app/render/
// priority_layer.cpp), drawn headless through EGL on the demo province: the top-score village in
// the top class colour where it is, as many symbols as the priority list has rows for each gap
// filter, offices coloured by computers and internet (grey when the table was never loaded), the
// other districts dimmed around a district in focus, and `gapmap render --priority-gaps`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/coverage.h"
#include "core/i18n.h"
#include "core/mercator.h"
#include "io/demo_data.h"
#include "render/offscreen.h"
#include "render/priority_layer.h"
#include "render/render_map.h"
#include <sys/wait.h>
#include "support/gl_context.h"

using namespace gapmap;
using namespace gapmap::render;
using gapmap::test::sharedGl;

namespace {

bool sameColor(const uint8_t* px, const Color& c, int tolerance = 2) {
    const uint32_t v = c.rgba8();
    for (int k = 0; k < 3; ++k)
        if (std::abs(int(px[k]) - int((v >> (8 * k)) & 255)) > tolerance) return false;
    return true;
}

// The part of a layer that carries its legend (priority_villages has one part per class).
const Layer* findLayer(const RenderScene& scene, const std::string& id) {
    const Layer* found = nullptr;
    for (const Layer& l : scene.layers)
        if (l.id == id && (!found || !l.legend.empty())) found = &l;
    return found;
}

RenderedMap draw(const Project& project, std::vector<std::string> layers, std::vector<Gap> gaps = {}, std::string focus = "") {
    sharedGl();
    MapRequest request;
    request.scene.layers = std::move(layers);
    request.scene.priorityGaps = std::move(gaps);
    request.focusCode = focus;
    return renderProjectMap(project, request);
}

// Rows of the priority list with every gap of `gaps` scored and coordinates: what the map can draw.
size_t expectedSymbols(const Project& project, const CoverageResult& result, const std::vector<Gap>& gaps) {
    size_t n = 0;
    for (std::uint32_t i : result.priority) {
        const VillageCoverage& c = result.villages[i];
        bool all = true;
        for (Gap g : gaps) all = all && (c.scoredGaps >> int(g) & 1);
        n += all && project.villages[c.village].location.has_value();
    }
    return n;
}

}  // namespace

TEST_CASE("priority villages: the top-score village is drawn in the top class colour where it is", "[render][gl][priority]") {
    const Project project = buildDemoProject();
    const CoverageResult result = analyseCoverage(project);
    REQUIRE_FALSE(result.priority.empty());
    const RenderedMap map = draw(project, {"communes", "priority_villages"});
    const Layer* layer = findLayer(map.scene, "priority_villages");
    REQUIRE(layer);
    REQUIRE(layer->legend.size() >= 2);
    const Color top = layer->legend.front().fill;  // the legend lists the top class first
    const Village& first = project.villages[result.villages[result.priority[0]].village];
    REQUIRE(first.location);
    const ScreenXY at = map.camera.toScreen(*first.location);
    CHECK(sameColor(map.image.at(int(at.xPx), int(at.yPx)), top));
    // A village of the lowest class is not in the top colour.
    const Village& last = project.villages[result.villages[result.priority.back()].village];
    const ScreenXY low = map.camera.toScreen(*last.location);
    CHECK_FALSE(sameColor(map.image.at(int(low.xPx), int(low.yPx)), top, 10));
}

TEST_CASE("priority villages: as many symbols as the priority list has rows, for each gap filter", "[render][gl][priority]") {
    const Project project = buildDemoProject();
    const CoverageResult result = analyseCoverage(project);
    const std::vector<std::vector<Gap>> filters = {{}, {Gap::NoTeam}, {Gap::NoClub}, {Gap::NoInternet}, {Gap::NoMobile},
                                                   {Gap::NoTeam, Gap::NoInternet}, {Gap::NoClub, Gap::NoMobile, Gap::NoInternet}};
    size_t previous = 0;
    for (const std::vector<Gap>& gaps : filters) {
        INFO(priorityGapsText(gaps));
        const size_t expected = expectedSymbols(project, result, gaps);
        const RenderedMap map = draw(project, {"priority_villages"}, gaps);
        CHECK(map.stats.points == expected);
        CHECK(priorityRows(result, gaps).size() >= expected);
        if (gaps.empty()) { CHECK(expected > 100); previous = expected; }
        else CHECK(expected < previous);  // a filter shows fewer
    }
}

TEST_CASE("commune offices: computers and internet at each commune, no data when never loaded", "[render][gl][offices]") {
    Project project = buildDemoProject();
    REQUIRE(project.hasData(kOfficesTable));
    const RenderedMap map = draw(project, {"communes", "internet", "commune_offices"});
    const Layer* layer = findLayer(map.scene, "commune_offices");
    REQUIRE(layer);
    REQUIRE(findLayer(map.scene, "internet"));
    const ProjectSceneBuilder builder(project);
    const float scale = uiScaleFor(1920, 1080);
    auto symbolAt = [&](const std::string& code) {
        const auto& codes = builder.communeCodes();
        const size_t i = size_t(std::find(codes.begin(), codes.end(), code) - codes.begin());
        REQUIRE(i < codes.size());
        ScreenXY p = map.camera.toScreen(builder.communeGeometry()->features[i].labelPoint);
        return map.image.at(int(p.xPx), int(p.yPx + layer->offsetYPx * scale));
    };
    int some = 0, none = 0;
    for (const CommuneOffice& o : project.communeOffices) {
        INFO(o.communeCode << " computers " << o.computers << " internet " << o.internet);
        const Color expected = Color::hex(o.computers > 0 ? (o.internet ? 0x0072b2 : 0x56b4e9) : (o.internet ? 0xe69f00 : 0xd55e00));
        CHECK(sameColor(symbolAt(o.communeCode), expected));
        (o.computers > 0 ? some : none)++;
    }
    CHECK(some > 0);
    CHECK(none > 0);
    CHECK(layer->legend.size() >= 4);

    // Never loaded: every office grey, the legend says "no data" and nothing else.
    project.communeOffices.clear();
    std::erase_if(project.loads, [](const TableLoad& l) { return l.table == kOfficesTable; });
    REQUIRE_FALSE(project.hasData(kOfficesTable));
    const RenderedMap unknown = draw(project, {"communes", "commune_offices"});
    const Layer* grey = findLayer(unknown.scene, "commune_offices");
    REQUIRE(grey);
    REQUIRE(grey->legend.size() == 1);
    CHECK(grey->legend[0].label == tr("nodata.legend"));
    const ScreenXY p = unknown.camera.toScreen(builder.communeGeometry()->features[0].labelPoint);
    CHECK(sameColor(unknown.image.at(int(p.xPx), int(p.yPx + grey->offsetYPx * scale)), Color::hex(0xd4d4d4)));
}

TEST_CASE("district focus: the other communes are dimmed, the district's own are not", "[render][gl][presentation]") {
    const Project project = buildDemoProject();
    const AdminUnit* district = nullptr;
    for (const AdminUnit& u : project.adminUnits)
        if (u.level == AdminLevel::District && !district) district = &u;
    REQUIRE(district);
    sharedGl();
    MapRequest plain, focused;
    plain.scene.layers = focused.scene.layers = {"communes", "districts", "province"};
    plain.focusCode = focused.focusCode = district->code;
    focused.scene.focusUnit = district->code;
    const RenderedMap a = renderProjectMap(project, plain), b = renderProjectMap(project, focused);
    REQUIRE(a.camera == b.camera);
    const ProjectSceneBuilder builder(project);
    int inside = 0, outside = 0;
    for (size_t i = 0; i < builder.communeCodes().size(); ++i) {
        const AdminUnit* commune = project.findUnit(builder.communeCodes()[i]);
        const ScreenXY p = a.camera.toScreen(builder.communeGeometry()->features[i].labelPoint);
        INFO(commune->code << " " << commune->name << " at " << p.xPx << ", " << p.yPx);
        if (p.xPx < 0 || p.yPx < 0 || p.xPx >= a.image.width || p.yPx >= a.image.height) continue;
        const uint8_t *pa = a.image.at(int(p.xPx), int(p.yPx)), *pb = b.image.at(int(p.xPx), int(p.yPx));
        const int lighter = (pb[0] + pb[1] + pb[2]) - (pa[0] + pa[1] + pa[2]);
        if (commune->parentCode == district->code) { CHECK(lighter == 0); ++inside; }
        else if (p.xPx > 700 && p.xPx < 1200 && p.yPx > 150) { CHECK(lighter > 0); ++outside; }  // clear of the title and legend
    }
    CHECK(inside > 0);
    CHECK(outside > 0);
}

TEST_CASE("gapmap render --priority-gaps draws the filtered layer and refuses an unknown gap", "[render][cli][priority]") {
    const std::filesystem::path out = std::filesystem::temp_directory_path() / "gapmap_priority_gaps.png";
    std::filesystem::remove(out);
    const std::string ok = std::string(GAPMAP_BIN) + " render --out " + out.string() +
                           " --layers communes,internet,commune_offices,priority_villages --priority-gaps team,internet >/dev/null";
    CHECK(std::system(ok.c_str()) == 0);
    CHECK(std::filesystem::file_size(out) > 10000);
    const std::string bad = std::string(GAPMAP_BIN) + " render --out " + out.string() + " --priority-gaps teams 2>/dev/null";
    CHECK(WEXITSTATUS(std::system(bad.c_str())) == 2);
}

TEST_CASE("priority villages: a table never loaded is named in the legend, its gap never scored", "[render][gl][priority]") {
    Project project = buildDemoProject();
    project.clubs.clear();
    std::erase_if(project.loads, [](const TableLoad& l) { return l.table == kClubsTable; });
    REQUIRE_FALSE(project.hasData(kClubsTable));
    const CoverageResult result = analyseCoverage(project);
    const std::string unscored = unscoredText(result);
    REQUIRE_FALSE(unscored.empty());
    const RenderedMap map = draw(project, {"priority_villages"});
    const Layer* layer = findLayer(map.scene, "priority_villages");
    REQUIRE(layer);
    CHECK(std::any_of(layer->legend.begin(), layer->legend.end(), [&](const LegendEntry& e) { return e.label == unscored; }));
    CHECK(map.stats.points == expectedSymbols(project, result, {}));
    // "No club" is not a gap anyone looked for: filtering by it shows nothing, not every village.
    CHECK(draw(project, {"priority_villages"}, {Gap::NoClub}).stats.points == 0);
}
