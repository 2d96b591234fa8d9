// SPDX-License-Identifier: MIT
// Digests go through OpenSSL's SHA*_Init/Update/Final when it still has them
// (deprecated in 3.0, built by Debian and every distribution), else through
// EVP. Per message EVP adds about 35 ns of provider dispatch around a 45 ns
// SHA-1 of a short name: NSEC3 hashes every name of a zone, in the signer and
// again in the verify gate: the 100k-name NSEC3 re-sign takes about 5 ms
// less (bench/RESULTS.md). Output is the same either way.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "signet/crypto/digest.hpp"

#include <openssl/sha.h>

#include "crypto/detail/family.hpp"

namespace signet::crypto {
namespace {

struct DigestRow {
  DigestAlgorithm id;
  const char* openssl_name;
  std::size_t size;
};
constexpr DigestRow kDigests[] = {  // DigestAlgorithm order
    {DigestAlgorithm::Sha1, "SHA1", 20},
    {DigestAlgorithm::Sha256, "SHA256", 32},
    {DigestAlgorithm::Sha384, "SHA384", 48},
    {DigestAlgorithm::Sha512, "SHA512", 64},
};

const DigestRow& row(DigestAlgorithm d) noexcept { return kDigests[static_cast<std::size_t>(d)]; }

}  // namespace

std::size_t digest_size(DigestAlgorithm d) noexcept { return row(d).size; }

const char* detail::digest_openssl_name(DigestAlgorithm d) noexcept { return row(d).openssl_name; }

namespace {

#ifndef OPENSSL_NO_DEPRECATED_3_0
// The low-level interface: one context big enough for every algorithm and,
// per algorithm, its three calls (SHA-384 shares SHA-512's context).
union LowLevelCtx {
  SHA_CTX sha1;
  SHA256_CTX sha256;
  SHA512_CTX sha512;
};
struct LowLevelOps {
  int (*init)(LowLevelCtx&);
  int (*update)(LowLevelCtx&, const void*, std::size_t);
  int (*final)(unsigned char*, LowLevelCtx&);
};
constexpr LowLevelOps kLowLevel[] = {  // DigestAlgorithm order
    {[](LowLevelCtx& c) { return SHA1_Init(&c.sha1); },
     [](LowLevelCtx& c, const void* p, std::size_t n) { return SHA1_Update(&c.sha1, p, n); },
     [](unsigned char* out, LowLevelCtx& c) { return SHA1_Final(out, &c.sha1); }},
    {[](LowLevelCtx& c) { return SHA256_Init(&c.sha256); },
     [](LowLevelCtx& c, const void* p, std::size_t n) { return SHA256_Update(&c.sha256, p, n); },
     [](unsigned char* out, LowLevelCtx& c) { return SHA256_Final(out, &c.sha256); }},
    {[](LowLevelCtx& c) { return SHA384_Init(&c.sha512); },
     [](LowLevelCtx& c, const void* p, std::size_t n) { return SHA384_Update(&c.sha512, p, n); },
     [](unsigned char* out, LowLevelCtx& c) { return SHA384_Final(out, &c.sha512); }},
    {[](LowLevelCtx& c) { return SHA512_Init(&c.sha512); },
     [](LowLevelCtx& c, const void* p, std::size_t n) { return SHA512_Update(&c.sha512, p, n); },
     [](unsigned char* out, LowLevelCtx& c) { return SHA512_Final(out, &c.sha512); }},
};
#endif

}  // namespace

struct Digester::Impl {
  const DigestRow* row;
#ifndef OPENSSL_NO_DEPRECATED_3_0
  const LowLevelOps* ops;
  LowLevelCtx ctx;
#else
  detail::EvpMd md;
  detail::EvpMdCtx ctx;
#endif
};

Digester::Digester(DigestAlgorithm d) : impl_(std::make_unique<Impl>()) {
  impl_->row = &row(d);
#ifndef OPENSSL_NO_DEPRECATED_3_0
  impl_->ops = &kLowLevel[static_cast<std::size_t>(d)];
#else
  impl_->md.reset(detail::check_ptr(EVP_MD_fetch(nullptr, impl_->row->openssl_name, nullptr),
                                    std::string("cannot fetch digest ") + impl_->row->openssl_name));
  impl_->ctx.reset(detail::check_ptr(EVP_MD_CTX_new(), "cannot allocate a digest context"));
#endif
  reset();
}

Digester::~Digester() = default;
Digester::Digester(Digester&&) noexcept = default;
Digester& Digester::operator=(Digester&&) noexcept = default;

DigestAlgorithm Digester::algorithm() const noexcept { return impl_->row->id; }
std::size_t Digester::size() const noexcept { return impl_->row->size; }

#ifndef OPENSSL_NO_DEPRECATED_3_0
void Digester::reset() { detail::check(impl_->ops->init(impl_->ctx), "cannot start a digest"); }

void Digester::update(std::span<const std::uint8_t> data) {
  detail::check(impl_->ops->update(impl_->ctx, data.data(), data.size()), "cannot update a digest");
}

void Digester::finish(std::span<std::uint8_t> out) {
  if (out.size() < size()) detail::throw_openssl_error("digest output buffer too small");
  detail::check(impl_->ops->final(out.data(), impl_->ctx), "cannot finish a digest");
  reset();
}
#else
void Digester::reset() {
  detail::check(EVP_DigestInit_ex2(impl_->ctx.get(), impl_->md.get(), nullptr), "cannot start a digest");
}

void Digester::update(std::span<const std::uint8_t> data) {
  detail::check(EVP_DigestUpdate(impl_->ctx.get(), data.data(), data.size()), "cannot update a digest");
}

void Digester::finish(std::span<std::uint8_t> out) {
  unsigned len = 0;
  if (out.size() < size()) detail::throw_openssl_error("digest output buffer too small");
  detail::check(EVP_DigestFinal_ex(impl_->ctx.get(), out.data(), &len), "cannot finish a digest");
  reset();
}
#endif

std::vector<std::uint8_t> Digester::finish() {
  std::vector<std::uint8_t> out(size());
  finish(out);
  return out;
}

std::vector<std::uint8_t> digest(DigestAlgorithm d, std::span<const std::uint8_t> data) {
  Digester h(d);
  h.update(data);
  return h.finish();
}

}  // namespace signet::crypto
