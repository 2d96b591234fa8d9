// SPDX-License-Identifier: MIT
#include "signet/dnssec/ds.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "dnssec_support.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/error.hpp"

using namespace signet;
using test::Bytes;
using test::hex;
namespace rt = dns::rrtype;

namespace {

// RFC 4034 5.4 (SHA-1) and RFC 4509 2.3 (SHA-256): the same DNSKEY.
constexpr std::string_view kRfc4034 = R"(
$ORIGIN example.com.
dskey.example.com. 86400 IN DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9Xz
                                             fwJr1AYtsmx3TGkJaNXVbfi/
                                             2pHm822aJ5iI9BMzNXxeYCmZ
                                             DRD99WYwYqUSdjMmmAphXdvx
                                             egXd/M5+X7OrzKBaMbCVdFLU
                                             Uh6DhweJBjEVv5f2wwjM9Xzc
                                             nOf+EPbtG9DMBmADjFDc2w/r
                                             ljwvFw==
                                             ) ;  key id = 60485

dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A
                                           98631FAD1A292118 )
dskey.example.com. 86400 IN DS 60485 5 2   ( D4B7D520E7BB5F0F67674A0C
                                             CEB1E3E0614B93C4F9E99B83
                                             83F6A1E4469DA50A )
)";

// RFC 8080 6.1 (Ed25519, DS SHA-256) and RFC 6605 6.1 / 6.2 (P-256 SHA-256, P-384 SHA-384).
constexpr std::string_view kRfc8080 = R"(
example.com. 3600 IN DNSKEY 257 3 15 (
             l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4= )
example.com. 3600 IN DS 3613 15 2 (
             3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79
             a304b )
)";
constexpr std::string_view kRfc6605P256 = R"(
example.net. 3600 IN DNSKEY 257 3 13 (
        GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edb
        krSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA== )
example.net. 3600 IN DS 55648 13 2 (
        b4c8c1fe2e7477127b27115656ad6256f424625bf5c1
        e2770ce6d6e37df61d17 )
)";
constexpr std::string_view kRfc6605P384 = R"(
example.net. 3600 IN DNSKEY 257 3 14 (
        xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1
        w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8
        /uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40 )
example.net. 3600 IN DS 10771 14 4 (
        72d7b62976ce06438e9c0bf319013cf801f09ecc84b8
        d7e9495f27e305c6a9b0563a9b5f4d288405c3008a94
        6df983d6 )
)";

// The DS of `digest_type` among the RFC's DS records at `owner`.
Bytes ds_of(const dns::Zone& zone, std::string_view owner, std::uint8_t digest_type) {
  for (const Bytes& rdata : test::rdatas_of(zone, owner, rt::DS))
    if (rdata.size() > 3 && rdata[3] == digest_type) return rdata;
  FAIL("no DS of digest type ", int(digest_type), " at ", owner);
  return {};
}

}  // namespace

TEST_CASE("RFC 4034 5.4 and RFC 4509 2.3: DS of dskey.example.com. (SHA-1 and SHA-256)") {
  const dns::Zone zone = test::zone_of(kRfc4034);
  const dns::Name owner = dns::Name::parse("dskey.example.com.");
  const Bytes dnskey = test::rdata_of(zone, "dskey.example.com.", rt::DNSKEY);
  CHECK(crypto::key_tag(dnskey) == 60485);

  const Bytes sha1 = ds_of(zone, "dskey.example.com.", 1);
  const Bytes sha256 = ds_of(zone, "dskey.example.com.", 2);
  CHECK(dnssec::make_ds_rdata(owner, dnskey, 1) == sha1);
  CHECK(dnssec::make_ds_rdata(owner, dnskey, 2) == sha256);
  // Spelled out: key tag 60485 (0xEC45), algorithm 5, digest type, digest.
  Bytes expected = {0xEC, 0x45, 5, 1};
  const Bytes digest = hex("2BB183AF5F22588179A53B0A98631FAD1A292118");
  expected.insert(expected.end(), digest.begin(), digest.end());
  CHECK(sha1 == expected);
  // The owner is hashed in canonical (lower-case) form.
  CHECK(dnssec::make_ds_rdata(dns::Name::parse("DSKEY.Example.COM."), dnskey, 2) == sha256);

  const auto view = dnssec::parse_ds(sha1);
  REQUIRE(view.has_value());
  CHECK(view->key_tag == 60485);
  CHECK(view->algorithm == 5);
  CHECK(view->digest_type == 1);
  CHECK(test::bytes_of(view->digest) == digest);
  const auto view256 = dnssec::parse_ds(sha256);
  REQUIRE(view256.has_value());
  CHECK(view256->key_tag == 60485);
  CHECK(view256->digest_type == 2);
  CHECK(test::bytes_of(view256->digest) == hex("D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A"));
}

TEST_CASE("RFC 8080 6.1 and RFC 6605 6: DS for Ed25519, P-256 (SHA-256) and P-384 (SHA-384) keys") {
  struct Case {
    std::string_view text;
    const char* owner;
    std::uint16_t tag;
    std::uint8_t digest_type;
  };
  for (const Case& c : {Case{kRfc8080, "example.com.", 3613, 2}, Case{kRfc6605P256, "example.net.", 55648, 2},
                        Case{kRfc6605P384, "example.net.", 10771, 4}}) {
    CAPTURE(c.tag);
    const dns::Zone zone = test::zone_of(c.text);
    const Bytes dnskey = test::rdata_of(zone, c.owner, rt::DNSKEY);
    const Bytes ds = test::rdata_of(zone, c.owner, rt::DS);
    CHECK(crypto::key_tag(dnskey) == c.tag);
    CHECK(dnssec::make_ds_rdata(dns::Name::parse(c.owner), dnskey, c.digest_type) == ds);
    CHECK(dnssec::ds_matches_dnskey(ds, dns::Name::parse(c.owner), dnskey));
    const auto view = dnssec::parse_ds(ds);
    REQUIRE(view.has_value());
    CHECK(view->key_tag == c.tag);
    CHECK(view->algorithm == dnskey[3]);
    CHECK(view->digest_type == c.digest_type);
    CHECK(view->digest.size() == (c.digest_type == 4 ? 48u : 32u));
  }
}

TEST_CASE("ds_matches_dnskey: the RFC DS records match; anything changed does not") {
  const dns::Zone zone = test::zone_of(kRfc4034);
  const dns::Name owner = dns::Name::parse("dskey.example.com.");
  const Bytes dnskey = test::rdata_of(zone, "dskey.example.com.", rt::DNSKEY);
  for (std::uint8_t type : {1, 2}) {
    CAPTURE(int(type));
    const Bytes ds = ds_of(zone, "dskey.example.com.", type);
    CHECK(dnssec::ds_matches_dnskey(ds, owner, dnskey));
    CHECK(dnssec::ds_matches_dnskey(ds, dns::Name::parse("dSKey.EXAMPLE.com."), dnskey));

    // Another owner name.
    CHECK_FALSE(dnssec::ds_matches_dnskey(ds, dns::Name::parse("dskey.example.net."), dnskey));
    CHECK_FALSE(dnssec::ds_matches_dnskey(ds, dns::Name::parse("example.com."), dnskey));
    // A digest with one bit flipped, cut short, or lengthened.
    Bytes flipped = ds;
    flipped.back() ^= 0x01;
    CHECK_FALSE(dnssec::ds_matches_dnskey(flipped, owner, dnskey));
    CHECK_FALSE(dnssec::ds_matches_dnskey(Bytes(ds.begin(), ds.end() - 1), owner, dnskey));
    Bytes longer = ds;
    longer.push_back(0);
    CHECK_FALSE(dnssec::ds_matches_dnskey(longer, owner, dnskey));
    // Key tag or algorithm field changed (the digest alone still matches).
    Bytes tag = ds;
    tag[1] ^= 0x01;
    CHECK_FALSE(dnssec::ds_matches_dnskey(tag, owner, dnskey));
    Bytes alg = ds;
    alg[2] = 8;
    CHECK_FALSE(dnssec::ds_matches_dnskey(alg, owner, dnskey));
    // Digest type swapped: the digest is of the other hash.
    Bytes swapped = ds;
    swapped[3] = type == 1 ? 2 : 1;
    CHECK_FALSE(dnssec::ds_matches_dnskey(swapped, owner, dnskey));
    // An unsupported digest type never matches (3 is GOST).
    Bytes gost = ds;
    gost[3] = 3;
    CHECK_FALSE(dnssec::ds_matches_dnskey(gost, owner, dnskey));
    // The DNSKEY changed: the flags (the SEP bit) and the key are digested.
    Bytes ksk = dnskey;
    ksk[1] |= 0x01;
    CHECK_FALSE(dnssec::ds_matches_dnskey(ds, owner, ksk));
    Bytes other_key = dnskey;
    other_key.back() ^= 0x80;
    CHECK_FALSE(dnssec::ds_matches_dnskey(ds, owner, other_key));
  }
  // A DS of another key (RFC 8080's) at another owner.
  const dns::Zone ed = test::zone_of(kRfc8080);
  CHECK_FALSE(dnssec::ds_matches_dnskey(test::rdata_of(ed, "example.com.", rt::DS), owner, dnskey));
  CHECK_FALSE(dnssec::ds_matches_dnskey(ds_of(zone, "dskey.example.com.", 2), dns::Name::parse("example.com."),
                                        test::rdata_of(ed, "example.com.", rt::DNSKEY)));
  // Malformed input is a plain false.
  CHECK_FALSE(dnssec::ds_matches_dnskey(Bytes{0xEC, 0x45, 5, 1}, owner, dnskey));
  CHECK_FALSE(dnssec::ds_matches_dnskey(ds_of(zone, "dskey.example.com.", 1), owner, Bytes{1, 0, 3}));
  CHECK_FALSE(dnssec::ds_matches_dnskey(Bytes{}, owner, Bytes{}));
}

TEST_CASE("parse_ds and make_ds_rdata edge cases") {
  CHECK_FALSE(dnssec::parse_ds(Bytes{}).has_value());
  CHECK_FALSE(dnssec::parse_ds(Bytes{0, 1, 2, 3}).has_value());
  const Bytes one_rdata = {0xFF, 0xFE, 13, 2, 0xAB};
  const auto one = dnssec::parse_ds(one_rdata);
  REQUIRE(one.has_value());
  CHECK(one->key_tag == 0xFFFE);
  CHECK(one->algorithm == 13);
  CHECK(one->digest_type == 2);
  CHECK(test::bytes_of(one->digest) == Bytes{0xAB});

  const dns::Zone zone = test::zone_of(kRfc4034);
  const Bytes dnskey = test::rdata_of(zone, "dskey.example.com.", rt::DNSKEY);
  const dns::Name owner = dns::Name::parse("dskey.example.com.");
  CHECK_THROWS_AS(dnssec::make_ds_rdata(owner, dnskey, 3), signet::Error);
  CHECK_THROWS_AS(dnssec::make_ds_rdata(owner, dnskey, 0), signet::Error);
  CHECK_THROWS_WITH_AS(dnssec::make_ds_rdata(owner, Bytes{1, 0, 3}, 2), doctest::Contains("shorter"), signet::Error);
  // SHA-384 of the RFC 4034 key: the right size and self-consistent.
  const Bytes sha384 = dnssec::make_ds_rdata(owner, dnskey, 4);
  CHECK(sha384.size() == 4 + 48);
  CHECK(dnssec::ds_matches_dnskey(sha384, owner, dnskey));
}

TEST_CASE("RFC 8078 4: the CDS and CDNSKEY delete records") {
  const dns::Zone zone = test::zone_of(
      "$ORIGIN example.com.\n"
      "example.com. 3600 IN CDS 0 0 0 00\n"
      "example.com. 3600 IN CDNSKEY 0 3 0 AA==\n");
  const Bytes cds = test::rdata_of(zone, "example.com.", rt::CDS);
  const Bytes cdnskey = test::rdata_of(zone, "example.com.", rt::CDNSKEY);
  CHECK(cds == Bytes{0, 0, 0, 0, 0});
  CHECK(cdnskey == Bytes{0, 0, 3, 0, 0});
  CHECK(dnssec::cds_delete_rdata() == cds);
  CHECK(dnssec::cdnskey_delete_rdata() == cdnskey);

  CHECK(dnssec::is_cds_delete(cds));
  CHECK_FALSE(dnssec::is_cds_delete(cdnskey));
  CHECK(dnssec::is_cdnskey_delete(cdnskey));
  CHECK_FALSE(dnssec::is_cdnskey_delete(cds));

  // The delete CDS still splits as a DS: tag 0, algorithm 0, digest type 0, one zero octet.
  const auto view = dnssec::parse_ds(cds);
  REQUIRE(view.has_value());
  CHECK(view->key_tag == 0);
  CHECK(view->algorithm == 0);
  CHECK(view->digest_type == 0);
  CHECK(test::bytes_of(view->digest) == Bytes{0});

  // Near misses are not delete requests.
  CHECK_FALSE(dnssec::is_cds_delete(Bytes{0, 0, 0, 0}));
  CHECK_FALSE(dnssec::is_cds_delete(Bytes{0, 0, 0, 0, 0, 0}));
  CHECK_FALSE(dnssec::is_cds_delete(Bytes{0, 0, 0, 0, 1}));
  CHECK_FALSE(dnssec::is_cds_delete(Bytes{0, 1, 0, 0, 0}));
  CHECK_FALSE(dnssec::is_cds_delete(Bytes{}));
  const dns::Zone rfc = test::zone_of(kRfc4034);
  CHECK_FALSE(dnssec::is_cds_delete(ds_of(rfc, "dskey.example.com.", 1)));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{0, 0, 3, 0}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{0, 0, 3, 0, 0, 0}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{0, 0, 3, 0, 1}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{0, 0, 3, 5, 0}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{1, 0, 3, 0, 0}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(Bytes{0, 0, 2, 0, 0}));
  CHECK_FALSE(dnssec::is_cdnskey_delete(test::rdata_of(rfc, "dskey.example.com.", rt::DNSKEY)));
  // A delete CDS names no key.
  CHECK_FALSE(dnssec::ds_matches_dnskey(cds, dns::Name::parse("example.com."), cdnskey));
}
