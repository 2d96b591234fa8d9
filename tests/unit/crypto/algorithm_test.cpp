// SPDX-License-Identifier: MIT
#include "signet/crypto/algorithm.hpp"

#include <doctest/doctest.h>

#include "signet/error.hpp"

using namespace signet::crypto;

TEST_CASE("algorithm table: numbers, mnemonics and verify-only rows") {
  struct Row {
    std::uint8_t number;
    const char* mnemonic;
    bool signs;
  };
  const Row expected[] = {{5, "RSASHA1", false},         {7, "RSASHA1-NSEC3-SHA1", false},
                          {8, "RSASHA256", true},        {10, "RSASHA512", true},
                          {13, "ECDSAP256SHA256", true}, {14, "ECDSAP384SHA384", true},
                          {15, "ED25519", true},         {16, "ED448", true}};
  REQUIRE(all_algorithms().size() == std::size(expected));
  for (const Row& r : expected) {
    const Algorithm* a = find_algorithm(r.number);
    REQUIRE(a != nullptr);
    CHECK(a->mnemonic == r.mnemonic);
    CHECK(a->signs == r.signs);
    CHECK(find_algorithm(std::string_view(r.mnemonic)) == a);
    CHECK(find_algorithm(std::to_string(r.number)) == a);
    CHECK(algorithm_to_text(r.number) == r.mnemonic);
  }
}

TEST_CASE("algorithm lookup by text is case-insensitive and knows BIND's spelling") {
  CHECK(find_algorithm("ecdsap256sha256")->number == 13);
  CHECK(find_algorithm("NSEC3RSASHA1")->number == 7);
  CHECK(find_algorithm("ed448")->number == 16);
  CHECK(find_algorithm("RSAMD5") == nullptr);
  CHECK(find_algorithm("3") == nullptr);
  CHECK(find_algorithm("256") == nullptr);
  CHECK(find_algorithm("") == nullptr);
  CHECK(find_algorithm("13x") == nullptr);
  CHECK(find_algorithm(std::uint8_t{12}) == nullptr);
  CHECK(algorithm_to_text(12) == "12");
}

TEST_CASE("algorithm(): unsupported numbers throw a sentence naming the number") {
  CHECK(algorithm(8).mnemonic == "RSASHA256");
  CHECK_THROWS_WITH_AS(algorithm(1), doctest::Contains("unsupported DNSSEC algorithm 1"), signet::Error);
}

TEST_CASE("require_signing refuses SHA-1 algorithms citing RFC 8624") {
  CHECK_NOTHROW(require_signing(algorithm(alg::ECDSAP256SHA256)));
  CHECK_THROWS_WITH_AS(require_signing(algorithm(alg::RSASHA1)),
                       doctest::Contains("refusing to sign with RSASHA1 (5): RFC 8624"), signet::Error);
  CHECK_THROWS_WITH_AS(require_signing(algorithm(alg::RSASHA1_NSEC3_SHA1)), doctest::Contains("RFC 8624"),
                       signet::Error);
}
