// SPDX-License-Identifier: MIT
// Authenticated denial of existence: the NSEC chain (RFC 4034 4, RFC 4035 2.3)
// or NSEC3 chain (RFC 5155 7.1, opt-out, empty non-terminals) that a zone
// needs, as records to add. Names that get one: the apex, authoritative names
// and delegations (NSEC3 with opt-out: not insecure delegations); never glue,
// occluded names or out-of-zone names; NSEC3 also covers empty non-terminals.
// Bitmaps list the types at the name, plus NSEC (NSEC chains) and RRSIG where
// the name will carry signatures (authoritative data, a DS, or, in an NSEC
// chain, the NSEC itself), whether or not the RRSIGs are in `zone` yet.
// TTL per RFC 9077: the caller passes min(SOA TTL, SOA MINIMUM).
#pragma once

#include <cstdint>
#include <vector>

#include "signet/dns/name.hpp"
#include "signet/dns/zone.hpp"
#include "signet/dnssec/nsec3.hpp"

namespace signet::dnssec {

struct DenialRecord {
  dns::Name owner;
  std::uint16_t type = 0;  // NSEC or NSEC3
  std::uint32_t ttl = 0;
  std::vector<std::uint8_t> rdata;
};

// The NSEC chain of a finalized zone whose DNSSEC records other than NSEC/NSEC3
// (DNSKEY, CDS, CDNSKEY, NSEC3PARAM, ZONEMD, and RRSIGs or not) are already in
// place; existing NSEC/NSEC3 records in `zone` are ignored. Canonical order.
std::vector<DenialRecord> build_nsec_chain(const dns::Zone& zone, std::uint32_t ttl);

// The NSEC3 chain (in hash order). `opt_out` sets the flag on every NSEC3 and
// leaves out delegations without DS. `params.flags` is ignored. The names
// are hashed on `threads` threads (0: all cores); the chain is the same.
std::vector<DenialRecord> build_nsec3_chain(const dns::Zone& zone, const Nsec3Params& params, bool opt_out,
                                            std::uint32_t ttl, unsigned threads = 1);

// The same chains added to `zone` itself, in the order above, with no copy
// per record (an NSEC shares its owner's name in the arena). The zone is left
// to finalize(). Return how many records were added.
std::size_t add_nsec_chain(dns::Zone& zone, std::uint32_t ttl);
std::size_t add_nsec3_chain(dns::Zone& zone, const Nsec3Params& params, bool opt_out, std::uint32_t ttl,
                            unsigned threads = 1);

}  // namespace signet::dnssec
