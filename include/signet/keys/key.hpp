// SPDX-License-Identifier: MIT
// DnssecKey: one DNSSEC key of a zone as key files describe it — the DNSKEY
// fields, an optional TTL, timing metadata and, when the .private half was
// read or the key was just made, the private key. Reading and writing files is
// key_file.hpp; deciding what a key does at a time is key_set.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/private_key.hpp"
#include "signet/dns/name.hpp"
#include "signet/keys/timing.hpp"

namespace signet::keys {

struct DnssecKey {
  dns::Name zone;
  std::uint16_t flags = crypto::dnskey_flag::ZONE;
  std::uint8_t protocol = 3;
  std::uint8_t algorithm = 0;
  std::vector<std::uint8_t> public_key;  // the DNSKEY public key field
  std::optional<std::uint32_t> ttl;
  KeyTiming timing;
  std::optional<crypto::PrivateKey> private_key;  // absent when only the .key half is known

  // DNSKEY rdata: flags, protocol, algorithm, public key.
  std::vector<std::uint8_t> dnskey_rdata() const;
  std::uint16_t key_tag() const;
  // The tag the key would have with the REVOKE bit set (RFC 5011), for collision checks.
  std::uint16_t revoked_key_tag() const;
  bool is_ksk() const noexcept { return (flags & crypto::dnskey_flag::SEP) != 0; }
  bool is_revoked() const noexcept { return (flags & crypto::dnskey_flag::REVOKE) != 0; }
  bool is_zone_key() const noexcept { return (flags & crypto::dnskey_flag::ZONE) != 0; }
  // "K<zone>+<alg:03>+<tag:05>", e.g. "Kexample.com.+013+63101".
  std::string base_name() const;
};

// A key around a private key: the public half is derived from it. `flags`
// is 256 (ZSK) or 257 (KSK) usually.
DnssecKey make_key(dns::Name zone, std::uint16_t flags, crypto::PrivateKey key, KeyTiming timing = {},
                   std::optional<std::uint32_t> ttl = std::nullopt);

}  // namespace signet::keys
