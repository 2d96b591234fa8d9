// SPDX-License-Identifier: MIT
// Mirrors signer.cpp: prehash families verify a digest through one long-lived
// EVP_PKEY_CTX; EdDSA copies an initialised DigestVerify context per message.
#include "signet/crypto/verify.hpp"


#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto {

using namespace detail;

struct SignatureVerifier::Impl {
  const Algorithm* alg;
  const FamilyOps* ops;
  EvpPkey key;
  EvpMd md;
  EvpMdCtx md_ctx;
  EvpMdCtx work;
  EvpPkeyCtx pkey_ctx;
  std::vector<std::uint8_t> scratch;
};

SignatureVerifier::SignatureVerifier(const PublicKey& key) : impl_(std::make_unique<Impl>()) {
  Impl& v = *impl_;
  v.alg = &key.algorithm();
  v.ops = &family_ops(v.alg->family);
  const std::string what = "cannot set up " + algorithm_label(*v.alg) + " verification";
  EVP_PKEY* pkey = key.impl().pkey.get();
  check(EVP_PKEY_up_ref(pkey), what);
  v.key.reset(pkey);
  v.md_ctx.reset(check_ptr(EVP_MD_CTX_new(), what));
  if (v.ops->prehash) {
    const char* md_name = digest_openssl_name(v.alg->digest);
    v.md.reset(check_ptr(EVP_MD_fetch(nullptr, md_name, nullptr), what));
    v.pkey_ctx.reset(check_ptr(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr), what));
    check(EVP_PKEY_verify_init(v.pkey_ctx.get()), what);
    v.ops->configure(v.pkey_ctx.get(), what);
    check(EVP_PKEY_CTX_set_signature_md(v.pkey_ctx.get(), v.md.get()), what);
  } else {
    check(EVP_DigestVerifyInit_ex(v.md_ctx.get(), nullptr, nullptr, nullptr, nullptr, pkey, nullptr), what);
    v.work.reset(check_ptr(EVP_MD_CTX_new(), what));
  }
}

SignatureVerifier::~SignatureVerifier() = default;
SignatureVerifier::SignatureVerifier(SignatureVerifier&&) noexcept = default;
SignatureVerifier& SignatureVerifier::operator=(SignatureVerifier&&) noexcept = default;

bool SignatureVerifier::verify(std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature) {
  Impl& v = *impl_;
  if (v.alg->signature_octets != 0 && signature.size() != v.alg->signature_octets) return false;
  if (!v.ops->from_dnssec_signature(*v.alg, signature, v.scratch)) return false;
  int ok = 0;
  if (v.ops->prehash) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned hash_len = 0;
    check(EVP_DigestInit_ex2(v.md_ctx.get(), v.md.get(), nullptr), "cannot start the signature digest");
    check(EVP_DigestUpdate(v.md_ctx.get(), message.data(), message.size()), "cannot hash the signed data");
    check(EVP_DigestFinal_ex(v.md_ctx.get(), hash, &hash_len), "cannot hash the signed data");
    ok = EVP_PKEY_verify(v.pkey_ctx.get(), v.scratch.data(), v.scratch.size(), hash, hash_len);
  } else {
    check(EVP_MD_CTX_copy_ex(v.work.get(), v.md_ctx.get()), "cannot copy the verification context");
    ok = EVP_DigestVerify(v.work.get(), v.scratch.data(), v.scratch.size(), message.data(), message.size());
  }
  if (ok != 1) clear_openssl_errors();  // a bad signature is an answer, not an error
  return ok == 1;
}

bool verify(const PublicKey& key, std::span<const std::uint8_t> message, std::span<const std::uint8_t> signature) {
  return SignatureVerifier(key).verify(message, signature);
}

}  // namespace signet::crypto
