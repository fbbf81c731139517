#include "io/qgis_styles.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>

#include "core/errors.h"
#include "core/i18n.h"
#include "core/map_style.h"
#include "core/mercator.h"

namespace gapmap {
namespace {

using namespace map_style;

// QGIS reads its own version's QML and every older one; 3.22 is Debian 12's QGIS.
constexpr const char* kQgisVersion = "3.22.16";
// Priority villages (render/priority_layer.cpp): a dark stroke round the score classes' circles.
const Color kSymbolStroke = Color::hex(0x262626);
// QGIS computes a map scale at 96 dpi: a scale denominator is metres per pixel x 96 / 0.0254.
constexpr double kPixelsPerMetre = 96 / 0.0254;

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);  // round-trips: a class bound equals the value it bounds
    return buf;
}

// QGIS colour text: "r,g,b,a", 0..255.
std::string rgba(Color c) {
    auto byte = [](float v) { return std::to_string(int(std::lround(std::clamp(v, 0.0f, 1.0f) * 255))); };
    return byte(c.r) + "," + byte(c.g) + "," + byte(c.b) + "," + byte(c.a);
}

std::string prop(const char* k, const std::string& v) { return "     <prop k=\"" + std::string(k) + "\" v=\"" + esc(v) + "\"/>\n"; }

// A data-defined symbol size (QgsSymbolLayer::PropertySize), in the symbol layer's size unit.
std::string dataDefinedSize(const std::string& expression) {
    return "     <data_defined_properties><Option type=\"Map\"><Option type=\"QString\" name=\"name\" value=\"\"/>"
           "<Option type=\"Map\" name=\"properties\"><Option type=\"Map\" name=\"size\">"
           "<Option type=\"bool\" name=\"active\" value=\"true\"/><Option type=\"QString\" name=\"expression\" value=\"" +
           esc(expression) +
           "\"/><Option type=\"int\" name=\"type\" value=\"3\"/></Option></Option>"
           "<Option type=\"QString\" name=\"type\" value=\"collection\"/></Option></data_defined_properties>\n";
}

// A polygon symbol: a fill (or none) and an outline `widthPx` wide; `pass` orders symbol levels.
std::string fillSymbol(const std::string& name, std::optional<Color> fill, Color line, float widthPx, int pass = 0) {
    return "   <symbol type=\"fill\" name=\"" + name + "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
           "    <layer class=\"SimpleFill\" pass=\"" + std::to_string(pass) + "\" enabled=\"1\" locked=\"0\">\n" +
           prop("style", fill ? "solid" : "no") + prop("color", rgba(fill.value_or(Color{0, 0, 0, 0}))) +
           prop("outline_style", "solid") + prop("outline_color", rgba(line)) + prop("outline_width", num(widthPx)) +
           prop("outline_width_unit", "Pixel") + prop("joinstyle", "round") +
           "    </layer>\n   </symbol>\n";
}

// A circle of `diameterPx` (or the expression's value, in pixels) with a stroke, optionally over a
// light ring `haloPx` wide as the GL map draws village symbols.
std::string circleSymbol(const std::string& name, Color fill, Color stroke, float strokePx, double diameterPx,
                         const std::string& diameterExpression = "", float haloPx = 0) {
    auto circle = [&](Color f, std::optional<Color> s, float sPx, double extraPx) {
        std::string layer = "    <layer class=\"SimpleMarker\" pass=\"0\" enabled=\"1\" locked=\"0\">\n" + prop("name", "circle") +
                            prop("color", rgba(f)) + prop("outline_style", s ? "solid" : "no") +
                            prop("outline_color", rgba(s.value_or(f))) + prop("outline_width", num(sPx)) +
                            prop("outline_width_unit", "Pixel") + prop("size", num(diameterPx + extraPx)) +
                            prop("size_unit", "Pixel") + prop("scale_method", "diameter");
        if (!diameterExpression.empty())
            layer += dataDefinedSize(extraPx > 0 ? "(" + diameterExpression + ") + " + num(extraPx) : diameterExpression);
        return layer + "    </layer>\n";
    };
    std::string out = "   <symbol type=\"marker\" name=\"" + name + "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    // The ring: a light disc reaching haloPx beyond the stroke, under the symbol.
    if (haloPx > 0) out += circle(Color::hex(0xffffff, 0.9f), std::nullopt, 0, 2 * (strokePx + haloPx));
    return out + circle(fill, stroke, strokePx, 0) + "   </symbol>\n";
}

// Simple labels in Noto Sans with a light halo, as the GL map's names. `scaleMin`: shown only at
// scale denominators below it (0: always). QGIS 3.22 reads the attribute scaleMax as its minimum
// scale (the most zoomed out, QgsPalLayerSettings::minimumScale), as it writes it. Areas are no
// obstacles: a province's polygon would otherwise keep every commune name off the map.
std::string labeling(const std::string& expression, float sizePx, Color color, bool points, double scaleMin = 0) {
    return " <labeling type=\"simple\">\n  <settings calloutType=\"simple\">\n"
           "   <text-style fontFamily=\"Noto Sans\" namedStyle=\"Regular\" fontSize=\"" + num(sizePx) +
           "\" fontSizeUnit=\"Pixel\" fontWeight=\"50\" fontItalic=\"0\" textColor=\"" + rgba(color) +
           "\" textOpacity=\"1\" fieldName=\"" + esc(expression) + "\" isExpression=\"1\" multilineHeight=\"1\">\n"
           "    <text-buffer bufferDraw=\"1\" bufferSize=\"2\" bufferSizeUnits=\"Pixel\" bufferColor=\"" + rgba(kLabelHalo) +
           "\" bufferOpacity=\"1\" bufferNoFill=\"1\" bufferJoinStyle=\"128\"/>\n   </text-style>\n"
           "   <placement placement=\"" + std::string(points ? "0" : "1") + "\" dist=\"" + std::string(points ? "2" : "0") +
           "\" distUnits=\"Pixel\" centroidInside=\"1\" centroidWhole=\"0\" polygonPlacementFlags=\"2\" placementFlags=\"10\""
           " quadOffset=\"4\" priority=\"5\" offsetType=\"0\" fitInPolygonOnly=\"0\" xOffset=\"0\" yOffset=\"0\"/>\n"
           "   <rendering drawLabels=\"1\" scaleVisibility=\"" + std::string(scaleMin > 0 ? "1" : "0") + "\" scaleMin=\"0\" scaleMax=\"" + num(scaleMin) +
           "\" obstacle=\"" + std::string(points ? "1" : "0") + "\" obstacleType=\"1\" obstacleFactor=\"1\" displayAll=\"0\" upsidedownLabels=\"0\""
           " limitNumLabels=\"0\" maxNumLabels=\"2000\" fontLimitPixelSize=\"0\" fontMinPixelSize=\"0\" fontMaxPixelSize=\"10000\""
           " labelPerPart=\"0\" mergeLines=\"0\" minFeatureSize=\"0\" zIndex=\"0\" unplacedVisibility=\"0\"/>\n"
           "  </settings>\n </labeling>\n";
}

std::string document(const std::string& renderer, const std::string& labels = "", bool identifiable = true) {
    return std::string("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"") + kQgisVersion +
           "\" styleCategories=\"AllStyleCategories\" labelsEnabled=\"" + (labels.empty() ? "0" : "1") +
           "\" hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\">\n"
           " <flags>\n  <Identifiable>" + (identifiable ? "1" : "0") + "</Identifiable>\n  <Removable>1</Removable>\n"
           "  <Searchable>" + (identifiable ? "1" : "0") + "</Searchable>\n  <Private>0</Private>\n </flags>\n" +
           renderer + labels + "</qgis>\n";
}

std::string quoted(const std::string& column) { return "\"" + column + "\""; }

// A graduated renderer over `expression`: one range per entry, then "no data" for -1, which the
// expression gives where the value is null (QGIS draws nothing for a value in no range).
struct Range {
    double lower, upper;
    std::string label, symbol;  // symbol: the QML <symbol> named after the range's index
};
std::string graduated(const std::string& column, const std::vector<Range>& ranges, const std::string& noDataSymbol,
                      const char* method = "GraduatedColor") {
    std::string out = " <renderer-v2 type=\"graduatedSymbol\" attr=\"" + esc("coalesce(" + quoted(column) + ", -1)") +
                      "\" graduatedMethod=\"" + method + "\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n  <ranges>\n";
    for (size_t i = 0; i < ranges.size(); ++i)
        out += "   <range lower=\"" + num(ranges[i].lower) + "\" upper=\"" + num(ranges[i].upper) + "\" symbol=\"" +
               std::to_string(i) + "\" label=\"" + esc(ranges[i].label) + "\" render=\"true\"/>\n";
    out += "   <range lower=\"-1\" upper=\"-1\" symbol=\"" + std::to_string(ranges.size()) + "\" label=\"" +
           esc(tr("render.legend.no_data")) + "\" render=\"true\"/>\n  </ranges>\n  <symbols>\n";
    for (const Range& r : ranges) out += r.symbol;
    out += noDataSymbol;
    return out + "  </symbols>\n  <classificationMethod id=\"Custom\"><symmetricMode enabled=\"0\" symmetrypoint=\"0\" astride=\"0\"/>"
                 "<labelFormat format=\"%1 - %2\" labelprecision=\"1\" trimtrailingzeroes=\"1\"/><parameters><Option/></parameters>"
                 "<extraInformation/></classificationMethod>\n </renderer-v2>\n";
}

std::string singleSymbol(const std::string& symbol) {
    return " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\">\n  <symbols>\n" + symbol +
           "  </symbols>\n </renderer-v2>\n";
}

int columnIndex(const DataTable& t, const std::string& name) {
    for (size_t i = 0; i < t.columns.size(); ++i)
        if (t.columns[i].name == name) return int(i);
    return -1;
}

// The column's values as numbers, NaN for an empty cell.
std::vector<double> columnValues(const DataTable& t, int column) {
    std::vector<double> values;
    for (const auto& row : t.rows) {
        const Cell& c = row[size_t(column)];
        if (const auto* i = std::get_if<std::int64_t>(&c)) values.push_back(double(*i));
        else if (const auto* d = std::get_if<double>(&c)) values.push_back(*d);
        else values.push_back(std::nan(""));
    }
    return values;
}

// A summary table as the map's choropleth: quantile classes of the chosen column in the YlGnBu ramp,
// labelled as gapmap's legend labels them, grey where there is no value.
LayerStyle choroplethStyle(const DataTable& t, bool labels) {
    LayerStyle style{t.name, "geom", "gapmap", "", ""};
    const std::string labelText = labels ? labeling("\"name\"", kCommuneLabelSizePx, kCommuneLabel, false) : "";
    const ChoroplethChoice choice = summaryChoropleth(t);
    const std::vector<double> values = choice.column.empty() ? std::vector<double>{} : columnValues(t, columnIndex(t, choice.column));
    const Classes classes = classify(values, 5, ClassMethod::Quantile);
    if (classes.breaks.empty()) {  // no value at all: land, as the map without a choropleth
        style.description = tr("qgis.style.land");
        style.qml = document(singleSymbol(fillSymbol("0", kLand, kCommuneLine, kCommuneLineWidthPx)), labelText);
        return style;
    }
    const std::vector<Color> colors = rampColors(Ramp::YlGnBu, std::max<int>(2, int(classes.breaks.size())));
    const bool whole = std::all_of(values.begin(), values.end(), [](double v) { return std::isnan(v) || v == std::round(v); });
    const std::vector<std::string> texts = classLabels(classes, values, choice.percent || whole ? 0 : 1, choice.percent ? "%" : "");
    std::vector<int> perClass(classes.breaks.size(), 0);
    for (double v : values)
        if (const int c = classes.classOf(v); c >= 0) ++perClass[size_t(c)];
    std::vector<Range> ranges;
    for (size_t c = 0; c < classes.breaks.size(); ++c)
        ranges.push_back({c == 0 ? classes.min : classes.breaks[c - 1], classes.breaks[c],
                          texts[c] + "   (" + std::to_string(perClass[c]) + ")",
                          fillSymbol(std::to_string(c), colors[std::min(c, colors.size() - 1)], kCommuneLine, kCommuneLineWidthPx)});
    style.description = tr("qgis.style.choropleth", {choice.column});
    style.qml = document(graduated(choice.column, ranges, fillSymbol(std::to_string(ranges.size()), kNoData, kCommuneLine, kCommuneLineWidthPx)),
                         labelText);
    return style;
}

// priority_villages: the map's priority layer (render/priority_layer.cpp): up to four score classes
// (one per distinct score when there are at most four, else quantiles), viridis from dark (the top
// class) to light, radius 2.5 to 6 px; unscored villages small and grey.
LayerStyle priorityStyle(const DataTable& t) {
    LayerStyle style{t.name, "geom", "gapmap", tr("qgis.style.priority"), ""};
    std::vector<double> scores;
    for (double v : columnValues(t, columnIndex(t, "score")))
        if (!std::isnan(v)) scores.push_back(v);
    std::vector<Range> ranges;
    int k = 0;
    for (const ScoreClass& c : scoreClasses(scores).classes) {  // core/color_ramp.h, as the map draws them
        auto score = [](double v) { return std::fabs(v - std::round(v)) < 1e-9 ? formatLocaleNumber(std::round(v)) : formatLocaleNumber(v, 1); };
        const std::string text = c.lo == c.hi ? score(c.hi) : score(c.lo) + " - " + score(c.hi);
        ranges.push_back({c.lo, c.hi, tr("render.legend.priority.class", {text, formatLocaleNumber(double(c.count))}),
                          circleSymbol(std::to_string(k), c.color, kSymbolStroke, 1, 2 * c.radiusPx)});
        ++k;
    }
    // No labels: the map's priority layer has none (names are in the list beside it).
    style.qml = document(graduated("score", ranges, circleSymbol(std::to_string(ranges.size()), kNoData, kSymbolStroke, 1, 5), "GraduatedSize"));
    return style;
}

// Commune, district and province boundaries from admin_units: one rule per level, drawn in
// symbol levels so that a thicker line is never covered by a thinner one; commune names.
LayerStyle adminStyle() {
    struct Level { const char* level; Color line; float widthPx; std::string label; };
    const Level levels[] = {{"commune", kCommuneLine, kCommuneLineWidthPx, tr("render.legend.commune")},
                            {"district", kDistrictLine, kDistrictLineWidthPx, tr("render.legend.district")},
                            {"province", kProvinceLine, kProvinceLineWidthPx, tr("render.legend.province")}};
    std::string rules, symbols;
    for (int i = 0; i < 3; ++i) {
        rules += "   <rule key=\"" + std::string(levels[i].level) + "\" symbol=\"" + std::to_string(i) + "\" label=\"" + esc(levels[i].label) +
                 "\" filter=\"" + esc("\"level\" = '" + std::string(levels[i].level) + "'") + "\"/>\n";
        symbols += fillSymbol(std::to_string(i), std::nullopt, levels[i].line, levels[i].widthPx, i);
    }
    const std::string renderer = " <renderer-v2 type=\"RuleRenderer\" symbollevels=\"1\" forceraster=\"0\" enableorderby=\"0\">\n"
                                 "  <rules key=\"root\">\n" + rules + "  </rules>\n  <symbols>\n" + symbols + "  </symbols>\n </renderer-v2>\n";
    return {"admin_units", "geom", "gapmap", tr("qgis.style.admin_units"),
            document(renderer, labeling("CASE WHEN \"level\" = 'commune' THEN \"name\" END", kCommuneLabelSizePx, kCommuneLabel, false))};
}

// Villages: white circles whose area follows population (core/map_style.h), names once zoomed in
// to where villages are about 45 px apart, as on the GL map.
LayerStyle villageStyle(const Project& project) {
    const int64_t sizePopulation = villageSizePopulation(project);
    const double minD = 2 * kVillageMinRadiusPx, maxD = 2 * kVillageMaxRadiusPx;
    const std::string diameter = sizePopulation > 0
        ? "clamp(" + num(minD) + ", " + num(maxD) + " * sqrt(coalesce(\"population\", 0) / " + std::to_string(sizePopulation) + "), " + num(maxD) + ")"
        : "";
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;  // Web Mercator metres
    size_t located = 0;
    for (const Village& v : project.villages)
        if (v.location) {
            const auto p = toMercator(*v.location);
            x0 = std::min(x0, p.xM), y0 = std::min(y0, p.yM), x1 = std::max(x1, p.xM), y1 = std::max(y1, p.yM);
            ++located;
        }
    const double spacingM = located > 0 ? std::sqrt(std::max((x1 - x0) * (y1 - y0), 1.0) / double(located)) : 0;
    const double labelScale = spacingM / 45 * kPixelsPerMetre;
    return {"villages", "geom", "gapmap", tr("qgis.style.villages"),
            document(singleSymbol(circleSymbol("0", kVillageFill, kVillageStroke, kVillageStrokeWidthPx, minD, diameter, kVillageHaloPx)),
                     labeling("\"name\"", kVillageLabelSizePx, kVillageLabel, true, std::max(labelScale, 1.0)))};
}

}  // namespace

ChoroplethChoice summaryChoropleth(const DataTable& summary) {
    auto any = [&](const std::string& column, auto test) {
        const int i = columnIndex(summary, column);
        if (i < 0) return false;
        const std::vector<double> v = columnValues(summary, i);
        return std::any_of(v.begin(), v.end(), test);
    };
    if (any("especially_difficult", [](double v) { return v > 0; })) return {"pct_especially_difficult_with_team", true};
    if (any("population", [](double v) { return !std::isnan(v); })) return {"population", false};
    return {};
}

std::vector<LayerStyle> projectStyles(const Project& project, const std::vector<DataTable>& summaries) {
    std::vector<LayerStyle> styles = {adminStyle(), villageStyle(project)};
    // The file holds exact locations (the working copy); gapmap shows them only after an explicit
    // unlock, so QGIS draws nothing by default, and the identify tool and search skip the layer.
    styles.push_back({"trusted_addresses", "geom", "gapmap", tr("qgis.style.trusted_addresses"),
                      document(" <renderer-v2 type=\"nullSymbol\"/>\n", "", false)});
    for (const DataTable& t : summaries) styles.push_back(choroplethStyle(t, false));
    return styles;
}

std::vector<LayerStyle> exportStyles(const std::vector<DataTable>& tables) {
    std::vector<LayerStyle> styles;
    for (const DataTable& t : tables) {
        if (t.geometry == GeometryKind::MultiPolygon) styles.push_back(choroplethStyle(t, true));
        else if (t.name == "priority_villages") styles.push_back(priorityStyle(t));
    }
    return styles;
}

void writeLayerStyles(GDALDataset& ds, const std::vector<LayerStyle>& styles) {
    if (styles.empty()) return;
    // QGIS 3.22's own layer_styles (QgsOgrProviderUtils saveStyle): id primary key, these columns.
    const char* options[] = {"FID=id", nullptr};
    OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, const_cast<char**>(options));
    if (!layer) throw InputError(tr("project.error.cannot_create_table", {"layer_styles", CPLGetLastErrorMsg()}));
    struct Field { const char* name; OGRFieldType type; int width; };
    for (const Field& f : {Field{"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256}, {"f_table_name", OFTString, 256},
                           {"f_geometry_column", OFTString, 256}, {"styleName", OFTString, 30}, {"styleQML", OFTString, 0},
                           {"styleSLD", OFTString, 0}, {"useAsDefault", OFTInteger, 0}, {"description", OFTString, 0},
                           {"owner", OFTString, 30}, {"ui", OFTString, 30}, {"update_time", OFTDateTime, 0}}) {
        OGRFieldDefn field(f.name, f.type);
        field.SetWidth(f.width);
        if (f.type == OFTInteger) field.SetSubType(OFSTBoolean);
        if (f.type == OFTDateTime) field.SetDefault("CURRENT_TIMESTAMP");
        if (layer->CreateField(&field) != OGRERR_NONE)
            throw InputError(tr("project.error.cannot_create_table", {"layer_styles", CPLGetLastErrorMsg()}));
    }
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    for (const LayerStyle& s : styles) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", s.table.c_str());
        f.SetField("f_geometry_column", s.geometryColumn.c_str());
        f.SetField("styleName", s.name.c_str());
        f.SetField("styleQML", s.qml.c_str());
        f.SetField("styleSLD", "");
        f.SetField("useAsDefault", 1);
        f.SetField("description", s.description.c_str());
        f.SetField("owner", "");
        f.SetField("ui", "");
        f.SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, float(utc.tm_sec), 100);
        if (layer->CreateFeature(&f) != OGRERR_NONE)
            throw InputError(tr("project.error.cannot_write_table", {"layer_styles", CPLGetLastErrorMsg()}));
    }
}

}  // namespace gapmap
