// SPDX-License-Identifier: MIT
// Address-like fields: IPv4 (RFC 1035), IPv6 (RFC 4291 2.2 text, RFC 5952
// output), EUI-48/EUI-64 (RFC 7043 3.2/4.2) and ILNP 64-bit locators (RFC 6742 2.3).
#include <cstring>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr char kHexLower[] = "0123456789abcdef";

// "xx-xx-...": `count` groups of two hex digits separated by '-'.
bool parse_eui(std::string_view text, std::size_t count, std::uint8_t* out) noexcept {
  if (text.size() != count * 3 - 1) return false;
  for (std::size_t i = 0; i < count; ++i) {
    const int hi = hex_value(text[i * 3]), lo = hex_value(text[i * 3 + 1]);
    if (hi < 0 || lo < 0 || (i + 1 < count && text[i * 3 + 2] != '-')) return false;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return true;
}

void parse_fixed(ParseState& st, dns::FieldKind kind, std::size_t size,
                 bool (*parse)(std::string_view, std::uint8_t*) noexcept) {
  const Token& token = st.next(kind);
  std::uint8_t bytes[16];
  if (!parse(token.text, bytes)) st.bad(kind, token);
  st.out->append(reinterpret_cast<const char*>(bytes), size);
}

bool parse_eui48_text(std::string_view t, std::uint8_t* out) noexcept { return parse_eui(t, 6, out); }
bool parse_eui64_text(std::string_view t, std::uint8_t* out) noexcept { return parse_eui(t, 8, out); }
bool parse_ipv4_text(std::string_view t, std::uint8_t* out) noexcept { return parse_ipv4(t, out); }
bool parse_ipv6_text(std::string_view t, std::uint8_t* out) noexcept { return parse_ipv6(t, out); }

// Four groups of 1-4 hex digits separated by ':'.
bool parse_ilnp64_text(std::string_view t, std::uint8_t* out) noexcept {
  std::size_t group = 0, digits = 0;
  unsigned value = 0;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == ':') {
      if (digits == 0 || group == 4) return false;
      out[group * 2] = static_cast<std::uint8_t>(value >> 8);
      out[group * 2 + 1] = static_cast<std::uint8_t>(value & 0xFF);
      ++group;
      digits = 0;
      value = 0;
      continue;
    }
    const int h = hex_value(t[i]);
    if (h < 0 || ++digits > 4) return false;
    value = value << 4 | static_cast<unsigned>(h);
  }
  return group == 4;
}

bool print_groups(WireReader& r, std::string& out, std::size_t count, char sep, bool pairs) {
  std::span<const std::uint8_t> b;
  if (!r.take(count, b)) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0 && (!pairs || i % 2 == 0)) out += sep;
    out += kHexLower[b[i] >> 4];
    out += kHexLower[b[i] & 0xF];
  }
  return true;
}

}  // namespace

bool parse_ipv4(std::string_view text, std::uint8_t out[4]) noexcept {
  std::size_t octet = 0, digits = 0;
  unsigned value = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      if (digits == 0 || octet == 4) return false;
      out[octet++] = static_cast<std::uint8_t>(value);
      digits = 0;
      value = 0;
      continue;
    }
    const char c = text[i];
    if (c < '0' || c > '9' || ++digits > 3) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > 255) return false;
  }
  return octet == 4;
}

bool parse_ipv6(std::string_view text, std::uint8_t out[16]) noexcept {
  std::uint8_t words[16] = {};
  std::size_t n = 0;           // octets written
  std::ptrdiff_t gap = -1;     // where "::" was, in octets
  std::size_t i = 0;
  if (text.size() < 2) return false;
  if (text[0] == ':') {
    if (text[1] != ':') return false;
    gap = 0;
    i = 2;
    if (i == text.size()) {
      std::memset(out, 0, 16);
      return true;
    }
  }
  while (i < text.size()) {
    // An embedded IPv4 address at the end.
    const std::size_t end = text.find(':', i);
    const std::string_view group = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    if (end == std::string_view::npos && group.find('.') != std::string_view::npos) {
      if (n + 4 > 16 || !parse_ipv4(group, words + n)) return false;
      n += 4;
      i = text.size();
      break;
    }
    if (group.empty() || group.size() > 4 || n + 2 > 16) return false;
    unsigned value = 0;
    for (const char c : group) {
      const int h = hex_value(c);
      if (h < 0) return false;
      value = value << 4 | static_cast<unsigned>(h);
    }
    words[n++] = static_cast<std::uint8_t>(value >> 8);
    words[n++] = static_cast<std::uint8_t>(value & 0xFF);
    if (end == std::string_view::npos) {
      i = text.size();
      break;
    }
    i = end + 1;
    if (i < text.size() && text[i] == ':') {  // "::"
      if (gap >= 0) return false;
      gap = static_cast<std::ptrdiff_t>(n);
      ++i;
      if (i == text.size()) break;
    } else if (i == text.size()) {
      return false;  // trailing single ':'
    }
  }
  if (gap < 0) {
    if (n != 16) return false;
    std::memcpy(out, words, 16);
    return true;
  }
  if (n > 14) return false;  // "::" must stand for at least one group
  const auto g = static_cast<std::size_t>(gap);
  std::memset(out, 0, 16);
  std::memcpy(out, words, g);
  std::memcpy(out + 16 - (n - g), words + g, n - g);
  return true;
}

void print_ipv4(const std::uint8_t in[4], std::string& out) {
  for (int i = 0; i < 4; ++i) {
    if (i != 0) out += '.';
    print_decimal(in[i], out);
  }
}

void print_ipv6(const std::uint8_t in[16], std::string& out) {
  unsigned words[8];
  for (int i = 0; i < 8; ++i) words[i] = static_cast<unsigned>(in[2 * i] << 8 | in[2 * i + 1]);
  // RFC 5952 4.2: compress the longest run (>= 2) of zero words, the first one on ties.
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (words[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && words[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  // RFC 4291 2.5.5.2: IPv4-mapped addresses keep the dotted quad (as BIND/inet_ntop).
  const bool mapped = best == 0 && best_len == 5 && words[5] == 0xFFFF;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (mapped && i == 6) {
      out += ':';
      print_ipv4(in + 12, out);
      break;
    }
    if (i != 0 && i != best + best_len) out += ':';
    const unsigned w = words[i];
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const unsigned digit = (w >> shift) & 0xF;
      if (digit != 0 || started || shift == 0) {
        out += kHexLower[digit];
        started = true;
      }
    }
  }
}

void parse_a(ParseState& st, dns::FieldKind kind) { parse_fixed(st, kind, 4, parse_ipv4_text); }
void parse_aaaa(ParseState& st, dns::FieldKind kind) { parse_fixed(st, kind, 16, parse_ipv6_text); }
void parse_eui48(ParseState& st, dns::FieldKind kind) { parse_fixed(st, kind, 6, parse_eui48_text); }
void parse_eui64(ParseState& st, dns::FieldKind kind) { parse_fixed(st, kind, 8, parse_eui64_text); }
void parse_ilnp64(ParseState& st, dns::FieldKind kind) { parse_fixed(st, kind, 8, parse_ilnp64_text); }

bool print_a(WireReader& r, std::string& out) {
  std::span<const std::uint8_t> b;
  if (!r.take(4, b)) return false;
  print_ipv4(b.data(), out);
  return true;
}

bool print_aaaa(WireReader& r, std::string& out) {
  std::span<const std::uint8_t> b;
  if (!r.take(16, b)) return false;
  print_ipv6(b.data(), out);
  return true;
}

bool print_eui48(WireReader& r, std::string& out) { return print_groups(r, out, 6, '-', false); }
bool print_eui64(WireReader& r, std::string& out) { return print_groups(r, out, 8, '-', false); }
bool print_ilnp64(WireReader& r, std::string& out) { return print_groups(r, out, 8, ':', true); }

}  // namespace signet::zonefile::detail
