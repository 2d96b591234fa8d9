// SPDX-License-Identifier: MIT
#include "cli/timespec.hpp"

#include "cli/time.hpp"

namespace signet::cli {

namespace {

constexpr std::int64_t kMaxDuration = std::int64_t{1} << 40;  // ~35000 years: far beyond any key timing

}  // namespace

std::optional<std::int64_t> parse_duration(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  std::int64_t unit = 1;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: unit = 0; break;
  }
  if (unit != 0) text.remove_suffix(1);
  else unit = 1;
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kMaxDuration / unit) return std::nullopt;
  return value * unit;
}

std::optional<std::int64_t> parse_timespec(std::string_view text, std::int64_t now) noexcept {
  if (text.empty()) return std::nullopt;
  const bool relative_to_now = text.substr(0, 3) == "now";
  if (relative_to_now) {
    text.remove_prefix(3);
    if (text.empty()) return now;
  }
  if (text.front() == '+' || text.front() == '-') {
    const bool minus = text.front() == '-';
    const auto d = parse_duration(text.substr(1));
    if (!d) return std::nullopt;
    const std::int64_t t = minus ? now - *d : now + *d;
    if (t < 0) return std::nullopt;
    return t;
  }
  if (relative_to_now) return std::nullopt;
  return parse_time(text);
}

}  // namespace signet::cli
