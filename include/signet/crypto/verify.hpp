// SPDX-License-Identifier: MIT
// Verification of DNSSEC signatures in their wire encodings (RFC 3110/5702,
// RFC 6605 raw r||s, RFC 8080). SignatureVerifier keeps its OpenSSL contexts
// initialised across messages for one public key (one per key per thread);
// verify() is the one-shot form. A bad or malformed signature is a `false`,
// never an exception. Does not build RRSIG signed data (dnssec/ does).
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "signet/crypto/public_key.hpp"

namespace signet::crypto {

class SignatureVerifier {
 public:
  explicit SignatureVerifier(const PublicKey& key);
  ~SignatureVerifier();
  SignatureVerifier(SignatureVerifier&&) noexcept;
  SignatureVerifier& operator=(SignatureVerifier&&) noexcept;

  // True when `signature` is a valid signature of `message`. Throws
  // signet::Error only on internal OpenSSL failure (e.g. out of memory).
  bool verify(std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

bool verify(const PublicKey& key, std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature);

}  // namespace signet::crypto
