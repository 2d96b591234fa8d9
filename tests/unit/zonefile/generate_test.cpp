// SPDX-License-Identifier: MIT
// $GENERATE (BIND syntax): ranges, the $ and ${offset,width,base} modifiers,
// the records it makes, and its errors.
#include <doctest/doctest.h>

#include <string>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/writer.hpp"
#include "zonefile/detail/generate.hpp"

using namespace signet;
using zonefile::detail::expand_generate;
using zonefile::detail::GenerateRange;
using zonefile::detail::parse_generate_range;

namespace {

std::string expand(const char* pattern, std::int64_t value) {
  std::string out, why;
  REQUIRE_MESSAGE(expand_generate(pattern, value, out, why), why);
  return out;
}

std::string expand_error(const char* pattern, std::int64_t value) {
  std::string out, why;
  CHECK_FALSE(expand_generate(pattern, value, out, why));
  return why;
}

zonefile::ParseOptions gen_options() {
  zonefile::ParseOptions o;
  o.origin = dns::Name::parse("gen.example.");
  o.origin_given = true;
  return o;
}

std::string dump(const zonefile::ParseResult& r) {
  std::string out;
  zonefile::write_zone(r.zone, out);
  return out;
}

std::string errors_of(const zonefile::ParseResult& r) {
  std::string out;
  for (const Error& e : r.errors) out += std::string(e.what()) + "\n";
  return out;
}

}  // namespace

TEST_CASE("$GENERATE modifiers: $, offset, width and every base") {
  CHECK(expand("host-$", 7) == "host-7");
  CHECK(expand("$-$", 12) == "12-12");
  CHECK(expand("${0,3,d}", 4) == "004");
  CHECK(expand("${0,3}", 42) == "042");
  CHECK(expand("${0}", 42) == "42");
  CHECK(expand("${+100}", 1) == "101");
  CHECK(expand("${-1}", 1) == "0");
  CHECK(expand("${0,4,x}", 10) == "000a");
  CHECK(expand("${0,0,X}", 255) == "FF");
  CHECK(expand("${0,0,o}", 10) == "12");
  CHECK(expand("${0,0,d}", 1234567) == "1234567");
  // Nibble form (reverse DNS): one hex digit per label, least significant first,
  // the width counting the dots (BIND's genname).
  CHECK(expand("${0,0,n}", 0x12) == "2.1");
  CHECK(expand("${0,3,n}", 5) == "5.0");
  CHECK(expand("${0,7,N}", 0xab) == "B.A.0.0");
  CHECK(expand("${0,0,n}", 0) == "0");
}

TEST_CASE("$GENERATE escapes: \\$ is a literal dollar, other escapes are kept") {
  CHECK(expand("esc-\\$-$", 7) == "esc-$-7");
  CHECK(expand("a\\.b-$", 1) == "a\\.b-1");
  CHECK(expand("\\\\$", 3) == "\\\\3");  // an escaped backslash, then a substitution
  CHECK(expand("plain", 3) == "plain");
}

TEST_CASE("$GENERATE modifier errors") {
  CHECK(expand_error("${1,2", 0) == "unterminated ${ modifier in $GENERATE template '${1,2'");
  CHECK(expand_error("x${a}", 0) ==
        "bad $GENERATE modifier '${a}'; expected ${offset[,width[,base]]} with base d, o, x, X, n or N");
  CHECK(expand_error("${0,0,q}", 0).rfind("bad $GENERATE modifier '${0,0,q}'", 0) == 0);
  CHECK(expand_error("${0,1,d,x}", 0).rfind("bad $GENERATE modifier", 0) == 0);
  CHECK(expand_error("${0,256}", 0).rfind("bad $GENERATE modifier", 0) == 0);
  CHECK(expand_error("${-5}", 2) == "$GENERATE value -3 is negative");
}

TEST_CASE("$GENERATE ranges") {
  GenerateRange r;
  std::string why;
  REQUIRE(parse_generate_range("1-4", r, why));
  CHECK(r.start == 1);
  CHECK(r.stop == 4);
  CHECK(r.step == 1);
  CHECK(r.count() == 4);
  REQUIRE(parse_generate_range("0-12/4", r, why));
  CHECK(r.count() == 4);
  REQUIRE(parse_generate_range("0-13/4", r, why));
  CHECK(r.count() == 4);
  REQUIRE(parse_generate_range("7-7", r, why));
  CHECK(r.count() == 1);
  REQUIRE(parse_generate_range("0-65535", r, why));
  CHECK(r.count() == 65536);

  CHECK_FALSE(parse_generate_range("10-1", r, why));
  CHECK(why == "$GENERATE range start 10 is above its stop 1");
  CHECK_FALSE(parse_generate_range("0-65536", r, why));
  CHECK(why == "$GENERATE range '0-65536' makes 65537 records; at most 65536 are allowed per directive, to bound memory");
  CHECK_FALSE(parse_generate_range("1-2/0", r, why));
  CHECK(why == "$GENERATE step must be at least 1");
  CHECK_FALSE(parse_generate_range("x-2", r, why));
  CHECK(why == "bad $GENERATE range 'x-2'; expected start-stop[/step] with decimal numbers");
  CHECK_FALSE(parse_generate_range("12", r, why));
  CHECK(why == "bad $GENERATE range '12'; expected start-stop[/step]");
  CHECK_FALSE(parse_generate_range("1-99999999999", r, why));
}

TEST_CASE("$GENERATE records: owner, TTL and class in either order, rdata") {
  const char* text =
      "$TTL 600\n"
      "@\tSOA\tns hostmaster 1 3600 600 86400 60\n"
      "$GENERATE 1-4 host-$ A 192.0.2.$\n"
      "$GENERATE 0-12/4 ${0,3,d}.pad CNAME host-${1,0,d}\n"
      "$GENERATE 10-11 hex-${0,4,x} TXT lower-${0,0,x}-upper-${0,0,X}-octal-${0,0,o}\n"
      "$GENERATE 1-1 off-${+100} A 198.51.100.${-1}\n"
      "$GENERATE 5-5 ${0,3,n}.nib PTR host-$.gen.example.\n"
      "$GENERATE 1-1 ttl-$ 1200 IN A 203.0.113.$\n"
      "$GENERATE 2-2 cls-$ IN 1800 A 203.0.113.1$\n"
      "$GENERATE 7-7 esc-$ TXT dollar-\\$-value-$\n";
  const zonefile::ParseResult r = zonefile::parse_zone_text(text, "gen.zone", gen_options());
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(dump(r) ==
        "gen.example.\t600\tIN\tSOA\tns.gen.example. hostmaster.gen.example. 1 3600 600 86400 60\n"
        "cls-2.gen.example.\t1800\tIN\tA\t203.0.113.12\n"
        "esc-7.gen.example.\t600\tIN\tTXT\t\"dollar-$-value-7\"\n"
        "hex-000a.gen.example.\t600\tIN\tTXT\t\"lower-a-upper-A-octal-12\"\n"
        "hex-000b.gen.example.\t600\tIN\tTXT\t\"lower-b-upper-B-octal-13\"\n"
        "host-1.gen.example.\t600\tIN\tA\t192.0.2.1\n"
        "host-2.gen.example.\t600\tIN\tA\t192.0.2.2\n"
        "host-3.gen.example.\t600\tIN\tA\t192.0.2.3\n"
        "host-4.gen.example.\t600\tIN\tA\t192.0.2.4\n"
        "5.0.nib.gen.example.\t600\tIN\tPTR\thost-5.gen.example.\n"
        "off-101.gen.example.\t600\tIN\tA\t198.51.100.0\n"
        "000.pad.gen.example.\t600\tIN\tCNAME\thost-1.gen.example.\n"
        "004.pad.gen.example.\t600\tIN\tCNAME\thost-5.gen.example.\n"
        "008.pad.gen.example.\t600\tIN\tCNAME\thost-9.gen.example.\n"
        "012.pad.gen.example.\t600\tIN\tCNAME\thost-13.gen.example.\n"
        "ttl-1.gen.example.\t1200\tIN\tA\t203.0.113.1\n");
  // Generated records report the line of their $GENERATE.
  for (const dns::Record& rr : r.zone.records())
    if (r.zone.owner(rr) == dns::Name::parse("host-3.gen.example.").view()) CHECK(rr.line == 3);
}

TEST_CASE("$GENERATE: \\$ in the owner template is a literal dollar") {
  const zonefile::ParseResult r =
      zonefile::parse_zone_text("$TTL 1\n$GENERATE 7-7 esc-\\$-$ TXT dollar-\\$-value-$\n", "t", gen_options());
  INFO(errors_of(r));
  REQUIRE(r.ok());
  REQUIRE(r.zone.records().size() == 1);
  const dns::Record& rr = r.zone.records()[0];
  CHECK(r.zone.owner(rr).wire() == std::string_view("\7esc-$-7\3gen\7example\0", 21));
  const auto rdata = r.zone.rdata(rr);
  CHECK(std::string_view(reinterpret_cast<const char*>(rdata.data()), rdata.size()) == "\20dollar-$-value-7");
}

TEST_CASE("$GENERATE does not change the owner used by a following blank-owner line") {
  const zonefile::ParseResult r = zonefile::parse_zone_text(
      "$TTL 1\nkeep A 192.0.2.1\n$GENERATE 1-2 g$ A 192.0.2.$\n\tAAAA 2001:db8::1\n", "t", gen_options());
  INFO(errors_of(r));
  REQUIRE(r.ok());
  bool found = false;
  for (const dns::Record& rr : r.zone.records())
    if (rr.type == dns::rrtype::AAAA) found = r.zone.owner(rr) == dns::Name::parse("keep.gen.example.").view();
  CHECK(found);
}

TEST_CASE("$GENERATE errors are located and reported once per directive") {
  SUBCASE("range above its stop") {
    const auto r = zonefile::parse_zone_text("$TTL 1\n$GENERATE 10-1 host-$ A 192.0.2.$\n", "t", gen_options());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().line == 2);
    CHECK(r.errors[0].where().column == 11);
    CHECK(r.errors[0].message() == "$GENERATE range start 10 is above its stop 1");
  }
  SUBCASE("too many records") {
    const auto r = zonefile::parse_zone_text("$TTL 1\n$GENERATE 0-70000 h$ A 192.0.2.1\n", "t", gen_options());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message().find("at most 65536 are allowed per directive, to bound memory") !=
          std::string::npos);
  }
  SUBCASE("bad rdata after substitution: one error, not one per value") {
    const auto r = zonefile::parse_zone_text("$TTL 1\n$GENERATE 250-260 h$ A 192.0.2.$\n", "t", gen_options());
    INFO(errors_of(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().line == 2);
    CHECK(r.errors[0].where().column == 24);
  }
  SUBCASE("bad modifier in the owner") {
    const auto r = zonefile::parse_zone_text("$TTL 1\n$GENERATE 1-2 h${x} A 192.0.2.1\n", "t", gen_options());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().column == 15);
  }
  SUBCASE("too few fields") {
    const auto r = zonefile::parse_zone_text("$GENERATE 1-2 h$ A\n", "t", gen_options());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message() == "$GENERATE needs a range, an owner template, a type and an rdata template");
  }
  SUBCASE("unknown type") {
    const auto r = zonefile::parse_zone_text("$GENERATE 1-2 h$ 60 BOGUS x\n", "t", gen_options());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message() == "unknown RR type 'BOGUS'");
    CHECK(r.errors[0].where().column == 21);
  }
}
