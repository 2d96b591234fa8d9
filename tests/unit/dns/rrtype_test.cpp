// SPDX-License-Identifier: MIT
#include "signet/dns/rrtype.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace signet::dns;

TEST_CASE("every row round-trips code <-> mnemonic") {
  const auto rows = all_types();
  CHECK(rows.size() == 45);
  std::uint16_t previous = 0;
  for (const TypeDescriptor& row : rows) {
    CAPTURE(row.mnemonic);
    CHECK(row.code > previous);  // sorted by code
    previous = row.code;
    CHECK(find_type(row.code) == &row);
    CHECK(find_type(row.mnemonic) == &row);
    CHECK(type_to_text(row.code) == row.mnemonic);
    CHECK(type_from_text(row.mnemonic) == row.code);
    CHECK(type_from_text("TYPE" + std::to_string(row.code)) == row.code);
    CHECK_FALSE(row.fields.empty());
  }
}

TEST_CASE("type lookups") {
  CHECK(find_type(rrtype::MX)->mnemonic == "MX");
  CHECK(find_type("mx") == find_type(rrtype::MX));
  CHECK(find_type("Nsec3Param")->code == rrtype::NSEC3PARAM);
  CHECK(find_type("TYPE15") == nullptr);  // not a mnemonic
  CHECK(find_type("MXX") == nullptr);
  CHECK(find_type("") == nullptr);
  CHECK(find_type(std::uint16_t{65534}) == nullptr);
  CHECK(find_type(std::uint16_t{0}) == nullptr);
  CHECK(type_to_text(65534) == "TYPE65534");
  CHECK(type_from_text("TYPE65534") == 65534);
  CHECK(type_from_text("type1") == 1);
  CHECK(type_from_text("TYPE65535") == 65535);
  CHECK_FALSE(type_from_text("TYPE65536").has_value());
  CHECK_FALSE(type_from_text("TYPE").has_value());
  CHECK_FALSE(type_from_text("TYPE1x").has_value());
  CHECK_FALSE(type_from_text("BOGUS").has_value());
  CHECK(type_from_text("https") == rrtype::HTTPS);
}

TEST_CASE("class lookups") {
  CHECK(class_to_text(rrclass::IN) == "IN");
  CHECK(class_to_text(rrclass::CH) == "CH");
  CHECK(class_to_text(rrclass::HS) == "HS");
  CHECK(class_to_text(rrclass::NONE) == "NONE");
  CHECK(class_to_text(rrclass::ANY) == "ANY");
  CHECK(class_to_text(42) == "CLASS42");
  CHECK(class_from_text("in") == rrclass::IN);
  CHECK(class_from_text("CLASS1") == rrclass::IN);
  CHECK(class_from_text("CLASS42") == 42);
  CHECK(class_from_text("ch") == rrclass::CH);
  CHECK_FALSE(class_from_text("CLASS70000").has_value());
  CHECK_FALSE(class_from_text("INX").has_value());
}

TEST_CASE("RFC 4034 6.2 as amended by RFC 6840 5.1: which types lower-case their names") {
  const std::set<std::uint16_t> expected = {rrtype::NS,  rrtype::CNAME, rrtype::SOA,   rrtype::PTR,
                                            rrtype::MX,  rrtype::RP,    rrtype::AFSDB, rrtype::SRV,
                                            rrtype::NAPTR, rrtype::KX,  rrtype::DNAME, rrtype::RRSIG};
  for (const TypeDescriptor& row : all_types()) {
    CAPTURE(row.mnemonic);
    CHECK(row.canonical_lowercase_names == (expected.count(row.code) == 1));
  }
  CHECK_FALSE(find_type(rrtype::NSEC)->canonical_lowercase_names);
  CHECK_FALSE(find_type(rrtype::HINFO)->canonical_lowercase_names);
}

TEST_CASE("field layouts of a few rows") {
  const TypeDescriptor* soa = find_type(rrtype::SOA);
  REQUIRE(soa->fields.size() == 7);
  CHECK(soa->fields[0] == FieldKind::Name);
  CHECK(soa->fields[2] == FieldKind::U32);
  CHECK(soa->fields[3] == FieldKind::TTL);
  const TypeDescriptor* zonemd = find_type(rrtype::ZONEMD);
  REQUIRE(zonemd->fields.size() == 4);
  CHECK(zonemd->fields[3] == FieldKind::HexRest);
  CHECK(find_type(rrtype::MX)->compressible_names);
  CHECK_FALSE(find_type(rrtype::SRV)->compressible_names);
}
