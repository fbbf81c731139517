// QGIS layer styles for the GeoPackages gapmap writes: one QML document per layer, stored in the
// `layer_styles` table (the convention QGIS itself uses, so QGIS applies them when it opens a layer).
// The QML follows gapmap's own symbology (core/map_style.h, core/color_ramp.h): the choropleth's
// classes and ramp, village circles sized by population, boundaries by level, Noto Sans labels.
// Trusted Address locations are never drawn: their layer gets a style that draws nothing.
// The QML text is plain strings; GDAL appears only in writeLayerStyles().
#pragma once
#include <string>
#include <vector>

#include "core/data_table.h"
#include "core/model.h"

class GDALDataset;

namespace gapmap {

struct LayerStyle {
    std::string table;                    // f_table_name: the layer it styles
    std::string geometryColumn = "geom";  // f_geometry_column
    std::string name;                     // styleName (QGIS shows it in the Styles menu)
    std::string description;
    std::string qml;                      // the whole QML document
};

// The project file's layers: admin_units (boundaries by level, commune names), villages, the
// Trusted Addresses layer (drawn as nothing) and the `<level>_summary` tables written beside them
// (choropleth; no labels, admin_units carries them).
std::vector<LayerStyle> projectStyles(const Project& project, const std::vector<DataTable>& summaries);
// An export's layers (core/coverage_tables.h exportTables): the area summaries as choropleths with
// their names, and priority_villages coloured by score class as the map's priority layer.
std::vector<LayerStyle> exportStyles(const std::vector<DataTable>& tables);

// The choropleth a summary table is drawn with, as gapmap's map chooses its default attribute: the
// share of especially difficult villages with a team where the table counts especially difficult
// villages, else population. Empty column: no value at all (the layer is drawn as land).
struct ChoroplethChoice {
    std::string column;
    bool percent = false;
};
ChoroplethChoice summaryChoropleth(const DataTable& summary);

// Creates `layer_styles` (QGIS's schema, registered in gpkg_contents as attributes) in an open
// GeoPackage and writes one default style row per entry. Throws InputError on failure.
void writeLayerStyles(GDALDataset& ds, const std::vector<LayerStyle>& styles);

}  // namespace gapmap
