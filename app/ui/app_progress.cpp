// Long work in the app (File › Import…, File › Export report…) on a worker thread behind a progress
// dialog: the step's name, a bar, and Cancel where stopping is safe (the work checks at
// progressCheckpoint(), core/progress.h; a report stops before its file is committed, an import
// before the project is written). The window stays responsive and keeps drawing meanwhile.
#include <imgui.h>

#include <thread>

#include "core/i18n.h"
#include "core/progress.h"
#include "io/pdf_report.h"
#include "ui/app.h"

namespace gapmap::ui {

struct App::LongTask {
    std::string title;
    bool cancellable = false;
    Progress progress{Progress::Sink{}};  // the dialog reads state() each frame: no sink needed
    std::thread worker;
    std::atomic<bool> finished{false};
    std::exception_ptr error;
    std::function<void(std::exception_ptr)> done;
    ~LongTask() {  // the app closing mid-task: stop at the next checkpoint and wait
        progress.cancel();
        if (worker.joinable()) worker.join();
    }
};

void App::startTask(std::string title, bool cancellable, std::function<void()> work, std::function<void(std::exception_ptr)> done) {
    if (task_) return;  // one at a time: the modal dialog allows no other
    auto task = std::make_shared<LongTask>();
    task->title = std::move(title);
    task->cancellable = cancellable;
    task->done = std::move(done);
    LongTask* t = task.get();
    task->worker = std::thread([t, work = std::move(work)] {
        {
            ProgressScope scope(&t->progress);
            try {
                work();
            } catch (...) {
                t->error = std::current_exception();
            }
        }
        t->finished = true;
    });
    task_ = std::move(task);
}

void App::cancelTask() {
    if (task_ && task_->cancellable) task_->progress.cancel();
}

void App::drawTaskDialog() {
    if (!task_) return;
    redraw_ = true;  // the bar moves without input
    if (task_->finished) {
        const std::shared_ptr<LongTask> t = std::move(task_);
        t->worker.join();
        if (t->done) t->done(t->error);
        return;
    }
    if (!ImGui::IsPopupOpen("##progress")) ImGui::OpenPopup("##progress");
    if (!ImGui::BeginPopupModal("##progress", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) return;
    const ProgressState s = task_->progress.state();
    const float em = ImGui::GetFontSize();
    ImGui::TextUnformatted(task_->title.c_str());
    ImGui::TextDisabled("%s", s.step.c_str());
    ImGui::ProgressBar(float(s.overall()), ImVec2(em * 24, 0));
    if (task_->cancellable) {
        if (task_->progress.cancelled()) ImGui::TextDisabled("%s", tr("progress.ui.cancelling").c_str());
        else if (ImGui::Button(tr("progress.ui.cancel").c_str())) task_->progress.cancel();
    }
    ImGui::EndPopup();
}

void App::startReport(const std::string& path, bool perDistrict) {
    PdfReportOptions options;
    options.perDistrict = perDistrict;
    auto summary = std::make_shared<PdfReportSummary>();
    // The worker draws from its own copy: the window keeps drawing (and may re-slice) project_ meanwhile.
    startTask(tr("progress.ui.report"), true,
              [project = project_, path, options, summary] { *summary = writePdfReport(project, path, options); },
              [this, path, summary](std::exception_ptr error) {
                  if (!error) {
                      status_ = tr("ui.dialog.report_written", {path, std::to_string(summary->pages)});
                      reportFinished_ = true;
                      return;
                  }
                  try {
                      std::rethrow_exception(error);
                  } catch (const Cancelled&) {
                      status_ = tr("progress.ui.cancelled");  // nothing was written: an existing file is untouched
                  } catch (const std::exception& e) {
                      status_ = e.what();
                  }
                  files_.setMessage(status_);
              });
}

}  // namespace gapmap::ui
