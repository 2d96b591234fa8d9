// SPDX-License-Identifier: MIT
// ZONEMD SIMPLE scheme (RFC 8976 3.3): every RR of the zone in canonical
// form and order, streamed into one digest context.
#include "signet/dnssec/zonemd.hpp"


#include <string>

#include "signet/crypto/digest.hpp"
#include "signet/dns/rrtype.hpp"
#include "detail/wire.hpp"
#include "signet/error.hpp"

namespace signet::dnssec {
namespace {

using detail::put16;
using detail::put32;

crypto::DigestAlgorithm digest_for(std::uint8_t hash_algorithm) {
  switch (hash_algorithm) {
    case kZonemdSha384: return crypto::DigestAlgorithm::Sha384;
    case kZonemdSha512: return crypto::DigestAlgorithm::Sha512;
    default: break;
  }
  throw Error("unsupported ZONEMD hash algorithm " + std::to_string(hash_algorithm) + " (1 SHA-384 and 2 SHA-512 are defined)");
}

}  // namespace

std::optional<ZonemdView> parse_zonemd(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 6) return std::nullopt;
  ZonemdView v;
  v.serial = static_cast<std::uint32_t>(rdata[0]) << 24 | static_cast<std::uint32_t>(rdata[1]) << 16 |
             static_cast<std::uint32_t>(rdata[2]) << 8 | rdata[3];
  v.scheme = rdata[4];
  v.hash_algorithm = rdata[5];
  v.digest = rdata.subspan(6);
  return v;
}

std::vector<std::uint8_t> make_zonemd_rdata(std::uint32_t serial, std::uint8_t scheme, std::uint8_t hash_algorithm,
                                            std::span<const std::uint8_t> digest) {
  std::vector<std::uint8_t> out;
  put32(out, serial);
  out.push_back(scheme);
  out.push_back(hash_algorithm);
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

std::vector<std::uint8_t> zonemd_digest(const dns::Zone& zone, std::uint8_t hash_algorithm) {
  if (!zone.finalized()) throw Error("internal error: ZONEMD needs a finalized zone");
  crypto::Digester digester(digest_for(hash_algorithm));
  const auto& records = zone.records();
  std::vector<std::uint8_t> buffer;
  std::string canonical;
  buffer.reserve(1 << 16);
  for (const dns::OwnerInfo& info : zone.owners()) {
    if (info.kind == dns::NameKind::OutOfZone || info.rrset_count == 0) continue;
    const dns::NameView owner = zone.name_at(info.owner);
    const bool apex = info.kind == dns::NameKind::Apex;
    // Canonical owner: lower case.
    std::string owner_wire(owner.wire());
    for (char& c : owner_wire)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
      const dns::RRsetRef& set = zone.rrsets()[info.first_rrset + k];
      const std::uint16_t type = records[set.first].type;
      if (apex && type == dns::rrtype::ZONEMD) continue;
      const dns::Record* previous = nullptr;
      for (std::uint32_t r = 0; r < set.count; ++r) {
        const dns::Record& rr = records[set.first + r];
        const auto rdata = zone.rdata(rr);
        if (apex && type == dns::rrtype::RRSIG && rdata.size() >= 2 &&
            (rdata[0] << 8 | rdata[1]) == dns::rrtype::ZONEMD)
          continue;
        // Duplicate RRs are digested once (RFC 8976 3.3.1.1).
        if (previous != nullptr && previous->rclass == rr.rclass &&
            dns::canonical_rdata_compare(type, zone.rdata(*previous), rdata) == 0)
          continue;
        previous = &rr;
        buffer.insert(buffer.end(), owner_wire.begin(), owner_wire.end());
        put16(buffer, rr.type);
        put16(buffer, rr.rclass);
        put32(buffer, rr.ttl);
        canonical.clear();
        dns::canonical_rdata(rr.type, rdata, canonical);
        put16(buffer, static_cast<std::uint32_t>(canonical.size()));
        buffer.insert(buffer.end(), canonical.begin(), canonical.end());
        if (buffer.size() >= (1 << 16) - 1024) {
          digester.update(buffer);
          buffer.clear();
        }
      }
    }
  }
  digester.update(buffer);
  return digester.finish();
}

}  // namespace signet::dnssec
