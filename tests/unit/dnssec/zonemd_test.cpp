// SPDX-License-Identifier: MIT
#include "signet/dnssec/zonemd.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dnssec_support.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/error.hpp"

using namespace signet;
using test::Bytes;
using test::hex;
namespace rt = dns::rrtype;

namespace {

// RFC 8976 Appendix A.1: the simple EXAMPLE zone.
constexpr std::string_view kSimpleZone = R"(
example.      86400  IN  SOA     ns1 admin 2018031900 (
                                 1800 900 604800 86400 )
              86400  IN  NS      ns1
              86400  IN  NS      ns2
              86400  IN  ZONEMD  2018031900 1 1 (
                                 c68090d90a7aed71
                                 6bc459f9340e3d7c
                                 1370d4d24b7e2fc3
                                 a1ddc0b9a87153b9
                                 a9713b3c9ae5cc27
                                 777f98b8e730044c )
ns1           3600   IN  A       203.0.113.63
ns2           3600   IN  AAAA    2001:db8::63
)";

// RFC 8976 Appendix A.2: the complex EXAMPLE zone (occluded data, a
// duplicate, out-of-zone data, upper-case owners, a wildcard, unsorted
// RRsets, a non-apex ZONEMD).
constexpr std::string_view kComplexZone = R"(
example.      86400  IN  SOA     ns1 admin 2018031900 (
                                 1800 900 604800 86400 )
              86400  IN  NS      ns1
              86400  IN  NS      ns2
              86400  IN  ZONEMD  2018031900 1 1 (
                                 a3b69bad980a3504
                                 e1cffcb0fd6397f9
                                 3848071c93151f55
                                 2ae2f6b1711d4bd2
                                 d8b39808226d7b9d
                                 b71e34b72077f8fe )
ns1           3600   IN  A       203.0.113.63
NS2           3600   IN  AAAA    2001:db8::63
occluded.sub  7200   IN  TXT     "I'm occluded but must be digested"
sub           7200   IN  NS      ns1
duplicate     300    IN  TXT     "I must be digested just once"
duplicate     300    IN  TXT     "I must be digested just once"
foo.test.     555    IN  TXT     "out-of-zone data must be excluded"
UPPERCASE     3600   IN  TXT     "canonicalize uppercase owner names"
*             777    IN  PTR     dont-forget-about-wildcards
mail          3600   IN  MX      20 MAIL1
mail          3600   IN  MX      10 Mail2.Example.
sortme        3600   IN  AAAA    2001:db8::5:61
sortme        3600   IN  AAAA    2001:db8::3:62
sortme        3600   IN  AAAA    2001:db8::4:63
sortme        3600   IN  AAAA    2001:db8::1:65
sortme        3600   IN  AAAA    2001:db8::2:64
non-apex      900    IN  ZONEMD  2018031900 1 1 (
                                 616c6c6f77656420
                                 6275742069676e6f
                                 7265642e20616c6c
                                 6f77656420627574
                                 2069676e6f726564
                                 2e20616c6c6f7765 )
)";

// RFC 8976 Appendix A.3: the EXAMPLE zone with multiple digests.
constexpr std::string_view kMultipleDigestsZone = R"(
example.      86400  IN  SOA     ns1 admin 2018031900 (
                                 1800 900 604800 86400 )
example.      86400  IN  NS      ns1.example.
example.      86400  IN  NS      ns2.example.
example.      86400  IN  ZONEMD  2018031900 1 1 (
                                 62e6cf51b02e54b9
                                 b5f967d547ce4313
                                 6792901f9f88e637
                                 493daaf401c92c27
                                 9dd10f0edb1c56f8
                                 080211f8480ee306 )
example.      86400  IN  ZONEMD  2018031900 1 2 (
                                 08cfa1115c7b948c
                                 4163a901270395ea
                                 226a930cd2cbcf2f
                                 a9a5e6eb85f37c8a
                                 4e114d884e66f176
                                 eab121cb02db7d65
                                 2e0cc4827e7a3204
                                 f166b47e5613fd27 )
example.      86400  IN  ZONEMD  2018031900 1 240 (
                                 e2d523f654b9422a
                                 96c5a8f44607bbee )
example.      86400  IN  ZONEMD  2018031900 241 1 (
                                 e1846540e33a9e41
                                 89792d18d5d131f6
                                 05fc283e )
ns1.example.  3600   IN  A       203.0.113.63
ns2.example.  86400  IN  TXT     "This example has multiple digests"
NS2.EXAMPLE.  3600   IN  AAAA    2001:db8::63
)";

// The apex ZONEMD with (scheme, hash algorithm), split.
dnssec::ZonemdView apex_zonemd(const dns::Zone& zone, std::uint8_t scheme, std::uint8_t algorithm) {
  for (const dns::Record& rr : test::rrset_of(zone, "example.", rt::ZONEMD)) {
    const auto view = dnssec::parse_zonemd(zone.rdata(rr));
    REQUIRE(view.has_value());
    if (view->scheme == scheme && view->hash_algorithm == algorithm) return *view;
  }
  FAIL("no apex ZONEMD ", int(scheme), " ", int(algorithm));
  return {};
}

}  // namespace

TEST_CASE("RFC 8976 A.1: the simple EXAMPLE zone's SHA-384 digest") {
  const dns::Zone zone = test::zone_of(kSimpleZone, "example.");
  const Bytes expected = hex(
      "c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c");
  const Bytes digest = dnssec::zonemd_digest(zone, dnssec::kZonemdSha384);
  CHECK(digest.size() == 48);
  CHECK(digest == expected);

  const dnssec::ZonemdView view = apex_zonemd(zone, 1, 1);
  CHECK(view.serial == 2018031900);
  CHECK(view.scheme == dnssec::kZonemdSchemeSimple);
  CHECK(view.hash_algorithm == dnssec::kZonemdSha384);
  CHECK(test::bytes_of(view.digest) == expected);
  // make_zonemd_rdata rebuilds the record the zone file holds.
  CHECK(dnssec::make_zonemd_rdata(2018031900, 1, 1, digest) == test::rdata_of(zone, "example.", rt::ZONEMD));

  // SHA-512 is a different, 64-octet digest over the same data.
  const Bytes sha512 = dnssec::zonemd_digest(zone, dnssec::kZonemdSha512);
  CHECK(sha512.size() == 64);
  CHECK(Bytes(sha512.begin(), sha512.begin() + 48) != expected);
}

TEST_CASE("RFC 8976 A.1: the digest ignores the apex ZONEMD's content but not the other data") {
  std::string text(kSimpleZone);
  // A placeholder ZONEMD (RFC 8976 3.1) digests to the same value.
  const std::string digest_text =
      "c68090d90a7aed71\n                                 6bc459f9340e3d7c";
  const std::size_t at = text.find(digest_text);
  REQUIRE(at != std::string::npos);
  std::string placeholder = text;
  placeholder.replace(at, digest_text.size(), "0000000000000000\n 0000000000000000");
  const Bytes expected = hex(
      "c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c");
  CHECK(dnssec::zonemd_digest(test::zone_of(placeholder, "example."), 1) == expected);
  // Without any ZONEMD the digest is the same too.
  std::string without = text;
  without.erase(text.find("              86400  IN  ZONEMD"), text.find("ns1           3600") -
                                                                     text.find("              86400  IN  ZONEMD"));
  CHECK(dnssec::zonemd_digest(test::zone_of(without, "example."), 1) == expected);
  // Changing a TTL, an address or an owner's case-insensitive spelling.
  std::string ttl = text;
  ttl.replace(ttl.find("3600   IN  A"), 4, "3601");
  CHECK(dnssec::zonemd_digest(test::zone_of(ttl, "example."), 1) != expected);
  std::string addr = text;
  addr.replace(addr.find("203.0.113.63"), 12, "203.0.113.64");
  CHECK(dnssec::zonemd_digest(test::zone_of(addr, "example."), 1) != expected);
  std::string upper = text;
  upper.replace(upper.find("ns1           3600"), 3, "NS1");
  CHECK(dnssec::zonemd_digest(test::zone_of(upper, "example."), 1) == expected);
}

TEST_CASE("RFC 8976 A.2: the complex EXAMPLE zone's SHA-384 digest") {
  const dns::Zone zone = test::zone_of(kComplexZone, "example.");
  const Bytes expected = hex(
      "a3b69bad980a3504e1cffcb0fd6397f93848071c93151f552ae2f6b1711d4bd2d8b39808226d7b9db71e34b72077f8fe");
  CHECK(dnssec::zonemd_digest(zone, dnssec::kZonemdSha384) == expected);
  const dnssec::ZonemdView view = apex_zonemd(zone, 1, 1);
  CHECK(view.serial == 2018031900);
  CHECK(test::bytes_of(view.digest) == expected);
  // The non-apex ZONEMD is ordinary data there: it is digested.
  const Bytes non_apex_rdata = test::rdata_of(zone, "non-apex.example.", rt::ZONEMD);
  const auto non_apex = dnssec::parse_zonemd(non_apex_rdata);
  REQUIRE(non_apex.has_value());
  CHECK(non_apex->serial == 2018031900);
  CHECK(std::string(non_apex->digest.begin(), non_apex->digest.end()) ==
        "allowed but ignored. allowed but ignored. allowe");
}

TEST_CASE("RFC 8976 A.3: the multiple-digests zone, SHA-384 and SHA-512") {
  const dns::Zone zone = test::zone_of(kMultipleDigestsZone, "example.");
  const Bytes sha384 = hex(
      "62e6cf51b02e54b9b5f967d547ce43136792901f9f88e637493daaf401c92c279dd10f0edb1c56f8080211f8480ee306");
  const Bytes sha512 = hex(
      "08cfa1115c7b948c4163a901270395ea226a930cd2cbcf2fa9a5e6eb85f37c8a"
      "4e114d884e66f176eab121cb02db7d652e0cc4827e7a3204f166b47e5613fd27");
  CHECK(dnssec::zonemd_digest(zone, dnssec::kZonemdSha384) == sha384);
  CHECK(dnssec::zonemd_digest(zone, dnssec::kZonemdSha512) == sha512);
  CHECK(test::bytes_of(apex_zonemd(zone, 1, 1).digest) == sha384);
  CHECK(test::bytes_of(apex_zonemd(zone, 1, 2).digest) == sha512);
  // The private-use scheme and algorithm records split too.
  const dnssec::ZonemdView private_alg = apex_zonemd(zone, 1, 240);
  CHECK(test::bytes_of(private_alg.digest) == hex("e2d523f654b9422a96c5a8f44607bbee"));
  const dnssec::ZonemdView private_scheme = apex_zonemd(zone, 241, 1);
  CHECK(private_scheme.digest.size() == 20);
  CHECK(test::rrset_of(zone, "example.", rt::ZONEMD).size() == 4);
  // Unsupported hash algorithms are refused, not guessed.
  CHECK_THROWS_WITH_AS(dnssec::zonemd_digest(zone, 240), doctest::Contains("unsupported ZONEMD hash algorithm 240"),
                       signet::Error);
  CHECK_THROWS_AS(dnssec::zonemd_digest(zone, 0), signet::Error);
}

TEST_CASE("RFC 8976 A.1 signed: RRSIGs over the apex ZONEMD are left out, other RRSIGs are digested") {
  const std::string base(kSimpleZone);
  const Bytes expected = hex(
      "c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c");
  const std::string zonemd_sig =
      "example. 86400 IN RRSIG ZONEMD 13 1 86400 20300101000000 20200101000000 1 example. AAAA\n";
  CHECK(dnssec::zonemd_digest(test::zone_of(base + zonemd_sig, "example."), 1) == expected);
  const std::string soa_sig =
      "example. 86400 IN RRSIG SOA 13 1 86400 20300101000000 20200101000000 1 example. AAAA\n";
  CHECK(dnssec::zonemd_digest(test::zone_of(base + soa_sig, "example."), 1) != expected);
}

TEST_CASE("parse_zonemd and make_zonemd_rdata") {
  CHECK_FALSE(dnssec::parse_zonemd(Bytes{}).has_value());
  CHECK_FALSE(dnssec::parse_zonemd(Bytes{0x78, 0x45, 0x6B, 0xAC, 1}).has_value());
  const Bytes digest = hex("00112233445566778899aabb");
  const Bytes rdata = dnssec::make_zonemd_rdata(2018031900, 1, 2, digest);
  CHECK(rdata == hex("7848b91c 01 02 00112233445566778899aabb"));
  const auto view = dnssec::parse_zonemd(rdata);
  REQUIRE(view.has_value());
  CHECK(view->serial == 2018031900u);
  CHECK(view->scheme == 1);
  CHECK(view->hash_algorithm == 2);
  CHECK(test::bytes_of(view->digest) == digest);
  const Bytes high_rdata = dnssec::make_zonemd_rdata(0xFFFFFFFF, 255, 255, Bytes{});
  CHECK(high_rdata == Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  const auto high = dnssec::parse_zonemd(high_rdata);
  REQUIRE(high.has_value());
  CHECK(high->serial == 0xFFFFFFFFu);
  CHECK(high->scheme == 255);
  CHECK(high->hash_algorithm == 255);
  CHECK(high->digest.empty());
}
