// SPDX-License-Identifier: MIT
// Zone: every record of one zone, stored compactly. Owner names and rdata live
// in one byte arena; a Record is 24 bytes of offsets and fields. After
// finalize() the records are in RFC 4034 6.1 canonical order (owner, then type,
// then canonical rdata), grouped into RRsets and into owner names, and each
// name knows what it is (apex, authoritative, delegation, glue, occluded,
// empty non-terminal, out of zone). Used by the parser (which fills it), the
// writer, the verifier and the signer. Does not judge the data: that is the
// verifier's job.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signet/dns/name.hpp"

namespace signet::dns {

struct Record {
  std::uint32_t owner = 0;     // arena offset of the owner's wire name
  std::uint32_t rdata = 0;     // arena offset of the rdata (uncompressed wire form)
  std::uint16_t rdlength = 0;
  std::uint16_t type = 0;
  std::uint16_t rclass = 1;
  std::uint16_t file = 0;      // index into Zone::files()
  std::uint32_t ttl = 0;
  std::uint32_t line = 0;      // line where the record starts; 0 when not from text
};

// A run of records with the same owner, class and type (an RRset), in the
// record array after finalize().
struct RRsetRef {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

enum class NameKind : std::uint8_t {
  Apex,               // the zone origin
  Authoritative,      // at or below the apex, above any cut, has data
  Delegation,         // has NS and is not the apex: a zone cut (NS, DS, glue owner)
  Glue,               // below a cut (address records at such a name are glue)
  Occluded,           // below a DNAME, or non-address data below a cut
  EmptyNonTerminal,   // no records, but names below it have (RFC 4592/5155)
  OutOfZone,          // not at or below the apex
};

struct OwnerInfo {
  std::uint32_t owner = 0;        // arena offset of the name
  std::uint32_t first_rrset = 0;  // index into rrsets(); count 0 for empty non-terminals
  std::uint32_t rrset_count = 0;
  NameKind kind = NameKind::Authoritative;
};

class Zone {
 public:
  explicit Zone(Name origin = Name());

  const Name& origin() const noexcept { return origin_; }
  void set_origin(Name origin) { origin_ = std::move(origin); }

  // Source files, for locations: records store an index.
  std::uint16_t add_file(std::string path);
  const std::vector<std::string>& files() const noexcept { return files_; }

  // Appends a name to the arena and returns its offset. Reuses the previous
  // owner's offset when the same bytes are added twice in a row.
  std::uint32_t intern_name(NameView name);
  // Appends raw bytes (rdata) to the arena and returns the offset.
  std::uint32_t add_bytes(std::span<const std::uint8_t> bytes);
  std::uint32_t add_bytes(std::string_view bytes);
  // Adds a record whose owner/rdata offsets came from intern_name/add_bytes.
  void add(const Record& rr) { records_.push_back(rr); finalized_ = false; }
  // Points record `index` at new rdata (from add_bytes). Keeps what finalize()
  // knows of the order when the record stays in order with its neighbours.
  void replace_rdata(std::size_t index, std::uint32_t rdata, std::uint16_t rdlength);
  // Overwrites records [first, first + with.size()) of a finalized zone with
  // records of the same owner names, classes and types, in the same order,
  // whose TTLs and rdata may differ: the index stays as it is. Returns false,
  // changing nothing, when the records are not such or would leave canonical
  // order (RRsets keep their rdata sorted).
  bool overwrite(std::size_t first, std::span<const Record> with);
  // Convenience: interns owner and rdata, then adds.
  void add(NameView owner, std::uint16_t type, std::uint16_t rclass, std::uint32_t ttl,
           std::span<const std::uint8_t> rdata, std::uint16_t file = 0, std::uint32_t line = 0);
  void reserve(std::size_t records, std::size_t arena_bytes);
  // Appends the records of `other` (their names and rdata with them), each
  // record's line advanced by `line_offset`: a zone read in two pieces
  // joined into one. Source files are matched by path.
  void append(const Zone& other, std::uint32_t line_offset = 0);

  NameView owner(const Record& rr) const noexcept;
  NameView name_at(std::uint32_t offset) const noexcept;
  std::span<const std::uint8_t> rdata(const Record& rr) const noexcept;
  // Asks the CPU to start loading the name at `offset` (a hint for loops that
  // walk owners in canonical order, which is not arena order). Reads nothing.
  void prefetch_name(std::uint32_t offset) const noexcept { __builtin_prefetch(arena_.data() + offset); }

  // Sorts into canonical order, builds RRsets and owner infos (including empty
  // non-terminals) and classifies names. Exact duplicate records are kept (the
  // verifier reports them); call remove_duplicates() to drop them. Records
  // appended since the last finalize() (add()) are sorted alone and merged
  // into the ordered ones: one pass over the zone, not a sort of it. With
  // `threads` > 1, a big zone in canonical order already is checked and
  // indexed in two parts on two cores.
  void finalize(unsigned threads = 1);
  bool finalized() const noexcept { return finalized_; }
  // Drops records whose owner, class, type and canonical rdata equal the
  // previous one's. Requires finalize(); finalizes again. Returns how many were dropped.
  std::size_t remove_duplicates();

  const std::vector<Record>& records() const noexcept { return records_; }
  std::vector<Record>& mutable_records() noexcept {
    finalized_ = false;
    ordered_ = 0;
    return records_;
  }
  const std::vector<RRsetRef>& rrsets() const noexcept { return rrsets_; }
  const std::vector<OwnerInfo>& owners() const noexcept { return owners_; }
  std::span<const Record> records_of(const RRsetRef& set) const noexcept {
    return {records_.data() + set.first, set.count};
  }
  // Index into owners() of the given name, or -1 (binary search; requires finalize()).
  std::ptrdiff_t find_owner(NameView name) const noexcept;
  // Index into rrsets() of the RRset (name, type), or -1.
  std::ptrdiff_t find_rrset(NameView name, std::uint16_t type) const noexcept;

  std::size_t arena_size() const noexcept { return arena_.size(); }

 private:
  Name origin_;
  std::vector<std::string> files_;
  std::string arena_;
  std::vector<Record> records_;
  std::vector<RRsetRef> rrsets_;
  std::vector<OwnerInfo> owners_;
  std::uint32_t last_owner_ = UINT32_MAX;
  // Records [0, ordered_) are in canonical order and indexed by rrsets_ and
  // owners_ (set by finalize(); appends keep it, mutable_records() clears it).
  std::size_t ordered_ = 0;
  bool finalized_ = false;

  bool finalize_in_parts();
};

// RFC 4034 6.2 canonical form of one record's rdata: names in the rdata of the
// types that say so are lower-cased. Appends to `out`.
void canonical_rdata(std::uint16_t type, std::span<const std::uint8_t> rdata, std::string& out);
// Compares two rdata in canonical form, as octet strings (RFC 4034 6.3).
int canonical_rdata_compare(std::uint16_t type, std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace signet::dns
