#include "ui/user_config.h"

#include <cstdlib>
#include <system_error>

namespace gapmap::ui {

std::filesystem::path userConfigDir() {
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) dir = std::filesystem::path(xdg) / "gapmap";
    else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".config" / "gapmap";
    else return {};
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    return error ? std::filesystem::path() : dir;
}

}  // namespace gapmap::ui
