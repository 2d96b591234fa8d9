// SPDX-License-Identifier: MIT
// Base32hex (RFC 4648 7) without padding, u8-length-prefixed: the NSEC3 next
// hashed owner name (RFC 5155 3.3). Case-insensitive on input, printed in
// upper case as BIND does.
#include <array>
#include <cstdint>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

// Character -> 5-bit value, 0xFF for anything else (either case accepted).
constexpr std::array<std::uint8_t, 256> kValue = [] {
  std::array<std::uint8_t, 256> t{};
  t.fill(0xFF);
  for (std::uint8_t v = 0; v < 32; ++v) {
    t[static_cast<unsigned char>(kAlphabet[v])] = v;
    if (v >= 10) t[static_cast<unsigned char>(kAlphabet[v] - 'A' + 'a')] = v;
  }
  return t;
}();

// Appends the octets of `text`; false when it is not unpadded base32hex.
// Whole groups of 8 characters (40 bits, 5 octets) go through one 64-bit
// accumulator with one validity test; a hash is 4 groups (SHA-1) exactly.
bool decode(std::string_view text, std::string& out) {
  // Valid unpadded tails: 2, 4, 5 or 7 characters (1..4 octets).
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return false;
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t at = out.size(), groups = text.size() / 8;
  out.resize(at + groups * 5 + tail * 5 / 8);
  char* dst = out.data() + at;
  for (std::size_t g = 0; g < groups; ++g, in += 8, dst += 5) {
    std::uint64_t acc = 0;
    std::uint8_t bad = 0;
    for (int i = 0; i < 8; ++i) {
      const std::uint8_t v = kValue[in[i]];
      bad |= v;
      acc = acc << 5 | (v & 31u);
    }
    if (bad & 0xE0) return false;
    for (int k = 0; k < 5; ++k) dst[k] = static_cast<char>(acc >> (32 - 8 * k));
  }
  std::uint64_t acc = 0;
  unsigned bits = 0;
  for (std::size_t i = 0; i < tail; ++i) {
    const std::uint8_t v = kValue[in[i]];
    if (v > 31) return false;
    acc = acc << 5 | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      *dst++ = static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return (acc & ((1u << bits) - 1)) == 0;  // leftover bits must be zero
}

}  // namespace

void parse_base32hex_len(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  std::string& out = *st.out;
  const std::size_t at = out.size();
  out.push_back('\0');
  if (token.text.empty() || !decode(token.text, out)) st.bad(kind, token);
  const std::size_t length = out.size() - at - 1;
  if (length > 255) st.bad(kind, token, "longer than 255 octets");
  out[at] = static_cast<char>(length);
}

bool print_base32hex_len(WireReader& r, std::string& out) {
  std::uint8_t length;
  std::span<const std::uint8_t> bytes;
  if (!r.u8(length) || length == 0 || !r.take(length, bytes)) return false;
  std::uint32_t acc = 0;
  unsigned bits = 0;
  for (const std::uint8_t b : bytes) {
    acc = (acc << 8 | b) & 0xFFFF;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (5 - bits)) & 31];
  return true;
}

}  // namespace signet::zonefile::detail
