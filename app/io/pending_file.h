// Atomic replacement of an output file: everything is written to a temporary path beside the
// target ("dir/.name.partial-PID.ext": same file system, so the final rename is atomic; the
// extension kept for GDAL's drivers), which is renamed over the target only by commit(). A failed
// or interrupted export never leaves a half-written file. Used by the table exports and the PDF
// report. Standard library and POSIX only.
#pragma once
#include <filesystem>
#include <string>

namespace gapmap {

class PendingFile {
public:
    // Throws InputError when the target exists and is not a regular file.
    explicit PendingFile(const std::string& target);
    ~PendingFile();  // removes the temporary file unless commit() succeeded
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;
    std::string temp() const { return temp_.string(); }
    // fsyncs the temporary file and renames it over the target; throws InputError naming shownPath.
    void commit(const std::string& shownPath);

private:
    std::filesystem::path target_, temp_;
    bool committed_ = false;
};

}  // namespace gapmap
