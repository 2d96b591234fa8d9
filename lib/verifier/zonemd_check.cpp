// SPDX-License-Identifier: MIT
// ZONEMD verification (RFC 8976 4): each apex ZONEMD of a supported scheme
// and hash is compared with the digest of the zone; its serial with the SOA's.
#include "signet/dnssec/zonemd.hpp"
#include "verifier/detail/reporter.hpp"

namespace signet::verifier::detail {

void check_zonemd(const dns::Zone& zone, const VerifyOptions& options, const Reporter& reporter) {
  namespace t = dns::rrtype;
  const dns::NameView origin = zone.origin();
  const std::ptrdiff_t at = zone.find_rrset(origin, t::ZONEMD);
  const std::ptrdiff_t soa_at = zone.find_rrset(origin, t::SOA);
  const dns::Record* soa = soa_at >= 0 ? &zone.records()[zone.rrsets()[static_cast<std::size_t>(soa_at)].first] : nullptr;
  if (at < 0) {
    if (options.require_zonemd)
      reporter.report("zonemd-missing", origin, t::ZONEMD, soa,
                      "the zone has no ZONEMD record at its apex, and --require-zonemd asks for one (RFC 8976)");
    return;
  }
  std::uint32_t serial = 0;
  if (soa != nullptr) {
    const auto rd = zone.rdata(*soa);
    if (rd.size() >= 20) {
      const std::size_t p = rd.size() - 20;
      serial = static_cast<std::uint32_t>(rd[p]) << 24 | static_cast<std::uint32_t>(rd[p + 1]) << 16 |
               static_cast<std::uint32_t>(rd[p + 2]) << 8 | rd[p + 3];
    }
  }
  bool supported = false;
  std::vector<std::uint8_t> digests[3];
  for (const dns::Record& rr : zone.records_of(zone.rrsets()[static_cast<std::size_t>(at)])) {
    const auto view = dnssec::parse_zonemd(zone.rdata(rr));
    if (!view || view->scheme != dnssec::kZonemdSchemeSimple ||
        (view->hash_algorithm != dnssec::kZonemdSha384 && view->hash_algorithm != dnssec::kZonemdSha512))
      continue;
    supported = true;
    if (view->serial != serial) {
      reporter.report("zonemd-serial-mismatch", rr,
                      "the ZONEMD serial is " + std::to_string(view->serial) + ", but the SOA serial is " +
                          std::to_string(serial) + "; the digest was computed for another version of the zone");
      continue;
    }
    std::vector<std::uint8_t>& digest = digests[view->hash_algorithm];
    if (digest.empty()) digest = dnssec::zonemd_digest(zone, view->hash_algorithm);
    if (!std::equal(digest.begin(), digest.end(), view->digest.begin(), view->digest.end()))
      reporter.report("zonemd-mismatch", rr,
                      "the ZONEMD digest is " + hex(view->digest) + ", but the zone's " +
                          (view->hash_algorithm == dnssec::kZonemdSha384 ? "SHA-384" : "SHA-512") + " digest is " +
                          hex(digest) + "; the zone changed after the digest was made");
  }
  if (!supported) {
    const dns::Record& first = zone.records()[zone.rrsets()[static_cast<std::size_t>(at)].first];
    reporter.report(options.require_zonemd ? "zonemd-missing" : "zonemd-unsupported", first,
                    "no ZONEMD record uses the SIMPLE scheme with SHA-384 or SHA-512, so the zone digest cannot be checked");
  }
}

}  // namespace signet::verifier::detail
