// SPDX-License-Identifier: MIT
// ZONEMD (RFC 8976): the SIMPLE scheme digest of a zone (SHA-384 or SHA-512)
// and the ZONEMD rdata. The digest covers every record of the zone in
// canonical order and form (RFC 8976 3.3.1), duplicates once, except the apex
// ZONEMD RRset and RRSIGs covering it; records in the zone that are not at or
// below the origin are not included. Deciding whether a zone's ZONEMD is right
// is the verifier's job; adding one is the signer's.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "signet/dns/zone.hpp"

namespace signet::dnssec {

inline constexpr std::uint8_t kZonemdSchemeSimple = 1;
inline constexpr std::uint8_t kZonemdSha384 = 1, kZonemdSha512 = 2;

struct ZonemdView {
  std::uint32_t serial = 0;
  std::uint8_t scheme = 0;
  std::uint8_t hash_algorithm = 0;
  std::span<const std::uint8_t> digest;
};

std::optional<ZonemdView> parse_zonemd(std::span<const std::uint8_t> rdata) noexcept;
std::vector<std::uint8_t> make_zonemd_rdata(std::uint32_t serial, std::uint8_t scheme, std::uint8_t hash_algorithm,
                                            std::span<const std::uint8_t> digest);

// The SIMPLE digest of a finalized zone with `hash_algorithm` (1 SHA-384, 2
// SHA-512). Throws signet::Error for another hash algorithm.
std::vector<std::uint8_t> zonemd_digest(const dns::Zone& zone, std::uint8_t hash_algorithm);

}  // namespace signet::dnssec
