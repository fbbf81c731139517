// Two maps side by side for the year comparison: the project at the end of one year and as
// the timeline shows it, each drawn by its own MapCanvas into an offscreen framebuffer and shown
// as an ImGui image, both with the main map's centre, scale and layers. ImGui + render only.
#pragma once
#include <memory>
#include <optional>

#include "core/model.h"
#include "render/gl_resources.h"
#include "ui/map_canvas.h"

namespace gapmap::ui {

class YearMaps {
public:
    // Draws the two maps into the current ImGui window, each `widthPx` x `heightPx`, with the
    // years as captions. `full` is the whole project; `right` nullopt = now.
    void draw(const Project& full, int left, std::optional<int> right, const MapCanvas& main, int widthPx, int heightPx);

private:
    struct Side {
        std::optional<int> year;
        bool built = false;
        Project project;                      // projectAsOf(full, year); the canvas refers to it
        std::unique_ptr<MapCanvas> canvas;
        render::Framebuffer target;
    };
    void drawSide(Side& side, const Project& full, std::optional<int> year, const MapCanvas& main, int widthPx, int heightPx);
    Side left_, right_;
};

}  // namespace gapmap::ui
