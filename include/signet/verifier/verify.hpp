// SPDX-License-Identifier: MIT
// The verification engine: runs every check that applies to a zone and
// returns all findings (not just the first), sorted by file line then owner.
// Unsigned zones: structure and content checks. Signed zones (any DNSKEY,
// RRSIG, NSEC or NSEC3 present) also: signatures (crypto, fields, time
// windows), coverage per algorithm, the NSEC/NSEC3 chain, expiry margins,
// trust anchors, CDS/CDNSKEY and ZONEMD. Used by signet-verify and by
// signet-signzone as its pre-publish gate. Never prints, never reads the
// clock: time comes in through VerifyOptions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "signet/dns/timestamp.hpp"
#include "signet/dns/zone.hpp"
#include "signet/verifier/finding.hpp"

namespace signet::verifier {

// A DS or DNSKEY record the zone's keys must match (--ds, --trust-anchor).
struct TrustAnchor {
  dns::Name owner;
  std::uint16_t type = 0;  // DS or DNSKEY
  std::vector<std::uint8_t> rdata;
  std::string file;        // where it was read, for messages
  std::uint32_t line = 0;
};

struct VerifyOptions {
  std::int64_t now = 0;  // unix seconds; used by time-window checks
  unsigned threads = 0;  // 0 = all cores
  // false: everything except the cryptographic check of each signature
  // (signet-signzone's default gate, which made the signatures itself).
  bool verify_signatures = true;
  std::optional<std::int64_t> warn_expiry;  // seconds: warn when a signature expires sooner
  std::optional<std::int64_t> crit_expiry;  // seconds: error when a signature expires sooner
  std::vector<TrustAnchor> trust_anchors;   // at least one must match a SEP key signing the DNSKEY RRset
  bool require_zonemd = false;
  // Called now and then while signatures are verified, from one thread, with
  // (signatures checked so far, signatures to check). The library never prints.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct VerifyReport {
  std::vector<Finding> findings;
  bool signed_zone = false;
  std::size_t signatures = 0;           // RRSIG records examined
  std::size_t signatures_verified = 0;  // cryptographically checked and good
  // Earliest expiration among the zone's RRSIGs (unix seconds), for monitoring.
  std::optional<dns::UnixTime> first_expiration;
};

// Requires zone.finalized(). Does not throw for bad data.
VerifyReport verify(const dns::Zone& zone, const VerifyOptions& options = {});
// verify(zone, options).findings.
std::vector<Finding> verify_zone(const dns::Zone& zone, const VerifyOptions& options = {});

}  // namespace signet::verifier
