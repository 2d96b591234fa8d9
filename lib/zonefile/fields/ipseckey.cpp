// SPDX-License-Identifier: MIT
// IPSECKEY after the precedence (RFC 4025 2, 3.1): gateway type, algorithm,
// gateway ("." for none, IPv4, IPv6 or a domain name, by gateway type) and the
// optional base64 public key, as one field because the gateway's form depends
// on the type.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {

void parse_ipseckey_gateway(ParseState& st, dns::FieldKind kind) {
  std::uint64_t gateway_type = 0, algorithm = 0;
  const Token& type_token = st.next(kind);
  if (!parse_decimal(type_token.text, 3, gateway_type)) st.bad(kind, type_token, "gateway type must be 0 to 3");
  const Token& alg_token = st.next(kind);
  if (!parse_decimal(alg_token.text, 0xFF, algorithm)) st.bad(kind, alg_token, "bad algorithm");
  st.put_u8(static_cast<std::uint8_t>(gateway_type));
  st.put_u8(static_cast<std::uint8_t>(algorithm));
  const Token& gateway = st.next(kind);
  std::uint8_t bytes[16];
  switch (gateway_type) {
    case 0:
      if (gateway.text != ".") st.bad(kind, gateway, "gateway type 0 needs '.'");
      break;
    case 1:
      if (!parse_ipv4(gateway.text, bytes)) st.bad(kind, gateway, "expected an IPv4 address");
      st.out->append(reinterpret_cast<const char*>(bytes), 4);
      break;
    case 2:
      if (!parse_ipv6(gateway.text, bytes)) st.bad(kind, gateway, "expected an IPv6 address");
      st.out->append(reinterpret_cast<const char*>(bytes), 16);
      break;
    default:
      parse_name_token(st, gateway, dns::FieldKind::Name);
      break;
  }
  if (!st.at_end()) field_ops(dns::FieldKind::Base64Rest).parse(st, dns::FieldKind::Base64Rest);
}

bool print_ipseckey_gateway(WireReader& r, std::string& out) {
  std::uint8_t gateway_type, algorithm;
  if (!r.u8(gateway_type) || !r.u8(algorithm)) return false;
  print_decimal(gateway_type, out);
  out += ' ';
  print_decimal(algorithm, out);
  out += ' ';
  bool ok = true;
  switch (gateway_type) {
    case 0: out += '.'; break;
    case 1: ok = print_a(r, out); break;
    case 2: ok = print_aaaa(r, out); break;
    case 3: ok = print_name(r, out); break;
    default: return false;
  }
  if (!ok) return false;
  if (!r.at_end()) {
    out += ' ';
    print_base64(r.rest(), out);
  }
  return true;
}

}  // namespace signet::zonefile::detail
