// The report's map as PDF vectors: communes filled by a classed choropleth, district and province
// boundaries, commune names on district maps, a legend, a scale bar true to the ground at the map's
// latitude (Web Mercator, core/mercator.h) and a north arrow. Trusted Addresses are never drawn.
// Coordinates: project data in EPSG:4326 degrees, projected to Web Mercator metres, then to page points.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/color_ramp.h"
#include "core/mercator.h"
#include "core/model.h"
#include "io/pdf_document.h"

namespace gapmap::pdf {

// One commune value per commune code, classed once for the whole province so that every page's
// map uses the same colours.
struct Choropleth {
    std::string title;                       // "% of villages with a communication team"
    std::map<std::string, Color> fill;       // commune code -> class colour (communes without data absent)
    struct LegendClass { Color color; std::string label; };
    std::vector<LegendClass> legend;         // classes, low to high, then "no data" when some commune has none
};
inline const Color kNoDataFill = Color::hex(0xd9d9d9);      // communes without a value
inline const Color kOutsideFill = Color::hex(0xf1f1ee);     // other districts on a district page
inline const Color kBackground = Color::hex(0xffffff);      // the page, outside every commune

struct PageRect {
    double x = 0, y = 0, w = 0, h = 0;  // points, y down
};

// Web Mercator metres <-> page points for one drawn map.
struct MapTransform {
    double ptPerM = 0;                  // page points per Mercator metre
    double originXM = 0, originYM = 0;  // the Mercator point at the page point (pageX, pageY)
    double pageX = 0, pageY = 0;
    double pageXOf(LonLat p) const { return pageX + (toMercator(p).xM - originXM) * ptPerM; }
    double pageYOf(LonLat p) const { return pageY - (toMercator(p).yM - originYM) * ptPerM; }
    LonLat lonLatAt(double xPt, double yPt) const {
        return fromMercator({originXM + (xPt - pageX) / ptPerM, originYM - (yPt - pageY) / ptPerM});
    }
};

// Draws the communes of `districtCode` ("" = the whole province) fitted into `rect`, with their
// neighbours faded on a district map. Returns nullopt (after writing a note in the frame) when the
// project has no commune boundaries there.
std::optional<MapTransform> drawMap(Document& doc, const Project& project, const Choropleth& choropleth, const PageRect& rect,
                                    const std::string& districtCode);
// The legend at the cursor over the content width: the classes, then the boundary lines. Moves the cursor.
void drawLegend(Document& doc, const Choropleth& choropleth, bool districtPage);

}  // namespace gapmap::pdf
