// SPDX-License-Identifier: MIT
#include "signet/keys/key.hpp"

#include <cstdio>

namespace signet::keys {

std::vector<std::uint8_t> DnssecKey::dnskey_rdata() const {
  std::vector<std::uint8_t> rdata;
  rdata.reserve(4 + public_key.size());
  rdata.push_back(static_cast<std::uint8_t>(flags >> 8));
  rdata.push_back(static_cast<std::uint8_t>(flags));
  rdata.push_back(protocol);
  rdata.push_back(algorithm);
  rdata.insert(rdata.end(), public_key.begin(), public_key.end());
  return rdata;
}

std::uint16_t DnssecKey::key_tag() const { return crypto::key_tag(dnskey_rdata()); }

std::uint16_t DnssecKey::revoked_key_tag() const {
  std::vector<std::uint8_t> rdata = dnskey_rdata();
  rdata[1] |= static_cast<std::uint8_t>(crypto::dnskey_flag::REVOKE);
  return crypto::key_tag(rdata);
}

std::string DnssecKey::base_name() const {
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "+%03u+%05u", unsigned{algorithm}, unsigned{key_tag()});
  return "K" + zone.to_text() + suffix;
}

DnssecKey make_key(dns::Name zone, std::uint16_t flags, crypto::PrivateKey key, KeyTiming timing,
                   std::optional<std::uint32_t> ttl) {
  DnssecKey k;
  k.zone = std::move(zone);
  k.flags = flags;
  k.algorithm = key.algorithm().number;
  k.public_key = key.public_key_field();
  k.ttl = ttl;
  k.timing = timing;
  k.private_key = std::move(key);
  return k;
}

}  // namespace signet::keys
