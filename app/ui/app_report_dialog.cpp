// File › Export report…: the path of the PDF and whether to add a page per district; writes the
// same report as `gapmap export-report` (io/pdf_report.h) from the project the app has open.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/i18n.h"
#include "io/pdf_report.h"
#include "ui/app.h"

namespace gapmap::ui {

bool App::exportReport(const std::string& path, bool perDistrict) {
    try {
        PdfReportOptions options;
        options.perDistrict = perDistrict;
        const PdfReportSummary summary = writePdfReport(project_, path, options);  // written atomically
        status_ = tr("ui.dialog.report_written", {path, std::to_string(summary.pages)});
        return true;
    } catch (const std::exception& e) {
        status_ = e.what();  // an existing file of that name is untouched
        return false;
    }
}

void App::drawReportDialog() {
    if (!ImGui::BeginPopupModal("##report", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const float em = ImGui::GetFontSize();
    if (ImGui::IsWindowAppearing() && !dialogPath_.ends_with(".pdf")) dialogPath_ = "report.pdf";  // not the PNG's name
    ImGui::TextUnformatted(tr("ui.dialog.report_prompt").c_str());
    ImGui::SetNextItemWidth(em * 30);
    ImGui::InputText(tr("ui.dialog.file").c_str(), &dialogPath_);
    ImGui::Checkbox(tr("ui.dialog.per_district").c_str(), &reportPerDistrict_);
    ImGui::TextDisabled("%s", tr("ui.dialog.report_note").c_str());
    auto finish = [this] { dialog_ = Dialog::None; ImGui::CloseCurrentPopup(); };
    if (ImGui::Button(tr("ui.dialog.export").c_str())) {
        if (exportReport(dialogPath_, reportPerDistrict_)) finish(); else dialogMessage_ = status_;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("ui.dialog.cancel").c_str())) finish();
    if (!dialogMessage_.empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", dialogMessage_.c_str());
    ImGui::EndPopup();
}

}  // namespace gapmap::ui
