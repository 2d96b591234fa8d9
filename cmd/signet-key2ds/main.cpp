// SPDX-License-Identifier: MIT
// signet-key2ds: DS (or CDS, CDNSKEY, registrar form) records for DNSKEYs read
// from .key files or from zone files. Prints nothing unless every input is
// good; exits 0 (ok), 1 (bad input) or 2 (bad usage). See signet-key2ds(1).
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/errors.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/ds_digest.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/public_key.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/keys/key_file.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/rdata_text.hpp"

namespace {

namespace crypto = signet::crypto;
namespace dns = signet::dns;
using signet::Error;
using signet::SourceLocation;
constexpr std::string_view kTool = "signet-key2ds";
constexpr int kOk = 0, kBadInput = 1, kUsage = 2;

constexpr const char* kFooter = R"(Examples:
  signet-key2ds Kexample.com.+013+12345.key          DS (SHA-256) for one key
  signet-key2ds -a SHA-256 -a SHA-384 K*.key          two digests per key
  signet-key2ds -f example.com.zone                    DS for the zone's SEP keys
  dig example.com DNSKEY | signet-key2ds -f -          the same from a live answer
  signet-key2ds --registrar Kexample.com.+013+12345.key

Exit status: 0 ok, 1 bad input (unreadable file, bad key), 2 bad usage.
See signet-key2ds(1).)";

// One DNSKEY to print: where it came from, its owner and its rdata.
struct Key {
  SourceLocation where;
  dns::Name owner;
  std::vector<std::uint8_t> rdata;
};

int usage_error(std::string_view message) {
  signet::cli::print_error(kTool, fmt::format("{}; run 'signet-key2ds --help' for usage", message));
  return kUsage;
}

std::string read_file(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw Error(SourceLocation{path, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) throw Error(SourceLocation{path, 0, 0}, "read error");
  return text;
}

// Line of the first line that is neither blank nor a comment (the record of a .key file).
std::uint32_t record_line(std::string_view text) {
  std::uint32_t line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view l = text.substr(pos, end - pos);
    const std::size_t first = l.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && l[first] != ';') return line;
    pos = end + 1;
  }
  return 0;
}

// Checks what signet-key2ds demands of every DNSKEY: protocol 3, the zone-key
// flag, a supported algorithm and a well-formed public key.
void check_key(const Key& key) {
  const auto& r = key.rdata;
  if (r.size() < 4) throw Error(key.where, "DNSKEY rdata is too short");
  if (r[2] != 3) throw Error(key.where, fmt::format("DNSKEY protocol is {}, RFC 4034 requires 3", r[2]));
  const unsigned flags = (r[0] << 8) | r[1];
  if ((flags & crypto::dnskey_flag::ZONE) == 0)
    throw Error(key.where, fmt::format("DNSKEY flags {} lack the Zone Key bit (RFC 4034 2.1.1): not a zone key", flags));
  try {
    (void)crypto::PublicKey::from_dnskey_rdata(r);
  } catch (const Error& e) {
    throw Error(key.where, e.message());
  }
}

bool is_revoked(const Key& key) { return (key.rdata[1] & crypto::dnskey_flag::REVOKE) != 0; }
bool is_sep(const Key& key) { return (key.rdata[1] & crypto::dnskey_flag::SEP) != 0; }

void read_key_file(const std::string& path, std::vector<Key>& out) {
  const std::string text = read_file(path);
  const signet::keys::DnssecKey parsed = signet::keys::parse_public_key_file(text, path);
  Key key{SourceLocation{path, record_line(text), 0}, parsed.zone, parsed.dnskey_rdata()};
  check_key(key);
  if (is_revoked(key)) {
    fmt::print(stderr, "{}: warning: key {} is revoked; no DS printed for it\n", signet::format_location(key.where),
               crypto::key_tag(key.rdata));
    return;
  }
  out.push_back(std::move(key));
}

void read_zone_file(const std::string& path, const std::optional<dns::Name>& origin, bool all, std::vector<Key>& out,
                    std::vector<Error>& errors) {
  signet::zonefile::ParseOptions options;
  options.default_ttl = 3600;  // DNSKEY lists (dig output, key files) often have no $TTL
  if (origin) {
    options.origin = *origin;
    options.origin_given = true;
  }
  signet::zonefile::ParseResult parsed;
  if (path == "-") parsed = signet::zonefile::parse_zone_text(read_file(path), "<stdin>", options);
  else parsed = signet::zonefile::parse_zone_file(path, options);
  if (!parsed.ok()) {
    errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
    return;
  }
  const dns::Zone& zone = parsed.zone;
  std::size_t found = 0;
  for (const dns::Record& rr : zone.records()) {
    if (rr.type != dns::rrtype::DNSKEY) continue;
    const auto rdata = zone.rdata(rr);
    const std::string& file = rr.file < zone.files().size() ? zone.files()[rr.file] : path;
    Key key{SourceLocation{file, rr.line, 0}, dns::Name(zone.owner(rr)), {rdata.begin(), rdata.end()}};
    try {
      check_key(key);
    } catch (const Error& e) {
      errors.push_back(e);
      continue;
    }
    ++found;
    if (is_revoked(key) || (!all && !is_sep(key))) continue;
    out.push_back(std::move(key));
  }
  if (found == 0) errors.emplace_back(SourceLocation{path == "-" ? "<stdin>" : path, 0, 0}, "no DNSKEY records found");
}

std::string base64_key(const Key& key) {
  std::string text;
  signet::zonefile::print_rdata(dns::rrtype::DNSKEY, key.rdata, text);
  // "flags protocol algorithm key...": the key is everything after the third field.
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) pos = text.find(' ', pos) + 1;
  std::string out;
  for (char c : std::string_view(text).substr(pos))
    if (c != ' ') out += c;
  return out;
}

std::vector<std::uint8_t> ds_rdata(const Key& key, std::uint8_t digest_type) {
  const std::uint16_t tag = crypto::key_tag(key.rdata);
  std::vector<std::uint8_t> rdata{static_cast<std::uint8_t>(tag >> 8), static_cast<std::uint8_t>(tag & 0xff),
                                  key.rdata[3], digest_type};
  const auto digest = crypto::ds_digest(key.owner, key.rdata, digest_type);
  rdata.insert(rdata.end(), digest.begin(), digest.end());
  return rdata;
}

enum class Form { Ds, Cds, Cdnskey, Registrar };

std::string format_output(const std::vector<Key>& keys, const std::vector<const crypto::DsDigestType*>& digests,
                          Form form, const std::optional<std::uint32_t>& ttl) {
  const std::string ttl_text = ttl ? fmt::format("{} ", *ttl) : std::string();
  std::string out;
  for (const Key& key : keys) {
    const std::string owner = key.owner.to_text();
    if (form == Form::Cdnskey) {
      std::string rdata;
      signet::zonefile::print_rdata(dns::rrtype::CDNSKEY, key.rdata, rdata);
      out += fmt::format("{} {}IN CDNSKEY {}\n", owner, ttl_text, rdata);
      continue;
    }
    for (const crypto::DsDigestType* d : digests) {
      const auto rdata = ds_rdata(key, d->number);
      if (form == Form::Registrar) {
        std::string hex;
        for (std::size_t i = 4; i < rdata.size(); ++i) hex += fmt::format("{:02X}", rdata[i]);
        const unsigned flags = (key.rdata[0] << 8) | key.rdata[1];
        out += fmt::format(
            "Domain: {}\nKey tag: {}\nAlgorithm: {} ({})\nDigest type: {} ({})\nDigest: {}\nFlags: {}\n"
            "Protocol: {}\nPublic key: {}\n\n",
            owner, crypto::key_tag(key.rdata), key.rdata[3], crypto::algorithm_to_text(key.rdata[3]), d->number,
            d->mnemonic, hex, flags, key.rdata[2], base64_key(key));
        continue;
      }
      const std::uint16_t type = form == Form::Cds ? dns::rrtype::CDS : dns::rrtype::DS;
      std::string text;
      signet::zonefile::print_rdata(type, rdata, text);
      out += fmt::format("{} {}IN {} {}\n", owner, ttl_text, form == Form::Cds ? "CDS" : "DS", text);
    }
  }
  return out;
}

int run(int argc, char** argv) {
  CLI::App app{"Print DS records (or CDS, CDNSKEY, or registrar fields) for DNSSEC keys.", std::string(kTool)};
  std::vector<std::string> inputs, zone_files, digest_names;
  std::string origin_text;
  std::optional<std::uint32_t> ttl;
  bool all = false, cds = false, cdnskey = false, registrar = false;
  app.add_option("INPUT", inputs, "K<zone>+<alg>+<tag>.key files");
  app.add_option("-f,--zone-file", zone_files, "read DNSKEY records from a zone file; - reads standard input (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-o,--origin", origin_text, "origin for relative names in zone files without $ORIGIN");
  app.add_flag("--all", all, "with -f: every zone key, not only the SEP (KSK) keys");
  app.add_option("-a,--digest", digest_names, "digest type: SHA-256 (default), SHA-384, or SHA-1 (deprecated); repeatable")
      ->allow_extra_args(false);
  app.add_option("-T,--ttl", ttl, "TTL to print in each record (default: none)");
  auto* cds_flag = app.add_flag("--cds", cds, "print CDS records (RFC 7344) instead of DS");
  auto* cdnskey_flag = app.add_flag("--cdnskey", cdnskey, "print CDNSKEY records (RFC 7344) instead of DS");
  auto* registrar_flag = app.add_flag("--registrar", registrar, "print labelled fields as registrar web forms ask");
  cds_flag->excludes(cdnskey_flag)->excludes(registrar_flag);
  cdnskey_flag->excludes(registrar_flag);
  app.set_version_flag("--version", std::string(kTool) + " " + SIGNET_VERSION);
  app.footer(kFooter);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return usage_error(e.what());
  }
  if (inputs.empty() && zone_files.empty()) return usage_error("no input: give .key files or -f ZONEFILE");
  if (cdnskey && !digest_names.empty()) return usage_error("--cdnskey prints keys, not digests; drop -a");
  if (digest_names.empty()) digest_names.push_back("SHA-256");
  std::vector<const crypto::DsDigestType*> digests;
  for (const std::string& name : digest_names) {
    const crypto::DsDigestType* d = crypto::find_ds_digest_type(name);
    if (d == nullptr)
      return usage_error(fmt::format("bad value for --digest: '{}' (expected SHA-256, SHA-384 or SHA-1)", name));
    if (d->number == crypto::ds_digest_type::SHA_1)
      fmt::print(stderr, "{}: warning: SHA-1 DS digests must not be used (RFC 8624 3.3); use SHA-256\n", kTool);
    digests.push_back(d);
  }
  std::optional<dns::Name> origin;
  if (!origin_text.empty()) {
    try {
      origin = dns::Name::parse(origin_text);
    } catch (const Error& e) {
      return usage_error(fmt::format("bad value for --origin: '{}': {}", origin_text, e.message()));
    }
  }

  std::vector<Key> keys;
  std::vector<Error> errors;
  for (const std::string& path : inputs) {
    try {
      read_key_file(path, keys);
    } catch (const Error& e) {
      errors.push_back(e);
    }
  }
  for (const std::string& path : zone_files) {
    try {
      read_zone_file(path, origin, all, keys, errors);
    } catch (const Error& e) {
      errors.push_back(e);
    }
  }
  if (!errors.empty()) {
    signet::cli::print_errors(kTool, errors);
    return kBadInput;
  }
  const Form form = cds ? Form::Cds : cdnskey ? Form::Cdnskey : registrar ? Form::Registrar : Form::Ds;
  fmt::print("{}", format_output(keys, digests, form, ttl));
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  return signet::cli::guarded_main(kTool, kBadInput, [&] { return run(argc, argv); });
}

