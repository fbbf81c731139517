// The two kinds of failure a command reports. Standard library only.
// InputError: the user's data or files are wrong (exit 1). UsageError: the command line is wrong (exit 2).
// Messages are one line, naming the file, and the row and column where there is one.
#pragma once
#include <stdexcept>
#include <string>

namespace gapmap {

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace gapmap
