// SPDX-License-Identifier: MIT
// signet::Error — the one exception type for malformed input.
// Every error says where (file:line:column, or a key file) and what, in one
// sentence a user can act on. Validation problems are not errors: they are
// verifier::Finding values. The library never prints; binaries render Errors.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace signet {

struct SourceLocation {
  std::string file;      // path as the user gave it; empty when not from a file
  std::uint32_t line = 0;    // 1-based; 0 = unknown
  std::uint32_t column = 0;  // 1-based; 0 = unknown
};

class Error : public std::runtime_error {
 public:
  Error(SourceLocation where, std::string message);
  explicit Error(std::string message);

  const SourceLocation& where() const noexcept { return where_; }
  // The sentence without the location prefix.
  const std::string& message() const noexcept { return message_; }
  // what() is "file:line:col: message" (parts that are unknown are left out).

 private:
  SourceLocation where_;
  std::string message_;
};

// "file:line:col" with unknown parts left out; empty when nothing is known.
std::string format_location(const SourceLocation& where);

}  // namespace signet
