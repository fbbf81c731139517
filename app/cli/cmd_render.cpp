// gapmap render [PROJECT.gpkg] --out map.png [--size WxH] [--layers LIST] [--commune CODE | --bbox ...]
//               [--color-by ATTRIBUTE] [--title TEXT] [--priority-gaps team,internet]
#include <algorithm>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "cli/cli_common.h"
#include "cli/progress_bar.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/parse.h"
#include "io/pg_address.h"
#include "io/scene_cache.h"
#include "io/unicode.h"
#include "render/offscreen.h"
#include "render/priority_layer.h"
#include "render/render_map.h"

namespace gapmap::cli {
namespace {

std::string help() {
    std::ostringstream s;
    s << tr("render.help");
    for (const render::LayerInfo& l : render::layerCatalogue()) {
        std::string id = l.id;
        id.resize(std::max<size_t>(id.size(), 19), ' ');
        s << "  " << id << " " << render::layerDescription(l) << "\n";
    }
    s << "\n" << tr("render.help.priority_gaps") << "\n";
    s << "\n" << tr("render.help.attributes") << "\n";
    for (const render::AttributeInfo& a : render::communeAttributes()) {
        std::string id = a.id;
        id.resize(std::max<size_t>(id.size(), 23), ' ');
        s << "  " << id << " " << render::attributeLabel(a) << (a.percent ? " (%)" : "") << "\n";
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

Args parseRenderArgs(const std::vector<std::string>& argv) {
    return parseArgs(argv, {"--out", "--size", "--layers", "--commune", "--bbox", "--color-by", "--title", "--classes",
                            "--classify", "--ramp", "--priority-gaps"}, {});
}

}  // namespace

bool rendersProjectFile(std::vector<std::string> argv) {
    try {
        selectLanguage(argv);
        if (argv.empty() || argv[0] != "render") return false;
        argv.erase(argv.begin());
        const Args args = parseRenderArgs(argv);
        std::error_code ec;
        return !args.help && args.positional.size() == 1 && !isServerProject(args.positional[0]) &&
               std::filesystem::is_regular_file(args.positional[0], ec);
    } catch (const std::exception&) {
        return false;  // the full program reports it
    }
}

int runRender(const std::vector<std::string>& argv, ProjectReader read) {
    const Args args = parseRenderArgs(argv);
    if (args.help) { std::fputs(help().c_str(), stdout); return kOk; }
    if (args.positional.size() > 1) throw UsageError(tr("render.error.too_many_files"));
    const std::string out = args.value("--out");
    if (out.empty()) throw UsageError(tr("render.error.needs_out"));

    render::MapRequest request;
    const std::string size = args.value("--size", "1920x1080");
    const size_t x = size.find('x');
    const auto w = x == std::string::npos ? std::nullopt : parseInteger(size.substr(0, x));
    const auto h = x == std::string::npos ? std::nullopt : parseInteger(size.substr(x + 1));
    if (!w || !h || *w < 16 || *h < 16 || *w > 8192 || *h > 8192) throw UsageError(tr("render.error.bad_size", {size}));
    request.widthPx = int(*w);
    request.heightPx = int(*h);
    if (!args.value("--layers").empty()) {
        request.scene.layers = splitComma(args.value("--layers"));
        for (const std::string& id : request.scene.layers) {
            bool known = false;
            for (const render::LayerInfo& l : render::layerCatalogue()) known = known || id == l.id;
            if (!known) throw UsageError(tr("render.error.unknown_layer", {id}));
        }
    }
    if (!args.value("--color-by").empty()) {
        request.scene.colorBy = args.value("--color-by");
        if (!render::findAttribute(request.scene.colorBy))
            throw UsageError(tr("render.error.unknown_attribute", {request.scene.colorBy}));
    }
    if (!args.value("--classes").empty()) {
        const auto n = parseInteger(args.value("--classes"));
        if (!n || *n < 2 || *n > 9) throw UsageError(tr("render.error.bad_classes"));
        request.scene.classes = int(*n);
    }
    if (!args.value("--classify").empty()) {
        const auto m = render::classMethodFromString(args.value("--classify"));
        if (!m) throw UsageError(tr("render.error.bad_classify", {args.value("--classify")}));
        request.scene.classMethod = *m;
    }
    if (!args.value("--ramp").empty()) {
        request.scene.ramp = render::rampFromString(args.value("--ramp"));
        if (!request.scene.ramp) throw UsageError(tr("render.error.bad_ramp", {args.value("--ramp")}));
    }
    for (const std::string& id : splitComma(args.value("--priority-gaps"))) {
        const auto gap = render::priorityGapFromString(id);
        if (!gap) throw UsageError(tr("render.error.bad_priority_gap", {id}));
        if (std::find(request.scene.priorityGaps.begin(), request.scene.priorityGaps.end(), *gap) == request.scene.priorityGaps.end())
            request.scene.priorityGaps.push_back(*gap);
    }
    if (!request.scene.priorityGaps.empty() && request.scene.layers.empty()) {  // the filter asks for its layer
        request.scene.layers = render::defaultLayers();
        request.scene.layers.push_back("priority_villages");
    }
    if (!args.value("--commune").empty() && !args.value("--bbox").empty()) throw UsageError(tr("render.error.commune_and_bbox"));
    request.focusCode = args.value("--commune");
    if (!args.value("--bbox").empty()) {
        const std::vector<std::string> parts = splitComma(args.value("--bbox"));
        std::vector<double> v;
        for (const std::string& p : parts)
            if (auto d = parseReal(p)) v.push_back(*d);
        if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -85 || v[3] > 85)
            throw UsageError(tr("render.error.bad_bbox", {args.value("--bbox")}));
        request.focusBox = BBox{v[0], v[1], v[2], v[3]};
    }
    if (!args.value("--title").empty()) {
        const std::string title = args.value("--title");
        if (!isValidUtf8(title)) throw UsageError(tr("render.error.title_not_utf8"));
        request.scene.title = toNfc(title);
    }

    std::optional<TerminalProgress> progress(std::in_place);  // terminals only
    progressSteps(2);  // reading, then drawing (the PNG is written as the picture is read back)
    progressStep(tr("progress.read_project"));
    const std::string source = args.positional.empty() ? "demo" : args.positional[0];
    const Project project = read(args.positional.empty() ? std::string() : args.positional[0]);
    if (request.scene.title.empty() && project.title("").empty())
        request.scene.title = std::filesystem::path(source).stem().string();  // nothing better: the file's name

    std::unique_ptr<render::OffscreenContext> context;
    try {
        context = std::make_unique<render::OffscreenContext>();
    } catch (const std::exception& e) {
        throw InputError(tr("render.error.no_opengl", {e.what()}));
    }
    progressStep(tr("progress.draw_map"));
    if (!args.positional.empty()) request.sceneCache = openSceneCache(args.positional[0]);  // io/scene_cache.h
    request.pngPath = out;  // written from the framebuffer a strip at a time: no 4 MB image at the peak
    render::RenderedMap map;
    try {
        map = render::renderProjectMap(project, request);
    } catch (const std::invalid_argument& e) {
        throw InputError(source + ": " + e.what());
    } catch (const std::runtime_error& e) {
        throw InputError(e.what());  // the PNG could not be written; the message names the file
    }
    progress.reset();
    const std::string message = tr("render.wrote", {out, std::to_string(map.image.width), std::to_string(map.image.height),
                                                    map.scene.title, std::to_string(map.stats.labels)});
    std::printf("%s\n", message.c_str());
    std::fflush(stdout);
    // A project file rendered for the first time since it was written keeps the boundaries' zoom
    // bands, so that the next render or open reads them (render/area_cache.h); after the picture, which
    // does not wait for it. A read-only file is left as it is.
    map.builder->saveSceneCache();
    return kOk;
}

}  // namespace gapmap::cli
