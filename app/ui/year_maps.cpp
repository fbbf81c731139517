#include "ui/year_maps.h"

#include <imgui.h>

#include <string>

#include "core/i18n.h"
#include "core/timeline.h"
#include "render/gl.h"

namespace gapmap::ui {

void YearMaps::drawSide(Side& side, const Project& full, std::optional<int> year, const MapCanvas& main, int widthPx, int heightPx) {
    if (!side.built || side.year != year) {
        side.canvas.reset();  // refers to the project about to change
        side.project = year ? projectAsOf(full, *year) : full;
        side.canvas = std::make_unique<MapCanvas>(side.project, 1.0f);
        side.year = year;
        side.built = true;
    }
    // The main map's layers but the choropleth: its classes come from each year's own values,
    // so the same colour would mean different figures on the two sides.
    render::SceneOptions options = main.options();
    std::erase(options.layers, "choropleth");
    if (side.canvas->options().layers != options.layers || side.canvas->exactTrustedAddresses() != options.exactTrustedAddresses)
        side.canvas->setOptions(options);
    // The main map's centre and scale, in a smaller viewport.
    render::Camera& cam = side.canvas->camera();
    cam = main.camera();
    cam.setViewport(widthPx, heightPx);
    side.canvas->setPanelInsets({});
    GLint previousFbo = 0, previousViewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFbo);
    glGetIntegerv(GL_VIEWPORT, previousViewport);
    side.target.resize(widthPx, heightPx);
    side.target.bind();
    side.canvas->draw(widthPx, heightPx, false);
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFbo));
    glViewport(previousViewport[0], previousViewport[1], previousViewport[2], previousViewport[3]);

    ImGui::BeginGroup();
    ImGui::TextUnformatted((year ? tr("kpi.dashboard.as_of", {formatLocaleDate(std::to_string(*year) + "-12-31")}) : tr("kpi.timeline.now")).c_str());
    // GL rows count up from the bottom: the image is flipped.
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(side.target.texture())), ImVec2(float(widthPx), float(heightPx)),
                 ImVec2(0, 1), ImVec2(1, 0));
    ImGui::EndGroup();
}

void YearMaps::draw(const Project& full, int left, std::optional<int> right, const MapCanvas& main, int widthPx, int heightPx) {
    if (widthPx < 16 || heightPx < 16) return;
    drawSide(left_, full, left, main, widthPx, heightPx);
    ImGui::SameLine();
    drawSide(right_, full, right, main, widthPx, heightPx);
}

}  // namespace gapmap::ui
