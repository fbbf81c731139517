#include "ui/panel_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace gapmap::ui {
namespace {

const char* kSideKey[] = {"left", "right", "bottom"};
// Default column widths / strip height, in em (the body font size), when nothing is remembered.
const float kDefaultEm[] = {22, 40, 16};

}  // namespace

PanelLayout::PanelLayout() : size_{0, 0, 0} {}

std::vector<std::string> PanelLayout::stacked(Side side, bool openOnly) const {
    std::vector<std::pair<int, std::string>> found;
    for (const auto& [id, slot] : slots_)
        if (slot.order >= 0 && slot.side == side && (!openOnly || slot.open || slot.drawn)) found.emplace_back(slot.order, id);
    std::sort(found.begin(), found.end());
    std::vector<std::string> ids;
    for (auto& f : found) ids.push_back(f.second);
    return ids;
}

void PanelLayout::beginFrame(const RectPx& area) {
    area_ = area;
    changed_ = false;
    computeRects();
}

void PanelLayout::computeRects() {
    const float em = ImGui::GetFontSize(), titleH = ImGui::GetFrameHeight();
    const std::vector<std::string> left = stacked(Side::Left, true), right = stacked(Side::Right, true),
                                   bottom = stacked(Side::Bottom, true);
    auto chosen = [&](Side s) { return size_[int(s)] > 0 ? size_[int(s)] : kDefaultEm[int(s)] * em; };
    const float w = area_.width(), h = area_.height();
    // Columns of at least 12 em, the map keeps at least a quarter of the width.
    float leftW = left.empty() ? 0 : std::clamp(chosen(Side::Left), 12 * em, std::max(12 * em, w * 0.45f));
    float rightW = right.empty() ? 0 : std::clamp(chosen(Side::Right), 12 * em, std::max(12 * em, w * 0.6f));
    if (leftW + rightW > w * 0.75f) {
        const float k = w * 0.75f / (leftW + rightW);
        leftW *= k;
        rightW *= k;
    }
    leftW = std::round(leftW);
    rightW = std::round(rightW);
    const float bottomH = bottom.empty() ? 0 : std::round(std::clamp(chosen(Side::Bottom), 6 * em, std::max(6 * em, h * 0.6f)));
    map_ = {area_.x0 + leftW, area_.y0, area_.x1 - rightW, area_.y1 - bottomH};

    // Stacked panels share the column: collapsed ones keep their title bar, the others split the rest.
    auto stack = [&](const std::vector<std::string>& ids, float x0, float x1) {
        float total = 0, fixed = 0;
        for (const std::string& id : ids) {
            const Slot& s = slots_[id];
            if (s.collapsed) fixed += titleH;
            else total += s.share;
        }
        const float free = std::max(0.0f, h - fixed);
        float y = area_.y0;
        for (size_t i = 0; i < ids.size(); ++i) {
            Slot& s = slots_[ids[i]];
            float hh = s.collapsed ? titleH : free * s.share / std::max(total, 1e-6f);
            float y1 = i + 1 == ids.size() ? area_.y1 : std::round(y + hh);
            s.rect = {x0, y, x1, y1};
            y = y1;
        }
    };
    stack(left, area_.x0, area_.x0 + leftW);
    stack(right, area_.x1 - rightW, area_.x1);
    float total = 0;
    for (const std::string& id : bottom) total += slots_[id].share;
    float x = map_.x0;
    for (size_t i = 0; i < bottom.size(); ++i) {
        Slot& s = slots_[bottom[i]];
        const float x1 = i + 1 == bottom.size() ? map_.x1 : std::round(x + map_.width() * s.share / std::max(total, 1e-6f));
        s.rect = {x, map_.y1, x1, area_.y1};
        x = x1;
    }
}

void PanelLayout::dock(const std::string& id, Side side, float share) {
    Slot& slot = slots_[id];
    if (slot.order < 0) slot.order = nextOrder_++;
    slot.side = side;
    if (share > 0) slot.share = share;
}

void PanelLayout::expectOpen(const std::string& id, bool open) {
    const auto it = slots_.find(id);
    if (it != slots_.end() && it->second.order >= 0) it->second.open = open;
}

bool PanelLayout::beginPanel(const std::string& id, Side side, const std::string& title, bool* open, ImGuiWindowFlags flags) {
    Slot& slot = slots_[id];
    const bool added = slot.order < 0;
    if (added) slot.order = nextOrder_++;
    if (added || slot.side != side || !slot.open) {
        // Opened this frame: its slot now, the others move from the next frame on.
        slot.side = side;
        slot.drawn = true;
        computeRects();
        changed_ = true;
    }
    slot.drawn = true;
    current_ = id;
    const RectPx r = slot.rect;
    ImGui::SetNextWindowPos(ImVec2(r.x0, r.y0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.width(), r.height()), ImGuiCond_Always);
    ImGui::SetNextWindowCollapsed(slot.collapsed, ImGuiCond_Always);
    flags &= ~ImGuiWindowFlags_AlwaysAutoResize;
    flags |= ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    const bool visible = ImGui::Begin((title + "###" + id).c_str(), open, flags);

    // What the user did to the window in this Begin: collapse, or drag an edge.
    if (ImGui::IsWindowCollapsed() != slot.collapsed) {
        slot.collapsed = ImGui::IsWindowCollapsed();
        changed_ = true;
        return visible;
    }
    if (slot.collapsed) return visible;
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const float nx0 = pos.x, ny0 = pos.y, nx1 = pos.x + size.x, ny1 = pos.y + size.y;
    auto moved = [](float a, float b) { return std::fabs(a - b) >= 1.0f; };
    if (side == Side::Left && moved(nx1, r.x1)) setSize(Side::Left, nx1 - area_.x0);
    if (side == Side::Right && moved(nx0, r.x0)) setSize(Side::Right, area_.x1 - nx0);
    if (side == Side::Bottom && moved(ny0, r.y0)) setSize(Side::Bottom, area_.y1 - ny0);
    // An edge shared with a neighbour in the same column (strip): the two share their room anew.
    const std::vector<std::string> ids = stacked(side, true);
    const auto at = std::find(ids.begin(), ids.end(), id) - ids.begin();
    auto transfer = [&](const std::string& other, float deltaPx) {
        Slot& o = slots_[other];
        if (o.collapsed) return;
        // Shares become pixels first, so the panels not involved keep their room.
        for (const std::string& each : ids) {
            Slot& e = slots_[each];
            if (!e.collapsed) e.share = side == Side::Bottom ? e.rect.width() : e.rect.height();
        }
        const float mine = side == Side::Bottom ? r.width() : r.height();
        const float theirs = side == Side::Bottom ? o.rect.width() : o.rect.height();
        const float minPx = 3 * ImGui::GetFontSize();
        const float d = std::clamp(deltaPx, minPx - mine, theirs - minPx);
        slot.share = mine + d;
        o.share = theirs - d;
        changed_ = true;
    };
    if (side != Side::Bottom) {
        if (moved(ny1, r.y1) && at + 1 < std::ptrdiff_t(ids.size())) transfer(ids[size_t(at + 1)], ny1 - r.y1);
        else if (moved(ny0, r.y0) && at > 0) transfer(ids[size_t(at - 1)], r.y0 - ny0);
    } else {
        if (moved(nx1, r.x1) && at + 1 < std::ptrdiff_t(ids.size())) transfer(ids[size_t(at + 1)], nx1 - r.x1);
        else if (moved(nx0, r.x0) && at > 0) transfer(ids[size_t(at - 1)], r.x0 - nx0);
    }
    return visible;
}

void PanelLayout::endPanel() {
    ImGui::End();
    current_.clear();
}

void PanelLayout::endFrame() {
    for (auto& [id, slot] : slots_) {
        if (slot.open != slot.drawn) changed_ = true;
        slot.open = slot.drawn;
        slot.drawn = false;
    }
}

std::vector<RectPx> PanelLayout::panelRects() const {
    std::vector<RectPx> rects;
    for (const auto& [id, slot] : slots_)
        if (slot.open || slot.drawn) rects.push_back(slot.rect);
    return rects;
}

RectPx PanelLayout::panelRect(const std::string& id) const {
    const auto it = slots_.find(id);
    return it == slots_.end() || !(it->second.open || it->second.drawn) ? RectPx{} : it->second.rect;
}

std::string PanelLayout::save() const {
    std::ostringstream out;
    for (int s = 0; s < 3; ++s)
        if (size_[s] > 0) out << kSideKey[s] << '=' << std::lround(size_[s]) << '\n';
    for (const auto& [id, slot] : slots_) {
        out << "share." << id << '=' << slot.share << '\n';
        out << "collapsed." << id << '=' << (slot.collapsed ? 1 : 0) << '\n';
    }
    return out.str();
}

void PanelLayout::load(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq);
        const float value = std::strtof(line.c_str() + eq + 1, nullptr);
        if (!std::isfinite(value) || value < 0) continue;  // a damaged file: keep the defaults
        for (int s = 0; s < 3; ++s)
            if (key == kSideKey[s]) size_[s] = value;
        // Slots met in the file keep their first-seen order from the app's own calls.
        if (key.rfind("share.", 0) == 0 && value > 0) slots_[key.substr(6)].share = value;
        if (key.rfind("collapsed.", 0) == 0) slots_[key.substr(10)].collapsed = value != 0;
    }
    changed_ = true;
}

}  // namespace gapmap::ui
