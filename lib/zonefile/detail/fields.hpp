// SPDX-License-Identifier: MIT
// Private to lib/zonefile: the per-FieldKind parse and print functions behind
// rdata_text.hpp, and the small cursors they share. One table (field_ops)
// maps each dns::FieldKind to its description, parser and printer; the
// functions themselves live in lib/zonefile/fields/<family>.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/rdata_text.hpp"

namespace signet::zonefile::detail {

// Cursor over one record's rdata tokens while parsing, plus the output buffer.
struct ParseState {
  const dns::TypeDescriptor* type = nullptr;  // nullptr for unknown types (RFC 3597 form only)
  std::uint16_t code = 0;
  std::span<const Token> tokens;
  std::size_t pos = 0;
  const RdataContext* ctx = nullptr;
  std::string* out = nullptr;

  bool at_end() const noexcept { return pos >= tokens.size(); }
  // The next token for a field of `kind`; throws "missing <field> in <TYPE>" at the end.
  const Token& next(dns::FieldKind kind);
  // Throws "bad <field> '<token>' in <TYPE>" (+ ": <why>" when given) at `token`.
  [[noreturn]] void bad(dns::FieldKind kind, const Token& token, std::string_view why = {}) const;
  // Throws "missing <what> in <TYPE>" at the last token.
  [[noreturn]] void missing(std::string_view what) const;
  // Throws `message` located at `token`.
  [[noreturn]] void fail(const Token& token, std::string message) const;
  std::string type_text() const;

  void put_u8(std::uint8_t v) { out->push_back(static_cast<char>(v)); }
  void put_u16(std::uint16_t v) {
    out->push_back(static_cast<char>(v >> 8));
    out->push_back(static_cast<char>(v & 0xFF));
  }
  void put_u32(std::uint32_t v) {
    put_u16(static_cast<std::uint16_t>(v >> 16));
    put_u16(static_cast<std::uint16_t>(v & 0xFFFF));
  }
};

// Cursor over wire rdata while printing. Readers return false when short.
struct WireReader {
  std::span<const std::uint8_t> data;
  std::size_t pos = 0;

  std::size_t left() const noexcept { return data.size() - pos; }
  bool at_end() const noexcept { return pos >= data.size(); }
  bool u8(std::uint8_t& v) noexcept;
  bool u16(std::uint16_t& v) noexcept;
  bool u32(std::uint32_t& v) noexcept;
  // The next `n` octets.
  bool take(std::size_t n, std::span<const std::uint8_t>& bytes) noexcept;
  std::span<const std::uint8_t> rest() noexcept {
    auto r = data.subspan(pos);
    pos = data.size();
    return r;
  }
};

using ParseFn = void (*)(ParseState&, dns::FieldKind);
// Appends the field's text; false when the wire form does not decode.
using PrintFn = bool (*)(WireReader&, std::string&);

struct FieldOps {
  dns::FieldKind kind;
  std::string_view description;  // "domain name", used in error sentences
  ParseFn parse;
  PrintFn print;
};
const FieldOps& field_ops(dns::FieldKind kind) noexcept;

// ---- shared small parsers (return false on bad syntax) ----
bool parse_decimal(std::string_view text, std::uint64_t max, std::uint64_t& value) noexcept;
bool parse_ipv4(std::string_view text, std::uint8_t out[4]) noexcept;
bool parse_ipv6(std::string_view text, std::uint8_t out[16]) noexcept;
void print_ipv4(const std::uint8_t in[4], std::string& out);
void print_ipv6(const std::uint8_t in[16], std::string& out);
void print_decimal(std::uint64_t value, std::string& out);
// Decodes RFC 1035 <character-string> escapes (\X, \DDD) of `text`, appending to out.
bool decode_escapes(std::string_view text, std::string& out) noexcept;
// Appends `bytes` quoted, escaping '"' and '\' as \X and non-printables as \DDD.
void print_quoted(std::span<const std::uint8_t> bytes, std::string& out);
// Escapes as in print_quoted, without the quotes.
void print_escaped(std::span<const std::uint8_t> bytes, std::string& out);
bool decode_base64(std::string_view text, std::string& out) noexcept;  // one token, appends
void print_base64(std::span<const std::uint8_t> bytes, std::string& out);
bool decode_hex(std::string_view text, std::string& out) noexcept;  // even-length token, appends
void print_hex(std::span<const std::uint8_t> bytes, std::string& out);  // uppercase
// Type mnemonic or TYPEnnn, appended.
void print_type(std::uint16_t type, std::string& out);

// ---- per-kind functions, one family per file under fields/ ----
// numbers.cpp
void parse_u8(ParseState&, dns::FieldKind);
void parse_u16(ParseState&, dns::FieldKind);
void parse_u32(ParseState&, dns::FieldKind);
void parse_ttl_field(ParseState&, dns::FieldKind);
void parse_type(ParseState&, dns::FieldKind);
void parse_time(ParseState&, dns::FieldKind);
void parse_algorithm(ParseState&, dns::FieldKind);
void parse_cert_type(ParseState&, dns::FieldKind);
bool print_u8(WireReader&, std::string&);
bool print_u16(WireReader&, std::string&);
bool print_u32(WireReader&, std::string&);
bool print_type_field(WireReader&, std::string&);
bool print_time(WireReader&, std::string&);
bool print_cert_type(WireReader&, std::string&);
bool print_cert_algorithm(WireReader&, std::string&);
// name.cpp
void parse_name(ParseState&, dns::FieldKind);
bool print_name(WireReader&, std::string&);
// Parses one name token into out (throws via st on error).
void parse_name_token(ParseState& st, const Token& token, dns::FieldKind kind);
// A presentation name is absolute when it ends in a dot that is not escaped.
inline bool is_absolute(std::string_view text) noexcept {
  if (text.empty() || text.back() != '.') return false;
  std::size_t backslashes = 0;
  for (std::size_t i = text.size() - 1; i > 0 && text[i - 1] == '\\'; --i) ++backslashes;
  return backslashes % 2 == 0;
}
// address.cpp
void parse_a(ParseState&, dns::FieldKind);
void parse_aaaa(ParseState&, dns::FieldKind);
void parse_eui48(ParseState&, dns::FieldKind);
void parse_eui64(ParseState&, dns::FieldKind);
void parse_ilnp64(ParseState&, dns::FieldKind);
bool print_a(WireReader&, std::string&);
bool print_aaaa(WireReader&, std::string&);
bool print_eui48(WireReader&, std::string&);
bool print_eui64(WireReader&, std::string&);
bool print_ilnp64(WireReader&, std::string&);
// strings.cpp
void parse_string(ParseState&, dns::FieldKind);
void parse_strings(ParseState&, dns::FieldKind);
void parse_caa_tag(ParseState&, dns::FieldKind);
void parse_raw_string(ParseState&, dns::FieldKind);  // CaaValue, UriTarget
bool print_string(WireReader&, std::string&);
bool print_strings(WireReader&, std::string&);
bool print_caa_tag(WireReader&, std::string&);
bool print_raw_string(WireReader&, std::string&);
// base64.cpp
void parse_base64_rest(ParseState&, dns::FieldKind);
bool print_base64_rest(WireReader&, std::string&);
// hex.cpp
void parse_hex_rest(ParseState&, dns::FieldKind);
void parse_hex_optional(ParseState&, dns::FieldKind);
void parse_hex_len(ParseState&, dns::FieldKind);
bool print_hex_rest(WireReader&, std::string&);
bool print_hex_optional(WireReader&, std::string&);
bool print_hex_len(WireReader&, std::string&);
// base32hex.cpp
void parse_base32hex_len(ParseState&, dns::FieldKind);
bool print_base32hex_len(WireReader&, std::string&);
// bitmap.cpp
void parse_type_bitmap(ParseState&, dns::FieldKind);
bool print_type_bitmap(WireReader&, std::string&);
// svcb.cpp
void parse_svc_params(ParseState&, dns::FieldKind);
bool print_svc_params(WireReader&, std::string&);
// loc.cpp
void parse_loc(ParseState&, dns::FieldKind);
bool print_loc(WireReader&, std::string&);
// apl.cpp
void parse_apl(ParseState&, dns::FieldKind);
bool print_apl(WireReader&, std::string&);
// ipseckey.cpp
void parse_ipseckey_gateway(ParseState&, dns::FieldKind);
bool print_ipseckey_gateway(WireReader&, std::string&);

}  // namespace signet::zonefile::detail
