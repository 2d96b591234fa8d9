// SPDX-License-Identifier: MIT
// Rendering verifier findings for people (text, one line per finding, the
// compiler-style "file:line: severity: [check-id] owner TYPE: sentence") and
// for programs (JSON, schema version 1, documented in signet-verify(1)).
// Also renders parse errors as JSON. Text goes to stderr, JSON is returned
// for the caller to print on stdout.
#pragma once

#include <cstdint>
#include <optional>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "signet/error.hpp"
#include "signet/verifier/finding.hpp"

namespace signet::cli {

enum class Format { Text, Json };

struct ReportOptions {
  std::string zone;    // the origin, presentation form
  bool quiet = false;  // text: summary line only, and nothing at all when clean
  // Signed zones: what the signature checks saw.
  bool signed_zone = false;
  std::size_t signatures = 0, signatures_verified = 0;
  std::optional<std::int64_t> first_expiration;  // unix seconds
  std::int64_t now = 0;
};

// Nagios plugin output: "SIGNET OK - zone: ... | perfdata", and the plugin
// exit status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
struct NagiosThresholds {
  std::optional<std::int64_t> warn_seconds, crit_seconds;
};
std::string nagios_line(std::span<const verifier::Finding> findings, const verifier::Summary& summary,
                        const ReportOptions& options, const NagiosThresholds& thresholds, int& exit_status);

// Appends `text` as a JSON string literal (quotes, escapes, \u00XX for control
// characters; bytes that are not valid UTF-8 become \u00XX of the byte's value).
void append_json_string(std::string& out, std::string_view text);

// "file:line: error: [check-id] owner TYPE: sentence" (no newline).
std::string format_finding(const verifier::Finding& finding);
// "example.com.: 2 errors, 1 warning (24 records, 15 RRsets, 12 names)".
std::string format_summary(const ReportOptions& options, const verifier::Summary& summary);

// Prints findings and the summary line to stderr.
void print_text_report(std::span<const verifier::Finding> findings, const verifier::Summary& summary,
                       const ReportOptions& options);
// {"version":1,"zone":...,"findings":[...],"summary":{...}} with a final newline.
std::string json_report(std::span<const verifier::Finding> findings, const verifier::Summary& summary,
                        const ReportOptions& options);
// {"version":1,"errors":[{"file":...,"line":N,"column":N,"message":...}]} with a final newline.
std::string json_errors(std::span<const Error> errors);

}  // namespace signet::cli
