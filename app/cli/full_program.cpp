#include "cli/full_program.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "core/i18n.h"

namespace gapmap::cli {

int execFullProgram(char** argv) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);  // the real file, whatever link started it
    const fs::path folder = ec ? fs::path(".") : self.parent_path();
    // The build tree (both programs side by side), then the installed layout (bin/ and lib/gapmap/).
    const fs::path candidates[] = {folder / "gapmap-full", folder / ".." / "lib" / "gapmap" / "gapmap-full"};
    int why = ENOENT;
    for (const fs::path& full : candidates) {
        if (!fs::exists(full, ec)) continue;
        ::execv(full.c_str(), argv);  // returns only on failure
        why = errno;
    }
    std::vector<std::string> args;
    for (char** a = argv + 1; *a; ++a) args.emplace_back(*a);
    selectLanguage(args);  // the message in the user's language, as the full program would have said it
    std::fprintf(stderr, "gapmap: %s\n", tr("cli.error.no_full_program", {candidates[1].lexically_normal().string(), std::strerror(why)}).c_str());
    return kInputError;
}

}  // namespace gapmap::cli
