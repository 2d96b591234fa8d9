// SPDX-License-Identifier: MIT
// DNSSEC algorithms: one table (lib/crypto/algorithm.cpp) with one row per
// algorithm number of the IANA "DNS Security Algorithm Numbers" registry that
// signet supports. A row says which key family and digest the algorithm uses,
// how big its keys may be, and whether signet signs with it (RFC 8624: RSASHA1
// and RSASHA1-NSEC3-SHA1 are verify-only). Everything algorithm-specific in
// crypto/ is driven by this row; nothing here touches OpenSSL.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "signet/crypto/digest.hpp"

namespace signet::crypto {

// IANA "DNS Security Algorithm Numbers" registry values, IANA spelling
// (RSASHA1_NSEC3_SHA1 is "RSASHA1-NSEC3-SHA1"; BIND calls it NSEC3RSASHA1).
namespace alg {
inline constexpr std::uint8_t RSASHA1 = 5, RSASHA1_NSEC3_SHA1 = 7, RSASHA256 = 8, RSASHA512 = 10,
                              ECDSAP256SHA256 = 13, ECDSAP384SHA384 = 14, ED25519 = 15, ED448 = 16;
}

// The public-key family: decides key encoding, signature encoding and generation.
enum class KeyFamily : std::uint8_t {
  Rsa,    // RFC 3110 public key, PKCS#1 v1.5 signature
  Ecdsa,  // RFC 6605 raw x||y public key, raw r||s signature
  EdDsa,  // RFC 8080 raw public key, pure EdDSA signature
};

struct Algorithm {
  std::uint8_t number;
  std::string_view mnemonic;       // IANA mnemonic, as in zone files
  std::string_view bind_name;      // as BIND writes it in .private files ("NSEC3RSASHA1")
  KeyFamily family;
  DigestAlgorithm digest;          // hash used by the signature (EdDSA: the row's nominal value, unused)
  bool signs;                      // false: verification only (RFC 8624 section 3.1)
  std::string_view openssl_name;   // OpenSSL key type or group name ("RSA", "P-256", "ED25519"); NUL-terminated
  unsigned component_octets;       // ECDSA: size of x, y, r, s and the scalar; EdDSA: key size; RSA: 0
  unsigned signature_octets;       // fixed signature size; RSA: 0 (modulus size)
  unsigned min_bits, max_bits;     // RSA modulus bounds accepted for keys read or verified
};

// RSA modulus sizes accepted for key generation (issue 3: 1024..4096).
inline constexpr unsigned kMinGenerateRsaBits = 1024;
inline constexpr unsigned kMaxGenerateRsaBits = 4096;

// The row for an algorithm number, or nullptr when signet does not support it.
const Algorithm* find_algorithm(std::uint8_t number) noexcept;
// The row for a mnemonic (case-insensitive; IANA or BIND spelling) or a
// decimal number ("13"), or nullptr.
const Algorithm* find_algorithm(std::string_view text) noexcept;
// The row for `number`; throws signet::Error "unsupported DNSSEC algorithm N" otherwise.
const Algorithm& algorithm(std::uint8_t number);
// Mnemonic of a supported algorithm, the decimal number otherwise.
std::string algorithm_to_text(std::uint8_t number);
// Throws signet::Error citing RFC 8624 when `a` is verify-only.
void require_signing(const Algorithm& a);
// All rows in number order (for tests, docs and --help text).
std::span<const Algorithm> all_algorithms() noexcept;

}  // namespace signet::crypto
