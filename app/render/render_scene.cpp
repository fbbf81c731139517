#include "render/render_scene.h"

#include <algorithm>

namespace gapmap::render {

void RenderScene::setVisible(const std::string& id, bool visible) {
    for (Layer& l : layers)
        if (l.id == id) l.visible = visible;
}

void RenderScene::setOpacity(const std::string& id, float opacity) {
    for (Layer& l : layers)
        if (l.id == id) l.opacity = std::clamp(opacity, 0.0f, 1.0f);
}

bool RenderScene::isVisible(const std::string& id) const {
    return std::any_of(layers.begin(), layers.end(), [&](const Layer& l) { return l.id == id && l.visible; });
}

std::vector<std::string> RenderScene::layerIds() const {
    std::vector<std::string> ids;
    for (const Layer& l : layers)
        if (std::find(ids.begin(), ids.end(), l.id) == ids.end()) ids.push_back(l.id);
    return ids;
}

Legend buildLegend(const RenderScene& scene, double mpp) {
    Legend legend;
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const Layer& l = *it;
        if (l.legend.empty() || !l.visible || l.opacity <= 0) continue;
        if (mpp > 0 && !l.drawnAt(mpp)) continue;
        LegendSection section{l.id, l.legendTitle, l.opacity, l.legend};
        legend.sections.push_back(std::move(section));
    }
    return legend;
}

}  // namespace gapmap::render
