// SPDX-License-Identifier: MIT
// APL items (RFC 3123 4): "[!]afi:address/prefix" to the end of the rdata, for
// AFI 1 (IPv4) and 2 (IPv6); trailing zero octets of the address are dropped
// on the wire (RFC 3123 4.1). May be empty.
#include <cstring>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {

void parse_apl(ParseState& st, dns::FieldKind kind) {
  while (!st.at_end()) {
    const Token& token = st.tokens[st.pos++];
    std::string_view text = token.text;
    const bool negate = !text.empty() && text[0] == '!';
    if (negate) text.remove_prefix(1);
    const std::size_t colon = text.find(':'), slash = text.rfind('/');
    if (colon == std::string_view::npos || slash == std::string_view::npos || slash < colon) st.bad(kind, token);
    std::uint64_t family = 0, prefix = 0;
    if (!parse_decimal(text.substr(0, colon), 0xFFFF, family)) st.bad(kind, token, "bad address family");
    const std::string_view address = text.substr(colon + 1, slash - colon - 1);
    std::uint8_t bytes[16];
    std::size_t size = 0;
    if (family == 1 && parse_ipv4(address, bytes)) {
      size = 4;
    } else if (family == 2 && parse_ipv6(address, bytes)) {
      size = 16;
    } else {
      st.bad(kind, token, family == 1 || family == 2 ? "bad address" : "address family must be 1 or 2");
    }
    if (!parse_decimal(text.substr(slash + 1), size * 8, prefix)) st.bad(kind, token, "bad prefix length");
    while (size > 0 && bytes[size - 1] == 0) --size;
    st.put_u16(static_cast<std::uint16_t>(family));
    st.put_u8(static_cast<std::uint8_t>(prefix));
    st.put_u8(static_cast<std::uint8_t>((negate ? 0x80 : 0) | size));
    st.out->append(reinterpret_cast<const char*>(bytes), size);
  }
}

bool print_apl(WireReader& r, std::string& out) {
  bool first = true;
  while (!r.at_end()) {
    std::uint16_t family;
    std::uint8_t prefix, flags;
    std::span<const std::uint8_t> part;
    if (!r.u16(family) || !r.u8(prefix) || !r.u8(flags) || !r.take(flags & 0x7F, part)) return false;
    const std::size_t size = family == 1 ? 4 : family == 2 ? 16 : 0;
    if (size == 0 || part.size() > size || prefix > size * 8) return false;
    if (!part.empty() && part.back() == 0) return false;  // RFC 3123 4.1: trailing zeros are not sent
    std::uint8_t bytes[16] = {};
    if (!part.empty()) std::memcpy(bytes, part.data(), part.size());
    if (!first) out += ' ';
    first = false;
    if (flags & 0x80) out += '!';
    print_decimal(family, out);
    out += ':';
    if (family == 1)
      print_ipv4(bytes, out);
    else
      print_ipv6(bytes, out);
    out += '/';
    print_decimal(prefix, out);
  }
  return true;
}

}  // namespace signet::zonefile::detail
