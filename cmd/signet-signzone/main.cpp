// SPDX-License-Identifier: MIT
// signet-signzone: sign or re-sign a zone file. Reads the zone, the keys
// (listed, or found in -K by their timing metadata) and the previous signed
// output; the signer reuses every signature still good; the verifier gates the
// result; only then is the output replaced (temporary file, fsync, rename).
// Exits 0 (written, or nothing to do), 1 (refused: nothing written), 2 (usage).
// See signet-signzone(1).
#include <algorithm>
#include <climits>
#include <cstdio>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/atomic_output.hpp"
#include "cli/errors.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/time.hpp"
#include "cli/timespec.hpp"
#include "signet/crypto/ds_digest.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dns/timestamp.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/keys/key_file.hpp"
#include "signet/keys/key_set.hpp"
#include "signet/signer/signer.hpp"
#include "signet/verifier/verify.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/writer.hpp"

namespace {

namespace dns = signet::dns;
namespace keys = signet::keys;
namespace signer = signet::signer;
namespace verifier = signet::verifier;
using signet::Error;
using signet::SourceLocation;
constexpr std::string_view kTool = "signet-signzone";
constexpr int kOk = 0, kRefused = 1, kUsage = 2;

constexpr const char* kFooter = R"(Examples:
  signet-signzone -K keys example.com.zone          sign with the keys in ./keys, write example.com.zone.signed
  signet-signzone -K keys -3 -N date example.com.zone   NSEC3 (RFC 9276 defaults), serial YYYYMMDDnn
  signet-signzone -K keys --zonemd example.com.zone     add a ZONEMD (SHA-384)
  signet-signzone --plan -K keys example.com.zone       show what a run would change, and when the next is due
  signet-signzone -K keys --verify full --verify-with 'dnssec-verify -o example.com.' example.com.zone

A re-run keeps every signature that is still good and changes nothing when
nothing is due. The output is replaced only after the result passed the checks.
Exit status: 0 ok (written, or nothing to do), 1 refused (nothing written), 2 bad usage.
See signet-signzone(1).)";

int usage_error(std::string_view message) {
  signet::cli::print_error(kTool, fmt::format("{}; run 'signet-signzone --help' for usage", message));
  return kUsage;
}

struct UsageError {
  std::string message;
};

std::uint32_t duration_option(const std::string& name, const std::string& text) {
  const auto d = signet::cli::parse_duration(text);
  if (!d || *d < 0 || *d > 0x7FFFFFFF)
    throw UsageError{fmt::format("bad value for {}: '{}' (expected a duration such as 3600, 12h, 14d or 2w)", name, text)};
  return static_cast<std::uint32_t>(*d);
}

std::vector<std::uint8_t> parse_hex(const std::string& text) {
  std::vector<std::uint8_t> out;
  if (text == "-" || text.empty()) return out;
  if (text.size() % 2 != 0 || text.size() > 510) throw UsageError{fmt::format("bad value for --salt: '{}' (expected hex octets or -)", text)};
  for (std::size_t i = 0; i < text.size(); i += 2) {
    unsigned v = 0;
    for (std::size_t k = i; k < i + 2; ++k) {
      const char c = text[k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else throw UsageError{fmt::format("bad value for --salt: '{}' (expected hex octets or -)", text)};
    }
    out.push_back(static_cast<std::uint8_t>(v));
  }
  return out;
}

std::string time_text(dns::UnixTime t) { return dns::format_timestamp(t); }

// The keys of the zone and what each does at `now`.
struct LoadedKeys {
  keys::KeySet set;
  signer::SignKeys roles;
};

// `base_path` gives a key's file path without suffix, for messages.
void assign(LoadedKeys& loaded, dns::UnixTime now, const std::function<std::string(const keys::DnssecKey&)>& base_path) {
  for (const keys::DnssecKey& k : loaded.set.keys()) {
    const keys::KeyState s = keys::key_state(k, now);
    if (s.published) loaded.roles.published.push_back(&k);
    if (s.active) {
      if (!k.private_key)
        throw Error(SourceLocation{base_path(k) + ".private", 0, 0},
                    "key " + k.base_name() + " is active but its private key file is missing");
      loaded.roles.signing.push_back(&k);
    }
    const auto& t = k.timing;
    if (t.sync_publish && *t.sync_publish <= now && !(t.sync_delete && *t.sync_delete <= now) && !s.deleted)
      loaded.roles.sync.push_back(&k);
  }
}

struct Options {
  std::string zone_path, origin_text, directory = ".", output, inception = "1h", expiration = "14d", jitter = "0",
              refresh, now_text, salt = "-", serial = "keep", zonemd_text, verify_mode = "structure", verify_with,
              stats;
  std::vector<std::string> key_paths, cds_digests;
  unsigned iterations = 0, threads = 0;
  bool nsec3 = false, opt_out = false, cds_delete = false, plan = false, quiet = false, verbose = false;
  bool zonemd = false;
};

signer::SignOptions sign_options(const Options& o, dns::UnixTime now) {
  signer::SignOptions s;
  s.now = now;
  s.inception_offset = duration_option("-s/--inception", o.inception);
  // -e: a validity duration ("14d", "+14d") or an absolute time.
  const std::string& e = o.expiration;
  const bool relative = !e.empty() && e[0] == '+';
  const bool has_unit = !e.empty() && (e.back() < '0' || e.back() > '9');
  if (relative || has_unit) {
    s.validity = duration_option("-e/--expiration", relative ? e.substr(1) : e);
  } else {
    const auto t = signet::cli::parse_time(e);
    if (!t) throw UsageError{fmt::format("bad value for -e/--expiration: '{}' (expected YYYYMMDDHHMMSS, unix seconds, +DURATION or DURATION such as 14d)", e)};
    if (*t <= now) throw UsageError{fmt::format("-e/--expiration {} is not after --now {}", time_text(*t), time_text(now))};
    s.expiration = *t;
    s.validity = static_cast<std::uint32_t>(std::min<std::int64_t>(*t - now, 0x7FFFFFFF));
  }
  if (s.validity < 3600) throw UsageError{"-e/--expiration gives signatures less than an hour of validity"};
  s.jitter = duration_option("-j/--jitter", o.jitter);
  if (s.jitter >= s.validity / 2) throw UsageError{"-j/--jitter must be less than half the validity period"};
  if (!o.refresh.empty()) {
    s.refresh = duration_option("--refresh", o.refresh);
    if (*s.refresh >= s.validity - s.jitter) throw UsageError{"--refresh must be shorter than the validity less the jitter"};
  }
  s.denial = o.nsec3 ? signer::Denial::Nsec3 : signer::Denial::Nsec;
  s.nsec3.iterations = static_cast<std::uint16_t>(o.iterations);
  s.nsec3.salt = parse_hex(o.salt);
  s.opt_out = o.opt_out;
  if (o.serial == "keep") s.serial = signer::SerialPolicy::Keep;
  else if (o.serial == "increment") s.serial = signer::SerialPolicy::Increment;
  else if (o.serial == "unixtime") s.serial = signer::SerialPolicy::UnixTime;
  else if (o.serial == "date") s.serial = signer::SerialPolicy::Date;
  else throw UsageError{fmt::format("bad value for -N/--serial: '{}' (expected keep, increment, unixtime or date)", o.serial)};
  if (!o.cds_digests.empty()) {
    s.cds_digest_types.clear();
    for (const std::string& d : o.cds_digests) {
      const auto* row = signet::crypto::find_ds_digest_type(d);
      if (row == nullptr) throw UsageError{fmt::format("bad value for --cds-digest: '{}' (expected SHA-256 or SHA-384)", d)};
      if (row->number == signet::crypto::ds_digest_type::SHA_1)
        throw UsageError{"--cds-digest SHA-1 is not allowed (RFC 8624: MUST NOT for DS)"};
      s.cds_digest_types.push_back(row->number);
    }
  }
  s.cds_delete = o.cds_delete;
  if (o.zonemd) {
    // A bare --zonemd leaves CLI11's "true" (or nothing): the default hash.
    const std::string z = o.zonemd_text.empty() || o.zonemd_text == "true" ? "SHA-384" : o.zonemd_text;
    if (z == "SHA-384" || z == "sha384" || z == "1") s.zonemd_hash = signet::dnssec::kZonemdSha384;
    else if (z == "SHA-512" || z == "sha512" || z == "2") s.zonemd_hash = signet::dnssec::kZonemdSha512;
    else throw UsageError{fmt::format("bad value for --zonemd: '{}' (expected SHA-384 or SHA-512)", z)};
  }
  s.threads = o.threads;
  // Jitter must differ between zones but be the same on every run of one zone,
  // so reruns stay reproducible: the seed is fixed by the caller (main).
  return s;
}

std::string stats_json(const signer::SignStats& st, const std::string& zone, bool written) {
  std::string out = "{\"version\":1,\"zone\":";
  signet::cli::append_json_string(out, zone);
  out += fmt::format(",\"signatures\":{{\"kept\":{},\"made\":{},\"dropped\":{}}},\"rrsets_signed\":{}",
                     st.signatures_kept, st.signatures_made, st.signatures_dropped, st.rrsets_signed);
  out += fmt::format(",\"serial\":{{\"before\":{},\"after\":{}}},\"changed\":{},\"written\":{}", st.serial_before,
                     st.serial_after, st.changed ? "true" : "false", written ? "true" : "false");
  out += ",\"next_refresh\":";
  out += st.next_refresh ? fmt::format("\"{}\"", time_text(*st.next_refresh)) : "null";
  const auto list = [&](const char* key, const std::vector<std::string>& v) {
    out += fmt::format(",\"{}\":[", key);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ",";
      signet::cli::append_json_string(out, v[i]);
    }
    out += "]";
  };
  list("keys_added", st.keys_added);
  list("keys_removed", st.keys_removed);
  out += "}\n";
  return out;
}

void print_stats_text(const signer::SignStats& st, const std::string& zone) {
  fmt::print(stderr, "{}: {} signatures kept, {} made, {} dropped; serial {} -> {}{}\n", zone, st.signatures_kept,
             st.signatures_made, st.signatures_dropped, st.serial_before, st.serial_after,
             st.changed ? "" : " (nothing changed)");
}

void print_plan(const signer::SignStats& st, const std::string& zone) {
  fmt::print("zone {}\n", zone);
  fmt::print("signatures: {} to make, {} to keep, {} to drop\n", st.signatures_made, st.signatures_kept,
             st.signatures_dropped);
  for (const std::string& k : st.keys_added) fmt::print("key entering the DNSKEY RRset: {}\n", k);
  for (const std::string& k : st.keys_removed) fmt::print("key leaving the DNSKEY RRset: {}\n", k);
  if (st.serial_after != st.serial_before) fmt::print("serial: {} -> {}\n", st.serial_before, st.serial_after);
  else fmt::print("serial: {} (unchanged)\n", st.serial_after);
  fmt::print("changes: {}\n", st.changed ? "yes" : "none");
  if (st.next_refresh) fmt::print("next run due before: {}\n", time_text(*st.next_refresh));
}

// The zone's text is made in pieces of about this size, never the whole
// zone in memory at once.
constexpr std::size_t kChunk = 1 << 20;

// The signed text on its way to the output file: first compared with the
// existing output, which stays untouched when equal (`temp` stays empty);
// else written to a temporary file in the same directory, which is removed
// unless the caller commits it.
struct StagedOutput {
  std::optional<signet::cli::AtomicOutput> temp;

  // One pass over the text: nothing is written while it matches the current
  // output; at the first difference the temporary file takes the part that
  // matched (copied from the output) and then everything else. A text that
  // equals the output leaves no temporary file: the output stays untouched.
  void stage(const dns::Zone& zone, const std::string& path, const signet::zonefile::WriteOptions& wo) {
    signet::cli::FileComparison existing(path);
    std::uint64_t matched = 0;
    const auto diverge = [&] {
      temp.emplace(path);
      if (matched > 0) temp->copy_prefix(path, matched);
    };
    signet::zonefile::write_zone_chunked(zone, kChunk, [&](std::string_view piece) {
      if (!temp) {
        if (existing.feed(piece)) {
          matched += piece.size();
          return true;
        }
        diverge();
      }
      temp->write(piece);
      return true;
    }, wo);
    if (!temp) {
      if (existing.matches()) return;
      diverge();
    }
    temp->sync();
  }
};

int run(int argc, char** argv) {
  CLI::App app{"Sign or re-sign a DNS zone file with DNSSEC (RRSIG, NSEC/NSEC3, DNSKEY, CDS/CDNSKEY, ZONEMD).",
               std::string(kTool)};
  Options o;
  app.add_option("ZONEFILE", o.zone_path, "the unsigned zone file")->required();
  app.add_option("KEY", o.key_paths, "key files to use (base name, .key or .private); default: every key of the zone in -K");
  app.add_option("-o,--origin", o.origin_text, "zone origin (default: the file's $ORIGIN, else the SOA owner)");
  app.add_option("-K,--directory", o.directory, "directory of the zone's key files (default .)");
  app.add_option("-f,--output", o.output, "output file (default ZONEFILE.signed; - for stdout)");
  app.add_option("-s,--inception", o.inception, "backdate signature inception by this duration (default 1h)");
  app.add_option("-e,--expiration", o.expiration,
                 "signature expiration: a validity such as 14d or +14d (default), or YYYYMMDDHHMMSS / unix seconds");
  app.add_option("-j,--jitter", o.jitter, "spread expirations over this duration before the expiration (default 0)");
  app.add_option("--refresh", o.refresh, "re-sign signatures expiring within this duration (default a quarter of the validity)");
  app.add_option("--now", o.now_text, "the signing time: YYYYMMDDHHMMSS (UTC) or unix seconds (default: the clock)");
  app.add_flag("-3,--nsec3", o.nsec3, "NSEC3 instead of NSEC (RFC 9276 defaults: no salt, 0 iterations)");
  app.add_option("--salt", o.salt, "NSEC3 salt in hex, or - for none (RFC 9276: use none)");
  app.add_option("--iterations", o.iterations, "NSEC3 extra iterations (RFC 9276: use 0)");
  app.add_flag("-A,--opt-out", o.opt_out, "NSEC3 opt-out: no NSEC3 for delegations without DS");
  app.add_option("-N,--serial", o.serial, "SOA serial when the zone changes: keep (default), increment, unixtime, date");
  app.add_option("--cds-digest", o.cds_digests, "CDS digest type (repeatable; default SHA-256)")
      ->allow_extra_args(false);
  app.add_flag("--cds-delete", o.cds_delete, "publish the RFC 8078 delete form of CDS/CDNSKEY (go insecure)");
  // A flag with an optional "=VALUE", so "--zonemd zone.file" keeps the file.
  app.add_flag("--zonemd", o.zonemd_text, "add a ZONEMD record (RFC 8976): SHA-384, or --zonemd=SHA-512");
  app.add_option("--verify", o.verify_mode, "check of the result before writing: structure (default) or full (every signature)");
  app.add_option("--verify-with", o.verify_with, "also run this command with the temporary output file appended; non-zero refuses");
  app.add_flag("--plan", o.plan, "do everything except writing; print what would change and when the next run is due");
  app.add_option("--stats", o.stats, "print counts: text (stderr) or json (stdout)");
  app.add_option("-n,--threads", o.threads, "signing threads (default: all cores)");
  app.add_flag("-q,--quiet", o.quiet, "print nothing but errors");
  app.add_flag("-v,--verbose", o.verbose, "say what was done");
  app.set_version_flag("--version", std::string(kTool) + " " + SIGNET_VERSION);
  app.footer(kFooter);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return usage_error(e.what());
  }
  o.zonemd = app.count("--zonemd") > 0;

  if (o.verify_mode != "structure" && o.verify_mode != "full")
    return usage_error(fmt::format("bad value for --verify: '{}' (expected structure or full)", o.verify_mode));
  if (!o.stats.empty() && o.stats != "text" && o.stats != "json")
    return usage_error(fmt::format("bad value for --stats: '{}' (expected text or json)", o.stats));
  if (o.opt_out && !o.nsec3) return usage_error("-A/--opt-out needs -3/--nsec3");
  if (!o.nsec3 && (app.count("--salt") > 0 || app.count("--iterations") > 0))
    return usage_error("--salt and --iterations need -3/--nsec3");
  if (o.iterations > 65535) return usage_error("bad value for --iterations: more than 65535");
  if (o.output.empty()) o.output = o.zone_path + ".signed";
  if (o.output == "-" && o.stats == "json") return usage_error("--output - and --stats json both write to stdout; use one");
  if (o.output == "-" && !o.verify_with.empty())
    return usage_error("--verify-with checks the output file before it replaces the old one; it needs -f FILE, not --output -");

  dns::UnixTime now = 0;
  if (!o.now_text.empty()) {
    const auto t = signet::cli::parse_time(o.now_text);
    if (!t) return usage_error(fmt::format("bad value for --now: '{}' (expected YYYYMMDDHHMMSS or unix seconds)", o.now_text));
    now = *t;
  } else {
    now = signet::cli::current_time();
  }
  signer::SignOptions options;
  try {
    options = sign_options(o, now);
  } catch (const UsageError& e) {
    return usage_error(e.message);
  }
  if (o.nsec3 && (options.nsec3.iterations > 0 || !options.nsec3.salt.empty()) && !o.quiet)
    signet::cli::print_warning(kTool, "RFC 9276 recommends NSEC3 with 0 iterations and no salt");

  signet::zonefile::ParseOptions parse_options;
  if (!o.origin_text.empty()) {
    try {
      parse_options.origin = dns::Name::parse(o.origin_text);
    } catch (const Error& e) {
      return usage_error(fmt::format("bad value for --origin: '{}': {}", o.origin_text, e.message()));
    }
    parse_options.origin_given = true;
  }
  parse_options.threads = o.threads != 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  // The previous output (signatures to keep, the serial to continue from)
  // is parsed on another core while the input is. It is signet's own output,
  // with absolute names and its SOA first, so it needs no origin but -o.
  // Its text is kept: the lines of records that stay the same are copied
  // from it instead of being formatted again. The input is read by one
  // thread (two halves to join would cost more than they gain while the
  // other file keeps the other core busy); once the input is ready, this
  // thread reads part of what is left of the previous output
  // (SharedParse::help()). The previous output, in canonical order
  // already, is then indexed on all cores.
  std::unique_ptr<signet::zonefile::SharedParse> previous_text;  // outlives previous_parse
  std::future<signet::zonefile::ParseResult> previous_parse;
  signet::zonefile::ParseOptions input_options = parse_options;
  if (o.output != "-" && ::access(o.output.c_str(), F_OK) == 0) {
    input_options.threads = 1;
    signet::zonefile::ParseOptions options = parse_options;
    options.keep_source = true;
    options.finalize = false;
    previous_text = std::make_unique<signet::zonefile::SharedParse>(o.output, options);
    previous_parse = std::async(std::launch::async, [&text = *previous_text, cores = parse_options.threads] {
      signet::zonefile::ParseResult r = text.run();
      if (r.errors.empty()) r.zone.finalize(cores);
      return r;
    });
  }
  signet::zonefile::ParseResult input = signet::zonefile::parse_zone_file(o.zone_path, input_options);
  if (!input.ok()) {
    signet::cli::print_errors(kTool, input.errors);
    return kRefused;
  }
  const dns::Name origin = input.zone.origin();
  parse_options.origin = origin;
  parse_options.origin_given = true;

  LoadedKeys loaded;
  std::map<std::string, std::string> listed_paths;  // base name -> the path given, without suffix
  if (!o.key_paths.empty()) {
    std::vector<keys::DnssecKey> listed;
    for (const std::string& path : o.key_paths) {
      keys::DnssecKey k = keys::read_key(path);
      std::string base = path;
      for (std::string_view suffix : {".key", ".private"})
        if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0)
          base.resize(base.size() - suffix.size());
      if (!(k.zone == origin))
        throw Error(SourceLocation{base + ".key", 0, 0},
                    "the key is for zone " + k.zone.to_text() + ", not " + origin.to_text());
      listed_paths.emplace(k.base_name(), base);
      listed.push_back(std::move(k));
    }
    loaded.set = keys::KeySet(std::move(listed));
  } else {
    loaded.set = keys::KeySet::load(o.directory, origin);
    if (loaded.set.empty())
      throw Error(SourceLocation{o.directory, 0, 0}, "no key files for " + origin.to_text() + " in this directory");
  }
  const auto base_path = [&](const keys::DnssecKey& k) {
    const auto it = listed_paths.find(k.base_name());
    if (it != listed_paths.end()) return it->second;
    return o.directory == "." ? k.base_name() : o.directory + "/" + k.base_name();
  };
  for (const keys::DnssecKey& k : loaded.set.keys())
    if (!(k.zone == origin))
      throw Error(SourceLocation{base_path(k) + ".key", 0, 0},
                  "the key is for zone " + k.zone.to_text() + ", not " + origin.to_text());
  assign(loaded, now, base_path);
  options.jitter_seed = std::hash<std::string_view>{}(origin.lowercased().wire());
  // The zone to sign needs only the input: it is built while the previous
  // output is still being read, from the input itself (without a copy when
  // the input holds nothing to leave out or change).
  signer::PreparedZone prepared = signer::prepare_zone(std::move(input.zone), loaded.roles, options);

  std::optional<signet::zonefile::ParseResult> previous;
  if (previous_parse.valid()) {
    // This core is free now: it reads part of what is left of the previous output.
    if (parse_options.threads > 1) previous_text->help();
    previous = previous_parse.get();
    const char* problem = !previous->ok()                    ? "the previous output does not parse"
                          : !(previous->zone.origin() == origin) ? "the previous output is for another zone"
                                                                 : nullptr;
    if (problem != nullptr) {
      if (!o.quiet)
        signet::cli::print_warning(SourceLocation{o.output, 0, 0}, std::string(problem) + "; signing from scratch");
      previous.reset();
    }
  }

  // The gate: nothing is written unless the result passes the checks.
  // Structure problems the signer carries through unchanged (occluded data
  // and glue stay unsigned, as RFC 4035 2.2 says) do not stop it: they are
  // shown, not fatal. Everything else that is an error refuses the output.
  signet::zonefile::WriteOptions wo;
  wo.threads = o.threads;
  if (previous && previous->source) {
    wo.reuse_zone = &previous->zone;
    wo.reuse_source = previous->source.get();
  }
  verifier::VerifyOptions vo;
  vo.now = now;
  vo.threads = o.threads;
  vo.verify_signatures = o.verify_mode == "full";
  const auto carried = [](std::string_view id) {
    return id == "occluded-data" || id == "ns-missing-glue" || id == "dname-has-descendants";
  };
  const auto fatal = [&](const verifier::Finding& f) {
    return f.severity == verifier::Severity::Error && !carried(f.check);
  };
  const auto fatal_count = [&](const verifier::VerifyReport& r) {
    return static_cast<std::size_t>(std::count_if(r.findings.begin(), r.findings.end(), fatal));
  };

  // Progress on a terminal only (a cron job's mail stays clean), for runs
  // long enough to wonder about.
  if (!o.quiet) options.progress = signet::cli::terminal_progress("signing", "signatures");
  // A re-sign in which the zone keeps its shape patches the previous output
  // (whose unchanged lines are then copied as they are); any other run
  // builds the signed zone anew.
  std::optional<signer::SignResult> patched;
  if (previous) patched = signer::patch_previous(prepared, previous->zone, loaded.roles, options);
  signer::SignResult result =
      patched ? std::move(*patched)
              : signer::sign_zone(std::move(prepared), previous ? &previous->zone : nullptr, loaded.roles, options);
  bool by_patch = patched.has_value();
  if (patched) wo.reuse_zone = wo.reuse_source != nullptr ? &result.zone : nullptr;

  // The text goes to a temporary file while the gate checks the zone on
  // another core; it is renamed over the output only once the gate (and
  // --verify-with) passed, and removed otherwise. Standard output and --plan
  // get nothing before the gate has passed.
  const bool to_file = o.output != "-" && !o.plan;
  StagedOutput staged;
  verifier::VerifyReport report;
  if (to_file) {
    std::future<verifier::VerifyReport> gate =
        std::async(std::launch::async, [&] { return verifier::verify(result.zone, vo); });
    staged.stage(result.zone, o.output, wo);
    // The previous output is not read again: its text and its cached pages
    // go now, while the gate may still run on the other core, rather than
    // at the rename that replaces the file.
    if (previous && staged.temp) {
      wo.reuse_zone = nullptr;
      wo.reuse_source = nullptr;
      previous->source.reset();
      signet::cli::drop_cached_pages(o.output);
    }
    report = gate.get();
  } else {
    report = verifier::verify(result.zone, vo);
  }
  // Signatures kept from the previous output are trusted, not re-verified
  // (verifying costs more than signing). If that file was damaged on disk,
  // the check finds it; signing from scratch repairs it instead of refusing
  // on every run from now on.
  if (previous && fatal_count(report) > 0) {
    if (!o.quiet)
      signet::cli::print_warning(SourceLocation{o.output, 0, 0},
                                 "the signed zone built on the previous output fails the checks; signing from scratch");
    staged.temp.reset();  // its temporary file goes
    wo.reuse_zone = nullptr;
    wo.reuse_source = nullptr;
    // The input was taken by prepare_zone(): it is read again.
    input = signet::zonefile::parse_zone_file(o.zone_path, parse_options);
    if (!input.ok()) {
      signet::cli::print_errors(kTool, input.errors);
      return kRefused;
    }
    result = signer::sign_zone(input.zone, nullptr, loaded.roles, options);
    by_patch = false;
    report = verifier::verify(result.zone, vo);
    if (to_file && fatal_count(report) == 0) staged.stage(result.zone, o.output, wo);
  }
  const std::size_t errors = fatal_count(report);
  for (const verifier::Finding& f : report.findings)
    if ((errors > 0 ? f.severity == verifier::Severity::Error : !fatal(f)) &&
        f.severity != verifier::Severity::Info && (errors > 0 || !o.quiet))
      fmt::print(stderr, "{}\n", signet::cli::format_finding(f));
  if (errors > 0) {
    signet::cli::print_error(kTool, fmt::format("the signed zone failed {} check{}; {} was not written", errors,
                                                errors == 1 ? "" : "s", o.output));
    return kRefused;
  }

  const std::string zone_name = origin.to_text();
  if (o.plan) {
    print_plan(result.stats, zone_name);
    return kOk;
  }
  bool written = false;
  if (!to_file) {
    signet::zonefile::write_zone_chunked(result.zone, kChunk, [](std::string_view piece) {
      return std::fwrite(piece.data(), 1, piece.size(), stdout) == piece.size();
    }, wo);
    written = true;
  } else if (staged.temp) {
    if (!o.verify_with.empty()) {
      const int status = signet::cli::run_check_command(o.verify_with, staged.temp->temp_path());
      if (status != 0) {
        signet::cli::print_error(kTool, fmt::format("--verify-with command exited with status {}; {} was not written",
                                                    status, o.output));
        return kRefused;
      }
    }
    staged.temp->commit();
    written = true;
  }
  if (o.stats == "json") fmt::print("{}", stats_json(result.stats, zone_name, written));
  else if ((o.stats == "text" || o.verbose) && !o.quiet) print_stats_text(result.stats, zone_name);
  if (o.verbose && !o.quiet) {
    if (written && o.output != "-") fmt::print(stderr, "wrote {}\n", o.output);
    else if (!written) fmt::print(stderr, "{} is up to date\n", o.output);
    if (by_patch)
      fmt::print(stderr, "patched the previous output: the zone kept its names and types\n");
    else if (previous)
      fmt::print(stderr, "signed anew beside the previous output: names or types changed (or the denial settings)\n");
    if (result.stats.next_refresh)
      fmt::print(stderr, "next run due before: {}\n", time_text(*result.stats.next_refresh));
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // A re-sign allocates and frees big buffers phase after phase (two parsed
  // files, their indexes, the patch, the gate) on several threads. One heap
  // that keeps what is freed hands the same pages to the next phase, instead
  // of returning them to the kernel and taking the page faults again: about
  // a third fewer page faults and 4-5% off the 100k-name re-signs. A full
  // sign keeps its time; its peak RSS moves by about 10 MiB (NSEC up, NSEC3
  // down). Set before any thread starts (set later, in run(), the re-sign
  // gained nothing in interleaved runs).
  ::mallopt(M_ARENA_MAX, 1);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
  return signet::cli::guarded_main(kTool, kRefused, [&] { return run(argc, argv); });
}

