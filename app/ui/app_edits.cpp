// Editing in the app: a village's infrastructure in the Details panel, the Edit menu, undo/redo and
// Save as. Every edit is committed at once to the project file as one SQLite transaction
// (io/project_edits.h) — that is the autosave — and undo writes the previous values back the same way.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <ctime>

#include "core/coverage_rules.h"
#include "core/errors.h"
#include "core/i18n.h"
#include "core/text_format.h"
#include "io/project_edits.h"
#include "io/project_file.h"
#include "io/scene_cache.h"
#include "ui/app.h"

namespace gapmap::ui {
namespace {

// Local wall-clock time for the status line, hh:mm:ss.
std::string clockNow() { return formatLocalNow("%H:%M:%S"); }

// What a step changed, for "undone: …": "0300101 mobile", or the settings key.
std::string describe(const std::vector<FieldEdit>& edits) {
    if (edits.empty()) return "";
    const FieldEdit& e = edits.front();
    std::string text = e.isSetting() ? e.field : e.villageCode + " " + e.field;
    if (edits.size() > 1) text += " (+" + std::to_string(edits.size() - 1) + ")";
    return text;
}

}  // namespace

bool App::writeEdits(const std::vector<FieldEdit>& edits) {
    if (path_.empty()) {  // the embedded demo: nothing to write to, and the user is told
        status_ = tr("ui.edits.not_saved_demo");
        return true;
    }
    try {
        commitEdits(path_, edits);
        status_ = tr("ui.edits.saved", {clockNow()});
        return true;
    } catch (const std::exception& e) {
        status_ = tr("ui.edits.failed", {e.what()});
        return false;
    }
}

void App::applyEdits(const std::vector<FieldEdit>& edits) {
    bool settings = false, villages = false;
    for (const FieldEdit& e : edits) {
        // Villages and settings are the same in every year the timeline shows: both copies change.
        applyEdit(full_, e);
        applyEdit(project_, e);
        (e.isSetting() ? settings : villages) = true;
    }
    kpiCache_.clear();
    if (settings) {
        try {
            rules_ = CoverageRules::fromProject(project_);
        } catch (const std::exception& e) {
            status_ = e.what();
        }
    }
    coverage_ = analyseCoverage(project_, rules_);  // the priority table and the Details figures
    if (villages || settings) map_->dataChanged();
    redraw_ = true;
}

bool App::edit(std::vector<FieldEdit> edits) {
    EditStep step;
    try {
        std::erase_if(edits, [&](const FieldEdit& e) { return currentValue(project_, e) == e.value; });
        for (const FieldEdit& e : edits) step.before.push_back({e.villageCode, e.field, currentValue(project_, e)});
    } catch (const std::exception& e) {  // a village code the project does not have
        status_ = tr("ui.edits.failed", {e.what()});
        return false;
    }
    if (edits.empty()) return true;
    if (!writeEdits(edits)) {
        // The rules editor changed rules_ before asking: back to what the project holds.
        try { rules_ = CoverageRules::fromProject(project_); } catch (const std::exception&) {}
        coverage_ = analyseCoverage(project_, rules_);
        return false;
    }
    step.after = std::move(edits);
    applyEdits(step.after);
    undo_.push_back(std::move(step));
    redo_.clear();
    return true;
}

bool App::undo() { return replay(true); }
bool App::redo() { return replay(false); }

// Undo: the step's previous values go back to the file and the project; redo: its new values again.
bool App::replay(bool undoing) {
    std::vector<EditStep>& from = undoing ? undo_ : redo_;
    std::vector<EditStep>& to = undoing ? redo_ : undo_;
    if (from.empty()) return false;
    EditStep& step = from.back();
    const std::vector<FieldEdit>& values = undoing ? step.before : step.after;
    if (!writeEdits(values)) return false;  // the stacks stay as they were: the user may retry
    applyEdits(values);
    if (!path_.empty()) status_ = tr(undoing ? "ui.edits.undone" : "ui.edits.redone", {describe(values), clockNow()});
    to.push_back(std::move(step));
    from.pop_back();
    return true;
}

bool App::saveAs(const std::string& path) {
    try {
        writeProject(full_, path);  // every record, whatever year the timeline shows; temporary file + rename: an existing file stays whole on failure
        // The map's scene cache goes with the project: its rows into the new file, and every later
        // read (bands are read when first drawn) and write there, not in the file left behind.
        if (map_->sceneCache()) moveSceneCache(*map_->sceneCache(), path);
        else map_->setSceneCache(openSceneCache(path));
        path_ = path;
        status_ = tr("ui.edits.saved_as", {path});
        return true;
    } catch (const std::exception& e) {
        status_ = tr("ui.edits.failed", {e.what()});
        return false;
    }
}

void App::drawEditMenu() {
    if (!ImGui::BeginMenu(tr("ui.menu.edit").c_str())) return;
    if (ImGui::MenuItem(tr("ui.menu.undo").c_str(), "Ctrl+Z", false, canUndo())) undo();
    if (ImGui::MenuItem(tr("ui.menu.redo").c_str(), "Ctrl+Y", false, canRedo())) redo();
    ImGui::EndMenu();
}

// Below the village's details: the values infrastructure staff update, each change saved at once.
void App::drawVillageEditor(const Village& v) {
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr("ui.edits.title").c_str());
    ImGui::PushID(v.code.c_str());
    const float em = ImGui::GetFontSize();
    auto combo = [&](const char* field, const std::string& label, const char* prefix, const std::vector<const char*>& values,
                     const std::string& current) {
        ImGui::SetNextItemWidth(em * 9);
        if (!ImGui::BeginCombo(label.c_str(), tr(std::string(prefix) + current).c_str())) return;
        for (const char* value : values)
            if (ImGui::Selectable(tr(std::string(prefix) + value).c_str(), current == value)) edit({villageEdit(v.code, field, value)});
        ImGui::EndCombo();
    };
    combo("electricity", tr("ui.details.electricity"), "ui.electricity.", {"grid", "offgrid", "none"}, toString(v.electricity));
    combo("mobile", tr("ui.details.mobile"), "ui.mobile.", {"none", "2g", "3g", "4g"}, toString(v.mobile));
    bool internet = v.internet, difficult = v.especiallyDifficult;
    if (ImGui::Checkbox(tr("ui.details.internet").c_str(), &internet)) edit({villageEdit(v.code, "internet", internet ? "1" : "0")});
    if (ImGui::Checkbox(tr("ui.details.especially_difficult").c_str(), &difficult))
        edit({villageEdit(v.code, "especially_difficult", difficult ? "1" : "0")});
    // Population: typed, saved when the field is left or Enter pressed; a bad number is refused with why.
    if (!populationEditing_ || populationDraftCode_ != v.code) {
        populationDraft_ = v.population ? std::to_string(*v.population) : "";
        populationDraftCode_ = v.code;
    }
    ImGui::SetNextItemWidth(em * 9);
    ImGui::InputTextWithHint(tr("ui.details.population").c_str(), tr("ui.edits.population_hint").c_str(), &populationDraft_);
    populationEditing_ = ImGui::IsItemActive();
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        try {
            edit({villageEdit(v.code, "population", populationDraft_)});
        } catch (const InputError& e) {
            status_ = tr("ui.edits.failed", {e.what()});
        }
    }
    ImGui::PopID();
}

void App::drawSaveAsDialog() {
    if (saveAsOpen_ && !ImGui::IsPopupOpen("##saveas")) ImGui::OpenPopup("##saveas");
    if (!ImGui::BeginPopupModal("##saveas", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    if (ImGui::IsWindowAppearing())
        files_.reset(saveAsPath_.empty() ? path_ : saveAsPath_, {{tr("ui.files.projects"), {".gpkg"}}}, {}, true);
    ImGui::TextUnformatted(tr("ui.edits.save_as_prompt").c_str());
    auto finish = [this] { saveAsOpen_ = false; ImGui::CloseCurrentPopup(); };
    const FileChooser::Choice choice = files_.draw(ImGui::GetFontSize() * 36, tr("ui.edits.save"));
    if (choice == FileChooser::Choice::Chosen) {
        saveAsPath_ = files_.chosen();
        if (saveAs(saveAsPath_)) {
            rememberRecentProject(saveAsPath_);
            finish();
        } else {
            files_.setMessage(status_);
        }
    }
    if (choice == FileChooser::Choice::Cancelled) finish();
    ImGui::EndPopup();
}

}  // namespace gapmap::ui
