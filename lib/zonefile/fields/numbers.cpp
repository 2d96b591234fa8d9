// SPDX-License-Identifier: MIT
// Integer-valued fields: U8/U16/U32, TTL (with BIND units), RR type mnemonics,
// RRSIG times (YYYYMMDDHHmmSS), DNSSEC algorithm and CERT type mnemonics.
#include <array>
#include <cstdio>

#include "zonefile/detail/fields.hpp"

#include "signet/dns/timestamp.hpp"

namespace signet::zonefile::detail {
namespace {

struct Mnemonic {
  std::uint16_t value;
  std::string_view text;
};

// IANA "DNS Security Algorithm Numbers" registry mnemonics.
constexpr Mnemonic kAlgorithms[] = {
    {1, "RSAMD5"},           {2, "DH"},
    {3, "DSA"},              {5, "RSASHA1"},
    {6, "DSA-NSEC3-SHA1"},   {7, "RSASHA1-NSEC3-SHA1"},
    {8, "RSASHA256"},        {10, "RSASHA512"},
    {12, "ECC-GOST"},        {13, "ECDSAP256SHA256"},
    {14, "ECDSAP384SHA384"}, {15, "ED25519"},
    {16, "ED448"},           {252, "INDIRECT"},
    {253, "PRIVATEDNS"},     {254, "PRIVATEOID"},
};

// RFC 4398 2.1 certificate types.
constexpr Mnemonic kCertTypes[] = {
    {1, "PKIX"},   {2, "SPKI"},    {3, "PGP"},  {4, "IPKIX"}, {5, "ISPKI"},
    {6, "IPGP"},   {7, "ACPKIX"},  {8, "IACPKIX"}, {253, "URI"}, {254, "OID"},
};

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (x != b[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool lookup_mnemonic(const Mnemonic (&table)[N], std::string_view text, std::uint64_t max, std::uint64_t& value) {
  if (parse_decimal(text, max, value)) return true;
  for (const Mnemonic& m : table)
    if (iequals(text, m.text)) {
      value = m.value;
      return true;
    }
  return false;
}

template <std::size_t N>
void print_mnemonic(const Mnemonic (&table)[N], std::uint16_t value, std::string& out) {
  for (const Mnemonic& m : table)
    if (m.value == value) {
      out += m.text;
      return;
    }
  print_decimal(value, out);
}

void parse_unsigned(ParseState& st, dns::FieldKind kind, std::uint64_t max, int octets) {
  const Token& token = st.next(kind);
  std::uint64_t value = 0;
  if (!parse_decimal(token.text, max, value)) st.bad(kind, token);
  if (octets == 1) st.put_u8(static_cast<std::uint8_t>(value));
  if (octets == 2) st.put_u16(static_cast<std::uint16_t>(value));
  if (octets == 4) st.put_u32(static_cast<std::uint32_t>(value));
}


}  // namespace

bool parse_decimal(std::string_view text, std::uint64_t max, std::uint64_t& value) noexcept {
  if (text.empty() || text.size() > 20) return false;
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (digit > max || v > (max - digit) / 10) return false;  // no unsigned wrap when digit > max
    v = v * 10 + digit;
  }
  value = v;
  return true;
}

void print_decimal(std::uint64_t value, std::string& out) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

void print_type(std::uint16_t type, std::string& out) {
  if (const dns::TypeDescriptor* row = dns::find_type(type)) {
    out += row->mnemonic;
  } else {
    out += "TYPE";
    print_decimal(type, out);
  }
}

void parse_u8(ParseState& st, dns::FieldKind kind) { parse_unsigned(st, kind, 0xFF, 1); }
void parse_u16(ParseState& st, dns::FieldKind kind) { parse_unsigned(st, kind, 0xFFFF, 2); }
void parse_u32(ParseState& st, dns::FieldKind kind) { parse_unsigned(st, kind, 0xFFFFFFFF, 4); }

void parse_ttl_field(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  std::uint32_t ttl = 0;
  if (!parse_ttl(token.text, ttl)) st.bad(kind, token);
  st.put_u32(ttl);
}

void parse_type(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  const auto type = dns::type_from_text(token.text);
  if (!type) st.bad(kind, token);
  st.put_u16(*type);
}

void parse_time(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  const std::string_view t = token.text;
  std::uint64_t value = 0;
  if (t.size() == 14) {  // RFC 4034 3.2: YYYYMMDDHHmmSS, UTC
    const auto secs = dns::parse_timestamp(t);
    if (!secs) {
      std::uint64_t digits;
      st.bad(kind, token, parse_decimal(t, UINT64_MAX, digits) ? "no such date or time" : "expected YYYYMMDDHHmmSS");
    }
    // Serial number arithmetic (RFC 4034 3.1.5): the value is taken modulo 2^32.
    value = static_cast<std::uint64_t>(*secs) & 0xFFFFFFFFull;
  } else if (!parse_decimal(t, 0xFFFFFFFF, value)) {
    st.bad(kind, token, "expected YYYYMMDDHHmmSS or seconds");
  }
  st.put_u32(static_cast<std::uint32_t>(value));
}

void parse_algorithm(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  std::uint64_t value = 0;
  if (!lookup_mnemonic(kAlgorithms, token.text, 0xFF, value)) st.bad(kind, token);
  st.put_u8(static_cast<std::uint8_t>(value));
}

void parse_cert_type(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  std::uint64_t value = 0;
  if (!lookup_mnemonic(kCertTypes, token.text, 0xFFFF, value)) st.bad(kind, token);
  st.put_u16(static_cast<std::uint16_t>(value));
}

bool print_u8(WireReader& r, std::string& out) {
  std::uint8_t v;
  if (!r.u8(v)) return false;
  print_decimal(v, out);
  return true;
}

bool print_u16(WireReader& r, std::string& out) {
  std::uint16_t v;
  if (!r.u16(v)) return false;
  print_decimal(v, out);
  return true;
}

bool print_u32(WireReader& r, std::string& out) {
  std::uint32_t v;
  if (!r.u32(v)) return false;
  print_decimal(v, out);
  return true;
}

bool print_type_field(WireReader& r, std::string& out) {
  std::uint16_t v;
  if (!r.u16(v)) return false;
  print_type(v, out);
  return true;
}

bool print_time(WireReader& r, std::string& out) {
  std::uint32_t v;
  if (!r.u32(v)) return false;
  dns::append_timestamp(v, out);
  return true;
}

bool print_cert_type(WireReader& r, std::string& out) {
  std::uint16_t v;
  if (!r.u16(v)) return false;
  print_mnemonic(kCertTypes, v, out);
  return true;
}

bool print_cert_algorithm(WireReader& r, std::string& out) {
  std::uint8_t v;
  if (!r.u8(v)) return false;
  print_mnemonic(kAlgorithms, v, out);
  return true;
}

}  // namespace signet::zonefile::detail

namespace signet::zonefile {

bool parse_ttl(std::string_view text, std::uint32_t& ttl) noexcept {
  if (text.empty()) return false;
  std::uint64_t total = 0, number = 0;
  bool have_digits = false, had_unit = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + static_cast<std::uint64_t>(c - '0');
      if (number > 0xFFFFFFFFull) return false;
      have_digits = true;
      continue;
    }
    std::uint64_t scale = 0;
    switch (c | 0x20) {
      case 'w': scale = 604800; break;
      case 'd': scale = 86400; break;
      case 'h': scale = 3600; break;
      case 'm': scale = 60; break;
      case 's': scale = 1; break;
      default: return false;
    }
    if (!have_digits) return false;
    total += number * scale;
    if (total > 0xFFFFFFFFull) return false;
    number = 0;
    have_digits = false;
    had_unit = true;
  }
  if (have_digits) {
    total += number;  // trailing bare number: seconds ("1h30" as BIND)
    if (total > 0xFFFFFFFFull) return false;
  } else if (!had_unit) {
    return false;
  }
  ttl = static_cast<std::uint32_t>(total);
  return true;
}

}  // namespace signet::zonefile
