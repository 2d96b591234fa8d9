// SPDX-License-Identifier: MIT
// Base32hex (RFC 4648 7) without padding, u8-length-prefixed: the NSEC3 next
// hashed owner name (RFC 5155 3.3). Case-insensitive on input, printed in
// upper case as BIND does.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

int value_of(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'V') return c - 'A' + 10;
  if (c >= 'a' && c <= 'v') return c - 'a' + 10;
  return -1;
}

bool decode(std::string_view text, std::string& out) noexcept {
  // Valid unpadded tails: 2, 4, 5 or 7 characters (1..4 octets).
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return false;
  std::uint64_t acc = 0;
  unsigned bits = 0;
  for (const char c : text) {
    const int v = value_of(c);
    if (v < 0) return false;
    acc = acc << 5 | static_cast<std::uint64_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
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
