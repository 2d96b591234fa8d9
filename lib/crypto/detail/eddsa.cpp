// SPDX-License-Identifier: MIT
// EdDSA family (RFC 8080): raw public and private keys of `component_octets`,
// pure EdDSA signatures over the whole message (no pre-hash), which OpenSSL
// produces in the DNSSEC form already.
#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto::detail {
namespace {

EvpPkey generate(const Algorithm& a, unsigned) {
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, a.openssl_name.data()));
  if (!key) throw_openssl_error("cannot generate a " + algorithm_label(a) + " key");
  return key;
}

EvpPkey from_material(const Algorithm& a, const KeyMaterial& m, const std::string& source) {
  const std::string what = source + ": bad " + algorithm_label(a) + " private key";
  if (m.private_key.size() != a.component_octets)
    throw Error(what + ": the private key is " + std::to_string(m.private_key.size()) + " octets, expected " +
                std::to_string(a.component_octets));
  EvpPkey key(EVP_PKEY_new_raw_private_key_ex(nullptr, a.openssl_name.data(), nullptr, m.private_key.data(),
                                              m.private_key.size()));
  if (!key) throw_openssl_error(what);
  return key;
}

SecretBytes raw_key(const Algorithm& a, EVP_PKEY* key, bool private_part) {
  SecretBytes out(a.component_octets);
  std::size_t len = out.size();
  int ok = private_part ? EVP_PKEY_get_raw_private_key(key, out.data(), &len)
                        : EVP_PKEY_get_raw_public_key(key, out.data(), &len);
  if (ok != 1 || len != out.size()) throw_openssl_error("cannot read the raw " + algorithm_label(a) + " key");
  return out;
}

KeyMaterial material(const Algorithm& a, EVP_PKEY* key) {
  KeyMaterial m;
  m.private_key = raw_key(a, key, true);
  return m;
}

EvpPkey decode_public(const Algorithm& a, std::span<const std::uint8_t> field) {
  const std::string what = "bad " + algorithm_label(a) + " public key";
  if (field.size() != a.component_octets)
    throw Error(what + ": it is " + std::to_string(field.size()) + " octets, RFC 8080 says " +
                std::to_string(a.component_octets));
  EvpPkey key(EVP_PKEY_new_raw_public_key_ex(nullptr, a.openssl_name.data(), nullptr, field.data(), field.size()));
  if (!key) throw_openssl_error(what);
  return key;
}

std::vector<std::uint8_t> encode_public(const Algorithm& a, EVP_PKEY* key) {
  SecretBytes raw = raw_key(a, key, false);
  return {raw.data(), raw.data() + raw.size()};
}

bool matches(const Algorithm& a, EVP_PKEY* key) { return EVP_PKEY_is_a(key, a.openssl_name.data()); }

}  // namespace

const FamilyOps eddsa_ops = {generate, from_material,     material,       decode_public,    encode_public, matches,
                             no_configuration, /*prehash=*/false, copy_signature, copy_signature_in,
                             /*digest_signer=*/nullptr};

}  // namespace signet::crypto::detail
