// isServerProject (io/pg_address.h): a prefix test alone, apart from the libpq parser, so that the
// lean render program (app/main_lean.cpp) can tell a server project without linking libpq.
#include <cctype>

#include "io/pg_address.h"

namespace gapmap {

bool isServerProject(const std::string& path) {
    auto startsWithNoCase = [&path](const std::string& prefix) {
        if (path.size() < prefix.size()) return false;
        for (size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(path[i])) != prefix[i]) return false;
        return true;
    };
    return startsWithNoCase("pg:") || startsWithNoCase("postgresql://") || startsWithNoCase("postgres://");
}

}  // namespace gapmap
