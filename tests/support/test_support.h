// Helpers for tests: temporary folders, running the real gapmap binary, reading files,
// and finding ../shared/geodata (tests that need it say they skipped when it is absent).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gapmap::test {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    std::filesystem::path path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
private:
    std::filesystem::path path_;
};

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `gapmap ARGS` (ARGS already shell-quoted) and captures its streams.
RunResult runGapmap(const std::string& args);
std::string quote(const std::string& text);

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);
// The fields of one CSV line; quotes group commas and are dropped (enough for the outputs tested).
std::vector<std::string> csvFields(const std::string& line);

// ../shared/geodata/RELATIVE, or "" after printing why the test is skipped.
std::string sharedGeodata(const std::string& relative);

}  // namespace gapmap::test
