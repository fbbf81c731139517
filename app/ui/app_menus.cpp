// The menu bar and the dialogs it opens: open, import, export PNG, language, the Trusted
// Address unlock. Files are picked with the app's own browser (ui/file_chooser.h).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "core/i18n.h"
#include "core/progress.h"
#include "core/schema.h"
#include "io/importer.h"
#include "io/project_file.h"
#include "io/source_path.h"
#include "ui/app.h"

namespace gapmap::ui {

void App::drawMenuBar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(tr("ui.menu.file").c_str())) {
        if (ImGui::MenuItem(tr("ui.menu.open").c_str(), "Ctrl+O")) dialog_ = Dialog::Open;
        if (ImGui::MenuItem(tr("ui.menu.import").c_str(), "Ctrl+I", false, !path_.empty())) dialog_ = Dialog::Import;
        if (ImGui::MenuItem(tr("ui.menu.export_png").c_str(), "Ctrl+E")) dialog_ = Dialog::Export;
        if (ImGui::MenuItem(tr("ui.menu.save_as").c_str())) saveAsOpen_ = true;
        ImGui::Separator();
        if (ImGui::MenuItem(tr("flow.app.menu_workbook").c_str())) collection_.workbookOpen = true;
        if (ImGui::MenuItem(tr("flow.app.menu_returns").c_str(), nullptr, false, !path_.empty())) collection_.returnsOpen = true;
        ImGui::Separator();
        if (ImGui::MenuItem(tr("ui.menu.export_report").c_str())) dialog_ = Dialog::Report;
        if (isOfflineCopyOpen() && ImGui::MenuItem(tr("ui.sync.menu").c_str())) runSync();
        ImGui::Separator();
        if (ImGui::MenuItem(tr("ui.menu.quit").c_str(), "Ctrl+Q")) quit_ = true;
        ImGui::EndMenu();
    }
    drawEditMenu();
    if (ImGui::BeginMenu(tr("ui.menu.view").c_str())) {
        if (ImGui::MenuItem(tr("ui.menu.zoom_extent").c_str(), "0")) map_->zoomToExtent();
        ImGui::MenuItem(tr("ui.layers.title").c_str(), "L", &panels_.layers);
        ImGui::MenuItem(tr("ui.search.title").c_str(), "Ctrl+F", &panels_.search);
        ImGui::MenuItem(tr("ui.details.title").c_str(), "D", &panels_.details);
        ImGui::MenuItem(tr("ui.priorities.title").c_str(), "P", &panels_.priorities);
        ImGui::MenuItem(tr("kpi.menu.dashboard").c_str(), "K", &panels_.dashboard);
        ImGui::MenuItem(tr("kpi.timeline.title").c_str(), "T", &panels_.timeline);
        ImGui::MenuItem(tr("ui.menu.data").c_str(), nullptr, &panels_.data);
        ImGui::MenuItem(tr("ui.table.title").c_str(), "B", &panels_.table);
        if (ImGui::MenuItem(tr("kpi.menu.present").c_str(), "F5")) enterPresentation();
        ImGui::Separator();
        if (!map_->exactTrustedAddresses() && ImGui::MenuItem(tr("ui.ta.unlock_menu").c_str())) dialog_ = Dialog::Unlock;
        if (map_->exactTrustedAddresses() && ImGui::MenuItem(tr("ui.ta.hide").c_str())) map_->setExactTrustedAddresses(false);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("ui.menu.language").c_str())) {
        if (ImGui::MenuItem("Tiếng Việt", nullptr, language() == Lang::Vi)) setLanguage(Lang::Vi);
        if (ImGui::MenuItem("English", nullptr, language() == Lang::En)) setLanguage(Lang::En);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr("ui.menu.help").c_str())) {
        ImGui::MenuItem(tr("ui.help.title").c_str(), "F1", &panels_.help);
        ImGui::MenuItem(tr("ui.menu.about").c_str(), nullptr, &panels_.about);
        ImGui::EndMenu();
    }
    // The map's own title band is off in the window: the project's title stands here instead.
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextUnformatted(project_.title(path_.empty() ? std::string("gapmap") : path_).c_str());
    ImGui::EndMainMenuBar();
    redraw_ = redraw_ || dialog_ != Dialog::None || collection_.workbookOpen || collection_.returnsOpen;
}

void App::drawDialogs() {
    const char* ids[] = {"", "##open", "##import", "##export", "##unlock", "##report"};
    if (dialog_ != Dialog::None && !ImGui::IsPopupOpen(ids[int(dialog_)])) {
        ImGui::OpenPopup(ids[int(dialog_)]);
        dialogMessage_.clear();
    }
    const float em = ImGui::GetFontSize();
    auto finish = [this] { dialog_ = Dialog::None; ImGui::CloseCurrentPopup(); };
    const float width = em * 36;
    if (ImGui::BeginPopupModal("##open", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing())
            files_.reset(std::filesystem::path(path_).parent_path().string(),  // the folder: a name is typed after it
                         {{tr("ui.files.projects"), {".gpkg"}}, {tr("ui.files.all"), {}}}, recentProjects());
        ImGui::TextUnformatted(tr("ui.dialog.open_prompt").c_str());
        const FileChooser::Choice choice = files_.draw(width, tr("ui.dialog.open"));
        if (choice == FileChooser::Choice::Chosen) {
            const std::string file = files_.chosen();
            openProject(file);
            if (path_ == file) {
                rememberRecentProject(file);
                finish();
            } else {
                files_.setMessage(status_);  // names the file (io/project_file.cpp)
            }
        }
        if (choice == FileChooser::Choice::Cancelled) finish();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("##import", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing()) {
            const std::string start = !importPath_.empty() ? importPath_ : std::filesystem::path(path_).parent_path().string();
            files_.reset(start, {{tr("ui.files.importable"), importableExtensions()}, {tr("ui.files.all"), {}}});
        }
        ImGui::TextUnformatted(tr("ui.dialog.import_prompt").c_str());
        if (ImGui::BeginCombo(tr("ui.dialog.table").c_str(), dialogTable_.c_str())) {
            for (const TableSpec& t : projectTables())
                if (ImGui::Selectable(t.name.c_str(), t.name == dialogTable_)) dialogTable_ = t.name;
            ImGui::EndCombo();
        }
        const FileChooser::Choice choice = files_.draw(width, tr("ui.dialog.import"));
        if (choice == FileChooser::Choice::Chosen && !taskRunning()) {
            // In the background behind a progress dialog (app_progress.cpp); Cancel stops it before
            // the project is written. The project file is written atomically.
            ImportRequest request;
            request.table = dialogTable_;
            request.file = importPath_ = files_.chosen();
            auto result = std::make_shared<ImportResult>();
            startTask(tr("progress.ui.import"), true, [path = path_, request, result] { *result = importFile(path, request); },
                      [this, result](std::exception_ptr error) {
                          try {
                              if (error) std::rethrow_exception(error);
                              openProject(path_);
                              dialogMessage_ = formatImportResult(*result);
                              files_.setMessage("");
                          } catch (const Cancelled&) {
                              dialogMessage_.clear();
                              files_.setMessage(tr("progress.ui.cancelled"));
                          } catch (const std::exception& e) {
                              dialogMessage_.clear();
                              files_.setMessage(e.what());  // the project file is untouched
                          }
                      });
        }
        drawTaskDialog();
        if (choice == FileChooser::Choice::Cancelled && !taskRunning()) finish();
        if (!dialogMessage_.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
            ImGui::TextUnformatted(dialogMessage_.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("##export", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (ImGui::IsWindowAppearing())
            files_.reset(dialogPath_.ends_with(".png") ? dialogPath_ : "map.png", {{tr("ui.files.png"), {".png"}}}, {}, true);
        ImGui::TextUnformatted(tr("ui.dialog.export_prompt").c_str());
        ImGui::InputInt(tr("ui.dialog.width").c_str(), &exportWidth_);
        ImGui::InputInt(tr("ui.dialog.height").c_str(), &exportHeight_);
        exportWidth_ = std::clamp(exportWidth_, 64, 8192);
        exportHeight_ = std::clamp(exportHeight_, 64, 8192);
        ImGui::TextDisabled("%s", tr("ui.dialog.export_note").c_str());
        const FileChooser::Choice choice = files_.draw(width, tr("ui.dialog.export"));
        if (choice == FileChooser::Choice::Chosen) {
            dialogPath_ = files_.chosen();
            if (exportPng(dialogPath_, exportWidth_, exportHeight_)) finish(); else files_.setMessage(status_);
        }
        if (choice == FileChooser::Choice::Cancelled) finish();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("##unlock", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(em * 28);
        ImGui::TextUnformatted(tr("ui.ta.unlock_warning").c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr("ui.ta.unlock_confirm").c_str())) { map_->setExactTrustedAddresses(true); finish(); }
        ImGui::SameLine();
        if (ImGui::Button(tr("ui.dialog.cancel").c_str())) finish();
        ImGui::EndPopup();
    }
    drawReportDialog();
    if (dialog_ == Dialog::None) drawTaskDialog();  // a task started without a dialog of its own (tests)
    drawCollectionDialogs();
    drawSyncDialog();
    if (panels_.about) {
        ImGui::SetNextWindowSize(ImVec2(em * 26, 0), ImGuiCond_FirstUseEver);
        if (ImGui::Begin(tr("ui.menu.about").c_str(), &panels_.about, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::PushTextWrapPos(em * 25);
            ImGui::TextUnformatted(tr("ui.about.text").c_str());
            if (project_.synthetic()) ImGui::TextColored(ImVec4(0.7f, 0.2f, 0.0f, 1), "%s", tr("ui.about.synthetic").c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::End();
    }
}

}  // namespace gapmap::ui
