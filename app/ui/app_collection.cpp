// File › Make collection workbook… and File › Import returns… (issue 13 item 6): the same code paths
// as `gapmap template` (io/collection_workbook.h) and `gapmap import FILE.xlsx [FILE2 …] [--update]`
// (io/returns_import.h). Files are picked with the app's own browser (ui/file_chooser.h).
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "core/admin_names.h"
#include "core/i18n.h"
#include "core/progress.h"
#include "io/collection_workbook.h"
#include "io/returns_import.h"
#include "ui/app.h"

namespace gapmap::ui {
namespace {

void wrapped(const std::string& text, float widthPx, ImVec4 color = ImVec4(0, 0, 0, 0)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + widthPx);
    if (color.w > 0) ImGui::TextColored(color, "%s", text.c_str()); else ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void App::drawCollectionDialogs() {
    const float em = ImGui::GetFontSize(), width = em * 36;
    const std::string folder = std::filesystem::path(path_).parent_path().string();
    if (collection_.workbookOpen && !ImGui::IsPopupOpen("##workbook")) ImGui::OpenPopup("##workbook");
    if (ImGui::BeginPopupModal("##workbook", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing()) {
            collection_.message.clear();
            collection_.files.reset((folder.empty() ? std::string() : folder + "/") + tr("flow.app.workbook_name") + ".xlsx",
                                    {{tr("flow.app.xlsx"), {".xlsx"}}}, {}, true);
        }
        ImGui::TextUnformatted(tr("flow.app.workbook_title").c_str());
        // Scope: the province, a district or a commune (codes of the full project, not of a past year).
        const AdminUnit* chosen = full_.findUnit(collection_.scopeCode);
        const std::string whole = tr("flow.app.whole_province");
        if (ImGui::BeginCombo(tr("flow.app.scope").c_str(), chosen ? unitTitle(*chosen).c_str() : whole.c_str())) {
            if (ImGui::Selectable(whole.c_str(), !chosen)) collection_.scopeCode.clear();
            for (const AdminUnit& u : full_.adminUnits)
                if (u.level == AdminLevel::District || u.level == AdminLevel::Commune)
                    if (ImGui::Selectable((unitTitle(u) + "##" + u.code).c_str(), chosen == &u)) collection_.scopeCode = u.code;
            ImGui::EndCombo();
        }
        ImGui::Checkbox(tr("flow.app.with_trusted_addresses").c_str(), &collection_.withTrustedAddresses);
        ImGui::Checkbox(tr("flow.app.with_outcomes").c_str(), &collection_.withOutcomes);
        if (collection_.withTrustedAddresses || collection_.withOutcomes)
            wrapped(tr("flow.guide.sensitive"), width, ImVec4(0.75f, 0.1f, 0.1f, 1));
        const FileChooser::Choice choice = collection_.files.draw(width, tr("flow.app.make"));
        if (choice == FileChooser::Choice::Chosen) {
            CollectionScope scope;
            if (chosen && chosen->level == AdminLevel::District) scope.districtCode = chosen->code;
            if (chosen && chosen->level == AdminLevel::Commune) scope.communeCode = chosen->code;
            std::vector<std::string> tables = defaultCollectionTables();
            if (collection_.withTrustedAddresses) tables.push_back(kTrustedAddressesTable);
            if (collection_.withOutcomes) tables.push_back(kOutcomesTable);
            try {
                const WorkbookSummary summary = writeCollectionWorkbook(full_, scope, tables, collection_.files.chosen());
                std::string text = tr("flow.template.written", {collection_.files.chosen(), summary.scope});
                for (const auto& [sheet, rows] : summary.rows) text += "\n  " + tr("flow.guide.sheet_line", {sheet, formatLocaleNumber(double(rows))});
                collection_.message = text;
                collection_.files.setMessage("");
            } catch (const std::exception& e) {
                collection_.message.clear();
                collection_.files.setMessage(e.what());
            }
        }
        if (!collection_.message.empty()) wrapped(collection_.message, width);
        if (choice == FileChooser::Choice::Cancelled) { collection_.workbookOpen = false; ImGui::CloseCurrentPopup(); }
        ImGui::EndPopup();
    }

    if (collection_.returnsOpen && !ImGui::IsPopupOpen("##returns")) ImGui::OpenPopup("##returns");
    if (ImGui::BeginPopupModal("##returns", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing()) {
            collection_.message.clear();
            collection_.returnFiles.clear();
            collection_.files.reset(folder, {{tr("flow.app.returns_files"), {".xlsx", ".ods", ".csv"}}, {tr("ui.files.all"), {}}});
        }
        ImGui::TextUnformatted(tr("flow.app.returns_title").c_str());
        // Picked files are gathered first, then imported together: one transaction for all of them.
        for (size_t i = 0; i < collection_.returnFiles.size(); ++i) {
            ImGui::PushID(int(i));
            if (ImGui::SmallButton("x")) {
                collection_.returnFiles.erase(collection_.returnFiles.begin() + long(i));
                ImGui::PopID();
                break;
            }
            ImGui::SameLine();
            ImGui::TextUnformatted(collection_.returnFiles[i].c_str());
            ImGui::PopID();
        }
        if (collection_.returnFiles.empty()) ImGui::TextDisabled("%s", tr("flow.app.returns_none").c_str());
        ImGui::Checkbox(tr("flow.app.update").c_str(), &collection_.update);
        const bool ready = !collection_.returnFiles.empty() && !path_.empty();
        if (!ready) ImGui::BeginDisabled();
        const bool importClicked = ImGui::Button(tr("flow.app.import_all", {std::to_string(collection_.returnFiles.size())}).c_str());
        collection_.importButton = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y};
        if (importClicked) {
            // On a worker thread behind the progress dialog (ui/app_progress.cpp), as File › Import.
            auto result = std::make_shared<ReturnsResult>();
            startTask(tr("progress.ui.import"), true,
                      [path = path_, files = collection_.returnFiles, update = collection_.update, result] {
                          *result = importReturns(path, files, update);
                      },
                      [this, result](std::exception_ptr error) {
                          try {
                              if (error) std::rethrow_exception(error);
                              openProject(path_);
                              collection_.message = formatReturnsResult(*result);
                              collection_.returnFiles.clear();
                          } catch (const Cancelled&) {
                              collection_.message = tr("progress.ui.cancelled");
                          } catch (const std::exception& e) {
                              collection_.message = e.what();  // the project file is untouched (io/returns_import.h)
                          }
                      });
        }
        drawTaskDialog();
        if (!ready) ImGui::EndDisabled();
        if (path_.empty()) ImGui::TextDisabled("%s", tr("flow.app.returns_needs_file").c_str());
        ImGui::Separator();
        const FileChooser::Choice choice = collection_.files.draw(width, tr("flow.app.add_file"));
        if (choice == FileChooser::Choice::Chosen) {
            const std::string file = collection_.files.chosen();
            if (std::find(collection_.returnFiles.begin(), collection_.returnFiles.end(), file) == collection_.returnFiles.end())
                collection_.returnFiles.push_back(file);
            collection_.files.setMessage("");
        }
        if (!collection_.message.empty()) wrapped(collection_.message, width);
        // Not closed while the import runs: its result is shown here when it ends.
        if (choice == FileChooser::Choice::Cancelled && !taskRunning()) { collection_.returnsOpen = false; ImGui::CloseCurrentPopup(); }
        ImGui::EndPopup();
    }
}

}  // namespace gapmap::ui
