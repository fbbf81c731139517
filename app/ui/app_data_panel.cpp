// The Data panel: each table of the project, whether it was loaded, from which file, when and how
// many rows (core/data_status.h, as `gapmap info`). A table never loaded is "no data", not zero.
#include <imgui.h>

#include "core/data_status.h"
#include "core/i18n.h"
#include "core/text_format.h"
#include "ui/app.h"

namespace gapmap::ui {

void App::drawDataPanel() {
    if (!layout_.beginPanel("data", Side::Bottom, tr("ui.data.title"), &panels_.data)) return layout_.endPanel();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("ui.data.note").c_str());
    ImGui::PopTextWrapPos();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("##tables", 5, flags)) {
        for (const char* head : {"info.col.table", "info.col.state", "info.col.rows", "info.col.loaded_at", "info.col.file"})
            ImGui::TableSetupColumn(tr(head).c_str());
        ImGui::TableHeadersRow();
        const std::string unknown = tr("info.unknown");
        for (const TableStatus& s : tableStatuses(full_)) {  // the whole project, whatever year the timeline shows
            const bool loaded = s.state != LoadState::NotLoaded;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr("nodata.table." + s.table).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.table.c_str());
            ImGui::TableNextColumn();
            if (loaded) ImGui::TextUnformatted(loadStateText(s.state).c_str());
            else ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.05f, 1), "%s", loadStateText(s.state).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatLocaleNumber(double(s.rows)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(!loaded ? "–" : s.loadedAt.empty() ? unknown.c_str() : s.loadedAt.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(!loaded ? "–" : s.sourceFile.empty() ? unknown.c_str() : s.sourceFile.c_str());
        }
        ImGui::EndTable();
    }
    layout_.endPanel();
}

}  // namespace gapmap::ui
