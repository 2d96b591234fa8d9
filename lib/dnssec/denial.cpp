// SPDX-License-Identifier: MIT
// NSEC and NSEC3 chains from a finalized zone. One pass over the owners
// decides which names get a denial record and which types their bitmaps list;
// the NSEC chain is then the owners in canonical order, the NSEC3 chain the
// hashes sorted.
#include "signet/dnssec/denial.hpp"

#include <algorithm>
#include <cstring>

#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/type_bitmap.hpp"
#include "signet/error.hpp"

namespace signet::dnssec {
namespace {

using dns::NameKind;
namespace rt = dns::rrtype;

// Types that belong to the denial machinery itself: never listed from the
// zone's own records (the builders add NSEC and RRSIG where they belong).
bool is_denial_type(std::uint16_t type) noexcept { return type == rt::NSEC || type == rt::NSEC3 || type == rt::RRSIG; }

// The types a name holds for its bitmap, without NSEC/NSEC3/RRSIG. At a
// delegation only NS and DS: the parent is authoritative for nothing else
// there (RFC 4035 2.3, RFC 5155 7.1).
void types_at(const dns::Zone& zone, const dns::OwnerInfo& info, std::vector<std::uint16_t>& types) {
  types.clear();
  const auto& rrsets = zone.rrsets();
  const auto& records = zone.records();
  for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
    const std::uint16_t type = records[rrsets[info.first_rrset + k].first].type;
    if (is_denial_type(type)) continue;
    if (info.kind == NameKind::Delegation && type != rt::NS && type != rt::DS) continue;
    types.push_back(type);
  }
}

bool has(const std::vector<std::uint16_t>& types, std::uint16_t type) noexcept {
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool gets_denial(NameKind kind) noexcept {
  return kind == NameKind::Apex || kind == NameKind::Authoritative || kind == NameKind::Delegation;
}

}  // namespace

std::vector<DenialRecord> build_nsec_chain(const dns::Zone& zone, std::uint32_t ttl) {
  if (!zone.finalized()) throw Error("internal error: the NSEC chain needs a finalized zone");
  // Owners that get an NSEC, with their bitmaps, in canonical order.
  std::vector<std::uint32_t> chain;
  std::vector<std::vector<std::uint8_t>> bitmaps;
  std::vector<std::uint16_t> types;
  const auto& owners = zone.owners();
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const dns::OwnerInfo& info = owners[i];
    if (!gets_denial(info.kind)) continue;
    types_at(zone, info, types);
    // A name that only held old denial records or signatures has no data.
    if (types.empty() && info.kind != NameKind::Apex) continue;
    // Every NSEC is signed, so RRSIG is at every name of the chain.
    types.push_back(rt::RRSIG);
    types.push_back(rt::NSEC);
    chain.push_back(static_cast<std::uint32_t>(i));
    bitmaps.push_back(make_type_bitmap(types));
  }

  std::vector<DenialRecord> out;
  out.reserve(chain.size());
  for (std::size_t k = 0; k < chain.size(); ++k) {
    const dns::NameView owner = zone.name_at(owners[chain[k]].owner);
    const dns::NameView next = zone.name_at(owners[chain[(k + 1) % chain.size()]].owner);
    DenialRecord rec;
    rec.owner = dns::Name(owner);
    rec.type = rt::NSEC;
    rec.ttl = ttl;
    const std::string_view next_wire = next.wire();
    rec.rdata.reserve(next_wire.size() + bitmaps[k].size());
    rec.rdata.insert(rec.rdata.end(), next_wire.begin(), next_wire.end());
    rec.rdata.insert(rec.rdata.end(), bitmaps[k].begin(), bitmaps[k].end());
    std::vector<std::uint8_t>().swap(bitmaps[k]);
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<DenialRecord> build_nsec3_chain(const dns::Zone& zone, const Nsec3Params& params, bool opt_out,
                                            std::uint32_t ttl, unsigned threads) {
  if (!zone.finalized()) throw Error("internal error: the NSEC3 chain needs a finalized zone");
  struct Entry {
    Nsec3Hash hash;
    std::uint32_t owner;        // index into zone.owners()
    std::uint32_t bitmap_at;    // offset into `bitmaps`
    std::uint32_t bitmap_size;
  };
  std::vector<Entry> entries;
  std::vector<std::uint8_t> bitmaps;
  std::vector<std::uint16_t> types;
  const auto& owners = zone.owners();
  entries.reserve(owners.size());
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const dns::OwnerInfo& info = owners[i];
    const bool ent = info.kind == NameKind::EmptyNonTerminal;
    if (!ent && !gets_denial(info.kind)) continue;
    types_at(zone, info, types);
    if (!ent && types.empty() && info.kind != NameKind::Apex) continue;
    if (info.kind == NameKind::Delegation) {
      const bool secure = has(types, rt::DS);
      // Opt-out: insecure delegations are covered, not matched (RFC 5155 6).
      if (opt_out && !secure) continue;
      if (secure) types.push_back(rt::RRSIG);
    } else if (!ent) {
      types.push_back(rt::RRSIG);
    }
    Entry e;
    e.owner = static_cast<std::uint32_t>(i);
    e.bitmap_at = static_cast<std::uint32_t>(bitmaps.size());
    append_type_bitmap(types, bitmaps);
    e.bitmap_size = static_cast<std::uint32_t>(bitmaps.size() - e.bitmap_at);
    entries.push_back(e);
  }
  // Hashing is most of the work and each name hashes alone: on all cores.
  hash_names(
      params, entries.size(), [&](std::size_t k) { return zone.name_at(owners[entries[k].owner].owner); },
      [&](std::size_t k, const Nsec3Hash& h) { entries[k].hash = h; }, threads);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
  for (std::size_t k = 1; k < entries.size(); ++k) {
    if (entries[k].hash == entries[k - 1].hash)
      throw Error("the NSEC3 hashes of " + zone.name_at(owners[entries[k - 1].owner].owner).to_text() + " and " +
                  zone.name_at(owners[entries[k].owner].owner).to_text() +
                  " collide; sign with another salt");
  }

  const std::uint8_t flags = opt_out ? kNsec3OptOut : 0;
  std::vector<DenialRecord> out;
  out.reserve(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    const Nsec3Hash& next = entries[(k + 1) % entries.size()].hash;
    DenialRecord rec;
    rec.owner = nsec3_owner(e.hash, zone.origin());
    rec.type = rt::NSEC3;
    rec.ttl = ttl;
    rec.rdata = make_nsec3_rdata(params, flags, next,
                                 std::span<const std::uint8_t>(bitmaps.data() + e.bitmap_at, e.bitmap_size));
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace signet::dnssec
