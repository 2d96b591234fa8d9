// SPDX-License-Identifier: MIT
#include "signet/crypto/secret_bytes.hpp"

#include <doctest/doctest.h>

#include <string>

using signet::crypto::SecretBytes;

TEST_CASE("SecretBytes copies, moves, compares and wipes strings") {
  SecretBytes a(std::string_view("secret"));
  CHECK(a.size() == 6);
  CHECK(a.view() == "secret");
  SecretBytes b = a;
  CHECK(b == a);
  SecretBytes c = std::move(b);
  CHECK(c.view() == "secret");
  CHECK(b.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  CHECK(a.prefix(3).view() == "sec");
  CHECK(SecretBytes(4).view() == std::string_view("\0\0\0\0", 4));
  CHECK_FALSE(SecretBytes(std::string_view("secreT")) == a);
  std::string text = "PrivateKey: abc";
  signet::crypto::wipe(text);
  CHECK(text.empty());
}
