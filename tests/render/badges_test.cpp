// Trusted Address count badges at every scale (app/render/badge_levels.cpp, trusted_address_badges.cpp):
// on a national map the counts are summed per district or province and crowding badges combined, so
// that no two discs overlap, they leave the choropleth readable, and the shown numbers still add up
// to the active Trusted Addresses. Real boundaries from ../shared/geodata through `gapmap import`,
// the picture through the real `gapmap render`; the checks count pixels and parse the drawn numbers
// independently of the layout code.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "core/i18n.h"
#include "io/project_file.h"
#include "render/offscreen.h"
#include "render/overlay.h"
#include "render/project_scene.h"
#include "render/render_map.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::render;
using namespace gapmap::test;

namespace {

const int kW = 1280, kH = 800;

// Deterministic Trusted Addresses: every third commune gets 1-4, every seventh one inactive.
void addTrustedAddresses(const std::string& path) {
    Project p = readProject(path);
    int i = 0, n = 0;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune || u.area.empty() || i++ % 3 != 0) continue;
        for (int k = 0; k < 1 + i % 4; ++k, ++n) {
            TrustedAddress t;
            t.code = "T" + std::to_string(n);
            t.name = "Địa chỉ tin cậy " + std::to_string(n);
            t.communeCode = u.code;
            t.active = n % 7 != 0;
            t.services = "shelter";
            p.trustedAddresses.push_back(t);
        }
    }
    p.loads.push_back({"trusted_addresses", "badges_test", "2026-12-03T00:00:00Z", 0, {}});
    writeProject(p, path);
}

struct BadgeMap {
    Image image;
    std::vector<Symbol2D> discs;     // the badges as laid out for that picture
    std::vector<std::string> texts;
    std::string legend;              // every text of the decorations, joined by spaces
    double countryPx = 0;            // the communes' area on screen (shoelace on projected rings)
    long active = 0;                 // active Trusted Addresses of imported communes, from the input
    float scale = 1;
};

// `gapmap render PROJECT` at 1280x800 in English (of `box` when given), and the same scene and
// camera rebuilt here.
BadgeMap renderBadges(const std::string& project, const TempDir& dir, std::optional<BBox> box = std::nullopt) {
    BadgeMap m;
    const std::string png = dir.file("badges.png");
    const std::string layers = "communes,choropleth,province,trusted_addresses";
    std::string bbox;
    if (box) bbox = " --bbox " + std::to_string(box->minLon) + "," + std::to_string(box->minLat) + "," + std::to_string(box->maxLon) + "," + std::to_string(box->maxLat);
    const RunResult r = runGapmap("render " + quote(project) + " --out " + quote(png) + " --size 1280x800 --layers " + layers +
                                  " --title badges --lang en" + bbox);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    m.image = readPng(png);
    REQUIRE(m.image.width == kW);

    const Project p = readProject(project);
    setLanguage(Lang::En);
    const ProjectSceneBuilder builder(p);
    MapRequest request;
    request.widthPx = kW;
    request.heightPx = kH;
    request.scene.layers = {"communes", "choropleth", "province", "trusted_addresses"};
    request.scene.title = "badges";
    request.focusBox = box;
    const RenderScene scene = builder.build(request.scene);
    m.scale = uiScaleFor(kW, kH);
    const auto atlas = FontAtlas::get(m.scale, std::max(2, int(std::lround(2 * m.scale))));
    const Camera cam = mapCamera(builder, request, decorationInsets(scene, kW, kH, *atlas, m.scale));
    LabelPlacer placer(kW, kH);
    DrawList2D badges;
    for (const Layer& l : scene.layers)
        if (l.id == "trusted_addresses" && l.drawnAt(cam.metresPerPixel())) layoutBadges(l, cam, *atlas, m.scale, placer, badges);
    m.discs = badges.symbols;
    for (const Text2D& t : badges.texts) m.texts.push_back(t.text);
    for (const Text2D& t : layoutDecorations(scene, cam, *atlas, m.scale).texts) m.legend += t.text + " ";

    std::set<std::string> communes;
    for (const AdminUnit& u : p.adminUnits) {
        if (u.level != AdminLevel::Commune || u.area.empty()) continue;
        communes.insert(u.code);
        for (const Polygon& poly : u.area)
            for (size_t ri = 0; ri < poly.rings.size(); ++ri) {
                double a = 0;
                const Ring& ring = poly.rings[ri];
                for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                    const ScreenXY pi = cam.toScreen(ring[i]), pj = cam.toScreen(ring[j]);
                    a += double(pj.xPx) * pi.yPx - double(pi.xPx) * pj.yPx;
                }
                m.countryPx += (ri == 0 ? 1 : -1) * std::fabs(a) / 2;
            }
    }
    for (const TrustedAddress& t : p.trustedAddresses) m.active += t.active && communes.count(t.communeCode);
    return m;
}

// Pixels of the badges: their magenta fill (#c51b7d) and their pure white rims and numbers (the
// map has no pure white: the lightest ramp class is #ffffcc, panels are 93% white over the map).
long badgePixels(const Image& img) {
    long n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const uint8_t* px = img.at(x, y);
            const bool magenta = std::abs(px[0] - 0xc5) <= 20 && std::abs(px[1] - 0x1b) <= 20 && std::abs(px[2] - 0x7d) <= 20;
            const bool white = px[0] >= 254 && px[1] >= 254 && px[2] >= 254;
            n += magenta || white;
        }
    return n;
}

// Pairs of discs (with their white rims) that overlap.
int overlappingPairs(const std::vector<Symbol2D>& discs, float s) {
    int n = 0;
    for (size_t i = 0; i < discs.size(); ++i)
        for (size_t j = i + 1; j < discs.size(); ++j)
            n += std::hypot(discs[i].xPx - discs[j].xPx, discs[i].yPx - discs[j].yPx) < (discs[i].radiusPx + discs[j].radiusPx + 2.4f) * s;
    return n;
}

long shownSum(const std::vector<std::string>& texts) {
    long sum = 0;
    for (const std::string& t : texts) sum += std::stol(t);
    return sum;
}

}  // namespace

TEST_CASE("Badges: levels keep every count once and combine only what crowds", "[render][badges]") {
    const auto atlas = FontAtlas::get(1, 2);
    // Three communes 100 m apart in one district, one far away in another; one province.
    std::vector<BadgeLevel> levels(3);
    levels[0].badges = {{{0, 0}, 2}, {{100, 0}, 3}, {{200, 0}, 1}, {{50000, 0}, 4}};
    levels[1].badges = {{{100, 0}, 6}, {{50000, 0}, 4}};
    levels[2].badges = {{{100, 0}, 10}};
    const BadgeLevels badges(levels);
    auto sum = [](const BadgeChoice& c) {
        long s = 0;
        for (const PlacedBadge& b : c.badges) s += b.count;
        return s;
    };
    // 1 m per pixel: every commune fits.
    const auto fine = badges.choose(1, *atlas, 1);
    CHECK(fine->level == 0);
    CHECK(fine->badges.size() == 4);
    CHECK_FALSE(fine->combined);
    // 20 m per pixel: the three communes are 5 px apart, the district fits.
    const auto mid = badges.choose(20, *atlas, 1);
    CHECK(mid->level == 1);
    CHECK(mid->badges.size() == 2);
    CHECK(sum(*mid) == 10);
    // 5 km per pixel: even the two districts crowd; the province alone.
    const auto coarse = badges.choose(5000, *atlas, 1);
    CHECK(coarse->level == 2);
    REQUIRE(coarse->badges.size() == 1);
    CHECK(coarse->badges[0].text == "10");

    // Without a coarser level, crowding badges are combined into one showing their sum.
    const BadgeLevels communesOnly({levels[0]});
    const auto combined = communesOnly.choose(5000, *atlas, 1);
    CHECK(combined->combined);
    REQUIRE(combined->badges.size() == 1);
    CHECK(combined->badges[0].count == 10);
    CHECK(combined->badges[0].units == 4);
}

TEST_CASE("Badges: the national map of 11,163 communes shows province sums that do not overlap and add up", "[render][badges][geodata]") {
    const std::string dirName = sharedGeodata("censusVN2009");
    if (dirName.empty()) return;
    TempDir dir;
    // With their districts and provinces: the importer adds the parent units.
    const std::string project = dir.file("national.gpkg");
    importNationalCommunes2009(project, dirName, dir.path().string(), "district_id, district_vn, province_id, province_vn");
    addTrustedAddresses(project);

    const BadgeMap m = renderBadges(project, dir);
    const long covered = badgePixels(m.image);
    INFO("badges: " << m.discs.size() << ", badge pixels: " << covered << ", country pixels: " << long(m.countryPx) << ", shown sum: "
         << shownSum(m.texts) << ", active: " << m.active << "\nlegend: " << m.legend);
    REQUIRE(m.active > 3000);
    CHECK(shownSum(m.texts) == m.active);       // every active address counted once
    CHECK(overlappingPairs(m.discs, m.scale) == 0);
    CHECK(m.discs.size() >= 10);                // still a map of counts, not one number
    CHECK(covered < 0.2 * m.countryPx);  // the choropleth stays readable (13.6% when written; 64% before)
    CHECK(m.legend.find("in the province") != std::string::npos);  // the legend names the level

    // Zoomed in on Hà Nội's centre (a few km across): the communes' own counts, where they fit.
    const BadgeMap hanoi = renderBadges(project, dir, BBox{105.78, 20.98, 105.90, 21.06});
    INFO("Hà Nội: " << hanoi.discs.size() << " badges\nlegend: " << hanoi.legend);
    CHECK(hanoi.legend.find("in the commune") != std::string::npos);
    CHECK(overlappingPairs(hanoi.discs, hanoi.scale) == 0);
    CHECK(hanoi.discs.size() >= 10);
}

TEST_CASE("Badges: Lai Châu at province scale keeps its per-commune counts", "[render][badges][geodata]") {
    const std::string dir2009 = sharedGeodata("censusVN2009");
    if (dir2009.empty()) return;
    TempDir dir;
    const std::string project = dir.file("lc.gpkg");
    importLaiChau2009(quote(project), dir2009);
    addTrustedAddresses(project);

    const BadgeMap m = renderBadges(project, dir);
    const Project p = readProject(project);
    std::map<std::string, long> perCommune;
    for (const TrustedAddress& t : p.trustedAddresses) perCommune[t.communeCode] += t.active;
    long communesWithOne = 0;
    for (const auto& [code, n] : perCommune) communesWithOne += n > 0;
    INFO("badges: " << m.discs.size() << " of " << communesWithOne << " communes\nlegend: " << m.legend);
    CHECK(shownSum(m.texts) == m.active);
    CHECK(overlappingPairs(m.discs, m.scale) == 0);
    CHECK(m.legend.find("in the commune") != std::string::npos);
    CHECK(long(m.discs.size()) >= communesWithOne * 8 / 10);  // most communes keep their own badge
}
