// SPDX-License-Identifier: MIT
// PublicKey: a DNSSEC public key decoded from a DNSKEY public key field (RFC
// 3110 RSA, RFC 6605 ECDSA, RFC 8080 EdDSA) and bound to its algorithm row;
// RAII over OpenSSL's EVP_PKEY behind Impl. Decoding checks the encoding and
// the point or modulus, so a PublicKey is always usable for verification
// (verify.hpp). It does not know owner names, flags or key tags (see keys/).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "signet/crypto/algorithm.hpp"

namespace signet::crypto {

class PublicKey {
 public:
  // Decodes the public key field of a DNSKEY of algorithm `a`. Throws
  // signet::Error (naming the algorithm) on a malformed or out-of-range key.
  static PublicKey from_dnskey(const Algorithm& a, std::span<const std::uint8_t> public_key_field);
  // Decodes whole DNSKEY rdata (flags, protocol, algorithm, key). Throws
  // signet::Error on short rdata, protocol other than 3, or an unsupported algorithm.
  static PublicKey from_dnskey_rdata(std::span<const std::uint8_t> rdata);

  ~PublicKey();
  PublicKey(const PublicKey& other);
  PublicKey& operator=(const PublicKey& other);
  PublicKey(PublicKey&&) noexcept;
  PublicKey& operator=(PublicKey&&) noexcept;

  const Algorithm& algorithm() const noexcept;
  unsigned bits() const;
  // The DNSKEY public key field, re-encoded canonically.
  std::vector<std::uint8_t> dnskey_field() const;

  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }
  explicit PublicKey(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::crypto
