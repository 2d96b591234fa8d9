// SPDX-License-Identifier: MIT
// Per key family behaviour (RSA, ECDSA, EdDSA) as one table of operations, so
// that PrivateKey, PublicKey, Signer and SignatureVerifier have no switch on
// the algorithm: they look up family_ops(alg.family) and call through it.
// Also the handful of BIGNUM/OSSL_PARAM helpers the families share.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "crypto/detail/ossl.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/private_key.hpp"
#include "signet/crypto/secret_bytes.hpp"

namespace signet::crypto {

// Both key classes hold the same thing: the algorithm row and the OpenSSL key.
struct PrivateKey::Impl {
  const Algorithm* alg;
  detail::EvpPkey pkey;
};
struct PublicKey::Impl {
  const Algorithm* alg;
  detail::EvpPkey pkey;
};

namespace detail {

// Signs a digest below EVP_PKEY_sign, for a family whose lower OpenSSL layer
// is measurably cheaper per signature. One per Signer, so one per thread.
class DigestSigner {
 public:
  virtual ~DigestSigner() = default;
  // Appends the DNSSEC signature of `digest` to `out`.
  virtual void sign(std::span<const std::uint8_t> digest, std::vector<std::uint8_t>& out) = 0;
};

struct FamilyOps {
  // A fresh random key (bits only for RSA; range checked by the caller).
  EvpPkey (*generate)(const Algorithm& a, unsigned bits);
  // A key from raw numbers, checked; errors name `source`.
  EvpPkey (*from_material)(const Algorithm& a, const KeyMaterial& m, const std::string& source);
  KeyMaterial (*material)(const Algorithm& a, EVP_PKEY* key);
  // DNSKEY public key field <-> key. Decoding throws signet::Error on bad input.
  EvpPkey (*decode_public)(const Algorithm& a, std::span<const std::uint8_t> field);
  std::vector<std::uint8_t> (*encode_public)(const Algorithm& a, EVP_PKEY* key);
  // True when an OpenSSL key (from a PEM file) is a key of algorithm `a`.
  bool (*matches)(const Algorithm& a, EVP_PKEY* key);
  // Extra set-up of a sign/verify context after *_init (RSA: PKCS#1 v1.5 padding).
  void (*configure)(EVP_PKEY_CTX* ctx, const std::string& what);
  // True: the signature is made over a digest with EVP_PKEY_sign/verify (RSA,
  // ECDSA); false: over the whole message with one-shot EVP_DigestSign (EdDSA).
  bool prehash;
  // OpenSSL's signature form -> DNSSEC wire form, appended to `out`.
  void (*to_dnssec_signature)(const Algorithm& a, std::span<const std::uint8_t> ossl, std::vector<std::uint8_t>& out);
  // DNSSEC wire form -> OpenSSL's form in `out`; false when malformed.
  bool (*from_dnssec_signature)(const Algorithm& a, std::span<const std::uint8_t> sig, std::vector<std::uint8_t>& out);
  // Optional (nullptr: EVP_PKEY_sign): a DigestSigner for `key`; may return
  // nullptr when the key cannot take that path. Prehash families only.
  std::unique_ptr<DigestSigner> (*digest_signer)(const Algorithm& a, EVP_PKEY* key, const std::string& what);
};

const FamilyOps& family_ops(KeyFamily f) noexcept;

extern const FamilyOps rsa_ops;
extern const FamilyOps ecdsa_ops;
extern const FamilyOps eddsa_ops;

// Shared helpers.
SecretBytes reversed(std::span<const std::uint8_t> big_endian);  // for OSSL_PARAM_construct_BN (native order)
OSSL_PARAM bn_param(const char* name, SecretBytes& little_endian);
// An unsigned big-endian number parameter of `key`, left-padded to `width` octets (0: minimal).
SecretBytes get_bn(EVP_PKEY* key, const char* name, std::size_t width);
EvpPkey pkey_from_params(const char* type, int selection, OSSL_PARAM* params, const std::string& what);
// Signature-octet pass-through for families whose OpenSSL and DNSSEC forms agree.
void no_configuration(EVP_PKEY_CTX* ctx, const std::string& what);
void copy_signature(const Algorithm& a, std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out);
bool copy_signature_in(const Algorithm& a, std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out);
// OpenSSL's name for a digest ("SHA256"); defined with the digest table in digest.cpp.
const char* digest_openssl_name(DigestAlgorithm d) noexcept;
// "RSASHA256 (8)" for messages.
std::string algorithm_label(const Algorithm& a);

}  // namespace detail
}  // namespace signet::crypto
