// A progress bar on stderr for the subcommands (core/progress.h reports):
//   "Đang vẽ các trang  [##########          ]  52%"
// redrawn at most every 100 ms (and whenever the step changes), erased when the work ends, so the
// command's own output is all that stays. Only when stderr is a terminal: into a file or a pipe
// nothing at all is written. Publish and sync use it as the other commands do: declare one for the
// command's lifetime; the work reports with progressStep()/progressFraction().
#pragma once
#include <memory>

#include "core/progress.h"

namespace gapmap::cli {

class TerminalProgress {
public:
    // `fd` is the terminal to draw on (stderr); nothing happens when it is not a terminal.
    explicit TerminalProgress(int fd = 2);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;
    bool active() const { return progress_ != nullptr; }

private:
    struct Bar;
    std::unique_ptr<Bar> bar_;
    std::unique_ptr<Progress> progress_;
    std::unique_ptr<ProgressScope> scope_;
};

}  // namespace gapmap::cli
