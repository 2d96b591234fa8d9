// SPDX-License-Identifier: MIT
// Parsing the timing options of signet-keygen (-P, -A, -I, -D, --sync-*):
// an absolute time (YYYYMMDDHHMMSS in UTC, or unix seconds, as cli/time.hpp
// reads them) or a time relative to "now": "+30d", "-1h", "now", "now+1w".
// Units are s, m, h, d and w; a number without a unit is seconds. It does not
// read the clock: the caller passes "now" in.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace signet::cli {

// Unix seconds for `text`, or nullopt when it is none of the forms above, the
// number overflows, or the result is before 1970.
std::optional<std::int64_t> parse_timespec(std::string_view text, std::int64_t now) noexcept;

// Seconds for a duration "30d", "1w", "3600" (units as above), or nullopt.
std::optional<std::int64_t> parse_duration(std::string_view text) noexcept;

}  // namespace signet::cli
