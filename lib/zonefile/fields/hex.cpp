// SPDX-License-Identifier: MIT
// Hex (base16) fields: to the end of the rdata, split into any tokens on input
// (DS digest, SSHFP, TLSA, ZONEMD), or one u8-length-prefixed token where "-"
// means empty (NSEC3/NSEC3PARAM salt, RFC 5155 3.3). Printed uppercase in one piece.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

int nibble(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Hex across token boundaries (a token may end in the middle of an octet).
struct Decoder {
  int high = -1;
  bool feed(std::string_view text, std::string& out) noexcept {
    for (const char c : text) {
      const int v = nibble(c);
      if (v < 0) return false;
      if (high < 0) {
        high = v;
      } else {
        out.push_back(static_cast<char>(high << 4 | v));
        high = -1;
      }
    }
    return true;
  }
};

void parse_hex_tokens(ParseState& st, dns::FieldKind kind) {
  Decoder decoder;
  const Token* last = nullptr;
  while (!st.at_end()) {
    last = &st.tokens[st.pos++];
    if (!decoder.feed(last->text, *st.out)) st.bad(kind, *last);
  }
  if (decoder.high >= 0) st.bad(kind, *last, "odd number of hex digits");
}

}  // namespace

bool decode_hex(std::string_view text, std::string& out) noexcept {
  Decoder decoder;
  return decoder.feed(text, out) && decoder.high < 0;
}

void print_hex(std::span<const std::uint8_t> bytes, std::string& out) {
  for (const std::uint8_t b : bytes) {
    out += kHexUpper[b >> 4];
    out += kHexUpper[b & 0xF];
  }
}

void parse_hex_rest(ParseState& st, dns::FieldKind kind) {
  st.next(kind);  // at least one token
  --st.pos;
  parse_hex_tokens(st, kind);
}

void parse_hex_optional(ParseState& st, dns::FieldKind kind) { parse_hex_tokens(st, kind); }

void parse_hex_len(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  std::string& out = *st.out;
  const std::size_t at = out.size();
  out.push_back('\0');
  if (token.text != "-") {
    if (!decode_hex(token.text, out)) st.bad(kind, token);
    if (out.size() - at - 1 > 255) st.bad(kind, token, "longer than 255 octets");
  }
  out[at] = static_cast<char>(out.size() - at - 1);
}

bool print_hex_rest(WireReader& r, std::string& out) {
  if (r.at_end()) return false;
  print_hex(r.rest(), out);
  return true;
}

bool print_hex_optional(WireReader& r, std::string& out) {
  print_hex(r.rest(), out);
  return true;
}

bool print_hex_len(WireReader& r, std::string& out) {
  std::uint8_t length;
  std::span<const std::uint8_t> bytes;
  if (!r.u8(length) || !r.take(length, bytes)) return false;
  if (bytes.empty())
    out += '-';
  else
    print_hex(bytes, out);
  return true;
}

}  // namespace signet::zonefile::detail
