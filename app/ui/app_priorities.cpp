// The Priorities panel: coverage rules and weights (stored in the project's settings), filters,
// and the ranked villages with their reasons — the same rows, in the same order, as
// `gapmap report --priorities` and the exports, because all of them call analyseCoverage().
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/admin_names.h"
#include "core/i18n.h"
#include "core/text_fold.h"
#include "ui/app.h"
#include "ui/text_fit.h"

namespace gapmap::ui {

void App::updateCoverage(bool save) {
    coverage_ = analyseCoverage(project_, rules_);
    redraw_ = true;
    if (!save) return;
    // Saved like every edit in the app: the changed keys only, one transaction, undoable.
    std::vector<FieldEdit> edits;
    for (const Setting& s : coverageSettings(rules_)) edits.push_back(settingEdit(s.key, s.value));
    edit(std::move(edits));
}

std::vector<std::uint32_t> App::visiblePriorities() const {
    const PriorityFilter& f = priorityFilter_;
    const std::string text = foldVietnamese(f.text);
    std::vector<std::uint32_t> rows;
    for (std::uint32_t index : coverage_.priority) {
        const VillageCoverage& c = coverage_.villages[index];
        const Village& v = project_.villages[c.village];
        if (c.score < f.minScore) continue;
        if (f.gap >= 0 && !c.scored(kAllGaps[size_t(f.gap)])) continue;
        if (!f.commune.empty() && v.communeCode != f.commune) continue;
        if (!f.district.empty()) {
            const AdminUnit* commune = project_.findUnit(v.communeCode);
            if (!commune || commune->parentCode != f.district) continue;
        }
        if (!text.empty() && foldVietnamese(v.name).find(text) == std::string::npos && v.code.find(f.text) == std::string::npos) continue;
        rows.push_back(index);
    }
    return rows;
}

void App::drawPrioritiesPanel() {
    const float em = ImGui::GetFontSize();
    if (!layout_.beginPanel("priorities", Side::Right, tr("ui.priorities.title"), &panels_.priorities)) return layout_.endPanel();

    if (ImGui::CollapsingHeader(tr("ui.priorities.rules").c_str())) {
        bool changed = false;
        float radius = float(rules_.taRadiusKm);
        ImGui::SetNextItemWidth(em * 10);
        if (ImGui::SliderFloat(tr("ui.priorities.radius").c_str(), &radius, 1.0f, 50.0f, "%.1f km")) { rules_.taRadiusKm = radius; changed = true; }
        changed |= ImGui::Checkbox(tr("ui.priorities.club_in_commune").c_str(), &rules_.clubAnywhereInCommune);
        changed |= ImGui::Checkbox(tr("ui.priorities.ta_in_commune").c_str(), &rules_.taInCommune);
        ImGui::TextDisabled("%s", tr("ui.priorities.weights").c_str());
        for (Gap g : kAllGaps) {
            float w = float(rules_.weight(g));
            ImGui::SetNextItemWidth(em * 10);
            if (ImGui::SliderFloat(tr(std::string("ui.gapname.") + gapCode(g)).c_str(), &w, 0.0f, 5.0f, "%.1f")) {
                rules_.weight(g) = std::round(w * 2) / 2;  // half points: weights people can reason about
                changed = true;
            }
        }
        int mode = int(rules_.population);
        const std::string modes[] = {tr("ui.priorities.population_none"), tr("ui.priorities.population_factor"), tr("ui.priorities.population_tiebreak")};
        const char* modeNames[] = {modes[0].c_str(), modes[1].c_str(), modes[2].c_str()};
        ImGui::SetNextItemWidth(em * 10);
        if (ImGui::Combo(tr("ui.priorities.population").c_str(), &mode, modeNames, 3)) { rules_.population = PopulationMode(mode); changed = true; }
        // Sliders fire while dragging: analyse every change (fast), save when the drag ends.
        if (changed) updateCoverage(false);
        if (ImGui::IsItemDeactivatedAfterEdit() || (changed && !ImGui::IsAnyItemActive())) updateCoverage(true);
    }

    PriorityFilter& f = priorityFilter_;
    auto unitCombo = [&](const char* id, const std::string& label, std::string& code, AdminLevel level, const std::string& parent) {
        const AdminUnit* current = code.empty() ? nullptr : project_.findUnit(code);
        ImGui::SetNextItemWidth(em * 9);
        const DisplayNames shown(project_);  // the kind where two units share a name
        if (ImGui::BeginCombo(id, current ? shown.of(*current).c_str() : label.c_str())) {
            if (ImGui::Selectable(label.c_str(), code.empty())) code.clear();
            for (const AdminUnit& u : project_.adminUnits)
                if (u.level == level && (parent.empty() || u.parentCode == parent) && ImGui::Selectable((shown.of(u) + "##" + u.code).c_str(), u.code == code)) code = u.code;
            ImGui::EndCombo();
        }
    };
    if (project_.hasDistricts()) {
        unitCombo("##district", tr("ui.priorities.all_districts"), f.district, AdminLevel::District, "");
        ImGui::SameLine();
    }
    unitCombo("##commune", tr("ui.priorities.all_communes"), f.commune, AdminLevel::Commune, f.district);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 9);
    const std::string anyGap = tr("ui.priorities.any_gap");
    if (ImGui::BeginCombo("##gap", f.gap < 0 ? anyGap.c_str() : tr(std::string("ui.gapname.") + gapCode(kAllGaps[size_t(f.gap)])).c_str())) {
        if (ImGui::Selectable(anyGap.c_str(), f.gap < 0)) f.gap = -1;
        for (size_t i = 0; i < kGapCount; ++i)
            if (ImGui::Selectable(tr(std::string("ui.gapname.") + gapCode(kAllGaps[i])).c_str(), f.gap == int(i))) f.gap = int(i);
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(em * 9);
    ImGui::SliderFloat(tr("ui.priorities.min_score").c_str(), &f.minScore, 0.0f, 15.0f, "%.1f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputTextWithHint("##text", tr("ui.priorities.filter_hint").c_str(), &f.text);

    const std::vector<std::uint32_t> rows = visiblePriorities();
    ImGui::TextDisabled("%s", tr("ui.priorities.count", {formatLocaleNumber(double(rows.size())), formatLocaleNumber(double(coverage_.priority.size()))}).c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Sortable;
    if (ImGui::BeginTable("##priorities", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("ui.priorities.rank").c_str(), ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, em * 3);
        ImGui::TableSetupColumn(tr("ui.priorities.village").c_str(), ImGuiTableColumnFlags_WidthFixed, em * 8);
        ImGui::TableSetupColumn(tr("ui.priorities.commune").c_str(), ImGuiTableColumnFlags_WidthFixed, em * 7);
        ImGui::TableSetupColumn(tr("ui.priorities.score").c_str(), ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
        ImGui::TableSetupColumn(tr("ui.priorities.reasons").c_str(), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort);
        ImGui::TableHeadersRow();
        // Rank order is the analysis' own; other columns re-sort a copy for viewing only.
        std::vector<std::uint32_t> shown = rows;
        std::vector<size_t> rankOf(coverage_.villages.size());
        for (size_t i = 0; i < coverage_.priority.size(); ++i) rankOf[coverage_.priority[i]] = i + 1;
        if (const ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
            const ImGuiTableColumnSortSpecs& s = sort->Specs[0];
            auto key = [&](std::uint32_t i) -> std::string {
                const Village& v = project_.villages[coverage_.villages[i].village];
                if (s.ColumnIndex == 1) return foldVietnamese(v.name);
                if (s.ColumnIndex == 2) { const AdminUnit* c = project_.findUnit(v.communeCode); return c ? foldVietnamese(c->name) : ""; }
                return "";
            };
            std::stable_sort(shown.begin(), shown.end(), [&](std::uint32_t a, std::uint32_t b) {
                bool less = s.ColumnIndex == 1 || s.ColumnIndex == 2 ? key(a) < key(b)
                          : s.ColumnIndex == 3 ? coverage_.villages[a].score < coverage_.villages[b].score
                                               : rankOf[a] < rankOf[b];
                bool greater = s.ColumnIndex == 1 || s.ColumnIndex == 2 ? key(b) < key(a)
                             : s.ColumnIndex == 3 ? coverage_.villages[b].score < coverage_.villages[a].score
                                                  : rankOf[b] < rankOf[a];
                return s.SortDirection == ImGuiSortDirection_Descending ? greater : less;
            });
        }
        ImGuiListClipper clipper;
        clipper.Begin(int(shown.size()));
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const VillageCoverage& c = coverage_.villages[shown[size_t(r)]];
                const Village& v = project_.villages[c.village];
                const AdminUnit* commune = project_.findUnit(v.communeCode);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                char rank[16];
                std::snprintf(rank, sizeof rank, "%zu", rankOf[shown[size_t(r)]]);
                const bool selected = selected_.level == "village" && selected_.code == v.code;
                if (ImGui::Selectable((std::string(rank) + "##" + v.code).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns) && v.location) {
                    map_->flyTo(*v.location);
                    select({"village", v.code});
                }
                const bool rowHovered = ImGui::IsItemHovered();
                // Cells cut with "…" to their column (never under the next one); the whole row in a
                // tooltip when something was cut.
                bool cut = false;
                auto cell = [&](const std::string& text) {
                    ImGui::TableNextColumn();
                    const std::string shown = ellipsize(text, ImGui::GetContentRegionAvail().x);
                    cut = cut || shown != text;
                    ImGui::TextUnformatted(shown.c_str());
                };
                const std::string communeName = commune ? commune->name : v.communeCode, reasons = reasonsText(project_, coverage_, c);
                cell(v.name);
                cell(communeName);
                cell(formatLocaleNumber(c.score, c.score == std::round(c.score) ? 0 : 1));
                cell(reasons);
                if (rowHovered && cut) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(em * 35);
                    ImGui::TextUnformatted((v.name + " (" + communeName + ")").c_str());
                    ImGui::TextUnformatted(reasons.c_str());
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
            }
        }
        ImGui::EndTable();
    }
    layout_.endPanel();
}

}  // namespace gapmap::ui
