// SPDX-License-Identifier: MIT
// The exit status every signet binary returns. Documented in each man page's
// EXIT STATUS section; scripts and git hooks rely on these numbers.
#pragma once

namespace signet::cli {

enum class ExitCode : int {
  Clean = 0,          // no findings of severity warning or error
  Warnings = 1,       // warnings only
  Errors = 2,         // at least one error finding
  CouldNotCheck = 3,  // unreadable input, syntax errors, bad usage
};

inline int to_int(ExitCode code) noexcept { return static_cast<int>(code); }

}  // namespace signet::cli
