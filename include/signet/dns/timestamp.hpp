// SPDX-License-Identifier: MIT
// DNSSEC timestamps: the YYYYMMDDHHmmSS UTC form of RFC 4034 section 3.2, used
// by RRSIG presentation, key-file timing metadata and the binaries' --now. One
// implementation of the proleptic Gregorian arithmetic (after H. Hinnant's
// days_from_civil), without the C library's time-zone machinery. Does not read
// the clock and does not do RFC 1982 serial arithmetic (callers reduce mod 2^32).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace signet::dns {

using UnixTime = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

// Exactly 14 digits forming a valid date and time (years 0000-9999, seconds
// 00-59); nullopt otherwise. Years before 1970 give negative values.
std::optional<UnixTime> parse_timestamp(std::string_view text) noexcept;
// YYYYMMDDHHmmSS for `t` (years 0000-9999).
std::string format_timestamp(UnixTime t);
void append_timestamp(UnixTime t, std::string& out);
// "Thu Jan  1 00:00:00 2026", the form BIND writes in key-file comments.
std::string format_human_time(UnixTime t);

}  // namespace signet::dns
