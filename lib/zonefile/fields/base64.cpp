// SPDX-License-Identifier: MIT
// Base64 (RFC 4648 4) fields that run to the end of the rdata (DNSKEY key,
// RRSIG signature, CERT, DHCID, OPENPGPKEY). On input the data may be split
// into any number of tokens; it is printed in one piece.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Decodes base64 across token boundaries.
struct Decoder {
  std::uint32_t acc = 0;
  unsigned count = 0;    // characters in the current quantum (0..3)
  unsigned padding = 0;  // '=' seen

  bool feed(std::string_view text, std::string& out) noexcept {
    for (const char c : text) {
      if (c == '=') {
        if (count < 2 || count + padding >= 4) return false;
        ++padding;
        if (count + padding == 4) {  // quantum complete with padding
          if (count == 2) {
            if (acc & 0xF) return false;
            out.push_back(static_cast<char>(acc >> 4));
          } else {
            if (acc & 0x3) return false;
            out.push_back(static_cast<char>(acc >> 10));
            out.push_back(static_cast<char>((acc >> 2) & 0xFF));
          }
          count = 0;
          acc = 0;
          padding = 4;  // nothing may follow
        }
        continue;
      }
      const int v = value_of(c);
      if (v < 0 || padding != 0) return false;
      acc = acc << 6 | static_cast<std::uint32_t>(v);
      if (++count == 4) {
        out.push_back(static_cast<char>(acc >> 16));
        out.push_back(static_cast<char>((acc >> 8) & 0xFF));
        out.push_back(static_cast<char>(acc & 0xFF));
        count = 0;
        acc = 0;
      }
    }
    return true;
  }
  bool complete() const noexcept { return count == 0 && (padding == 0 || padding == 4); }
};

}  // namespace

bool decode_base64(std::string_view text, std::string& out) noexcept {
  Decoder decoder;
  return decoder.feed(text, out) && decoder.complete();
}

void print_base64(std::span<const std::uint8_t> bytes, std::string& out) {
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(bytes[i]) << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    const std::uint32_t v = static_cast<std::uint32_t>(bytes[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    const std::uint32_t v = static_cast<std::uint32_t>(bytes[i]) << 16 | bytes[i + 1] << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
}

void parse_base64_rest(ParseState& st, dns::FieldKind kind) {
  Decoder decoder;
  const Token* last = &st.next(kind);  // at least one token
  --st.pos;
  while (!st.at_end()) {
    last = &st.tokens[st.pos++];
    if (!decoder.feed(last->text, *st.out)) st.bad(kind, *last);
  }
  if (!decoder.complete()) st.bad(kind, *last, "incomplete base64 quantum");
}

bool print_base64_rest(WireReader& r, std::string& out) {
  if (r.at_end()) return false;
  print_base64(r.rest(), out);
  return true;
}

}  // namespace signet::zonefile::detail
