// SPDX-License-Identifier: MIT
// Base64 (RFC 4648 4) fields that run to the end of the rdata (DNSKEY key,
// RRSIG signature, CERT, DHCID, OPENPGPKEY). On input the data may be split
// into any number of tokens; it is printed in one piece.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Each character's 6-bit value, or 0xFF when it is not in the alphabet.
struct ValueTable {
  std::uint8_t v[256];
  constexpr ValueTable() : v() {
    for (unsigned c = 0; c < 256; ++c) v[c] = 0xFF;
    for (unsigned k = 0; k < 64; ++k) v[static_cast<unsigned char>(kAlphabet[k])] = static_cast<std::uint8_t>(k);
  }
};
constexpr ValueTable kValues;

int value_of(char c) noexcept {
  const std::uint8_t v = kValues.v[static_cast<unsigned char>(c)];
  return v == 0xFF ? -1 : v;
}

// Decodes base64 across token boundaries.
struct Decoder {
  std::uint32_t acc = 0;
  unsigned count = 0;    // characters in the current quantum (0..3)
  unsigned padding = 0;  // '=' seen

  bool feed(std::string_view text, std::string& out) noexcept {
    // Whole quanta without padding, the bulk of a key or signature: four
    // table lookups and three octets written in place per step.
    if (count == 0 && padding == 0 && text.size() >= 4) {
      const std::size_t quanta = text.size() / 4;
      const std::size_t start = out.size();
      out.resize(start + 3 * quanta);
      char* dst = out.data() + start;
      const auto* src = reinterpret_cast<const unsigned char*>(text.data());
      std::size_t q = 0;
      for (; q < quanta; ++q, src += 4, dst += 3) {
        const std::uint32_t a = kValues.v[src[0]], b = kValues.v[src[1]], c = kValues.v[src[2]], d = kValues.v[src[3]];
        if ((a | b | c | d) & 0x80) break;  // padding or a bad character: the general loop decides
        const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
        dst[0] = static_cast<char>(v >> 16);
        dst[1] = static_cast<char>((v >> 8) & 0xFF);
        dst[2] = static_cast<char>(v & 0xFF);
      }
      out.resize(start + 3 * q);
      text.remove_prefix(4 * q);
    }
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
  const std::size_t whole = bytes.size() / 3;
  const std::size_t start = out.size();
  out.resize(start + 4 * whole);
  char* dst = out.data() + start;
  for (; i + 3 <= bytes.size(); i += 3, dst += 4) {
    const std::uint32_t v = static_cast<std::uint32_t>(bytes[i]) << 16 | bytes[i + 1] << 8 | bytes[i + 2];
    dst[0] = kAlphabet[v >> 18];
    dst[1] = kAlphabet[(v >> 12) & 63];
    dst[2] = kAlphabet[(v >> 6) & 63];
    dst[3] = kAlphabet[v & 63];
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
  const std::size_t start = st.out->size();
  const Token* last = &st.next(kind);  // at least one token
  --st.pos;
  while (!st.at_end()) {
    last = &st.tokens[st.pos++];
    if (!decoder.feed(last->text, *st.out)) st.bad(kind, *last);
  }
  if (!decoder.complete()) st.bad(kind, *last, "incomplete base64 quantum");
  // Quoted empty strings are tokens that decode to nothing: the field would
  // be empty, which no type's text form can show (print_base64_rest).
  if (st.out->size() == start) st.bad(kind, *last, "no data");
}

bool print_base64_rest(WireReader& r, std::string& out) {
  if (r.at_end()) return false;
  print_base64(r.rest(), out);
  return true;
}

}  // namespace signet::zonefile::detail
