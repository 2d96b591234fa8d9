// SPDX-License-Identifier: MIT
// Hex (base16) fields: to the end of the rdata, split into any tokens on input
// (DS digest, SSHFP, TLSA, ZONEMD), or one u8-length-prefixed token where "-"
// means empty (NSEC3/NSEC3PARAM salt, RFC 5155 3.3). Printed uppercase in one piece.
#include "zonefile/detail/fields.hpp"

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace signet::zonefile::detail {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

// Nibble value of each octet, or 0xFF for a non-hex character.
constexpr std::array<std::uint8_t, 256> make_nibbles() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = 0xFF;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'A' + 10);
  return t;
}
constexpr auto kNibble = make_nibbles();

// Hex across token boundaries (a token may end in the middle of an octet).
// Grows `out` once per token and writes through a pointer.
struct Decoder {
  int high = -1;
  bool feed(std::string_view text, std::string& out) {
    const std::size_t base = out.size();
    out.resize(base + (text.size() + 1) / 2);
    unsigned char* w = reinterpret_cast<unsigned char*>(out.data()) + base;
    unsigned char* const start = w;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    if (high >= 0 && p < end) {
      const std::uint8_t v = kNibble[*p++];
      if (v == 0xFF) return false;
      *w++ = static_cast<unsigned char>(high << 4 | v);
      high = -1;
    }
#if defined(__SSE2__)
    // 16 digits at a time; a block with a non-hex character is left to the
    // loop below, which reports it.
    for (; end - p >= 16; p += 16, w += 8) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
      const __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
      const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
      const __m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(5)), letter);
      if (_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)) != 0xFFFF) break;
      const __m128i nibbles = _mm_or_si128(_mm_and_si128(is_digit, digit),
                                           _mm_and_si128(is_letter, _mm_add_epi8(letter, _mm_set1_epi8(10))));
      // Each 16-bit lane holds high nibble (low byte) and low nibble (high byte).
      const __m128i octets = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(nibbles, _mm_set1_epi16(0x00FF)), 4),
                                          _mm_srli_epi16(nibbles, 8));
      _mm_storel_epi64(reinterpret_cast<__m128i*>(w), _mm_packus_epi16(octets, octets));
    }
#endif
    for (; end - p >= 2; p += 2) {
      const std::uint8_t a = kNibble[p[0]], b = kNibble[p[1]];
      if (((a | b) & 0xF0) != 0) return false;  // 0xFF marks a non-hex character
      *w++ = static_cast<unsigned char>(a << 4 | b);
    }
    if (p < end) {
      const std::uint8_t v = kNibble[*p];
      if (v == 0xFF) return false;
      high = v;
    }
    out.resize(base + static_cast<std::size_t>(w - start));
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
