// SPDX-License-Identifier: MIT
// Presentation <-> wire for rdata, driven by the dns::TypeDescriptor table: one
// parser and one printer per FieldKind (lib/zonefile/fields/). Also RFC 3597
// generic form ("\# len hex"). The zone parser hands over the record's rdata
// tokens; nothing here allocates per token.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "signet/dns/name.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/error.hpp"

namespace signet::zonefile {

// One presentation token of a record's rdata. `text` is raw: escapes are not
// yet decoded and quotes are removed (`quoted` says whether it had them).
struct Token {
  std::string_view text;
  bool quoted = false;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// Context for locations in errors.
struct RdataContext {
  dns::NameView origin;           // for relative names in rdata
  const std::string* file = nullptr;  // for error locations
  // When set, becomes true if a name in the rdata was relative (completed
  // with `origin`, or "@").
  bool* relative_name = nullptr;
};

// Parses `tokens` as rdata of `type` (known via the table, or RFC 3597 generic
// when tokens[0] is an unquoted "\#"), appending wire bytes to `out`.
// Throws signet::Error located at the offending token, with a sentence built
// from the table (e.g. "missing <field> in MX", "character-string longer than
// 255 octets in TXT", "trailing data after SOA rdata").
void parse_rdata(std::uint16_t type, std::span<const Token> tokens, const RdataContext& ctx, std::string& out);

// Prints rdata of `type` in presentation form (fields separated by one space),
// appending to `out`. Unknown types, and known types whose rdata does not
// decode, are printed in RFC 3597 form; returns false in the latter case.
bool print_rdata(std::uint16_t type, std::span<const std::uint8_t> rdata, std::string& out);
// RFC 3597 form: "\# <len> <hex>" ("\# 0" for empty rdata).
void print_rdata_generic(std::span<const std::uint8_t> rdata, std::string& out);

// TTL in presentation form: decimal seconds or BIND units ("1w2d3h4m5s",
// case-insensitive). Returns false on bad syntax or overflow past 2^32-1.
bool parse_ttl(std::string_view text, std::uint32_t& ttl) noexcept;

}  // namespace signet::zonefile
