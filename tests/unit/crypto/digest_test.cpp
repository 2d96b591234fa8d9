// SPDX-License-Identifier: MIT
#include "signet/crypto/digest.hpp"

#include <doctest/doctest.h>

#include "test_support.hpp"

using namespace signet::crypto;
using signet::test::hex;

namespace {
std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

TEST_CASE("digests of \"abc\" (FIPS 180-2 appendix examples)") {
  CHECK(digest(DigestAlgorithm::Sha1, bytes("abc")) == hex("a9993e364706816aba3e25717850c26c9cd0d89d"));
  CHECK(digest(DigestAlgorithm::Sha256, bytes("abc")) ==
        hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  CHECK(digest(DigestAlgorithm::Sha384, bytes("abc")) ==
        hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"));
  CHECK(digest(DigestAlgorithm::Sha512, bytes("abc")) ==
        hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
            "454d4423643ce80e2a9ac94fa54ca49f"));
}

TEST_CASE("Digester is reusable: finish resets, update streams") {
  Digester h(DigestAlgorithm::Sha256);
  CHECK(h.size() == 32);
  CHECK(digest_size(DigestAlgorithm::Sha384) == 48);
  h.update(bytes("a"));
  h.update(bytes("bc"));
  auto first = h.finish();
  h.update(bytes("abc"));
  CHECK(h.finish() == first);
  h.update(bytes("junk"));
  h.reset();
  h.update(bytes("abc"));
  std::uint8_t out[32];
  h.finish(out);
  CHECK(std::vector<std::uint8_t>(out, out + 32) == first);
}
