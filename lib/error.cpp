// SPDX-License-Identifier: MIT
#include "signet/error.hpp"

namespace signet {

std::string format_location(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(where.line);
    if (where.column != 0) {
      out += ':';
      out += std::to_string(where.column);
    }
  }
  return out;
}

static std::string compose(const SourceLocation& where, const std::string& message) {
  std::string loc = format_location(where);
  return loc.empty() ? message : loc + ": " + message;
}

Error::Error(SourceLocation where, std::string message)
    : std::runtime_error(compose(where, message)), where_(std::move(where)), message_(std::move(message)) {}

Error::Error(std::string message) : std::runtime_error(message), message_(std::move(message)) {}

}  // namespace signet
