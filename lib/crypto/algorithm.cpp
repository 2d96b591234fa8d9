// SPDX-License-Identifier: MIT
// The algorithm table: one row per supported DNSSEC algorithm number.
#include "signet/crypto/algorithm.hpp"

#include <algorithm>
#include <charconv>

#include "signet/error.hpp"

namespace signet::crypto {
namespace {

using enum KeyFamily;
using enum DigestAlgorithm;

// Key size bounds: RFC 3110 (512..4096), RFC 5702 section 2 (RSASHA512 from 1024).
// number, mnemonic, BIND name, family, digest, signs, OpenSSL name, component, signature, min, max bits
constexpr Algorithm kAlgorithms[] = {
    {alg::RSASHA1, "RSASHA1", "RSASHA1", Rsa, Sha1, false, "RSA", 0, 0, 512, 4096},
    {alg::RSASHA1_NSEC3_SHA1, "RSASHA1-NSEC3-SHA1", "NSEC3RSASHA1", Rsa, Sha1, false, "RSA", 0, 0, 512, 4096},
    {alg::RSASHA256, "RSASHA256", "RSASHA256", Rsa, Sha256, true, "RSA", 0, 0, 512, 4096},
    {alg::RSASHA512, "RSASHA512", "RSASHA512", Rsa, Sha512, true, "RSA", 0, 0, 1024, 4096},
    {alg::ECDSAP256SHA256, "ECDSAP256SHA256", "ECDSAP256SHA256", Ecdsa, Sha256, true, "P-256", 32, 64, 256, 256},
    {alg::ECDSAP384SHA384, "ECDSAP384SHA384", "ECDSAP384SHA384", Ecdsa, Sha384, true, "P-384", 48, 96, 384, 384},
    {alg::ED25519, "ED25519", "ED25519", EdDsa, Sha512, true, "ED25519", 32, 64, 256, 256},
    {alg::ED448, "ED448", "ED448", EdDsa, Sha512, true, "ED448", 57, 114, 456, 456},
};

bool iequals(std::string_view a, std::string_view b) noexcept {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

}  // namespace

const Algorithm* find_algorithm(std::uint8_t number) noexcept {
  for (const Algorithm& a : kAlgorithms)
    if (a.number == number) return &a;
  return nullptr;
}

const Algorithm* find_algorithm(std::string_view text) noexcept {
  unsigned number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!text.empty() && ec == std::errc() && end == text.data() + text.size())
    return number <= 255 ? find_algorithm(static_cast<std::uint8_t>(number)) : nullptr;
  for (const Algorithm& a : kAlgorithms)
    if (iequals(a.mnemonic, text) || iequals(a.bind_name, text)) return &a;
  return nullptr;
}

const Algorithm& algorithm(std::uint8_t number) {
  if (const Algorithm* a = find_algorithm(number)) return *a;
  throw Error("unsupported DNSSEC algorithm " + std::to_string(number) +
              " (signet supports 5, 7, 8, 10, 13, 14, 15 and 16)");
}

std::string algorithm_to_text(std::uint8_t number) {
  if (const Algorithm* a = find_algorithm(number)) return std::string(a->mnemonic);
  return std::to_string(number);
}

void require_signing(const Algorithm& a) {
  if (a.signs) return;
  throw Error("refusing to sign with " + std::string(a.mnemonic) + " (" + std::to_string(a.number) +
              "): RFC 8624 section 3.1 says SHA-1 algorithms are NOT RECOMMENDED for signing, so signet only "
              "verifies them; use RSASHA256 (8) or ECDSAP256SHA256 (13)");
}

std::span<const Algorithm> all_algorithms() noexcept { return kAlgorithms; }

}  // namespace signet::crypto
