// Docked panels around the map, for Dear ImGui 1.86 (Debian's, which has no docking branch): a left
// column, a right column and a bottom strip (between the columns); the map gets the rectangle that
// remains, so no panel ever floats over it. ImGui only: no GL, no project. All rectangles are window
// pixels, origin at the top-left corner, y down.
//
// How a panel joins the layout (helpers: this is the whole API). In place of ImGui::Begin/End:
//
//     if (layout_.beginPanel("priorities", Side::Right, tr("ui.priorities.title"), &panels_.priorities)) {
//         ... the panel's widgets ...
//     }
//     layout_.endPanel();  // always, like ImGui::End
//
// - `id` is stable and language-free (it names the panel in the remembered layout file).
// - Panels docked to the same side stack top to bottom (bottom strip: left to right) in the order
//   their beginPanel is first called, and share the column's height; a collapsed panel keeps only
//   its title bar. The user drags a column's inner edge to resize it, and the edge between two
//   stacked panels to share the height differently; both are remembered (save()/load()).
// - A panel is "open" in a frame when its beginPanel was called in that frame. Opening or closing
//   one changes the other rectangles from the next frame on: changedThisFrame() then says so and
//   the app draws one more frame.
// - Transient windows (dialogs, popups, tooltips) stay ordinary ImGui windows and float.
// - In the App (app_layout.cpp), a new panel also gets a line in App::dockPanels() (its place and
//   share) and in kOpenFlags (its PanelState flag): then its room is right from the frame it opens
//   and whether it is open is remembered between sessions.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

namespace gapmap::ui {

enum class Side { Left, Right, Bottom };

struct RectPx {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
    bool intersects(const RectPx& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

class PanelLayout {
public:
    PanelLayout();

    // Each frame, before the map is drawn: `area` is the window below the menu bar and banners.
    void beginFrame(const RectPx& area);
    // After the last panel of the frame: forgets the panels that were not drawn.
    void endFrame();
    // The map's rectangle this frame: `area` minus the columns and the strip of the open panels.
    RectPx mapRect() const { return map_; }

    // Optional, before the first frame: fixes a panel's place in its stack and its default share
    // of the height (1 = as much as any other). Panels never docked this way stack in call order.
    void dock(const std::string& id, Side side, float share = 1);

    // Optional, each frame before beginFrame: whether a docked panel will be drawn this frame, so
    // that the rectangles are right from this frame on (without it, from the next one).
    void expectOpen(const std::string& id, bool open);

    // In place of ImGui::Begin: the window placed in its slot. Returns false when collapsed.
    bool beginPanel(const std::string& id, Side side, const std::string& title, bool* open, ImGuiWindowFlags flags = 0);
    void endPanel();

    // Where the panels are this frame (for tests, and for anything that must avoid them).
    std::vector<RectPx> panelRects() const;
    RectPx panelRect(const std::string& id) const;
    // The user resized or collapsed something, or a panel opened or closed: draw another frame.
    bool changedThisFrame() const { return changed_; }

    // Column widths / strip height in pixels; clamped when the layout is computed.
    float size(Side side) const { return size_[int(side)]; }
    void setSize(Side side, float px) { size_[int(side)] = px; changed_ = true; }

    // What is remembered between sessions, as "key=value" lines (sizes and the height shares).
    std::string save() const;
    void load(const std::string& text);

private:
    struct Slot {
        Side side = Side::Left;
        int order = -1;           // first-seen order within its side
        float share = 1;          // relative height (width in the bottom strip)
        bool collapsed = false;
        bool open = false;        // drawn in the previous frame
        bool drawn = false;       // drawn in this frame
        RectPx rect;
    };
    void computeRects();
    std::vector<std::string> stacked(Side side, bool openOnly) const;

    std::map<std::string, Slot> slots_;
    RectPx area_, map_;
    float size_[3];
    int nextOrder_ = 0;
    bool changed_ = false;
    std::string current_;  // the panel between beginPanel and endPanel
};

}  // namespace gapmap::ui
