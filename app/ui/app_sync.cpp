// File › Sync with server: the offline copy open in the app (io/pg_sync.h) synced by the same code as
// `gapmap sync`, its conflicts listed with a choice per row. Shown only for a copy made by `gapmap checkout`.
#include <imgui.h>

#include <set>

#include "core/i18n.h"
#include "io/pg_sync.h"
#include "ui/app.h"

namespace gapmap::ui {

bool App::isOfflineCopyOpen() const { return !path_.empty() && isOfflineCopy(path_); }

void App::runSync() {
    sync_.open = true;
    try {
        const SyncSummary s = syncCopy(path_);
        sync_.message = tr("ui.sync.done", {s.server, formatLocaleNumber(double(s.pushed)), formatLocaleNumber(double(s.pulled))});
        sync_.conflicts = s.openConflicts;
        openProject(path_);  // the pulled rows on the map and in every panel
    } catch (const std::exception& e) {
        sync_.message = tr("ui.sync.failed", {e.what()});
    }
    status_ = sync_.message;
}

void App::drawSyncDialog() {
    if (!sync_.open) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 52, 0), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(tr("ui.sync.title").c_str(), &sync_.open)) {
        ImGui::PushTextWrapPos(em * 50);
        ImGui::TextUnformatted(sync_.message.c_str());
        ImGui::TextUnformatted((sync_.conflicts.empty() ? tr("ui.sync.no_conflicts") : tr("ui.sync.conflicts")).c_str());
        ImGui::PopTextWrapPos();
        std::string settle;
        Resolution how = Resolution::Theirs;
        if (!sync_.conflicts.empty() && ImGui::BeginTable("##conflicts", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
            for (const char* key : {"ui.sync.col_row", "ui.sync.col_field", "ui.sync.col_mine", "ui.sync.col_theirs", ""})
                ImGui::TableSetupColumn(*key ? tr(key).c_str() : "");
            ImGui::TableHeadersRow();
            std::set<std::string> buttons;  // one pair of buttons per row, on its first field
            for (const SyncConflict& c : sync_.conflicts) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted((c.table + " " + c.rowKey).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.field.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.mine.value_or("").c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted((c.theirs.value_or("") + " (" + c.changedBy + ")").c_str());
                ImGui::TableNextColumn();
                const std::string id = c.table + ":" + c.rowKey;
                if (!buttons.insert(id).second) continue;
                if (ImGui::SmallButton((tr("ui.sync.keep_mine") + "##m" + id).c_str())) { settle = id; how = Resolution::Mine; }
                ImGui::SameLine();
                if (ImGui::SmallButton((tr("ui.sync.keep_theirs") + "##t" + id).c_str())) { settle = id; how = Resolution::Theirs; }
            }
            ImGui::EndTable();
        }
        if (!settle.empty()) {
            try {
                resolveConflict(path_, settle, how);
                runSync();  // as `gapmap sync --resolve`: the choice reaches the server at once
            } catch (const std::exception& e) {
                sync_.message = tr("ui.sync.failed", {e.what()});
            }
        }
        if (ImGui::Button(tr("ui.sync.close").c_str())) sync_.open = false;
    }
    ImGui::End();
}

}  // namespace gapmap::ui
