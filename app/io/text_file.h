// Text outputs (CSV, reports) written atomically: to a temporary file beside the target, renamed
// over it only once complete (io/pending_file.h). Standard library and POSIX only: the lean render
// program (app/main_lean.cpp) links it without GDAL.
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace gapmap {

class PendingFile;  // io/pending_file.h

// Throws InputError naming the file when it cannot be written. A path that names something other
// than a regular file (/dev/stdout, a pipe) is written in place by writeTextFile, refused by the others.
void writeTextFile(const std::string& path, const std::string& text);
// The same, a piece at a time: a national priority list (20 MB of CSV) is written as it is made
// instead of held whole. The target is replaced only by commit(); destroyed without it, nothing changed.
class TextFileOut {
public:
    explicit TextFileOut(const std::string& path);
    ~TextFileOut();
    TextFileOut(const TextFileOut&) = delete;
    TextFileOut& operator=(const TextFileOut&) = delete;
    void write(std::string_view text);
    void commit();  // throws InputError naming the file when it could not be written whole
private:
    std::string path_;
    std::unique_ptr<PendingFile> pending_;  // null: a device or pipe, written in place
    std::FILE* file_ = nullptr;
    bool failed_ = false;
};

}  // namespace gapmap
