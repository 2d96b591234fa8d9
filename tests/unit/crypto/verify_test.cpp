// SPDX-License-Identifier: MIT
#include "signet/crypto/verify.hpp"

#include <doctest/doctest.h>

#include "rfc_vectors.hpp"
#include "signet/crypto/signer.hpp"

using namespace signet::crypto;
using namespace signet::test;

namespace {
Bytes rfc6605_signed_data(std::uint8_t algorithm, std::uint32_t exp, std::uint32_t inc, std::uint16_t tag) {
  return signed_data({1, algorithm, 3, 3600, exp, inc, tag, "example.net"}, "www.example.net", {192, 0, 2, 1});
}
}  // namespace

TEST_CASE("RFC 6605 6.1: the P-256 example signature verifies") {
  PublicKey key = PublicKey::from_dnskey(
      algorithm(alg::ECDSAP256SHA256),
      b64("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="));
  Bytes sig = b64("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==");
  Bytes data = rfc6605_signed_data(13, 1284026679, 1281607479, 55648);
  CHECK(verify(key, data, sig));
  data[10] ^= 1;
  CHECK_FALSE(verify(key, data, sig));
}

TEST_CASE("RFC 6605 6.2: the P-384 example signature verifies") {
  PublicKey key = PublicKey::from_dnskey(
      algorithm(alg::ECDSAP384SHA384),
      b64("xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/"
          "uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40"));
  Bytes sig = b64("/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bd"
                  "cJzusdnI0RSMROxxwGipWcJm");
  CHECK(verify(key, rfc6605_signed_data(14, 1284027625, 1281608425, 10771), sig));
}

TEST_CASE("RFC 5702 and RFC 8080 signatures verify; RSASHA1 keys verify") {
  PublicKey rsa256 = PublicKey::from_dnskey_rdata(dnskey_rdata(
      256, 8, b64("AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=")));
  Bytes sig = b64("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==");
  CHECK(verify(rsa256, rfc5702_signed_data(8, 9033), sig));
  CHECK_FALSE(verify(rsa256, rfc5702_signed_data(8, 9034), sig));

  PublicKey ed = PublicKey::from_dnskey(algorithm(alg::ED25519), b64("l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4="));
  Bytes edsig = b64("oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg==");
  CHECK(verify(ed, rfc8080_signed_data(15, 3613), edsig));
  CHECK_FALSE(verify(ed, rfc8080_signed_data(15, 3613, 3), edsig));

  // Verification with the SHA-1 algorithms works (only signing is refused).
  PrivateKey key = PrivateKey::from_material(algorithm(alg::RSASHA256), rsa_material(false), "test");
  Bytes msg = {1, 2, 3};
  Bytes sha256sig = Signer(key).sign(msg);
  PublicKey as_sha1 = PublicKey::from_dnskey(algorithm(alg::RSASHA1), key.public_key_field());
  CHECK_FALSE(verify(as_sha1, msg, sha256sig));  // different digest inside PKCS#1
}

TEST_CASE("a malformed ECDSA signature is a false, not an exception") {
  PrivateKey key = PrivateKey::generate(algorithm(alg::ECDSAP256SHA256));
  PublicKey pub = key.public_key();
  Bytes msg = {1, 2, 3};
  CHECK_FALSE(verify(pub, msg, Bytes(64, 0)));
  CHECK_FALSE(verify(pub, msg, Bytes(65, 1)));
  CHECK_FALSE(verify(pub, msg, Bytes{}));
}
