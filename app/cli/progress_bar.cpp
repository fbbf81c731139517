#include "cli/progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "core/text_format.h"

namespace gapmap::cli {
namespace {

// The first `n` code points of UTF-8 text.
std::string firstCodePoints(const std::string& text, size_t n) {
    size_t i = 0;
    for (size_t seen = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == n) break;
    return text.substr(0, i);
}

}  // namespace

struct TerminalProgress::Bar {
    int fd;
    std::chrono::steady_clock::time_point lastDraw{};
    std::string lastStep;
    int lastPercent = -1;
    bool drawn = false;

    int columns() const {
        winsize ws{};
        return ::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
    }
    void write(const std::string& text) const {
        for (size_t off = 0; off < text.size();) {
            const ssize_t n = ::write(fd, text.data() + off, text.size() - off);
            if (n <= 0) return;  // a terminal gone away: no bar, the work goes on
            off += size_t(n);
        }
    }
    void draw(const ProgressState& s) {
        if (s.done) {
            if (drawn) write("\r\x1b[K");  // leave nothing: the command's own output follows
            drawn = false;
            return;
        }
        if (s.step.empty()) return;  // steps announced, none begun yet
        const auto now = std::chrono::steady_clock::now();
        const int percent = int(std::floor(s.overall() * 100));
        const bool newStep = s.step != lastStep;
        if (!newStep && (percent == lastPercent || now - lastDraw < std::chrono::milliseconds(100))) return;
        lastDraw = now;
        lastStep = s.step;
        lastPercent = percent;
        // name, two spaces, [bar], two spaces, "100%": the line never wraps (a wrapped line cannot be erased by \r).
        const int cols = std::max(20, columns() - 1);
        const int barWidth = std::clamp(cols / 3, 10, 30);
        const int nameWidth = std::max(0, cols - barWidth - 10);
        std::string name = s.step;
        if (int(codePoints(name)) > nameWidth) name = firstCodePoints(name, size_t(std::max(0, nameWidth - 1))) + "…";
        const int filled = int(std::lround(s.overall() * barWidth));
        std::string line = "\r" + name + "  [" + std::string(size_t(filled), '#') + std::string(size_t(barWidth - filled), ' ') + "] ";
        std::string pct = std::to_string(percent) + "%";
        line += std::string(size_t(std::max(0, 4 - int(pct.size()))), ' ') + pct + "\x1b[K";
        write(line);
        drawn = true;
    }
};

TerminalProgress::TerminalProgress(int fd) {
    if (!::isatty(fd)) return;
    bar_ = std::make_unique<Bar>();
    bar_->fd = fd;
    progress_ = std::make_unique<Progress>([bar = bar_.get()](const ProgressState& s) { bar->draw(s); });
    scope_ = std::make_unique<ProgressScope>(progress_.get());
}

TerminalProgress::~TerminalProgress() = default;  // the scope ends first: finish() erases the bar

}  // namespace gapmap::cli
