// SPDX-License-Identifier: MIT
// Test helpers for rdata_text: a tiny tokenizer for one record's rdata (the
// real one is the zone parser's) and hex conversion.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signet/zonefile/rdata_text.hpp"

namespace signet::zonefile::test {

// Splits on blanks. A token starting with '"' runs to the closing quote and is
// marked quoted (quotes removed); a '"' inside a bare token keeps the quoted
// part, blanks included, in the raw token (key="a b"). Escapes stay raw.
inline std::vector<Token> tokenize(std::string_view text, std::uint32_t line = 1) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
      continue;
    }
    Token t;
    t.line = line;
    t.column = static_cast<std::uint32_t>(i + 1);
    if (text[i] == '"') {
      const std::size_t start = ++i;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      t.text = text.substr(start, i - start);
      t.quoted = true;
      ++i;
    } else {
      const std::size_t start = i;
      bool in_quotes = false;
      while (i < text.size() && (in_quotes || (text[i] != ' ' && text[i] != '\t'))) {
        if (text[i] == '\\') {
          i += 2;
          continue;
        }
        if (text[i] == '"') in_quotes = !in_quotes;
        ++i;
      }
      t.text = text.substr(start, i - start);
    }
    tokens.push_back(t);
  }
  return tokens;
}

inline std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  for (const char c : bytes) {
    s += digits[static_cast<std::uint8_t>(c) >> 4];
    s += digits[static_cast<std::uint8_t>(c) & 0xF];
  }
  return s;
}

inline std::string from_hex(std::string_view hex) {
  std::string s;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto v = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    s += static_cast<char>(v(hex[i]) << 4 | v(hex[i + 1]));
  }
  return s;
}

inline std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// example.com. in wire form, the origin used by the tests.
inline dns::NameView example_origin() { return dns::NameView(std::string_view("\7example\3com\0", 13)); }

inline std::string parse_text(std::uint16_t type, std::string_view text, const std::string* file = nullptr) {
  const std::vector<Token> tokens = tokenize(text);
  RdataContext ctx;
  ctx.origin = example_origin();
  ctx.file = file;
  std::string out;
  parse_rdata(type, tokens, ctx, out);
  return out;
}

}  // namespace signet::zonefile::test
