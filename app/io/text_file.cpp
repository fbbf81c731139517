#include "io/text_file.h"

#include <filesystem>

#include "core/errors.h"
#include "core/i18n.h"
#include "io/pending_file.h"

namespace gapmap {

namespace fs = std::filesystem;

TextFileOut::TextFileOut(const std::string& path) : path_(path) {
    std::error_code ec;
    const bool inPlace = fs::exists(path, ec) && !fs::is_regular_file(path, ec);  // /dev/stdout, a pipe: nothing to replace
    if (!inPlace) pending_ = std::make_unique<PendingFile>(path);
    file_ = std::fopen(inPlace ? path.c_str() : pending_->temp().c_str(), "wb");
    if (!file_) throw InputError(tr("cli.error.cannot_write", {path}));
}

TextFileOut::~TextFileOut() {
    if (file_) std::fclose(file_);
}

void TextFileOut::write(std::string_view text) {
    if (!failed_ && !text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) failed_ = true;
}

void TextFileOut::commit() {
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (failed_ || !closed) throw InputError(tr("cli.error.cannot_write", {path_}));
    if (pending_) pending_->commit(path_);
}

void writeTextFile(const std::string& path, const std::string& text) {
    TextFileOut out(path);
    out.write(text);
    out.commit();
}

}  // namespace gapmap
