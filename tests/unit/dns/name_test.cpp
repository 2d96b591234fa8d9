// SPDX-License-Identifier: MIT
// Name / NameView: presentation parsing and printing (RFC 1035 5.1, RFC 4343),
// wire validation, label arithmetic and RFC 4034 6.1 canonical order.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "signet/dns/name.hpp"
#include "signet/error.hpp"

using namespace signet::dns;
using namespace std::string_view_literals;

namespace {

Name name(std::string_view text) { return Name::parse(text); }

std::string wire_of(std::string_view text, NameView origin = NameView()) {
  return std::string(Name::parse(text, origin).wire());
}

// The reason parse_name_into gives for `text`, or "" when it parses.
std::string why_not(std::string_view text, NameView origin = NameView()) {
  std::string out, why;
  return parse_name_into(text, origin, out, why) ? std::string() : why;
}

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("absolute names parse to wire format") {
  CHECK(wire_of("www.example.") == "\3www\7example\0"sv);
  CHECK(wire_of(".") == "\0"sv);
  CHECK(wire_of("a.") == "\1a\0"sv);
  CHECK(Name().wire() == "\0"sv);
  CHECK(Name().view().is_root());
  CHECK(NameView().wire() == "\0"sv);
}

TEST_CASE("relative names and @ take the origin") {
  const Name origin = name("example.com.");
  CHECK(wire_of("www", origin) == "\3www\7example\3com\0"sv);
  CHECK(wire_of("a.b", origin) == "\1a\1b\7example\3com\0"sv);
  CHECK(wire_of("@", origin) == "\7example\3com\0"sv);
  CHECK(wire_of("www.other.", origin) == "\3www\5other\0"sv);
  // With the root as origin a relative name is still completed (with the root).
  CHECK(wire_of("foo") == "\3foo\0"sv);
  CHECK(wire_of("@") == "\0"sv);
}

TEST_CASE("parse_name_into appends to what is already in the buffer") {
  std::string out = "xy";
  std::string why;
  REQUIRE(parse_name_into("a.b.", NameView(), out, why));
  CHECK(out == "xy\1a\1b\0"sv);
}

TEST_CASE("escapes \\X and \\DDD are decoded") {
  CHECK(wire_of("a\\.b.example.") == "\3a.b\7example\0"sv);
  CHECK(wire_of("\\065bc.") == "\3Abc\0"sv);
  CHECK(wire_of("\\000.") == "\1\0\0"sv);
  CHECK(wire_of("\\255\\\\.") == "\2\xff\\\0"sv);
  CHECK(wire_of("\\(x\\)\\;.") == "\4(x);\0"sv);
  CHECK(wire_of("\\ .") == "\1 \0"sv);
}

TEST_CASE("bad escapes and empty labels are rejected with a reason") {
  CHECK(why_not("\\256.") == "escape '\\256' is over 255");
  CHECK(why_not("a\\12") == "escape '\\12' is not \\DDD with three decimal digits");
  CHECK(why_not("a\\1x3.") == "escape '\\1x3' is not \\DDD with three decimal digits");
  CHECK(why_not("a\\") == "the name ends with a lone backslash");
  CHECK(why_not("a..b.") == "the name has an empty label ('..')");
  CHECK(why_not("..") == "the name starts with '.', which makes an empty label");
  CHECK(why_not(".a.") == "the name starts with '.', which makes an empty label");
  CHECK(why_not("") == "the name is empty");
  CHECK(why_not("a.b.").empty());
}

TEST_CASE("label limit: 63 octets pass, 64 fail") {
  const std::string l63(63, 'a');
  const std::string l64(64, 'b');
  CHECK(why_not(l63 + ".").empty());
  CHECK(Name::parse(l63 + ".").wire().size() == 65);
  CHECK(why_not(l64 + ".") == "label 'bbbbbbbbbbbbbbbbbbbb\xE2\x80\xA6' is 64 octets long; the limit is 63");
  // Escapes count as one octet each.
  std::string escaped;
  for (int i = 0; i < 63; ++i) escaped += "\\046";
  CHECK(why_not(escaped + ".").empty());
  CHECK(why_not(escaped + "x.").find("is 64 octets long; the limit is 63") != std::string::npos);
}

TEST_CASE("name limit: 255 octets pass, 256 fail") {
  const std::string l63(63, 'a');
  // 3 * (1 + 63) + (1 + 61) + 1 = 255
  const std::string ok = l63 + "." + l63 + "." + l63 + "." + std::string(61, 'c') + ".";
  CHECK(why_not(ok).empty());
  CHECK(Name::parse(ok).wire().size() == 255);
  const std::string over = l63 + "." + l63 + "." + l63 + "." + std::string(62, 'c') + ".";
  CHECK(why_not(over).find("is 256 octets long in wire format; the limit is 255") != std::string::npos);
  // A relative name can go over once the origin is appended.
  const Name origin = name("example.");  // 9 octets
  const std::string rel = l63 + "." + l63 + "." + l63 + "." + std::string(53, 'c');
  CHECK(why_not(rel, origin).empty());  // 192 + 54 + 9 = 255
  CHECK(!why_not(rel + "c", origin).empty());
}

TEST_CASE("Name::parse throws signet::Error carrying the location") {
  const signet::SourceLocation where{"db.example", 7, 3};
  try {
    (void)Name::parse("a..b", NameView(), where);
    FAIL("no exception");
  } catch (const signet::Error& e) {
    CHECK(e.where().file == "db.example");
    CHECK(e.where().line == 7);
    CHECK(e.message().find("empty label") != std::string::npos);
  }
}

TEST_CASE("to_text prints absolute names with RFC 4343 escapes and keeps case") {
  CHECK(name("WWW.Example.").to_text() == "WWW.Example.");
  CHECK(Name().to_text() == ".");
  CHECK(Name::from_wire("\3a.b\0"sv).to_text() == "a\\.b.");
  CHECK(Name::from_wire("\x09 \"();@$\\x\0"sv).to_text() == "\\ \\\"\\(\\)\\;\\@\\$\\\\x.");
  CHECK(Name::from_wire("\4\0\x7f\x80\xff\0"sv).to_text() == "\\000\\127\\128\\255.");
  CHECK(Name::from_wire("\3~!#\0"sv).to_text() == "~!#.");
  std::string out = "owner=";
  name("a.b.").view().append_text(out);
  CHECK(out == "owner=a.b.");
}

TEST_CASE("text round trips through wire format") {
  for (std::string_view text : {"a\\.b.example.", "\\000.z.example.", "\\ \\\"x.", "\\@\\$.", "*.Example.org."}) {
    CAPTURE(text);
    CHECK(name(text).to_text() == text);
  }
}

TEST_CASE("validate accepts exactly one uncompressed wire name") {
  CHECK(NameView::validate(bytes("\3www\7example\0"sv)) == 13);
  CHECK(NameView::validate(bytes("\3www\0trailing"sv)) == 5);
  CHECK(NameView::validate(bytes("\0"sv)) == 1);
  CHECK(NameView::validate(bytes(""sv)) == 0);
  CHECK(NameView::validate(bytes("\3www"sv)) == 0);          // no root label
  CHECK(NameView::validate(bytes("\3www\xc0\x0c"sv)) == 0);  // compression pointer
  CHECK(NameView::validate(bytes("\x40"sv)) == 0);           // label of 64
  std::string w255;
  for (int i = 0; i < 3; ++i) w255 += '\x3f' + std::string(63, 'a');
  std::string w256 = w255 + '\x3e' + std::string(62, 'c') + '\0';
  w255 += '\x3d' + std::string(61, 'c') + '\0';
  CHECK(NameView::validate(bytes(w255)) == 255);
  CHECK(NameView::validate(bytes(w256)) == 0);
  CHECK_THROWS_AS(Name::from_wire("\3www\0x"sv), signet::Error);
  CHECK_THROWS_AS(Name::from_wire("\3ww"sv), signet::Error);
}

TEST_CASE("equality ignores ASCII case only") {
  CHECK(name("WWW.EXAMPLE.") == name("www.example."));
  CHECK(name("www.example.").view() == name("wWw.ExAmPlE.").view());
  CHECK_FALSE(name("www.example.") == name("www.example.com."));
  CHECK_FALSE(Name::from_wire("\1\xc1\0"sv) == Name::from_wire("\1\xe1\0"sv));  // not Latin-1 folding
  CHECK(name("Www.Example.").lowercased().wire() == "\3www\7example\0"sv);
}

TEST_CASE("is_subdomain_of works on label boundaries, case-insensitively") {
  CHECK(name("a.example.").is_subdomain_of(name("example.")));
  CHECK(name("a.b.EXAMPLE.").is_subdomain_of(name("Example.")));
  CHECK(name("example.").is_subdomain_of(name("example.")));
  CHECK(name("example.").is_subdomain_of(Name()));
  CHECK_FALSE(name("aexample.").is_subdomain_of(name("example.")));
  CHECK_FALSE(name("example.").is_subdomain_of(name("a.example.")));
  CHECK_FALSE(name("example.com.").is_subdomain_of(name("example.")));
}

TEST_CASE("parent and label counts") {
  CHECK(name("a.b.example.").parent() == name("b.example."));
  CHECK(name("example.").parent() == Name());
  CHECK(Name().parent() == Name());
  CHECK(Name().label_count() == 0);
  CHECK(name("www.example.").label_count() == 2);
  CHECK(name("a.b.c.d.").label_count() == 4);
}

TEST_CASE("wildcard names: RRSIG label count leaves out the '*'") {
  const Name wild = name("*.example.");
  CHECK(wild.view().is_wildcard());
  CHECK(wild.label_count() == 2);
  CHECK(wild.view().rrsig_label_count() == 1);
  const Name inner = name("a.*.example.");
  CHECK_FALSE(inner.view().is_wildcard());
  CHECK(inner.view().rrsig_label_count() == 3);
  CHECK_FALSE(name("\\*a.example.").view().is_wildcard());
  CHECK(name("www.example.").view().rrsig_label_count() == 2);
}

TEST_CASE("RFC 4034 6.1 canonical order example") {
  const std::vector<std::string_view> expected = {
      "example.",        "a.example.",    "yljkjljk.a.example.", "Z.a.example.",   "zABC.a.EXAMPLE.",
      "z.example.",      "\\001.z.example.", "*.z.example.",     "\\200.z.example.",
  };
  std::vector<Name> names;
  for (auto it = expected.rbegin(); it != expected.rend(); ++it) names.push_back(name(*it));
  std::swap(names[1], names[5]);
  std::sort(names.begin(), names.end(), [](const Name& a, const Name& b) { return CanonicalLess{}(a, b); });
  REQUIRE(names.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(names[i].to_text() == expected[i]);
  }
  for (std::size_t i = 0; i + 1 < expected.size(); ++i) {
    CHECK(name(expected[i]).view().canonical_compare(name(expected[i + 1])) == std::strong_ordering::less);
    CHECK(name(expected[i + 1]).view().canonical_compare(name(expected[i])) == std::strong_ordering::greater);
  }
}

TEST_CASE("canonical_compare details") {
  auto cmp = [](std::string_view a, std::string_view b) { return name(a).view().canonical_compare(name(b)); };
  CHECK(cmp("Example.", "example.") == std::strong_ordering::equal);
  CHECK(cmp(".", "a.") == std::strong_ordering::less);
  CHECK(cmp("a.", "a\\000.") == std::strong_ordering::less);   // shorter label first
  CHECK(cmp("a\\000.", "a\\001.") == std::strong_ordering::less);
  CHECK(cmp("b.a.", "a.b.") == std::strong_ordering::less);     // labels from the root
  CHECK(cmp("z.a.", "b.") == std::strong_ordering::less);
  // Letters compare lower-cased: '[' (0x5b) sorts before 'A' (read as 0x61), not after 0x41.
  CHECK(cmp("[.", "A.") == std::strong_ordering::less);
}
