// SPDX-License-Identifier: MIT
#include "signet/keys/key.hpp"

#include <doctest/doctest.h>

#include "../crypto/test_support.hpp"

using namespace signet;
using namespace signet::keys;

TEST_CASE("DnssecKey: rdata, tags, flags and the BIND base name") {
  crypto::KeyMaterial m;
  auto seed = test::b64("ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=");
  m.private_key = crypto::SecretBytes(std::span<const std::uint8_t>(seed));
  DnssecKey key = make_key(dns::Name::parse("example.com."), 257,
                           crypto::PrivateKey::from_material(crypto::algorithm(crypto::alg::ED25519), m, "RFC 8080"));
  CHECK(key.dnskey_rdata() == test::dnskey_rdata(257, 15, test::b64("l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=")));
  CHECK(key.key_tag() == 3613);  // RFC 8080 6.1
  CHECK(key.revoked_key_tag() == 3613 + 128);
  CHECK(key.is_ksk());
  CHECK(key.is_zone_key());
  CHECK_FALSE(key.is_revoked());
  CHECK(key.base_name() == "Kexample.com.+015+03613");
  key.zone = dns::Name();
  CHECK(key.base_name() == "K.+015+03613");
}
