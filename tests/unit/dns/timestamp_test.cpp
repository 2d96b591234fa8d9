// SPDX-License-Identifier: MIT
#include "signet/dns/timestamp.hpp"

#include <doctest/doctest.h>

using namespace signet::dns;

TEST_CASE("YYYYMMDDHHMMSS timestamps convert both ways (UTC)") {
  CHECK(parse_timestamp("19700101000000") == 0);
  CHECK(parse_timestamp("20260101000000") == 1767225600);  // as Knot's keymgr lists it
  CHECK(parse_timestamp("20300101000000") == 1893456000);  // RFC 5702 example expiration
  CHECK(parse_timestamp("20000229235959") == 951868799);
  CHECK(format_timestamp(1767225600) == "20260101000000");
  CHECK(format_timestamp(951868799) == "20000229235959");
  CHECK(format_timestamp(4102444800) == "21000101000000");
  for (UnixTime t : {UnixTime{0}, UnixTime{1281607479}, UnixTime{4102444799}})
    CHECK(parse_timestamp(format_timestamp(t)) == t);
}

TEST_CASE("bad timestamps are refused") {
  CHECK_FALSE(parse_timestamp("2026010100000"));    // 13 digits
  CHECK_FALSE(parse_timestamp("2026010100000a"));
  CHECK_FALSE(parse_timestamp("20260230000000"));   // 30 February
  CHECK_FALSE(parse_timestamp("21000229000000"));   // 2100 is not a leap year
  CHECK_FALSE(parse_timestamp("20261301000000"));
  CHECK_FALSE(parse_timestamp("20260101240000"));
  CHECK_FALSE(parse_timestamp(""));
}

TEST_CASE("append_timestamp appends; RRSIG times up to 2^32-1 (year 2106) print") {
  std::string out = "x ";
  append_timestamp(4294967295, out);
  CHECK(out == "x 21060207062815");
}

TEST_CASE("append_timestamp gives each time its own text when times alternate and repeat") {
  // The texts of recent times are reused: a sequence that revisits and
  // replaces them must still print every time right.
  const std::pair<UnixTime, const char*> times[] = {
      {0, "19700101000000"},           {1767225600, "20260101000000"}, {-1, "19691231235959"},
      {4294967295, "21060207062815"},  {951868799, "20000229235959"},  {1767225601, "20260101000001"}};
  const int order[] = {0, 1, 0, 1, 2, 2, 3, 1, 4, 3, 5, 1, 5, 0, 2, 4, 4, 1};
  for (int k : order) {
    CAPTURE(k);
    std::string out;
    append_timestamp(times[k].first, out);
    CHECK(out == times[k].second);
  }
}

TEST_CASE("human-readable time as BIND writes it in .key comments") {
  CHECK(format_human_time(1767225600) == "Thu Jan  1 00:00:00 2026");
  CHECK(format_human_time(*parse_timestamp("20270201000000")) == "Mon Feb  1 00:00:00 2027");
  CHECK(format_human_time(*parse_timestamp("20261122205228")) == "Sun Nov 22 20:52:28 2026");
}

