// SPDX-License-Identifier: MIT
// Message digests used by DNSSEC: SHA-1 (NSEC3, legacy DS), SHA-256, SHA-384
// (DS, ZONEMD) and SHA-512 (ZONEMD). `Digester` keeps one context (OpenSSL's
// low-level one where available, else a fetched EVP algorithm) and is reset
// per message, so hot loops (NSEC3 names and iterations, ZONEMD) do not fetch
// or allocate per call. Not for signatures: see signer.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace signet::crypto {

enum class DigestAlgorithm : std::uint8_t { Sha1, Sha256, Sha384, Sha512 };

// Output size in octets (20, 32, 48, 64).
std::size_t digest_size(DigestAlgorithm d) noexcept;

// A reusable hashing context. Not thread-safe: one per thread.
class Digester {
 public:
  explicit Digester(DigestAlgorithm d);  // throws signet::Error if OpenSSL cannot fetch it
  ~Digester();
  Digester(Digester&&) noexcept;
  Digester& operator=(Digester&&) noexcept;

  DigestAlgorithm algorithm() const noexcept;
  std::size_t size() const noexcept;
  // Starts a new message, discarding anything fed so far.
  void reset();
  void update(std::span<const std::uint8_t> data);
  // Writes size() octets to `out` (which must hold them) and resets.
  void finish(std::span<std::uint8_t> out);
  std::vector<std::uint8_t> finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-shot digest of `data`.
std::vector<std::uint8_t> digest(DigestAlgorithm d, std::span<const std::uint8_t> data);

}  // namespace signet::crypto
