// SPDX-License-Identifier: MIT
#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <fmt/core.h>

namespace signet::cli {

std::function<void(std::size_t, std::size_t)> terminal_progress(std::string_view what, std::string_view unit,
                                                                 std::size_t min_total) {
  if (::isatty(STDERR_FILENO) == 0) return {};
  return [what = std::string(what), unit = std::string(unit), min_total](std::size_t done, std::size_t total) {
    if (total < min_total || total == 0) return;
    fmt::print(stderr, "\r{}: {}/{} {} ({}%){}", what, done, total, unit, done * 100 / total, done >= total ? "\n" : "");
    std::fflush(stderr);
  };
}

}  // namespace signet::cli
