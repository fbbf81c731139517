// QGIS styles in the GeoPackages gapmap writes (app/io/qgis_styles.cpp): the layer_styles table,
// QML that parses and holds gapmap's renderer and colours, and, where QGIS's Python is installed,
// QGIS itself applying the style (renderer type, a commune's pixel colour as gapmap's map colours it).
#include <catch2/catch.hpp>
#include <cpl_minixml.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "core/color_ramp.h"
#include "core/coverage.h"
#include "core/coverage_tables.h"
#include "core/map_style.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/qgis_styles.h"
#include "io/table_export.h"
#include "render/project_scene.h"
#include "support/test_support.h"

using namespace gapmap;
using gapmap::test::TempDir;

namespace {

struct StyleRow {
    std::string qml, geometryColumn, name, catalog, schema;
    int useAsDefault = 0;
};

// layer_styles rows by table name, read with SQLite as QGIS's OGR provider reads them.
std::map<std::string, StyleRow> readStyles(const std::string& path, std::string* contentsType = nullptr) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, &sqlite3_close);
    std::map<std::string, StyleRow> rows;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT f_table_name, f_geometry_column, styleName, styleQML, useAsDefault, f_table_catalog, f_table_schema FROM layer_styles",
                               -1, &st, nullptr) == SQLITE_OK);
    auto text = [&](int i) { const unsigned char* t = sqlite3_column_text(st, i); return t ? std::string(reinterpret_cast<const char*>(t)) : std::string(); };
    while (sqlite3_step(st) == SQLITE_ROW) rows[text(0)] = {text(3), text(1), text(2), text(5), text(6), sqlite3_column_int(st, 4)};
    sqlite3_finalize(st);
    if (contentsType) {
        REQUIRE(sqlite3_prepare_v2(db, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'", -1, &st, nullptr) == SQLITE_OK);
        *contentsType = sqlite3_step(st) == SQLITE_ROW ? text(0) : "";
        sqlite3_finalize(st);
    }
    return rows;
}

using Xml = std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)>;
Xml parse(const std::string& qml) { return Xml(CPLParseXMLString(qml.c_str()), &CPLDestroyXMLNode); }
std::string value(CPLXMLNode* node, const char* path) { return CPLGetXMLValue(node, path, ""); }

// The QML's <symbols>: each symbol's first layer's property `k`, by symbol name.
std::map<std::string, std::string> symbolProps(CPLXMLNode* renderer, const std::string& k) {
    std::map<std::string, std::string> out;
    for (CPLXMLNode* s = CPLGetXMLNode(renderer, "symbols") ? CPLGetXMLNode(renderer, "symbols")->psChild : nullptr; s; s = s->psNext) {
        if (s->eType != CXT_Element) continue;
        CPLXMLNode* layer = CPLGetXMLNode(s, "layer");
        for (CPLXMLNode* p = layer ? layer->psChild : nullptr; p; p = p->psNext)
            if (p->eType == CXT_Element && value(p, "k") == k) out[value(s, "name")] = value(p, "v");
    }
    return out;
}

std::string qgisColour(Color c) {
    auto byte = [](float v) { return std::to_string(int(std::lround(v * 255))); };
    return byte(c.r) + "," + byte(c.g) + "," + byte(c.b) + ",255";
}

}  // namespace

TEST_CASE("The project file carries a QGIS style per map layer, as gapmap draws it", "[qgis_styles]") {
    TempDir dir;
    const std::string path = dir.file("demo.gpkg");
    const Project project = buildDemoProject();
    writeProject(project, path);
    std::string contentsType;
    const auto styles = readStyles(path, &contentsType);
    CHECK(contentsType == "attributes");  // QGIS and ogrinfo list it as a plain table
    for (const char* table : {"admin_units", "villages", "trusted_addresses", "commune_summary"}) {
        INFO(table);
        REQUIRE(styles.count(table));
        const StyleRow& s = styles.at(table);
        CHECK(s.useAsDefault == 1);
        CHECK(s.geometryColumn == "geom");
        CHECK(s.catalog.empty());
        CHECK(s.schema.empty());
        Xml doc = parse(s.qml);
        REQUIRE(doc);  // well-formed XML
        REQUIRE(CPLGetXMLNode(doc.get(), "=qgis.renderer-v2"));
    }
    // The file still reads as the same project: the summary and the styles are extra tables.
    CHECK(readProject(path).adminUnits.size() == project.adminUnits.size());

    SECTION("boundaries by level, thicker lines drawn last, commune names in Noto Sans") {
        Xml doc = parse(styles.at("admin_units").qml);
        CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
        CHECK(value(r, "type") == "RuleRenderer");
        CHECK(value(r, "symbollevels") == "1");
        const auto colours = symbolProps(r, "outline_color"), widths = symbolProps(r, "outline_width"), fills = symbolProps(r, "style");
        CHECK(colours.at("0") == qgisColour(map_style::kCommuneLine));
        CHECK(colours.at("2") == qgisColour(map_style::kProvinceLine));
        CHECK(std::stod(widths.at("0")) < std::stod(widths.at("1")));
        CHECK(std::stod(widths.at("1")) < std::stod(widths.at("2")));
        CHECK(fills.at("0") == "no");  // lines only: the choropleth layer shows through wherever QGIS puts it
        CHECK(value(doc.get(), "=qgis.labeling.settings.text-style.fontFamily") == "Noto Sans");
    }
    SECTION("the choropleth: graduated on the map's default indicator, gapmap's ramp, grey for no data") {
        Xml doc = parse(styles.at("commune_summary").qml);
        CPLXMLNode* r = CPLGetXMLNode(doc.get(), "=qgis.renderer-v2");
        CHECK(value(r, "type") == "graduatedSymbol");
        CHECK(value(r, "attr") == "coalesce(\"pct_especially_difficult_with_team\", -1)");
        std::vector<std::string> fills;
        for (const auto& [name, colour] : symbolProps(r, "color")) fills.push_back(colour);
        REQUIRE(fills.size() >= 3);
        const std::vector<Color> ramp = rampColors(Ramp::YlGnBu, int(fills.size()) - 1);
        for (size_t i = 0; i + 1 < fills.size(); ++i) CHECK(fills[i] == qgisColour(ramp[i]));
        CHECK(fills.back() == qgisColour(map_style::kNoData));
    }
    SECTION("villages: white circles sized by population; Trusted Addresses: drawn as nothing, not identifiable") {
        Xml village = parse(styles.at("villages").qml);
        CHECK(value(village.get(), "=qgis.renderer-v2.type") == "singleSymbol");
        CHECK(styles.at("villages").qml.find("sqrt(coalesce(&quot;population&quot;, 0)") != std::string::npos);
        Xml ta = parse(styles.at("trusted_addresses").qml);
        CHECK(value(ta.get(), "=qgis.renderer-v2.type") == "nullSymbol");
        CHECK(value(ta.get(), "=qgis.flags.Identifiable") == "0");
        CHECK(value(ta.get(), "=qgis.labelsEnabled") == "0");
    }
}

TEST_CASE("A GeoPackage export carries QGIS styles for its summaries and priority villages", "[qgis_styles]") {
    TempDir dir;
    const std::string path = dir.file("export.gpkg");
    const Project project = buildDemoProject();
    const CoverageResult result = analyseCoverage(project);
    writeGeoPackage(exportTables(project, result), path);
    const auto styles = readStyles(path);
    for (const char* table : {"commune_summary", "district_summary", "province_summary"}) {
        INFO(table);
        REQUIRE(styles.count(table));
        Xml doc = parse(styles.at(table).qml);
        REQUIRE(doc);
        CHECK(value(doc.get(), "=qgis.renderer-v2.type") == "graduatedSymbol");
        CHECK(value(doc.get(), "=qgis.labeling.settings.text-style.fieldName") == "\"name\"");
    }
    REQUIRE(styles.count("priority_villages"));
    Xml doc = parse(styles.at("priority_villages").qml);
    CHECK(value(doc.get(), "=qgis.renderer-v2.type") == "graduatedSymbol");
    CHECK(value(doc.get(), "=qgis.renderer-v2.attr") == "coalesce(\"score\", -1)");
    CHECK(!styles.count("about"));  // no geometry, nothing to style
}

TEST_CASE("QGIS applies the project's styles: a commune is drawn in the colour gapmap's map gives it", "[qgis_styles][qgis]") {
    if (std::system("/usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1") != 0) {
        WARN("python3-qgis is not installed: skipped");
        return;
    }
    TempDir dir;
    const std::string path = dir.file("demo.gpkg");
    const Project project = buildDemoProject();
    writeProject(project, path);
    // gapmap's own colour for each commune: the map's default choropleth (render/project_scene.cpp).
    render::ProjectSceneBuilder builder(project);
    REQUIRE(builder.defaultAttribute() == "difficult_team_share");
    const std::vector<double> values = builder.attributeValues("difficult_team_share");
    const Classes classes = classify(values, 5, ClassMethod::Quantile);
    const std::vector<Color> ramp = rampColors(Ramp::YlGnBu, int(classes.breaks.size()));
    // A commune in the middle of a class (the summary table rounds shares to 0.1%).
    size_t pick = values.size();
    for (size_t i = 0; i < values.size() && pick == values.size(); ++i) {
        const int c = classes.classOf(values[i]);
        if (c < 1) continue;
        if (values[i] - classes.breaks[size_t(c) - 1] > 0.5 && classes.breaks[size_t(c)] - values[i] > 0.5) pick = i;
    }
    REQUIRE(pick < values.size());
    const std::string code = builder.communeCodes()[pick];
    const Color expected = ramp[size_t(classes.classOf(values[pick]))];

    const std::string script = std::string(GAPMAP_SOURCE_DIR) + "/tests/io/qgis_check.py";
    const std::string outFile = dir.file("qgis.txt");
    const int status = std::system(("QT_QPA_PLATFORM=offscreen /usr/bin/python3 " + test::quote(script) + " " + test::quote(path) + " " +
                                    test::quote(code) + " >" + test::quote(outFile) + " 2>/dev/null").c_str());
    REQUIRE(status == 0);
    const std::string out = test::readFile(outFile);
    INFO(out);
    CHECK(out.find("commune_summary renderer=graduatedSymbol") != std::string::npos);
    CHECK(out.find("admin_units renderer=RuleRenderer labels=1 font=Noto Sans") != std::string::npos);
    CHECK(out.find("villages renderer=singleSymbol") != std::string::npos);
    CHECK(out.find("trusted_addresses renderer=nullSymbol labels=0") != std::string::npos);
    const size_t at = out.find("pixel=");
    REQUIRE(at != std::string::npos);
    int red = -1, green = -1, blue = -1;
    REQUIRE(std::sscanf(out.c_str() + at, "pixel=%d,%d,%d", &red, &green, &blue) == 3);
    CHECK(std::abs(red - int(std::lround(expected.r * 255))) <= 1);
    CHECK(std::abs(green - int(std::lround(expected.g * 255))) <= 1);
    CHECK(std::abs(blue - int(std::lround(expected.b * 255))) <= 1);
}
