// SPDX-License-Identifier: MIT
// signet-keygen: make one DNSSEC key pair for a zone, with BIND timing
// metadata, write K<zone>+<alg>+<tag>.key/.private into a key directory
// (never overwriting, avoiding key tags already used there) and print the base
// name. Exits 0 (ok), 1 (could not make the key) or 2 (bad usage). See signet-keygen(1).
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/errors.hpp"
#include "cli/time.hpp"
#include "cli/timespec.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/private_key.hpp"
#include "signet/keys/key_file.hpp"
#include "signet/keys/key_set.hpp"
#include "signet/zonefile/rdata_text.hpp"

namespace {

namespace crypto = signet::crypto;
namespace keys = signet::keys;
using signet::Error;
constexpr std::string_view kTool = "signet-keygen";
constexpr int kOk = 0, kFailed = 1, kUsage = 2;
constexpr int kMaxAttempts = 32;  // key tag collisions are rare: 32 in a row means something is wrong

constexpr const char* kFooter = R"(Times (-P -A -I -D --sync-publish --sync-delete --now) are YYYYMMDDHHMMSS in
UTC, unix seconds, or relative to now: +30d, -1h, now, now+1w (units s m h d w).
Without -P and -A the key is published and active now; with only -A it is
published when it activates.

Examples:
  signet-keygen -K keys --ksk example.com             a KSK (ECDSAP256SHA256)
  signet-keygen -K keys example.com                    a ZSK
  signet-keygen -K keys -a RSASHA256 -b 3072 example.com
  signet-keygen -K keys -I +90d -D +97d example.com    a ZSK that retires in 90 days
  signet-keygen -K keys -S keys/Kexample.com.+013+12345 its successor (pre-publish rollover)
  signet-keygen -K keys --ksk --import 4f2a...c1.pem example.com   key files for a key from Knot's keystore

Exit status: 0 key written, 1 could not make the key (unreadable key
directory, bad predecessor, tag collisions), 2 bad usage. See signet-keygen(1).)";

int usage_error(std::string_view message) {
  signet::cli::print_error(kTool, fmt::format("{}; run 'signet-keygen --help' for usage", message));
  return kUsage;
}

// A timing option: its flag, the text given, and where the value goes.
struct TimeOption {
  std::string_view flag;
  std::string text;
  std::optional<keys::UnixTime> keys::KeyTiming::*member;
};

// Checks that the set times come in the order a key lives through them.
std::optional<std::string> check_order(const keys::KeyTiming& t) {
  struct Step {
    std::string_view name;
    std::optional<keys::UnixTime> keys::KeyTiming::*member;
  };
  static constexpr Step kLife[] = {{"publish", &keys::KeyTiming::publish},
                                   {"activate", &keys::KeyTiming::activate},
                                   {"inactive", &keys::KeyTiming::inactive},
                                   {"delete", &keys::KeyTiming::deleted}};
  static constexpr Step kSync[] = {{"sync-publish", &keys::KeyTiming::sync_publish},
                                   {"sync-delete", &keys::KeyTiming::sync_delete}};
  auto check = [&](std::span<const Step> steps) -> std::optional<std::string> {
    for (std::size_t i = 0; i < steps.size(); ++i)
      for (std::size_t j = i + 1; j < steps.size(); ++j)
        if (t.*steps[i].member && t.*steps[j].member && *(t.*steps[j].member) < *(t.*steps[i].member))
          return fmt::format("the {} time ({}) is before the {} time ({})", steps[j].name,
                             keys::format_timestamp(*(t.*steps[j].member)), steps[i].name,
                             keys::format_timestamp(*(t.*steps[i].member)));
    return std::nullopt;
  };
  if (auto why = check(kLife)) return why;
  return check(kSync);
}

// True when `candidate`'s tag, or its tag once revoked, is the tag or revoked
// tag of any key of the zone in the directory (of any algorithm).
bool collides(const keys::KeySet& existing, const keys::DnssecKey& candidate) {
  const std::uint16_t t = candidate.key_tag(), r = candidate.revoked_key_tag();
  for (const keys::DnssecKey& k : existing.keys()) {
    const std::uint16_t kt = k.key_tag(), kr = k.revoked_key_tag();
    if (kt == t || kt == r || kr == t || kr == r) return true;
  }
  return false;
}

// --import: key files for an existing PEM private key. The algorithm comes from
// the key (an RSA key needs -a: the same key serves RSASHA256 and RSASHA512).
int import_key(const std::string& path, const std::string& algorithm_text, const signet::dns::Name& zone, bool ksk,
               keys::KeyTiming timing, std::int64_t now, std::optional<std::uint32_t> ttl,
               const std::string& directory) {
  std::optional<std::uint8_t> number;
  if (!algorithm_text.empty()) {
    const crypto::Algorithm* a = crypto::find_algorithm(algorithm_text);
    if (a == nullptr) return usage_error(fmt::format("unknown or unsupported algorithm '{}'", algorithm_text));
    number = a->number;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    signet::cli::print_error(kTool, Error(signet::SourceLocation{path, 0, 0}, "cannot read the PEM file"));
    return kFailed;
  }
  std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!timing.publish && !timing.activate) timing.publish = timing.activate = now;
  else if (!timing.publish) timing.publish = timing.activate;
  timing.created = now;
  if (auto why = check_order(timing)) return usage_error(*why);
  keys::DnssecKey key = keys::import_pem_key(pem, path, zone, ksk ? 257 : 256, number, timing);
  std::fill(pem.begin(), pem.end(), '\0');
  if (ttl) key.ttl = ttl;
  crypto::require_signing(*crypto::find_algorithm(key.algorithm));
  if (collides(keys::KeySet::load(directory, zone), key)) {
    signet::cli::print_error(kTool, fmt::format("the key tag of {} (or its revoked tag) is already used by a key of {} "
                                                "in {}; a resolver could not tell them apart",
                                                key.base_name(), zone.to_text(), directory));
    return kFailed;
  }
  keys::write_key(key, directory);
  fmt::print("{}\n", key.base_name());
  return kOk;
}

int run(int argc, char** argv) {
  CLI::App app{"Make a DNSSEC key pair (BIND key files with timing metadata) and print its base name.",
               std::string(kTool)};
  std::string zone_text, algorithm_text, directory = ".", ttl_text, now_text, successor, import_path;
  std::optional<unsigned> bits;
  bool ksk = false;
  std::vector<TimeOption> times = {{"--publish", {}, &keys::KeyTiming::publish},
                                   {"--activate", {}, &keys::KeyTiming::activate},
                                   {"--inactive", {}, &keys::KeyTiming::inactive},
                                   {"--delete", {}, &keys::KeyTiming::deleted},
                                   {"--sync-publish", {}, &keys::KeyTiming::sync_publish},
                                   {"--sync-delete", {}, &keys::KeyTiming::sync_delete}};
  app.add_option("ZONE", zone_text, "the zone the key is for (may be left out with -S)");
  app.add_option("-a,--algorithm", algorithm_text, "algorithm mnemonic or number (default ECDSAP256SHA256)");
  app.add_option("-b,--bits", bits, "RSA modulus size, 1024..4096 (default 2048)");
  app.add_flag("--ksk", ksk, "make a key-signing key (flags 257, SEP) instead of a zone-signing key (256)");
  app.add_option("-K,--directory", directory, "key directory (default: the current one)");
  app.add_option("-L,--ttl", ttl_text, "TTL of the DNSKEY record in the .key file (seconds or 1h, 1d, ...)");
  app.add_option("-P,--publish", times[0].text, "when the key enters the DNSKEY RRset");
  app.add_option("-A,--activate", times[1].text, "when the key starts signing");
  app.add_option("-I,--inactive", times[2].text, "when the key stops signing");
  app.add_option("-D,--delete", times[3].text, "when the key leaves the DNSKEY RRset");
  app.add_option("--sync-publish", times[4].text, "when CDS/CDNSKEY for the key may be published");
  app.add_option("--sync-delete", times[5].text, "when CDS/CDNSKEY for the key are withdrawn");
  app.add_option("--now", now_text, "the current time: YYYYMMDDHHMMSS (UTC) or unix seconds (default: the clock)");
  app.add_option("-S,--successor", successor,
                 "make the successor of this key: same zone, algorithm and role, published now, active when it "
                 "goes inactive");
  app.add_option("--import", import_path,
                 "make the key files from this PKCS#8 PEM private key (e.g. from Knot's keystore) instead of a new key");
  app.set_version_flag("--version", std::string(kTool) + " " + SIGNET_VERSION);
  app.footer(kFooter);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return usage_error(e.what());
  }

  std::int64_t now = 0;
  if (now_text.empty()) {
    now = signet::cli::current_time();
  } else if (auto t = signet::cli::parse_time(now_text)) {
    now = *t;
  } else {
    return usage_error(fmt::format("bad value for --now: '{}' (expected YYYYMMDDHHMMSS or unix seconds)", now_text));
  }
  keys::KeyTiming timing;
  for (const TimeOption& option : times) {
    if (option.text.empty()) continue;
    const auto t = signet::cli::parse_timespec(option.text, now);
    if (!t)
      return usage_error(fmt::format("bad value for {}: '{}' (expected YYYYMMDDHHMMSS, unix seconds, +30d or now+1w)",
                                     option.flag, option.text));
    timing.*option.member = *t;
  }
  std::optional<std::uint32_t> ttl;
  if (!ttl_text.empty()) {
    std::uint32_t value = 0;
    if (!signet::zonefile::parse_ttl(ttl_text, value))
      return usage_error(fmt::format("bad value for --ttl: '{}' (expected seconds or a duration such as 1h)", ttl_text));
    ttl = value;
  }

  // The predecessor decides zone, algorithm and role for -S.
  std::optional<keys::DnssecKey> predecessor;
  if (!successor.empty()) {
    try {
      predecessor = keys::read_key(successor);
    } catch (const Error& e) {
      signet::cli::print_error(kTool, e);
      return kFailed;
    }
    if (!predecessor->timing.inactive) {
      signet::cli::print_error(kTool, fmt::format("{} has no Inactive time; set one first (the successor activates then)",
                                                  predecessor->base_name()));
      return kFailed;
    }
    if (!import_path.empty()) return usage_error("--import and -S do not go together");
    if (!algorithm_text.empty() || bits || ksk || !times[1].text.empty())
      return usage_error("-S takes the algorithm, size, role and activation time from the predecessor; "
                         "drop -a, -b, --ksk and -A");
  }

  signet::dns::Name zone;
  if (!zone_text.empty()) {
    try {
      zone = signet::dns::Name::parse(zone_text);
    } catch (const Error& e) {
      return usage_error(fmt::format("bad zone name '{}': {}", zone_text, e.message()));
    }
    if (predecessor && !(zone == predecessor->zone))
      return usage_error(fmt::format("{} is a key of {}, not {}", predecessor->base_name(),
                                     predecessor->zone.to_text(), zone.to_text()));
  } else if (predecessor) {
    zone = predecessor->zone;
  } else {
    return usage_error("no zone given");
  }

  if (!import_path.empty()) {
    if (bits) return usage_error("-b does not apply to --import: the key has its size");
    return import_key(import_path, algorithm_text, zone, ksk, timing, now, ttl, directory);
  }
  const crypto::Algorithm* algorithm = nullptr;
  if (predecessor) algorithm = crypto::find_algorithm(predecessor->algorithm);
  else algorithm = crypto::find_algorithm(algorithm_text.empty() ? std::string_view("ECDSAP256SHA256") : algorithm_text);
  if (algorithm == nullptr) return usage_error(fmt::format("unknown or unsupported algorithm '{}'", algorithm_text));
  try {
    crypto::require_signing(*algorithm);
  } catch (const Error& e) {
    return usage_error(e.message());
  }
  const bool rsa = algorithm->family == crypto::KeyFamily::Rsa;
  if (bits && !rsa) return usage_error(fmt::format("-b applies to RSA keys only; {} has a fixed size", algorithm->mnemonic));
  if (bits && (*bits < crypto::kMinGenerateRsaBits || *bits > crypto::kMaxGenerateRsaBits))
    return usage_error(fmt::format("bad value for --bits: {} (RSA keys are {}..{} bits)", *bits,
                                   crypto::kMinGenerateRsaBits, crypto::kMaxGenerateRsaBits));
  unsigned size = bits.value_or(2048);
  std::uint16_t flags = ksk ? 257 : 256;
  if (predecessor) {
    flags = predecessor->is_ksk() ? 257 : 256;
    if (rsa) size = crypto::PublicKey::from_dnskey(*algorithm, predecessor->public_key).bits();
    if (!timing.publish) timing.publish = now;
    timing.activate = predecessor->timing.inactive;
  } else if (!timing.publish && !timing.activate) {
    timing.publish = timing.activate = now;
  } else if (!timing.publish) {
    timing.publish = timing.activate;
  }
  timing.created = now;
  if (auto why = check_order(timing)) return usage_error(*why);

  const keys::KeySet existing = keys::KeySet::load(directory, zone);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    keys::DnssecKey key = keys::make_key(zone, flags, crypto::PrivateKey::generate(*algorithm, size), timing, ttl);
    if (collides(existing, key)) continue;  // its tag (or revoked tag) is taken: make another
    keys::write_key(key, directory);
    fmt::print("{}\n", key.base_name());
    return kOk;
  }
  signet::cli::print_error(kTool, fmt::format("{} keys in a row had key tags already used in {}; giving up",
                                              kMaxAttempts, directory));
  return kFailed;
}

}  // namespace

int main(int argc, char** argv) {
  return signet::cli::guarded_main(kTool, kFailed, [&] { return run(argc, argv); });
}

