// SPDX-License-Identifier: MIT
// Table-driven round trips for every type in the RR type table: presentation
// -> wire (exact bytes) -> presentation (BIND-like text), and the RFC 3597
// form of the same wire parses to the same bytes. Vectors are RFC examples
// where the RFC has one.
#include <doctest/doctest.h>

#include <cctype>
#include <cstring>
#include <set>

#include "rdata_test_util.hpp"
#include "signet/zonefile/rdata_text.hpp"

using namespace signet;
using namespace signet::zonefile;
using namespace signet::zonefile::test;
namespace rr = signet::dns::rrtype;

namespace {

struct Case {
  std::uint16_t type;
  const char* text;     // input presentation
  const char* hex;      // expected wire
  const char* printed;  // expected output; nullptr = same as text
};

#define FOO_EXAMPLE_COM "03666f6f076578616d706c6503636f6d00"
#define EXAMPLE_COM "076578616d706c6503636f6d00"

const Case kCases[] = {
    {rr::A, "192.0.2.1", "c0000201", nullptr},
    {rr::NS, "ns1", "036e7331" EXAMPLE_COM, "ns1.example.com."},
    {rr::CNAME, "www.example.org.", "03777777076578616d706c65036f726700", nullptr},
    // TTL fields accept units and print as numbers.
    {rr::SOA, "ns.example.com. hostmaster 2024010101 3600 1h 1W 300",
     "026e73076578616d706c6503636f6d000a686f73746d6173746572076578616d706c6503636f6d0078a3f17500000e1000000e1000093a80"
     "0000012c",
     "ns.example.com. hostmaster.example.com. 2024010101 3600 3600 604800 300"},
    {rr::PTR, "host.example.com.", "04686f7374" EXAMPLE_COM, nullptr},
    {rr::HINFO, R"("Generic PC" "Linux 6")", "0a47656e65726963205043074c696e75782036", nullptr},
    {rr::HINFO, "PC Linux", "025043054c696e7578", R"("PC" "Linux")"},
    {rr::MX, "10 Mail.Example.COM.", "000a044d61696c074578616d706c6503434f4d00", nullptr},
    {rr::TXT, R"("hello world" unquoted "a\"b" "\065\066")",
     "0b68656c6c6f20776f726c6408756e71756f746564036122620241 42",
     R"("hello world" "unquoted" "a\"b" "AB")"},
    {rr::TXT, R"("" "tab\009;")", "00 05746162093b", nullptr},
    {rr::RP, "mbox.example.com. txt.example.com.", "046d626f78" EXAMPLE_COM "03747874" EXAMPLE_COM, nullptr},
    {rr::AFSDB, "1 afs.example.com.", "000103616673" EXAMPLE_COM, nullptr},
    {rr::AAAA, "2001:DB8::1", "20010db8000000000000000000000001", "2001:db8::1"},
    {rr::AAAA, "::ffff:192.0.2.1", "00000000000000000000ffffc0000201", nullptr},
    {rr::AAAA, "2001:db8:0:0:1:0:0:1", "20010db8000000000001000000000001", "2001:db8::1:0:0:1"},
    // RFC 1876 example (cambridge-net.kei.com), defaults for hp and vp.
    {rr::LOC, "42 21 54 N 71 06 18 W -24m 30m", "0033161389172dd070be15f000988d20",
     "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m"},
    {rr::LOC, "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m", "000016138b3cf018810cbce0009895b8", nullptr},
    {rr::SRV, "0 5 5060 sipserver.example.com.", "0000000513c4097369707365727665" "72" EXAMPLE_COM, nullptr},
    // RFC 2915 example.
    {rr::NAPTR, R"(100 50 "s" "http+I2L+I2C+I2R" "" _http._tcp.gatech.edu.)",
     "00640032017310687474702b49324c2b4932432b49325200055f68747470045f746370066761746563680365647500", nullptr},
    {rr::KX, "10 kx.example.com.", "000a026b78" EXAMPLE_COM, nullptr},
    {rr::CERT, "1 1 8 MIIB", "0001000108308201", "PKIX 1 RSASHA256 MIIB"},
    {rr::CERT, "pgp 0 0 AQID", "0003000000010203", "PGP 0 0 AQID"},
    {rr::DNAME, "example.net.", "076578616d706c65036e657400", nullptr},
    // RFC 3123 4 examples.
    {rr::APL, "1:192.168.32.0/21 !1:192.168.38.0/28", "00011503c0a82000011c83c0a826", nullptr},
    {rr::APL, "1:224.0.0.0/4 2:FF00:0:0:0:0:0:0:0/8", "0001040 1e0000208 01ff", "1:224.0.0.0/4 2:ff00::/8"},
    {rr::APL, "", "", nullptr},
    // RFC 4034 5.4.
    {rr::DS, "60485 5 1 ( 2BB183AF5F22588179A53B0A98631FAD1A292118 )", "", nullptr},
    {rr::DS, "60485 RSASHA1 1 2BB183AF5F22588179A5 3B0A98631FAD1A292118", "ec4505012bb183af5f22588179a53b0a98631fad1a292118",
     "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
    // RFC 4255 3.3.
    {rr::SSHFP, "2 1 123456789abcdef67890123456789abcdef67890", "0201123456789abcdef67890123456789abcdef67890",
     "2 1 123456789ABCDEF67890123456789ABCDEF67890"},
    // RFC 4025 3.3 examples.
    {rr::IPSECKEY, "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0a0102c0000226010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801", nullptr},
    {rr::IPSECKEY, "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0a0002010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801", nullptr},
    {rr::IPSECKEY, "10 2 2 2001:0DB8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0a020220010db8000080020000000020000001010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801",
     "10 2 2 2001:db8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
    {rr::IPSECKEY, "10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
     "0a0302096d7967617465776179" EXAMPLE_COM
     "010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801",
     nullptr},
    {rr::IPSECKEY, "10 1 0 192.0.2.38", "0a0100c0000226", nullptr},
    // RFC 4034 3.3.
    {rr::RRSIG,
     "A 5 3 86400 20030322173103 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr "
     "PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG "
     "J5D6fwFm8nN+6pBzeDQfsS3Ap3o=",
     "00010503000151803e7c9dd73e5510d70a52076578616d706c6503636f6d00a090755ba58d1affa576f4375831b4310920e481218d18a9f164"
     "eb3d81afd3b875d3c75428631e0cf2a28d50875f70c329d7dbfafea807dc1fba1dc34c95d401f23f334ce63bfcf3f1b5b44739e5f0eded18"
     "d6b33f040a911376d173d757a9f0c1fa1798941bb0b36b2df9062790fa7f0166f2737eea907378341fb12dc0a77a",
     "A 5 3 86400 20030322173103 20030220173103 2642 example.com. "
     "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNaz"
     "PwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o="},
    // Times as plain seconds, type as TYPEnnn, TTL with units.
    {rr::RRSIG, "TYPE65534 13 2 1h 1048354263 1045762263 1 . AQID",
     "fffe0d0200000e103e7c9dd73e5510d7000100010203",
     "TYPE65534 13 2 3600 20030322173103 20030220173103 1 . AQID"},
    // RFC 4034 4.3 (TYPE1234 makes a second window).
    {rr::NSEC, "host.example.com. A MX RRSIG NSEC TYPE1234",
     "04686f7374" EXAMPLE_COM "0006400100000003041b" "0000000000000000000000000000000000000000000000000000" "20",
     nullptr},
    {rr::NSEC, "a.example.com. NSEC RRSIG A", "0161" EXAMPLE_COM "0006400000000003", "a.example.com. A RRSIG NSEC"},
    // RFC 4034 2.3.
    {rr::DNSKEY,
     "256 3 5 ( AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10h WqTkF7H6Rfo"
     "RqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w== )",
     "", "256 3 5 "
         "AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpf"
         "tf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w=="},
    {rr::DNSKEY, "257 3 ECDSAP256SHA256 AQ ID", "0101030d010203", "257 3 13 AQID"},
    // RFC 4701 3.6.
    {rr::DHCID, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
     "000201636fc0b8271c82825bb1ac5c41cf5351aa69b4febd94e8f17cdb95000da48c40", nullptr},
    // RFC 5155 Appendix A (the apex NSEC3).
    {rr::NSEC3, "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG",
     "0101000c04aabbccdd14174eb2409fe28bcb4887a1836f957f0a8425e27b0007220100000002 90",
     "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR NS SOA MX RRSIG DNSKEY NSEC3PARAM"},
    {rr::NSEC3, "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR", "010000000014174eb2409fe28bcb4887a1836f957f0a8425e27b",
     nullptr},
    {rr::NSEC3PARAM, "1 0 12 aabbccdd", "0100000c04aabbccdd", "1 0 12 AABBCCDD"},
    {rr::NSEC3PARAM, "1 0 0 -", "0100000000", nullptr},
    // RFC 6698 2.3.
    {rr::TLSA, "0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971",
     "000001d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971",
     "0 0 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971"},
    {rr::SMIMEA, "3 1 1 ABCDEF01", "030101abcdef01", nullptr},
    // RFC 8078 4 (delete DS / DNSKEY).
    {rr::CDS, "0 0 0 00", "0000000000", nullptr},
    {rr::CDNSKEY, "0 3 0 AA==", "0000030000", nullptr},
    {rr::OPENPGPKEY, "AQIDBA==", "01020304", nullptr},
    // RFC 7477 2.3.
    {rr::CSYNC, "66 3 A NS AAAA", "000000420003000460000008", nullptr},
    // RFC 8976 A.1.
    {rr::ZONEMD,
     "2018031900 1 1 c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c",
     "7848b91c0101c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c",
     "2018031900 1 1 "
     "C68090D90A7AED716BC459F9340E3D7C1370D4D24B7E2FC3A1DDC0B9A87153B9A9713B3C9AE5CC27777F98B8E730044C"},
    // RFC 9460 Appendix D.1 and D.2.
    {rr::HTTPS, "0 foo.example.com.", "0000" FOO_EXAMPLE_COM, nullptr},
    {rr::SVCB, "1 .", "000100", nullptr},
    {rr::SVCB, "16 foo.example.com. port=53", "0010" FOO_EXAMPLE_COM "000300020035", nullptr},
    {rr::SVCB, "1 foo.example.com. key667=hello", "0001" FOO_EXAMPLE_COM "029b000568656c6c6f",
     R"(1 foo.example.com. key667="hello")"},
    {rr::SVCB, R"(1 foo.example.com. key667="hello\210qoo")", "0001" FOO_EXAMPLE_COM "029b000968656c6c6fd2716f6f",
     nullptr},
    {rr::SVCB, R"(1 foo.example.com. ipv6hint="2001:db8::1,2001:db8::53:1")",
     "0001" FOO_EXAMPLE_COM "0006002020010db800000000000000000000000120010db8000000000000000000530001",
     "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1"},
    {rr::SVCB, R"(1 example.com. ipv6hint="2001:db8:122:344::192.0.2.33")",
     "0001" EXAMPLE_COM "0006001020010db8012203440000000 0c0000221",
     "1 example.com. ipv6hint=2001:db8:122:344::c000:221"},
    {rr::SVCB, "16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
     "001003666f6f076578616d706c65036f726700000000040001000400010009026832056833 2d31390004 0004c0000201",
     R"(16 foo.example.org. mandatory=alpn,ipv4hint alpn="h2,h3-19" ipv4hint=192.0.2.1)"},
    {rr::SVCB, R"(16 foo.example.org. alpn="f\\\\oo\\,bar,h2")",
     "001003666f6f076578616d706c65036f7267000001000c08665c6f6f2c62617202 6832", nullptr},
    {rr::SVCB, R"(16 foo.example.org. alpn=f\\\092oo\092,bar,h2)",
     "001003666f6f076578616d706c65036f7267000001000c08665c6f6f2c62617202 6832",
     R"(16 foo.example.org. alpn="f\\\\oo\\,bar,h2")"},
    // Keys in any order on input, sorted on the wire; AliasMode with params parses.
    {rr::HTTPS, R"(1 . key65000 ohttp port=8443 dohpath="/dns-query{?dns}" ech=AQID no-default-alpn alpn=h2)",
     "000100000100030268320002000000030002 20fb00050003010203000700102f646e732d71756572797b3f646e737d00080000fde80000",
     R"(1 . alpn="h2" no-default-alpn port=8443 ech=AQID dohpath="/dns-query{?dns}" ohttp key65000)"},
    {rr::HTTPS, "0 . port=1", "000000000300020001", nullptr},
    {rr::SPF, R"("v=spf1 -all")", "0b763d73706631202d616c6c", nullptr},
    // RFC 6742 examples.
    {rr::NID, "10 0014:4fff:ff20:ee64", "000a00144fffff20ee64", nullptr},
    {rr::L32, "10 10.1.2.0", "000a0a010200", nullptr},
    {rr::L64, "10 2001:0DB8:1140:1000", "000a20010db811401000", "10 2001:0db8:1140:1000"},
    {rr::LP, "10 l64-subnet1.example.com.", "000a0b6c36342d7375626e657431" EXAMPLE_COM, nullptr},
    // RFC 7043 3.2 / 4.2.
    {rr::EUI48, "00-00-5e-00-53-2a", "00005e00532a", nullptr},
    {rr::EUI64, "00-00-5E-EF-10-00-00-2A", "00005eef1000002a", "00-00-5e-ef-10-00-00-2a"},
    // RFC 7553 4.5.
    {rr::URI, R"(10 1 "ftp://ftp1.example.com/public")",
     "000a0001667470 3a2f2f667470312e6578616d706c652e636f6d2f7075626c6963", nullptr},
    // RFC 8659 4.5.
    {rr::CAA, R"(0 issue "ca.example.net")", "0005697373756563612e6578616d706c652e6e6574", nullptr},
    {rr::CAA, R"(128 tbs "Unknown")", "800374627355 6e6b6e6f776e", nullptr},
};

std::string strip_spaces(const char* hex) {
  std::string s;
  for (const char* p = hex; *p; ++p)
    if (*p != ' ') s += *p;
  return s;
}

// The DS and DNSKEY rows that give "" take their bytes from the next row / the RFC text.
std::string expected_hex(const Case& c) {
  if (c.type == rr::DS && std::string_view(c.hex).empty()) return "ec4505012bb183af5f22588179a53b0a98631fad1a292118";
  if (c.type == rr::DNSKEY && std::string_view(c.hex).empty())
    return "010003050103d22a6ca77f35b893206fd35e4c506d8378843709b97e041647e1bff43d8d64c649af1e371973c9e891fce3df519a8c"
           "840a63ee42a6d2ebddbb97035d215aa4e417b1fa45fa11a9741ea2098c1dfa5fb5feb332fd4bc8152089aef36ba644cce2413b3b72b"
           "e18cbef8da253f4e93d2103866d9234a2e28df529a67d5468dbefe3";
  return strip_spaces(c.hex);
}

std::string expected_text(const Case& c) {
  if (c.printed != nullptr) return c.printed;
  std::string s;  // the input with "( ... )" removed and single spaces
  for (const Token& t : tokenize(c.text)) {
    if (!t.quoted && (t.text == "(" || t.text == ")")) continue;
    if (!s.empty()) s += ' ';
    if (t.quoted) s += '"';
    s += t.text;
    if (t.quoted) s += '"';
  }
  return s;
}

// Parentheses belong to the zone parser; the tests drop them before parse_rdata.
std::string parse_case(const Case& c) {
  std::vector<Token> tokens;
  for (const Token& t : tokenize(c.text))
    if (t.quoted || (t.text != "(" && t.text != ")")) tokens.push_back(t);
  RdataContext ctx;
  ctx.origin = example_origin();
  std::string out;
  parse_rdata(c.type, tokens, ctx, out);
  return out;
}

}  // namespace

TEST_CASE("rdata round trips: text -> wire -> text, and RFC 3597 -> same wire, for every type") {
  std::set<std::uint16_t> covered;
  for (const Case& c : kCases) {
    const std::string type = dns::type_to_text(c.type);
    CAPTURE(type);
    const std::string_view input = c.text;
    CAPTURE(input);
    covered.insert(c.type);
    const std::string wire = parse_case(c);
    CHECK(to_hex(wire) == expected_hex(c));

    std::string text;
    CHECK(print_rdata(c.type, bytes_of(wire), text));
    CHECK(text == expected_text(c));
    CHECK(parse_text(c.type, text) == wire);  // the printed form parses back

    std::string generic;
    print_rdata_generic(bytes_of(wire), generic);
    CHECK(parse_text(c.type, generic) == wire);
  }
  for (const dns::TypeDescriptor& row : dns::all_types()) {
    CAPTURE(row.mnemonic);
    CHECK(covered.count(row.code) == 1);
  }
}

TEST_CASE("RFC 9460 D.2: a value split as key= plus a quoted token") {
  std::vector<Token> tokens = {{"1", false, 1, 1}, {".", false, 1, 3}, {"alpn=", false, 1, 5}, {"h2,h3", true, 1, 10}};
  RdataContext ctx;
  std::string out;
  parse_rdata(rr::SVCB, tokens, ctx, out);
  CHECK(to_hex(out) == "0001000001000602683202" "6833");
}

TEST_CASE("RFC 3597 generic form") {
  SUBCASE("unknown type") {
    const std::string wire = parse_text(65534, R"(\# 4 0A00 0001)");
    CHECK(to_hex(wire) == "0a000001");
    std::string text;
    CHECK(print_rdata(65534, bytes_of(wire), text));
    CHECK(text == R"(\# 4 0A000001)");
  }
  SUBCASE("empty rdata") {
    CHECK(parse_text(65534, R"(\# 0)").empty());
    std::string text;
    print_rdata_generic({}, text);
    CHECK(text == R"(\# 0)");
  }
  SUBCASE("known type in generic form") { CHECK(to_hex(parse_text(rr::A, R"(\# 4 C0000201)")) == "c0000201"); }
  SUBCASE("known type whose rdata does not decode prints generic and returns false") {
    const std::string wire = from_hex("c00002");
    std::string text;
    CHECK_FALSE(print_rdata(rr::A, bytes_of(wire), text));
    CHECK(text == R"(\# 3 C00002)");
  }
}

namespace {

// Parses and returns the error; fails the test when nothing is thrown.
Error parse_error(std::uint16_t type, std::string_view text) {
  static const std::string file = "zone.db";
  try {
    parse_text(type, text, &file);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  return Error("unreachable");
}

}  // namespace

TEST_CASE("rdata errors name the field and the type, located at the token") {
  SUBCASE("character-string over 255 octets") {
    const std::string long_string = "\"" + std::string(300, 'x') + "\"";
    const Error e = parse_error(rr::TXT, "ok " + long_string);
    CHECK(e.message() == "character-string is 300 octets long; the limit is 255");
    CHECK(e.where().file == "zone.db");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 4);
  }
  SUBCASE("escapes count as one octet") {
    CHECK(parse_text(rr::TXT, "\"" + std::string(250, 'x') + R"(\255\000\"\\\a")").size() == 256);
  }
  SUBCASE("bad escape") {
    const Error e = parse_error(rr::TXT, R"("\256")");
    CHECK(e.message() == R"(bad character-string '\256' in TXT: bad escape)");
  }
  SUBCASE("missing field") {
    const Error e = parse_error(rr::MX, "10");
    CHECK(e.message() == "missing domain name in MX");
    CHECK(e.where().column == 1);
  }
  SUBCASE("a one-digit number above a small maximum (fuzzer regression: gateway type 4 was accepted)") {
    const Error e = parse_error(rr::IPSECKEY, "10 4 2 gw.example.");
    CHECK(e.message().find("gateway type must be 0 to 3") != std::string::npos);
    CHECK(e.where().column == 4);
    CHECK(parse_text(rr::IPSECKEY, "10 3 9 gw.example.").size() == 15);  // single digits up to the maximum still parse
  }
  SUBCASE("missing everything") {
    const Error e = parse_error(rr::SOA, "");
    CHECK(e.message() == "missing domain name in SOA");
    CHECK(e.where().file == "zone.db");
  }
  SUBCASE("bad field") {
    const Error e = parse_error(rr::MX, "ten mail.example.com.");
    CHECK(e.message() == "bad 16-bit number 'ten' in MX");
    CHECK(e.where().column == 1);
  }
  SUBCASE("number out of range") {
    CHECK(parse_error(rr::MX, "65536 mail.").message() == "bad 16-bit number '65536' in MX");
  }
  SUBCASE("bad address") {
    const Error e = parse_error(rr::A, "192.0.2.256");
    CHECK(e.message() == "bad IPv4 address '192.0.2.256' in A");
  }
  SUBCASE("trailing data") {
    const Error e = parse_error(rr::A, "192.0.2.1 extra");
    CHECK(e.message() == "trailing data 'extra' after A rdata");
    CHECK(e.where().column == 11);
  }
  SUBCASE("bad type in a bitmap") {
    CHECK(parse_error(rr::NSEC, "a.example. A BOGUS").message() == "bad type 'BOGUS' in NSEC");
  }
  SUBCASE("bad base64") {
    CHECK(parse_error(rr::DNSKEY, "256 3 8 AQ=D").message() == "bad base64 data 'AQ=D' in DNSKEY");
    CHECK(parse_error(rr::DNSKEY, "256 3 8 AQI").message() ==
          "bad base64 data 'AQI' in DNSKEY: incomplete base64 quantum");
  }
  SUBCASE("odd hex") { CHECK(parse_error(rr::DS, "1 8 2 ABC").message() == "bad hex data 'ABC' in DS: odd number of hex digits"); }
  SUBCASE("bad time") {
    CHECK(parse_error(rr::RRSIG, "A 8 2 3600 20230230000000 20230101000000 1 . AQID").message() ==
          "bad time '20230230000000' in RRSIG: no such date or time");
    CHECK(parse_error(rr::RRSIG, "A 8 2 3600 2023023000000x 20230101000000 1 . AQID").message() ==
          "bad time '2023023000000x' in RRSIG: expected YYYYMMDDHHmmSS");
  }
  SUBCASE("bad LOC") {
    CHECK(parse_error(rr::LOC, "91 0 0 N 0 E 0m").message() == "bad location '91' in LOC: bad degrees");
    CHECK(parse_error(rr::LOC, "42 21 54 X 71 06 18 W -24m").message() ==
          "bad location 'X' in LOC: expected N or S");
  }
  SUBCASE("bad EUI48") { CHECK(parse_error(rr::EUI48, "00-00-5e-00-53").message() == "bad EUI-48 address '00-00-5e-00-53' in EUI48"); }
  SUBCASE("bad CAA tag") {
    CHECK(parse_error(rr::CAA, R"(0 is-sue "x")").message() ==
          "bad property tag 'is-sue' in CAA: only letters and digits are allowed");
  }
  SUBCASE("bad name") {
    const Error e = parse_error(rr::NS, "a..b");
    CHECK(std::string_view(e.message()).substr(0, 28) == "bad domain name 'a..b' in NS");
  }
  SUBCASE("RFC 3597 length mismatch") {
    const Error e = parse_error(65534, R"(\# 3 0A00)");
    CHECK(e.message() == "rdata length is 3 but 2 octets of hex follow in TYPE65534");
  }
  SUBCASE("RFC 3597 bad hex") { CHECK(parse_error(rr::A, R"(\# 4 C00002ZZ)").message() == "bad hex data 'C00002ZZ' in A"); }
  SUBCASE("RFC 3597 rdata that is not valid for the known type") {
    CHECK(parse_error(rr::A, R"(\# 3 C00002)").message() == R"(rdata in \# form is not valid A rdata)");
    CHECK(parse_error(rr::MX, R"(\# 3 000A01)").message() == R"(rdata in \# form is not valid MX rdata)");
  }
  SUBCASE("unknown type needs the generic form") {
    CHECK(parse_error(65534, "0A000001").message() == R"(rdata of unknown type TYPE65534 must be in \# form (RFC 3597))");
  }
}

TEST_CASE("base64 that decodes to nothing is refused, as its wire form would be (fuzzer finding)") {
  // Quoted empty strings are tokens of no octets: CERT with no certificate
  // printed as "\# 5 ..." that no parser (ours included) takes back.
  for (const auto& [type, text] : std::vector<std::pair<std::uint16_t, std::string>>{
           {rr::CERT, "1 12345 8 \"\""}, {rr::DNSKEY, "257 3 13 \"\" \"\""}, {rr::OPENPGPKEY, "\"\""}}) {
    const Error e = parse_error(type, text);
    CHECK(e.message().find("bad base64 data") == 0);
    CHECK(e.message().find("no data") != std::string::npos);
  }
  CHECK(parse_text(rr::CERT, "1 12345 8 AQ==").size() == 6);
}

TEST_CASE("NSEC3 next hashed owner: base32hex of every length, either case; malformed text is refused") {
  // RFC 4648 10 test vectors (base32hex, padding dropped): "f" .. "foobar".
  const std::pair<const char*, const char*> vectors[] = {
      {"CO", "66"},           {"CPNG", "666f"},           {"CPNMU", "666f6f"},
      {"CPNMUOG", "666f6f62"}, {"CPNMUOJ1", "666f6f6261"}, {"CPNMUOJ1E8", "666f6f626172"},
  };
  for (const auto& vector : vectors) {
    const char* const b32 = vector.first;
    const char* const hex = vector.second;
    CAPTURE(b32);
    const auto bytes = parse_text(rr::NSEC3, std::string("1 0 0 - ") + b32 + " A");
    // Algorithm, flags, iterations, no salt; the u8 length and the octets;
    // the type bitmap (window 0, 1 octet, A).
    const char length[] = {'0', static_cast<char>('0' + std::strlen(hex) / 2), '\0'};
    CHECK(to_hex(bytes) == std::string("0100000000") + length + hex + "000140");
    std::string lower = b32;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(parse_text(rr::NSEC3, "1 0 0 - " + lower + " A") == bytes);
  }
  // A SHA-1 hash is four whole groups; mixed case decodes the same.
  CHECK(to_hex(parse_text(rr::NSEC3, "1 0 0 - 2t7B4G4vsa5smi47k61mv5bv1a22bojr")) ==
        "010000000014174eb2409fe28bcb4887a1836f957f0a8425e27b");
  for (const char* bad : {"C", "CPN", "CPNMUO", "CPNMUOJ1E", "CP", "CPNH", "CPNMUOJ1W8", "CPNMUOJ1E8=", "CPNM-OJ1",
                          "CPNMUOJ\1"}) {
    CAPTURE(bad);
    const Error e = parse_error(rr::NSEC3, std::string("1 0 0 - ") + bad + " A");
    CHECK(e.message().find("bad base32hex hash") == 0);
    CHECK(e.where().column == 9);
  }
}

TEST_CASE("RFC 9460 D.3 failure cases") {
  const char* const header = "1 foo.example.com. ";
  auto message = [&](const char* params) { return parse_error(rr::SVCB, std::string(header) + params).message(); };
  CHECK(message("key123=abc key123=def") == "duplicate service parameter key123 in SVCB");
  CHECK(message("mandatory") == "service parameter mandatory needs a value in SVCB");
  CHECK(message("alpn") == "service parameter alpn needs a value in SVCB");
  CHECK(message("port") == "service parameter port needs a value in SVCB");
  CHECK(message("ipv4hint") == "service parameter ipv4hint needs a value in SVCB");
  CHECK(message("ipv6hint") == "service parameter ipv6hint needs a value in SVCB");
  CHECK(message("no-default-alpn=abc") == "service parameter no-default-alpn takes no value in SVCB");
  CHECK(message("mandatory=key123") == "key key123 is listed in mandatory but missing in SVCB");
  CHECK(message("mandatory=mandatory") == "mandatory must not list itself in SVCB");
  CHECK(message("mandatory=key123,key123 key123=abc") == "key key123 appears twice in mandatory in SVCB");
  // Beyond D.3:
  CHECK(message("bogus=1") == "bad service parameter 'bogus=1' in SVCB: unknown key");
  CHECK(message("port=65536") == "bad value '65536' for service parameter port in SVCB");
  CHECK(message("ipv4hint=192.0.2.1,") == "bad value '192.0.2.1,' for service parameter ipv4hint in SVCB");
  CHECK(message("key65535") == "bad service parameter 'key65535' in SVCB: key65535 is reserved");
}

TEST_CASE("SVCB printing: wire that is out of order does not decode") {
  // port (3) before alpn (1): RFC 9460 2.2 requires ascending keys.
  const std::string wire = from_hex("000100" "000300020035" "00010003026832");
  std::string text;
  CHECK_FALSE(print_rdata(rr::SVCB, bytes_of(wire), text));
  CHECK(text == R"(\# 16 00010000030002003500010003026832)");
}

TEST_CASE("parse_ttl") {
  std::uint32_t ttl = 0;
  CHECK(parse_ttl("3600", ttl));
  CHECK(ttl == 3600);
  CHECK(parse_ttl("1h30m", ttl));
  CHECK(ttl == 5400);
  CHECK(parse_ttl("1W", ttl));
  CHECK(ttl == 604800);
  CHECK(parse_ttl("1w2d3h4m5s", ttl));
  CHECK(ttl == 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  CHECK(parse_ttl("4294967295", ttl));
  CHECK(ttl == 4294967295u);
  CHECK_FALSE(parse_ttl("4294967296", ttl));
  CHECK_FALSE(parse_ttl("7102w", ttl));  // 4295289600 s
  CHECK_FALSE(parse_ttl("", ttl));
  CHECK_FALSE(parse_ttl("h", ttl));
  CHECK_FALSE(parse_ttl("1x", ttl));
  CHECK_FALSE(parse_ttl("-1", ttl));
}

TEST_CASE("truncated or extended wire never prints text that parses to other bytes") {
  // Every prefix of every vector, and the vector plus one stray octet: either
  // print_rdata falls back to RFC 3597 (false), or its text parses back to the
  // same bytes.
  for (const Case& c : kCases) {
    const std::string wire = from_hex(expected_hex(c));
    const std::string type = dns::type_to_text(c.type);
    CAPTURE(type);
    for (std::size_t n = 0; n <= wire.size() + 1; ++n) {
      const std::string cut = n <= wire.size() ? wire.substr(0, n) : wire + '\x01';
      CAPTURE(n);
      std::string text;
      if (print_rdata(c.type, bytes_of(cut), text)) {
        CHECK(parse_text(c.type, text) == cut);
      } else {
        CHECK(text.substr(0, 3) == "\\# ");
      }
    }
  }
}
