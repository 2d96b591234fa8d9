// SPDX-License-Identifier: MIT
#include "signet/crypto/digest.hpp"

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

struct Digester::Impl {
  const DigestRow* row;
  detail::EvpMd md;
  detail::EvpMdCtx ctx;
};

Digester::Digester(DigestAlgorithm d) : impl_(std::make_unique<Impl>()) {
  impl_->row = &row(d);
  impl_->md.reset(detail::check_ptr(EVP_MD_fetch(nullptr, impl_->row->openssl_name, nullptr),
                                    std::string("cannot fetch digest ") + impl_->row->openssl_name));
  impl_->ctx.reset(detail::check_ptr(EVP_MD_CTX_new(), "cannot allocate a digest context"));
  reset();
}

Digester::~Digester() = default;
Digester::Digester(Digester&&) noexcept = default;
Digester& Digester::operator=(Digester&&) noexcept = default;

DigestAlgorithm Digester::algorithm() const noexcept { return impl_->row->id; }
std::size_t Digester::size() const noexcept { return impl_->row->size; }

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
