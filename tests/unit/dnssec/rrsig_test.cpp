// SPDX-License-Identifier: MIT
#include "signet/dnssec/rrsig.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "../crypto/rfc_vectors.hpp"
#include "dnssec_support.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/private_key.hpp"
#include "signet/crypto/public_key.hpp"
#include "signet/crypto/signer.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/dns/rrtype.hpp"

using namespace signet;
using test::b64;
using test::Bytes;
namespace rt = dns::rrtype;

namespace {

Bytes signed_data_of(const dnssec::RrsigFields& fields, const dns::Zone& zone, std::span<const dns::Record> set) {
  std::vector<std::uint8_t> out;
  dnssec::append_signed_data(fields, zone, set, out);
  return out;
}

void check_fields_equal(const dnssec::RrsigFields& a, const dnssec::RrsigFields& b) {
  CHECK(a.type_covered == b.type_covered);
  CHECK(a.algorithm == b.algorithm);
  CHECK(a.labels == b.labels);
  CHECK(a.original_ttl == b.original_ttl);
  CHECK(a.expiration == b.expiration);
  CHECK(a.inception == b.inception);
  CHECK(a.key_tag == b.key_tag);
  CHECK(a.signer.to_text() == b.signer.to_text());
}

// RFC 8080 6.1 as corrected by erratum 4935 (Labels 2).
struct Ed25519Case {
  const char* private_key;
  const char* public_key;
  std::uint16_t tag;
  const char* signature;
};
const Ed25519Case kRfc8080Cases[] = {
    {"ODIyNjAzODQ2MjgwODAxMjI2NDUxOTAyMDQxNDIyNjI=", "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=", 3613,
     "oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg=="},
    {"DSSF3o0s0f+ElWzj9E/Osxw8hLpk55chkmx0LYN5WiY=", "zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=", 35217,
     "zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg=="},
};

std::string rfc8080_zone(const Ed25519Case& c, std::string_view mx_owner = "example.com.",
                         std::string_view mx_target = "mail.example.com.") {
  return "$ORIGIN example.com.\n"
         "example.com. 3600 IN DNSKEY 257 3 15 " + std::string(c.public_key) + "\n" +
         std::string(mx_owner) + " 3600 IN MX 10 " + std::string(mx_target) + "\n" +
         "example.com. 3600 IN RRSIG MX 15 2 3600 ( 1440021600 1438207200 " + std::to_string(c.tag) +
         " example.com. " + c.signature + " )\n";
}

}  // namespace

TEST_CASE("RFC 8080 6.1: Ed25519 RRSIGs over example.com. MX are reproduced byte for byte") {
  for (const Ed25519Case& c : kRfc8080Cases) {
    CAPTURE(c.tag);
    const dns::Zone zone = test::zone_of(rfc8080_zone(c));
    const Bytes dnskey = test::rdata_of(zone, "example.com.", rt::DNSKEY);
    CHECK(crypto::key_tag(dnskey) == c.tag);
    const crypto::PrivateKey key = crypto::PrivateKey::from_material(
        crypto::algorithm(crypto::alg::ED25519), test::raw_material(c.private_key), "RFC 8080");
    CHECK(key.public_key_field() == Bytes(dnskey.begin() + 4, dnskey.end()));

    const dns::Name signer = dns::Name::parse("example.com.");
    dnssec::RrsigFields fields;
    fields.type_covered = rt::MX;
    fields.algorithm = 15;
    fields.labels = static_cast<std::uint8_t>(dns::Name::parse("example.com.").view().rrsig_label_count());
    fields.original_ttl = 3600;
    fields.expiration = 1440021600;
    fields.inception = 1438207200;
    fields.key_tag = c.tag;
    fields.signer = signer.view();
    CHECK(fields.labels == 2);

    const auto mx = test::rrset_of(zone, "example.com.", rt::MX);
    const Bytes data = signed_data_of(fields, zone, mx);
    CHECK(data == test::rfc8080_signed_data(15, c.tag));
    const Bytes signature = crypto::Signer(key).sign(data);
    CHECK(signature == b64(c.signature));

    // The RRSIG rdata built from the fields and signature is the RFC's record.
    const Bytes rrsig = test::rdata_of(zone, "example.com.", rt::RRSIG);
    CHECK(dnssec::make_rrsig_rdata(fields, signature) == rrsig);
    const auto view = dnssec::parse_rrsig(rrsig);
    REQUIRE(view.has_value());
    check_fields_equal(view->fields, fields);
    CHECK(test::bytes_of(view->signature) == b64(c.signature));
    // The signed data begins with the rdata's fields.
    std::vector<std::uint8_t> prefix;
    dnssec::append_rrsig_fields(view->fields, prefix);
    CHECK(prefix == Bytes(rrsig.begin(), rrsig.end() - static_cast<std::ptrdiff_t>(view->signature.size())));
    CHECK(std::equal(prefix.begin(), prefix.end(), data.begin()));
    // And the signature verifies against the DNSKEY.
    CHECK(crypto::verify(crypto::PublicKey::from_dnskey_rdata(dnskey), signed_data_of(view->fields, zone, mx),
                         view->signature));
  }
}

TEST_CASE("RFC 8080 6.1: owner, rdata names and signer name are signed in canonical (lower) case") {
  const Ed25519Case& c = kRfc8080Cases[0];
  const dns::Zone zone = test::zone_of(rfc8080_zone(c, "EXAMPLE.Com.", "Mail.EXAMPLE.com."));
  const dns::Name signer = dns::Name::parse("Example.COM.");
  dnssec::RrsigFields fields{rt::MX, 15, 2, 3600, 1440021600, 1438207200, c.tag, signer.view()};
  const Bytes data = signed_data_of(fields, zone, test::rrset_of(zone, "example.com.", rt::MX));
  CHECK(data == test::rfc8080_signed_data(15, c.tag));
  const crypto::PrivateKey key = crypto::PrivateKey::from_material(crypto::algorithm(crypto::alg::ED25519),
                                                                   test::raw_material(c.private_key), "RFC 8080");
  const Bytes signature = crypto::Signer(key).sign(data);
  CHECK(signature == b64(c.signature));
  // The rdata's signer name is lower-cased as well (RFC 6840 5.1).
  CHECK(dnssec::make_rrsig_rdata(fields, signature) == test::rdata_of(zone, "example.com.", rt::RRSIG));
}

TEST_CASE("RFC 6605 6: the P-256 and P-384 example RRSIGs verify over append_signed_data") {
  struct Case {
    std::uint8_t algorithm;
    const char* private_key;
    const char* dnskey;
    std::uint16_t tag;
    const char* expiration;
    const char* inception;
    std::uint32_t expiration_value, inception_value;
    const char* signature;
  };
  const Case cases[] = {
      {13, "GU6SnQ/Ou+xC5RumuIUIuJZteXT2z0O/ok1s38Et6mQ=",
       "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==", 55648,
       "20100909100439", "20100812100439", 1284026679, 1281607479,
       "qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw=="},
      {14, "WURgWHCcYIYUPWgeLmiPY2DJJk02vgrmTfitxgqcL4vwW7BOrbawVmVe0d9V94SR",
       "xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/"
       "uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40",
       10771, "20100909102025", "20100812102025", 1284027625, 1281608425,
       "/L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bd"
       "cJzusdnI0RSMROxxwGipWcJm"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.tag);
    const std::string head = "$ORIGIN example.net.\n"
                             "example.net. 3600 IN DNSKEY 257 3 " + std::to_string(c.algorithm) + " " + c.dnskey + "\n";
    const std::string rrsig = "www.example.net. 3600 IN RRSIG A " + std::to_string(c.algorithm) + " 3 3600 (\n        " +
                              c.expiration + " " + c.inception + " " + std::to_string(c.tag) + " example.net.\n        " +
                              c.signature + " )\n";
    const dns::Zone zone = test::zone_of(head + "www.example.net. 3600 IN A 192.0.2.1\n" + rrsig);
    const Bytes dnskey = test::rdata_of(zone, "example.net.", rt::DNSKEY);
    CHECK(crypto::key_tag(dnskey) == c.tag);
    const Bytes rdata = test::rdata_of(zone, "www.example.net.", rt::RRSIG);
    const auto view = dnssec::parse_rrsig(rdata);
    REQUIRE(view.has_value());
    CHECK(view->fields.type_covered == rt::A);
    CHECK(view->fields.algorithm == c.algorithm);
    CHECK(view->fields.labels == 3);
    CHECK(view->fields.original_ttl == 3600);
    CHECK(view->fields.expiration == c.expiration_value);
    CHECK(view->fields.inception == c.inception_value);
    CHECK(view->fields.key_tag == c.tag);
    CHECK(view->fields.signer.to_text() == "example.net.");
    CHECK(test::bytes_of(view->signature) == b64(c.signature));
    CHECK(view->signature.size() == (c.algorithm == 13 ? 64u : 96u));
    CHECK(dnssec::make_rrsig_rdata(view->fields, view->signature) == rdata);

    const auto set = test::rrset_of(zone, "www.example.net.", rt::A);
    const Bytes data = signed_data_of(view->fields, zone, set);
    CHECK(data == test::signed_data({rt::A, c.algorithm, 3, 3600, c.expiration_value, c.inception_value, c.tag,
                                     "example.net"},
                                    "www.example.net", {192, 0, 2, 1}));
    const crypto::PublicKey pub = crypto::PublicKey::from_dnskey_rdata(dnskey);
    CHECK(crypto::verify(pub, data, view->signature));

    // Other data does not verify: another address, another TTL, another owner.
    const dns::Zone other = test::zone_of(head + "www.example.net. 3600 IN A 192.0.2.2\n" + rrsig);
    CHECK_FALSE(crypto::verify(pub, signed_data_of(view->fields, other, test::rrset_of(other, "www.example.net.", rt::A)),
                               view->signature));
    dnssec::RrsigFields ttl = view->fields;
    ttl.original_ttl = 3599;
    CHECK_FALSE(crypto::verify(pub, signed_data_of(ttl, zone, set), view->signature));
    const dns::Zone renamed = test::zone_of(head + "ftp.example.net. 3600 IN A 192.0.2.1\n" + rrsig);
    CHECK_FALSE(crypto::verify(pub, signed_data_of(view->fields, renamed, test::rrset_of(renamed, "ftp.example.net.", rt::A)),
                               view->signature));

    // The RFC's private key: ECDSA is randomized, so sign and verify rather than compare.
    const crypto::PrivateKey key = crypto::PrivateKey::from_material(
        crypto::algorithm(c.algorithm), test::raw_material(c.private_key), "RFC 6605");
    CHECK(key.public_key_field() == Bytes(dnskey.begin() + 4, dnskey.end()));
    const Bytes mine = crypto::Signer(key).sign(data);
    CHECK(mine.size() == view->signature.size());
    CHECK(crypto::verify(pub, data, mine));
  }
}

TEST_CASE("RFC 4034 3.3: the RRSIG example splits into its fields and rebuilds") {
  const dns::Zone zone = test::zone_of(R"(
$ORIGIN example.com.
host.example.com. 86400 IN RRSIG A 5 3 86400 20030322173103 (
                                  20030220173103 2642 example.com.
                                  oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr
                                  PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o
                                  B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t
                                  GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG
                                  J5D6fwFm8nN+6pBzeDQfsS3Ap3o= )
)");
  const Bytes rdata = test::rdata_of(zone, "host.example.com.", rt::RRSIG);
  const Bytes signature = b64(
      "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t"
      "GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=");
  // RFC 4034 3.2's field layout: type covered 1, algorithm 5, labels 3,
  // original TTL 86400, expiration 2003-03-22T17:31:03Z, inception
  // 2003-02-20T17:31:03Z, key tag 2642, signer example.com.
  Bytes expected = {0x00, 0x01, 0x05, 0x03, 0x00, 0x01, 0x51, 0x80, 0x3E, 0x7C, 0x9D,
                    0xD7, 0x3E, 0x55, 0x10, 0xD7, 0x0A, 0x52};
  test::put_name(expected, "example.com");
  expected.insert(expected.end(), signature.begin(), signature.end());
  CHECK(rdata == expected);

  const auto view = dnssec::parse_rrsig(rdata);
  REQUIRE(view.has_value());
  CHECK(view->fields.type_covered == rt::A);
  CHECK(view->fields.algorithm == 5);
  CHECK(view->fields.labels == 3);
  CHECK(view->fields.original_ttl == 86400);
  CHECK(view->fields.expiration == 1048354263);
  CHECK(view->fields.inception == 1045762263);
  CHECK(view->fields.key_tag == 2642);
  CHECK(view->fields.signer.to_text() == "example.com.");
  CHECK(test::bytes_of(view->signature) == signature);
  CHECK(dnssec::make_rrsig_rdata(view->fields, view->signature) == rdata);
  CHECK(view->fields.labels == dns::Name::parse("host.example.com.").view().rrsig_label_count());
}

TEST_CASE("parse_rrsig rejects short rdata, bad signer names and empty signatures") {
  const dns::Name signer = dns::Name::parse("example.com.");
  const dnssec::RrsigFields fields{rt::A, 13, 2, 300, 2000000000, 1900000000, 12345, signer.view()};
  const Bytes good = dnssec::make_rrsig_rdata(fields, Bytes{1, 2, 3});
  REQUIRE(good.size() == 18 + 13 + 3);
  const auto view = dnssec::parse_rrsig(good);
  REQUIRE(view.has_value());
  check_fields_equal(view->fields, fields);
  CHECK(test::bytes_of(view->signature) == Bytes{1, 2, 3});

  CHECK_FALSE(dnssec::parse_rrsig(Bytes{}).has_value());
  CHECK_FALSE(dnssec::parse_rrsig(Bytes(good.begin(), good.begin() + 18)).has_value());
  // Signer name but no signature.
  CHECK_FALSE(dnssec::parse_rrsig(Bytes(good.begin(), good.begin() + 18 + 13)).has_value());
  // Signer name cut short (no root label).
  CHECK_FALSE(dnssec::parse_rrsig(Bytes(good.begin(), good.begin() + 18 + 12)).has_value());
  // A compression pointer is not a valid signer name (RFC 4034 3.1.7).
  Bytes pointer(good.begin(), good.begin() + 18);
  pointer.insert(pointer.end(), {0xC0, 0x0C, 1, 2, 3});
  CHECK_FALSE(dnssec::parse_rrsig(pointer).has_value());
  // A label length running past the end.
  Bytes overrun(good.begin(), good.begin() + 18);
  overrun.insert(overrun.end(), {0x3F, 'a', 'b'});
  CHECK_FALSE(dnssec::parse_rrsig(overrun).has_value());
  // Root signer with a one-octet signature is the smallest valid RRSIG.
  Bytes root(good.begin(), good.begin() + 18);
  root.insert(root.end(), {0x00, 0x99});
  const auto small = dnssec::parse_rrsig(root);
  REQUIRE(small.has_value());
  CHECK(small->fields.signer.is_root());
  CHECK(test::bytes_of(small->signature) == Bytes{0x99});
}

TEST_CASE("append_signed_data: wildcard owners, original TTL, rdata order, appending") {
  const dns::Zone zone = test::zone_of(
      "$ORIGIN example.com.\n"
      "A.B.example.com. 300 IN A 192.0.2.9\n"
      "A.B.example.com. 300 IN A 192.0.2.1\n"
      "A.B.example.com. 300 IN A 192.0.2.5\n"
      "txt.example.com. 300 IN TXT \"Mixed Case\"\n"
      "nsec.example.com. 300 IN NSEC Next.Example.COM. A RRSIG NSEC\n"
      "*.W.example.com. 300 IN TXT \"wild\"\n");
  const dns::Name signer = dns::Name::parse("example.com.");
  const auto set = test::rrset_of(zone, "a.b.example.com.", rt::A);
  REQUIRE(set.size() == 3);

  const auto expected = [&](std::uint8_t labels, std::string_view owner, std::uint32_t ttl) {
    Bytes b;
    test::put16(b, rt::A);
    b.push_back(13);
    b.push_back(labels);
    test::put32(b, ttl);
    test::put32(b, 2000000000);
    test::put32(b, 1900000000);
    test::put16(b, 4242);
    test::put_name(b, "example.com");
    for (std::uint8_t last : {1, 5, 9}) {  // canonical rdata order
      test::put_name(b, owner);
      test::put16(b, rt::A);
      test::put16(b, 1);
      test::put32(b, ttl);
      test::put16(b, 4);
      b.insert(b.end(), {192, 0, 2, last});
    }
    return b;
  };
  dnssec::RrsigFields fields{rt::A, 13, 4, 3600, 2000000000, 1900000000, 4242, signer.view()};
  // Labels equal to the owner's: the owner itself, lower-cased; the TTL is the
  // RRSIG's original TTL, not the records' (RFC 4035 5.3.2).
  CHECK(signed_data_of(fields, zone, set) == expected(4, "a.b.example.com", 3600));
  // Fewer labels: the RRset was expanded from a wildcard (RFC 4035 5.3.2).
  fields.labels = 3;
  CHECK(signed_data_of(fields, zone, set) == expected(3, "*.b.example.com", 3600));
  fields.labels = 2;
  CHECK(signed_data_of(fields, zone, set) == expected(2, "*.example.com", 3600));
  fields.labels = 0;
  CHECK(signed_data_of(fields, zone, set) == expected(0, "*", 3600));
  fields.labels = 4;
  fields.original_ttl = 300;

  // Records given out of canonical order are put in order.
  std::vector<dns::Record> reversed(set.begin(), set.end());
  std::reverse(reversed.begin(), reversed.end());
  CHECK(signed_data_of(fields, zone, reversed) == expected(4, "a.b.example.com", 300));

  // Appends after what the buffer already holds.
  std::vector<std::uint8_t> out = {0xDE, 0xAD};
  dnssec::append_signed_data(fields, zone, set, out);
  Bytes with_prefix = {0xDE, 0xAD};
  const Bytes body = expected(4, "a.b.example.com", 300);
  with_prefix.insert(with_prefix.end(), body.begin(), body.end());
  CHECK(out == with_prefix);

  // An empty RRset contributes only the fields.
  std::vector<std::uint8_t> fields_only;
  dnssec::append_rrsig_fields(fields, fields_only);
  CHECK(signed_data_of(fields, zone, std::span<const dns::Record>()) == fields_only);
  CHECK(fields_only == Bytes(body.begin(), body.begin() + 18 + 13));

  // TXT rdata is not a name: its case is kept. NSEC's next name is not
  // lower-cased either (RFC 6840 5.1).
  fields.type_covered = rt::TXT;
  fields.labels = 3;
  Bytes txt_rdata = {10};
  for (char ch : std::string_view("Mixed Case")) txt_rdata.push_back(static_cast<std::uint8_t>(ch));
  CHECK(signed_data_of(fields, zone, test::rrset_of(zone, "txt.example.com.", rt::TXT)) ==
        test::signed_data({rt::TXT, 13, 3, 300, 2000000000, 1900000000, 4242, "example.com"}, "txt.example.com",
                          txt_rdata));
  // A wildcard's own RRset: Labels leaves out the "*", and the owner stays "*.w...".
  fields.type_covered = rt::TXT;
  const dns::Name wild = dns::Name::parse("*.W.example.com.");
  fields.labels = static_cast<std::uint8_t>(wild.view().rrsig_label_count());
  CHECK(fields.labels == 3);
  CHECK(signed_data_of(fields, zone, test::rrset_of(zone, "*.w.example.com.", rt::TXT)) ==
        test::signed_data({rt::TXT, 13, 3, 300, 2000000000, 1900000000, 4242, "example.com"}, "*.w.example.com",
                          Bytes{4, 'w', 'i', 'l', 'd'}));
  fields.type_covered = rt::NSEC;
  const Bytes nsec_rdata = test::rdata_of(zone, "nsec.example.com.", rt::NSEC);
  CHECK(nsec_rdata[1] == 'N');
  CHECK(signed_data_of(fields, zone, test::rrset_of(zone, "nsec.example.com.", rt::NSEC)) ==
        test::signed_data({rt::NSEC, 13, 3, 300, 2000000000, 1900000000, 4242, "example.com"}, "nsec.example.com",
                          nsec_rdata));
}

TEST_CASE("rrsig_time: RFC 4034 3.1.5 serial-number arithmetic, across the 2106 wrap") {
  constexpr dns::UnixTime kWrap = dns::UnixTime{1} << 32;  // 2106-02-07T06:28:16Z
  // Ordinary times: the field is the time itself.
  CHECK(dnssec::rrsig_time(1048354263, 1046000000) == 1048354263);
  CHECK(dnssec::rrsig_time(1045762263, 1046000000) == 1045762263);
  CHECK(dnssec::rrsig_field_time(1440021600) == 1440021600u);

  // Just before the wrap, an expiration after it is a small field value.
  const dns::UnixTime before = kWrap - 100;
  CHECK(dnssec::rrsig_field_time(before + 1000) == 900u);
  CHECK(dnssec::rrsig_time(900, before) == kWrap + 900);
  CHECK(dnssec::rrsig_time(dnssec::rrsig_field_time(before - 1000), before) == before - 1000);
  CHECK(dnssec::rrsig_time(0xFFFFFFFFu, before) == kWrap - 1);
  CHECK(dnssec::rrsig_time(0, before) == kWrap);
  // Just after it, an inception before it is a large field value.
  const dns::UnixTime after = kWrap + 500;
  CHECK(dnssec::rrsig_field_time(after) == 500u);
  CHECK(dnssec::rrsig_time(0xFFFFFF00u, after) == kWrap - 256);
  CHECK(dnssec::rrsig_time(600, after) == kWrap + 600);
  CHECK(dnssec::rrsig_time(0, after) == kWrap);
  // Several wraps later.
  CHECK(dnssec::rrsig_time(10, 3 * kWrap + 5) == 3 * kWrap + 10);
  CHECK(dnssec::rrsig_time(0xFFFFFFF0u, 3 * kWrap + 5) == 3 * kWrap - 16);

  // Within 2^31 - 1 seconds of now, either way, the field means that time.
  constexpr dns::UnixTime kHalf = (dns::UnixTime{1} << 31) - 1;
  for (dns::UnixTime now : {dns::UnixTime{1790000000}, kWrap - 1, kWrap, kWrap + 1, kWrap + kHalf, 2 * kWrap - 7}) {
    for (dns::UnixTime delta : {-kHalf, -kHalf + 1, dns::UnixTime{-86400}, dns::UnixTime{-1}, dns::UnixTime{0},
                                dns::UnixTime{1}, dns::UnixTime{30 * 86400}, kHalf - 1, kHalf}) {
      CAPTURE(now);
      CAPTURE(delta);
      CHECK(dnssec::rrsig_time(dnssec::rrsig_field_time(now + delta), now) == now + delta);
    }
  }
  // Exactly 2^31 away the comparison is undefined (RFC 1982 3.2); whatever is
  // chosen is congruent to the field and 2^31 away.
  const dns::UnixTime now = kWrap - 10;
  const dns::UnixTime t = dnssec::rrsig_time(dnssec::rrsig_field_time(now + kHalf + 1), now);
  CHECK(dnssec::rrsig_field_time(t) == dnssec::rrsig_field_time(now + kHalf + 1));
  CHECK((t == now + kHalf + 1 || t == now - kHalf - 1));
}
