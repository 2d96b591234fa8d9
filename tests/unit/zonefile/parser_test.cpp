// SPDX-License-Identifier: MIT
// Master-file parser: RFC 1035 section 5 syntax, directives, RFC 2308 default
// TTLs, origin rules, and every error with its exact location.
#include "signet/zonefile/parser.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/writer.hpp"
#include "zonefile/detail/scanner.hpp"

using namespace signet;
using signet::zonefile::ParseOptions;
using signet::zonefile::ParseResult;
using signet::zonefile::parse_zone_text;

namespace {

ParseOptions with_origin(const char* origin) {
  ParseOptions o;
  o.origin = dns::Name::parse(origin);
  o.origin_given = true;
  return o;
}

std::string dump(const ParseResult& r) {
  std::string out;
  zonefile::write_zone(r.zone, out);
  return out;
}

std::string errors_of(const ParseResult& r) {
  std::string out;
  for (const Error& e : r.errors) {
    out += e.what();
    out += '\n';
  }
  return out;
}

// The records of the finalized zone whose owner is `owner` and type `type`.
std::vector<dns::Record> find(const ParseResult& r, const char* owner, std::uint16_t type) {
  const dns::Name name = dns::Name::parse(owner);
  std::vector<dns::Record> out;
  for (const dns::Record& rr : r.zone.records())
    if (rr.type == type && r.zone.owner(rr) == name.view()) out.push_back(rr);
  return out;
}

std::string rdata_bytes(const ParseResult& r, const dns::Record& rr) {
  const auto bytes = r.zone.rdata(rr);
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

void check_error(const ParseResult& r, std::size_t index, std::uint32_t line, std::uint32_t column,
                 const std::string& message) {
  INFO(errors_of(r));
  REQUIRE(r.errors.size() > index);
  CHECK(r.errors[index].where().line == line);
  CHECK(r.errors[index].where().column == column);
  CHECK(r.errors[index].message() == message);
}

// A temporary directory removed (with its files) at the end of a test.
struct TempDir {
  std::string path;
  std::vector<std::string> files;
  TempDir() {
    char tmpl[] = "/tmp/signet-parser-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    for (auto it = files.rbegin(); it != files.rend(); ++it) std::remove(it->c_str());
    ::rmdir(path.c_str());
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string full = path + "/" + name;
    std::ofstream(full, std::ios::binary) << text;
    files.push_back(full);
    return full;
  }
  void mkdir(const std::string& name) {
    const std::string full = path + "/" + name;
    REQUIRE(::mkdir(full.c_str(), 0700) == 0);
    files.insert(files.begin(), full);  // removed last (rmdir via remove)
  }
};

const char* const kSoa = "@ 3600 IN SOA ns hostmaster 1 3600 600 86400 60\n";

}  // namespace

TEST_CASE("RFC 1035 5.3 example zone (ISI.EDU), no TTLs: the SOA minimum is the TTL") {
  const char* text =
      "@   IN  SOA     VENERA      Action\\.domains (\n"
      "                                 20     ; SERIAL\n"
      "                                 7200   ; REFRESH\n"
      "                                 600    ; RETRY\n"
      "                                 3600000; EXPIRE\n"
      "                                 60)    ; MINIMUM\n"
      "\n"
      "        NS      A.ISI.EDU.\n"
      "        NS      VENERA\n"
      "        NS      VAXA\n"
      "        MX      10      VENERA\n"
      "        MX      20      VAXA\n"
      "\n"
      "A       A       26.3.0.103\n"
      "\n"
      "VENERA  A       10.1.0.52\n"
      "        A       128.9.0.32\n"
      "\n"
      "VAXA    A       10.2.0.27\n"
      "        A       128.9.0.33\n";
  const ParseResult r = parse_zone_text(text, "isi.edu.zone", with_origin("ISI.EDU."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(r.zone.finalized());
  CHECK(r.zone.records().size() == 11);
  CHECK(dump(r) ==
        "ISI.EDU.\t60\tIN\tNS\tA.ISI.EDU.\n"
        "ISI.EDU.\t60\tIN\tNS\tVAXA.ISI.EDU.\n"
        "ISI.EDU.\t60\tIN\tNS\tVENERA.ISI.EDU.\n"
        "ISI.EDU.\t60\tIN\tSOA\tVENERA.ISI.EDU. Action\\.domains.ISI.EDU. 20 7200 600 3600000 60\n"
        "ISI.EDU.\t60\tIN\tMX\t10 VENERA.ISI.EDU.\n"
        "ISI.EDU.\t60\tIN\tMX\t20 VAXA.ISI.EDU.\n"
        "A.ISI.EDU.\t60\tIN\tA\t26.3.0.103\n"
        "VAXA.ISI.EDU.\t60\tIN\tA\t10.2.0.27\n"
        "VAXA.ISI.EDU.\t60\tIN\tA\t128.9.0.33\n"
        "VENERA.ISI.EDU.\t60\tIN\tA\t10.1.0.52\n"
        "VENERA.ISI.EDU.\t60\tIN\tA\t128.9.0.32\n");
  const auto soa = find(r, "isi.edu.", dns::rrtype::SOA);
  REQUIRE(soa.size() == 1);
  CHECK(soa[0].line == 1);  // a multi-line record reports the line it starts on
  const auto venera = find(r, "venera.isi.edu.", dns::rrtype::A);
  REQUIRE(venera.size() == 2);
  CHECK(venera[0].line == 16);
  CHECK(venera[1].line == 17);
  CHECK(r.zone.files().size() == 1);
  CHECK(r.zone.files()[0] == "isi.edu.zone");
  CHECK(r.zone.origin() == dns::Name::parse("isi.edu."));
}

TEST_CASE("scanner: entries, parentheses, comments, quotes and raw escapes") {
  const std::string text =
      "a b ; comment\n"
      "\n"
      "  ; only a comment\n"
      "\tc ( d\n"
      "  e ) f\n"
      "g \"x y;(\\\"z\" h\\ i \\059\n";
  zonefile::detail::Scanner scanner(text);
  zonefile::detail::Entry e;
  REQUIRE(scanner.next(e));
  CHECK_FALSE(e.blank_owner);
  CHECK(e.line == 1);
  REQUIRE(e.tokens().size() == 2);
  CHECK(e.tokens()[1].text == "b");
  CHECK(e.tokens()[1].column == 3);
  REQUIRE(scanner.next(e));
  CHECK(e.blank_owner);
  CHECK(e.line == 4);
  REQUIRE(e.tokens().size() == 4);
  CHECK(e.tokens()[2].text == "e");
  CHECK(e.tokens()[2].line == 5);
  CHECK(e.tokens()[2].column == 3);
  CHECK(e.tokens()[3].text == "f");
  REQUIRE(scanner.next(e));
  CHECK(e.line == 6);
  REQUIRE(e.tokens().size() == 4);
  CHECK(e.tokens()[1].quoted);
  CHECK(e.tokens()[1].text == "x y;(\\\"z");
  CHECK(e.tokens()[1].column == 3);
  CHECK(e.tokens()[2].text == "h\\ i");
  CHECK(e.tokens()[3].text == "\\059");
  CHECK_FALSE(scanner.next(e));
}

TEST_CASE("scanner: a quote inside a word starts a new, quoted token (SVCB key=\"value\")") {
  zonefile::detail::Scanner scanner("x alpn=\"h2,h3\" key1=\"a b\"\n");
  zonefile::detail::Entry e;
  REQUIRE(scanner.next(e));
  REQUIRE(e.tokens().size() == 5);
  CHECK(e.tokens()[1].text == "alpn=");
  CHECK(e.tokens()[2].text == "h2,h3");
  CHECK(e.tokens()[2].quoted);
  CHECK(e.tokens()[4].text == "a b");
}

TEST_CASE("blank owner repeats the previous owner; @, relative and absolute names") {
  const std::string text = std::string("$TTL 300\n") + kSoa +
                           "\tNS ns\n"
                           "ns A 192.0.2.1\n"
                           "   AAAA 2001:db8::1\n"
                           "www.example. A 192.0.2.2\n"
                           "www.other.example. A 192.0.2.3\n";
  const ParseResult r = parse_zone_text(text, "t.zone", with_origin("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(find(r, "example.", dns::rrtype::NS).size() == 1);
  CHECK(rdata_bytes(r, find(r, "example.", dns::rrtype::NS)[0]) == std::string("\2ns\7example\0", 12));
  CHECK(find(r, "ns.example.", dns::rrtype::AAAA).size() == 1);
  CHECK(find(r, "www.example.", dns::rrtype::A).size() == 1);
  CHECK(find(r, "www.other.example.", dns::rrtype::A).size() == 1);
}

TEST_CASE("escapes in owner names: \\X and \\DDD reach the wire form") {
  const ParseResult r = parse_zone_text(std::string("$TTL 1\n") + kSoa +
                                            "esc\\.dot A 192.0.2.1\n"
                                            "sp\\032ace A 192.0.2.2\n",
                                        "t", with_origin("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  bool dot = false, space = false;
  for (const dns::Record& rr : r.zone.records()) {
    const std::string_view wire = r.zone.owner(rr).wire();
    if (wire == std::string_view("\7esc.dot\7example\0", 17)) dot = true;
    if (wire == std::string_view("\6sp ace\7example\0", 16)) space = true;
  }
  CHECK(dot);
  CHECK(space);
}

TEST_CASE("quoted strings may hold spaces, ';', '(' and escaped quotes") {
  const ParseResult r = parse_zone_text(std::string("$TTL 1\n") + kSoa +
                                            "t TXT \"a b; (c) \\\"q\\\"\" plain\n",
                                        "t", with_origin("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  const auto txt = find(r, "t.example.", dns::rrtype::TXT);
  REQUIRE(txt.size() == 1);
  CHECK(rdata_bytes(r, txt[0]) == std::string("\14a b; (c) \"q\"\5plain"));
}

TEST_CASE("TTL and class in either order, TTL units, TYPEnnn and CLASSnnn") {
  const std::string text = std::string(kSoa) +
                           "a IN 7200 A 192.0.2.1\n"
                           "b 7200 IN A 192.0.2.2\n"
                           "c 1h30m A 192.0.2.3\n"
                           "d 1W2d3H4m5S CLASS1 A 192.0.2.4\n"
                           "e 60 IN TYPE1 192.0.2.5\n"
                           "f 60 IN TYPE1 \\# 4 C0000206\n"
                           "g 60 IN TYPE65280 \\# 3 abcdef\n"
                           "h 60 in a 192.0.2.8\n";
  const ParseResult r = parse_zone_text(text, "t", with_origin("example."));
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(find(r, "a.example.", dns::rrtype::A).at(0).ttl == 7200);
  CHECK(find(r, "b.example.", dns::rrtype::A).at(0).ttl == 7200);
  CHECK(find(r, "c.example.", dns::rrtype::A).at(0).ttl == 5400);
  CHECK(find(r, "d.example.", dns::rrtype::A).at(0).ttl == 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  CHECK(find(r, "d.example.", dns::rrtype::A).at(0).rclass == 1);
  CHECK(rdata_bytes(r, find(r, "e.example.", dns::rrtype::A).at(0)) == std::string("\xC0\x00\x02\x05", 4));
  CHECK(rdata_bytes(r, find(r, "f.example.", dns::rrtype::A).at(0)) == std::string("\xC0\x00\x02\x06", 4));
  CHECK(rdata_bytes(r, find(r, "g.example.", 65280).at(0)) == "\xAB\xCD\xEF");
  CHECK(find(r, "h.example.", dns::rrtype::A).size() == 1);
}

TEST_CASE("records of a class other than the first record's class are errors") {
  const ParseResult r = parse_zone_text(std::string(kSoa) + "a 60 CH A 192.0.2.1\n", "t", with_origin("example."));
  check_error(r, 0, 2, 1, "class CH differs from the zone's class IN");
  CHECK(r.errors.size() == 1);
}

TEST_CASE("$ORIGIN: absolute, relative to the current origin, and case kept") {
  const std::string text =
      "$ORIGIN Example.ORG.\n"
      "$TTL 60\n"
      "@ SOA ns hostmaster 1 2 3 4 5\n"
      "$ORIGIN sub\n"
      "a A 192.0.2.1\n"
      "$ORIGIN deeper.sub.example.org.\n"
      "@ A 192.0.2.2\n";
  const ParseResult r = parse_zone_text(text, "t");
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(r.zone.origin() == dns::Name::parse("example.org."));
  CHECK(r.zone.origin().to_text() == "Example.ORG.");
  CHECK(find(r, "a.sub.example.org.", dns::rrtype::A).size() == 1);
  CHECK(find(r, "deeper.sub.example.org.", dns::rrtype::A).size() == 1);
}

TEST_CASE("origin: given, else the first $ORIGIN before any record, else the first SOA owner") {
  SUBCASE("given origin wins over $ORIGIN") {
    const ParseResult r = parse_zone_text("$ORIGIN other.\n$TTL 1\n@ SOA ns h 1 2 3 4 5\n", "t", with_origin("example."));
    REQUIRE(r.ok());
    CHECK(r.zone.origin() == dns::Name::parse("example."));
  }
  SUBCASE("$ORIGIN after the first record does not set the zone origin") {
    const ParseResult r = parse_zone_text("$TTL 1\nzone. SOA ns.zone. h.zone. 1 2 3 4 5\n$ORIGIN sub.zone.\na A 192.0.2.1\n", "t");
    INFO(errors_of(r));
    REQUIRE(r.ok());
    CHECK(r.zone.origin() == dns::Name::parse("zone."));
    CHECK(find(r, "a.sub.zone.", dns::rrtype::A).size() == 1);
  }
  SUBCASE("the SOA owner becomes the origin for later relative names") {
    const ParseResult r = parse_zone_text("$TTL 1\nzone. SOA ns.zone. h.zone. 1 2 3 4 5\nwww A 192.0.2.1\n", "t");
    INFO(errors_of(r));
    REQUIRE(r.ok());
    CHECK(r.zone.origin() == dns::Name::parse("zone."));
    CHECK(find(r, "www.zone.", dns::rrtype::A).size() == 1);
  }
  SUBCASE("relative owner before any origin") {
    const ParseResult r = parse_zone_text("$TTL 300\nwww A 192.0.2.1\n", "t");
    check_error(r, 0, 2, 1, "relative owner name 'www' but no origin is known; add $ORIGIN or give the origin");
  }
  SUBCASE("@ before any origin") {
    const ParseResult r = parse_zone_text("$TTL 300\n@ A 192.0.2.1\n", "t");
    check_error(r, 0, 2, 1, "'@' used but no origin is known; add $ORIGIN or give the origin");
  }
  SUBCASE("relative name in the rdata before any origin") {
    const ParseResult r = parse_zone_text("$TTL 300\nzone. SOA ns h.zone. 1 2 3 4 5\n", "t");
    check_error(r, 0, 2, 11, "relative name 'ns' in the rdata but no origin is known; add $ORIGIN or give the origin");
  }
}

TEST_CASE("RFC 2308 default TTLs") {
  SUBCASE("$TTL applies to records without a TTL; explicit TTLs win") {
    const ParseResult r = parse_zone_text(std::string("$TTL 300\n") + kSoa + "a A 192.0.2.1\nb 5 A 192.0.2.2\nc A 192.0.2.3\n",
                                          "t", with_origin("example."));
    REQUIRE(r.ok());
    CHECK(find(r, "a.example.", dns::rrtype::A).at(0).ttl == 300);
    CHECK(find(r, "b.example.", dns::rrtype::A).at(0).ttl == 5);
    CHECK(find(r, "c.example.", dns::rrtype::A).at(0).ttl == 300);
  }
  SUBCASE("without $TTL, the last explicit TTL") {
    const ParseResult r = parse_zone_text(std::string(kSoa) + "a A 192.0.2.1\nb 5 A 192.0.2.2\nc A 192.0.2.3\n", "t",
                                          with_origin("example."));
    REQUIRE(r.ok());
    CHECK(find(r, "a.example.", dns::rrtype::A).at(0).ttl == 3600);
    CHECK(find(r, "c.example.", dns::rrtype::A).at(0).ttl == 5);
  }
  SUBCASE("no $TTL and no TTL yet: the SOA minimum, which then carries on") {
    const ParseResult r = parse_zone_text("@ SOA ns h 1 2 3 4 77\na A 192.0.2.1\n", "t", with_origin("example."));
    REQUIRE(r.ok());
    CHECK(find(r, "example.", dns::rrtype::SOA).at(0).ttl == 77);
    CHECK(find(r, "a.example.", dns::rrtype::A).at(0).ttl == 77);
  }
  SUBCASE("options.default_ttl when nothing else is known") {
    ParseOptions o = with_origin("example.");
    o.default_ttl = 42;
    const ParseResult r = parse_zone_text("a A 192.0.2.1\n", "t", o);
    REQUIRE(r.ok());
    CHECK(find(r, "a.example.", dns::rrtype::A).at(0).ttl == 42);
  }
  SUBCASE("no TTL at all is an error") {
    const ParseResult r = parse_zone_text("a A 192.0.2.1\n", "t", with_origin("example."));
    check_error(r, 0, 1, 1, "no TTL for this record and no $TTL before it");
  }
}

TEST_CASE("$INCLUDE: relative paths, origin argument, origin and owner restored") {
  TempDir dir;
  dir.mkdir("inc");
  dir.write("inc/hosts.db", "inc-host A 192.0.2.50\n\tAAAA 2001:db8::50\n$INCLUDE deeper.db\n");
  dir.write("inc/deeper.db", "deep A 192.0.2.51\n");
  dir.write("inc/other.db", "@ A 192.0.2.60\nx A 192.0.2.61\n$ORIGIN changed.example.\n");
  const std::string main_zone = dir.write("main.zone",
                                          "$ORIGIN example.\n"
                                          "$TTL 60\n"
                                          "@ SOA ns hostmaster 1 2 3 4 5\n"
                                          "owner A 192.0.2.1\n"
                                          "$INCLUDE inc/hosts.db\n"
                                          "$INCLUDE inc/other.db other.example.\n"
                                          "\tAAAA 2001:db8::1\n"
                                          "after A 192.0.2.99\n");
  const ParseResult r = zonefile::parse_zone_file(main_zone);
  INFO(errors_of(r));
  REQUIRE(r.ok());
  CHECK(find(r, "inc-host.example.", dns::rrtype::AAAA).size() == 1);
  CHECK(find(r, "deep.example.", dns::rrtype::A).size() == 1);
  CHECK(find(r, "other.example.", dns::rrtype::A).size() == 1);
  CHECK(find(r, "x.other.example.", dns::rrtype::A).size() == 1);
  // The blank owner after the includes is the including file's owner.
  CHECK(find(r, "owner.example.", dns::rrtype::AAAA).size() == 1);
  CHECK(find(r, "after.example.", dns::rrtype::A).size() == 1);
  REQUIRE(r.zone.files().size() == 4);
  CHECK(r.zone.files()[1] == dir.path + "/inc/hosts.db");
  const auto deep = find(r, "deep.example.", dns::rrtype::A).at(0);
  CHECK(r.zone.files()[deep.file] == dir.path + "/inc/deeper.db");
  CHECK(deep.line == 1);

  SUBCASE("parse_zone_text resolves includes against base_dir") {
    const ParseResult t = parse_zone_text("$TTL 1\n$INCLUDE inc/deeper.db\n", "text", with_origin("example."), dir.path);
    INFO(errors_of(t));
    REQUIRE(t.ok());
    CHECK(find(t, "deep.example.", dns::rrtype::A).size() == 1);
  }
}

TEST_CASE("$INCLUDE errors: missing file, loop, depth, disabled") {
  TempDir dir;
  dir.write("loop.zone", "$TTL 1\n$INCLUDE loop.zone\n");
  dir.write("a.db", "$INCLUDE b.db\n");
  dir.write("b.db", "$INCLUDE a.db\n");
  SUBCASE("missing") {
    const ParseResult r = parse_zone_text("$TTL 1\n$INCLUDE x.zone\n", "t", with_origin("example."), dir.path);
    check_error(r, 0, 2, 10, "$INCLUDE file 'x.zone' cannot be opened: No such file or directory");
    CHECK(r.errors[0].where().file == "t");
  }
  SUBCASE("a file that includes itself") {
    const ParseResult r = zonefile::parse_zone_file(dir.path + "/loop.zone", with_origin("example."));
    check_error(r, 0, 2, 10, "$INCLUDE loop: 'loop.zone' is already being read");
    CHECK(r.errors.size() == 1);
  }
  SUBCASE("a loop through two files, located in the second") {
    const ParseResult r = zonefile::parse_zone_file(dir.path + "/a.db", with_origin("example."));
    check_error(r, 0, 1, 10, "$INCLUDE loop: 'a.db' is already being read");
    CHECK(r.errors[0].where().file == dir.path + "/b.db");
  }
  SUBCASE("deeper than max_include_depth") {
    ParseOptions o = with_origin("example.");
    o.max_include_depth = 1;
    const ParseResult r = zonefile::parse_zone_file(dir.path + "/a.db", o);
    check_error(r, 0, 1, 10, "$INCLUDE nested deeper than 1 files; is there an include loop?");
  }
  SUBCASE("disabled") {
    ParseOptions o = with_origin("example.");
    o.allow_include = false;
    const ParseResult r = parse_zone_text("$INCLUDE a.db\n", "t", o, dir.path);
    check_error(r, 0, 1, 1, "$INCLUDE is not allowed here (includes are disabled)");
  }
}

TEST_CASE("lexical errors: exact line and column") {
  SUBCASE("unknown type") {
    const ParseResult r = parse_zone_text("$TTL 1\nwww IN AAAAA 2001:db8::1\n", "t", with_origin("example."));
    check_error(r, 0, 2, 8, "unknown RR type 'AAAAA'");
    CHECK(std::string(r.errors[0].what()) == "t:2:8: unknown RR type 'AAAAA'");
  }
  SUBCASE("unbalanced )") {
    const ParseResult r = parse_zone_text("$TTL 1\nwww A 192.0.2.1 )\n", "t", with_origin("example."));
    check_error(r, 0, 2, 17, "unbalanced ')'");
  }
  SUBCASE("unterminated quoted string") {
    const ParseResult r = parse_zone_text("$TTL 1\n\n\nt TXT \"never closed\nok A 192.0.2.1\n", "t", with_origin("example."));
    check_error(r, 0, 4, 7, "unterminated quoted string starting at line 4");
    CHECK(r.errors.size() == 1);  // the next line parses
  }
  SUBCASE("missing )") {
    const ParseResult r = parse_zone_text("$TTL 1\n\n\n\n\n\nt TXT ( \"a\"\n \"b\"\n; comment\n", "t", with_origin("example."));
    check_error(r, 0, 7, 7, "missing closing ')' for '(' opened at line 7");
  }
  SUBCASE("blank owner with no previous record") {
    const ParseResult r = parse_zone_text("$TTL 1\n  A 192.0.2.1\n", "t", with_origin("example."));
    check_error(r, 0, 2, 3, "no owner name: the line starts with a blank but no record precedes it");
  }
  SUBCASE("bad TTL") {
    const ParseResult r = parse_zone_text("$TTL 1w2q\nwww 4294967296 A 192.0.2.1\n", "t", with_origin("example."));
    check_error(r, 0, 1, 6, "bad TTL '1w2q' in $TTL; expected seconds up to 4294967295 or units like 1h30m");
    check_error(r, 1, 2, 5, "bad TTL '4294967296'; expected seconds up to 4294967295 or units like 1h30m");
  }
  SUBCASE("unknown directive and missing type") {
    const ParseResult r = parse_zone_text("$FOO bar\nwww 60 IN\n", "t", with_origin("example."));
    check_error(r, 0, 1, 1, "unknown directive '$FOO'; expected $ORIGIN, $TTL, $INCLUDE or $GENERATE");
    check_error(r, 1, 2, 8, "missing RR type");
  }
  SUBCASE("bad owner name: label too long") {
    const std::string label(64, 'l');
    const ParseResult r = parse_zone_text("$TTL 1\n" + label + " A 192.0.2.1\n", "t", with_origin("example."));
    INFO(errors_of(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().line == 2);
    CHECK(r.errors[0].where().column == 1);
    CHECK(r.errors[0].message().rfind("bad owner name '" + label.substr(0, 60) + "...': ", 0) == 0);
  }
  SUBCASE("rdata errors come from the field parsers, located at the token") {
    const ParseResult r = parse_zone_text("$TTL 1\nc A 192.0.2.256\n", "t", with_origin("example."));
    INFO(errors_of(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().line == 2);
    CHECK(r.errors[0].where().column == 5);
    CHECK(r.errors[0].where().file == "t");
  }
}

TEST_CASE("NUL bytes and binary garbage give clean errors") {
  SUBCASE("NUL inside a record") {
    static const char kText[] = "$TTL 1\nnul A 192.0\0.2.3\nok A 192.0.2.4\n";
    const ParseResult r = parse_zone_text(std::string_view(kText, sizeof kText - 1), "t", with_origin("example."));
    check_error(r, 0, 2, 12, "NUL byte in the zone file");
    CHECK(r.errors.size() == 1);
  }
  SUBCASE("a control character") {
    const ParseResult r = parse_zone_text("$TTL 1\nx\x01 A 192.0.2.3\n", "t", with_origin("example."));
    check_error(r, 0, 2, 2, "control character 0x01 in the zone file; write it as \\001");
  }
  SUBCASE("every byte value, twice") {
    std::string garbage;
    for (int round = 0; round < 2; ++round)
      for (int c = 0; c < 256; ++c) garbage += static_cast<char>(c);
    ParseOptions o = with_origin("example.");
    o.max_errors = 1000;
    const ParseResult r = parse_zone_text(garbage, "t", o);
    CHECK_FALSE(r.ok());
    CHECK(r.errors.size() <= 1001);
  }
}

TEST_CASE("several errors are reported in one pass and parsing goes on after each") {
  const std::string text = std::string("$TTL 60\n") + kSoa +
                           "a A 192.0.2.1\n"
                           "b BOGUS 1\n"
                           "c A 192.0.2.3\n"
                           "d A 192.0.2.300\n"
                           "e A 192.0.2.5 )\n"
                           "f A 192.0.2.6\n";
  const ParseResult r = parse_zone_text(text, "multi.zone", with_origin("example."));
  INFO(errors_of(r));
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].where().line == 4);
  CHECK(r.errors[1].where().line == 6);
  CHECK(r.errors[2].where().line == 7);
  CHECK(r.errors[0].where().file == "multi.zone");
  CHECK_FALSE(r.zone.finalized());
}

TEST_CASE("max_errors: stop after the limit with one final error") {
  std::string text = "$TTL 1\n";
  for (int i = 0; i < 10; ++i) text += "x BOGUS 1\n";
  ParseOptions o = with_origin("example.");
  o.max_errors = 3;
  const ParseResult r = parse_zone_text(text, "t", o);
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[2].message() == "unknown RR type 'BOGUS'");
  CHECK(r.errors[3].message() == "too many errors; stopping after 3");
  CHECK(r.errors[3].where().line == 5);

  o.max_errors = 10;  // exactly at the limit: no extra error
  const ParseResult exact = parse_zone_text(text, "t", o);
  CHECK(exact.errors.size() == 10);
}

TEST_CASE("parse_zone_file: missing file and non-regular files") {
  const ParseResult missing = zonefile::parse_zone_file("/nonexistent/signet.zone");
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].where().file == "/nonexistent/signet.zone");
  CHECK(missing.errors[0].message() == "cannot open zone file: No such file or directory");
  const ParseResult empty = zonefile::parse_zone_file("/dev/null", with_origin("example."));  // read(), not mmap
  CHECK(empty.ok());
  CHECK(empty.zone.records().empty());
}

namespace {

// "; origin: x." and "; expect-line: N" comments of the test data files.
std::string header_value(const std::string& text, const std::string& key) {
  const std::size_t at = text.find("; " + key + ": ");
  if (at == std::string::npos) return {};
  const std::size_t from = at + key.size() + 4;
  return text.substr(from, text.find('\n', from) - from);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("test data: good zones parse, bad zones fail at the expected line") {
  const std::string data = SIGNET_TEST_DATA;
  for (const char* name : {"syntax.zone", "types.zone", "generate.zone", "svcb.zone", "noorigin.zone"}) {
    const std::string path = data + "/zones/" + name;
    const ParseResult r = zonefile::parse_zone_file(path, with_origin(header_value(read_file(path), "origin").c_str()));
    INFO(name << "\n" << errors_of(r));
    CHECK(r.ok());
    CHECK(!r.zone.records().empty());
  }
  for (const char* name : {"bad_base64", "bad_generate_range", "bad_ipv4", "bad_ttl", "garbage", "include_loop",
                           "include_missing", "long_label", "long_name", "long_string", "no_origin", "nul_byte",
                           "ttl_overflow", "unbalanced_close", "unclosed_paren", "unknown_type", "unterminated_quote"}) {
    const std::string path = data + "/bad/" + name + ".zone";
    const std::string text = read_file(path);
    const std::string origin = header_value(text, "origin");
    const ParseResult r = zonefile::parse_zone_file(path, origin == "none" ? ParseOptions{} : with_origin(origin.c_str()));
    INFO(name << "\n" << errors_of(r));
    REQUIRE_FALSE(r.ok());
    CHECK(std::to_string(r.errors[0].where().line) == header_value(text, "expect-line"));
  }
}

TEST_CASE("after a broken record, its blank-owner continuation lines are not given to the owner before it") {
  const ParseResult r = parse_zone_text("$TTL 1\nok A 192.0.2.1\nbad\x01 A 192.0.2.2\n\tAAAA 2001:db8::1\nnext A 192.0.2.3\n",
                                        "t", with_origin("example."));
  check_error(r, 0, 3, 4, "control character 0x01 in the zone file; write it as \\001");
  CHECK(r.errors.size() == 1);
  CHECK(find(r, "ok.example.", dns::rrtype::AAAA).empty());
  CHECK(find(r, "next.example.", dns::rrtype::A).size() == 1);
}

namespace {

// Everything a parse gives, as text: each record (owner, class, type, TTL,
// rdata, file and line, in canonical order) and each error with its place.
std::string dump_parse(const ParseResult& r) {
  std::ostringstream out;
  for (const dns::Record& rr : r.zone.records()) {
    out << r.zone.owner(rr).to_text() << ' ' << rr.rclass << ' ' << rr.type << ' ' << rr.ttl << ' ';
    for (const std::uint8_t b : r.zone.rdata(rr)) out << static_cast<int>(b) << ',';
    out << ' ' << r.zone.files().at(rr.file) << ':' << rr.line << '\n';
  }
  for (const Error& e : r.errors) out << "error " << e.where().line << ':' << e.where().column << ' ' << e.message() << '\n';
  return out.str();
}

// The text parsed in one piece and, forced, in two halves on two threads.
void check_halves(const std::string& text, bool expect_split, std::optional<std::uint32_t> default_ttl = {}) {
  ParseOptions one;
  one.max_errors = 100;
  one.default_ttl = default_ttl;
  ParseOptions two = one;
  two.threads = 2;
  two.split_from = 1;
  const ParseResult a = parse_zone_text(text, "t.zone", one);
  const ParseResult b = parse_zone_text(text, "t.zone", two);
  CHECK(dump_parse(a) == dump_parse(b));
  CHECK(a.pieces == 1);
  CHECK(b.pieces == (expect_split ? 2u : 1u));
}

std::string generated_zone(std::size_t names) {
  std::string text = "$ORIGIN example.\n$TTL 3600\n@ IN SOA ns1 host 1 7200 3600 604800 300\n@ IN NS ns1\n";
  text += "ns1 IN A 192.0.2.1\n";
  for (std::size_t i = 0; i < names; ++i) {
    const std::string n = "n" + std::to_string(i * 7919 % 1000003);
    text += n + " IN NS ns1." + n + "\n";
    text += "ns1." + n + " 300 IN A 10.0.0." + std::to_string(i % 250) + "\n";
    if (i % 3 == 0) text += "\tIN TXT \"glue-ish text " + std::to_string(i) + "\"\n";
  }
  return text;
}

}  // namespace

TEST_CASE("A text read in two halves gives the zone (and errors) of one piece") {
  SUBCASE("plain zone") { check_halves(generated_zone(400), true); }
  SUBCASE("$ORIGIN and $TTL change in the first half") {
    // The second half must start under sub.example. with TTL 60.
    std::string text = generated_zone(50) + "$ORIGIN sub\n$TTL 60\n";
    for (int i = 0; i < 600; ++i) text += "h" + std::to_string(i) + " IN CNAME target" + std::to_string(i % 9) + "\n";
    check_halves(text, true);
  }
  SUBCASE("relative $ORIGIN and a $TTL with units") {
    check_halves("$ORIGIN example.\n$TTL 1h\n@ IN SOA ns1 host 1 2 3 4 5\n$ORIGIN a\n" +
                     generated_zone(200).substr(generated_zone(0).size()),
                 true);
  }
  SUBCASE("no $TTL: the previous record's TTL carries over, so one piece") {
    std::string text = "$ORIGIN example.\n@ 300 IN SOA ns1 host 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + " IN A 192.0.2.1\n";
    check_halves(text, false);
    // With a default TTL the second half would not fail but take the wrong TTL.
    check_halves(text, false, 999);
  }
  SUBCASE("no $TTL but a TTL on the first record after the middle and later ones without") {
    std::string text = "$ORIGIN example.\n@ 300 IN SOA ns1 host 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + " " + std::to_string(100 + i) + " IN A 192.0.2.1\n\tIN TXT \"x\"\n";
    check_halves(text, true);
  }
  SUBCASE("signed-zone shape: absolute names, a TTL on every record, no directive, no origin given") {
    std::string text = "example. 300 IN SOA ns1.example. host.example. 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + ".example. 60 IN A 192.0.2.1\n";
    check_halves(text, true);
  }
  SUBCASE("no origin known and an SOA in the second half: one piece") {
    std::string text = "example. 300 IN SOA ns1.example. host.example. 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + ".example. 60 IN A 192.0.2.1\n";
    text += "other. 300 IN SOA ns1.example. host.example. 1 2 3 4 5\nrel 60 IN A 192.0.2.9\n";
    check_halves(text, false);
  }
  SUBCASE("the middle falls inside parentheses") {
    std::string text = "$ORIGIN example.\n$TTL 300\n@ IN SOA ns1 host 1 2 3 4 5\n";
    for (int i = 0; i < 50; ++i) text += "a" + std::to_string(i) + " IN A 192.0.2.1\n";
    text += "big IN TXT (\n";
    for (int i = 0; i < 500; ++i) text += "word" + std::to_string(i) + "\n";
    text += ")\n";
    for (int i = 0; i < 50; ++i) text += "b" + std::to_string(i) + " IN A 192.0.2.1\n";
    check_halves(text, false);
  }
  SUBCASE("errors in either half are reported as one piece reports them") {
    std::string text = generated_zone(300);
    text.insert(text.size() / 4, "bad1 IN A 300.1.1.1\n");
    text += "bad2 IN AAAA nothing\nbad3 IN MX\n";
    check_halves(text, false);
  }
  SUBCASE("a class other than IN") {
    std::string text = "$ORIGIN example.\n$TTL 300\n@ CH SOA ns1 host 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + " CH TXT \"x\"\n";
    check_halves(text, false);
  }
  SUBCASE("other directives: one piece") {
    check_halves(generated_zone(200) + "$GENERATE 1-20 host$ A 192.0.2.$\n", false);
  }
  SUBCASE("no origin until the SOA") {
    std::string text = "$TTL 300\nexample. IN SOA ns1.example. host.example. 1 2 3 4 5\n";
    for (int i = 0; i < 300; ++i) text += "a" + std::to_string(i) + " IN A 192.0.2.1\n";
    check_halves(text, false);
  }
}

namespace {

// Each record's text as ParseResult::source has it, in record order.
std::vector<std::string> record_texts(const ParseResult& r) {
  std::vector<std::string> out;
  for (const dns::Record& rr : r.zone.records()) out.emplace_back(r.source->record_text(rr));
  return out;
}

}  // namespace

TEST_CASE("keep_source: the text of every record of a text of self-contained lines") {
  // Spacing, case, TTL units, a comment after a record, a quoted last field,
  // a blank and a comment line, $TTL and $ORIGIN: all allowed.
  const std::string text =
      "; a comment line\n"
      "$TTL 60\n$ORIGIN other.\n"
      "example.  1h IN  SOA ns1.example. host.example. 1 2 3 4 5\n"
      "\n"
      "example.\t3600\tin\tns\tns1.example.   ; trailing comment\n"
      "ns1.example. 300 IN A 192.0.2.1\n"
      "t.example. IN 60 TXT \"a b\" \"c;d\"\n"
      "x.example. 60 IN TYPE65280 \\# 2 abcd\r\n";  // CR LF: the CR is not part of the record
  ParseOptions options;
  options.keep_source = true;
  const ParseResult r = parse_zone_text(text, "t.zone", options);
  REQUIRE(r.ok());
  REQUIRE(r.source != nullptr);
  CHECK(r.source->text == text);
  // Canonical order: example. NS, SOA; ns1; t; x.
  CHECK(record_texts(r) == std::vector<std::string>{"example.\t3600\tin\tns\tns1.example.",
                                                     "example.  1h IN  SOA ns1.example. host.example. 1 2 3 4 5",
                                                     "ns1.example. 300 IN A 192.0.2.1",
                                                     "t.example. IN 60 TXT \"a b\" \"c;d\"",
                                                     "x.example. 60 IN TYPE65280 \\# 2 abcd"});
  // Which lines are the text and a newline, nothing else (the writer copies
  // runs of those as they stand): not the one with a comment, nor CR LF.
  std::vector<bool> whole;
  for (const dns::Record& rr : r.zone.records()) whole.push_back(r.source->whole_line(rr));
  CHECK(whole == std::vector<bool>{false, true, true, true, false});
  // Not asked for: none.
  CHECK(parse_zone_text(text, "t.zone").source == nullptr);

  SUBCASE("read in two halves, the spans are those of one piece") {
    std::string big = "example. 300 IN SOA ns1.example. host.example. 1 2 3 4 5\n";
    for (int i = 0; i < 400; ++i) big += "a" + std::to_string(i) + ".example.  60 IN A 192.0.2." + std::to_string(i % 200) + "\n";
    ParseOptions two = options;
    two.threads = 2;
    two.split_from = 1;
    const ParseResult one_piece = parse_zone_text(big, "t.zone", options);
    const ParseResult halves = parse_zone_text(big, "t.zone", two);
    REQUIRE(halves.pieces == 2);
    REQUIRE(halves.source != nullptr);
    CHECK(record_texts(halves) == record_texts(one_piece));
    CHECK(record_texts(halves).back() == "a99.example.  60 IN A 192.0.2.99");
    for (const dns::Record& rr : halves.zone.records()) CHECK(halves.source->whole_line(rr));
  }
  SUBCASE("from a file, the text stays readable after the parse") {
    char path[] = "/tmp/signet-keep-source-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fd);
    const ParseResult f = zonefile::parse_zone_file(path, options);
    ::unlink(path);
    REQUIRE(f.source != nullptr);
    CHECK(f.source->text == text);
    CHECK(record_texts(f) == record_texts(r));
  }
}

TEST_CASE("keep_source: no source when a record needs what comes before it") {
  ParseOptions options;
  options.keep_source = true;
  options.origin = dns::Name::parse("example.");
  options.origin_given = true;
  options.default_ttl = 60;
  const std::string head = "example. 60 IN SOA ns1.example. host.example. 1 2 3 4 5\n";
  const char* needs_context[] = {
      "\t60 IN A 192.0.2.1\n",                        // blank owner: the previous one
      "@ 60 IN TXT \"apex\"\n",                        // the origin
      "www 60 IN A 192.0.2.1\n",                      // a relative owner
      "www.example. 60 IN CNAME web\n",               // a relative name in the rdata
      "www.example. 60 IN MX 10 @\n",                 // the origin in the rdata
      "www.example. IN A 192.0.2.1\n",                // no TTL: $TTL or the previous record's
      "www.example. 60 A 192.0.2.1\n",                // no class
      "www.example. 60 IN TXT ( \"one\"\n \"two\" )\n",  // two lines
      "www.example. 60 IN TXT ( \"one\" \"two\" )\n",    // parentheses on one line: not part of the record
      "$GENERATE 1-2 h$.example. 60 IN A 192.0.2.$\n",
  };
  for (const char* line : needs_context) {
    CAPTURE(line);
    const ParseResult r = parse_zone_text(head + line, "t.zone", options);
    REQUIRE(r.ok());
    CHECK(r.source == nullptr);
  }
  // An escaped final dot is not absolute.
  CHECK(parse_zone_text(head + "www.example\\. 60 IN A 192.0.2.1\n", "t.zone", options).source == nullptr);
  // A text with errors has none.
  CHECK(parse_zone_text(head + "www.example. 60 IN A 300.0.0.1\n", "t.zone", options).source == nullptr);
  // Self-contained: kept.
  CHECK(parse_zone_text(head + "www.example. 60 IN MX 10 mail.example.\n", "t.zone", options).source != nullptr);
}

TEST_CASE("keep_source: no source for a text with $INCLUDE, even of self-contained lines") {
  TempDir dir;
  dir.write("more.db", "b.example. 60 IN A 192.0.2.2\n");
  const std::string main_zone = dir.write(
      "main.zone", "example. 60 IN SOA ns1.example. host.example. 1 2 3 4 5\n$INCLUDE more.db\na.example. 60 IN A 192.0.2.1\n");
  ParseOptions options;
  options.keep_source = true;
  const ParseResult r = zonefile::parse_zone_file(main_zone, options);
  REQUIRE(r.ok());
  CHECK(r.zone.records().size() == 3);
  CHECK(r.source == nullptr);
}

namespace {

// What SharedParse gives for `text` (in a file) beside parse_zone_file():
// with help() before run() (the helper takes the second half, as when run()
// has not started), with run() on a thread and help() beside it, and with
// help() after run() (nothing left to take). Each must give the records,
// lines, errors and kept source of the one-piece parse; returns the pieces
// of the first.
unsigned check_shared(const std::string& text, ParseOptions options = {}) {
  TempDir dir;
  const std::string path = dir.write("shared.zone", text);
  options.max_errors = 100;
  options.keep_source = true;
  options.split_from = 1;
  const ParseResult one = zonefile::parse_zone_file(path, options);
  const auto same = [&](const ParseResult& r) {
    CHECK(dump_parse(r) == dump_parse(one));
    REQUIRE((r.source != nullptr) == (one.source != nullptr));
    if (r.source) CHECK(record_texts(r) == record_texts(one));
  };
  unsigned pieces = 0;
  {
    zonefile::SharedParse shared(path, options);
    shared.help();
    const ParseResult r = shared.run();
    same(r);
    pieces = r.pieces;
  }
  {
    zonefile::SharedParse shared(path, options);
    ParseResult r;
    std::thread first([&] { r = shared.run(); });
    shared.help();
    first.join();
    same(r);
  }
  {
    zonefile::SharedParse shared(path, options);
    const ParseResult r = shared.run();
    shared.help();
    same(r);
    CHECK(r.pieces == 1);
  }
  return pieces;
}

std::string signed_shape(int names) {
  std::string text = "example. 300 IN SOA ns1.example. host.example. 1 2 3 4 5\n";
  for (int i = 0; i < names; ++i)
    text += "a" + std::to_string(i) + ".example. 60 IN A 192.0.2." + std::to_string(i % 200) + "\n";
  return text;
}

}  // namespace

TEST_CASE("SharedParse: a second thread reads part of the file, and the zone is the one of one piece") {
  SUBCASE("signed-zone shape: joined") { CHECK(check_shared(signed_shape(500)) == 2); }
  SUBCASE("relative names under a given origin: joined") {
    std::string text = "@ 300 IN SOA ns1 host 1 2 3 4 5\n";
    for (int i = 0; i < 500; ++i) text += "n" + std::to_string(i) + " 60 IN NS ns1.n" + std::to_string(i) + "\n";
    CHECK(check_shared(text, with_origin("example.")) == 2);
  }
  SUBCASE("$ORIGIN and $TTL the helper did not know of: read by the first thread") {
    CHECK(check_shared(generated_zone(400)) == 1);
  }
  SUBCASE("an entry across the helper's start: read by the first thread") {
    std::string text = signed_shape(20) + "big.example. 60 IN TXT (\n";
    for (int i = 0; i < 500; ++i) text += "word" + std::to_string(i) + "\n";
    text += ")\n" + signed_shape(20).substr(signed_shape(0).size());
    CHECK(check_shared(text) == 1);
  }
  SUBCASE("errors after the split are reported as one piece reports them") {
    std::string text = signed_shape(400);
    text += "bad.example. 60 IN A 300.1.1.1\nbad2.example. 60 IN AAAA nothing\n";
    CHECK(check_shared(text) == 1);
  }
  SUBCASE("errors before the split") {
    std::string text = signed_shape(400);
    text.insert(text.find('\n') + 1, "bad.example. 60 IN A 300.1.1.1\n");
    CHECK(check_shared(text) == 1);
  }
  SUBCASE("records after the split without a TTL take the previous one: read by the first thread") {
    std::string text = signed_shape(100);
    for (int i = 0; i < 300; ++i) text += "b" + std::to_string(i) + ".example. IN A 192.0.2.1\n";
    CHECK(check_shared(text) == 1);
  }
  SUBCASE("records that are not self-contained lines: no source either way") {
    std::string text = signed_shape(300);
    for (int i = 0; i < 300; ++i) text += "\tIN TXT \"x" + std::to_string(i) + "\"\n";
    check_shared(text);
  }
  SUBCASE("a file that cannot be opened") {
    zonefile::SharedParse shared("/nonexistent/signet-shared.zone", ParseOptions{});
    shared.help();
    const ParseResult r = shared.run();
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where().file == "/nonexistent/signet-shared.zone");
    CHECK(r.errors[0].message().find("cannot open zone file") == 0);
  }
  SUBCASE("less left than split_from: no help") {
    TempDir dir;
    const std::string path = dir.write("small.zone", signed_shape(50));
    ParseOptions options;
    options.split_from = 1u << 20;
    zonefile::SharedParse shared(path, options);
    shared.help();
    const ParseResult r = shared.run();
    CHECK(r.ok());
    CHECK(r.pieces == 1);
    CHECK(r.zone.records().size() == 51);
  }
}
