// The side panels of the app: layers, search, details, help, status bar and hover tooltip.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/i18n.h"
#include "core/provenance.h"
#include "ui/app.h"
#include "ui/text_fit.h"

namespace gapmap::ui {
namespace {

const char* yesNo(bool value) { return value ? "ui.yes" : "ui.no"; }

// Label and value rows: a two-column table whose label column is as wide as its longest label,
// the value wrapping in the rest, so a long label ("Có Địa chỉ tin cậy trong 10 km") is never
// drawn over its value. row() between beginRows() and endRows().
bool beginRows(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit)) return false;
    ImGui::TableSetupColumn("##label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}
void endRows() { ImGui::EndTable(); }
void row(const std::string& label, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", label.c_str());
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
}

std::string count(const std::optional<int64_t>& n) { return n ? formatLocaleNumber(double(*n)) : "–"; }

}  // namespace

void App::drawLayersPanel() {
    const float em = ImGui::GetFontSize();
    if (!layout_.beginPanel("layers", Side::Left, tr("ui.layers.title"), &panels_.layers)) return layout_.endPanel();
    for (const render::LayerInfo& info : render::layerCatalogue()) {
        ImGui::PushID(info.id);
        bool visible = map_->layerVisible(info.id);
        const std::string name = tr(std::string("ui.layer.") + info.id);
        if (ImGui::Checkbox(name.c_str(), &visible)) { map_->setLayerVisible(info.id, visible); redraw_ = true; }
        if (visible) {
            float opacity = map_->layerOpacity(info.id);
            ImGui::SameLine(em * 15);
            ImGui::SetNextItemWidth(em * 5.5f);
            if (ImGui::SliderFloat("##opacity", &opacity, 0.0f, 1.0f, "%.1f")) { map_->setLayerOpacity(info.id, opacity); redraw_ = true; }
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    render::SceneOptions options = map_->options();
    bool changed = false;
    ImGui::TextUnformatted(tr("ui.layers.color_by").c_str());
    const render::AttributeInfo* current = render::findAttribute(options.colorBy);
    const std::string automatic = tr("ui.layers.automatic");
    if (ImGui::BeginCombo("##colorby", current ? tr(std::string("ui.attr.") + current->id).c_str() : automatic.c_str())) {
        if (ImGui::Selectable(automatic.c_str(), options.colorBy.empty())) { options.colorBy.clear(); options.ramp.reset(); changed = true; }
        for (const render::AttributeInfo& a : render::communeAttributes())
            if (ImGui::Selectable(tr(std::string("ui.attr.") + a.id).c_str(), options.colorBy == a.id)) { options.colorBy = a.id; options.ramp.reset(); changed = true; }
        ImGui::EndCombo();
    }
    const char* ramps[] = {"YlGnBu", "Blues", "Greens", "OrRd", "Purples", "Viridis"};
    if (ImGui::BeginCombo(tr("ui.layers.ramp").c_str(), options.ramp ? ramps[int(*options.ramp)] : automatic.c_str())) {
        if (ImGui::Selectable(automatic.c_str(), !options.ramp)) { options.ramp.reset(); changed = true; }
        for (int i = 0; i < 6; ++i)
            if (ImGui::Selectable(ramps[i], options.ramp && int(*options.ramp) == i)) { options.ramp = render::Ramp(i); changed = true; }
        ImGui::EndCombo();
    }
    int method = int(options.classMethod);
    const std::string methods[] = {tr("ui.layers.quantile"), tr("ui.layers.equal_interval")};
    const char* methodNames[] = {methods[0].c_str(), methods[1].c_str()};
    if (ImGui::Combo(tr("ui.layers.classes").c_str(), &method, methodNames, 2)) { options.classMethod = render::ClassMethod(method); changed = true; }
    if (ImGui::SliderInt(tr("ui.layers.class_count").c_str(), &options.classes, 3, 7)) changed = true;
    int gap = int(options.gap);
    const std::string gaps[] = {tr("ui.gap.any"), tr("ui.gap.electricity"), tr("ui.gap.mobile"), tr("ui.gap.internet")};
    const char* gapNames[] = {gaps[0].c_str(), gaps[1].c_str(), gaps[2].c_str(), gaps[3].c_str()};
    if (ImGui::Combo(tr("ui.layers.connectivity").c_str(), &gap, gapNames, 4)) { options.gap = render::ConnectivityGap(gap); changed = true; }
    if (changed) { map_->setOptions(options); redraw_ = true; }
    drawLayerFilters();
    if (map_->exactTrustedAddresses()) {
        ImGui::Separator();
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", tr("ui.ta.exact_shown").c_str());
        if (ImGui::Button(tr("ui.ta.hide").c_str())) { map_->setExactTrustedAddresses(false); redraw_ = true; }
    }
    layout_.endPanel();
}

void App::drawSearchPanel() {
    if (!layout_.beginPanel("search", Side::Left, tr("ui.search.title"), &panels_.search)) return layout_.endPanel();
    if (focusSearch_) { ImGui::SetKeyboardFocusHere(); focusSearch_ = false; }
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##q", tr("ui.search.hint").c_str(), &searchText_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (!searchText_.empty()) {
        const std::vector<SearchHit> hits = search_->find(searchText_, 12);
        if (hits.empty()) ImGui::TextDisabled("%s", tr("ui.search.none").c_str());
        for (size_t i = 0; i < hits.size(); ++i) {
            const SearchEntry& e = *hits[i].entry;
            std::string where = e.level == "village" ? e.communeName : std::string();
            if (!e.districtName.empty() && e.level != "district") where += (where.empty() ? "" : ", ") + e.districtName;
            const std::string label = e.display + "  (" + tr("ui.level." + e.level) + (where.empty() ? "" : ", " + where) + ")##" + e.code;
            if (ImGui::Selectable(label.c_str(), false) || (enter && i == 0)) { flyTo(e); redraw_ = true; }
        }
    }
    layout_.endPanel();
}

// Where the village's values came from (core/provenance.h): the file, sheet and row of the import
// that last set them, and when (UTC); the table's whole load where no row is recorded.
void App::drawValueSources(const std::string& villageCode) {
    const std::vector<ValueSource> sources = villageValueSources(full_, villageCode);
    if (sources.empty()) return;
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr("ui.details.sources").c_str());
    ImGui::PushTextWrapPos(0);
    for (const ValueSource& s : sources) {
        std::string where = s.sourceFile.empty() ? tr("ui.details.source_unknown") : std::filesystem::path(s.sourceFile).filename().string();
        if (!s.sheet.empty() && s.row > 0) where = tr("flow.where.sheet_row", {where, s.sheet, std::to_string(s.row)});
        else if (!s.sheet.empty()) where = tr("flow.where.sheet", {where, s.sheet});
        else if (s.row > 0) where = tr("ui.details.source_row", {where, std::to_string(s.row)});
        if (s.importedAt.size() >= 16)  // ISO 8601 UTC: the date the user's way, the time to the minute
            where += ", " + formatLocaleDate(s.importedAt.substr(0, 10)) + " " + s.importedAt.substr(11, 5) + " UTC";
        ImGui::BulletText("%s", tr("ui.details.source_line", {tr("flow.sheet." + s.table), where}).c_str());
    }
    ImGui::PopTextWrapPos();
}

void App::drawDetailsPanel() {
    if (!layout_.beginPanel("details", Side::Left, tr("ui.details.title"), &panels_.details)) return layout_.endPanel();
    if (selected_.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", tr("ui.details.nothing").c_str());
        ImGui::PopTextWrapPos();
    } else if (selected_.level == "village") {
        if (const Village* v = project_.findVillage(selected_.code)) {
            const AdminUnit* commune = project_.findUnit(v->communeCode);
            ImGui::PushFont(fonts_.large);
            ImGui::TextUnformatted(v->name.c_str());
            ImGui::PopFont();
            const CommunicationTeam* team = nullptr;
            for (const CommunicationTeam& t : project_.teams)
                if (t.villageCode == v->code) team = &t;
            if (beginRows("##village")) {
                row(tr("ui.details.code"), v->code);
                row(tr("ui.details.commune"), commune ? commune->name : v->communeCode);
                row(tr("ui.details.population"), count(v->population));
                row(tr("ui.details.households"), count(v->households));
                row(tr("ui.details.ethnic_group"), v->ethnicGroup.empty() ? "–" : v->ethnicGroup);
                row(tr("ui.details.especially_difficult"), tr(yesNo(v->especiallyDifficult)));
                row(tr("ui.details.electricity"), tr(std::string("ui.electricity.") + toString(v->electricity)));
                row(tr("ui.details.mobile"), tr(std::string("ui.mobile.") + toString(v->mobile)));
                row(tr("ui.details.internet"), tr(yesNo(v->internet)));
                row(tr("ui.details.team"), team ? tr("ui.details.team_members", {std::to_string(team->members), std::to_string(team->womenMembers)})
                                           : coverage_.data.teams ? tr("ui.details.no_team") : tr("nodata.value"));
                endRows();
            }
            if (team && team->members > 0 && team->womenMembers * 2 < team->members)
                ImGui::TextColored(ImVec4(0.75f, 0.3f, 0.0f, 1), "%s", tr("ui.details.few_women").c_str());
            drawValueSources(v->code);
            drawVillageEditor(*v);  // app_edits.cpp
        }
    } else {
        const AdminUnit* unit = project_.findUnit(selected_.code);
        const AreaCoverage* area = nullptr;  // the analysis the Priorities panel shows, computed once per rule change
        for (const std::vector<AreaCoverage>* rows : {&coverage_.communes, &coverage_.districts})
            for (const AreaCoverage& a : *rows)
                if (a.code == selected_.code) area = &a;
        if (unit) {
            ImGui::PushFont(fonts_.large);
            ImGui::TextUnformatted(((unit->kind.empty() ? "" : unit->kind + " ") + unit->name).c_str());
            ImGui::PopFont();
        }
        if (!beginRows("##unit")) return layout_.endPanel();
        if (unit) {
            row(tr("ui.details.code"), unit->code);
            if (!area) row(tr("ui.details.population"), count(unit->population));
        }
        if (area) {
            const CoverageTally& n = area->villages;
            auto count = [](std::int64_t value) { return formatLocaleNumber(double(value)); };
            // A table never loaded: "chưa có dữ liệu", never 0 (core/coverage.h DataPresence).
            auto known = [&](bool hasData, std::int64_t value) { return hasData ? count(value) : tr("nodata.value"); };
            // The population as the report gives it, with where it comes from (villages' sum or census).
            row(tr("ui.details.population"), area->populationSource == PopulationSource::None
                                                 ? tr("nodata.value")
                                                 : count(area->population) + " (" + populationSourceText(area->populationSource, false) + ")");
            row(tr("ui.details.villages"), count(n.total));
            row(tr("ui.details.difficult"), known(area->data.especiallyDifficult, n.especiallyDifficult));
            row(tr("ui.details.with_team"), known(area->data.teams, n.team));
            row(tr("ui.details.with_club"), known(area->data.clubs, n.club));
            row(tr("ui.details.with_ta", {formatLocaleNumber(coverage_.rules.taRadiusKm)}), known(area->data.trustedAddressReach, n.taReached));
            row(tr("ui.details.no_electricity"), known(area->data.electricity, n.noElectricity));
            row(tr("ui.details.no_mobile"), known(area->data.mobile, n.noMobile));
            row(tr("ui.details.no_internet"), known(area->data.internet, n.noInternet));
        }
        for (const CommuneOffice& o : project_.communeOffices)
            if (o.communeCode == selected_.code)
                row(tr("ui.details.office"), tr("ui.details.office_value", {std::to_string(o.computers), tr(yesNo(o.internet))}));
        endRows();
    }
    layout_.endPanel();
}

void App::drawHelpWindow() {
    if (!layout_.beginPanel("help", Side::Right, tr("ui.help.title"), &panels_.help)) return layout_.endPanel();
    const char* keys[][2] = {{"Ctrl+F", "ui.help.search"}, {"Ctrl+O", "ui.help.open"}, {"Ctrl+I", "ui.help.import"},
                             {"Ctrl+E", "ui.help.export"}, {"+ / -", "ui.help.zoom"},    {"0, Home", "ui.help.extent"},
                             {"← ↑ → ↓", "ui.help.pan"},   {"L", "ui.help.layers"},      {"D", "ui.help.details"}, {"P", "ui.help.priorities"},
                             {"K", "kpi.help.dashboard"},  {"T", "kpi.help.timeline"},   {"F5", "kpi.help.present"},
                             {"Esc", "ui.help.deselect"},  {"Ctrl+Z", "ui.help.undo"},   {"F1", "ui.help.help"},
                             {"Ctrl+Q", "ui.help.quit"}};
    if (beginRows("##keys")) {
        for (const auto& [key, text] : keys) row(key, tr(text));
        endRows();
    }
    ImGui::Separator();
    ImGui::TextWrapped("%s", tr("ui.help.mouse").c_str());
    layout_.endPanel();
}

// Cursor position, the synthetic-data mark and the last message, at the right of the menu bar
// (a bar at the bottom would hide the map's scale bar).
void App::drawStatusBar() {
    std::string text;
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (map_->rect().contains(m.x, m.y) && !ImGui::GetIO().WantCaptureMouse) {
        const LonLat at = map_->camera().toLonLat(map_->toCamera(m.x, m.y));
        char buf[96];
        std::snprintf(buf, sizeof buf, "%.5f° E  %.5f° N", at.lonDeg, at.latDeg);  // EPSG:4326
        text = buf;
    }
    if (!status_.empty()) text += (text.empty() ? "" : "   ") + status_;
    if (!ImGui::BeginMainMenuBar()) return;
    // Right-aligned in the room the menus and the title leave; cut with "…" (whole on hover).
    const float em = ImGui::GetFontSize(), start = ImGui::GetCursorPosX() + em, end = ImGui::GetWindowWidth() - em;
    const std::string shown = ellipsize(text, std::max(0.0f, end - start));
    ImGui::SameLine(std::max(start, end - ImGui::CalcTextSize(shown.c_str()).x));
    ImGui::TextDisabled("%s", shown.c_str());
    if (shown != text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
    ImGui::EndMainMenuBar();
}

// The analysis's population (core/coverage.h populationSource): a census 0 or no figure at all is
// "no data", never "Population 0" (8 Lai Châu communes of 2009 carry 0 in the census).
std::string App::populationText(const AdminUnit& unit) const {
    for (const std::vector<AreaCoverage>* rows : {&coverage_.communes, &coverage_.districts})
        for (const AreaCoverage& a : *rows)
            if (a.code == unit.code)
                return a.populationSource == PopulationSource::None ? tr("nodata.value") : formatLocaleNumber(double(a.population));
    return unit.population && *unit.population > 0 ? formatLocaleNumber(double(*unit.population)) : tr("nodata.value");
}

void App::drawTooltip() {
    if (hovered_.empty() || ImGui::GetIO().WantCaptureMouse) return;
    ImGui::BeginTooltip();
    if (hovered_.level == "village") {
        if (const Village* v = project_.findVillage(hovered_.code)) {
            const AdminUnit* commune = project_.findUnit(v->communeCode);
            ImGui::TextUnformatted(v->name.c_str());
            ImGui::TextDisabled("%s", tr("ui.tooltip.village", {commune ? commune->name : v->communeCode, count(v->population)}).c_str());
            ImGui::TextDisabled("%s", tr("ui.tooltip.connectivity", {tr(std::string("ui.electricity.") + toString(v->electricity)),
                                                                     tr(std::string("ui.mobile.") + toString(v->mobile)),
                                                                     tr(yesNo(v->internet))}).c_str());
        }
    } else if (const AdminUnit* u = project_.findUnit(hovered_.code)) {
        ImGui::TextUnformatted(((u->kind.empty() ? "" : u->kind + " ") + u->name).c_str());
        ImGui::TextDisabled("%s", tr("ui.tooltip.population", {populationText(*u)}).c_str());
    }
    ImGui::EndTooltip();
}

}  // namespace gapmap::ui
