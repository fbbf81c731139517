#include "io/pending_file.h"

#include <unistd.h>

#include <cstdio>

#include "core/errors.h"
#include "core/i18n.h"

namespace gapmap {

namespace fs = std::filesystem;

PendingFile::PendingFile(const std::string& target) : target_(fs::absolute(target)) {
    std::error_code ec;
    if (fs::is_symlink(target_, ec)) target_ = fs::canonical(target_, ec);  // replace the file, keep the link
    if (fs::exists(target_, ec) && !fs::is_regular_file(target_, ec))
        throw InputError(tr("export.error.not_regular_file", {target}));
    temp_ = target_.parent_path() / ("." + target_.stem().string() + ".partial-" + std::to_string(::getpid()) +
                                     target_.extension().string());
    fs::remove(temp_, ec);
}

PendingFile::~PendingFile() {
    std::error_code ec;
    if (!committed_) fs::remove(temp_, ec);
}

void PendingFile::commit(const std::string& shownPath) {
    if (std::FILE* f = std::fopen(temp_.c_str(), "rb")) {  // data on disk before the name points at it
        ::fsync(fileno(f));
        std::fclose(f);
    }
    std::error_code ec;
    fs::rename(temp_, target_, ec);
    if (ec) throw InputError(tr("export.error.cannot_write_because", {shownPath, ec.message()}));
    committed_ = true;
}

}  // namespace gapmap
