// SPDX-License-Identifier: MIT
#include "signet/verifier/verify.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/parser.hpp"

using namespace signet;
using verifier::Finding;
using verifier::Severity;

namespace {

constexpr std::string_view kHead =
    "$ORIGIN example.com.\n"
    "$TTL 3600\n"
    "@ IN SOA ns1.example.net. hostmaster 1 7200 3600 1209600 300\n"
    "@ IN NS ns1.example.net.\n";  // lines 1-4; test bodies start on line 5

std::vector<Finding> verify_text(std::string_view text) {
  zonefile::ParseResult parsed = zonefile::parse_zone_text(text, "t.zone");
  std::string errors;
  for (const Error& e : parsed.errors) (errors += e.what()) += "\n";
  INFO(errors);
  REQUIRE(parsed.ok());
  // These zones carry a few RRSIG/NSEC records as plain data to test the
  // structure checks around them; the DNSSEC checks have their own tests.
  std::vector<Finding> findings = verifier::verify_zone(parsed.zone);
  std::erase_if(findings, [](const Finding& f) {
    for (std::string_view prefix : {"rrsig-", "rrset-unsigned", "rrset-algorithm", "dnskey-", "denial-", "nsec",
                                    "signature-", "trust-", "cds-", "zonemd-"})
      if (f.check.starts_with(prefix)) return true;
    return false;
  });
  return findings;
}

std::vector<Finding> verify_body(std::string_view body) { return verify_text(std::string(kHead) + std::string(body)); }

// The only finding, which must have this id, owner and line.
const Finding& only(const std::vector<Finding>& findings, std::string_view id, std::string_view owner,
                    std::uint32_t line) {
  std::string all;
  for (const Finding& f : findings) all += f.file + ":" + std::to_string(f.line) + " [" + std::string(f.check) + "] " + f.message + "\n";
  INFO(all);
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.check == id);
  CHECK(f.owner == owner);
  CHECK(f.line == line);
  CHECK(f.file == "t.zone");
  CHECK(!f.message.empty());
  CHECK(f.message.find('\n') == std::string::npos);
  return f;
}

}  // namespace

TEST_CASE("a clean zone has no findings") {
  CHECK(verify_body("www IN A 192.0.2.1\n"
                    "www IN AAAA 2001:db8::1\n"
                    "web IN CNAME www\n"
                    "ok IN CNAME www\n"
                    "ok IN RRSIG A 13 3 3600 20260101000000 20250101000000 1 example.com. AAAA\n"
                    "ok IN NSEC www.example.com. CNAME RRSIG NSEC\n"
                    "*.wild IN TXT \"x\"\n"
                    "deep.ent.example.com. IN A 192.0.2.9\n"
                    "child IN NS ns.child\n"
                    "child IN NS ns.sibling\n"
                    "child IN DS 1 13 2 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
                    "ns.child IN A 192.0.2.53\n"
                    "sibling IN NS ns.sibling\n"
                    "ns.sibling IN AAAA 2001:db8::53\n"
                    "host IN A 192.0.2.7\n"
                    "alias IN NS host\n")
            .empty());
}

TEST_CASE("soa-missing and apex-ns-missing on a zone with neither") {
  auto f = verify_text("$ORIGIN example.com.\n$TTL 60\nwww IN A 192.0.2.1\n");
  REQUIRE(f.size() == 2);
  CHECK(f[0].check == "apex-ns-missing");
  CHECK(f[1].check == "soa-missing");
  for (const Finding& x : f) {
    CHECK(x.owner == "example.com.");
    CHECK(x.severity == Severity::Error);
  }
  CHECK(f[0].type == dns::rrtype::NS);
  CHECK(f[1].type == dns::rrtype::SOA);
}

TEST_CASE("soa-missing is reported at the apex's first record") {
  const auto f = verify_text("$ORIGIN example.com.\n$TTL 60\n@ IN NS ns1.example.net.\n");
  const Finding& x = only(f, "soa-missing", "example.com.", 3);
  CHECK(x.message == "the zone apex example.com. must have one SOA record, but has none");
}

TEST_CASE("soa-multiple names the SOA written second") {
  const auto f = verify_body("@ IN SOA ns1.example.net. hostmaster 0 7200 3600 1209600 300\n");
  only(f, "soa-multiple", "example.com.", 5);
}

TEST_CASE("soa-not-at-apex") {
  const auto f = verify_body("sub IN SOA ns1.example.net. hostmaster 1 7200 3600 1209600 300\n");
  CHECK(only(f, "soa-not-at-apex", "sub.example.com.", 5).type == dns::rrtype::SOA);
}

TEST_CASE("cname-with-other-data lists the other types; RRSIG and NSEC are allowed") {
  const auto f = verify_body("x IN CNAME y\nx IN A 192.0.2.1\nx IN TXT \"t\"\n"
                             "x IN NSEC z.example.com. CNAME A TXT RRSIG NSEC\n");
  const Finding& x = only(f, "cname-with-other-data", "x.example.com.", 5);
  CHECK(x.type == dns::rrtype::CNAME);
  CHECK(x.message.ends_with("also has A, TXT"));
}

TEST_CASE("cname at the apex conflicts with SOA and NS") {
  const auto f = verify_body("@ IN CNAME elsewhere.example.net.\n");
  const Finding& x = only(f, "cname-with-other-data", "example.com.", 5);
  CHECK(x.message.ends_with("also has NS, SOA"));
}

TEST_CASE("cname-multiple") {
  only(verify_body("x IN CNAME a\nx IN CNAME b\n"), "cname-multiple", "x.example.com.", 6);
}

TEST_CASE("dname-has-descendants and the data below it is occluded") {
  const auto f = verify_body("d IN DNAME example.net.\nx.y.d IN TXT \"t\"\n");
  REQUIRE(f.size() == 2);
  CHECK(f[0].check == "dname-has-descendants");
  CHECK(f[0].owner == "d.example.com.");
  CHECK(f[0].line == 5);
  CHECK(f[0].message.find("x.y.d.example.com.") != std::string::npos);
  CHECK(f[1].check == "occluded-data");
  CHECK(f[1].owner == "x.y.d.example.com.");
  CHECK(f[1].line == 6);
}

TEST_CASE("dname-multiple") {
  only(verify_body("d IN DNAME a.example.net.\nd IN DNAME b.example.net.\n"), "dname-multiple", "d.example.com.", 6);
}

TEST_CASE("out-of-zone, with nothing else reported for that owner") {
  const auto f = verify_body("www.example.org. IN CNAME x\nwww.example.org. IN A 192.0.2.1\n");
  REQUIRE(f.size() == 2);
  for (const Finding& x : f) {
    CHECK(x.check == "out-of-zone");
    CHECK(x.owner == "www.example.org.");
  }
  CHECK(f[0].line == 5);
  CHECK(f[1].line == 6);
}

TEST_CASE("occluded-data below a cut: non-address data only") {
  const auto f = verify_body("c IN NS ns.c\nns.c IN A 192.0.2.1\nns.c IN AAAA 2001:db8::1\nw.c IN TXT \"x\"\n");
  const Finding& x = only(f, "occluded-data", "w.c.example.com.", 8);
  CHECK(x.type == dns::rrtype::TXT);
  CHECK(x.message.find("c.example.com.") != std::string::npos);
}

TEST_CASE("occluded-data at a cut: only NS, DS, NSEC, RRSIG and glue belong there") {
  const auto f = verify_body("c IN NS ns1.example.net.\nc IN A 192.0.2.1\nc IN MX 10 mail.example.net.\n");
  CHECK(only(f, "occluded-data", "c.example.com.", 7).type == dns::rrtype::MX);
}

TEST_CASE("ns-missing-glue for targets at or below the delegation") {
  const auto f = verify_body("c IN NS c\nd IN NS ns.d\nd IN NS ns1.example.net.\n");
  REQUIRE(f.size() == 2);
  CHECK(f[0].check == "ns-missing-glue");
  CHECK(f[0].owner == "c.example.com.");
  CHECK(f[0].line == 5);
  CHECK(f[0].severity == Severity::Error);
  CHECK(f[1].check == "ns-missing-glue");
  CHECK(f[1].owner == "d.example.com.");
  CHECK(f[1].line == 6);
  CHECK(f[1].message.find("ns.d.example.com.") != std::string::npos);
}

TEST_CASE("ns-target-missing-address for targets elsewhere in the zone's own data") {
  const auto f = verify_body("c IN NS host\nc IN NS ns.other\nother IN NS ns1.example.net.\n"
                             "d IN NS gone.sub\nsub IN TXT \"x\"\n");
  REQUIRE(f.size() == 2);
  CHECK(f[0].check == "ns-target-missing-address");
  CHECK(f[0].severity == Severity::Warning);
  CHECK(f[0].line == 5);
  CHECK(f[0].message.find("host.example.com.") != std::string::npos);
  CHECK(f[1].check == "ns-target-missing-address");
  CHECK(f[1].line == 8);
}

TEST_CASE("rrset-ttl-mismatch names the record that differs from the first written; RRSIGs may differ") {
  const auto f = verify_body("w IN A 192.0.2.9\nw 60 IN A 192.0.2.1\n"
                             "w IN RRSIG A 13 3 3600 20260101000000 20250101000000 1 example.com. AAAA\n"
                             "w 60 IN RRSIG TXT 13 3 60 20260101000000 20250101000000 1 example.com. AAAA\n");
  const Finding& x = only(f, "rrset-ttl-mismatch", "w.example.com.", 6);
  CHECK(x.severity == Severity::Warning);
  CHECK(x.message ==
        "all records of an RRset must have the same TTL (RFC 2181 5.2): expected 3600 as on line 5, found 60");
}

TEST_CASE("duplicate-record compares names case-insensitively and reports the later copy") {
  const auto f = verify_body("w IN NS Host.Example.NET.\nw IN NS ns1.example.net.\nW IN NS host.example.net.\n");
  // The owner is spelled as on the reported line.
  const Finding& x = only(f, "duplicate-record", "W.example.com.", 7);
  CHECK(x.severity == Severity::Warning);
  CHECK(x.message.find("line 5") != std::string::npos);
}

TEST_CASE("findings come sorted by file, line and owner, all of them") {
  const auto f = verify_body("z IN CNAME a\nz IN A 192.0.2.1\n"
                             "a IN CNAME b\na IN TXT \"x\"\n"
                             "www.example.org. IN A 192.0.2.1\n");
  REQUIRE(f.size() == 3);
  CHECK(f[0].line == 5);
  CHECK(f[1].line == 7);
  CHECK(f[2].line == 9);
  CHECK(f[2].check == "out-of-zone");
}

TEST_CASE("a large delegation zone is checked without findings") {
  std::string text(kHead);
  for (int i = 0; i < 20000; ++i) {
    text += "d" + std::to_string(i) + " IN NS ns1.d" + std::to_string(i) + "\n";
    text += "d" + std::to_string(i) + " IN NS ns.example.net.\n";
    text += "ns1.d" + std::to_string(i) + " IN A 192.0.2.1\n";
  }
  CHECK(verify_text(text).empty());
}
