// SPDX-License-Identifier: MIT
#include "signet/crypto/secret_bytes.hpp"

#include <openssl/crypto.h>

#include <cstring>
#include <utility>

namespace signet::crypto {

SecretBytes::SecretBytes(std::size_t size) : data_(size ? new std::uint8_t[size]() : nullptr), size_(size) {}

SecretBytes::SecretBytes(std::span<const std::uint8_t> bytes) : SecretBytes(bytes.size()) {
  if (size_) std::memcpy(data_, bytes.data(), size_);
}

SecretBytes::SecretBytes(std::string_view text)
    : SecretBytes(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())) {}

SecretBytes::~SecretBytes() { wipe(); }

SecretBytes::SecretBytes(const SecretBytes& other) : SecretBytes(other.span()) {}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) *this = SecretBytes(other);
  return *this;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes SecretBytes::prefix(std::size_t n) const { return SecretBytes(span().first(n)); }

void SecretBytes::wipe() noexcept {
  if (data_ != nullptr) {
    OPENSSL_cleanse(data_, size_);
    delete[] data_;
  }
  data_ = nullptr;
  size_ = 0;
}

bool operator==(const SecretBytes& a, const SecretBytes& b) noexcept {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipe(std::string& text) noexcept {
  OPENSSL_cleanse(text.data(), text.size());
  text.clear();
}

}  // namespace signet::crypto
