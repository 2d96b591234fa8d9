// SPDX-License-Identifier: MIT
// RSA and ECDSA: the digest is fetched once; per message the digest context is
// re-initialised with that fetched EVP_MD (no name lookup) and one EVP_PKEY_CTX,
// initialised once with the padding and digest, signs the hash. EdDSA cannot
// sign a pre-hash: a DigestSign context is initialised once and copied per message.
// ECDSA signs its hash below EVP where OpenSSL allows it (detail/ecdsa.cpp).
#include "signet/crypto/signer.hpp"


#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto {

using namespace detail;

struct Signer::Impl {
  const Algorithm* alg;
  const FamilyOps* ops;
  EvpPkey key;          // shared reference to the PrivateKey's EVP_PKEY
  EvpMd md;             // prehash families
  EvpMdCtx md_ctx;      // prehash: hashing; EdDSA: the initialised template
  EvpMdCtx work;        // EdDSA: per-message copy of the template
  EvpPkeyCtx pkey_ctx;  // prehash: EVP_PKEY_sign context
  std::unique_ptr<DigestSigner> direct;  // prehash: the family's own path instead of pkey_ctx
  std::size_t max_size = 0;
  std::vector<std::uint8_t> scratch;
};

Signer::Signer(const PrivateKey& key) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.alg = &key.algorithm();
  require_signing(*s.alg);
  s.ops = &family_ops(s.alg->family);
  const std::string what = "cannot set up " + algorithm_label(*s.alg) + " signing";
  EVP_PKEY* pkey = key.impl().pkey.get();
  check(EVP_PKEY_up_ref(pkey), what);
  s.key.reset(pkey);
  s.max_size = static_cast<std::size_t>(EVP_PKEY_get_size(pkey));
  s.md_ctx.reset(check_ptr(EVP_MD_CTX_new(), what));
  if (!s.ops->prehash) {
    check(EVP_DigestSignInit_ex(s.md_ctx.get(), nullptr, nullptr, nullptr, nullptr, pkey, nullptr), what);
    s.work.reset(check_ptr(EVP_MD_CTX_new(), what));
  } else {
    const char* md_name = digest_openssl_name(s.alg->digest);
    s.md.reset(check_ptr(EVP_MD_fetch(nullptr, md_name, nullptr), what));
    if (s.ops->digest_signer != nullptr) s.direct = s.ops->digest_signer(*s.alg, pkey, what);
    if (!s.direct) {
      s.pkey_ctx.reset(check_ptr(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr), what));
      check(EVP_PKEY_sign_init(s.pkey_ctx.get()), what);
      s.ops->configure(s.pkey_ctx.get(), what);
      check(EVP_PKEY_CTX_set_signature_md(s.pkey_ctx.get(), s.md.get()), what);
    }
  }
  s.scratch.resize(s.max_size);
}

Signer::~Signer() = default;
Signer::Signer(Signer&&) noexcept = default;
Signer& Signer::operator=(Signer&&) noexcept = default;

const Algorithm& Signer::algorithm() const noexcept { return *impl_->alg; }
std::size_t Signer::max_signature_size() const noexcept {
  return impl_->alg->signature_octets != 0 ? impl_->alg->signature_octets : impl_->max_size;
}

void Signer::sign(std::span<const std::uint8_t> message, std::vector<std::uint8_t>& out) {
  Impl& s = *impl_;
  std::size_t len = s.scratch.size();
  if (s.ops->prehash) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned hash_len = 0;
    check(EVP_DigestInit_ex2(s.md_ctx.get(), s.md.get(), nullptr), "cannot start the signature digest");
    check(EVP_DigestUpdate(s.md_ctx.get(), message.data(), message.size()), "cannot hash the signed data");
    check(EVP_DigestFinal_ex(s.md_ctx.get(), hash, &hash_len), "cannot hash the signed data");
    if (s.direct) return s.direct->sign(std::span(hash, hash_len), out);
    // The message is built only on failure: this runs once per signature.
    if (EVP_PKEY_sign(s.pkey_ctx.get(), s.scratch.data(), &len, hash, hash_len) != 1)
      throw_openssl_error("cannot sign with " + algorithm_label(*s.alg));
  } else {
    check(EVP_MD_CTX_copy_ex(s.work.get(), s.md_ctx.get()), "cannot copy the signing context");
    if (EVP_DigestSign(s.work.get(), s.scratch.data(), &len, message.data(), message.size()) != 1)
      throw_openssl_error("cannot sign with " + algorithm_label(*s.alg));
  }
  s.ops->to_dnssec_signature(*s.alg, std::span(s.scratch.data(), len), out);
}

std::vector<std::uint8_t> Signer::sign(std::span<const std::uint8_t> message) {
  std::vector<std::uint8_t> out;
  out.reserve(max_signature_size());
  sign(message, out);
  return out;
}

}  // namespace signet::crypto
