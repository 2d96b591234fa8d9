// SPDX-License-Identifier: MIT
// The verification engine: runs every check that applies to a zone and
// returns all findings (not just the first), sorted by file line then owner.
// For an unsigned zone: structure and content checks. Used by signet-verify and
// (later) by signet-signzone as its pre-publish gate. Never prints, never
// reads the clock: time comes in through VerifyOptions.
#pragma once

#include <cstdint>
#include <vector>

#include "signet/dns/zone.hpp"
#include "signet/verifier/finding.hpp"

namespace signet::verifier {

struct VerifyOptions {
  std::int64_t now = 0;  // unix seconds; used by time-window checks
  unsigned threads = 0;  // 0 = all cores
};

// Requires zone.finalized(). Does not throw for bad data.
std::vector<Finding> verify_zone(const dns::Zone& zone, const VerifyOptions& options = {});

}  // namespace signet::verifier
