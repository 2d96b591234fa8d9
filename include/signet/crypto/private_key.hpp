// SPDX-License-Identifier: MIT
// PrivateKey: an owned DNSSEC private key (RAII over OpenSSL's EVP_PKEY, which
// is hidden behind Impl) bound to one algorithm row. Keys are generated here,
// built from the raw numbers of a key file (KeyMaterial), or read from a PKCS#8
// PEM text, and are validated when built so that signing never fails on a bad
// key. File formats live in keys/; signing lives in signer.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/public_key.hpp"
#include "signet/crypto/secret_bytes.hpp"

namespace signet::crypto {

// The raw numbers of a private key, big-endian unsigned, as key files store
// them. RSA fills the eight RFC 8017 components; ECDSA fills `private_key`
// with the scalar and EdDSA with the RFC 8032 private key (seed).
struct KeyMaterial {
  SecretBytes modulus, public_exponent, private_exponent, prime1, prime2, exponent1, exponent2, coefficient;
  SecretBytes private_key;
};

class PrivateKey {
 public:
  // Makes a new key with OpenSSL's random generator. `bits` is the RSA modulus
  // size (kMinGenerateRsaBits..kMaxGenerateRsaBits) and ignored otherwise.
  // Throws signet::Error for verify-only algorithms or bad sizes.
  static PrivateKey generate(const Algorithm& a, unsigned bits = 2048);
  // Builds and checks a key from raw numbers; throws signet::Error naming
  // `source` when a component is missing, has the wrong size, or the numbers do
  // not form a consistent key.
  static PrivateKey from_material(const Algorithm& a, const KeyMaterial& m, const std::string& source);
  // Reads a PKCS#8 (or traditional) PEM private key. The algorithm follows from
  // the key type except for RSA, where `algorithm` must be given; when given it
  // must match the key. Throws signet::Error naming `source`.
  static PrivateKey from_pem(std::string_view pem, std::optional<std::uint8_t> algorithm, const std::string& source);

  ~PrivateKey();
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;

  const Algorithm& algorithm() const noexcept;
  // RSA modulus bits; the curve or EdDSA key size in bits otherwise.
  unsigned bits() const;
  // The DNSKEY public key field (RFC 3110 / 6605 / 8080 encoding).
  std::vector<std::uint8_t> public_key_field() const;
  PublicKey public_key() const;
  // The raw numbers, for writing key files.
  KeyMaterial material() const;
  // PKCS#8 PEM text ("-----BEGIN PRIVATE KEY-----"), as Knot's keystore holds.
  SecretBytes to_pem() const;

  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  explicit PrivateKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::crypto
