// SPDX-License-Identifier: MIT
#include "signet/crypto/ds_digest.hpp"

#include <algorithm>
#include <charconv>

#include "signet/error.hpp"

namespace signet::crypto {
namespace {

constexpr DsDigestType kDsDigestTypes[] = {
    {ds_digest_type::SHA_1, "SHA-1", DigestAlgorithm::Sha1},
    {ds_digest_type::SHA_256, "SHA-256", DigestAlgorithm::Sha256},
    {ds_digest_type::SHA_384, "SHA-384", DigestAlgorithm::Sha384},
};

// "SHA-256", "sha256" and "SHA256" all name the same row.
bool same_mnemonic(std::string_view mnemonic, std::string_view text) noexcept {
  auto squash = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != '-') out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    return out;
  };
  return squash(mnemonic) == squash(text);
}

}  // namespace

const DsDigestType* find_ds_digest_type(std::uint8_t number) noexcept {
  for (const DsDigestType& t : kDsDigestTypes)
    if (t.number == number) return &t;
  return nullptr;
}

const DsDigestType* find_ds_digest_type(std::string_view text) noexcept {
  unsigned number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (!text.empty() && ec == std::errc() && end == text.data() + text.size())
    return number <= 255 ? find_ds_digest_type(static_cast<std::uint8_t>(number)) : nullptr;
  for (const DsDigestType& t : kDsDigestTypes)
    if (same_mnemonic(t.mnemonic, text)) return &t;
  return nullptr;
}

std::span<const DsDigestType> all_ds_digest_types() noexcept { return kDsDigestTypes; }

std::vector<std::uint8_t> ds_digest(dns::NameView owner, std::span<const std::uint8_t> dnskey_rdata,
                                    std::uint8_t digest_type) {
  const DsDigestType* t = find_ds_digest_type(digest_type);
  if (t == nullptr) throw Error("unsupported DS digest type " + std::to_string(digest_type) + " (signet supports 1, 2 and 4)");
  // Canonical form (RFC 4034 6.2): lower-case letters. Label length octets are
  // at most 63, below 'A', so lower-casing the whole wire form is safe.
  std::string_view wire = owner.wire();
  std::uint8_t name[256];
  std::size_t n = std::min(wire.size(), sizeof name);
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<std::uint8_t>(wire[i]);
    name[i] = c >= 'A' && c <= 'Z' ? static_cast<std::uint8_t>(c + 32) : c;
  }
  Digester h(t->digest);
  h.update({name, n});
  h.update(dnskey_rdata);
  return h.finish();
}

}  // namespace signet::crypto
