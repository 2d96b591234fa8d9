// SPDX-License-Identifier: MIT
#include "signet/crypto/private_key.hpp"

#include <doctest/doctest.h>

#include "rfc_vectors.hpp"
#include "signet/error.hpp"

using namespace signet::crypto;
using namespace signet::test;

TEST_CASE("RFC 6605 6: the public key is derived from the private scalar") {
  PrivateKey p256 = PrivateKey::from_material(algorithm(alg::ECDSAP256SHA256),
                                              raw_material("GU6SnQ/Ou+xC5RumuIUIuJZteXT2z0O/ok1s38Et6mQ="), "RFC 6605");
  CHECK(p256.public_key_field() ==
        b64("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="));
  CHECK(p256.bits() == 256);
  PrivateKey p384 = PrivateKey::from_material(
      algorithm(alg::ECDSAP384SHA384), raw_material("WURgWHCcYIYUPWgeLmiPY2DJJk02vgrmTfitxgqcL4vwW7BOrbawVmVe0d9V94SR"),
      "RFC 6605");
  CHECK(p384.public_key_field() == b64("xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/"
                                       "uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40"));
}

TEST_CASE("generated keys survive material() and PEM round trips") {
  for (const Algorithm& a : all_algorithms()) {
    if (!a.signs) continue;
    CAPTURE(a.mnemonic);
    PrivateKey key = PrivateKey::generate(a, 1024);
    CHECK(&key.algorithm() == &a);
    PrivateKey again = PrivateKey::from_material(a, key.material(), "round trip");
    CHECK(again.public_key_field() == key.public_key_field());
    SecretBytes pem = key.to_pem();
    CHECK(pem.view().starts_with("-----BEGIN PRIVATE KEY-----"));
    std::optional<std::uint8_t> number;
    if (a.family == KeyFamily::Rsa) number = a.number;
    PrivateKey from_pem = PrivateKey::from_pem(pem.view(), number, "k.pem");
    CHECK(&from_pem.algorithm() == &a);
    CHECK(from_pem.public_key_field() == key.public_key_field());
  }
}

TEST_CASE("RSA generation sizes: 1024..4096 bits") {
  const Algorithm& rsa = algorithm(alg::RSASHA256);
  CHECK(PrivateKey::generate(rsa, 1024).bits() == 1024);
  CHECK_THROWS_WITH_AS(PrivateKey::generate(rsa, 768), doctest::Contains("outside 1024..4096"), signet::Error);
  CHECK_THROWS_WITH_AS(PrivateKey::generate(rsa, 8192), doctest::Contains("outside 1024..4096"), signet::Error);
}

TEST_CASE("bad key material is refused with the source named") {
  const Algorithm& p256 = algorithm(alg::ECDSAP256SHA256);
  CHECK_THROWS_WITH_AS(PrivateKey::from_material(p256, raw_material("AQID"), "Kx.private"),
                       doctest::Contains("Kx.private: bad ECDSAP256SHA256 (13) private key"), signet::Error);
  KeyMaterial zero;
  zero.private_key = SecretBytes(32);
  CHECK_THROWS_WITH_AS(PrivateKey::from_material(p256, zero, "z"), doctest::Contains("not in the range"), signet::Error);
  KeyMaterial rsa = rsa_material(false);
  rsa.prime1 = SecretBytes();
  CHECK_THROWS_WITH_AS(PrivateKey::from_material(algorithm(alg::RSASHA256), rsa, "r"), doctest::Contains("lacks component"),
                       signet::Error);
  KeyMaterial inconsistent = rsa_material(false);
  inconsistent.private_exponent = rsa_material(true).private_exponent;
  CHECK_THROWS_AS(PrivateKey::from_material(algorithm(alg::RSASHA256), inconsistent, "r"), signet::Error);
  // RSASHA512 keys must be at least 1024 bits (RFC 5702 2.2).
  CHECK_THROWS_WITH_AS(PrivateKey::from_material(algorithm(alg::RSASHA512), rsa_material(false), "r"),
                       doctest::Contains("outside 1024..4096"), signet::Error);
}

TEST_CASE("PEM import: errors say what is wrong") {
  CHECK_THROWS_WITH_AS(PrivateKey::from_pem("not a key", std::nullopt, "x.pem"),
                       doctest::Contains("x.pem: not a PEM private key"), signet::Error);
  PrivateKey rsa = PrivateKey::generate(algorithm(alg::RSASHA256), 1024);
  CHECK_THROWS_WITH_AS(PrivateKey::from_pem(rsa.to_pem().view(), std::nullopt, "r.pem"),
                       doctest::Contains("fits several DNSSEC algorithms"), signet::Error);
  PrivateKey ed = PrivateKey::generate(algorithm(alg::ED25519));
  CHECK_THROWS_WITH_AS(PrivateKey::from_pem(ed.to_pem().view(), alg::ECDSAP256SHA256, "e.pem"),
                       doctest::Contains("not a ECDSAP256SHA256 (13) key"), signet::Error);
}
