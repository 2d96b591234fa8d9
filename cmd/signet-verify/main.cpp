// SPDX-License-Identifier: MIT
// signet-verify: parse a zone file, run the verifier, print the findings as
// text or JSON, and exit 0 (clean), 1 (warnings), 2 (errors) or 3 (could not
// check). Built to run from git hooks, CI and cron; see signet-verify(1).
#include <cstdio>
#include <optional>
#include <string>
#include <algorithm>
#include <thread>
#include <tuple>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/errors.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/time.hpp"
#include "cli/timespec.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dns/name.hpp"
#include "signet/verifier/verify.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/writer.hpp"

namespace {

using signet::cli::ExitCode;
using signet::cli::to_int;
constexpr std::string_view kTool = "signet-verify";

constexpr const char* kFooter = R"(Examples:
  signet-verify example.com.zone                 check a zone; findings go to stderr
  signet-verify -o example.com. db.example       the file has no $ORIGIN or SOA owner to go by
  signet-verify --format json zone > report.json
  signet-verify --print example.com.zone         the parsed zone in canonical form, one record per line
  git show :example.com.zone | signet-verify -o example.com. -
  signet-verify --warn-expiry 7d --crit-expiry 3d --nagios example.com.zone.signed
  signet-verify --ds dsset-example.com. --require-zonemd example.com.zone.signed

Exit status: 0 clean, 1 warnings only, 2 errors found, 3 could not check
(unreadable file, syntax errors, bad usage). See signet-verify(1).)";

// Reads all of standard input; false on a read error.
bool read_stdin(std::string& out) {
  char buffer[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, stdin);
    out.append(buffer, n);
    if (n < sizeof buffer) return std::ferror(stdin) == 0;
  }
}

int usage_error(std::string_view message) {
  signet::cli::print_error(kTool, fmt::format("{}; run 'signet-verify --help' for usage", message));
  return to_int(ExitCode::CouldNotCheck);
}

void list_checks() {
  for (const signet::verifier::CheckInfo& check : signet::verifier::all_checks())
    fmt::print("{:<28} {:<8} {}\n", check.id, signet::verifier::severity_name(check.severity), check.summary);
}

int run(int argc, char** argv) {
  CLI::App app{"Check a DNS zone file: syntax, structure (SOA, NS, CNAME, DNAME, glue, occlusion, TTLs) and, for a "
               "signed zone, every signature, the NSEC/NSEC3 chain, expiry margins, trust anchors and ZONEMD.",
               std::string(kTool)};
  std::string warn_text, crit_text;
  std::vector<std::string> ds_files, anchor_files;
  bool require_zonemd = false, nagios = false, no_crypto = false;
  unsigned threads = 0;
  std::string zone_path, origin_text, format_text = "text", now_text;
  bool quiet = false, print = false, want_list = false;
  std::size_t max_errors = 20;
  app.add_option("ZONEFILE", zone_path, "zone file to check; - reads standard input");
  app.add_option("-o,--origin", origin_text, "zone origin (default: the file's $ORIGIN, else the SOA owner)");
  app.add_option("--format", format_text, "findings as 'text' (stderr, default) or 'json' (stdout)");
  app.add_flag("-q,--quiet", quiet, "print only the summary line, and nothing when the zone is clean");
  app.add_option("--now", now_text, "the time to check against: YYYYMMDDHHMMSS (UTC) or unix seconds");
  app.add_flag("-D,--print", print, "print the parsed zone to stdout in canonical form (like named-checkzone -D)");
  app.add_option("--max-errors", max_errors, "stop parsing after this many syntax errors (default 20)");
  app.add_flag("--list-checks", want_list, "list every check id with its severity, then exit");
  app.add_option("--warn-expiry", warn_text, "warn when a signature expires within this duration (e.g. 7d)");
  app.add_option("--crit-expiry", crit_text, "error when a signature expires within this duration (e.g. 3d)");
  app.add_option("--ds", ds_files, "file of DS records (the parent's); one must match a SEP key signing the DNSKEY RRset")
      ->allow_extra_args(false);
  app.add_option("--trust-anchor", anchor_files, "file of DS or DNSKEY records to use as trust anchors (like --ds)")
      ->allow_extra_args(false);
  app.add_flag("--require-zonemd", require_zonemd, "a zone without a ZONEMD record is an error");
  app.add_flag("--nagios", nagios, "one status line on stdout and Nagios exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)");
  app.add_flag("--no-crypto", no_crypto, "skip the cryptographic check of each signature (fields, times, chains still checked)");
  app.add_option("-n,--threads", threads, "threads for signature checks (default: all cores)");
  app.set_version_flag("--version", std::string(kTool) + " " + SIGNET_VERSION);
  app.footer(kFooter);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(e.what());
  }

  if (want_list) {
    list_checks();
    return to_int(ExitCode::Clean);
  }
  // Option values, checked one by one; each error names the flag.
  signet::cli::Format format;
  if (format_text == "text") format = signet::cli::Format::Text;
  else if (format_text == "json") format = signet::cli::Format::Json;
  else return usage_error(fmt::format("bad value for --format: '{}' (expected text or json)", format_text));
  if (zone_path.empty()) return usage_error("no zone file given");
  if (print && format == signet::cli::Format::Json)
    return usage_error("--print and --format json both write to stdout; use one");
  if (max_errors == 0) return usage_error("bad value for --max-errors: 0 (expected 1 or more)");
  if (nagios && (print || format == signet::cli::Format::Json))
    return usage_error("--nagios writes its own line on stdout; do not combine it with --print or --format json");
  std::optional<std::int64_t> warn_expiry, crit_expiry;
  for (auto [name, text, out] : {std::tuple{"--warn-expiry", &warn_text, &warn_expiry},
                                 std::tuple{"--crit-expiry", &crit_text, &crit_expiry}}) {
    if (text->empty()) continue;
    const auto d = signet::cli::parse_duration(*text);
    if (!d || *d < 0) return usage_error(fmt::format("bad value for {}: '{}' (expected a duration such as 7d, 12h or 3600)", name, *text));
    *out = *d;
  }
  std::int64_t now = 0;
  if (!now_text.empty()) {
    auto parsed = signet::cli::parse_time(now_text);
    if (!parsed) return usage_error(fmt::format("bad value for --now: '{}' (expected YYYYMMDDHHMMSS or unix seconds)", now_text));
    now = *parsed;
  } else {
    now = signet::cli::current_time();
  }
  signet::zonefile::ParseOptions parse_options;
  parse_options.max_errors = max_errors;
  parse_options.threads = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  if (!origin_text.empty()) {
    try {
      parse_options.origin = signet::dns::Name::parse(origin_text);
    } catch (const signet::Error& e) {
      return usage_error(fmt::format("bad value for --origin: '{}': {}", origin_text, e.message()));
    }
    parse_options.origin_given = true;
  }

  signet::zonefile::ParseResult parsed;
  if (zone_path == "-") {
    std::string text;
    if (!read_stdin(text)) {
      signet::cli::print_error(kTool, "cannot read standard input");
      return to_int(ExitCode::CouldNotCheck);
    }
    parsed = signet::zonefile::parse_zone_text(text, "<stdin>", parse_options);
  } else {
    parsed = signet::zonefile::parse_zone_file(zone_path, parse_options);
  }
  if (!parsed.ok()) {
    if (nagios) {
      fmt::print("SIGNET UNKNOWN - {}: the zone could not be read ({})\n", zone_path, parsed.errors.front().what());
      return to_int(ExitCode::CouldNotCheck);
    }
    if (format == signet::cli::Format::Json) fmt::print("{}", signet::cli::json_errors(parsed.errors));
    else signet::cli::print_errors(kTool, parsed.errors);
    return to_int(ExitCode::CouldNotCheck);
  }

  const signet::dns::Zone& zone = parsed.zone;
  if (print) {
    std::string text;
    signet::zonefile::write_zone(zone, text);
    fmt::print("{}", text);
  }
  signet::verifier::VerifyOptions verify_options;
  verify_options.now = now;
  verify_options.threads = threads;
  verify_options.verify_signatures = !no_crypto;
  verify_options.warn_expiry = warn_expiry;
  verify_options.crit_expiry = crit_expiry;
  verify_options.require_zonemd = require_zonemd;
  if (!quiet && !nagios) verify_options.progress = signet::cli::terminal_progress("verifying", "signatures");
  // Trust anchors: DS (--ds) or DS/DNSKEY (--trust-anchor) records in zone-file form.
  signet::zonefile::ParseOptions anchor_options;
  anchor_options.origin = zone.origin();
  anchor_options.origin_given = true;
  anchor_options.default_ttl = 3600;
  for (const auto* files : {&ds_files, &anchor_files}) {
    for (const std::string& file : *files) {
      signet::zonefile::ParseResult anchors = signet::zonefile::parse_zone_file(file, anchor_options);
      if (!anchors.ok()) {
        signet::cli::print_errors(kTool, anchors.errors);
        return to_int(ExitCode::CouldNotCheck);
      }
      std::size_t found = 0;
      for (const signet::dns::Record& rr : anchors.zone.records()) {
        const bool wanted = rr.type == signet::dns::rrtype::DS ||
                            (files == &anchor_files && rr.type == signet::dns::rrtype::DNSKEY);
        if (!wanted) continue;
        const auto rdata = anchors.zone.rdata(rr);
        verify_options.trust_anchors.push_back(signet::verifier::TrustAnchor{
            signet::dns::Name(anchors.zone.owner(rr)), rr.type, {rdata.begin(), rdata.end()}, file, rr.line});
        ++found;
      }
      if (found == 0) {
        signet::cli::print_error(kTool, signet::Error(signet::SourceLocation{file, 0, 0},
                                                      files == &ds_files ? "no DS records in this file"
                                                                         : "no DS or DNSKEY records in this file"));
        return to_int(ExitCode::CouldNotCheck);
      }
    }
  }
  const signet::verifier::VerifyReport verified = signet::verifier::verify(zone, verify_options);
  const std::vector<signet::verifier::Finding>& findings = verified.findings;

  signet::verifier::Summary summary = signet::verifier::summarize(findings);
  summary.records = zone.records().size();
  summary.rrsets = zone.rrsets().size();
  summary.names = zone.owners().size();
  signet::cli::ReportOptions report;
  report.zone = zone.origin().to_text();
  report.quiet = quiet;
  report.signed_zone = verified.signed_zone;
  report.signatures = verified.signatures;
  report.signatures_verified = verified.signatures_verified;
  report.first_expiration = verified.first_expiration;
  report.now = now;
  if (nagios) {
    int status = 0;
    fmt::print("{}", signet::cli::nagios_line(findings, summary, report, {warn_expiry, crit_expiry}, status));
    return status;
  }
  if (format == signet::cli::Format::Json) fmt::print("{}", signet::cli::json_report(findings, summary, report));
  else signet::cli::print_text_report(findings, summary, report);

  if (summary.errors > 0) return to_int(ExitCode::Errors);
  if (summary.warnings > 0) return to_int(ExitCode::Warnings);
  return to_int(ExitCode::Clean);
}

}  // namespace

int main(int argc, char** argv) {
  return signet::cli::guarded_main(kTool, to_int(ExitCode::CouldNotCheck), [&] { return run(argc, argv); });
}

