// SPDX-License-Identifier: MIT
// Progress lines for long runs, on stderr and only when stderr is a terminal:
// a person watching sees the run move, a pipe, a log or a cron mail stays clean.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace signet::cli {

// A callback for the library's `progress` options that rewrites one line,
// "<what>: done/total <unit> (N%)", ending it at done == total. Empty (so
// nothing is printed) when stderr is not a terminal or the total is below
// `min_total`.
std::function<void(std::size_t, std::size_t)> terminal_progress(std::string_view what, std::string_view unit,
                                                                 std::size_t min_total = 20000);

}  // namespace signet::cli
