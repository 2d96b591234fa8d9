// SPDX-License-Identifier: MIT
#include "cli/errors.hpp"

#include <fmt/core.h>

namespace signet::cli {

std::string format_error(std::string_view tool, const Error& error) {
  const std::string where = format_location(error.where());
  return fmt::format("{}: error: {}\n", where.empty() ? std::string(tool) : where, error.message());
}

void print_error(std::string_view tool, const Error& error) { fmt::print(stderr, "{}", format_error(tool, error)); }

void print_errors(std::string_view tool, std::span<const Error> errors) {
  for (const Error& e : errors) print_error(tool, e);
}

void print_error(std::string_view tool, std::string_view message) {
  fmt::print(stderr, "{}: error: {}\n", tool, message);
}

void print_warning(std::string_view tool, std::string_view message) {
  fmt::print(stderr, "{}: warning: {}\n", tool, message);
}

void print_warning(const SourceLocation& where, std::string_view message) {
  fmt::print(stderr, "{}: warning: {}\n", format_location(where), message);
}

int guarded_main(std::string_view tool, int failure, const std::function<int()>& body) {
  try {
    return body();
  } catch (const Error& e) {
    print_error(tool, e);
  } catch (const std::exception& e) {
    print_error(tool, fmt::format("internal error: {}", e.what()));
  }
  return failure;
}

}  // namespace signet::cli
