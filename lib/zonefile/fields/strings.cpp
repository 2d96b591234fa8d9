// SPDX-License-Identifier: MIT
// Text fields: RFC 1035 <character-string> (one, or a list to the end as in
// TXT), the CAA tag (RFC 8659 4.1) and the unbounded strings that run to the
// end of the rdata (CAA value, URI target; RFC 7553 4.5). Input escapes are
// \X and \DDD; output is always quoted with '"' and '\' escaped and
// non-printable octets as \DDD, as BIND prints them.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr std::size_t kMaxString = 255;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_alnum(std::uint8_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Appends a length octet and the decoded token; enforces the 255-octet limit.
void parse_character_string(ParseState& st, const Token& token, dns::FieldKind kind) {
  std::string& out = *st.out;
  const std::size_t at = out.size();
  out.push_back('\0');
  if (!decode_escapes(token.text, out)) st.bad(kind, token, "bad escape");
  const std::size_t length = out.size() - at - 1;
  if (length > kMaxString)
    st.fail(token, "character-string is " + std::to_string(length) + " octets long; the limit is 255");
  out[at] = static_cast<char>(length);
}

bool print_character_string(WireReader& r, std::string& out) {
  std::uint8_t length;
  std::span<const std::uint8_t> bytes;
  if (!r.u8(length) || !r.take(length, bytes)) return false;
  print_quoted(bytes, out);
  return true;
}

}  // namespace

bool decode_escapes(std::string_view text, std::string& out) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i == text.size()) return false;  // a lone trailing backslash
    if (!is_digit(text[i])) {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size() || !is_digit(text[i + 1]) || !is_digit(text[i + 2])) return false;
    const int value = (text[i] - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    if (value > 255) return false;
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return true;
}

void print_escaped(std::span<const std::uint8_t> bytes, std::string& out) {
  for (const std::uint8_t c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      out += '\\';
      out += static_cast<char>('0' + c / 100);
      out += static_cast<char>('0' + c / 10 % 10);
      out += static_cast<char>('0' + c % 10);
    } else {
      out += static_cast<char>(c);
    }
  }
}

void print_quoted(std::span<const std::uint8_t> bytes, std::string& out) {
  out += '"';
  print_escaped(bytes, out);
  out += '"';
}

void parse_string(ParseState& st, dns::FieldKind kind) { parse_character_string(st, st.next(kind), kind); }

void parse_strings(ParseState& st, dns::FieldKind kind) {
  parse_character_string(st, st.next(kind), kind);  // at least one
  while (!st.at_end()) parse_character_string(st, st.tokens[st.pos++], kind);
}

void parse_caa_tag(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  if (token.text.empty() || token.text.size() > kMaxString) st.bad(kind, token);
  for (const char c : token.text)
    if (!is_alnum(static_cast<std::uint8_t>(c))) st.bad(kind, token, "only letters and digits are allowed");
  st.put_u8(static_cast<std::uint8_t>(token.text.size()));
  st.out->append(token.text);
}

void parse_raw_string(ParseState& st, dns::FieldKind kind) {
  const Token& token = st.next(kind);
  if (!decode_escapes(token.text, *st.out)) st.bad(kind, token, "bad escape");
}

bool print_string(WireReader& r, std::string& out) { return print_character_string(r, out); }

bool print_strings(WireReader& r, std::string& out) {
  if (r.at_end()) return false;  // TXT has at least one string
  bool first = true;
  while (!r.at_end()) {
    if (!first) out += ' ';
    first = false;
    if (!print_character_string(r, out)) return false;
  }
  return true;
}

bool print_caa_tag(WireReader& r, std::string& out) {
  std::uint8_t length;
  std::span<const std::uint8_t> tag;
  if (!r.u8(length) || length == 0 || !r.take(length, tag)) return false;
  for (const std::uint8_t c : tag)
    if (!is_alnum(c)) return false;
  out.append(reinterpret_cast<const char*>(tag.data()), tag.size());
  return true;
}

bool print_raw_string(WireReader& r, std::string& out) {
  print_quoted(r.rest(), out);
  return true;
}

}  // namespace signet::zonefile::detail
