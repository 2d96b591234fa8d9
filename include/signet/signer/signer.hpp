// SPDX-License-Identifier: MIT
// The signing engine: from an unsigned zone, the keys that are published and
// active at `now`, and (optionally) the previous signed version, it builds the
// signed zone: DNSKEY/CDS/CDNSKEY/NSEC3PARAM at the apex, the NSEC or NSEC3
// chain, RRSIGs (reusing every previous signature that is still good, see
// below), the SOA serial and ZONEMD. Signs on all cores. It never reads the
// clock, never prints and writes no files; the verifier gates its output and
// the binary writes it.
//
// Reuse (incremental re-signing): a previous RRSIG is kept when its RRset is
// unchanged (same records in canonical form, same TTL), its key is still
// signing, and it is valid from now until more than `refresh` seconds from now.
// A re-sign in which the zone keeps its shape can patch the previous signed
// zone instead of building it anew (patch_previous(), below): the same
// decisions, the same result, touching only what changed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "signet/dns/timestamp.hpp"
#include "signet/dns/zone.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/keys/key.hpp"

namespace signet::signer {

enum class Denial : std::uint8_t { Nsec, Nsec3 };
enum class SerialPolicy : std::uint8_t { Keep, Increment, UnixTime, Date };

struct SignOptions {
  dns::UnixTime now = 0;
  std::uint32_t inception_offset = 3600;          // inception = now - offset (-s)
  std::uint32_t validity = 14 * 86400;            // expiration = now + validity (-e as a duration)
  std::optional<dns::UnixTime> expiration;        // absolute expiration (-e as a time); wins over validity
  std::uint32_t jitter = 0;                       // expirations spread over [exp - jitter, exp] (-j)
  std::optional<std::uint32_t> refresh;           // default validity / 4 (--refresh)
  std::uint64_t jitter_seed = 0;                  // randomness comes in from the caller
  Denial denial = Denial::Nsec;
  dnssec::Nsec3Params nsec3;                      // flags ignored
  bool opt_out = false;
  SerialPolicy serial = SerialPolicy::Keep;
  std::vector<std::uint8_t> cds_digest_types = {2};  // SHA-256
  bool cds_delete = false;                        // RFC 8078 delete form instead of CDS/CDNSKEY of keys
  std::optional<std::uint8_t> zonemd_hash;        // dnssec::kZonemdSha384/512; nullopt: no ZONEMD
  unsigned threads = 0;                           // 0 = all cores
  // Called now and then while signatures are made, from one signing thread,
  // with (signatures made so far, signatures to make). It must be cheap; the
  // library itself never prints.
  std::function<void(std::size_t, std::size_t)> progress;
};

// The keys at `now`, as KeySet (or a list of key files) decides them.
struct SignKeys {
  std::vector<const keys::DnssecKey*> published;  // go into the DNSKEY RRset
  std::vector<const keys::DnssecKey*> signing;    // have private keys and sign (KSK: DNSKEY/CDS/CDNSKEY; ZSK: rest)
  std::vector<const keys::DnssecKey*> sync;       // between SyncPublish and SyncDelete: CDS/CDNSKEY are made for these
};

struct SignStats {
  std::size_t signatures_kept = 0, signatures_made = 0, signatures_dropped = 0;
  std::size_t rrsets_signed = 0;                  // RRsets that carry signatures in the result
  std::uint32_t serial_before = 0, serial_after = 0;
  bool changed = false;                           // the result differs from `previous` (or there was none)
  // The earliest time a kept or made signature enters the refresh window
  // (expiration - refresh): the latest safe time for the next run.
  std::optional<dns::UnixTime> next_refresh;
  std::vector<std::string> keys_added, keys_removed;  // DNSKEY RRset changes, as key base names or "tag/alg"
};

struct SignResult {
  dns::Zone zone;  // finalized, canonical order
  SignStats stats;
};

// `input` is the finalized unsigned zone as read (it may hold DNSSEC records:
// DNSKEYs without private keys are kept, RRSIG/NSEC/NSEC3/NSEC3PARAM/CDS/
// CDNSKEY/ZONEMD are replaced, and its RRSIGs count as previous signatures).
// `previous`, when given, is the last signed output. Throws signet::Error for
// refusals (no key able to sign, a key of another zone, a CNAME with other data,
// records outside the zone) with a sentence naming the problem.
SignResult sign_zone(const dns::Zone& input, const dns::Zone* previous, const SignKeys& keys,
                     const SignOptions& options);

namespace detail {
struct Prepared;
}

// The part of sign_zone() that needs only the input: the refusals and the
// zone to sign (the input's data and the new apex records), ordered. Made
// apart so that a caller can build it while the previous output is still
// being read. `input` must outlive the result.
class PreparedZone {
 public:
  PreparedZone(PreparedZone&&) noexcept;
  PreparedZone& operator=(PreparedZone&&) noexcept;
  ~PreparedZone();

 private:
  explicit PreparedZone(std::unique_ptr<detail::Prepared> state);
  std::unique_ptr<detail::Prepared> state_;
  friend PreparedZone prepare_zone(const dns::Zone&, const SignKeys&, const SignOptions&);
  friend PreparedZone prepare_zone(dns::Zone&&, const SignKeys&, const SignOptions&);
  friend SignResult sign_zone(PreparedZone, const dns::Zone*, const SignKeys&, const SignOptions&);
  friend std::optional<SignResult> patch_previous(const PreparedZone&, dns::Zone&, const SignKeys&,
                                                  const SignOptions&);
};

// sign_zone(input, previous, keys, options) is
// sign_zone(prepare_zone(input, keys, options), previous, keys, options);
// both calls take the same keys and options.
PreparedZone prepare_zone(const dns::Zone& input, const SignKeys& keys, const SignOptions& options);
// The same, taking the input: an input with nothing to leave out or change
// (the common unsigned zone) becomes the zone to sign without a copy.
PreparedZone prepare_zone(dns::Zone&& input, const SignKeys& keys, const SignOptions& options);
SignResult sign_zone(PreparedZone prepared, const dns::Zone* previous, const SignKeys& keys,
                     const SignOptions& options);

// The same result as sign_zone(prepared, &previous, ...), made by patching
// `previous` (a finalized signed zone) in place: for a re-sign in which the
// zone keeps its shape (the same owner names, spelled the same, with the
// same types; the same denial mode, NSEC3 parameters and denial TTL; no
// ZONEMD; an unsigned input) only the records that differ and the
// signatures that are made are touched, and the denial chain is kept as it
// is (the caller's verification checks it). Returns the result with
// `previous` moved into it, or nullopt, with `previous` untouched, when the
// shape differs: then sign_zone() does the work. Records the patch
// replaces or adds have no source line (Record::line 0); the others keep
// theirs.
std::optional<SignResult> patch_previous(const PreparedZone& prepared, dns::Zone& previous, const SignKeys& keys,
                                         const SignOptions& options);

}  // namespace signet::signer
