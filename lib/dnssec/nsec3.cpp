// SPDX-License-Identifier: MIT
// NSEC3 hashing (RFC 5155 5) and the NSEC3/NSEC3PARAM rdata layouts.
#include "signet/dnssec/nsec3.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <thread>

#include "signet/error.hpp"

namespace signet::dnssec {
namespace {

constexpr std::string_view kBase32Hex = "0123456789abcdefghijklmnopqrstuv";

// Character -> value for both cases; -1 for anything else. A table: the gate
// decodes the 32 characters of every NSEC3 owner.
constexpr auto kBase32HexValue = [] {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (std::size_t v = 0; v < kBase32Hex.size(); ++v) {
    const auto c = static_cast<unsigned char>(kBase32Hex[v]);
    t[c] = static_cast<std::int8_t>(v);
    if (c >= 'a') t[c - 'a' + 'A'] = static_cast<std::int8_t>(v);
  }
  return t;
}();

int base32hex_value(char c) noexcept { return kBase32HexValue[static_cast<unsigned char>(c)]; }

void put_params(std::vector<std::uint8_t>& out, const Nsec3Params& p, std::uint8_t flags) {
  out.push_back(p.hash_algorithm);
  out.push_back(flags);
  out.push_back(static_cast<std::uint8_t>(p.iterations >> 8));
  out.push_back(static_cast<std::uint8_t>(p.iterations));
  out.push_back(static_cast<std::uint8_t>(p.salt.size()));
  out.insert(out.end(), p.salt.begin(), p.salt.end());
}

}  // namespace

std::optional<Nsec3View> parse_nsec3(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 5) return std::nullopt;
  Nsec3View v;
  v.hash_algorithm = rdata[0];
  v.flags = rdata[1];
  v.iterations = static_cast<std::uint16_t>(rdata[2] << 8 | rdata[3]);
  std::size_t pos = 4;
  const std::size_t salt_len = rdata[pos++];
  if (rdata.size() < pos + salt_len + 1) return std::nullopt;
  v.salt = rdata.subspan(pos, salt_len);
  pos += salt_len;
  const std::size_t hash_len = rdata[pos++];
  if (hash_len == 0 || rdata.size() < pos + hash_len) return std::nullopt;
  v.next_hashed_owner = rdata.subspan(pos, hash_len);
  pos += hash_len;
  v.type_bitmap = rdata.subspan(pos);
  return v;
}

std::optional<Nsec3Params> parse_nsec3param(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 5) return std::nullopt;
  const std::size_t salt_len = rdata[4];
  if (rdata.size() != 5 + salt_len) return std::nullopt;
  Nsec3Params p;
  p.hash_algorithm = rdata[0];
  p.flags = rdata[1];
  p.iterations = static_cast<std::uint16_t>(rdata[2] << 8 | rdata[3]);
  p.salt.assign(rdata.begin() + 5, rdata.end());
  return p;
}

std::vector<std::uint8_t> make_nsec3param_rdata(const Nsec3Params& params) {
  std::vector<std::uint8_t> out;
  put_params(out, params, params.flags);
  return out;
}

std::vector<std::uint8_t> make_nsec3_rdata(const Nsec3Params& params, std::uint8_t flags,
                                           std::span<const std::uint8_t> next_hash,
                                           std::span<const std::uint8_t> type_bitmap) {
  std::vector<std::uint8_t> out;
  out.reserve(6 + params.salt.size() + next_hash.size() + type_bitmap.size());
  put_params(out, params, flags);
  out.push_back(static_cast<std::uint8_t>(next_hash.size()));
  out.insert(out.end(), next_hash.begin(), next_hash.end());
  out.insert(out.end(), type_bitmap.begin(), type_bitmap.end());
  return out;
}

Nsec3Hasher::Nsec3Hasher(const Nsec3Params& params) : params_(params), sha1_(crypto::DigestAlgorithm::Sha1) {
  if (params.hash_algorithm != kNsec3Sha1)
    throw Error("unsupported NSEC3 hash algorithm " + std::to_string(params.hash_algorithm) + " (only 1, SHA-1, is defined)");
  buffer_.reserve(dns::kMaxNameOctets + params.salt.size());
}

Nsec3Hash Nsec3Hasher::hash(dns::NameView name) {
  Nsec3Hash out{};
  buffer_.clear();
  for (char c : name.wire()) {
    const auto u = static_cast<std::uint8_t>(c);
    buffer_.push_back((u >= 'A' && u <= 'Z') ? static_cast<std::uint8_t>(u + 32) : u);
  }
  buffer_.insert(buffer_.end(), params_.salt.begin(), params_.salt.end());
  sha1_.update(buffer_);
  sha1_.finish(out);
  for (unsigned k = 0; k < params_.iterations; ++k) {
    sha1_.update(out);
    sha1_.update(params_.salt);
    sha1_.finish(out);
  }
  return out;
}

void hash_names(const Nsec3Params& params, std::size_t count, const std::function<dns::NameView(std::size_t)>& name_of,
                const std::function<void(std::size_t, const Nsec3Hash&)>& store, unsigned threads) {
  const auto hash_range = [&](std::size_t first, std::size_t last) {
    Nsec3Hasher hasher(params);
    for (std::size_t k = first; k < last; ++k) store(k, hasher.hash(name_of(k)));
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t shares = std::min<std::size_t>(threads, count / 4096 + 1);
  if (shares <= 1) {
    hash_range(0, count);
    return;
  }
  const std::size_t per = (count + shares - 1) / shares;
  std::vector<std::future<void>> running;
  for (std::size_t t = 1; t < shares; ++t)
    running.push_back(std::async(std::launch::async, [&, t] { hash_range(t * per, std::min(count, (t + 1) * per)); }));
  hash_range(0, std::min(count, per));
  for (auto& r : running) r.get();
}

std::string base32hex_lower(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t bits = 0;
  unsigned count = 0;
  for (std::uint8_t b : bytes) {
    bits = (bits << 8) | b;
    count += 8;
    while (count >= 5) {
      out.push_back(kBase32Hex[(bits >> (count - 5)) & 31]);
      count -= 5;
    }
  }
  if (count > 0) out.push_back(kBase32Hex[(bits << (5 - count)) & 31]);
  return out;
}

std::optional<std::vector<std::uint8_t>> base32hex_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t bits = 0;
  unsigned count = 0;
  for (char c : text) {
    const int v = base32hex_value(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 5) | static_cast<std::uint32_t>(v);
    count += 5;
    if (count >= 8) {
      out.push_back(static_cast<std::uint8_t>(bits >> (count - 8)));
      count -= 8;
    }
  }
  // Leftover bits must be zero padding of fewer than 5 bits... or a whole quantum.
  if (count >= 5 || (bits & ((1u << count) - 1)) != 0) return std::nullopt;
  return out;
}

void nsec3_owner_wire(std::span<const std::uint8_t> hash, dns::NameView zone, std::string& wire) {
  wire.clear();
  wire.push_back('\0');  // the label's length, set below
  std::uint32_t bits = 0;
  unsigned count = 0;
  for (const std::uint8_t b : hash) {
    bits = (bits << 8) | b;
    count += 8;
    while (count >= 5) {
      wire.push_back(kBase32Hex[(bits >> (count - 5)) & 31]);
      count -= 5;
    }
  }
  if (count > 0) wire.push_back(kBase32Hex[(bits << (5 - count)) & 31]);
  wire[0] = static_cast<char>(wire.size() - 1);
  wire.append(zone.wire());
}

dns::Name nsec3_owner(std::span<const std::uint8_t> hash, dns::NameView zone) {
  std::string wire;
  wire.reserve(2 + (hash.size() * 8 + 4) / 5 + zone.size());
  nsec3_owner_wire(hash, zone, wire);
  return dns::Name::from_wire(wire);
}

// 32 base32hex characters are exactly the 160 bits of a SHA-1 hash: decoded
// in place, with no buffer (the gate reads the hash of every NSEC3 owner).
std::optional<Nsec3Hash> nsec3_owner_hash(dns::NameView owner) {
  const std::string_view wire = owner.wire();
  if (wire.size() < 33 || static_cast<std::uint8_t>(wire[0]) != 32) return std::nullopt;
  Nsec3Hash out{};
  std::uint64_t bits = 0;
  std::size_t at = 0;
  for (std::size_t group = 0; group < 4; ++group) {  // 8 characters -> 5 octets
    bits = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      const int v = base32hex_value(wire[1 + group * 8 + i]);
      if (v < 0) return std::nullopt;
      bits = (bits << 5) | static_cast<std::uint64_t>(v);
    }
    for (int shift = 32; shift >= 0; shift -= 8) out[at++] = static_cast<std::uint8_t>(bits >> shift);
  }
  return out;
}

}  // namespace signet::dnssec
