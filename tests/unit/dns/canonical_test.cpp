// SPDX-License-Identifier: MIT
// RFC 4034 6.2 canonical rdata and 6.3 rdata ordering (canonical_rdata and
// canonical_rdata_compare, declared in signet/dns/zone.hpp).
#include <doctest/doctest.h>

#include <string>

#include "signet/dns/rrtype.hpp"
#include "signet/dns/zone.hpp"

using namespace signet::dns;

namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string canonical(std::uint16_t type, std::string_view rdata) {
  std::string out = "prefix:";
  canonical_rdata(type, bytes(rdata), out);
  return out.substr(7);
}

using namespace std::string_view_literals;

}  // namespace

TEST_CASE("canonical_rdata lower-cases names of the listed types only") {
  // MX 10 Mail.Example.COM.
  CHECK(canonical(rrtype::MX, "\0\x0a\4Mail\7Example\3COM\0"sv) == "\0\x0a\4mail\7example\3com\0"sv);
  // NSEC is not in the RFC 6840 list: the next name keeps its case.
  CHECK(canonical(rrtype::NSEC, "\4Host\7Example\0\0\1\x40"sv) == "\4Host\7Example\0\0\1\x40"sv);
  // HINFO strings are not names.
  CHECK(canonical(rrtype::HINFO, "\2PC\5LINUX"sv) == "\2PC\5LINUX"sv);
  // SOA: both names, numbers untouched (0x41 = 'A' in a number stays).
  CHECK(canonical(rrtype::SOA, "\2NS\0\1H\0AAAABBBBCCCCDDDDEEEE"sv) == "\2ns\0\1h\0AAAABBBBCCCCDDDDEEEE"sv);
  // RRSIG: the signer name; the signature after it keeps its bytes.
  const auto rrsig = "\0\1\5\2\0\0\0\0AAAABBBB\0\1\3COM\0SIGNATURE"sv;
  CHECK(canonical(rrtype::RRSIG, rrsig) == "\0\1\5\2\0\0\0\0AAAABBBB\0\1\3com\0SIGNATURE"sv);
  // SRV and NAPTR.
  CHECK(canonical(rrtype::SRV, "\0\1\0\2\0\3\3SIP\0"sv) == "\0\1\0\2\0\3\3sip\0"sv);
  CHECK(canonical(rrtype::NAPTR, "\0\1\0\2\1S\0\0\1X\0"sv) == "\0\1\0\2\1S\0\0\1x\0"sv);
  // Unknown types and rdata that do not decode are returned as-is.
  CHECK(canonical(65534, "\3ABC\0"sv) == "\3ABC\0"sv);
  CHECK(canonical(rrtype::MX, "\0\x0a\4Mail"sv) == "\0\x0a\4Mail"sv);
}

TEST_CASE("canonical_rdata_compare: RFC 4034 6.3 octet order on canonical form") {
  const auto upper = "\0\x0a\4Mail\7Example\0"sv;
  const auto lower = "\0\x0a\4mail\7example\0"sv;
  CHECK(canonical_rdata_compare(rrtype::MX, bytes(upper), bytes(lower)) == 0);
  // NSEC compares case-sensitively.
  CHECK(canonical_rdata_compare(rrtype::NSEC, bytes("\1A\0"sv), bytes("\1a\0"sv)) < 0);
  // Shorter prefix sorts first.
  CHECK(canonical_rdata_compare(rrtype::TXT, bytes("\3abc"sv), bytes("\3abcd"sv)) < 0);
  CHECK(canonical_rdata_compare(rrtype::TXT, bytes("\3abcd"sv), bytes("\3abc"sv)) > 0);
  CHECK(canonical_rdata_compare(rrtype::A, bytes("\xc0\0\2\1"sv), bytes("\xc0\0\2\2"sv)) < 0);
  CHECK(canonical_rdata_compare(rrtype::A, bytes("\xc0\0\2\2"sv), bytes("\xc0\0\2\1"sv)) > 0);
  CHECK(canonical_rdata_compare(rrtype::A, bytes(""sv), bytes(""sv)) == 0);
  // Preference before name; 'B' (0x42) vs 'a' (0x61) compares as 'b' vs 'a'.
  CHECK(canonical_rdata_compare(rrtype::MX, bytes("\0\1\1B\0"sv), bytes("\0\1\1a\0"sv)) > 0);
  CHECK(canonical_rdata_compare(rrtype::MX, bytes("\0\1\1b\0"sv), bytes("\0\2\1a\0"sv)) < 0);
}
