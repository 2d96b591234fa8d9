// SPDX-License-Identifier: MIT
#include "crypto/detail/family.hpp"

#include <openssl/core_names.h>

#include <algorithm>

#include "signet/error.hpp"

namespace signet::crypto::detail {

const FamilyOps& family_ops(KeyFamily f) noexcept {
  static constexpr const FamilyOps* kTable[] = {&rsa_ops, &ecdsa_ops, &eddsa_ops};  // KeyFamily order
  return *kTable[static_cast<std::size_t>(f)];
}

SecretBytes reversed(std::span<const std::uint8_t> big_endian) {
  SecretBytes out(big_endian.size());
  std::reverse_copy(big_endian.begin(), big_endian.end(), out.data());
  return out;
}

OSSL_PARAM bn_param(const char* name, SecretBytes& little_endian) {
  return OSSL_PARAM_construct_BN(name, little_endian.data(), little_endian.size());
}

SecretBytes get_bn(EVP_PKEY* key, const char* name, std::size_t width) {
  BIGNUM* raw = nullptr;
  check(EVP_PKEY_get_bn_param(key, name, &raw), std::string("cannot read key component ") + name);
  SecretBigNum bn(raw);
  std::size_t size = width != 0 ? width : static_cast<std::size_t>(BN_num_bytes(bn.get()));
  SecretBytes out(size);
  if (BN_bn2binpad(bn.get(), out.data(), static_cast<int>(size)) < 0)
    throw_openssl_error(std::string("key component ") + name + " does not fit");
  return out;
}

EvpPkey pkey_from_params(const char* type, int selection, OSSL_PARAM* params, const std::string& what) {
  EvpPkeyCtx ctx(check_ptr(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), what));
  check(EVP_PKEY_fromdata_init(ctx.get()), what);
  EVP_PKEY* raw = nullptr;
  check(EVP_PKEY_fromdata(ctx.get(), &raw, selection, params), what);
  return EvpPkey(raw);
}

void no_configuration(EVP_PKEY_CTX*, const std::string&) {}

void copy_signature(const Algorithm&, std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  out.insert(out.end(), in.begin(), in.end());
}

bool copy_signature_in(const Algorithm&, std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  out.assign(in.begin(), in.end());
  return true;
}

std::string algorithm_label(const Algorithm& a) {
  return std::string(a.mnemonic) + " (" + std::to_string(a.number) + ")";
}

}  // namespace signet::crypto::detail
