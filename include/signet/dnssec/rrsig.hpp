// SPDX-License-Identifier: MIT
// RRSIG (RFC 4034 section 3): the rdata fields, the signed data of RFC 4034
// 3.1.8.1 / 6.2 built from an RRset of a Zone, and the RFC 1982 serial-number
// arithmetic of the inception and expiration fields (RFC 4034 3.1.5). Signing
// and verifying the bytes is crypto/'s job; which RRsets to sign, with which
// keys, is signer/'s; judging signatures is verifier/'s.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "signet/dns/name.hpp"
#include "signet/dns/timestamp.hpp"
#include "signet/dns/zone.hpp"

namespace signet::dnssec {

// The RRSIG rdata fields before the signature (RFC 4034 3.1).
struct RrsigFields {
  std::uint16_t type_covered = 0;
  std::uint8_t algorithm = 0;
  std::uint8_t labels = 0;
  std::uint32_t original_ttl = 0;
  std::uint32_t expiration = 0;  // seconds since the epoch mod 2^32
  std::uint32_t inception = 0;
  std::uint16_t key_tag = 0;
  dns::NameView signer;          // must outlive the fields (views the zone arena or a Name)
};

// A parsed RRSIG rdata: views into the rdata it was parsed from.
struct RrsigView {
  RrsigFields fields;
  std::span<const std::uint8_t> signature;
};

// Splits RRSIG rdata; nullopt when it is shorter than the fixed fields, the
// signer name is not a valid uncompressed name, or the signature is empty.
std::optional<RrsigView> parse_rrsig(std::span<const std::uint8_t> rdata) noexcept;

// Appends the RRSIG rdata prefix (fields, signer name lower-cased: RFC 4034
// 3.1.8.1 / RFC 6840 5.1). It begins both the signed data and the rdata.
void append_rrsig_fields(const RrsigFields& fields, std::vector<std::uint8_t>& out);

// Appends the signed data of RFC 4034 3.1.8.1 for the RRset `records` (one
// owner, class and type, as Zone::records_of gives them, in canonical rdata
// order, without duplicates): the RRSIG fields, then each RR as owner | type |
// class | original TTL | rdlength | canonical rdata. The owner is lower-cased
// and, when fields.labels is less than its label count, replaced by the
// wildcard "*." + its rightmost `labels` labels (RFC 4035 5.3.2). Records of
// the set are put in canonical rdata order here if they are not already.
void append_signed_data(const RrsigFields& fields, const dns::Zone& zone, std::span<const dns::Record> records,
                        std::vector<std::uint8_t>& out);

// Full RRSIG rdata: fields followed by `signature`.
std::vector<std::uint8_t> make_rrsig_rdata(const RrsigFields& fields, std::span<const std::uint8_t> signature);

// RFC 4034 3.1.5: the unix time that the 32-bit field `t` means, taken as the
// value within 2^31 seconds of `now` (serial-number arithmetic).
dns::UnixTime rrsig_time(std::uint32_t t, dns::UnixTime now) noexcept;
// The 32-bit field value for a unix time (mod 2^32).
inline std::uint32_t rrsig_field_time(dns::UnixTime t) noexcept { return static_cast<std::uint32_t>(t); }

}  // namespace signet::dnssec
