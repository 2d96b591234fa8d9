// SPDX-License-Identifier: MIT
#include "cli/time.hpp"

#include <chrono>

#include "signet/dns/timestamp.hpp"

namespace signet::cli {

std::optional<std::int64_t> parse_time(std::string_view text) noexcept {
  if (text.empty() || text.size() > 14) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (text.size() < 14) return value;
  const auto stamp = dns::parse_timestamp(text);
  if (!stamp || *stamp < 0) return std::nullopt;  // before 1970 cannot be "now"
  return stamp;
}

std::int64_t current_time() noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace signet::cli
