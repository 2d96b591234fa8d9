// SPDX-License-Identifier: MIT
// Domain-name fields: presentation via dns::parse_name_into (relative names
// complete with the context's origin), printed absolute with a trailing dot.
#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {

void parse_name_token(ParseState& st, const Token& token, dns::FieldKind kind) {
  std::string& out = *st.out;
  const std::size_t base = out.size();
  std::string why;
  if (st.ctx->relative_name != nullptr && (token.quoted || !is_absolute(token.text))) *st.ctx->relative_name = true;
  if (!dns::parse_name_into(token.text, st.ctx->origin, out, why)) {
    out.resize(base);
    st.bad(kind, token, why);
  }
}

void parse_name(ParseState& st, dns::FieldKind kind) { parse_name_token(st, st.next(kind), kind); }

bool print_name(WireReader& r, std::string& out) {
  const std::size_t n = dns::NameView::validate(r.data.subspan(r.pos));
  if (n == 0) return false;
  std::span<const std::uint8_t> bytes;
  r.take(n, bytes);
  dns::NameView(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())).append_text(out);
  return true;
}

}  // namespace signet::zonefile::detail
