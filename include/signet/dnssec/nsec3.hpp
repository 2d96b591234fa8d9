// SPDX-License-Identifier: MIT
// NSEC3 hashing (RFC 5155 section 5) and the hashed owner names of a chain:
// IH(salt, x, 0) = H(x || salt), IH(salt, x, k) = H(IH(salt, x, k-1) || salt),
// over the canonical (lower-case) wire form of the name; the owner is the
// base32hex (RFC 4648 section 7, lower case, no padding) of the hash, prepended
// to the zone origin. Only hash algorithm 1 (SHA-1) exists. Also the NSEC3 and
// NSEC3PARAM rdata fields. Building a whole chain is nsec_chain.hpp's job.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "signet/crypto/digest.hpp"
#include "signet/dns/name.hpp"

namespace signet::dnssec {

inline constexpr std::uint8_t kNsec3Sha1 = 1;
inline constexpr std::uint8_t kNsec3OptOut = 0x01;  // NSEC3 flags bit (RFC 5155 3.1.2.1)
inline constexpr std::size_t kNsec3HashOctets = 20;
using Nsec3Hash = std::array<std::uint8_t, kNsec3HashOctets>;

// NSEC3PARAM rdata fields, which every NSEC3 of a chain repeats (with its own flags).
struct Nsec3Params {
  std::uint8_t hash_algorithm = kNsec3Sha1;
  std::uint8_t flags = 0;  // NSEC3PARAM flags: 0 in a published NSEC3PARAM (RFC 5155 4.1.2)
  std::uint16_t iterations = 0;
  std::vector<std::uint8_t> salt;
  friend bool operator==(const Nsec3Params&, const Nsec3Params&) = default;
};

// A parsed NSEC3 rdata: views into the rdata.
struct Nsec3View {
  std::uint8_t hash_algorithm = 0;
  std::uint8_t flags = 0;
  std::uint16_t iterations = 0;
  std::span<const std::uint8_t> salt;
  std::span<const std::uint8_t> next_hashed_owner;
  std::span<const std::uint8_t> type_bitmap;
  bool opt_out() const noexcept { return (flags & kNsec3OptOut) != 0; }
};

std::optional<Nsec3View> parse_nsec3(std::span<const std::uint8_t> rdata) noexcept;
std::optional<Nsec3Params> parse_nsec3param(std::span<const std::uint8_t> rdata) noexcept;
// NSEC3PARAM rdata for `params`.
std::vector<std::uint8_t> make_nsec3param_rdata(const Nsec3Params& params);
// NSEC3 rdata: params (with `flags`), the next hashed owner and a type bitmap.
std::vector<std::uint8_t> make_nsec3_rdata(const Nsec3Params& params, std::uint8_t flags,
                                           std::span<const std::uint8_t> next_hash,
                                           std::span<const std::uint8_t> type_bitmap);

// Hashes names with one parameter set. Keeps one SHA-1 context and buffer:
// make one per thread. Throws signet::Error for a hash algorithm other than 1.
class Nsec3Hasher {
 public:
  explicit Nsec3Hasher(const Nsec3Params& params);
  // IH(salt, lower-case wire form of `name`, iterations).
  Nsec3Hash hash(dns::NameView name);
  const Nsec3Params& params() const noexcept { return params_; }

 private:
  Nsec3Params params_;
  crypto::Digester sha1_;
  std::vector<std::uint8_t> buffer_;
};

// Hashes `count` names: store(k, hash of name_of(k)) for each k. On up to
// `threads` threads (0 = all cores), contiguous shares with a hasher each,
// when there are enough names to be worth a thread; store() is called for
// distinct k from several threads at once.
void hash_names(const Nsec3Params& params, std::size_t count, const std::function<dns::NameView(std::size_t)>& name_of,
                const std::function<void(std::size_t, const Nsec3Hash&)>& store, unsigned threads);

// Lower-case base32hex without padding ("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom").
std::string base32hex_lower(std::span<const std::uint8_t> bytes);
// Decodes base32hex (either case, no padding); nullopt when malformed.
std::optional<std::vector<std::uint8_t>> base32hex_decode(std::string_view text);
// The NSEC3 owner name of a hash in `zone`: base32hex(hash) "." zone.
dns::Name nsec3_owner(std::span<const std::uint8_t> hash, dns::NameView zone);
// The same name's wire form written into `wire` (replacing its contents), for
// a caller that makes many: no allocation once `wire` has grown.
void nsec3_owner_wire(std::span<const std::uint8_t> hash, dns::NameView zone, std::string& wire);
// The hash an NSEC3 owner name carries in its first label; nullopt when that
// label is not 32 base32hex characters.
std::optional<Nsec3Hash> nsec3_owner_hash(dns::NameView owner);

}  // namespace signet::dnssec
