// SPDX-License-Identifier: MIT
// Finding: one problem the verifier found in a zone — severity, stable check id,
// owner, type, source location and a sentence a user can act on. Findings are
// values, never exceptions. The check table (id, severity, summary) lives in
// lib/verifier/finding.cpp, one row per check.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace signet::verifier {

enum class Severity : std::uint8_t { Info, Warning, Error };
std::string_view severity_name(Severity s) noexcept;  // "info", "warning", "error"

struct CheckInfo {
  std::string_view id;        // stable, kebab-case, e.g. "soa-missing"
  Severity severity;
  std::string_view summary;   // one line for docs / --list-checks
};

struct Finding {
  std::string_view check;     // CheckInfo::id
  Severity severity = Severity::Error;
  std::string owner;          // presentation form, absolute
  std::uint16_t type = 0;     // 0 when not about one type
  std::string file;           // where the record was written ("" if unknown)
  std::uint32_t line = 0;
  std::string message;        // one sentence: what was expected, what was found
};

struct Summary {
  std::size_t errors = 0, warnings = 0, infos = 0;
  std::size_t records = 0, rrsets = 0, names = 0;
};

Summary summarize(std::span<const Finding> findings);
// The table of every check, in id order.
std::span<const CheckInfo> all_checks() noexcept;
const CheckInfo* find_check(std::string_view id) noexcept;

}  // namespace signet::verifier
