// File › Export report…: the path of the PDF and whether to add a page per district; writes the
// same report as `gapmap export-report` (io/pdf_report.h) from the project the app has open, in the
// background behind a progress dialog that can cancel it (app_progress.cpp).
#include <imgui.h>

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
    if (ImGui::IsWindowAppearing())  // not the PNG's name
        files_.reset(reportPath_.empty() ? "report.pdf" : reportPath_, {{tr("ui.files.pdf"), {".pdf"}}}, {}, true);
    ImGui::TextUnformatted(tr("ui.dialog.report_prompt").c_str());
    ImGui::Checkbox(tr("ui.dialog.per_district").c_str(), &reportPerDistrict_);
    ImGui::TextDisabled("%s", tr("ui.dialog.report_note").c_str());
    auto finish = [this] { dialog_ = Dialog::None; ImGui::CloseCurrentPopup(); };
    const FileChooser::Choice choice = files_.draw(ImGui::GetFontSize() * 36, tr("ui.dialog.export"));
    if (choice == FileChooser::Choice::Chosen && !taskRunning()) {
        reportPath_ = files_.chosen();
        startReport(reportPath_, reportPerDistrict_);  // in the background, with a progress dialog (app_progress.cpp)
    }
    drawTaskDialog();
    if (reportFinished_) {
        reportFinished_ = false;
        finish();
    }
    if (choice == FileChooser::Choice::Cancelled && !taskRunning()) finish();
    ImGui::EndPopup();
}

}  // namespace gapmap::ui
