// SPDX-License-Identifier: MIT
// Key timing metadata as BIND keeps it in v1.3 .private files (Created,
// Publish, Activate, Revoke, Inactive, Delete, SyncPublish, SyncDelete), as
// UTC seconds since the epoch, and the YYYYMMDDHHMMSS text form. One table
// lists the fields with their file names. Deciding what a key does at a given
// time is key_set.hpp's job; nothing here reads the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace signet::keys {

using UnixTime = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

struct KeyTiming {
  std::optional<UnixTime> created, publish, activate, revoke, inactive, deleted, sync_publish, sync_delete;
  friend bool operator==(const KeyTiming&, const KeyTiming&) = default;
};

struct TimingField {
  std::string_view name;  // as in BIND key files: "Created", "SyncPublish", ...
  std::optional<UnixTime> KeyTiming::*member;
};

// All timing fields in the order BIND writes them.
std::span<const TimingField> timing_fields() noexcept;

// Parses YYYYMMDDHHMMSS (UTC); nullopt on bad syntax or an impossible date.
std::optional<UnixTime> parse_timestamp(std::string_view text) noexcept;
// YYYYMMDDHHMMSS (UTC) for times from year 0 to 9999.
std::string format_timestamp(UnixTime t);
// "Sun Nov 22 20:52:28 2026", the form BIND puts in .key comments.
std::string format_human_time(UnixTime t);

}  // namespace signet::keys
