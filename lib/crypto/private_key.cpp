// SPDX-License-Identifier: MIT
#include "signet/crypto/private_key.hpp"

#include <openssl/pem.h>

#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto {

using detail::algorithm_label;
using detail::family_ops;

namespace {

// Which signing algorithm an OpenSSL key belongs to; RSA keys fit several, so nullptr.
const Algorithm* algorithm_of(EVP_PKEY* key) {
  const Algorithm* found = nullptr;
  for (const Algorithm& a : all_algorithms()) {
    if (!a.signs || !family_ops(a.family).matches(a, key)) continue;
    if (found != nullptr) return nullptr;  // ambiguous
    found = &a;
  }
  return found;
}

}  // namespace

PrivateKey::PrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;

PrivateKey PrivateKey::generate(const Algorithm& a, unsigned bits) {
  require_signing(a);
  if (a.family == KeyFamily::Rsa && (bits < kMinGenerateRsaBits || bits > kMaxGenerateRsaBits))
    throw Error("RSA key size " + std::to_string(bits) + " is outside " + std::to_string(kMinGenerateRsaBits) +
                ".." + std::to_string(kMaxGenerateRsaBits) + " bits");
  return PrivateKey(std::make_unique<Impl>(Impl{&a, family_ops(a.family).generate(a, bits)}));
}

PrivateKey PrivateKey::from_material(const Algorithm& a, const KeyMaterial& m, const std::string& source) {
  return PrivateKey(std::make_unique<Impl>(Impl{&a, family_ops(a.family).from_material(a, m, source)}));
}

PrivateKey PrivateKey::from_pem(std::string_view pem, std::optional<std::uint8_t> number, const std::string& source) {
  detail::Bio bio(detail::check_ptr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), source));
  detail::EvpPkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key) detail::throw_openssl_error(source + ": not a PEM private key");
  const Algorithm* a = nullptr;
  if (number) {
    a = &crypto::algorithm(*number);
    if (!family_ops(a->family).matches(*a, key.get()))
      throw Error(source + ": the PEM key is not a " + algorithm_label(*a) + " key");
  } else {
    a = algorithm_of(key.get());
    if (a == nullptr)
      throw Error(source + (EVP_PKEY_is_a(key.get(), "RSA")
                                ? ": an RSA PEM key fits several DNSSEC algorithms; say which one"
                                : ": the PEM key's type has no DNSSEC algorithm"));
  }
  // Round-trip through the raw numbers: checks the key and makes it an ordinary provider key.
  KeyMaterial m = family_ops(a->family).material(*a, key.get());
  return from_material(*a, m, source);
}

const Algorithm& PrivateKey::algorithm() const noexcept { return *impl_->alg; }

unsigned PrivateKey::bits() const { return static_cast<unsigned>(EVP_PKEY_get_bits(impl_->pkey.get())); }

std::vector<std::uint8_t> PrivateKey::public_key_field() const {
  return family_ops(impl_->alg->family).encode_public(*impl_->alg, impl_->pkey.get());
}

PublicKey PrivateKey::public_key() const { return PublicKey::from_dnskey(*impl_->alg, public_key_field()); }

KeyMaterial PrivateKey::material() const {
  return family_ops(impl_->alg->family).material(*impl_->alg, impl_->pkey.get());
}

SecretBytes PrivateKey::to_pem() const {
  detail::Bio bio(detail::check_ptr(BIO_new(BIO_s_secmem()), "cannot allocate a memory BIO"));
  detail::check(PEM_write_bio_PKCS8PrivateKey(bio.get(), impl_->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr),
                "cannot write the private key as PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  SecretBytes out(std::string_view(data, static_cast<std::size_t>(len)));
  return out;
}

}  // namespace signet::crypto
