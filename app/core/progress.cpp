#include "core/progress.h"

#include <algorithm>

namespace gapmap {
namespace {
thread_local Progress* current = nullptr;
}

double ProgressState::overall() const {
    if (done) return 1;
    return std::clamp((stepIndex + std::clamp(fraction, 0.0, 1.0)) / std::max(1, stepCount), 0.0, 1.0);
}

void Progress::steps(int count) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.stepCount = std::max(count, 1);
    }
    emit();
}

void Progress::step(const std::string& name) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (started_) ++state_.stepIndex;
        started_ = true;
        state_.stepCount = std::max(state_.stepCount, state_.stepIndex + 1);
        state_.step = name;
        state_.fraction = 0;
    }
    emit();
}

void Progress::fraction(double done) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.fraction = std::clamp(done, 0.0, 1.0);
    }
    emit();
}

void Progress::finish() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (state_.done) return;
        state_.done = true;
        state_.stepIndex = state_.stepCount;
        state_.fraction = 1;
    }
    emit();
}

ProgressState Progress::state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return state_;
}

void Progress::emit() {
    if (sink_) sink_(state());
}

ProgressScope::ProgressScope(Progress* progress) : previous_(current), progress_(progress) { current = progress; }

ProgressScope::~ProgressScope() {
    if (progress_) progress_->finish();
    current = previous_;
}

void progressSteps(int count) { if (current) current->steps(count); }
void progressStep(const std::string& name) { if (current) current->step(name); }
void progressFraction(double done) { if (current) current->fraction(done); }
void progressFraction(std::size_t done, std::size_t total) {
    if (current && total > 0) current->fraction(double(done) / double(total));
}
void progressCheckpoint() {
    if (current && current->cancelled()) throw Cancelled();
}

}  // namespace gapmap
