// Presentation mode: F5 enters, Esc leaves; full screen (the shell in desktop.cpp follows
// App::wantsFullscreen), no chrome, a sequence of views stepped with the arrow keys or a
// presenter's clicker (PageUp/PageDown): province overview, each district, priority villages,
// connectivity, each with its title and 3–4 key figures in fonts sized by the screen height.
// A shared output: Trusted Addresses are never exact here, and no outcome counts are shown.
// Each view fits its subject (the province, a district) inside what the title band, the opaque
// figure cards, the legend and the bottom marks leave free; a district view dims the others. The
// map is drawn by a renderer of its own whose legend and scale bar are sized for a projector.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/i18n.h"
#include "core/implied_units.h"
#include "core/parse.h"
#include "render/gl.h"
#include "ui/app.h"

namespace gapmap::ui {
namespace {

std::string number(double v) { return formatLocaleNumber(v, v == std::round(v) ? 0 : 1); }
// A figure that may be no data (its table never loaded): "chưa có dữ liệu", never 0.
std::string known(const std::optional<double>& v) { return v ? number(*v) : tr("nodata.value"); }
std::string known(bool hasData, std::int64_t v) { return hasData ? number(double(v)) : tr("nodata.value"); }

std::string ofTarget(const KpiCard* card) {
    if (!card) return "–";
    if (!card->row.value) return tr("nodata.value");
    std::string text = number(*card->row.value);
    if (card->row.target) text = tr("kpi.fig.of", {text, number(*card->row.target)});
    if (const auto pct = card->percentOfTarget()) text += " (" + formatLocaleNumber(std::round(*pct), 0) + "%)";
    return text;
}

std::string share(std::int64_t part, std::int64_t whole) { return tr("kpi.fig.of", {number(double(part)), number(double(whole))}); }
std::string share(bool hasData, std::int64_t part, std::int64_t whole) { return hasData ? share(part, whole) : tr("nodata.value"); }

// "huyện" -> "Huyện": every admin kind starts with an ASCII letter (huyện, thành phố, thị xã, quận).
std::string capitalised(std::string kind) {
    if (!kind.empty() && kind[0] >= 'a' && kind[0] <= 'z') kind[0] = char(kind[0] - 'a' + 'A');
    return kind;
}

}  // namespace

void App::buildPresentationViews() {
    views_.clear();
    const KpiBoard& board = kpis();
    const CoverageTally& province = coverage_.province.villages;
    const std::vector<std::string> baseLayers = {"communes", "choropleth", "districts", "province", "teams", "trusted_addresses", "labels"};

    // A past year says so in the first title: the figures are then "as of" that date.
    const std::string asOf = asOfYear_ ? " · " + formatLocaleDate(std::to_string(*asOfYear_) + "-12-31") : std::string();
    views_.push_back({tr("kpi.present.overview") + asOf,
                      {{tr("kpi.fig.teams"), ofTarget(board.find("communication_teams"))},
                       {tr("kpi.fig.trusted_addresses_set_up"), ofTarget(board.find("trusted_addresses"))},
                       {tr("kpi.fig.clubs"), ofTarget(board.find("clubs"))},
                       {tr("kpi.fig.difficult_with_team"), share(coverage_.data.teams && coverage_.data.especiallyDifficult, province.especiallyDifficultWithTeam, province.especiallyDifficult)}},
                      {},
                      baseLayers,
                      {}});

    const KpiCard* teams = board.find("communication_teams");
    const KpiCard* clubs = board.find("clubs");
    for (const AreaCoverage& d : coverage_.districts) {
        const AdminUnit* unit = d.unit >= 0 ? &project_.adminUnits[size_t(d.unit)] : nullptr;
        const auto at = std::find(board.districtCodes.begin(), board.districtCodes.end(), d.code);
        const size_t k = size_t(at - board.districtCodes.begin());
        const bool inBoard = at != board.districtCodes.end();
        // The heading carries the kind itself: the unit's own name, not the list's "huyện X".
        views_.push_back({tr("kpi.present.district", {capitalised(unit ? unit->kind : std::string()), unit ? unit->name : d.name}),
                          {{tr("kpi.fig.difficult_with_team"), share(d.data.teams && d.data.especiallyDifficult, d.villages.especiallyDifficultWithTeam, d.villages.especiallyDifficult)},
                           {tr("kpi.fig.teams"), inBoard && teams ? known(teams->byDistrict[k]) : "–"},
                           {tr("kpi.fig.clubs"), inBoard && clubs ? known(clubs->byDistrict[k]) : "–"},
                           {tr("kpi.fig.trusted_addresses"), known(d.data.trustedAddresses, d.activeTrustedAddresses)}},
                          unit ? unitExtent(project_, *unit) : BBox{},  // a district made from a column: its communes
                          baseLayers, d.code});
    }

    // The priority villages by score over the whole province (the priority list's rows).
    std::string first = "–";
    if (!coverage_.priority.empty()) first = project_.villages[coverage_.villages[coverage_.priority[0]].village].name;
    views_.push_back({tr("kpi.present.priorities"),
                      {{tr("kpi.fig.difficult_without_team"), known(coverage_.data.teams && coverage_.data.especiallyDifficult, province.especiallyDifficult - province.especiallyDifficultWithTeam)},
                       {tr("kpi.fig.beyond_ta"), known(coverage_.data.trustedAddressReach, province.total - province.taReached)},
                       {tr("kpi.fig.without_club"), known(coverage_.data.clubs, province.total - province.club)},
                       {tr("kpi.fig.top_priority"), first}},
                      {},
                      {"communes", "districts", "province", "priority_villages", "labels"},
                      {}});

    const AreaCoverage& p = coverage_.province;
    views_.push_back({tr("kpi.present.connectivity"),
                      {{tr("kpi.fig.no_electricity"), share(coverage_.data.electricity, province.noElectricity, province.total)},
                       {tr("kpi.fig.no_mobile"), share(coverage_.data.mobile, province.noMobile, province.total)},
                       {tr("kpi.fig.no_internet"), share(coverage_.data.internet, province.noInternet, province.total)},
                       {tr("kpi.fig.offices_internet"), share(coverage_.data.offices, p.offices - p.officesWithoutInternet, p.offices)}},
                      {},
                      {"communes", "districts", "province", "connectivity", "commune_offices", "labels"},
                      {}});
}

void App::enterPresentation() {
    if (presenting_) return;
    optionsBeforePresenting_ = map_->options();
    cameraBeforePresenting_ = map_->camera();
    buildPresentationViews();
    presenting_ = true;
    view_ = 0;
    showPresentationView();
}

bool App::startPresentation(const std::string& number, std::string* error) {
    enterPresentation();
    const auto n = parseInteger(number);
    if (!n || *n < 1 || *n > (long long)views_.size()) {
        leavePresentation();
        if (error) *error = tr("kpi.present.no_such_view", {number, std::to_string(views_.size())});
        return false;
    }
    view_ = int(*n) - 1;
    showPresentationView();
    return true;
}

void App::leavePresentation() {
    if (!presenting_) return;
    presenting_ = false;
    map_->setOptions(optionsBeforePresenting_);  // the session's own unlock, if any, comes back
    map_->camera() = cameraBeforePresenting_;
    redraw_ = true;
}

void App::stepPresentation(int delta) {
    if (!presenting_ || views_.empty()) return;
    view_ = std::clamp(view_ + delta, 0, int(views_.size()) - 1);
    showPresentationView();
}

void App::showPresentationView() {
    render::SceneOptions options = optionsBeforePresenting_;
    options.exactTrustedAddresses = false;  // a shared output, whatever this session unlocked
    options.layers = views_[size_t(view_)].layers;
    options.focusUnit = views_[size_t(view_)].unit;
    options.priorityGaps.clear();  // the view is about every priority village, whatever the session filtered
    map_->setOptions(options);
    if (presentRenderer_) presentRenderer_->setScene(map_->scene());
    presentationFitted_ = false;
    redraw_ = true;
}

void App::handlePresentationKeys() {
    auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    if (pressed(ImGuiKey_Escape)) return leavePresentation();
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown) || pressed(ImGuiKey_Space)) stepPresentation(1);
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp) || pressed(ImGuiKey_Backspace)) stepPresentation(-1);
    if (pressed(ImGuiKey_Home)) stepPresentation(-int(views_.size()));
    if (pressed(ImGuiKey_End)) stepPresentation(int(views_.size()));
}

void App::drawPresentation(int widthPx, int heightPx) {
    handlePresentationKeys();
    if (!presenting_) return frame(widthPx, heightPx);  // Esc: this frame is the ordinary one
    const PresentationView& view = views_[size_t(view_)];
    const float s = float(heightPx) / kPresentationLines;  // 1 at 1920×1080
    const float titlePx = kPresentTitlePx * s, bodyPx = kPresentBodyPx * s, margin = 36 * s;
    const float bandPx = titlePx + 2 * margin * 0.8f;
    ImFont* titleFont = fonts_.presentTitle ? fonts_.presentTitle : ImGui::GetFont();
    ImFont* bodyFont = fonts_.presentBody ? fonts_.presentBody : ImGui::GetFont();
    // The cards are as wide as their longest line (within bounds): the rest is the map's.
    float contentPx = 0;
    for (const auto& [label, value] : view.figures)
        contentPx = std::max({contentPx, bodyFont->CalcTextSizeA(bodyPx, 1e9f, 0, label.c_str()).x,
                              titleFont->CalcTextSizeA(titlePx, 1e9f, 0, value.c_str()).x});
    const float panelPx = std::clamp(contentPx + margin * 1.2f, 320 * s, std::min(float(widthPx) * 0.3f, 560 * s));

    // Key figures, in opaque cards on the left: measured first, for their background and the map's fit.
    const float x = margin, wrap = panelPx - margin;
    float y = bandPx + margin;
    const float panelTop = y - margin * 0.5f;
    std::vector<std::pair<float, float>> rows;  // y of label and value
    for (const auto& [label, value] : view.figures) {
        const ImVec2 l = bodyFont->CalcTextSizeA(bodyPx, 1e9f, wrap, label.c_str());
        const ImVec2 v = titleFont->CalcTextSizeA(titlePx, 1e9f, wrap, value.c_str());
        rows.emplace_back(y, y + l.y);
        y += l.y + v.y + margin * 0.7f;
    }
    presentLayout_.cardsLeftPx = x - margin * 0.5f;
    presentLayout_.cardsTopPx = panelTop;
    presentLayout_.cardsRightPx = x + panelPx - margin * 0.5f;
    presentLayout_.cardsBottomPx = y;

    // The map: legend text 12.5 px × 2 = 25 px and the scale bar twice their window size on a
    // 1080-line projector, scaled with the screen height.
    const float mapScale = std::clamp(2.0f * s, 0.5f, 4.0f);
    if (!presentRenderer_ || std::fabs(presentRenderer_->uiScale() - mapScale) > 1e-3f) {
        presentRenderer_ = std::make_unique<render::MapRenderer>(render::RendererOptions{mapScale});
        presentRenderer_->setScene(map_->scene());
        presentationFitted_ = false;
    }
    // A layer switched on or off while presenting (the map's own scene): the same here.
    const auto& mine = presentRenderer_->scene().layers;
    const auto& theirs = map_->scene().layers;
    bool same = mine.size() == theirs.size();
    for (size_t i = 0; same && i < mine.size(); ++i) same = mine[i].visible == theirs[i].visible && mine[i].opacity == theirs[i].opacity;
    if (!same) presentRenderer_->setScene(map_->scene());
    render::FrameOptions frameOptions;
    frameOptions.which.title = false;  // the view's title is in the band above
    const render::Insets deco = presentRenderer_->decorationInsets(widthPx, heightPx, frameOptions.which);
    const float markPx = full_.synthetic() ? bodyPx + margin * 0.8f : 0;  // the synthetic mark, above the scale bar
    render::Camera& cam = map_->camera();
    if (!presentationFitted_ || cam.widthPx() != widthPx || cam.heightPx() != heightPx) {
        cam.setViewport(widthPx, heightPx);
        // Free: right of the cards, below the title band, left of the legend, above the bottom marks
        // (scale bar, synthetic mark, the hint).
        render::Insets& free = presentLayout_.freeInsets;
        free.leftPx = std::max(deco.leftPx, double(presentLayout_.cardsRightPx + margin * 0.5f));
        free.topPx = std::max(deco.topPx, double(bandPx + margin * 0.5f));
        free.rightPx = std::max(deco.rightPx, double(margin));
        free.bottomPx = std::max(deco.bottomPx + markPx, double(margin * 2.6f + bodyPx));
        render::MercatorBox subject = map_->builder().bounds();
        if (const auto unit = view.unit.empty() ? std::nullopt : map_->builder().unitBounds(view.unit)) subject = *unit;
        else if (!view.box.empty()) subject = render::toMercator(view.box);  // a district without geometry: its communes
        if (!subject.empty()) cam.fitBox(subject, free);
        presentationFitted_ = true;
    }
    glViewport(0, 0, widthPx, heightPx);
    presentRenderer_->draw(cam, frameOptions);
    map_->startBackgroundWork();  // a progressive map's bands, when presentation is the first view

    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImU32 ink = IM_COL32(25, 30, 40, 255), muted = IM_COL32(90, 95, 105, 255), warn = IM_COL32(180, 40, 10, 255);
    const ImU32 card = IM_COL32(255, 255, 255, 255);  // opaque: no map label shows through a figure
    // Title box at the top left (the map's legend keeps the top right), with the page number.
    const std::string page = tr("kpi.present.page", {std::to_string(view_ + 1), std::to_string(views_.size())});
    const ImVec2 titleSize = titleFont->CalcTextSizeA(titlePx, 1e9f, 0, view.title.c_str());
    const ImVec2 pageSize = bodyFont->CalcTextSizeA(bodyPx, 1e9f, 0, page.c_str());
    const float boxRight = std::max(panelPx, margin * 2.5f + titleSize.x + pageSize.x);
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(boxRight, bandPx), card, 12 * s, ImDrawFlags_RoundCornersBottomRight);
    draw->AddText(titleFont, titlePx, ImVec2(margin, margin * 0.8f), ink, view.title.c_str());
    draw->AddText(bodyFont, bodyPx, ImVec2(boxRight - margin * 0.5f - pageSize.x, (bandPx - pageSize.y) / 2), muted, page.c_str());
    draw->AddRectFilled(ImVec2(presentLayout_.cardsLeftPx, presentLayout_.cardsTopPx),
                        ImVec2(presentLayout_.cardsRightPx, presentLayout_.cardsBottomPx), card, 12 * s);
    for (size_t i = 0; i < view.figures.size(); ++i) {
        draw->AddText(bodyFont, bodyPx, ImVec2(x, rows[i].first), muted, view.figures[i].first.c_str(), nullptr, wrap);
        draw->AddText(titleFont, titlePx, ImVec2(x, rows[i].second), ink, view.figures[i].second.c_str(), nullptr, wrap);
    }
    // The synthetic-data mark, and how to move on.
    const float bottom = float(heightPx - deco.bottomPx) - markPx + margin * 0.3f;  // above the map's scale bar
    if (full_.synthetic()) {
        const std::string mark = tr("ui.synthetic");
        const ImVec2 size = bodyFont->CalcTextSizeA(bodyPx, 1e9f, 0, mark.c_str());
        draw->AddRectFilled(ImVec2(margin * 0.5f, bottom - margin * 0.2f), ImVec2(margin * 1.5f + size.x, bottom + size.y + margin * 0.2f),
                            card, 6 * s);
        draw->AddText(bodyFont, bodyPx, ImVec2(margin, bottom), warn, mark.c_str());
    }
    const std::string hint = tr("kpi.present.hint");
    const ImVec2 hintSize = bodyFont->CalcTextSizeA(bodyPx * 0.75f, 1e9f, 0, hint.c_str());
    const ImVec2 hintAt(float(widthPx) - margin - hintSize.x, float(heightPx) - margin * 2.2f - hintSize.y);  // above the attribution
    draw->AddRectFilled(ImVec2(hintAt.x - margin * 0.3f, hintAt.y - margin * 0.2f), ImVec2(hintAt.x + hintSize.x + margin * 0.3f, hintAt.y + hintSize.y + margin * 0.2f),
                        card, 6 * s);
    draw->AddText(bodyFont, bodyPx * 0.75f, hintAt, muted, hint.c_str());
}

}  // namespace gapmap::ui
