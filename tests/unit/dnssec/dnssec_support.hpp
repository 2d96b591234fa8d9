// SPDX-License-Identifier: MIT
// Helpers for the dnssec/ primitive tests: RFC example records are read with
// the project's zone parser, and single rdata are looked up by owner and type.
// Hex/base64 literals and hand-built signed data come from the crypto tests'
// test_support.hpp.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../crypto/test_support.hpp"
#include "signet/dns/name.hpp"
#include "signet/dns/zone.hpp"
#include "signet/zonefile/parser.hpp"

namespace signet::test {

// Parses zone text (which must parse cleanly) into a finalized Zone; relative
// names are relative to `origin` when one is given (as a loader would).
inline dns::Zone zone_of(std::string_view text, std::string_view origin = {}) {
  zonefile::ParseOptions options;
  if (!origin.empty()) {
    options.origin = dns::Name::parse(origin);
    options.origin_given = true;
  }
  zonefile::ParseResult parsed = zonefile::parse_zone_text(text, "rfc.zone", options);
  std::string errors;
  for (const Error& e : parsed.errors) (errors += e.what()) += "\n";
  INFO(errors);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.zone.finalized());
  return std::move(parsed.zone);
}

// The records of the RRset (owner, type); fails the test when there is none.
inline std::span<const dns::Record> rrset_of(const dns::Zone& zone, std::string_view owner, std::uint16_t type) {
  const std::ptrdiff_t at = zone.find_rrset(dns::Name::parse(owner), type);
  INFO("RRset ", owner, " type ", type);
  REQUIRE(at >= 0);
  return zone.records_of(zone.rrsets()[static_cast<std::size_t>(at)]);
}

// The rdata of the only record of (owner, type).
inline Bytes rdata_of(const dns::Zone& zone, std::string_view owner, std::uint16_t type) {
  const auto set = rrset_of(zone, owner, type);
  REQUIRE(set.size() == 1);
  const auto rdata = zone.rdata(set[0]);
  return Bytes(rdata.begin(), rdata.end());
}

// The rdata of every record of (owner, type), in canonical order.
inline std::vector<Bytes> rdatas_of(const dns::Zone& zone, std::string_view owner, std::uint16_t type) {
  std::vector<Bytes> out;
  for (const dns::Record& rr : rrset_of(zone, owner, type)) {
    const auto rdata = zone.rdata(rr);
    out.emplace_back(rdata.begin(), rdata.end());
  }
  return out;
}

inline Bytes bytes_of(std::span<const std::uint8_t> s) { return Bytes(s.begin(), s.end()); }

}  // namespace signet::test
