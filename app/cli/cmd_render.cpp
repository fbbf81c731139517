// gapmap render [PROJECT.gpkg] --out map.png [--size WxH] [--layers LIST] [--commune CODE | --bbox ...]
//               [--color-by ATTRIBUTE] [--title TEXT]
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "cli/cli_common.h"
#include "core/errors.h"
#include "core/parse.h"
#include "io/demo_data.h"
#include "io/project_file.h"
#include "io/unicode.h"
#include "render/offscreen.h"
#include "render/render_map.h"

namespace gapmap::cli {
namespace {

std::string help() {
    std::ostringstream s;
    s << "usage: gapmap render [PROJECT.gpkg] --out map.png [--size 1920x1080] [--layers LIST]\n"
         "                     [--commune CODE | --bbox minLon,minLat,maxLon,maxLat] [--color-by ATTRIBUTE]\n"
         "                     [--classes N] [--classify quantile|equal] [--ramp NAME] [--title TEXT]\n"
         "\n"
         "Draws the map headless (OpenGL through EGL, no display needed) and writes a PNG with a title, the data\n"
         "date, a legend, a scale bar and, for the demo, the \"Synthetic demo data\" mark. Without PROJECT.gpkg:\n"
         "the embedded synthetic demo province. Trusted Addresses appear only as a count per commune, never at\n"
         "their locations.\n"
         "\n"
         "options:\n"
         "  --out FILE          the PNG to write (required)\n"
         "  --size WxH          image size in pixels (default 1920x1080)\n"
         "  --layers LIST       comma-separated layer ids, bottom to top order is fixed (default:\n"
         "                      communes,choropleth,districts,province,villages,teams,trusted_addresses,labels)\n"
         "  --commune CODE      zoom to one commune (any admin unit code works)\n"
         "  --bbox W,S,E,N      zoom to a lon/lat box (EPSG:4326 degrees)\n"
         "  --color-by ATTR     commune attribute of the choropleth (default: difficult_team_share when the project\n"
         "                      has especially difficult villages, else population)\n"
         "  --classes N         number of classes, 2-9 (default 5)\n"
         "  --classify METHOD   quantile (default) or equal (equal intervals)\n"
         "  --ramp NAME         ylgnbu, blues, greens, orrd, purples, viridis (default: by attribute)\n"
         "  --title TEXT        title (default: the project's title)\n"
         "\n"
         "layers:\n";
    for (const render::LayerInfo& l : render::layerCatalogue()) {
        std::string id = l.id;
        id.resize(std::max<size_t>(id.size(), 19), ' ');
        s << "  " << id << " " << l.description << "\n";
    }
    s << "\nattributes for --color-by (per commune):\n";
    for (const render::AttributeInfo& a : render::communeAttributes()) {
        std::string id = a.id;
        id.resize(std::max<size_t>(id.size(), 23), ' ');
        s << "  " << id << " " << a.label << (a.percent ? " (%)" : "") << "\n";
    }
    return s.str();
}

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

int runRender(const std::vector<std::string>& argv) {
    const Args args = parseArgs(argv, {"--out", "--size", "--layers", "--commune", "--bbox", "--color-by", "--title", "--classes",
                                       "--classify", "--ramp"}, {});
    if (args.help) { std::fputs(help().c_str(), stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError("render takes at most one PROJECT.gpkg");
    const std::string out = args.value("--out");
    if (out.empty()) throw UsageError("render needs --out FILE.png");

    render::MapRequest request;
    const std::string size = args.value("--size", "1920x1080");
    const size_t x = size.find('x');
    const auto w = x == std::string::npos ? std::nullopt : parseInteger(size.substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : parseInteger(size.substr(x + 1));
    if (!w || !h || *w < 16 || *h < 16 || *w > 8192 || *h > 8192) throw UsageError("--size " + size + ": expected WxH, e.g. 1920x1080 (16 to 8192 pixels)");
    request.widthPx = int(*w);
    request.heightPx = int(*h);
    if (!args.value("--layers").empty()) {
        request.scene.layers = splitComma(args.value("--layers"));
        for (const std::string& id : request.scene.layers) {
            bool known = false;
            for (const render::LayerInfo& l : render::layerCatalogue()) known = known || id == l.id;
            if (!known) throw UsageError("--layers: unknown layer \"" + id + "\" (see gapmap render --help)");
        }
    }
    if (!args.value("--color-by").empty()) {
        request.scene.colorBy = args.value("--color-by");
        if (!render::findAttribute(request.scene.colorBy))
            throw UsageError("--color-by " + request.scene.colorBy + ": unknown attribute (see gapmap render --help)");
    }
    if (!args.value("--classes").empty()) {
        const auto n = parseInteger(args.value("--classes"));
        if (!n || *n < 2 || *n > 9) throw UsageError("--classes needs a whole number from 2 to 9");
        request.scene.classes = int(*n);
    }
    if (!args.value("--classify").empty()) {
        const auto m = render::classMethodFromString(args.value("--classify"));
        if (!m) throw UsageError("--classify " + args.value("--classify") + ": use quantile or equal");
        request.scene.classMethod = *m;
    }
    if (!args.value("--ramp").empty()) {
        request.scene.ramp = render::rampFromString(args.value("--ramp"));
        if (!request.scene.ramp) throw UsageError("--ramp " + args.value("--ramp") + ": use ylgnbu, blues, greens, orrd, purples or viridis");
    }
    if (!args.value("--commune").empty() && !args.value("--bbox").empty()) throw UsageError("give --commune or --bbox, not both");
    request.focusCode = args.value("--commune");
    if (!args.value("--bbox").empty()) {
        const std::vector<std::string> parts = splitComma(args.value("--bbox"));
        std::vector<double> v;
        for (const std::string& p : parts)
            if (auto d = parseReal(p)) v.push_back(*d);
        if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -85 || v[3] > 85)
            throw UsageError("--bbox " + args.value("--bbox") + ": expected minLon,minLat,maxLon,maxLat in degrees");
        request.focusBox = BBox{v[0], v[1], v[2], v[3]};
    }
    if (!args.value("--title").empty()) {
        const std::string title = args.value("--title");
        if (!isValidUtf8(title)) throw UsageError("--title is not valid UTF-8");
        request.scene.title = toNfc(title);
    }

    const std::string source = args.positional.empty() ? "demo" : args.positional[0];
    const Project project = args.positional.empty() ? buildDemoProject() : readProject(args.positional[0]);
    if (request.scene.title.empty() && project.settingOr("title", "").empty() &&
        std::none_of(project.adminUnits.begin(), project.adminUnits.end(), [](const AdminUnit& u) { return u.level == AdminLevel::Province; }))
        request.scene.title = std::filesystem::path(source).stem().string();  // nothing better: the file's name

    std::unique_ptr<render::OffscreenContext> context;
    try {
        context = std::make_unique<render::OffscreenContext>();
    } catch (const std::exception& e) {
        throw InputError(std::string("cannot render without OpenGL: ") + e.what());
    }
    render::RenderedMap map;
    try {
        map = render::renderProjectMap(project, request);
    } catch (const std::invalid_argument& e) {
        throw InputError(source + ": " + e.what());
    }
    try {
        render::writePng(map.image, out);
    } catch (const std::exception& e) {
        throw InputError(e.what());
    }
    std::printf("wrote %s (%dx%d): %s, %d labels\n", out.c_str(), map.image.width, map.image.height,
                map.scene.title.c_str(), map.stats.labels);
    return kOk;
}

}  // namespace gapmap::cli
