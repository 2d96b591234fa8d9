// SPDX-License-Identifier: MIT
#include "signet/keys/key_set.hpp"

#include <doctest/doctest.h>

#include "../crypto/test_support.hpp"
#include "signet/error.hpp"

using namespace signet;
using namespace signet::keys;

namespace {

const std::string kData = std::string(SIGNET_TEST_DATA) + "/keys";

UnixTime at(const char* stamp) { return *parse_timestamp(stamp); }

std::vector<std::uint16_t> tags(const std::vector<const DnssecKey*>& keys) {
  std::vector<std::uint16_t> out;
  for (const DnssecKey* k : keys) out.push_back(k->key_tag());
  return out;
}

}  // namespace

TEST_CASE("KeySet over dnssec-keygen keys follows their timing metadata") {
  KeySet set = KeySet::load(kData + "/bind", dns::Name::parse("example.com."));
  REQUIRE(set.keys().size() == 9);
  // Sorted by algorithm, then tag.
  CHECK(tags(set.published(at("20260105000000"))) ==
        std::vector<std::uint16_t>{18976, 12210, 56071, 6930, 21767, 55655, 37140, 26630, 63528});
  const std::vector<std::uint16_t> zsks = {18976, 12210, 56071, 6930, 21767, 37140, 26630, 63528};

  CHECK(set.published(at("20251231235959")).empty());
  // Pre-publication: every key is published, only the KSK signs.
  CHECK(tags(set.signing(at("20260105000000"))) == std::vector<std::uint16_t>{55655});
  // All active.
  CHECK(set.signing(at("20260201000000")).size() == 9);
  CHECK(set.revoked(at("20260201000000")).empty());
  // The KSK's Revoke time has passed.
  CHECK(tags(set.revoked(at("20261215000000"))) == std::vector<std::uint16_t>{55655});
  // ZSKs are inactive but still published until their Delete time.
  CHECK(tags(set.retired(at("20270115000000"))) == zsks);
  CHECK(tags(set.signing(at("20270115000000"))) == std::vector<std::uint16_t>{55655});
  CHECK(set.published(at("20270115000000")).size() == 9);
  // After Delete only the KSK is left.
  CHECK(tags(set.published(at("20270301000000"))) == std::vector<std::uint16_t>{55655});
  KeyState gone = key_state(set.keys()[0], at("20270301000000"));
  CHECK(gone.deleted);
  CHECK_FALSE(gone.published);
  CHECK_FALSE(gone.active);
}

TEST_CASE("KeySet over ldns-keygen keys: no timing means published and active") {
  KeySet set = KeySet::load(kData + "/ldns", dns::Name::parse("EXAMPLE.com."));
  REQUIRE(set.keys().size() == 8);
  CHECK(set.published(0).size() == 8);
  CHECK(set.signing(0).size() == 8);
  CHECK(set.retired(4102444800).empty());
}

TEST_CASE("KeySet only loads the zone's keys; an empty directory gives an empty set") {
  KeySet rfc = KeySet::load(kData + "/rfc", dns::Name::parse("example.net."));
  REQUIRE(rfc.keys().size() == 1);
  CHECK(rfc.keys()[0].key_tag() == 9033);
  CHECK(KeySet::load(kData + "/bind", dns::Name::parse("example.org.")).empty());
  CHECK_THROWS_WITH_AS(KeySet::load(kData + "/no-such-dir", dns::Name::parse("example.org.")),
                       doctest::Contains("cannot list key directory"), Error);
}

TEST_CASE("revoked keys and the REVOKE flag; tag collisions count revoked tags") {
  auto ed = [](const char* seed, std::uint16_t flags) {
    crypto::KeyMaterial m;
    auto bytes = test::b64(seed);
    m.private_key = crypto::SecretBytes(std::span<const std::uint8_t>(bytes));
    return make_key(dns::Name::parse("example.com."), flags,
                    crypto::PrivateKey::from_material(crypto::algorithm(crypto::alg::ED25519), m, "RFC 8080"));
  };
  std::vector<DnssecKey> keys;
  keys.push_back(ed("ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=", 257));  // tag 3613
  KeySet set(std::move(keys));
  CHECK(tags(set.revoked(0)).empty());
  DnssecKey revoked = ed("ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=", 257 | crypto::dnskey_flag::REVOKE);
  CHECK(revoked.key_tag() == 3741);
  CHECK(key_state(revoked, 0).revoked);
  CHECK(set.tag_collides(revoked));  // its tag is the existing key's revoked tag
  CHECK_FALSE(set.tag_collides(ed("DSSF3o0s0f+ElWzj9E/Osxw8hLpk55chkmx0LYN5WiY=", 257)));  // 35217
}
