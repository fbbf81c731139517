// The Dashboard panel (a card per indicator of core/kpi.h, with small per-district bar charts
// drawn with ImGui's draw lists), the Timeline (the project as it stood at the end of a year)
// and the comparison of two years. The figures come from buildKpiBoard, as `gapmap report`'s.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "core/i18n.h"
#include "core/timeline.h"
#include "ui/app.h"

namespace gapmap::ui {
namespace {

const ImU32 kBar = IM_COL32(40, 110, 170, 255);
const ImU32 kBarHover = IM_COL32(230, 120, 20, 255);
const ImVec4 kWarn(0.75f, 0.15f, 0.05f, 1);
const ImVec4 kGood(0.10f, 0.50f, 0.20f, 1);
const ImVec4 kMuted(0.35f, 0.35f, 0.35f, 1);

int decimalsOf(double v) { return v == std::round(v) ? 0 : 1; }
std::string number(double v) { return formatLocaleNumber(v, decimalsOf(v)); }
// "+12", "-3", "±0" (ASCII minus: the fonts' glyph ranges hold no U+2212).
std::string signedNumber(double v) { return (v > 0 ? "+" : v < 0 ? "-" : "±") + number(std::fabs(v)); }
std::string percent(double v) { return formatLocaleNumber(std::round(v * 10) / 10, 1); }
// A value that may be no data (core/kpi.h): "chưa có dữ liệu", never 0.
std::string shown(const std::optional<double>& v) { return v ? number(std::round(*v * 10) / 10) : tr("nodata.value"); }

// The year the timeline shows ("now" is the latest dated year of the full project).
int boardYear(const Project& full, std::optional<int> year) { return year ? *year : currentKpiYear(full); }

// One bar per district, scaled to the largest; the hovered bar names its district.
void drawDistrictBars(const KpiCard& card, const KpiBoard& board, float widthPx, float heightPx) {
    if (card.byDistrict.empty()) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##bars", ImVec2(widthPx, heightPx));
    if (!card.row.value) return;  // no data: no bars (a bar of 0 would read as "none")
    double top = 1e-9;
    for (const std::optional<double>& v : card.byDistrict) top = std::max(top, v.value_or(0));
    const size_t n = card.byDistrict.size();
    const float slot = widthPx / float(n), gap = std::max(1.0f, slot * 0.2f);
    draw->AddLine(ImVec2(origin.x, origin.y + heightPx), ImVec2(origin.x + widthPx, origin.y + heightPx), IM_COL32(120, 120, 120, 255));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (size_t d = 0; d < n; ++d) {
        const float h = float(card.byDistrict[d].value_or(0) / top) * (heightPx - 2);
        const ImVec2 a(origin.x + slot * float(d) + gap / 2, origin.y + heightPx - h), b(origin.x + slot * float(d + 1) - gap / 2, origin.y + heightPx);
        const bool hovered = ImGui::IsItemHovered() && mouse.x >= origin.x + slot * float(d) && mouse.x < origin.x + slot * float(d + 1);
        draw->AddRectFilled(a, b, hovered ? kBarHover : kBar);
        if (hovered) ImGui::SetTooltip("%s: %s", board.districtNames[d].c_str(), shown(card.byDistrict[d]).c_str());
    }
}

}  // namespace

void App::showYear(std::optional<int> year) {
    if (year == asOfYear_) return;
    if (year && latestYear(full_) && *year >= *latestYear(full_)) year.reset();  // nothing later is dated: now
    asOfYear_ = year;
    project_ = year ? projectAsOf(full_, *year) : full_;
    map_->setProject(project_);  // the scene builder refers to project_, whose records changed
    updateCoverage(false);
    hovered_ = {};  // the selection stays: villages and units are the same in every year
    status_ = year ? tr("kpi.timeline.showing", {std::to_string(*year)}) : tr("kpi.timeline.showing_now");
}

const KpiBoard& App::kpisOf(int year) {
    auto it = kpiCache_.find(year);
    if (it == kpiCache_.end()) it = kpiCache_.emplace(year, buildKpiBoard(full_, year)).first;
    return it->second;
}

const KpiBoard& App::kpis() { return kpisOf(boardYear(full_, asOfYear_)); }

void App::drawYearSlider() {
    const std::optional<int> first = earliestYear(full_), last = latestYear(full_);
    if (!first || !last) return;
    int year = asOfYear_.value_or(*last);
    const std::string label = asOfYear_ ? std::to_string(year) : tr("kpi.timeline.now") + " (" + std::to_string(*last) + ")";
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::SliderInt(tr("kpi.timeline.year").c_str(), &year, *first, *last, label.c_str(), ImGuiSliderFlags_AlwaysClamp))
        showYear(year);
    ImGui::SameLine();
    if (ImGui::Button(tr("kpi.timeline.now").c_str())) showYear(std::nullopt);
}

void App::drawTimelinePanel() {
    if (!layout_.beginPanel("timeline", Side::Bottom, tr("kpi.timeline.title"), &panels_.timeline)) return layout_.endPanel();
    drawYearSlider();
    ImGui::TextDisabled("%s", (asOfYear_ ? tr("kpi.timeline.showing", {std::to_string(*asOfYear_)}) : tr("kpi.timeline.showing_now")).c_str());
    layout_.endPanel();
}

void App::drawKpiCard(const KpiCard& card, const KpiBoard& board, float widthPx) {
    const float em = ImGui::GetFontSize();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthPx - em);
    ImGui::TextUnformatted(tr("indicator." + card.row.key).c_str());  // boards are cached; the language may have changed
    ImGui::PopTextWrapPos();
    if (fonts_.large) ImGui::PushFont(fonts_.large);
    const bool share = card.row.key == "team_women_share_pct";
    ImGui::TextUnformatted((!card.row.value ? tr("nodata.value") : share ? percent(*card.row.value) + "%" : number(*card.row.value)).c_str());
    if (fonts_.large) ImGui::PopFont();
    if (card.row.target) {
        ImGui::TextColored(kMuted, "%s", tr("kpi.card.target", {number(*card.row.target), std::to_string(card.row.targetYear)}).c_str());
        if (card.row.value) {  // no data: no bar (an empty bar would read "0 % of target")
            const double pct = card.percentOfTarget().value_or(0);
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, pct >= 100 ? kGood : ImVec4(0.25f, 0.45f, 0.70f, 1));
            ImGui::ProgressBar(float(std::min(pct, 100.0) / 100), ImVec2(widthPx - em, 0), tr("kpi.card.percent", {percent(pct)}).c_str());
            ImGui::PopStyleColor();
        }
    } else {
        ImGui::TextColored(kMuted, "%s", tr("kpi.card.no_target").c_str());
    }
    if (const std::optional<double> change = card.change()) {
        const double delta = std::round(*change * 10) / 10;  // as shown: one decimal at most
        const std::string text = share ? signedNumber(delta) + " %" : signedNumber(delta);
        ImGui::TextColored(delta < 0 ? kWarn : kMuted, "%s", tr("kpi.card.change", {text, std::to_string(board.year - 1)}).c_str());
    }
    if (card.row.key == "communication_teams" && card.row.value) {
        const TeamWomen& w = board.teams;
        const std::string women = w.sharePct ? percent(*w.sharePct) : tr("nodata.value");
        ImGui::TextUnformatted(tr("kpi.card.members", {number(w.members), number(w.women), women}).c_str());
        if (!w.fewWomenVillages.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthPx - em);
            ImGui::TextColored(kWarn, "! %s", tr("kpi.card.few_women", {number(double(w.fewWomenVillages.size())), formatLocaleNumber(100 * w.fewWomenShare, 0)}).c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::IsItemHovered()) {
                std::string names;
                for (const std::string& code : w.fewWomenVillages)
                    for (const Village& v : full_.villages)
                        if (v.code == code) names += v.name + " (" + code + ")\n";
                ImGui::SetTooltip("%s", names.c_str());
            }
        }
    }
    if (!card.byDistrict.empty() && card.row.value) {
        ImGui::TextColored(kMuted, "%s", tr("kpi.card.by_district").c_str());
        drawDistrictBars(card, board, widthPx - em, em * 2.5f);
    }
}

void App::drawComparison() {
    const std::optional<int> first = earliestYear(full_), last = latestYear(full_);
    if (!first || !last) return;
    if (compareYear_ == 0) compareYear_ = std::min(*last - 1, std::max(*first, 2022));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::SliderInt(tr("kpi.compare.year_a").c_str(), &compareYear_, *first, *last);
    ImGui::SameLine();
    ImGui::Checkbox(tr("kpi.compare.maps").c_str(), &compareMaps_);
    if (compareMaps_) {
        // Two maps side by side, at the main map's centre and scale.
        if (!yearMaps_) yearMaps_ = std::make_unique<YearMaps>();
        const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
        yearMaps_->draw(full_, compareYear_, asOfYear_, *map_, int(width), int(width * 0.7f));
    }
    const KpiBoard& a = kpisOf(compareYear_);
    const KpiBoard& b = kpis();
    if (!ImGui::BeginTable("##compare", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(tr("report.col.indicator").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(std::to_string(a.year).c_str());
    ImGui::TableSetupColumn((asOfYear_ ? std::to_string(b.year) : tr("kpi.timeline.now")).c_str());
    ImGui::TableSetupColumn(tr("kpi.compare.difference").c_str());
    ImGui::TableHeadersRow();
    for (size_t k = 0; k < b.cards.size() && k < a.cards.size(); ++k) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("indicator." + b.cards[k].row.key).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shown(a.cards[k].row.value).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shown(b.cards[k].row.value).c_str());
        ImGui::TableNextColumn();
        if (!a.cards[k].row.value || !b.cards[k].row.value) { ImGui::TextColored(kMuted, "–"); continue; }
        const double diff = std::round((*b.cards[k].row.value - *a.cards[k].row.value) * 10) / 10;
        ImGui::TextColored(diff < 0 ? kWarn : diff > 0 ? kGood : kMuted, "%s", signedNumber(diff).c_str());
    }
    ImGui::EndTable();
}

void App::drawDashboardPanel() {
    const float em = ImGui::GetFontSize();
    if (!layout_.beginPanel("dashboard", Side::Right, tr("kpi.dashboard.title"), &panels_.dashboard)) return layout_.endPanel();
    const KpiBoard& board = kpis();
    if (project_.synthetic()) ImGui::TextColored(kWarn, "%s", tr("ui.synthetic").c_str());
    ImGui::TextUnformatted(tr("kpi.dashboard.as_of", {formatLocaleDate(std::to_string(board.year) + "-12-31")}).c_str());
    drawYearSlider();
    ImGui::SameLine();
    ImGui::Checkbox(tr("kpi.compare.toggle").c_str(), &comparing_);
    ImGui::Separator();
    if (comparing_) {
        drawComparison();
        layout_.endPanel();
        return;
    }
    // A grid of cards, as many columns as fit at about 17 em each.
    const float cardWidth = em * 17;
    const int columns = std::max(1, int(ImGui::GetContentRegionAvail().x / (cardWidth + em * 0.5f)));
    for (size_t k = 0; k < board.cards.size(); ++k) {
        const KpiCard& card = board.cards[k];
        if (k % size_t(columns) != 0) ImGui::SameLine();
        ImGui::PushID(int(k));
        const bool flagged = card.row.key == "teams_few_women" && card.row.value.value_or(0) > 0;
        if (flagged) ImGui::PushStyleColor(ImGuiCol_Border, kWarn);
        // The teams card has three more lines (members, women, the flag): its row is taller.
        const size_t row = k / size_t(columns);
        bool teamsRow = false;
        for (size_t j = row * size_t(columns); j < std::min(board.cards.size(), (row + 1) * size_t(columns)); ++j)
            teamsRow = teamsRow || board.cards[j].row.key == "communication_teams";
        ImGui::BeginChild("##card", ImVec2(cardWidth, em * (teamsRow ? 16.0f : 12.5f)), true, ImGuiWindowFlags_NoScrollbar);
        drawKpiCard(card, board, cardWidth - em * 0.5f);
        ImGui::EndChild();
        if (flagged) ImGui::PopStyleColor();
        ImGui::PopID();
    }
    layout_.endPanel();
}

}  // namespace gapmap::ui
