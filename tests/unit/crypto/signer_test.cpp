// SPDX-License-Identifier: MIT
#include "signet/crypto/signer.hpp"

#include <doctest/doctest.h>

#include <set>
#include <thread>
#include <vector>

#include "rfc_vectors.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/error.hpp"

using namespace signet::crypto;
using namespace signet::test;

TEST_CASE("RFC 5702 6.1: RSA/SHA-256 signature is reproduced byte for byte") {
  PrivateKey key = PrivateKey::from_material(algorithm(alg::RSASHA256), rsa_material(false), "RFC 5702 6.1");
  CHECK(key.bits() == 512);
  CHECK(key.public_key_field() == b64("AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk="));
  Signer signer(key);
  CHECK(signer.sign(rfc5702_signed_data(8, 9033)) ==
        b64("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg=="));
}

TEST_CASE("RFC 5702 6.2: RSA/SHA-512 signature is reproduced byte for byte") {
  PrivateKey key = PrivateKey::from_material(algorithm(alg::RSASHA512), rsa_material(true), "RFC 5702 6.2");
  Signer signer(key);
  Bytes expected = b64("tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/"
                       "zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw=");
  CHECK(signer.sign(rfc5702_signed_data(10, 3740)) == expected);
  // The signer is reused: a second message, then the first again, still matches.
  CHECK(signer.sign(rfc5702_signed_data(10, 1)) != expected);
  Bytes out = {0xAA};
  signer.sign(rfc5702_signed_data(10, 3740), out);
  CHECK(out.size() == 1 + expected.size());
  CHECK(Bytes(out.begin() + 1, out.end()) == expected);
}

TEST_CASE("RFC 8080 6.1: Ed25519 signatures (erratum 4935) are reproduced byte for byte") {
  struct Case {
    const char* private_key;
    const char* public_key;
    std::uint16_t tag;
    const char* signature;
  };
  const Case cases[] = {
      {"ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=", "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613,
       "oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg=="},
      {"DSSF3o0s0f+ElWzj9E/Osxw8hLpk55chkmx0LYN5WiY=", "zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=", 35217,
       "zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg=="},
  };
  for (const Case& c : cases) {
    PrivateKey key = PrivateKey::from_material(algorithm(alg::ED25519), raw_material(c.private_key), "RFC 8080");
    CHECK(key.public_key_field() == b64(c.public_key));
    Signer signer(key);
    CHECK(signer.sign(rfc8080_signed_data(15, c.tag)) == b64(c.signature));
  }
}

TEST_CASE("RFC 8080 6.1: the published (pre-erratum) signature was made over labels = 3") {
  PrivateKey key = PrivateKey::from_material(algorithm(alg::ED25519),
                                             raw_material("ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI="), "RFC 8080");
  CHECK(Signer(key).sign(rfc8080_signed_data(15, 3613, 3)) ==
        b64("Edk+IB9KNNWg0HAjm7FazXyrd5m3Rk8zNZbvNpAcM+eysqcUOMIjWoevFkjH5GaMWeG96GUVZu6ECKOQmemHDg=="));
}

TEST_CASE("RFC 8080 6.2: Ed448 signatures (erratum 4935) are reproduced byte for byte") {
  struct Case {
    const char* private_key;
    const char* public_key;
    std::uint16_t tag;
    const char* signature;
  };
  const Case cases[] = {
      {"xZ+5Cgm463xugtkY5B0Jx6erFTXp13rYegst0qRtNsOYnaVpMx0Z/c5EiA9x8wWbDDct/U3FhYWA",
       "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA", 9713,
       "3cPAHkmlnxcDHMyg7vFC34l0blBhuG1qpwLmjInI8w1CMB29FkEAIJUA0amxWndkmnBZ6SKiwZSAxGILn/NBtOXft0+Gj7FSvOKxE/07+4RQvE581N3Aj/"
       "JtIyaiYVdnYtyMWbSNyGEY2213WKsJlwEA"},
      {"WEykD3ht3MHkU8iH4uVOLz8JLwtRBSqiBoM6fF72+Mrp/u5gjxuB1DV6NnPO2BlZdz4hdSTkOdOA",
       "kkreGWoccSDmUBGAe7+zsbG6ZAFQp+syPmYUurBRQc3tDjeMCJcVMRDmgcNLp5HlHAMy12VoISsA", 38353,
       "E1/oLjSGIbmLny/4fcgM1z4oL6aqo+izT3urCyHyvEp4Sp8Syg1eI+lJ57CSnZqjJP41O/9l4m0AsQ4f7qI1gVnML8vWWiyW2KXhT9kuAICUSxv5OWbf81"
       "Rq7Yu60npabODB0QFPb/rkW3kUZmQ0YQUA"},
  };
  for (const Case& c : cases) {
    PrivateKey key = PrivateKey::from_material(algorithm(alg::ED448), raw_material(c.private_key), "RFC 8080");
    CHECK(key.public_key_field() == b64(c.public_key));
    CHECK(Signer(key).sign(rfc8080_signed_data(16, c.tag)) == b64(c.signature));
  }
}

TEST_CASE("sign/verify round trip for every signing algorithm") {
  const Bytes message = rfc5702_signed_data(0, 0);
  for (const Algorithm& a : all_algorithms()) {
    if (!a.signs) continue;
    CAPTURE(a.mnemonic);
    PrivateKey key = PrivateKey::generate(a, 1024);
    Signer signer(key);
    Bytes sig = signer.sign(message);
    CHECK(sig.size() <= signer.max_signature_size());
    if (a.signature_octets != 0) CHECK(sig.size() == a.signature_octets);
    PublicKey pub = key.public_key();
    SignatureVerifier verifier(pub);
    CHECK(verifier.verify(message, sig));
    CHECK(verifier.verify(message, sig));  // contexts are reusable
    Bytes tampered = message;
    tampered.back() ^= 1;
    CHECK_FALSE(verifier.verify(tampered, sig));
    Bytes bad = sig;
    bad[bad.size() / 2] ^= 0x40;
    CHECK_FALSE(verifier.verify(message, bad));
    CHECK_FALSE(verifier.verify(message, Bytes(sig.begin(), sig.end() - 1)));
    CHECK(verify(pub, message, sig));
  }
}

TEST_CASE("signing with RSASHA1 and RSASHA1-NSEC3-SHA1 is refused (RFC 8624)") {
  // The RFC 5702 key loaded as RSASHA1 verifies fine but cannot sign.
  for (std::uint8_t number : {alg::RSASHA1, alg::RSASHA1_NSEC3_SHA1}) {
    PrivateKey key = PrivateKey::from_material(algorithm(number), rsa_material(false), "test");
    CHECK_THROWS_WITH_AS(Signer{key}, doctest::Contains("RFC 8624"), signet::Error);
    CHECK_THROWS_WITH_AS(PrivateKey::generate(algorithm(number), 2048), doctest::Contains("refusing to sign"),
                         signet::Error);
  }
}

TEST_CASE("ECDSA r||s survive the conversions with leading zero octets and high bits") {
  // signet writes r and s itself (from OpenSSL's BIGNUMs, or from DER where
  // signing goes through EVP) and converts them to DER by hand to verify: a
  // component below 2^248 (a leading zero octet, about 1 in 128 signatures)
  // must keep its width, and one with the top bit set needs DER's padding
  // octet to verify.
  // Enough signatures that both cases occur (the chance of missing the
  // leading zero in 1500 P-256 signatures is below 1e-5).
  for (const char* mnemonic : {"ECDSAP256SHA256", "ECDSAP384SHA384"}) {
    CAPTURE(mnemonic);
    const Algorithm& a = *find_algorithm(mnemonic);
    PrivateKey key = PrivateKey::generate(a, 0);
    Signer signer(key);
    SignatureVerifier verifier(key.public_key());
    const Bytes message = rfc5702_signed_data(0, 0);
    bool leading_zero = false, high_bit = false;
    const int rounds = a.component_octets == 32 ? 1500 : 300;
    for (int i = 0; i < rounds; ++i) {
      Bytes sig = signer.sign(message);
      REQUIRE(sig.size() == 2 * a.component_octets);
      REQUIRE(verifier.verify(message, sig));
      for (const std::size_t part : {std::size_t{0}, std::size_t{a.component_octets}}) {
        leading_zero |= sig[part] == 0;
        high_bit |= (sig[part] & 0x80) != 0;
      }
    }
    CHECK(high_bit);
    if (a.component_octets == 32) CHECK(leading_zero);
  }
  // A raw signature whose components are all zero, or all ones, encodes and
  // fails verification rather than throwing.
  const Algorithm& p256 = *find_algorithm("ECDSAP256SHA256");
  PrivateKey key = PrivateKey::generate(p256, 0);
  SignatureVerifier verifier(key.public_key());
  CHECK_FALSE(verifier.verify(rfc5702_signed_data(0, 0), Bytes(64, 0x00)));
  CHECK_FALSE(verifier.verify(rfc5702_signed_data(0, 0), Bytes(64, 0xFF)));
}

TEST_CASE("ECDSA signatures take a fresh nonce, and signers of one key work on several threads") {
  for (const char* mnemonic : {"ECDSAP256SHA256", "ECDSAP384SHA384"}) {
    CAPTURE(mnemonic);
    const Algorithm& a = *find_algorithm(mnemonic);
    PrivateKey key = PrivateKey::generate(a, 0);
    SignatureVerifier verifier(key.public_key());
    const Bytes message = rfc5702_signed_data(0, 0);
    // The same message twice: a different r (k is drawn per signature), both valid.
    Signer signer(key);
    const Bytes first = signer.sign(message);
    const Bytes second = signer.sign(message);
    CHECK(verifier.verify(message, first));
    CHECK(verifier.verify(message, second));
    CHECK(Bytes(first.begin(), first.begin() + a.component_octets) !=
          Bytes(second.begin(), second.begin() + a.component_octets));
    // One signer per thread, as the zone signer does; every signature verifies
    // and no two share r.
    constexpr int kThreads = 4, kEach = 50;
    std::vector<std::vector<Bytes>> made(kThreads);
    std::vector<std::thread> pool;
    for (int t = 0; t < kThreads; ++t)
      pool.emplace_back([&key, &message, &out = made[t]] {
        Signer own(key);
        for (int i = 0; i < kEach; ++i) out.push_back(own.sign(message));
      });
    for (std::thread& th : pool) th.join();
    std::set<Bytes> rs;
    for (const auto& list : made)
      for (const Bytes& sig : list) {
        REQUIRE(verifier.verify(message, sig));
        rs.insert(Bytes(sig.begin(), sig.begin() + a.component_octets));
      }
    CHECK(rs.size() == kThreads * kEach);
  }
}
