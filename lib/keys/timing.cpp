// SPDX-License-Identifier: MIT
#include "signet/keys/timing.hpp"

namespace signet::keys {
namespace {

constexpr TimingField kTimingFields[] = {
    {"Created", &KeyTiming::created},       {"Publish", &KeyTiming::publish},
    {"Activate", &KeyTiming::activate},     {"Revoke", &KeyTiming::revoke},
    {"Inactive", &KeyTiming::inactive},     {"Delete", &KeyTiming::deleted},
    {"SyncPublish", &KeyTiming::sync_publish}, {"SyncDelete", &KeyTiming::sync_delete},
};

}  // namespace

std::span<const TimingField> timing_fields() noexcept { return kTimingFields; }

}  // namespace signet::keys
