// The Layers panel's controls of the priority villages layer: "show only" villages with all the
// ticked gaps (no team / no club / no internet / no mobile, in any combination), the same choice
// as `gapmap render --priority-gaps`. Drawn inside the Layers window by App::drawLayersPanel.
#include <imgui.h>

#include <algorithm>

#include "core/i18n.h"
#include "render/priority_layer.h"
#include "ui/app.h"

namespace gapmap::ui {

void App::drawLayerFilters() {
    if (!map_->layerVisible("priority_villages")) return;
    ImGui::Separator();
    ImGui::TextUnformatted(tr("ui.layers.priority_only").c_str());
    render::SceneOptions options = map_->options();
    bool changed = false;
    for (const render::PriorityGapChoice& choice : render::priorityGapChoices()) {
        auto& gaps = options.priorityGaps;
        bool on = std::find(gaps.begin(), gaps.end(), choice.gap) != gaps.end();
        if (ImGui::Checkbox(tr(std::string("render.priority_gap.") + choice.id).c_str(), &on)) {
            std::erase(gaps, choice.gap);
            if (on) gaps.push_back(choice.gap);
            changed = true;
        }
    }
    if (changed) {
        map_->setOptions(options);
        redraw_ = true;
    }
}

}  // namespace gapmap::ui
