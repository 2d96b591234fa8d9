// SPDX-License-Identifier: MIT
// Parsing a --now value: YYYYMMDDHHMMSS in UTC (the RRSIG time form of
// RFC 4034 3.2) or plain unix seconds. Binaries take "now" once from the clock
// unless --now gives it, so every run can be reproduced.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace signet::cli {

// Unix seconds, or nullopt when `text` is neither 14 digits forming a valid
// UTC date-time (1970..9999) nor up to 13 digits of seconds.
std::optional<std::int64_t> parse_time(std::string_view text) noexcept;
// The current time from the system clock, in unix seconds.
std::int64_t current_time() noexcept;

}  // namespace signet::cli
