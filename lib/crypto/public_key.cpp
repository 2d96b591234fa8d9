// SPDX-License-Identifier: MIT
#include "signet/crypto/public_key.hpp"

#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto {

using detail::family_ops;

PublicKey::PublicKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(PublicKey&&) noexcept = default;
PublicKey& PublicKey::operator=(PublicKey&&) noexcept = default;

PublicKey::PublicKey(const PublicKey& other) : impl_(std::make_unique<Impl>(Impl{other.impl_->alg, nullptr})) {
  detail::check(EVP_PKEY_up_ref(other.impl_->pkey.get()), "cannot share a public key");
  impl_->pkey.reset(other.impl_->pkey.get());
}

PublicKey& PublicKey::operator=(const PublicKey& other) {
  if (this != &other) *this = PublicKey(other);
  return *this;
}

PublicKey PublicKey::from_dnskey(const Algorithm& a, std::span<const std::uint8_t> field) {
  return PublicKey(std::make_unique<Impl>(Impl{&a, family_ops(a.family).decode_public(a, field)}));
}

PublicKey PublicKey::from_dnskey_rdata(std::span<const std::uint8_t> rdata) {
  if (rdata.size() < 4) throw Error("DNSKEY rdata of " + std::to_string(rdata.size()) + " octets is too short");
  if (rdata[2] != 3) throw Error("DNSKEY protocol is " + std::to_string(rdata[2]) + ", RFC 4034 requires 3");
  return from_dnskey(crypto::algorithm(rdata[3]), rdata.subspan(4));
}

const Algorithm& PublicKey::algorithm() const noexcept { return *impl_->alg; }

unsigned PublicKey::bits() const { return static_cast<unsigned>(EVP_PKEY_get_bits(impl_->pkey.get())); }

std::vector<std::uint8_t> PublicKey::dnskey_field() const {
  return family_ops(impl_->alg->family).encode_public(*impl_->alg, impl_->pkey.get());
}

}  // namespace signet::crypto
