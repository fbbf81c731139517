// The attribute table (View › Table, B): villages and communes with sort, gap filters, text search
// and Export CSV of exactly the rows shown. Linked both ways with the map: a click on a row selects
// the place and flies there; a selection made on the map brings its row into view, highlighted.
// The rows, filters and sorting are core/attribute_table.h; this file only shows them.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <map>

#include "core/attribute_table.h"
#include "core/i18n.h"
#include "io/table_export.h"
#include "ui/app.h"

namespace gapmap::ui {

struct TableView {
    int tab = 0;                          // 0 villages, 1 communes
    int wantTab = -1;                     // a tab to switch to (a selection made on the map)
    AttributeTable tables[2];
    std::uint64_t fingerprint[2] = {0, 0};
    bool built[2] = {false, false};
    TableQuery query[2];
    std::vector<std::size_t> rows[2];
    TableQuery rowsFor[2];
    bool rowsValid[2] = {false, false};
    std::string seenSelection;            // level/code of the selection the table last reacted to
    std::string scrollTo;                 // code of the row to bring into view
    std::map<std::string, App::ScreenRect> rowRects, headerRects;  // as drawn in the last frame
    bool exportOpen = false, focusExport = false;
    std::string exportPath, exportMessage;
};

namespace {

// Changes whenever what the table shows would change: the analysis, the villages' fields, the language.
std::uint64_t fingerprintOf(const Project& p, const CoverageResult& r) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* data, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    };
    const int lang = int(language());
    mix(&lang, sizeof lang);
    const std::size_t sizes[] = {p.villages.size(), r.villages.size(), r.communes.size(), r.priority.size()};
    mix(sizes, sizeof sizes);
    for (const VillageCoverage& c : r.villages) {
        const double band = c.nearestTaBand ? c.nearestTaBand->fromKm : -1;
        const int flags = c.team | c.club << 1 | c.taReached << 2 | c.gaps << 3;
        mix(&c.score, sizeof c.score);
        mix(&band, sizeof band);
        mix(&flags, sizeof flags);
    }
    for (const Village& v : p.villages) {
        const std::int64_t pop = v.population.value_or(-1);
        const int fields = int(v.electricity) | int(v.mobile) << 2 | v.internet << 4 | v.especiallyDifficult << 5;
        mix(&pop, sizeof pop);
        mix(&fields, sizeof fields);
    }
    for (const AreaCoverage& a : r.communes) {
        mix(&a.villages, sizeof a.villages);
        mix(&a.population, sizeof a.population);
        mix(&a.offices, sizeof a.offices);
    }
    mix(&r.data, sizeof r.data);
    mix(&r.rules.taRadiusKm, sizeof r.rules.taRadiusKm);
    return h;
}

bool isFlag(const std::string& column) {
    return column == "especially_difficult" || column == "internet" || column == "team" || column == "club";
}

// A cell as the table shows it: the current language's words and numbers.
std::string shownText(const AttributeTable& t, std::size_t row, std::size_t col) {
    const Cell& cell = t.data.rows[row][col];
    const std::string& name = t.data.columns[col].name;
    if (std::holds_alternative<std::monostate>(cell)) return t.nullIsNoData[col] ? tr("nodata.value") : "";
    if (const auto* s = std::get_if<std::string>(&cell)) {
        if (name == "electricity") return tr("ui.electricity." + *s);
        if (name == "mobile") return tr("ui.mobile." + *s);
        if (name == "population_source") return populationSourceText(populationSourceFromString(*s), false);
        return *s;
    }
    if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        if (t.kind == TableKind::Villages && isFlag(name)) return tr(*i ? "ui.yes" : "ui.no");
        return formatLocaleNumber(double(*i));
    }
    const double d = std::get<double>(cell);
    if (name == "lon" || name == "lat") return formatLocaleNumber(d, 5);
    return formatLocaleNumber(d, d == std::round(d) ? 0 : 1);
}

}  // namespace

TableView& App::tableView() {
    if (!table_) table_ = std::make_shared<TableView>();
    return *table_;
}

const AttributeTable& App::attributeTable(int tab) {
    TableView& v = tableView();
    const std::uint64_t f = fingerprintOf(project_, coverage_);
    if (!v.built[tab] || v.fingerprint[tab] != f) {
        v.tables[tab] = tab == 0 ? villageAttributeTable(project_, coverage_) : communeAttributeTable(project_, coverage_);
        v.fingerprint[tab] = f;
        v.built[tab] = true;
        v.rowsValid[tab] = false;
    }
    return v.tables[tab];
}

const std::vector<std::size_t>& App::tableRows(int tab) {
    TableView& v = tableView();
    const AttributeTable& t = attributeTable(tab);
    if (!v.rowsValid[tab] || !(v.rowsFor[tab] == v.query[tab])) {
        v.rows[tab] = queryRows(t, v.query[tab]);
        v.rowsFor[tab] = v.query[tab];
        v.rowsValid[tab] = true;
    }
    return v.rows[tab];
}

std::vector<std::string> App::tableShownCodes() {
    TableView& v = tableView();
    const AttributeTable& t = attributeTable(v.tab);
    std::vector<std::string> codes;
    for (std::size_t i : tableRows(v.tab)) codes.push_back(t.codes[i]);
    return codes;
}

int App::tableTab() { return tableView().tab; }
TableQuery& App::tableQuery(int tab) { return tableView().query[tab == 1 ? 1 : 0]; }

std::optional<App::ScreenRect> App::tableRowRect(const std::string& code) {
    const auto& rects = tableView().rowRects;
    const auto it = rects.find(code);
    return it == rects.end() ? std::nullopt : std::optional<ScreenRect>(it->second);
}

std::optional<App::ScreenRect> App::tableHeaderRect(const std::string& column) {
    const auto& rects = tableView().headerRects;
    const auto it = rects.find(column);
    return it == rects.end() ? std::nullopt : std::optional<ScreenRect>(it->second);
}

bool App::exportTableCsv(const std::string& path) {
    TableView& v = tableView();
    try {
        const std::vector<std::size_t>& rows = tableRows(v.tab);
        writeTextFile(path, formatCsv(selectRows(attributeTable(v.tab), rows)));
        status_ = tr("ui.table.exported", {formatLocaleNumber(double(rows.size())), path});
        return true;
    } catch (const std::exception& e) {
        status_ = e.what();
        return false;
    }
}

void App::drawTablePanel() {
    TableView& v = tableView();
    const float em = ImGui::GetFontSize();
    v.rowRects.clear();
    v.headerRects.clear();
    // Docked in the bottom strip (app_layout.cpp): wide and short, under the map, never over it.
    if (!layout_.beginPanel("table", Side::Bottom, tr("ui.table.title"), &panels_.table)) return layout_.endPanel();

    // A selection made elsewhere (the map, search, priorities): show its tab and bring its row into view.
    const std::string selection = selected_.level + "/" + selected_.code;
    if (selection != v.seenSelection) {
        v.seenSelection = selection;
        if (selected_.level == "village") v.wantTab = 0;
        else if (selected_.level == "commune") v.wantTab = 1;
        if (v.wantTab >= 0) v.scrollTo = selected_.code;
    }
    if (ImGui::BeginTabBar("##tabs")) {
        for (int tab = 0; tab < 2; ++tab) {
            const ImGuiTabItemFlags flags = v.wantTab == tab ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(tr(tab == 0 ? "ui.table.villages" : "ui.table.communes").c_str(), nullptr, flags)) {
                v.tab = tab;
                ImGui::EndTabItem();
            }
        }
        v.wantTab = -1;
        ImGui::EndTabBar();
    }
    const int tab = v.tab;
    const AttributeTable& t = attributeTable(tab);
    TableQuery& q = v.query[tab];

    // Filters: gaps (all those ticked), then text.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("ui.table.show_only").c_str());
    for (Gap g : kTableGaps) {
        ImGui::SameLine();
        bool on = q.gaps >> int(g) & 1;
        if (ImGui::Checkbox(tr(std::string("ui.gapname.") + gapCode(g)).c_str(), &on))
            q.gaps = std::uint16_t(on ? q.gaps | 1u << int(g) : q.gaps & ~(1u << int(g)));
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 12);
    ImGui::InputTextWithHint("##find", tr("ui.table.search_hint").c_str(), &q.text);
    const std::vector<std::size_t>& rows = tableRows(tab);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("ui.table.count", {formatLocaleNumber(double(rows.size())), formatLocaleNumber(double(t.data.rows.size()))}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(tr("ui.table.export").c_str())) {
        v.exportOpen = v.focusExport = true;
        if (v.exportPath.empty()) v.exportPath = tab == 0 ? "villages.csv" : "communes.csv";
        v.exportMessage.clear();
    }
    if (v.exportOpen) {
        ImGui::SetNextItemWidth(em * 24);
        if (v.focusExport) ImGui::SetKeyboardFocusHere();  // typing goes to the path, not to the map's shortcuts
        v.focusExport = false;
        const bool enter = ImGui::InputText("##csvpath", &v.exportPath, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if (ImGui::Button(tr("ui.table.write").c_str()) || enter) {
            if (exportTableCsv(v.exportPath)) v.exportOpen = false;
            v.exportMessage = status_;
        }
        ImGui::SameLine();
        if (ImGui::Button(tr("ui.dialog.cancel").c_str())) v.exportOpen = false;
    }
    if (!v.exportMessage.empty()) ImGui::TextDisabled("%s", v.exportMessage.c_str());

    const std::size_t columns = t.data.columns.size();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable |
                                  ImGuiTableFlags_Hideable | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV;
    if (columns > 0 && ImGui::BeginTable(tab == 0 ? "##villages" : "##communes", int(columns), flags)) {
        ImGui::TableSetupScrollFreeze(tab == 0 ? 3 : 2, 1);
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string& name = t.data.columns[c].name;
            ImGuiTableColumnFlags f = ImGuiTableColumnFlags_WidthFixed;
            // The first column (rank, or the commune's code) is the table's own order, rank 1 first;
            // figures sort largest first on their first click.
            if (c == 0) f |= ImGuiTableColumnFlags_DefaultSort;
            else if (t.data.columns[c].type != ColumnType::Text) f |= ImGuiTableColumnFlags_PreferSortDescending;
            if (name == "commune_code" && tab == 0) f |= ImGuiTableColumnFlags_DefaultHide;
            if (name == "gaps" || name == "lon" || name == "lat") f |= ImGuiTableColumnFlags_DefaultHide;
            const float width = name == "reasons" ? em * 34 : name.ends_with("_name") ? em * 8 : em * 5.5f;
            ImGui::TableSetupColumn(tr("ui.table.col." + name).c_str(), f, width);
        }
        // The headers one by one, so that each one's place is known (tests click them).
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (std::size_t c = 0; c < columns; ++c) {
            if (!ImGui::TableSetColumnIndex(int(c))) continue;
            ImGui::TableHeader(ImGui::TableGetColumnName(int(c)));
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            v.headerRects[t.data.columns[c].name] = {a.x, a.y, b.x, b.y};
        }
        if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty) {
            q.sortColumn = sort->SpecsCount > 0 ? sort->Specs[0].ColumnIndex : -1;
            q.descending = sort->SpecsCount > 0 && sort->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            sort->SpecsDirty = false;
        }
        const std::vector<std::size_t>& shown = tableRows(tab);
        const char* level = tab == 0 ? "village" : "commune";
        int scrollRow = -1;
        if (!v.scrollTo.empty())
            for (std::size_t r = 0; r < shown.size(); ++r)
                if (t.codes[shown[r]] == v.scrollTo) scrollRow = int(r);
        ImGuiListClipper clipper;
        clipper.Begin(int(shown.size()));
        if (scrollRow >= 0) clipper.ForceDisplayRangeByIndices(scrollRow, scrollRow + 1);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const std::size_t row = shown[std::size_t(r)];
                const std::string& code = t.codes[row];
                ImGui::TableNextRow();
                ImGui::PushID(int(row));
                for (std::size_t c = 0; c < columns; ++c) {
                    if (!ImGui::TableSetColumnIndex(int(c))) continue;
                    const std::string text = shownText(t, row, c);
                    const bool noData = t.nullIsNoData[c] && std::holds_alternative<std::monostate>(t.data.rows[row][c]);
                    if (c == 0) {
                        // The first column carries the row's selectable, across every column.
                        const bool selected = selected_.level == level && selected_.code == code;
                        if (ImGui::Selectable((text + "##row").c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                            for (const SearchEntry& e : search_->entries())
                                if (e.level == level && e.code == code) {
                                    if (e.location || !e.box.empty()) flyTo(e);
                                    else select({level, code});
                                    break;
                                }
                            v.seenSelection = selected_.level + "/" + selected_.code;  // already in view: no scroll
                            redraw_ = true;
                        }
                        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                        v.rowRects[code] = {a.x, a.y, b.x, b.y};
                        if (r == scrollRow) { ImGui::SetScrollHereY(0.5f); v.scrollTo.clear(); }
                    } else if (noData) {
                        ImGui::TextDisabled("%s", text.c_str());
                    } else {
                        ImGui::TextUnformatted(text.c_str());
                        if (t.data.columns[c].name == "reasons" && ImGui::IsItemHovered() && !text.empty()) ImGui::SetTooltip("%s", text.c_str());
                    }
                }
                ImGui::PopID();
            }
        }
        // Filtered out: nothing to bring into view (a tab just asked for shows from the next frame).
        if (scrollRow < 0 && selected_.level == level) v.scrollTo.clear();
        ImGui::EndTable();
    }
    layout_.endPanel();
}

}  // namespace gapmap::ui
