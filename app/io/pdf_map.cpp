#include "io/pdf_map.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "core/admin_names.h"
#include "core/geo.h"
#include "core/i18n.h"

namespace gapmap::pdf {
namespace {

const Color kCommuneLine = Color::hex(0x8a8a8a);
const Color kDistrictLine = Color::hex(0x3c3c3c);
const Color kProvinceLine = Color::hex(0x111111);
const Color kFocusLine = Color::hex(0x1f3a5f);

void setColor(cairo_t* cr, const Color& c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void addPath(cairo_t* cr, const MultiPolygon& area, const MapTransform& t) {
    for (const Polygon& polygon : area)
        for (const Ring& ring : polygon.rings) {
            if (ring.size() < 3) continue;
            cairo_move_to(cr, t.pageXOf(ring[0]), t.pageYOf(ring[0]));
            for (size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, t.pageXOf(ring[i]), t.pageYOf(ring[i]));
            cairo_close_path(cr);
        }
}

struct MercBox {
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    bool empty() const { return minX > maxX; }
    void add(const MultiPolygon& area) {
        for (const Polygon& p : area)
            for (LonLat q : p.rings.empty() ? Ring{} : p.rings[0]) {
                const MercatorXY m = toMercator(q);
                minX = std::min(minX, m.xM); maxX = std::max(maxX, m.xM);
                minY = std::min(minY, m.yM); maxY = std::max(maxY, m.yM);
            }
    }
};

// A point to write the commune's name at: the centroid of its largest outer ring when it lies
// inside, else the mean of its villages that do (villages lie inside their commune).
std::optional<LonLat> labelPoint(const Project& project, const AdminUnit& commune) {
    const Ring* largest = nullptr;
    double largestArea = 0, cx = 0, cy = 0;
    for (const Polygon& p : commune.area) {
        if (p.rings.empty() || p.rings[0].size() < 4) continue;
        double a = 0, x = 0, y = 0;
        const Ring& r = p.rings[0];
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            const double cross = r[i].lonDeg * r[i + 1].latDeg - r[i + 1].lonDeg * r[i].latDeg;
            a += cross;
            x += (r[i].lonDeg + r[i + 1].lonDeg) * cross;
            y += (r[i].latDeg + r[i + 1].latDeg) * cross;
        }
        if (std::fabs(a) > largestArea && a != 0) { largestArea = std::fabs(a); largest = &r; cx = x / (3 * a); cy = y / (3 * a); }
    }
    if (largest && contains(commune.area, {cx, cy})) return LonLat{cx, cy};
    double sx = 0, sy = 0;
    int n = 0;
    for (const Village& v : project.villages)
        if (v.communeCode == commune.code && v.location && contains(commune.area, *v.location)) {
            sx += v.location->lonDeg; sy += v.location->latDeg; ++n;
        }
    if (n > 0 && contains(commune.area, {sx / n, sy / n})) return LonLat{sx / n, sy / n};
    return std::nullopt;
}

// A round length (1, 2 or 5 × 10^k km) no longer than `maxKm`.
double roundKm(double maxKm) {
    const double p = std::pow(10.0, std::floor(std::log10(maxKm)));
    for (double f : {5.0, 2.0, 1.0})
        if (f * p <= maxKm) return f * p;
    return p;
}

// 1 : N rounded to three significant digits (a printed map is read, not measured to the metre).
double roundScale(double n) {
    const double p = std::pow(10.0, std::floor(std::log10(n)) - 2);
    return std::round(n / p) * p;
}

void drawScaleBar(Document& doc, const MapTransform& t, const PageRect& rect) {
    cairo_t* cr = doc.cr();
    // Ground metres per page point at the map's middle latitude: a Mercator metre is cos(lat) ground metres.
    const double latDeg = t.lonLatAt(rect.x + rect.w / 2, rect.y + rect.h / 2).latDeg;
    const double groundMPerPt = groundScaleAt(latDeg) / t.ptPerM;
    const double km = roundKm(rect.w * 0.22 * groundMPerPt / 1000);
    const double lengthPt = km * 1000 / groundMPerPt;
    const double scale = roundScale(groundMPerPt / (0.0254 / 72));  // a point is 1/72 inch
    const TextStyle small{6.5, Weight::Regular, Color::hex(0x1a1a1a)};
    const std::string scaleText = tr("pdf.map.scale", {formatLocaleNumber(scale), formatLocaleNumber(latDeg, 1)});
    const double boxW = std::max(lengthPt + 24, doc.textWidth(scaleText, small) + 10), boxH = 30;
    const double x0 = rect.x + 6, y0 = rect.y + rect.h - boxH - 6;
    setColor(cr, Color::hex(0xffffff, 0.85f));
    cairo_rectangle(cr, x0, y0, boxW, boxH);
    cairo_fill(cr);
    const double barX = x0 + 6, barY = y0 + 12, barH = 4;
    for (int i = 0; i < 4; ++i) {  // alternating quarters
        cairo_rectangle(cr, barX + lengthPt * i / 4, barY, lengthPt / 4, barH);
        setColor(cr, i % 2 ? Color::hex(0xffffff) : Color::hex(0x1a1a1a));
        cairo_fill_preserve(cr);
        setColor(cr, Color::hex(0x1a1a1a));
        cairo_set_line_width(cr, 0.4);
        cairo_stroke(cr);
    }
    doc.text(barX - 2, barY - 2, "0", small);
    const std::string kmText = formatLocaleNumber(km, km < 1 ? 1 : 0) + " km";
    doc.text(barX + lengthPt - doc.textWidth(kmText, small) / 2, barY - 2, kmText, small);
    doc.text(x0 + 5, y0 + boxH - 5, scaleText, small);
}

void drawNorthArrow(Document& doc, const PageRect& rect) {
    cairo_t* cr = doc.cr();
    const double cx = rect.x + rect.w - 16, top = rect.y + 10;
    setColor(cr, Color::hex(0x1a1a1a));
    cairo_move_to(cr, cx, top);
    cairo_line_to(cr, cx + 5, top + 16);
    cairo_line_to(cr, cx, top + 12);
    cairo_line_to(cr, cx - 5, top + 16);
    cairo_close_path(cr);
    cairo_fill(cr);
    const TextStyle style{8, Weight::Bold, Color::hex(0x1a1a1a)};
    doc.text(cx - 10, top + 26, tr("pdf.map.north"), style, Align::Center, 20);
}

// Commune names on a district map, white-haloed, skipped where they would overlap another.
void drawLabels(Document& doc, const Project& project, const MapTransform& t, const std::vector<const AdminUnit*>& communes,
                const PageRect& rect) {
    cairo_t* cr = doc.cr();
    const TextStyle style{6.5, Weight::Regular, Color::hex(0x111111)};
    std::vector<PageRect> placed;
    const DisplayNames shown(project);  // "xã Mường Tè" / "thị trấn Mường Tè" where names collide
    for (const AdminUnit* u : communes) {
        const std::optional<LonLat> at = labelPoint(project, *u);
        if (!at) continue;
        const std::string name = shown.of(*u);
        const double w = doc.textWidth(name, style), h = style.sizePt;
        const PageRect box{t.pageXOf(*at) - w / 2, t.pageYOf(*at) - h / 2, w, h};
        if (box.x < rect.x || box.y < rect.y || box.x + w > rect.x + rect.w || box.y + h > rect.y + rect.h) continue;
        const bool overlaps = std::any_of(placed.begin(), placed.end(), [&](const PageRect& o) {
            return box.x < o.x + o.w + 2 && o.x < box.x + w + 2 && box.y < o.y + o.h + 1 && o.y < box.y + h + 1;
        });
        if (overlaps) continue;
        placed.push_back(box);
        doc.setFont(style);
        cairo_move_to(cr, box.x, box.y + h * 0.8);
        cairo_text_path(cr, name.c_str());  // the halo is an outline only; the text itself stays text
        setColor(cr, Color::hex(0xffffff, 0.9f));
        cairo_set_line_width(cr, 1.6);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        doc.text(box.x, box.y + h * 0.8, name, style);
    }
}

}  // namespace

std::optional<MapTransform> drawMap(Document& doc, const Project& project, const Choropleth& choropleth, const PageRect& rect,
                                    const std::string& districtCode) {
    cairo_t* cr = doc.cr();
    std::vector<const AdminUnit*> communes, focus;
    MercBox box;
    for (const AdminUnit& u : project.adminUnits) {
        if (u.level != AdminLevel::Commune || u.area.empty()) continue;
        communes.push_back(&u);
        if (districtCode.empty() || u.parentCode == districtCode) { focus.push_back(&u); box.add(u.area); }
    }
    setColor(cr, Color::hex(0x9a9a9a));
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, rect.x, rect.y, rect.w, rect.h);
    cairo_stroke(cr);
    if (box.empty()) {
        const TextStyle note{9, Weight::Regular, Color::hex(0x555555)};
        doc.text(rect.x, rect.y + rect.h / 2, tr("pdf.map.no_boundaries"), note, Align::Center, rect.w);
        return std::nullopt;
    }
    // Fit the focus box with a small margin, centred; north up (Web Mercator).
    const double inset = 10;
    const double spanX = std::max(box.maxX - box.minX, 1.0), spanY = std::max(box.maxY - box.minY, 1.0);
    MapTransform t;
    t.ptPerM = std::min((rect.w - 2 * inset) / spanX, (rect.h - 2 * inset) / spanY);
    t.pageX = rect.x + rect.w / 2;
    t.pageY = rect.y + rect.h / 2;
    t.originXM = (box.minX + box.maxX) / 2;
    t.originYM = (box.minY + box.maxY) / 2;

    cairo_save(cr);
    cairo_rectangle(cr, rect.x, rect.y, rect.w, rect.h);
    cairo_clip(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);  // inner rings are holes
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    // Page points -> Mercator metres of the frame: communes wholly outside it are not written at all.
    const double frameMinX = t.originXM + (rect.x - t.pageX) / t.ptPerM, frameMaxX = t.originXM + (rect.x + rect.w - t.pageX) / t.ptPerM;
    const double frameMaxY = t.originYM - (rect.y - t.pageY) / t.ptPerM, frameMinY = t.originYM - (rect.y + rect.h - t.pageY) / t.ptPerM;
    for (const AdminUnit* u : communes) {
        MercBox b;
        b.add(u->area);
        if (b.maxX < frameMinX || b.minX > frameMaxX || b.maxY < frameMinY || b.minY > frameMaxY) continue;
        const bool inFocus = districtCode.empty() || u->parentCode == districtCode;
        const auto fill = choropleth.fill.find(u->code);
        addPath(cr, u->area, t);
        setColor(cr, !inFocus ? kOutsideFill : fill != choropleth.fill.end() ? fill->second : kNoDataFill);
        cairo_fill_preserve(cr);
        setColor(cr, inFocus ? kCommuneLine : Color::hex(0xc8c8c8));
        cairo_set_line_width(cr, 0.3);
        cairo_stroke(cr);
    }
    for (const AdminUnit& u : project.adminUnits) {
        if (u.area.empty() || u.level == AdminLevel::Commune) continue;
        const bool focusLine = u.level == AdminLevel::District && u.code == districtCode;
        addPath(cr, u.area, t);
        setColor(cr, focusLine ? kFocusLine : u.level == AdminLevel::District ? kDistrictLine : kProvinceLine);
        cairo_set_line_width(cr, focusLine ? 1.8 : u.level == AdminLevel::District ? 0.9 : 1.4);
        cairo_stroke(cr);
    }
    if (!districtCode.empty()) drawLabels(doc, project, t, focus, rect);
    cairo_restore(cr);
    drawScaleBar(doc, t, rect);
    drawNorthArrow(doc, rect);
    return t;
}

void drawLegend(Document& doc, const Choropleth& choropleth, bool districtPage) {
    cairo_t* cr = doc.cr();
    const TextStyle title{8, Weight::Bold, Color::hex(0x1a1a1a)};
    const TextStyle label{7.5, Weight::Regular, Color::hex(0x1a1a1a)};
    doc.ensure(40);
    doc.text(doc.left(), doc.y + title.sizePt, choropleth.title, title);
    doc.y += doc.lineHeight(title) + 2;
    struct Item { Color fill; std::optional<Color> line; double lineWidth; std::string text; };
    std::vector<Item> items;
    for (const Choropleth::LegendClass& c : choropleth.legend) items.push_back({c.color, kCommuneLine, 0.3, c.label});
    if (districtPage) items.push_back({kOutsideFill, Color::hex(0xc8c8c8), 0.3, tr("pdf.map.other_districts")});
    items.push_back({Color::hex(0xffffff, 0), kDistrictLine, 0.9, tr("pdf.map.district_line")});
    items.push_back({Color::hex(0xffffff, 0), kProvinceLine, 1.4, tr("pdf.map.province_line")});
    double x = doc.left();
    const double rowH = 11;
    for (const Item& item : items) {
        const double w = 14 + 4 + doc.textWidth(item.text, label) + 12;
        if (x + w > doc.right() && x > doc.left()) { x = doc.left(); doc.y += rowH; }
        if (item.fill.a > 0) {
            cairo_rectangle(cr, x, doc.y + 1, 14, 8);
            setColor(cr, item.fill);
            cairo_fill_preserve(cr);
            setColor(cr, *item.line);
            cairo_set_line_width(cr, item.lineWidth);
            cairo_stroke(cr);
        } else {
            cairo_move_to(cr, x, doc.y + 5);
            cairo_line_to(cr, x + 14, doc.y + 5);
            setColor(cr, *item.line);
            cairo_set_line_width(cr, item.lineWidth);
            cairo_stroke(cr);
        }
        doc.text(x + 18, doc.y + 8, item.text, label);
        x += w;
    }
    doc.y += rowH + 6;
}

}  // namespace gapmap::pdf
