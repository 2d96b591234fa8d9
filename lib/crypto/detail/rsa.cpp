// SPDX-License-Identifier: MIT
// RSA family: RFC 3110 public keys (exponent length, exponent, modulus), RSA
// PKCS#1 v1.5 signatures (RFC 3110, RFC 5702), which OpenSSL produces in the
// DNSSEC form already.
#include <openssl/core_names.h>
#include <openssl/rsa.h>

#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto::detail {
namespace {

// BIND's field order; member pointers into KeyMaterial with OpenSSL's names.
struct Component {
  SecretBytes KeyMaterial::*field;
  const char* param;
};
constexpr Component kComponents[] = {
    {&KeyMaterial::modulus, OSSL_PKEY_PARAM_RSA_N},
    {&KeyMaterial::public_exponent, OSSL_PKEY_PARAM_RSA_E},
    {&KeyMaterial::private_exponent, OSSL_PKEY_PARAM_RSA_D},
    {&KeyMaterial::prime1, OSSL_PKEY_PARAM_RSA_FACTOR1},
    {&KeyMaterial::prime2, OSSL_PKEY_PARAM_RSA_FACTOR2},
    {&KeyMaterial::exponent1, OSSL_PKEY_PARAM_RSA_EXPONENT1},
    {&KeyMaterial::exponent2, OSSL_PKEY_PARAM_RSA_EXPONENT2},
    {&KeyMaterial::coefficient, OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
};

void check_bits(const Algorithm& a, EVP_PKEY* key, const std::string& what) {
  auto bits = static_cast<unsigned>(EVP_PKEY_get_bits(key));
  if (bits < a.min_bits || bits > a.max_bits)
    throw Error(what + ": RSA modulus of " + std::to_string(bits) + " bits is outside " +
                std::to_string(a.min_bits) + ".." + std::to_string(a.max_bits) + " for " + algorithm_label(a));
}

EvpPkey generate(const Algorithm&, unsigned bits) {
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
  if (!key) throw_openssl_error("cannot generate a " + std::to_string(bits) + "-bit RSA key");
  return key;
}

EvpPkey from_material(const Algorithm& a, const KeyMaterial& m, const std::string& source) {
  SecretBytes little[std::size(kComponents)];
  OSSL_PARAM params[std::size(kComponents) + 1];
  for (std::size_t i = 0; i < std::size(kComponents); ++i) {
    const SecretBytes& value = m.*kComponents[i].field;
    if (value.empty())
      throw Error(source + ": RSA private key lacks component " + kComponents[i].param);
    little[i] = reversed(value.span());
    params[i] = bn_param(kComponents[i].param, little[i]);
  }
  params[std::size(kComponents)] = OSSL_PARAM_construct_end();
  EvpPkey key = pkey_from_params("RSA", EVP_PKEY_KEYPAIR, params, source + ": bad RSA private key");
  check_bits(a, key.get(), source);
  EvpPkeyCtx ctx(check_ptr(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr), source));
  if (EVP_PKEY_pairwise_check(ctx.get()) != 1)
    throw_openssl_error(source + ": RSA private key components do not form a consistent key");
  return key;
}

KeyMaterial material(const Algorithm&, EVP_PKEY* key) {
  KeyMaterial m;
  for (const Component& c : kComponents) m.*c.field = get_bn(key, c.param, 0);
  return m;
}

EvpPkey decode_public(const Algorithm& a, std::span<const std::uint8_t> field) {
  const std::string what = "bad " + algorithm_label(a) + " public key";
  std::size_t exp_len = 0, offset = 0;
  if (!field.empty() && field[0] != 0) {
    exp_len = field[0];
    offset = 1;
  } else if (field.size() >= 3) {
    exp_len = std::size_t{field[1]} << 8 | field[2];
    offset = 3;
  }
  if (exp_len == 0 || field.size() <= offset + exp_len)
    throw Error(what + ": the RFC 3110 exponent length does not fit the key field");
  SecretBytes e = reversed(field.subspan(offset, exp_len));
  SecretBytes n = reversed(field.subspan(offset + exp_len));
  OSSL_PARAM params[] = {bn_param(OSSL_PKEY_PARAM_RSA_N, n), bn_param(OSSL_PKEY_PARAM_RSA_E, e),
                         OSSL_PARAM_construct_end()};
  EvpPkey key = pkey_from_params("RSA", EVP_PKEY_PUBLIC_KEY, params, what);
  check_bits(a, key.get(), what);
  return key;
}

std::vector<std::uint8_t> encode_public(const Algorithm&, EVP_PKEY* key) {
  SecretBytes e = get_bn(key, OSSL_PKEY_PARAM_RSA_E, 0);
  SecretBytes n = get_bn(key, OSSL_PKEY_PARAM_RSA_N, 0);
  std::vector<std::uint8_t> out;
  out.reserve(3 + e.size() + n.size());
  if (e.size() <= 255) {
    out.push_back(static_cast<std::uint8_t>(e.size()));
  } else {
    out.push_back(0);
    out.push_back(static_cast<std::uint8_t>(e.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(e.size()));
  }
  out.insert(out.end(), e.data(), e.data() + e.size());
  out.insert(out.end(), n.data(), n.data() + n.size());
  return out;
}

bool matches(const Algorithm&, EVP_PKEY* key) { return EVP_PKEY_is_a(key, "RSA"); }

void configure(EVP_PKEY_CTX* ctx, const std::string& what) {
  check(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING), what);
}

}  // namespace

const FamilyOps rsa_ops = {generate, from_material, material,         decode_public,     encode_public,
                           matches,  configure,     /*prehash=*/true, copy_signature, copy_signature_in,
                           /*digest_signer=*/nullptr};

}  // namespace signet::crypto::detail
