// SPDX-License-Identifier: MIT
#include "signet/dnssec/type_bitmap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "dnssec_support.hpp"
#include "signet/dns/rrtype.hpp"

using namespace signet;
using test::Bytes;
namespace rt = dns::rrtype;

namespace {

// RFC 4034 4.3: the type bit maps field of
//   alfa.example.com. 86400 IN NSEC host.example.com. ( A MX RRSIG NSEC TYPE1234 )
// which the RFC gives octet by octet after the next domain name.
const Bytes kRfc4034Bitmap = {
    0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03,  // window 0, 6 octets: A, MX, RRSIG, NSEC
    0x04, 0x1b,                                      // window 4, 27 octets: TYPE1234 = 4 * 256 + 210,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  //   bit 2 of octet 26
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  //
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  //
    0x00, 0x00, 0x20};

std::vector<std::uint16_t> read(const Bytes& bitmap) {
  std::vector<std::uint16_t> types;
  REQUIRE(dnssec::read_type_bitmap(bitmap, types));
  return types;
}

bool malformed(const Bytes& bitmap) {
  std::vector<std::uint16_t> types = {7};
  const bool ok = dnssec::read_type_bitmap(bitmap, types);
  return !ok;
}

}  // namespace

TEST_CASE("RFC 4034 4.3: the NSEC example's type bitmap, octet for octet") {
  const std::vector<std::uint16_t> types = {rt::A, rt::MX, rt::RRSIG, rt::NSEC, 1234};
  CHECK(kRfc4034Bitmap.size() == 37);
  CHECK(dnssec::make_type_bitmap(types) == kRfc4034Bitmap);
  // Order and duplicates in the input do not matter.
  const std::vector<std::uint16_t> shuffled = {1234, rt::NSEC, rt::A, rt::MX, 1234, rt::RRSIG, rt::A};
  CHECK(dnssec::make_type_bitmap(shuffled) == kRfc4034Bitmap);
  CHECK(read(kRfc4034Bitmap) == types);

  // The same record read by the zone parser carries exactly that bitmap after
  // the next domain name (RFC 4034 4.3 shows the whole rdata).
  const dns::Zone zone = test::zone_of(
      "$ORIGIN example.com.\n"
      "alfa.example.com. 86400 IN NSEC host.example.com. (\n"
      "                               A MX RRSIG NSEC TYPE1234 )\n");
  const Bytes rdata = test::rdata_of(zone, "alfa.example.com.", rt::NSEC);
  Bytes expected;
  test::put_name(expected, "host.example.com");
  expected.insert(expected.end(), kRfc4034Bitmap.begin(), kRfc4034Bitmap.end());
  CHECK(rdata == expected);

  for (std::uint16_t t : types) {
    CAPTURE(t);
    CHECK(dnssec::bitmap_has_type(kRfc4034Bitmap, t));
  }
  for (std::uint16_t t : {0, 2, 14, 16, 45, 48, 50, 255, 256, 1233, 1235, 1024, 1279, 1280, 65535}) {
    CAPTURE(t);
    CHECK_FALSE(dnssec::bitmap_has_type(kRfc4034Bitmap, static_cast<std::uint16_t>(t)));
  }
}

TEST_CASE("type bitmap: windows, lengths and bit positions") {
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{}).empty());
  std::vector<std::uint8_t> out = {0xAA};
  dnssec::append_type_bitmap(std::vector<std::uint16_t>{}, out);
  CHECK(out == Bytes{0xAA});
  dnssec::append_type_bitmap(std::vector<std::uint16_t>{rt::A}, out);
  CHECK(out == Bytes{0xAA, 0x00, 0x01, 0x40});  // appends, keeping what was there

  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{0}) == Bytes{0x00, 0x01, 0x80});
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{7}) == Bytes{0x00, 0x01, 0x01});
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{8}) == Bytes{0x00, 0x02, 0x00, 0x80});
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{rt::NS, rt::SOA}) == Bytes{0x00, 0x01, 0x22});
  // CAA (257) is in window 1; URI (256) is its bit 0.
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{rt::URI, rt::CAA}) == Bytes{0x01, 0x01, 0xC0});
  // The last type of all: window 255, full 32 octets, the last bit.
  Bytes last = {0xFF, 0x20};
  last.resize(2 + 31, 0x00);
  last.push_back(0x01);
  CHECK(dnssec::make_type_bitmap(std::vector<std::uint16_t>{65535}) == last);
  CHECK(read(last) == std::vector<std::uint16_t>{65535});
  CHECK(dnssec::bitmap_has_type(last, 65535));
  CHECK_FALSE(dnssec::bitmap_has_type(last, 65534));
  CHECK_FALSE(dnssec::bitmap_has_type(last, 255));
}

TEST_CASE("type bitmap: make/read round trip, including many types and every window") {
  const std::vector<std::vector<std::uint16_t>> lists = {
      {rt::A},
      {rt::NS, rt::SOA, rt::MX, rt::TXT, rt::AAAA, rt::RRSIG, rt::NSEC, rt::DNSKEY},
      {rt::NS, rt::DS, rt::RRSIG},
      {rt::A, rt::HINFO, rt::AAAA, rt::RRSIG, rt::NSEC3, rt::NSEC3PARAM, rt::ZONEMD, rt::CAA, rt::URI},
      {1, 255, 256, 511, 512, 4096, 32768, 32769, 65280, 65535},
  };
  for (const auto& types : lists) {
    const Bytes bitmap = dnssec::make_type_bitmap(types);
    std::vector<std::uint16_t> sorted = types;
    std::sort(sorted.begin(), sorted.end());
    CHECK(read(bitmap) == sorted);
    for (std::uint16_t t : types) CHECK(dnssec::bitmap_has_type(bitmap, t));
  }

  // More types than the builder's small buffer holds, unsorted, with duplicates.
  std::vector<std::uint16_t> many;
  for (std::uint16_t t = 300; t > 0; --t) many.push_back(t);
  for (std::uint16_t t = 1; t <= 300; t += 7) many.push_back(t);
  const Bytes bitmap = dnssec::make_type_bitmap(many);
  // Window 0 full (types 1..255: 32 octets), window 1 up to type 300 (44 -> 6 octets).
  REQUIRE(bitmap.size() == 2 + 32 + 2 + 6);
  CHECK(bitmap[0] == 0x00);
  CHECK(bitmap[1] == 32);
  CHECK(bitmap[2] == 0x7F);  // type 0 is not listed
  CHECK(bitmap[33] == 0xFF);
  CHECK(bitmap[34] == 0x01);
  CHECK(bitmap[35] == 6);
  CHECK(bitmap[41] == 0xF8);  // 296..300
  std::vector<std::uint16_t> expected;
  for (std::uint16_t t = 1; t <= 300; ++t) expected.push_back(t);
  CHECK(read(bitmap) == expected);
  CHECK_FALSE(dnssec::bitmap_has_type(bitmap, 0));
  CHECK_FALSE(dnssec::bitmap_has_type(bitmap, 301));
  CHECK(dnssec::bitmap_has_type(bitmap, 300));
}

TEST_CASE("type bitmap: the builder never writes empty windows or trailing zero octets (RFC 4034 4.1.2)") {
  const std::vector<std::vector<std::uint16_t>> lists = {
      {rt::A}, {rt::SOA}, {rt::RRSIG, rt::NSEC}, {rt::A, 1234}, {rt::CAA}, {8, 16, 24, 32}, {65535, 0}};
  for (const auto& types : lists) {
    const Bytes bitmap = dnssec::make_type_bitmap(types);
    std::size_t pos = 0;
    while (pos < bitmap.size()) {
      REQUIRE(pos + 2 <= bitmap.size());
      const unsigned length = bitmap[pos + 1];
      REQUIRE(length >= 1);
      REQUIRE(pos + 2 + length <= bitmap.size());
      CHECK(bitmap[pos + 1 + length] != 0);  // last octet of the block is non-zero
      pos += 2 + length;
    }
    CHECK(pos == bitmap.size());
  }
}

TEST_CASE("type bitmap: malformed bitmaps are rejected") {
  // An empty bitmap is well formed and lists nothing.
  std::vector<std::uint16_t> types = {1, 2, 3};
  CHECK(dnssec::read_type_bitmap(Bytes{}, types));
  CHECK(types.empty());

  CHECK(malformed({0x00}));                          // a window without its length
  CHECK(malformed({0x00, 0x00}));                    // length 0
  CHECK(malformed({0x00, 0x02, 0x40}));              // truncated block
  CHECK(malformed({0x00, 0x01, 0x40, 0x01}));        // truncated second block header
  CHECK(malformed({0x01, 0x01, 0x40, 0x00, 0x01, 0x40}));  // windows out of order
  CHECK(malformed({0x00, 0x01, 0x40, 0x00, 0x01, 0x20}));  // window repeated
  CHECK(malformed({0x00, 0x01, 0x40, 0x04, 0x00}));        // length 0 in a later block
  Bytes too_long = {0x00, 33};
  too_long.resize(2 + 33, 0x01);
  CHECK(malformed(too_long));                        // length over 32
  Bytes max_len = {0x00, 32};
  max_len.resize(2 + 32, 0x00);
  max_len.back() = 0x01;
  CHECK(read(max_len) == std::vector<std::uint16_t>{255});  // 32 is fine

  // bitmap_has_type answers false for malformed input, even for a type whose
  // bit is set in a block before the damage.
  CHECK_FALSE(dnssec::bitmap_has_type(Bytes{0x00, 0x01, 0x40, 0x00, 0x01, 0x40}, rt::A));
  CHECK_FALSE(dnssec::bitmap_has_type(Bytes{0x00, 0x01, 0x40, 0x04}, rt::A));
  CHECK_FALSE(dnssec::bitmap_has_type(Bytes{0x00, 0x00}, rt::A));
  Bytes damaged = kRfc4034Bitmap;
  damaged.pop_back();
  CHECK(malformed(damaged));
  CHECK_FALSE(dnssec::bitmap_has_type(damaged, rt::MX));
}

TEST_CASE("type bitmap: trailing zero octets are non-canonical but still readable") {
  // RFC 4034 4.1.2 tells the writer to omit trailing zero octets; the header
  // documents only order, length and truncation as malformed, so a reader
  // accepts the padding and lists the same types.
  const Bytes padded = {0x00, 0x03, 0x40, 0x00, 0x00};
  CHECK(read(padded) == std::vector<std::uint16_t>{rt::A});
  CHECK(dnssec::bitmap_has_type(padded, rt::A));
  CHECK_FALSE(dnssec::bitmap_has_type(padded, rt::NS));
  CHECK(dnssec::make_type_bitmap(read(padded)) == Bytes{0x00, 0x01, 0x40});
}
