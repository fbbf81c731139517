#include "render/render_scene.h"

#include <algorithm>

namespace gapmap::render {

namespace {
void sortLabels(std::vector<LabelItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const LabelItem& a, const LabelItem& b) { return a.priority > b.priority; });
}
}  // namespace

LabelSet::LabelSet(std::vector<LabelItem> items) : items_(std::move(items)) {
    sortLabels(items_);
    std::call_once(once_, [] {});
}

LabelSet::LabelSet(std::function<std::vector<LabelItem>()> make) : make_(std::move(make)) {}

const std::vector<LabelItem>& LabelSet::items() const {
    std::call_once(once_, [this] {
        if (!make_) return;
        items_ = make_();
        sortLabels(items_);
    });
    return items_;
}

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
