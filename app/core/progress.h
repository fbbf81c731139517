// Progress of long work (import, export-report, render, template, migrate, publish, sync): named
// steps, each with a fraction done, for a bar on a terminal (cli/progress_bar.h) or a dialog in the
// app. Work reports through the free functions below, which go to the Progress installed on the
// current thread by a ProgressScope and do nothing when there is none, so that deep io code needs
// no extra parameter and runs unchanged without a bar. A Progress may be cancelled from another
// thread; work calls progressCheckpoint() where stopping leaves nothing half-written.
// Standard library only.
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>

namespace gapmap {

struct ProgressState {
    std::string step;     // the step's name in the current language ("Drawing the pages")
    int stepIndex = 0;    // 0-based; stepCount when finished
    int stepCount = 1;    // as announced by progressSteps(); grows when more steps come
    double fraction = 0;  // of the current step, 0..1
    bool done = false;    // the work has ended: a bar clears itself
    double overall() const;  // 0..1 over every step
};

// Thrown by progressCheckpoint() once the Progress was cancelled.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled") {}
};

class Progress {
public:
    // `sink` is called on the working thread after every change (throttling is the sink's).
    using Sink = std::function<void(const ProgressState&)>;
    explicit Progress(Sink sink) : sink_(std::move(sink)) {}
    void steps(int count);
    void step(const std::string& name);
    void fraction(double done);
    void finish();                      // the sink sees done = true once
    void cancel() { cancelled_ = true; }  // any thread
    bool cancelled() const { return cancelled_; }
    ProgressState state() const;        // any thread
private:
    void emit();
    Sink sink_;
    mutable std::mutex mutex_;
    ProgressState state_;
    bool started_ = false;
    std::atomic<bool> cancelled_{false};
};

// Installs `progress` on this thread for the scope's lifetime (nested scopes: the innermost wins);
// finishes it when the scope ends.
class ProgressScope {
public:
    explicit ProgressScope(Progress* progress);
    ~ProgressScope();
    ProgressScope(const ProgressScope&) = delete;
    ProgressScope& operator=(const ProgressScope&) = delete;
private:
    Progress* previous_;
    Progress* progress_;
};

// Reports to this thread's Progress, if any.
void progressSteps(int count);              // how many steps the work will have
void progressStep(const std::string& name);  // the next step begins
void progressFraction(double done);          // of the current step, 0..1
void progressFraction(std::size_t done, std::size_t total);
// Throws Cancelled when this thread's Progress was cancelled; call only where stopping is safe.
void progressCheckpoint();

}  // namespace gapmap
