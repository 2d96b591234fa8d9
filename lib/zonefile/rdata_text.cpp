// SPDX-License-Identifier: MIT
// Presentation <-> wire for rdata: walks the type's row of dns::FieldKinds and
// calls each kind's parser or printer from one table (field_ops). RFC 3597
// generic form ("\# len hex") is accepted for every type.
#include "signet/zonefile/rdata_text.hpp"

#include <array>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile {
namespace detail {
namespace {

using K = dns::FieldKind;

// Indexed by FieldKind; the static_assert below keeps the order honest.
constexpr FieldOps kFieldOps[] = {
    {K::U8, "8-bit number", parse_u8, print_u8},
    {K::U16, "16-bit number", parse_u16, print_u16},
    {K::U32, "32-bit number", parse_u32, print_u32},
    {K::TTL, "TTL", parse_ttl_field, print_u32},
    {K::Type, "type", parse_type, print_type_field},
    {K::Time, "time", parse_time, print_time},
    {K::Algorithm, "algorithm", parse_algorithm, print_u8},
    {K::CertType, "certificate type", parse_cert_type, print_cert_type},
    {K::Name, "domain name", parse_name, print_name},
    {K::A, "IPv4 address", parse_a, print_a},
    {K::AAAA, "IPv6 address", parse_aaaa, print_aaaa},
    {K::String, "character-string", parse_string, print_string},
    {K::Strings, "character-string", parse_strings, print_strings},
    {K::Base64Rest, "base64 data", parse_base64_rest, print_base64_rest},
    {K::HexRest, "hex data", parse_hex_rest, print_hex_rest},
    {K::Base32HexLen, "base32hex hash", parse_base32hex_len, print_base32hex_len},
    {K::HexLen, "hex salt", parse_hex_len, print_hex_len},
    {K::TypeBitmap, "type", parse_type_bitmap, print_type_bitmap},
    {K::SvcParams, "service parameter", parse_svc_params, print_svc_params},
    {K::Loc, "location", parse_loc, print_loc},
    {K::Apl, "address prefix item", parse_apl, print_apl},
    {K::IpseckeyGateway, "gateway", parse_ipseckey_gateway, print_ipseckey_gateway},
    {K::Eui48, "EUI-48 address", parse_eui48, print_eui48},
    {K::Eui64, "EUI-64 address", parse_eui64, print_eui64},
    {K::Ilnp64, "64-bit locator", parse_ilnp64, print_ilnp64},
    {K::CaaTag, "property tag", parse_caa_tag, print_caa_tag},
    {K::UriTarget, "target URI", parse_raw_string, print_raw_string},
    {K::Base16Opt, "hex data", parse_hex_optional, print_hex_optional},
    {K::CaaValue, "property value", parse_raw_string, print_raw_string},
    {K::CertAlgorithm, "algorithm", parse_algorithm, print_cert_algorithm},
};

constexpr bool ops_in_kind_order() {
  for (std::size_t i = 0; i < std::size(kFieldOps); ++i)
    if (static_cast<std::size_t>(kFieldOps[i].kind) != i) return false;
  return std::size(kFieldOps) == static_cast<std::size_t>(K::CertAlgorithm) + 1;
}
static_assert(ops_in_kind_order(), "kFieldOps must have one row per FieldKind, in enum order");

constexpr std::size_t kMaxRdata = 65535;

SourceLocation location(const RdataContext& ctx, const Token* token) {
  SourceLocation where;
  if (ctx.file != nullptr) where.file = *ctx.file;
  if (token != nullptr) {
    where.line = token->line;
    where.column = token->column;
  }
  return where;
}

std::string quote_token(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string s = "'";
  if (text.size() > kMax) {
    s.append(text.substr(0, kMax));
    s += "...";
  } else {
    s.append(text);
  }
  s += '\'';
  return s;
}

// Prints every field of `row`; false when the wire form does not decode.
bool print_fields(const dns::TypeDescriptor& row, std::span<const std::uint8_t> rdata, std::string& out) {
  WireReader reader{rdata};
  bool printed_any = false;
  for (const K kind : row.fields) {
    if (printed_any) out += ' ';
    const std::size_t before = out.size();
    if (!field_ops(kind).print(reader, out)) return false;
    if (out.size() == before) {
      if (printed_any) out.pop_back();  // an empty to-the-end field: no separator
    } else {
      printed_any = true;
    }
  }
  return reader.at_end();
}

void parse_generic(ParseState& st) {
  const std::span<const Token> tokens = st.tokens;
  const RdataContext& ctx = *st.ctx;
  if (tokens.size() < 2)
    throw Error(location(ctx, &tokens[0]), "missing rdata length after \\# in " + st.type_text());
  std::uint64_t length = 0;
  if (!parse_decimal(tokens[1].text, kMaxRdata, length))
    throw Error(location(ctx, &tokens[1]),
                "bad rdata length " + quote_token(tokens[1].text) + " after \\# in " + st.type_text());
  std::string& out = *st.out;
  const std::size_t base = out.size();
  for (std::size_t i = 2; i < tokens.size(); ++i) {
    if (tokens[i].quoted || !decode_hex(tokens[i].text, out))
      throw Error(location(ctx, &tokens[i]), "bad hex data " + quote_token(tokens[i].text) + " in " + st.type_text());
  }
  const std::size_t got = out.size() - base;
  if (got != length)
    throw Error(location(ctx, &tokens.back()), "rdata length is " + std::to_string(length) + " but " +
                                                   std::to_string(got) + " octets of hex follow in " +
                                                   st.type_text());
  if (st.type != nullptr) {  // a known type: the octets must decode as that type
    std::string scratch;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(out.data() + base);
    if (!print_fields(*st.type, {bytes, got}, scratch))
      throw Error(location(ctx, &tokens[0]), "rdata in \\# form is not valid " + st.type_text() + " rdata");
  }
}

}  // namespace

const FieldOps& field_ops(dns::FieldKind kind) noexcept { return kFieldOps[static_cast<std::size_t>(kind)]; }

std::string ParseState::type_text() const {
  return type != nullptr ? std::string(type->mnemonic) : dns::type_to_text(code);
}

const Token& ParseState::next(dns::FieldKind kind) {
  if (at_end()) missing(field_ops(kind).description);
  return tokens[pos++];
}

void ParseState::bad(dns::FieldKind kind, const Token& token, std::string_view why) const {
  std::string message = "bad ";
  message += field_ops(kind).description;
  message += ' ';
  message += quote_token(token.text);
  message += " in ";
  message += type_text();
  if (!why.empty()) {
    message += ": ";
    message += why;
  }
  throw Error(location(*ctx, &token), std::move(message));
}

void ParseState::missing(std::string_view what) const {
  std::string message = "missing ";
  message += what;
  message += " in ";
  message += type_text();
  throw Error(location(*ctx, tokens.empty() ? nullptr : &tokens.back()), std::move(message));
}

void ParseState::fail(const Token& token, std::string message) const {
  throw Error(location(*ctx, &token), std::move(message));
}

bool WireReader::u8(std::uint8_t& v) noexcept {
  if (left() < 1) return false;
  v = data[pos++];
  return true;
}

bool WireReader::u16(std::uint16_t& v) noexcept {
  if (left() < 2) return false;
  v = static_cast<std::uint16_t>(data[pos] << 8 | data[pos + 1]);
  pos += 2;
  return true;
}

bool WireReader::u32(std::uint32_t& v) noexcept {
  if (left() < 4) return false;
  v = static_cast<std::uint32_t>(data[pos]) << 24 | static_cast<std::uint32_t>(data[pos + 1]) << 16 |
      static_cast<std::uint32_t>(data[pos + 2]) << 8 | data[pos + 3];
  pos += 4;
  return true;
}

bool WireReader::take(std::size_t n, std::span<const std::uint8_t>& bytes) noexcept {
  if (left() < n) return false;
  bytes = data.subspan(pos, n);
  pos += n;
  return true;
}

}  // namespace detail

void parse_rdata(std::uint16_t type, std::span<const Token> tokens, const RdataContext& ctx, std::string& out) {
  detail::ParseState st;
  st.type = dns::find_type(type);
  st.code = type;
  st.tokens = tokens;
  st.ctx = &ctx;
  st.out = &out;
  if (!tokens.empty() && !tokens[0].quoted && tokens[0].text == "\\#") {
    detail::parse_generic(st);
    return;
  }
  if (st.type == nullptr)
    throw Error(detail::location(ctx, tokens.empty() ? nullptr : &tokens[0]),
                "rdata of unknown type " + st.type_text() + " must be in \\# form (RFC 3597)");
  const std::size_t base = out.size();
  for (const dns::FieldKind kind : st.type->fields) detail::field_ops(kind).parse(st, kind);
  if (!st.at_end())
    st.fail(tokens[st.pos], "trailing data " + detail::quote_token(tokens[st.pos].text) + " after " + st.type_text() +
                                " rdata");
  if (out.size() - base > detail::kMaxRdata)
    throw Error(detail::location(ctx, &tokens[0]), st.type_text() + " rdata is " + std::to_string(out.size() - base) +
                                                       " octets long; the limit is 65535");
}

bool print_rdata(std::uint16_t type, std::span<const std::uint8_t> rdata, std::string& out) {
  const dns::TypeDescriptor* row = dns::find_type(type);
  if (row == nullptr) {
    print_rdata_generic(rdata, out);
    return true;
  }
  const std::size_t base = out.size();
  if (detail::print_fields(*row, rdata, out)) return true;
  out.resize(base);
  print_rdata_generic(rdata, out);
  return false;
}

void print_rdata_generic(std::span<const std::uint8_t> rdata, std::string& out) {
  out += "\\# ";
  detail::print_decimal(rdata.size(), out);
  if (rdata.empty()) return;
  out += ' ';
  detail::print_hex(rdata, out);
}

}  // namespace signet::zonefile
