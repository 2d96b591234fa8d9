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

// The NSEC chain of `zone`: reserve(records, rdata octets) once, then
// emit(owner index, rdata) per record in canonical order. emit() may add to
// the zone: nothing read from it is held across the call.
template <typename Reserve, typename Emit>
void nsec_chain(const dns::Zone& zone, Reserve reserve, Emit emit) {
  if (!zone.finalized()) throw Error("internal error: the NSEC chain needs a finalized zone");
  // Owners that get an NSEC, with their bitmaps, in canonical order.
  std::vector<std::uint32_t> chain;
  std::vector<std::uint32_t> bitmap_at;
  std::vector<std::uint8_t> bitmaps;
  std::vector<std::uint16_t> types;
  const auto& owners = zone.owners();
  std::size_t names = 0;
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
    bitmap_at.push_back(static_cast<std::uint32_t>(bitmaps.size()));
    append_type_bitmap(types, bitmaps);
    names += zone.name_at(info.owner).size();
  }
  bitmap_at.push_back(static_cast<std::uint32_t>(bitmaps.size()));
  reserve(chain.size(), names + bitmaps.size());

  std::vector<std::uint8_t> rdata;
  for (std::size_t k = 0; k < chain.size(); ++k) {
    const std::string_view next = zone.name_at(owners[chain[(k + 1) % chain.size()]].owner).wire();
    rdata.assign(next.begin(), next.end());
    rdata.insert(rdata.end(), bitmaps.begin() + bitmap_at[k], bitmaps.begin() + bitmap_at[k + 1]);
    emit(chain[k], std::span<const std::uint8_t>(rdata));
  }
}

// Sorts by hash through a compact key (the first eight octets, then the rest
// only on a tie, which random hashes almost never have), then moves the
// entries into that order.
template <typename Entry>
void sort_by_hash(std::vector<Entry>& entries) {
  struct Key {
    std::uint64_t head;
    std::uint32_t index;
  };
  std::vector<Key> keys(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    std::uint64_t head = 0;
    for (std::size_t i = 0; i < 8; ++i) head = head << 8 | entries[k].hash[i];
    keys[k] = Key{head, static_cast<std::uint32_t>(k)};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    return a.head != b.head ? a.head < b.head : entries[a.index].hash < entries[b.index].hash;
  });
  std::vector<Entry> sorted;
  sorted.reserve(entries.size());
  for (const Key& key : keys) sorted.push_back(entries[key.index]);
  entries.swap(sorted);
}

// The NSEC3 chain of `zone`: reserve(records, octets) once, then
// emit(owner, rdata) per record in hash order. As nsec_chain().
template <typename Reserve, typename Emit>
void nsec3_chain(const dns::Zone& zone, const Nsec3Params& params, bool opt_out, unsigned threads, Reserve reserve,
                 Emit emit) {
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
  sort_by_hash(entries);
  for (std::size_t k = 1; k < entries.size(); ++k) {
    if (entries[k].hash == entries[k - 1].hash)
      throw Error("the NSEC3 hashes of " + zone.name_at(owners[entries[k - 1].owner].owner).to_text() + " and " +
                  zone.name_at(owners[entries[k].owner].owner).to_text() +
                  " collide; sign with another salt");
  }

  // Per record: the owner (a 32-octet label and the origin) and the rdata
  // (6 octets, salt, next hash, bitmap).
  const std::string origin(zone.origin().wire());
  if (1 + 32 + origin.size() > dns::kMaxNameOctets)
    throw Error("the zone's name is too long for NSEC3: its hashed owner names would exceed " +
                std::to_string(dns::kMaxNameOctets) + " octets");
  const std::size_t fixed = 1 + 32 + origin.size() + 6 + params.salt.size() + kNsec3HashOctets;
  reserve(entries.size(), entries.size() * fixed + bitmaps.size());
  // The rdata up to the next hash is the same for every record: made once,
  // then each record's next hash and bitmap go after it in one buffer.
  const std::uint8_t flags = opt_out ? kNsec3OptOut : 0;
  const std::vector<std::uint8_t> head = make_nsec3_rdata(params, flags, {}, {});
  std::vector<std::uint8_t> rdata;
  std::string owner;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    const Nsec3Hash& next = entries[(k + 1) % entries.size()].hash;
    rdata.assign(head.begin(), head.end());
    rdata.back() = static_cast<std::uint8_t>(next.size());
    rdata.insert(rdata.end(), next.begin(), next.end());
    rdata.insert(rdata.end(), bitmaps.begin() + e.bitmap_at, bitmaps.begin() + e.bitmap_at + e.bitmap_size);
    nsec3_owner_wire(e.hash, dns::NameView(origin), owner);
    emit(dns::NameView(owner), std::span<const std::uint8_t>(rdata));
  }
}

const auto no_reserve = [](std::size_t, std::size_t) {};

}  // namespace

std::vector<DenialRecord> build_nsec_chain(const dns::Zone& zone, std::uint32_t ttl) {
  std::vector<DenialRecord> out;
  nsec_chain(zone, no_reserve, [&](std::uint32_t owner, std::span<const std::uint8_t> rdata) {
    out.push_back(DenialRecord{dns::Name(zone.name_at(zone.owners()[owner].owner)), rt::NSEC, ttl,
                               std::vector<std::uint8_t>(rdata.begin(), rdata.end())});
  });
  return out;
}

std::vector<DenialRecord> build_nsec3_chain(const dns::Zone& zone, const Nsec3Params& params, bool opt_out,
                                            std::uint32_t ttl, unsigned threads) {
  std::vector<DenialRecord> out;
  nsec3_chain(zone, params, opt_out, threads, no_reserve, [&](dns::NameView owner, std::span<const std::uint8_t> rdata) {
    out.push_back(DenialRecord{dns::Name(owner), rt::NSEC3, ttl, std::vector<std::uint8_t>(rdata.begin(), rdata.end())});
  });
  return out;
}

std::size_t add_nsec_chain(dns::Zone& zone, std::uint32_t ttl) {
  std::size_t added = 0;
  const auto reserve = [&](std::size_t records, std::size_t bytes) {
    zone.reserve(zone.records().size() + records, zone.arena_size() + bytes);
  };
  nsec_chain(zone, reserve, [&](std::uint32_t owner, std::span<const std::uint8_t> rdata) {
    dns::Record r;
    r.owner = zone.owners()[owner].owner;  // the owner's own offset: finalize() places it by rank
    r.rdata = zone.add_bytes(rdata);
    r.rdlength = static_cast<std::uint16_t>(rdata.size());
    r.type = rt::NSEC;
    r.rclass = dns::rrclass::IN;
    r.ttl = ttl;
    zone.add(r);
    ++added;
  });
  return added;
}

std::size_t add_nsec3_chain(dns::Zone& zone, const Nsec3Params& params, bool opt_out, std::uint32_t ttl,
                            unsigned threads) {
  std::size_t added = 0;
  const auto reserve = [&](std::size_t records, std::size_t bytes) {
    zone.reserve(zone.records().size() + records, zone.arena_size() + bytes);
  };
  nsec3_chain(zone, params, opt_out, threads, reserve, [&](dns::NameView owner, std::span<const std::uint8_t> rdata) {
    zone.add(owner, rt::NSEC3, dns::rrclass::IN, ttl, rdata);
    ++added;
  });
  return added;
}

}  // namespace signet::dnssec
