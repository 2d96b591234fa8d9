// SPDX-License-Identifier: MIT
// SecretBytes: a fixed-size byte buffer for private key material that wipes
// itself (OPENSSL_cleanse) when destroyed or overwritten. It never grows, so no
// reallocation leaves a stale copy behind. It does not lock memory or keep
// secrets out of swap or core dumps.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace signet::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::size_t size);  // zero-filled
  explicit SecretBytes(std::span<const std::uint8_t> bytes);
  explicit SecretBytes(std::string_view text);
  ~SecretBytes();
  SecretBytes(const SecretBytes& other);
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;

  std::uint8_t* data() noexcept { return data_; }
  const std::uint8_t* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::span<std::uint8_t> span() noexcept { return {data_, size_}; }
  std::span<const std::uint8_t> span() const noexcept { return {data_, size_}; }
  std::string_view view() const noexcept { return {reinterpret_cast<const char*>(data_), size_}; }
  // A copy of the first `n` octets (n <= size()); the rest is wiped with *this.
  SecretBytes prefix(std::size_t n) const;

  friend bool operator==(const SecretBytes& a, const SecretBytes& b) noexcept;

 private:
  void wipe() noexcept;
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// Overwrites the characters of `text` (OPENSSL_cleanse) and clears it: for
// std::string buffers that held secret text, such as a formatted key file.
void wipe(std::string& text) noexcept;

}  // namespace signet::crypto
