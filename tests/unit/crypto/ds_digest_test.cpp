// SPDX-License-Identifier: MIT
#include "signet/crypto/ds_digest.hpp"

#include <doctest/doctest.h>

#include "signet/error.hpp"
#include "test_support.hpp"

using namespace signet::crypto;
using namespace signet::test;
using signet::dns::NameView;

namespace {
const Bytes kRfc4034Key = dnskey_rdata(
    256, 5,
    b64("AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/"
        "M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=="));
}

TEST_CASE("RFC 4034 5.4: DS SHA-1 of dskey.example.com.") {
  std::string owner = wire_name("dskey.example.com");
  CHECK(ds_digest(NameView(owner), kRfc4034Key, ds_digest_type::SHA_1) == hex("2BB183AF5F22588179A53B0A98631FAD1A292118"));
}

TEST_CASE("RFC 4509 2.3: DS SHA-256 of dskey.example.com., owner case does not matter") {
  std::string owner = wire_name("dSKey.EXAMPLE.com");
  CHECK(ds_digest(NameView(owner), kRfc4034Key, ds_digest_type::SHA_256) ==
        hex("D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A"));
}

TEST_CASE("RFC 6605 6.1 and 6.2: DS SHA-256 (P-256) and SHA-384 (P-384)") {
  std::string owner = wire_name("example.net");
  CHECK(ds_digest(NameView(owner),
                  dnskey_rdata(257, 13, b64("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")),
                  ds_digest_type::SHA_256) == hex("b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17"));
  CHECK(ds_digest(NameView(owner),
                  dnskey_rdata(257, 14,
                               b64("xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/"
                                   "uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40")),
                  ds_digest_type::SHA_384) ==
        hex("72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0563a9b5f4d288405c3008a946df983d6"));
}

TEST_CASE("DS digest type table and errors") {
  CHECK(find_ds_digest_type("SHA-256")->number == 2);
  CHECK(find_ds_digest_type("sha384")->number == 4);
  CHECK(find_ds_digest_type("1")->mnemonic == "SHA-1");
  CHECK(find_ds_digest_type(std::uint8_t{3}) == nullptr);  // GOST R 34.11-94: unsupported
  CHECK(all_ds_digest_types().size() == 3);
  std::string owner = wire_name("example.net");
  CHECK_THROWS_WITH_AS(ds_digest(NameView(owner), kRfc4034Key, 3), doctest::Contains("unsupported DS digest type 3"),
                       signet::Error);
}
