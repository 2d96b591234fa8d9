// SPDX-License-Identifier: MIT
// Printing signet::Error values the way editors and CI parse them:
// "file:line:col: error: message", or "<tool>: error: message" when the error
// has no location. Used by every binary's top-level catch and for parse errors.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "signet/error.hpp"

namespace signet::cli {

// One line for `error`, with the newline.
std::string format_error(std::string_view tool, const Error& error);
// Writes format_error() to stderr.
void print_error(std::string_view tool, const Error& error);
void print_errors(std::string_view tool, std::span<const Error> errors);
// "<tool>: error: message" for problems that are not signet::Errors (usage).
void print_error(std::string_view tool, std::string_view message);
// Runs a tool's main body: a signet::Error or other exception that escapes
// it is printed as one error line and the tool exits with `failure`.
int guarded_main(std::string_view tool, int failure, const std::function<int()>& body);

// "<tool>: warning: message", and "file:line: warning: message".
void print_warning(std::string_view tool, std::string_view message);
void print_warning(const SourceLocation& where, std::string_view message);

}  // namespace signet::cli
