// SPDX-License-Identifier: MIT
// Which key signs which RRsets: RFC 4033 2 / RFC 6781 3.1 split of KSK and ZSK,
// per algorithm, with a single kind of key acting as a CSK (RFC 6781 3.1.2).
#include <algorithm>

#include "signer/detail/plan.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/error.hpp"

namespace signet::signer::detail {

bool is_key_type(std::uint16_t type) noexcept {
  return type == dns::rrtype::DNSKEY || type == dns::rrtype::CDS || type == dns::rrtype::CDNSKEY;
}

std::vector<KeyRole> assign_roles(const SignKeys& keys, const dns::Name& origin) {
  const auto check_zone = [&](const keys::DnssecKey* k) {
    if (!(k->zone == origin))
      throw Error("key " + k->base_name() + " is for zone " + k->zone.to_text() + ", not " + origin.to_text());
  };
  for (const auto* list : {&keys.published, &keys.signing, &keys.sync})
    for (const keys::DnssecKey* k : *list) check_zone(k);
  if (keys.signing.empty())
    throw Error("no active key with a private key can sign " + origin.to_text());

  std::vector<KeyRole> roles;
  for (const keys::DnssecKey* k : keys.signing) {
    if (!k->private_key)
      throw Error("key " + k->base_name() + " is active but its private key is not available");
    const crypto::Algorithm& a = crypto::algorithm(k->algorithm);
    crypto::require_signing(a);
    if (k->private_key->algorithm().number != k->algorithm)
      throw Error("key " + k->base_name() + " has a private key of another algorithm");
    if (std::any_of(roles.begin(), roles.end(), [&](const KeyRole& r) { return r.key == k; })) continue;
    KeyRole r;
    r.key = k;
    r.tag = k->key_tag();
    r.algorithm = k->algorithm;
    r.public_key = std::make_shared<const crypto::PublicKey>(crypto::PublicKey::from_dnskey(a, k->public_key));
    roles.push_back(r);
  }
  for (KeyRole& r : roles) {
    bool has_sep = false, has_other = false;
    for (const KeyRole& o : roles) {
      if (o.algorithm != r.algorithm) continue;
      (o.key->is_ksk() ? has_sep : has_other) = true;
    }
    const bool sep = r.key->is_ksk();
    r.signs_keys = sep || !has_sep;
    r.signs_data = !sep || !has_other;
  }
  return roles;
}

}  // namespace signet::signer::detail
