// SPDX-License-Identifier: MIT
#include "signet/crypto/public_key.hpp"

#include <doctest/doctest.h>

#include "signet/error.hpp"
#include "test_support.hpp"

using namespace signet::crypto;
using namespace signet::test;

TEST_CASE("DNSKEY public keys decode and re-encode identically") {
  struct Case {
    std::uint8_t algorithm;
    const char* key;
    unsigned bits;
  };
  const Case cases[] = {
      {alg::RSASHA1,
       "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/"
       "M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==",
       1024},
      {alg::RSASHA256, "AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=", 512},
      {alg::ECDSAP256SHA256, "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==", 256},
      {alg::ED25519, "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 256},
      {alg::ED448, "3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA", 456},
  };
  for (const Case& c : cases) {
    CAPTURE(c.algorithm);
    PublicKey key = PublicKey::from_dnskey(algorithm(c.algorithm), b64(c.key));
    CHECK(key.dnskey_field() == b64(c.key));
    CHECK(key.algorithm().number == c.algorithm);
    CHECK(key.bits() == c.bits);
    PublicKey copy = key;  // shares the OpenSSL key
    CHECK(copy.dnskey_field() == b64(c.key));
  }
}

TEST_CASE("RFC 3110: a three-octet exponent length form decodes") {
  Bytes field = b64("AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=");
  Bytes longform = {0, 0, 3};
  longform.insert(longform.end(), field.begin() + 1, field.end());
  PublicKey key = PublicKey::from_dnskey(algorithm(alg::RSASHA256), longform);
  CHECK(key.dnskey_field() == field);  // re-encoded in the short form
}

TEST_CASE("malformed public keys are refused") {
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey(algorithm(alg::ECDSAP256SHA256), Bytes(63, 1)),
                       doctest::Contains("RFC 6605 says 64"), signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey(algorithm(alg::ECDSAP256SHA256), Bytes(64, 1)),
                       doctest::Contains("not a point on P-256"), signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey(algorithm(alg::ED25519), Bytes(31, 1)),
                       doctest::Contains("RFC 8080 says 32"), signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey(algorithm(alg::RSASHA256), Bytes{3, 1, 0, 1}),
                       doctest::Contains("exponent length"), signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey(algorithm(alg::RSASHA256), Bytes{}), doctest::Contains("exponent length"),
                       signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey_rdata(Bytes{1, 0, 2, 13}), doctest::Contains("protocol is 2"), signet::Error);
  CHECK_THROWS_WITH_AS(PublicKey::from_dnskey_rdata(Bytes{1, 0, 3, 3, 1}), doctest::Contains("unsupported DNSSEC algorithm 3"),
                       signet::Error);
  CHECK_THROWS_AS(PublicKey::from_dnskey_rdata(Bytes{1, 0}), signet::Error);
}
