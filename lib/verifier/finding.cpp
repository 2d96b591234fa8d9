// SPDX-License-Identifier: MIT
// The check table: one row per check id (kept in id order, which all_checks()
// promises and find_check's binary search relies on), plus severity names and
// the finding counts.
#include "signet/verifier/finding.hpp"

#include <algorithm>
#include <array>

namespace signet::verifier {
namespace {

constexpr std::array kChecks{
    CheckInfo{"apex-ns-missing", Severity::Error, "the zone apex has no NS RRset"},
    CheckInfo{"cds-inconsistent", Severity::Warning, "the CDS and CDNSKEY RRsets name different keys (RFC 7344 4)"},
    CheckInfo{"cds-mismatch", Severity::Error,
              "a CDS matches no DNSKEY of the zone, or a CDNSKEY is not in the DNSKEY RRset (RFC 7344 4.1)"},
    CheckInfo{"cname-multiple", Severity::Error, "a name has more than one CNAME record"},
    CheckInfo{"cname-with-other-data", Severity::Error,
              "a name has a CNAME and other data besides RRSIG, NSEC and NSEC3 (RFC 1034 3.6.2, RFC 2181 10.1)"},
    CheckInfo{"denial-missing", Severity::Error, "a signed zone has neither an NSEC nor an NSEC3 chain (RFC 4035 2.3)"},
    CheckInfo{"denial-mixed", Severity::Error, "a zone has both NSEC and NSEC3 records"},
    CheckInfo{"dname-has-descendants", Severity::Error, "a name with a DNAME has names below it (RFC 6672 2.3)"},
    CheckInfo{"dname-multiple", Severity::Error, "a name has more than one DNAME record (RFC 6672 2.4)"},
    CheckInfo{"dnskey-missing", Severity::Error, "the zone has DNSSEC records but no DNSKEY RRset at the apex"},
    CheckInfo{"dnskey-not-signed-by-sep", Severity::Error,
              "the DNSKEY RRset has no valid signature by a key with the SEP flag (RFC 6781 3.1)"},
    CheckInfo{"duplicate-record", Severity::Warning, "the same record (owner, class, type, rdata) appears twice"},
    CheckInfo{"ns-missing-glue", Severity::Error,
              "an NS target at or below its delegation has no A or AAAA glue record in the zone"},
    CheckInfo{"ns-target-missing-address", Severity::Warning,
              "an NS target in the zone's authoritative data has no A or AAAA record"},
    CheckInfo{"nsec-bitmap-mismatch", Severity::Error,
              "an NSEC type bitmap differs from the types at its name (RFC 4034 4.1.2)"},
    CheckInfo{"nsec-chain-broken", Severity::Error,
              "an NSEC next name is not the next name of the zone in canonical order, or the chain does not close at the apex"},
    CheckInfo{"nsec-missing", Severity::Error, "an authoritative name or delegation has no NSEC record (RFC 4035 2.3)"},
    CheckInfo{"nsec-unexpected", Severity::Error,
              "an NSEC record at glue, occluded data or a name that should have none"},
    CheckInfo{"nsec3-bitmap-mismatch", Severity::Error,
              "an NSEC3 type bitmap differs from the types at its original name (RFC 5155 3.2.1)"},
    CheckInfo{"nsec3-chain-broken", Severity::Error,
              "an NSEC3 next hashed owner is not the next hash of the chain, or the chain does not close"},
    CheckInfo{"nsec3-iterations", Severity::Warning, "NSEC3 uses extra iterations (RFC 9276 3.1: use 0)"},
    CheckInfo{"nsec3-missing", Severity::Error,
              "a name of the zone (or an empty non-terminal) has no NSEC3 for its hash (RFC 5155 7.1)"},
    CheckInfo{"nsec3-salt", Severity::Warning, "NSEC3 uses a salt (RFC 9276 3.1: use none)"},
    CheckInfo{"nsec3-unexpected", Severity::Error,
              "an NSEC3 whose hash matches no name of the zone, or that belongs to glue or occluded data"},
    CheckInfo{"nsec3param-mismatch", Severity::Error,
              "NSEC3PARAM missing or repeated, or NSEC3 parameters that differ from it (RFC 5155 4)"},
    CheckInfo{"occluded-data", Severity::Error,
              "data below a zone cut that is not glue, data at a cut other than NS/DS/NSEC/RRSIG/glue, or data below a DNAME"},
    CheckInfo{"out-of-zone", Severity::Error, "a record's owner is not at or below the zone origin"},
    CheckInfo{"rrset-algorithm-missing", Severity::Error,
              "an RRset is not signed with every algorithm of the DNSKEY RRset (RFC 4035 2.2, RFC 6840 5.11)"},
    CheckInfo{"rrset-ttl-mismatch", Severity::Warning, "the records of one RRset have different TTLs (RFC 2181 5.2)"},
    CheckInfo{"rrset-unsigned", Severity::Error,
              "an authoritative RRset (or a DS at a delegation) has no signature (RFC 4035 2.2)"},
    CheckInfo{"rrsig-bad-signature", Severity::Error, "a signature does not verify with the DNSKEY it names"},
    CheckInfo{"rrsig-expired", Severity::Error, "a signature's expiration time has passed"},
    CheckInfo{"rrsig-labels-mismatch", Severity::Error,
              "an RRSIG labels field does not match its owner name (RFC 4034 3.1.3)"},
    CheckInfo{"rrsig-malformed", Severity::Error, "RRSIG rdata that cannot be parsed"},
    CheckInfo{"rrsig-not-yet-valid", Severity::Error, "a signature's inception time is in the future"},
    CheckInfo{"rrsig-signer-mismatch", Severity::Error, "an RRSIG signer name is not the zone apex (RFC 4035 2.2)"},
    CheckInfo{"rrsig-ttl-mismatch", Severity::Error,
              "an RRSIG original TTL or record TTL differs from the TTL of the RRset it covers (RFC 4034 3)"},
    CheckInfo{"rrsig-unexpected", Severity::Error,
              "a signature over glue, occluded data, a delegation NS RRset, or a type absent at the name"},
    CheckInfo{"rrsig-unknown-key", Severity::Error, "no DNSKEY of the zone has an RRSIG's key tag and algorithm"},
    CheckInfo{"signature-expiry-before-soa-expire", Severity::Warning,
              "a signature expires before the SOA expire time plus the largest TTL: secondaries could serve it dead"},
    CheckInfo{"signature-expiry-critical", Severity::Error, "a signature expires within the --crit-expiry margin"},
    CheckInfo{"signature-expiry-warning", Severity::Warning, "a signature expires within the --warn-expiry margin"},
    CheckInfo{"soa-missing", Severity::Error, "the zone apex has no SOA record"},
    CheckInfo{"soa-multiple", Severity::Error, "the zone apex has more than one SOA record"},
    CheckInfo{"soa-not-at-apex", Severity::Error, "an SOA record is owned by a name other than the zone apex"},
    CheckInfo{"trust-anchor-mismatch", Severity::Error,
              "no --ds/--trust-anchor record matches a SEP key that signs the DNSKEY RRset"},
    CheckInfo{"zonemd-mismatch", Severity::Error, "the ZONEMD digest differs from the digest of the zone (RFC 8976 4)"},
    CheckInfo{"zonemd-missing", Severity::Error, "--require-zonemd was given and the zone has no ZONEMD record"},
    CheckInfo{"zonemd-serial-mismatch", Severity::Error, "the ZONEMD serial differs from the SOA serial (RFC 8976 4)"},
    CheckInfo{"zonemd-unsupported", Severity::Warning,
              "the zone's ZONEMD records use only unknown schemes or hash algorithms"},
};

constexpr bool sorted_by_id() {
  for (std::size_t i = 1; i < kChecks.size(); ++i)
    if (!(kChecks[i - 1].id < kChecks[i].id)) return false;
  return true;
}
static_assert(sorted_by_id(), "keep the check table in id order");

}  // namespace

std::string_view severity_name(Severity s) noexcept {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Summary summarize(std::span<const Finding> findings) {
  Summary out;
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::Info: ++out.infos; break;
      case Severity::Warning: ++out.warnings; break;
      case Severity::Error: ++out.errors; break;
    }
  }
  return out;
}

std::span<const CheckInfo> all_checks() noexcept { return kChecks; }

const CheckInfo* find_check(std::string_view id) noexcept {
  auto it = std::lower_bound(kChecks.begin(), kChecks.end(), id,
                             [](const CheckInfo& row, std::string_view key) { return row.id < key; });
  return it != kChecks.end() && it->id == id ? &*it : nullptr;
}

}  // namespace signet::verifier
