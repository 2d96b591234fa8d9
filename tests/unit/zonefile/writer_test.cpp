// SPDX-License-Identifier: MIT
// Zone writer: exact line format, canonical order, RFC 3597 output, and the
// round trip parse -> write -> parse giving the same records.
#include "signet/zonefile/writer.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/parser.hpp"

using namespace signet;

namespace {

zonefile::ParseOptions origin_options(const char* origin) {
  zonefile::ParseOptions o;
  o.origin = dns::Name::parse(origin);
  o.origin_given = true;
  return o;
}

std::string errors_of(const zonefile::ParseResult& r) {
  std::string out;
  for (const Error& e : r.errors) out += std::string(e.what()) + "\n";
  return out;
}

std::string write(const dns::Zone& zone, const zonefile::WriteOptions& options = {}) {
  std::string out;
  zonefile::write_zone(zone, out, options);
  return out;
}

// Parses, writes, parses the output again and checks both zones hold the
// same records (owner, type, class, TTL, rdata) in the same order.
void check_round_trip(const zonefile::ParseResult& first, const zonefile::WriteOptions& options = {}) {
  INFO(errors_of(first));
  REQUIRE(first.ok());
  const std::string text = write(first.zone, options);
  const zonefile::ParseResult second = zonefile::parse_zone_text(text, "written", origin_options("."));
  INFO(text);
  INFO(errors_of(second));
  REQUIRE(second.ok());
  const auto& a = first.zone.records();
  const auto& b = second.zone.records();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(first.zone.owner(a[i]).wire() == second.zone.owner(b[i]).wire());
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].rclass == b[i].rclass);
    CHECK(a[i].ttl == b[i].ttl);
    const auto ra = first.zone.rdata(a[i]);
    const auto rb = second.zone.rdata(b[i]);
    CHECK(std::string_view(reinterpret_cast<const char*>(ra.data()), ra.size()) ==
          std::string_view(reinterpret_cast<const char*>(rb.data()), rb.size()));
  }
  CHECK(write(second.zone, options) == text);  // stable
}

}  // namespace

TEST_CASE("writer: one tab-separated line per record, absolute names, canonical order") {
  const char* text =
      "$TTL 300\n"
      "zz A 192.0.2.9\n"
      "@ SOA ns hostmaster 2024010101 7200 3600 1209600 300\n"
      "@ NS ns\n"
      "ns 60 A 192.0.2.1\n"
      "a.b MX 10 mail.example.net.\n"
      "a TXT \"hello world\"\n";
  const zonefile::ParseResult r = zonefile::parse_zone_text(text, "t", origin_options("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(write(r.zone) ==
        "example.\t300\tIN\tNS\tns.example.\n"
        "example.\t300\tIN\tSOA\tns.example. hostmaster.example. 2024010101 7200 3600 1209600 300\n"
        "a.example.\t300\tIN\tTXT\t\"hello world\"\n"
        "a.b.example.\t300\tIN\tMX\t10 mail.example.net.\n"
        "ns.example.\t60\tIN\tA\t192.0.2.1\n"
        "zz.example.\t300\tIN\tA\t192.0.2.9\n");
}

TEST_CASE("writer: write_record appends one line without a newline") {
  const zonefile::ParseResult r =
      zonefile::parse_zone_text("$TTL 1\nwww 3600 IN AAAA 2001:db8::1\n", "t", origin_options("example."));
  REQUIRE(r.ok());
  std::string out = "prefix:";
  zonefile::write_record(r.zone, r.zone.records().at(0), out);
  CHECK(out == "prefix:www.example.\t3600\tIN\tAAAA\t2001:db8::1");
}

TEST_CASE("writer: each record keeps its owner's spelling, repeated or not") {
  // Records of one name stored under two spellings (two arena offsets):
  // the owner text made once for a run of records must not leak into the next.
  dns::Zone zone(dns::Name::parse("example."));
  const std::uint8_t a[4] = {192, 0, 2, 1};
  const std::uint8_t b[4] = {192, 0, 2, 2};
  const std::uint8_t c[4] = {192, 0, 2, 3};
  zone.add(dns::Name::parse("WWW.example."), dns::rrtype::A, dns::rrclass::IN, 60, a);
  zone.add(dns::Name::parse("www.example."), dns::rrtype::A, dns::rrclass::IN, 60, b);
  zone.add(dns::Name::parse("WWW.example."), dns::rrtype::A, dns::rrclass::IN, 60, c);
  zone.add(dns::Name::parse("x.example."), dns::rrtype::A, dns::rrclass::IN, 60, a);
  zone.finalize();
  CHECK(write(zone) ==
        "WWW.example.\t60\tIN\tA\t192.0.2.1\n"
        "www.example.\t60\tIN\tA\t192.0.2.2\n"
        "WWW.example.\t60\tIN\tA\t192.0.2.3\n"
        "x.example.\t60\tIN\tA\t192.0.2.1\n");
}

TEST_CASE("writer: unknown types and classes in RFC 3597 form; generic_all") {
  const zonefile::ParseResult r = zonefile::parse_zone_text(
      "$TTL 1\na TYPE65280 \\# 3 ABCDEF\nb A 192.0.2.1\nc TYPE65281 \\# 0\n", "t", origin_options("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(write(r.zone) ==
        "a.example.\t1\tIN\tTYPE65280\t\\# 3 ABCDEF\n"
        "b.example.\t1\tIN\tA\t192.0.2.1\n"
        "c.example.\t1\tIN\tTYPE65281\t\\# 0\n");
  zonefile::WriteOptions generic;
  generic.generic_all = true;
  CHECK(write(r.zone, generic) ==
        "a.example.\t1\tIN\tTYPE65280\t\\# 3 ABCDEF\n"
        "b.example.\t1\tIN\tTYPE1\t\\# 4 C0000201\n"
        "c.example.\t1\tIN\tTYPE65281\t\\# 0\n");
  check_round_trip(r, generic);

  const zonefile::ParseResult chaos =
      zonefile::parse_zone_text("$TTL 1\nversion CH TXT \"x\"\nother CLASS9 TXT \"y\"\n", "t", origin_options("example."));
  CHECK_FALSE(chaos.ok());  // a second class is an error...
  const zonefile::ParseResult ch = zonefile::parse_zone_text("$TTL 1\nversion CLASS3 TXT \"x\"\n", "t", origin_options("example."));
  REQUIRE(ch.ok());
  CHECK(write(ch.zone) == "version.example.\t1\tCH\tTXT\t\"x\"\n");  // ...one class is fine
}

TEST_CASE("round trip: RFC 1035-style zone with escapes, quotes and multi-line records") {
  const char* text =
      "$ORIGIN Example.ORG.\n"
      "$TTL 1h30m\n"
      "@ IN SOA ns1 host\\.master ( 2024010101 2h 1H 2w 5m30s )\n"
      "  IN NS ns1\n"
      "ns1 IN 7200 A 192.0.2.1\n"
      "esc\\.dot IN A 192.0.2.3\n"
      "sp\\032ace IN A 192.0.2.4\n"
      "uni\\195\\169 IN A 192.0.2.6\n"
      "txt TXT \"quoted; with (parens)\" \"\\\"q\\\" \\\\\" \"\"\n"
      "* MX 10 mail\n"
      "mail AAAA 2001:db8::25\n";
  check_round_trip(zonefile::parse_zone_text(text, "t"));
}

TEST_CASE("round trip: the test data zones") {
  const std::string data = SIGNET_TEST_DATA;
  check_round_trip(zonefile::parse_zone_file(data + "/zones/types.zone", origin_options("example.com.")));
  check_round_trip(zonefile::parse_zone_file(data + "/zones/syntax.zone", origin_options("example.org.")));
  check_round_trip(zonefile::parse_zone_file(data + "/zones/svcb.zone", origin_options("svc.example.")));
  check_round_trip(zonefile::parse_zone_file(data + "/zones/generate.zone", origin_options("gen.example.")));
}

TEST_CASE("writer: appends to the caller's string") {
  const zonefile::ParseResult r = zonefile::parse_zone_text("$TTL 5\n@ A 192.0.2.1\n", "t", origin_options("x."));
  REQUIRE(r.ok());
  std::string out = "; header\n";
  zonefile::write_zone(r.zone, out);
  CHECK(out == "; header\nx.\t5\tIN\tA\t192.0.2.1\n");
}

TEST_CASE("write_zone_chunked gives write_zone's text in whole lines, on one thread or several") {
  dns::Zone zone(dns::Name::parse("example."));
  zone.add(dns::Name::parse("example."), dns::rrtype::TXT, dns::rrclass::IN, 60,
           std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>("\x02hi"), 3));
  for (std::uint32_t i = 0; i < 9000; ++i) {
    const std::uint8_t a[4] = {192, 0, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
    zone.add(dns::Name::parse("h" + std::to_string(i) + ".example."), dns::rrtype::A, dns::rrclass::IN, 300, a);
  }
  zone.finalize();
  const std::string expected = write(zone);
  for (unsigned threads : {1u, 2u, 3u, 0u}) {
    CAPTURE(threads);
    zonefile::WriteOptions options;
    options.threads = threads;
    std::string got;
    std::size_t pieces = 0;
    const bool done = zonefile::write_zone_chunked(zone, 4096, [&](std::string_view piece) {
      CHECK((!piece.empty() && piece.back() == '\n'));
      got += piece;
      ++pieces;
      return true;
    }, options);
    CHECK(done);
    CHECK(got == expected);
    CHECK(pieces > 2);
    // A sink that stops early stops the writer, which reports it.
    std::size_t calls = 0;
    CHECK_FALSE(zonefile::write_zone_chunked(zone, 4096, [&](std::string_view) { return ++calls < 2; }, options));
    CHECK(calls == 2);
  }
}

namespace {

zonefile::ParseResult parse_kept(const std::string& text) {
  zonefile::ParseOptions options;
  options.keep_source = true;
  zonefile::ParseResult r = zonefile::parse_zone_text(text, "before.zone", options);
  INFO(errors_of(r));
  REQUIRE(r.ok());
  REQUIRE(r.source != nullptr);
  return r;
}

zonefile::WriteOptions reusing(const zonefile::ParseResult& before, unsigned threads = 1) {
  zonefile::WriteOptions options;
  options.threads = threads;
  options.reuse_zone = &before.zone;
  options.reuse_source = before.source.get();
  return options;
}

}  // namespace

TEST_CASE("writer reuse: a record equal to one read before is written as its text there") {
  // Written by another hand: other spacing and case, lower-case hex.
  const std::string text_before =
      "example. 3600 IN SOA ns1.example. host.example. 1 7200 3600 604800 300\n"
      "example.   3600  in  ns  ns1.example.   ; the only name server\n"
      "a.example. 300 IN A 192.0.2.1\n"
      "b.example. 300 IN DS 12345 13 2 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n"
      "c.example. 300 IN TXT \"keep me\"\n"
      "d.example. 300 IN A 192.0.2.4\n"
      "Mixed.example. 300 IN A 192.0.2.5\n";
  const zonefile::ParseResult before = parse_kept(text_before);
  // Now: a new serial, another TTL for a, d gone, e new, Mixed spelled in lower case.
  zonefile::ParseResult now = zonefile::parse_zone_text(
      "example. 3600 IN SOA ns1.example. host.example. 2 7200 3600 604800 300\n"
      "example. 3600 IN NS ns1.example.\n"
      "a.example. 600 IN A 192.0.2.1\n"
      "b.example. 300 IN DS 12345 13 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789\n"
      "c.example. 300 IN TXT \"keep me\"\n"
      "e.example. 300 IN A 192.0.2.6\n"
      "mixed.example. 300 IN A 192.0.2.5\n",
      "now.zone");
  REQUIRE(now.ok());
  const std::string got = write(now.zone, reusing(before));
  CHECK(got ==
        "example.   3600  in  ns  ns1.example.\n"                                        // kept, without the comment
        "example.\t3600\tIN\tSOA\tns1.example. host.example. 2 7200 3600 604800 300\n"  // changed
        "a.example.\t600\tIN\tA\t192.0.2.1\n"                                           // changed TTL
        "b.example. 300 IN DS 12345 13 2 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n"
        "c.example. 300 IN TXT \"keep me\"\n"
        "e.example.\t300\tIN\tA\t192.0.2.6\n"                                            // new
        "mixed.example.\t300\tIN\tA\t192.0.2.5\n");                                     // owner spelled otherwise
  // The text reads as the zone that was written.
  const zonefile::ParseResult again = zonefile::parse_zone_text(got, "again.zone");
  REQUIRE(again.ok());
  CHECK(write(again.zone) == write(now.zone));
  // RFC 3597 output for all is never mixed with copied text.
  zonefile::WriteOptions generic = reusing(before);
  generic.generic_all = true;
  zonefile::WriteOptions plain;
  plain.generic_all = true;
  CHECK(write(now.zone, generic) == write(now.zone, plain));
}

TEST_CASE("writer reuse: every unchanged record's text, in pieces on several threads") {
  const auto build = [](std::uint32_t changed_every) {
    dns::Zone zone(dns::Name::parse("example."));
    for (std::uint32_t i = 0; i < 9000; ++i) {
      const bool changed = changed_every != 0 && i % changed_every == 0;
      const std::uint8_t a[4] = {192, changed ? std::uint8_t{1} : std::uint8_t{0}, static_cast<std::uint8_t>(i >> 8),
                                 static_cast<std::uint8_t>(i)};
      zone.add(dns::Name::parse("h" + std::to_string(i) + ".example."), dns::rrtype::A, dns::rrclass::IN, 300, a);
      if (i % 5 == 0)  // a second RRset at some names; a TXT instead of the NS where changed
        zone.add(dns::Name::parse("h" + std::to_string(i) + ".example."),
                 changed ? dns::rrtype::TXT : dns::rrtype::NS, dns::rrclass::IN, 300,
                 std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>("\x02ns\x07" "example\x00"), 12));
    }
    zone.finalize();
    return zone;
  };
  const auto split_lines = [](const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t eol = text.find('\n', at);
      lines.push_back(text.substr(at, eol - at));
      at = eol + 1;
    }
    return lines;
  };
  const auto spaced = [](std::string line) {
    std::string out;
    for (const char c : line) out += c == '\t' ? std::string("  ") : std::string(1, c);
    return out;
  };
  // The text before: signet's lines with two spaces for each tab, so that
  // copied lines show.
  const std::vector<std::string> old_lines = split_lines(write(build(0)));
  std::string text_before;  // the source views it: kept alive
  for (const std::string& line : old_lines) text_before += spaced(line) + "\n";
  const zonefile::ParseResult before = parse_kept(text_before);
  const std::set<std::string> unchanged(old_lines.begin(), old_lines.end());
  for (std::uint32_t changed_every : {0u, 7u, 1u}) {
    const dns::Zone zone = build(changed_every);
    std::string expected;
    std::size_t copied = 0;
    for (const std::string& line : split_lines(write(zone))) {
      const bool same = unchanged.count(line) > 0;
      copied += same;
      expected += (same ? spaced(line) : line) + "\n";
    }
    CHECK(copied == (changed_every == 0 ? old_lines.size() : changed_every == 7 ? 9256u : 0u));  // 10800 less 1286 A and 258 NS
    for (unsigned threads : {1u, 2u, 3u}) {
      CAPTURE(changed_every);
      CAPTURE(threads);
      std::string got;
      CHECK(zonefile::write_zone_chunked(zone, 4096, [&](std::string_view piece) {
        got += piece;
        return true;
      }, reusing(before, threads)));
      CHECK(got == expected);
    }
  }
}

TEST_CASE("writer reuse: each record's owner spelling counts, not only its name's (fuzzer finding)") {
  // One name, spelled two ways by its records.
  const std::string text_before =
      "a.example. 300 IN A 192.0.2.1\n"
      "A.EXAMPLE. 300 IN TXT \"t\"\n";
  const zonefile::ParseResult before = parse_kept(text_before);
  // The same records with the spellings swapped: nothing may be copied.
  const zonefile::ParseResult now = zonefile::parse_zone_text(
      "A.EXAMPLE. 300 IN A 192.0.2.1\n"
      "a.example. 300 IN TXT \"t\"\n",
      "now.zone");
  REQUIRE(now.ok());
  CHECK(write(now.zone, reusing(before)) == write(now.zone));
  CHECK(write(now.zone) == "A.EXAMPLE.\t300\tIN\tA\t192.0.2.1\na.example.\t300\tIN\tTXT\t\"t\"\n");
  // Spelled as before: both copied.
  CHECK(write(before.zone, reusing(before)) == "a.example. 300 IN A 192.0.2.1\nA.EXAMPLE. 300 IN TXT \"t\"\n");
}

TEST_CASE("writer reuse: a zone written from its own text copies the lines of records that still have them") {
  // Spaced lines (two spaces for a tab) show which lines were copied; a
  // comment after a record is not part of its text.
  std::string text;
  for (std::uint32_t i = 0; i < 6000; ++i)
    text += "h" + std::to_string(100000 + i) + ".example.  300  IN  A  192.0." + std::to_string(i / 256) + "." +
            std::to_string(i % 256) + (i % 1000 == 999 ? "  ; a comment\n" : "\n");
  zonefile::ParseResult read = parse_kept(text);
  dns::Zone& zone = read.zone;
  // Records 10 and 4000 get new data and lose their lines, as
  // signer::patch_previous() leaves the records it replaces.
  std::vector<std::size_t> changed = {10, 4000};
  for (const std::size_t i : changed) {
    dns::Record rr = zone.records()[i];
    const std::uint8_t a[4] = {198, 51, 100, static_cast<std::uint8_t>(i % 256)};
    rr.rdata = zone.add_bytes(a);
    rr.ttl = 60;
    rr.line = 0;
    REQUIRE(zone.overwrite(i, std::vector<dns::Record>{rr}));
  }
  std::string expected;
  {
    std::size_t at = 0, i = 0;
    while (at < text.size()) {
      const std::size_t eol = text.find('\n', at);
      std::string line = text.substr(at, eol - at);
      if (const std::size_t comment = line.find("  ;"); comment != std::string::npos) line.resize(comment);
      if (i == 10 || i == 4000) {
        line.clear();
        zonefile::write_record(zone, zone.records()[i], line);
      }
      expected += line + "\n";
      at = eol + 1;
      ++i;
    }
  }
  zonefile::WriteOptions own;
  own.reuse_zone = &zone;
  own.reuse_source = read.source.get();
  CHECK(write(zone, own) == expected);
  for (unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    own.threads = threads;
    std::string got;
    std::size_t pieces = 0;
    CHECK(zonefile::write_zone_chunked(zone, 4096, [&](std::string_view piece) {
      CHECK((!piece.empty() && piece.back() == '\n'));
      got += piece;
      ++pieces;
      return true;
    }, own));
    CHECK(got == expected);
    CHECK(pieces > 1);
  }
  // Stopping early stops the writer.
  std::size_t calls = 0;
  own.threads = 2;
  CHECK_FALSE(zonefile::write_zone_chunked(zone, 4096, [&](std::string_view) { return ++calls < 3; }, own));
  CHECK(calls == 3);
}
