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

#include "signet/dns/timestamp.hpp"

namespace signet::keys {

using dns::UnixTime;

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

// The YYYYMMDDHHMMSS text form is the RRSIG one (dns/timestamp.hpp).
using dns::format_human_time;
using dns::format_timestamp;
using dns::parse_timestamp;

}  // namespace signet::keys
