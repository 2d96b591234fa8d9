// SPDX-License-Identifier: MIT
#include "cli/report.hpp"

#include <fmt/core.h>

#include "signet/dns/timestamp.hpp"

#include "signet/dns/rrtype.hpp"

namespace signet::cli {
namespace {

// Length of the valid UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8_sequence(std::string_view s) noexcept {
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t len = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (len == 0 || s.size() < len) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return 0;
  return len;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04x}", c);
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if (std::size_t len = utf8_sequence(text.substr(i)); len != 0) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += fmt::format("\\u{:04x}", c);  // a lone byte: keep its value visible
      ++i;
    }
  }
  out += '"';
}

std::string format_finding(const verifier::Finding& f) {
  std::string where = f.file;
  if (f.line != 0) where += fmt::format("{}{}", where.empty() ? "" : ":", f.line);
  if (where.empty()) where = f.owner;
  std::string subject = f.owner;
  if (f.type != 0) subject += " " + dns::type_to_text(f.type);
  return fmt::format("{}: {}: [{}] {}: {}", where, verifier::severity_name(f.severity), f.check, subject, f.message);
}

std::string format_summary(const ReportOptions& options, const verifier::Summary& s) {
  std::string out = fmt::format("{}: {}, {} ({}, {} RRsets, {}", options.zone, plural(s.errors, "error"),
                                plural(s.warnings, "warning"), plural(s.records, "record"), s.rrsets,
                                plural(s.names, "name"));
  if (options.signed_zone) {
    out += ", " + plural(options.signatures, "signature");
    if (options.first_expiration) out += ", first expiry " + dns::format_timestamp(*options.first_expiration);
  }
  return out + ")";
}

std::string nagios_line(std::span<const verifier::Finding> findings, const verifier::Summary& s,
                        const ReportOptions& options, const NagiosThresholds& thresholds, int& exit_status) {
  exit_status = s.errors > 0 ? 2 : (s.warnings > 0 ? 1 : 0);
  static constexpr const char* kState[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};
  std::string out = fmt::format("SIGNET {} - {}: {}, {}", kState[exit_status], options.zone,
                                plural(s.errors, "error"), plural(s.warnings, "warning"));
  if (options.signed_zone) out += ", " + plural(options.signatures, "signature");
  // The first finding that decided the state, so the alert says why.
  for (const verifier::Finding& f : findings) {
    if ((exit_status == 2 && f.severity == verifier::Severity::Error) ||
        (exit_status == 1 && f.severity == verifier::Severity::Warning)) {
      out += fmt::format("; first: [{}] {}", f.check, f.owner);
      break;
    }
  }
  out += " |";
  if (options.first_expiration) {
    const double days = static_cast<double>(*options.first_expiration - options.now) / 86400.0;
    const auto limit = [](const std::optional<std::int64_t>& v) {
      return v ? fmt::format("{:.2f}", static_cast<double>(*v) / 86400.0) : std::string();
    };
    out += fmt::format(" expiry_days={:.2f};{};{}", days, limit(thresholds.warn_seconds), limit(thresholds.crit_seconds));
  }
  out += fmt::format(" errors={} warnings={}\n", s.errors, s.warnings);
  return out;
}

void print_text_report(std::span<const verifier::Finding> findings, const verifier::Summary& summary,
                       const ReportOptions& options) {
  if (options.quiet && findings.empty()) return;
  std::string out;
  if (!options.quiet)
    for (const verifier::Finding& f : findings) (out += format_finding(f)) += '\n';
  (out += format_summary(options, summary)) += '\n';
  fmt::print(stderr, "{}", out);
}

std::string json_report(std::span<const verifier::Finding> findings, const verifier::Summary& s,
                        const ReportOptions& options) {
  std::string out = "{\"version\":1,\"zone\":";
  append_json_string(out, options.zone);
  out += ",\"findings\":[";
  bool first = true;
  for (const verifier::Finding& f : findings) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"severity\":";
    append_json_string(out, verifier::severity_name(f.severity));
    out += ",\"check\":";
    append_json_string(out, f.check);
    out += ",\"owner\":";
    append_json_string(out, f.owner);
    out += ",\"type\":";
    if (f.type != 0) append_json_string(out, dns::type_to_text(f.type)); else out += "null";
    out += ",\"file\":";
    append_json_string(out, f.file);
    out += fmt::format(",\"line\":{},\"message\":", f.line);
    append_json_string(out, f.message);
    out += '}';
  }
  out += first ? "]" : "\n]";
  out += fmt::format(
      ",\"summary\":{{\"errors\":{},\"warnings\":{},\"infos\":{},\"records\":{},\"rrsets\":{},\"names\":{}",
      s.errors, s.warnings, s.infos, s.records, s.rrsets, s.names);
  out += fmt::format(",\"signed\":{},\"signatures\":{},\"signatures_verified\":{},\"first_expiration\":",
                     options.signed_zone ? "true" : "false", options.signatures, options.signatures_verified);
  out += options.first_expiration ? fmt::format("\"{}\"", dns::format_timestamp(*options.first_expiration)) : "null";
  out += "}}\n";
  return out;
}

std::string json_errors(std::span<const Error> errors) {
  std::string out = "{\"version\":1,\"errors\":[";
  bool first = true;
  for (const Error& e : errors) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"file\":";
    append_json_string(out, e.where().file);
    out += fmt::format(",\"line\":{},\"column\":{},\"message\":", e.where().line, e.where().column);
    append_json_string(out, e.message());
    out += '}';
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace signet::cli
