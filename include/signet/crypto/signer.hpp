// SPDX-License-Identifier: MIT
// Signer: makes DNSSEC signatures (RFC 3110/5702 PKCS#1 v1.5, RFC 6605 raw
// r||s, RFC 8080 pure EdDSA) with one private key. It fetches the digest and
// initialises its OpenSSL contexts once and only resets them per message, so a
// signer per key and per worker thread signs at OpenSSL's raw rate (ECDSA a
// little above what EVP_PKEY_sign gives: it signs below EVP, with a random
// nonce per signature; see lib/crypto/detail/ecdsa.cpp).
// Not thread-safe; cheap to make one per thread. Does not build RRSIG signed
// data (dnssec/ does).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "signet/crypto/private_key.hpp"

namespace signet::crypto {

class Signer {
 public:
  // Throws signet::Error (citing RFC 8624) for verify-only algorithms.
  explicit Signer(const PrivateKey& key);
  ~Signer();
  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;

  const Algorithm& algorithm() const noexcept;
  // Upper bound of the signature size in octets.
  std::size_t max_signature_size() const noexcept;
  // Appends the DNSSEC signature of `message` to `out`. Throws signet::Error
  // with OpenSSL's error queue only on internal failure (e.g. out of memory).
  void sign(std::span<const std::uint8_t> message, std::vector<std::uint8_t>& out);
  std::vector<std::uint8_t> sign(std::span<const std::uint8_t> message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::crypto
