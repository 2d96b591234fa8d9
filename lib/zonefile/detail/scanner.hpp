// SPDX-License-Identifier: MIT
// Private to lib/zonefile: the RFC 1035 section 5.1 lexer. Splits a buffer
// into entries (one logical line: parentheses join physical lines, ";" starts
// a comment) of tokens that are string_views into the buffer, raw: escapes
// are kept for the field parsers, quotes are dropped (Token::quoted says so).
// Reuses the caller's Entry, so scanning allocates nothing per token. Knows
// nothing about owners, types or directives.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signet/zonefile/rdata_text.hpp"

namespace signet::zonefile::detail {

struct Entry {
  // The entry's tokens: the first `count` of `storage`, which only grows.
  std::span<const Token> tokens() const noexcept { return {storage.data(), count}; }
  std::vector<Token> storage;
  std::size_t count = 0;
  bool blank_owner = false;  // the entry's first line starts with a space or tab
  bool parenthesized = false;  // the entry holds "(" (even when it ends on the same line)
  std::uint32_t line = 0;    // line where the entry starts
  // The first lexical error in the entry (the rest of the entry is still
  // consumed, so the caller can skip it and go on with the next).
  bool has_error = false;
  std::uint32_t error_line = 0;
  std::uint32_t error_column = 0;
  std::string error;
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept;

  // Fills `entry` with the next entry that has tokens or an error; false at
  // the end of the buffer.
  bool next(Entry& entry);
  // The line the cursor is on (1 + the newlines read so far).
  std::uint32_t line() const noexcept { return line_; }
  // Where the next entry's scan starts.
  const char* position() const noexcept { return p_; }

 private:
  // The rare paths work on the members; next() keeps its cursor in locals
  // (a char load may alias a member pointer, which would pin it to memory).
  void fail(Entry& entry, const char* at, std::string message);
  std::uint32_t column_of(const char* p) const noexcept {
    return static_cast<std::uint32_t>(p - line_start_) + 1;
  }
  void scan_quoted(Entry& entry);
  void bad_byte(Entry& entry);

  const char* p_;
  const char* end_;
  const char* line_start_;
  std::uint32_t line_ = 1;
};

}  // namespace signet::zonefile::detail
