// The PDF report (app/io/pdf_report.cpp) made headless from the demo and read back with poppler:
// pages, Vietnamese text intact, the indicators against targets, every district, the synthetic
// mark on every page, and the map really drawn (communes in their class colour, background outside).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/color_ramp.h"
#include "core/coverage.h"
#include "core/errors.h"
#include "core/font_files.h"
#include "core/geo.h"
#include "core/i18n.h"
#include "io/demo_data.h"
#include "io/pdf_report.h"
#include "render/offscreen.h"
#include "support/pdf_tools.h"
#include "support/test_support.h"

using namespace gapmap;
using namespace gapmap::test;

namespace {

const Project& demo() {
    static const Project p = buildDemoProject();
    return p;
}

std::vector<const AdminUnit*> unitsOf(const Project& p, AdminLevel level) {
    std::vector<const AdminUnit*> out;
    for (const AdminUnit& u : p.adminUnits)
        if (u.level == level) out.push_back(&u);
    return out;
}

// The class colour every commune should have, computed here from the project's rows, not with the
// product's analysis or ramps: the share of the commune's villages with a communication team, 5
// quantile classes (class i holds the values up to the value ranked ceil(n i / 5) of the n sorted
// values), and YlGnBu in 5 classes as the ramp's spec gives it (ColorBrewer's 9 stops, muted to
// positions 0.6 .. 6.2 of them, lerped by hand).
std::map<std::string, Color> expectedFills(const Project& p) {
    std::set<std::string> withTeam;
    for (const CommunicationTeam& t : p.teams) withTeam.insert(t.villageCode);
    std::map<std::string, std::pair<int, int>> counts;  // commune -> villages with a team, villages
    for (const Village& v : p.villages) {
        auto& c = counts[v.communeCode];
        c.first += int(withTeam.count(v.code));
        ++c.second;
    }
    std::map<std::string, double> share;
    std::vector<double> sorted;
    for (const AdminUnit* u : unitsOf(p, AdminLevel::Commune)) {
        const auto it = counts.find(u->code);
        if (it == counts.end() || it->second.second == 0) continue;  // no villages: no data, no class
        share[u->code] = 100.0 * it->second.first / it->second.second;
        sorted.push_back(share[u->code]);
    }
    std::sort(sorted.begin(), sorted.end());
    REQUIRE(sorted.size() >= 10);
    std::vector<double> breaks;  // tied values make one class: a break equal to the previous one goes
    for (size_t i = 1; i <= 5; ++i)
        if (const double b = sorted[(sorted.size() * i + 4) / 5 - 1]; breaks.empty() || b > breaks.back()) breaks.push_back(b);
    // YlGnBu for as many classes as remain.
    const std::map<size_t, std::vector<uint32_t>> ramps = {{3, {0xf4fbc1, 0x66c4bf, 0x2356a4}},
                                                           {4, {0xf4fbc1, 0xa5dcb7, 0x35aac3, 0x2356a4}},
                                                           {5, {0xf4fbc1, 0xc7e9b4, 0x66c4bf, 0x2498c1, 0x2356a4}}};
    REQUIRE(ramps.count(breaks.size()));
    const std::vector<uint32_t>& colors = ramps.at(breaks.size());
    std::map<std::string, Color> out;
    for (const auto& [code, v] : share) {
        size_t c = 0;
        while (c + 1 < breaks.size() && v > breaks[c]) ++c;
        out[code] = Color::hex(colors[c]);
    }
    return out;
}

bool near(const uint8_t* px, uint32_t rgba, int tolerance) {
    for (int k = 0; k < 3; ++k)
        if (std::abs(int(px[k]) - int((rgba >> (8 * k)) & 255)) > tolerance) return false;
    return true;
}

// The commune containing `p`, or null.
const AdminUnit* communeAt(const Project& p, LonLat at) {
    for (const AdminUnit* u : unitsOf(p, AdminLevel::Commune))
        if (contains(u->area, at)) return u;
    return nullptr;
}

}  // namespace

TEST_CASE("PDF report of the demo: pages, Vietnamese text, indicators, districts, synthetic mark", "[io][pdf]") {
    REQUIRE(havePoppler());
    ScopedLanguage vi(Lang::Vi);
    TempDir dir;
    const std::string plain = dir.file("report.pdf"), full = dir.file("full.pdf");
    const PdfReportSummary a = writePdfReport(demo(), plain);
    PdfReportOptions options;
    options.perDistrict = true;
    const PdfReportSummary b = writePdfReport(demo(), full, options);
    const size_t districts = unitsOf(demo(), AdminLevel::District).size();
    REQUIRE(districts == 8);
    CHECK(pdfPageCount(plain) == a.pages);
    CHECK(a.pages >= 3);               // overview map, figures, priorities
    CHECK(b.districtPages == 8);
    CHECK(pdfPageCount(full) == a.pages + 8);

    const std::string text = pdfText(plain);
    CHECK_THAT(text, Catch::Contains("Tỉnh mẫu – DỮ LIỆU TỔNG HỢP, không phải số liệu thật"));  // the title
    CHECK_THAT(text, Catch::Contains("Báo cáo tiến độ Dự án 8"));
    CHECK_THAT(text, Catch::Contains("Số liệu tính đến ngày 31/12/2025"));
    // Indicator, value, target (year), % of target, as the demo's targets have them.
    CHECK_THAT(text, Catch::Contains("Tổ truyền thông cộng đồng 540 540 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Địa chỉ tin cậy 50 50 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Câu lạc bộ Thủ lĩnh của sự thay đổi 96 96 (2025) 100,0%"));
    CHECK_THAT(text, Catch::Contains("Lượt người tham gia sinh hoạt câu lạc bộ 29.140 29.000 (2025) 100,5%"));
    CHECK_THAT(text, Catch::Contains("Toàn tỉnh 1.000 600 540"));  // villages, especially difficult, with a team
    for (const AdminUnit* d : unitsOf(demo(), AdminLevel::District)) CHECK_THAT(text, Catch::Contains(d->name + " "));
    CHECK_THAT(text, Catch::Contains("Huổi Tở"));  // composed tone marks come back intact (NFC)
    for (int page = 1; page <= b.pages; ++page) {
        INFO("page " << page);
        const std::string onPage = pdfText(full, page, page);
        CHECK_THAT(onPage, Catch::Contains("DỮ LIỆU MẪU TỔNG HỢP – không phải số liệu thật"));
        CHECK_THAT(onPage, Catch::Contains("trang " + std::to_string(page) + "/" + std::to_string(b.pages)));
    }
    // The fonts are embedded (subsets) with their Unicode maps: the file prints and searches anywhere.
    const std::string fonts = commandOutput("pdffonts " + quote(plain));
    if (findFontFile().find("Noto") != std::string::npos) CHECK_THAT(fonts, Catch::Contains("NotoSans-Regular"));
    CHECK_THAT(fonts, !Catch::Contains(" no "));
    // A district page carries the district's heading and its communes.
    const std::string lastPage = pdfText(full, b.pages, b.pages);
    CHECK_THAT(lastPage, Catch::Contains("Số liệu của huyện và các xã"));
}

TEST_CASE("PDF report: the map is drawn as a choropleth of communes on a white page", "[io][pdf]") {
    REQUIRE(havePoppler());
    TempDir dir;
    const std::string path = dir.file("map.pdf");
    const PdfReportSummary s = writePdfReport(demo(), path);
    REQUIRE(s.overviewMap);
    const int dpi = 50;
    const render::Image page = render::readPng(pdfPagePng(path, 1, dpi, dir.file("page1")));
    REQUIRE(std::abs(page.width - 595.276 * dpi / 72) < 1);  // A4 at 50 dpi
    const double pxPerPt = dpi / 72.0;
    const std::map<std::string, Color> fills = expectedFills(demo());
    const pdf::MapTransform& t = *s.overviewMap;
    const double probePt = 4 / pxPerPt;  // 4 px: clear of boundary lines and anti-aliasing

    // Inside: at each located village well inside its commune, the pixel has the commune's class colour.
    int inside = 0, insideMatch = 0;
    std::set<uint32_t> classesSeen;
    for (const Village& v : demo().villages) {
        if (!v.location) continue;
        const double x = t.pageXOf(*v.location), y = t.pageYOf(*v.location);
        const AdminUnit* c = communeAt(demo(), *v.location);
        if (!c || !fills.count(c->code)) continue;
        bool clear = true;
        for (auto [dx, dy] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}})
            clear = clear && communeAt(demo(), t.lonLatAt(x + dx * probePt, y + dy * probePt)) == c;
        if (!clear) continue;
        ++inside;
        const uint32_t want = fills.at(c->code).rgba8();
        if (near(page.at(int(x * pxPerPt), int(y * pxPerPt)), want, 6)) { ++insideMatch; classesSeen.insert(want); }
    }
    CHECK(inside > 300);
    CHECK(insideMatch >= inside * 95 / 100);
    CHECK(classesSeen.size() >= 3);

    // Outside every commune (inside the map frame, away from the scale bar and north arrow): background.
    const pdf::PageRect& r = s.overviewRect;
    int outside = 0, outsideWhite = 0;
    for (double y = r.y + 8; y < r.y + r.h - 8; y += 6)
        for (double x = r.x + 8; x < r.x + r.w - 8; x += 6) {
            if ((x < r.x + 170 && y > r.y + r.h - 45) || (x > r.x + r.w - 35 && y < r.y + 45)) continue;
            bool clear = true;
            for (auto [dx, dy] : {std::pair{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}})
                clear = clear && !communeAt(demo(), t.lonLatAt(x + dx * probePt, y + dy * probePt));
            if (!clear) continue;
            ++outside;
            outsideWhite += near(page.at(int(x * pxPerPt), int(y * pxPerPt)), 0xffffffu, 2);
        }
    CHECK(outside > 100);
    CHECK(outsideWhite == outside);

    // The scale printed under the bar is the ground's: measured independently as the great-circle
    // distance across 100 pt at the map's middle, it agrees to the 3 significant digits printed.
    ScopedLanguage vi(Lang::Vi);
    const std::string text = pdfText(path, 1, 1);
    const size_t at = text.find("Tỷ lệ 1 : ");
    REQUIRE(at != std::string::npos);
    std::string digits;
    for (size_t i = at + std::string("Tỷ lệ 1 : ").size(); i < text.size() && text[i] != ' '; ++i)
        if (text[i] != '.') digits += text[i];
    const double printed = std::stod(digits);
    const double cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    const double groundMPerPt = haversineKm(t.lonLatAt(cx - 50, cy), t.lonLatAt(cx + 50, cy)) * 1000 / 100;
    const double expected = groundMPerPt / (0.0254 / 72);  // a point is 1/72 inch
    CHECK(std::fabs(printed - expected) / expected < 0.006);
    CHECK_THAT(text, Catch::Contains(" km "));
}

TEST_CASE("PDF report: nothing of a Trusted Address but counts, in either language", "[io][pdf][protection]") {
    REQUIRE(havePoppler());
    TempDir dir;
    for (Lang lang : {Lang::Vi, Lang::En}) {
        ScopedLanguage scoped(lang);
        const std::string path = dir.file(std::string("report-") + langCode(lang) + ".pdf");
        PdfReportOptions options;
        options.perDistrict = true;
        writePdfReport(demo(), path, options);
        const std::string text = pdfText(path);
        REQUIRE(text.size() > 2000);
        for (const TrustedAddress& ta : demo().trustedAddresses) {
            INFO(ta.code << " " << ta.name);
            CHECK_THAT(text, !Catch::Contains(ta.name));
            CHECK_THAT(text, !Catch::Contains(ta.code));
            if (ta.location) {
                char lon[32];
                std::snprintf(lon, sizeof lon, "%.4f", ta.location->lonDeg);
                std::string comma = lon;
                comma[comma.find('.')] = ',';
                CHECK_THAT(text, !Catch::Contains(lon));
                CHECK_THAT(text, !Catch::Contains(comma));
            }
        }
    }
}

TEST_CASE("PDF report: an unwritable path leaves nothing behind", "[io][pdf]") {
    TempDir dir;
    const std::string path = (dir.path() / "missing-folder" / "report.pdf").string();
    CHECK_THROWS_AS(writePdfReport(demo(), path), InputError);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(std::filesystem::is_empty(dir.path()));
}
