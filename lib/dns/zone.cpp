// SPDX-License-Identifier: MIT
// Zone storage and finalize(): one canonical sort (RFC 4034 6.1 / 6.3), RRset
// and owner indexes, empty non-terminals and the classification of names.
//
// The sort never compares names record against record: each distinct owner
// gets a byte key whose memcmp order is the canonical order, the distinct
// owners are sorted once into ranks, and records are then counting-sorted on
// the rank and insertion-sorted on (class, type) within each owner. Only
// records of one RRset compare rdata. Records that arrive in canonical order
// already, or as two ordered runs, skip the sort (see order_presorted).
#include "signet/dns/zone.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "common/run_beside.hpp"
#include "signet/dns/rrtype.hpp"

namespace signet::dns {
namespace {

constexpr unsigned char lower(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

const unsigned char* bytes_of(std::string_view s) noexcept { return reinterpret_cast<const unsigned char*>(s.data()); }

// Offsets of each label's length octet, leftmost first; returns the count.
constexpr std::size_t kMaxLabels = 128;
std::size_t label_offsets(std::string_view wire, std::uint8_t (&out)[kMaxLabels]) noexcept {
  const unsigned char* p = bytes_of(wire);
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < wire.size() && p[pos] != 0 && count < kMaxLabels; pos += 1u + p[pos])
    out[count++] = static_cast<std::uint8_t>(pos);
  return count;
}

// How many labels, counted from the root, two names share (case-insensitive).
std::size_t common_suffix_labels(std::string_view a, const std::uint8_t (&la)[kMaxLabels], std::size_t na,
                                 std::string_view b, const std::uint8_t (&lb)[kMaxLabels], std::size_t nb) noexcept {
  std::size_t common = 0;
  while (common < na && common < nb) {
    const unsigned char* x = bytes_of(a) + la[na - 1 - common];
    const unsigned char* y = bytes_of(b) + lb[nb - 1 - common];
    if (x[0] != y[0]) break;
    bool same = true;
    for (std::size_t i = 1; i <= x[0] && same; ++i) same = x[i] == y[i] || lower(x[i]) == lower(y[i]);
    if (!same) break;
    ++common;
  }
  return common;
}

// Appends a key for `wire` whose byte order (memcmp, shorter first) is the
// RFC 4034 6.1 canonical order: labels from the root, lower-cased, each
// followed by 00 00; a 00 octet inside a label becomes 00 FF so that it still
// sorts above the end of a label.
void append_sort_key(std::string_view wire, std::string& out) {
  std::uint8_t offs[kMaxLabels];
  const std::size_t n = label_offsets(wire, offs);
  const unsigned char* p = bytes_of(wire);
  const std::size_t base = out.size();
  out.resize(base + 2 * wire.size() + 2);  // every octet at most doubles
  unsigned char* w = reinterpret_cast<unsigned char*>(out.data()) + base;
  unsigned char* const start = w;
  for (std::size_t k = n; k-- > 0;) {
    const unsigned char* label = p + offs[k];
    for (std::size_t i = 1; i <= label[0]; ++i) {
      const unsigned char c = lower(label[i]);
      *w++ = c;
      if (c == 0) *w++ = 0xFF;
    }
    *w++ = 0;
    *w++ = 0;
  }
  out.resize(base + static_cast<std::size_t>(w - start));
}

// The 8 key bytes from `at`, big-endian, zero-padded past the end.
std::uint64_t key_head(std::string_view key, std::size_t at) noexcept {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const std::size_t j = at + i;
    head = (head << 8) | (j < key.size() ? static_cast<unsigned char>(key[j]) : 0u);
  }
  return head;
}

struct SortItem {
  std::uint32_t rank;       // canonical rank of the owner
  std::uint32_t class_type; // class << 16 | type
  std::uint32_t index;      // position in the input
};

// Stable insertion sort of a short run; `less` is a strict weak order.
template <typename It, typename Less>
void insertion_sort(It begin, It end, Less less) {
  for (It it = begin + (begin != end); it != end; ++it) {
    auto moving = *it;
    It hole = it;
    for (; hole != begin && less(moving, *(hole - 1)); --hole) *hole = *(hole - 1);
    *hole = moving;
  }
}

// Stable sort of a run: insertion sort for the usual handful, else merge sort.
template <typename It, typename Less>
void sort_run(It begin, It end, Less less) {
  if (end - begin <= 16) insertion_sort(begin, end, less);
  else std::stable_sort(begin, end, less);
}

NameView name_in(const std::string& arena, std::uint32_t offset) noexcept {
  if (offset >= arena.size()) return NameView();
  const unsigned char* p = bytes_of(arena) + offset;
  const std::size_t room = arena.size() - offset;
  std::size_t pos = 0;
  while (pos < room && p[pos] != 0) pos += 1u + p[pos];
  return NameView(std::string_view(arena.data() + offset, std::min(pos + 1, room)));
}

std::span<const std::uint8_t> rdata_in(const std::string& arena, const Record& rr) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(arena.data()) + rr.rdata, rr.rdlength};
}

// ---- finalize ------------------------------------------------------------------

// Sort keys of the distinct owner names, one after another in one buffer.
struct OwnerKeys {
  std::string bytes;
  std::vector<std::size_t> at;  // key i is bytes[at[i], at[i + 1])
  std::string_view key(std::size_t i) const noexcept {
    return std::string_view(bytes).substr(at[i], at[i + 1] - at[i]);
  }
};

struct NameItem {
  std::uint64_t high;  // key bytes [depth, depth + 8), big-endian, zero-padded
  std::uint64_t low;   // key bytes [depth + 8, depth + 16)
  std::uint32_t rest;  // key bytes left from the depth, capped at 17 (= "more than 16")
  std::uint32_t index;
};
constexpr std::size_t kStep = 16;

// Multikey sort of `items` by key from byte `depth` on: sort on 16 bytes, then
// sort each run of equal heads on the next 16. Key bytes are read once per
// item and level, never inside a comparison. `boundary[i]` is set to whether
// item i's key differs from item i-1's (the caller sets it for `first`).
void sort_keys(const OwnerKeys& keys, NameItem* items, std::uint8_t* boundary, std::size_t first,
               std::size_t last, std::size_t depth) {
  for (std::size_t i = first; i < last; ++i) {
    const std::string_view k = keys.key(items[i].index);
    items[i].high = key_head(k, depth);
    items[i].low = key_head(k, depth + 8);
    items[i].rest = static_cast<std::uint32_t>(std::min<std::size_t>(k.size() - depth, kStep + 1));
  }
  // Equal heads with a shorter rest: that key is a prefix of the other.
  const auto less = [](const NameItem& a, const NameItem& b) {
    if (a.high != b.high) return a.high < b.high;
    return a.low != b.low ? a.low < b.low : a.rest < b.rest;
  };
  const auto same = [](const NameItem& a, const NameItem& b) {
    return a.high == b.high && a.low == b.low && a.rest == b.rest;
  };
  std::sort(items + first, items + last, less);
  for (std::size_t i = first; i < last;) {
    std::size_t j = i + 1;
    while (j < last && same(items[j], items[i])) boundary[j++] = 0;
    if (j < last) boundary[j] = 1;
    if (j - i > 1 && items[i].rest > kStep) sort_keys(keys, items, boundary, i, j, depth + kStep);
    i = j;
  }
}

// Canonical rank of each distinct owner (equal names, ignoring case, share one).
std::vector<std::uint32_t> rank_owners(const OwnerKeys& keys, std::size_t m) {
  // Skip the prefix every key shares (typically the origin's labels).
  std::size_t shared = m > 0 ? keys.key(0).size() : 0;
  for (std::size_t i = 1; i < m && shared > 0; ++i) {
    const std::string_view a = keys.key(0), b = keys.key(i);
    std::size_t j = 0;
    const std::size_t lim = std::min({shared, a.size(), b.size()});
    while (j < lim && a[j] == b[j]) ++j;
    shared = j;
  }
  std::vector<NameItem> items(m);
  for (std::size_t i = 0; i < m; ++i) items[i].index = static_cast<std::uint32_t>(i);
  std::vector<std::uint8_t> boundary(m, 1);
  sort_keys(keys, items.data(), boundary.data(), 0, m, shared);
  std::vector<std::uint32_t> rank(m);
  std::uint32_t r = 0;
  for (std::size_t i = 0; i < m; ++i) {
    if (i > 0 && boundary[i]) ++r;
    rank[items[i].index] = r;
  }
  return rank;
}

// Sorts `records` canonically; `ranks` receives each sorted record's owner
// rank (equal ranks mean the same name, ignoring case).
void sort_records(const std::string& arena, std::vector<Record>& records, std::vector<std::uint32_t>& ranks) {
  const std::size_t n = records.size();
  if (n > UINT32_MAX) throw Error("the zone has more than 4294967295 records");

  // Distinct owner offsets (equal offsets are the same name; equal names may
  // still have several offsets, which the keys merge). A parser interns
  // owners in arena order, so the offsets usually arrive sorted already.
  std::vector<std::uint32_t> offsets;
  offsets.reserve(n / 2 + 1);
  bool ascending = true;
  for (const Record& rr : records) {
    if (!offsets.empty() && rr.owner == offsets.back()) continue;
    if (!offsets.empty() && rr.owner < offsets.back()) ascending = false;
    offsets.push_back(rr.owner);
  }
  if (!ascending) {
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  }
  const std::size_t m = offsets.size();

  // Each buffer below is released as soon as it is done with, so that the
  // peak (reached while gathering the records) holds no dead ones.
  std::vector<std::uint32_t> rank;
  {
    OwnerKeys keys;
    keys.bytes.reserve(m * 24);
    keys.at.resize(m + 1);
    for (std::size_t i = 0; i < m; ++i) {
      keys.at[i] = keys.bytes.size();
      append_sort_key(name_in(arena, offsets[i]).wire(), keys.bytes);
    }
    keys.at[m] = keys.bytes.size();
    rank = rank_owners(keys, m);
  }

  // Counting sort on the owner rank (stable), then (class, type) within each
  // owner, then canonical rdata within each RRset.
  std::vector<std::uint32_t> record_rank(n);
  std::vector<std::uint32_t> start(m + 1, 0);
  std::size_t slot = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t owner = records[i].owner;
    if (offsets[slot] != owner) {
      if (ascending) ++slot;
      else slot = static_cast<std::size_t>(std::lower_bound(offsets.begin(), offsets.end(), owner) - offsets.begin());
    }
    record_rank[i] = rank[slot];
    ++start[rank[slot] + 1];
  }
  std::vector<std::uint32_t>().swap(rank);
  std::vector<std::uint32_t>().swap(offsets);
  for (std::size_t r = 1; r <= m; ++r) start[r] += start[r - 1];
  std::vector<SortItem> items(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Record& rr = records[i];
    items[start[record_rank[i]]++] = {record_rank[i], std::uint32_t{rr.rclass} << 16 | rr.type,
                                      static_cast<std::uint32_t>(i)};
  }
  std::vector<std::uint32_t>().swap(record_rank);
  std::vector<std::uint32_t>().swap(start);
  const auto by_class_type = [](const SortItem& a, const SortItem& b) { return a.class_type < b.class_type; };
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && items[j].rank == items[i].rank) ++j;
    if (j - i > 1)
      sort_run(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(j),
               by_class_type);
    i = j;
  }

  // Gather the records in key order. The gather is random access into the
  // record array, so fetch ahead.
  std::vector<Record> sorted(n);
  ranks.resize(n);
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&records[items[i + kAhead].index]);
    sorted[i] = records[items[i].index];
    ranks[i] = items[i].rank;
  }
  records.swap(sorted);

  // Within one RRset: canonical rdata order, input order on ties (stable).
  const auto rdata_less = [&](const Record& a, const Record& b) {
    return canonical_rdata_compare(a.type, rdata_in(arena, a), rdata_in(arena, b)) < 0;
  };
  std::size_t fetched = 0;  // records before this have had their rdata fetched (or needed none)
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && items[j].rank == items[i].rank && items[j].class_type == items[i].class_type) ++j;
    if (j - i > 1) {
      // The rdata are scattered over the arena: fetch those of later RRsets
      // now, each record once.
      const std::size_t until = std::min(j + kAhead, n);
      for (std::size_t k = std::max({fetched, i + kAhead, j}); k < until; ++k)
        if (items[k].rank == items[k - 1].rank || (k + 1 < n && items[k].rank == items[k + 1].rank))
          __builtin_prefetch(arena.data() + records[k].rdata);
      fetched = std::max(fetched, until);
      sort_run(records.begin() + static_cast<std::ptrdiff_t>(i), records.begin() + static_cast<std::ptrdiff_t>(j),
               rdata_less);
    }
    i = j;
  }
}

// RFC 4034 6.1 order of two records (owner, then class and type, then
// canonical rdata): negative, zero or positive. `other_name` says whether
// the owners are different names.
int compare_records(const std::string& arena, const Record& a, const Record& b, bool& other_name) {
  other_name = false;
  if (a.owner != b.owner) {
    // The same name stored twice (a denial record beside the data) is the
    // common case: equal bytes settle it without the label walk.
    const NameView x = name_in(arena, a.owner), y = name_in(arena, b.owner);
    const auto order = x.wire() == y.wire() ? std::strong_ordering::equal : x.canonical_compare(y);
    if (order != 0) {
      other_name = true;
      return order < 0 ? -1 : 1;
    }
  }
  const std::uint32_t ta = std::uint32_t{a.rclass} << 16 | a.type, tb = std::uint32_t{b.rclass} << 16 | b.type;
  if (ta != tb) return ta < tb ? -1 : 1;
  return canonical_rdata_compare(a.type, rdata_in(arena, a), rdata_in(arena, b));
}

// The end of the run of records from `first` that is already in canonical
// order; `ranks` receives the run's owner ranks, counting from `rank`.
std::size_t sorted_run(const std::string& arena, const std::vector<Record>& records, std::size_t first,
                       std::uint32_t rank, std::vector<std::uint32_t>& ranks, std::size_t last = SIZE_MAX) {
  const std::size_t n = std::min(records.size(), last);
  if (first >= n) return n;
  ranks[first] = rank;
  bool other_name = false;
  for (std::size_t i = first + 1; i < n; ++i) {
    if (compare_records(arena, records[i - 1], records[i], other_name) > 0) return i;
    ranks[i] = other_name ? ++rank : rank;
  }
  return n;
}

// Records that are in canonical order already (a zone file signet wrote) take
// one linear check. Records that are mostly an ordered run followed by a tail
// (a finalized zone with records appended: the signer's apex records, denial
// chain and signatures) have only the tail sorted, if it is not in order
// already, and the two merged. Returns false, leaving the records as they
// were, when less than half of them lead in order: then the full sort is
// cheaper.
bool order_presorted(const std::string& arena, std::vector<Record>& records, std::vector<std::uint32_t>& ranks) {
  const std::size_t n = records.size();
  ranks.resize(n);
  const std::size_t split = sorted_run(arena, records, 0, 0, ranks);
  if (split == n) return true;
  if (split < n / 2) return false;
  std::vector<Record> tail(records.begin() + static_cast<std::ptrdiff_t>(split), records.end());
  if (sorted_run(arena, records, split, 0, ranks) != n) sort_records(arena, tail, ranks);
  std::vector<Record> merged;
  merged.reserve(n);
  bool other_name = false;
  // Stable: on ties the record from the first run goes first, as a stable
  // sort of the whole would place it.
  std::merge(records.begin(), records.begin() + static_cast<std::ptrdiff_t>(split), tail.begin(), tail.end(),
             std::back_inserter(merged),
             [&](const Record& a, const Record& b) { return compare_records(arena, a, b, other_name) < 0; });
  records.swap(merged);
  ranks.resize(n);
  return sorted_run(arena, records, 0, 0, ranks) == n;
}

// Whether two owner offsets hold the same name (ignoring case).
bool same_owner(const std::string& arena, std::uint32_t a, std::uint32_t b) noexcept {
  return a == b || name_in(arena, a).equals(name_in(arena, b));
}

// Records [0, split) are in canonical order with owner ranks `head_ranks`;
// the rest were appended. Sorts the appended ones alone, finds where each
// goes among the ordered ones, and interleaves them, computing the owner
// ranks on the way. Where an appended record goes is found, cheapest first:
//  - its owner offset is one an ordered record uses (signatures, records of
//    an existing name): by owner rank, type and rdata, no name comparison;
//  - few appended records: by binary search;
//  - else by one merge pass.
// Returns whether the owners and their kinds stay as they were: every
// appended record is at a name that had records, and none is an NS or
// DNAME (the types that make cuts and occlusion).
bool merge_appended(const std::string& arena, std::vector<Record>& records, std::size_t split,
                    const std::vector<std::uint32_t>& head_ranks, std::vector<std::uint32_t>& ranks) {
  const std::size_t n = records.size();
  std::vector<Record> tail(records.begin() + static_cast<std::ptrdiff_t>(split), records.end());
  const std::size_t m = tail.size();
  std::vector<std::uint32_t> tail_ranks(m);
  if (sorted_run(arena, tail, 0, 0, tail_ranks) != m) sort_records(arena, tail, tail_ranks);

  // pos[j]: how many ordered records come before tail[j] (stable: after equals).
  std::vector<std::size_t> pos(m);
  constexpr std::uint32_t kUnknown = UINT32_MAX;
  std::vector<std::uint32_t> known(m, kUnknown);  // tail[j]'s owner rank among the ordered records
  bool all_known = m > 0;
  {
    // Both runs are in canonical order, so one forward walk finds for each
    // appended record an ordered one with the same owner offset. It looks
    // from the first record of the owner found last, as one name may use
    // several offsets, and stops at the first owner not found.
    std::size_t group = 0;
    for (std::size_t j = 0; j < m; ++j) {
      std::size_t k = group;
      while (k < split && records[k].owner != tail[j].owner) ++k;
      if (k == split) {
        all_known = false;
        break;
      }
      known[j] = head_ranks[k];
      group = k;
      while (group > 0 && head_ranks[group - 1] == head_ranks[k]) --group;
    }
  }
  const auto class_type = [](const Record& r) { return std::uint32_t{r.rclass} << 16 | r.type; };
  if (all_known) {
    std::size_t h = 0;
    for (std::size_t j = 0; j < m; ++j) {
      const Record& t = tail[j];
      while (h < split) {
        const Record& x = records[h];
        if (head_ranks[h] != known[j]) {
          if (head_ranks[h] > known[j]) break;
        } else if (class_type(x) != class_type(t)) {
          if (class_type(x) > class_type(t)) break;
        } else if (canonical_rdata_compare(x.type, rdata_in(arena, x), rdata_in(arena, t)) > 0) {
          break;
        }
        ++h;
      }
      pos[j] = h;
    }
  } else {
    std::fill(known.begin(), known.end(), kUnknown);
    bool other_name = false;
    const auto tail_first = [&](const Record& t, const Record& x) { return compare_records(arena, t, x, other_name) < 0; };
    if (m * 32 < split) {
      std::size_t from = 0;
      for (std::size_t j = 0; j < m; ++j) {
        const auto it = std::upper_bound(records.begin() + static_cast<std::ptrdiff_t>(from),
                                         records.begin() + static_cast<std::ptrdiff_t>(split), tail[j], tail_first);
        from = pos[j] = static_cast<std::size_t>(it - records.begin());
      }
    } else {
      std::size_t h = 0;
      for (std::size_t j = 0; j < m; ++j) {
        while (h < split && !tail_first(tail[j], records[h])) ++h;
        pos[j] = h;
      }
    }
  }

  // Interleave; a new owner rank wherever the owner changes.
  std::vector<Record> merged;
  merged.reserve(n);
  ranks.assign(n, 0);
  std::uint32_t rank = 0;
  int last = -1;                // the list the previous record came from: 0 ordered, 1 appended
  std::size_t last_index = 0;   // its index in that list
  const auto emit = [&](int list, std::size_t index) {
    const Record& rr = list == 0 ? records[index] : tail[index];
    if (last >= 0) {
      bool same;
      if (list == last) {
        same = list == 0 ? head_ranks[index] == head_ranks[last_index] : tail_ranks[index] == tail_ranks[last_index];
      } else {
        const std::uint32_t a = list == 0 ? head_ranks[index] : known[index];
        const std::uint32_t b = last == 0 ? head_ranks[last_index] : known[last_index];
        same = a != kUnknown && b != kUnknown ? a == b : same_owner(arena, merged.back().owner, rr.owner);
      }
      if (!same) ++rank;
    }
    ranks[merged.size()] = rank;
    merged.push_back(rr);
    last = list;
    last_index = index;
  };
  std::size_t h = 0;
  for (std::size_t j = 0; j < m; ++j) {
    for (; h < pos[j]; ++h) emit(0, h);
    emit(1, j);
  }
  for (; h < split; ++h) emit(0, h);
  records.swap(merged);
  return all_known && std::none_of(tail.begin(), tail.end(), [](const Record& r) {
           return r.type == rrtype::NS || r.type == rrtype::DNAME;
         });
}

// The index again after merge_appended() kept the owners: the same owners
// and kinds (empty non-terminals included), with their records' RRsets
// found afresh. No name is read.
void reindex_rrsets(const std::vector<Record>& records, const std::vector<std::uint32_t>& ranks,
                    std::vector<RRsetRef>& rrsets, std::vector<OwnerInfo>& owners) {
  rrsets.clear();
  const std::size_t n = records.size();
  std::size_t i = 0;
  for (OwnerInfo& info : owners) {
    info.first_rrset = static_cast<std::uint32_t>(rrsets.size());
    if (info.rrset_count == 0) continue;
    std::size_t end = i + 1;
    while (end < n && ranks[end] == ranks[i]) ++end;
    std::uint32_t count = 0;
    for (std::size_t j = i; j < end;) {
      std::size_t k = j + 1;
      while (k < end && records[k].type == records[j].type && records[k].rclass == records[j].rclass) ++k;
      rrsets.push_back(RRsetRef{static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(k - j)});
      ++count;
      j = k;
    }
    info.owner = records[i].owner;
    info.rrset_count = count;
    i = end;
  }
  if (i != n) throw Error("internal error: the zone's owners changed where they were to stay");
}

// One pass over the sorted records: RRsets, owners, empty non-terminals and
// each owner's kind. Each distinct owner's name is read from the arena once.
class IndexBuilder {
 public:
  IndexBuilder(const std::string& arena, const Name& origin, const std::vector<Record>& records,
               std::vector<RRsetRef>& rrsets, std::vector<OwnerInfo>& owners)
      : arena_(arena), origin_(origin.view()), origin_labels_(origin.label_count()), records_(records),
        rrsets_(rrsets), owners_(owners) {}

  // `ranks[i]` is the canonical rank of record i's owner (equal ranks, same name).
  // Records [first, last) only, when given: a part that starts at an owner
  // whose parent is the origin (no empty non-terminal above it, nothing
  // before it that occludes it).
  void run(const std::vector<std::uint32_t>& ranks, std::size_t first = 0, std::size_t last = SIZE_MAX) {
    rrsets_.clear();
    owners_.clear();
    const std::size_t n = std::min(records_.size(), last);
    if (n > first) owners_.reserve(ranks[n - 1] - ranks[first] + 1);
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = first; i < n;) {
      std::size_t end = i + 1;
      while (end < n && ranks[end] == ranks[i]) ++end;
      // Owner names are scattered over the arena: fetch a later one now.
      if (end + kAhead < n) __builtin_prefetch(arena_.data() + records_[end + kAhead].owner);
      add_owner(i, end);
      i = end;
    }
  }

 private:
  const std::string& arena_;
  const NameView origin_;
  const std::size_t origin_labels_;
  const std::vector<Record>& records_;
  std::vector<RRsetRef>& rrsets_;
  std::vector<OwnerInfo>& owners_;

  // The previous owner with data, for finding the empty non-terminals.
  std::string_view prev_;
  std::uint8_t prev_labels_[kMaxLabels];
  std::size_t prev_count_ = 0;
  // The cut or DNAME we are below, if any. Canonical order keeps a name's
  // descendants right after it, so one slot is enough: below a DNAME all is
  // occluded (cuts included), below a cut all is glue.
  std::string_view occluder_;
  NameKind below_ = NameKind::Glue;

  bool has_type(const OwnerInfo& info, std::uint16_t type) const noexcept {
    for (std::uint32_t k = 0; k < info.rrset_count; ++k)
      if (records_[rrsets_[info.first_rrset + k].first].type == type) return true;
    return false;
  }

  // Records [first, end) share one owner.
  void add_owner(std::size_t first, std::size_t end) {
    const std::uint32_t offset = records_[first].owner;
    const NameView name = name_in(arena_, offset);
    const std::string_view wire = name.wire();
    std::uint8_t labels[kMaxLabels];
    const std::size_t count = label_offsets(wire, labels);
    const bool in_zone = name.is_subdomain_of(origin_);

    // Names between the origin and this one that have no data: every
    // data-holding ancestor of this name is the previous owner or one of the
    // previous owner's ancestors, so the missing ones are those below the
    // labels the two share.
    if (in_zone && count > origin_labels_) {
      const std::size_t common =
          prev_.empty() ? 0 : common_suffix_labels(prev_, prev_labels_, prev_count_, wire, labels, count);
      for (std::size_t k = std::max(common, origin_labels_) + 1; k < count; ++k) {
        OwnerInfo ent;
        ent.owner = offset + labels[count - k];
        ent.first_rrset = static_cast<std::uint32_t>(rrsets_.size());
        ent.rrset_count = 0;
        ent.kind = NameKind::EmptyNonTerminal;
        classify(ent, NameView(wire.substr(labels[count - k])), true);
        owners_.push_back(ent);
      }
    }

    OwnerInfo info;
    info.owner = offset;
    info.first_rrset = static_cast<std::uint32_t>(rrsets_.size());
    for (std::size_t i = first; i < end;) {
      std::size_t j = i + 1;
      while (j < end && records_[j].type == records_[i].type && records_[j].rclass == records_[i].rclass) ++j;
      rrsets_.push_back(RRsetRef{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)});
      ++info.rrset_count;
      i = j;
    }
    classify(info, name, in_zone);
    owners_.push_back(info);

    prev_ = wire;
    prev_count_ = count;
    std::copy(labels, labels + count, prev_labels_);
  }

  void classify(OwnerInfo& info, NameView name, bool in_zone) {
    if (!occluder_.empty()) {
      if (name.size() > occluder_.size() && name.is_subdomain_of(NameView(occluder_))) {
        info.kind = below_;
        return;
      }
      occluder_ = {};
    }
    if (!in_zone) {
      info.kind = NameKind::OutOfZone;
      return;
    }
    if (name.size() == origin_.size()) {
      info.kind = NameKind::Apex;
    } else if (info.rrset_count == 0) {
      info.kind = NameKind::EmptyNonTerminal;
      return;
    } else if (has_type(info, rrtype::NS)) {
      info.kind = NameKind::Delegation;
      occluder_ = name.wire();
      below_ = NameKind::Glue;
      return;
    } else {
      info.kind = NameKind::Authoritative;
    }
    if (has_type(info, rrtype::DNAME)) {
      occluder_ = name.wire();
      below_ = NameKind::Occluded;
    }
  }
};

}  // namespace

Zone::Zone(Name origin) : origin_(std::move(origin)) {}

std::uint16_t Zone::add_file(std::string path) {
  if (files_.size() > UINT16_MAX) throw Error("too many source files (the limit is 65536)");
  files_.push_back(std::move(path));
  return static_cast<std::uint16_t>(files_.size() - 1);
}

std::uint32_t Zone::intern_name(NameView name) {
  const std::string_view wire = name.wire();
  if (last_owner_ != UINT32_MAX && last_owner_ + wire.size() <= arena_.size() &&
      std::memcmp(arena_.data() + last_owner_, wire.data(), wire.size()) == 0)
    return last_owner_;
  last_owner_ = add_bytes(wire);
  return last_owner_;
}

std::uint32_t Zone::add_bytes(std::span<const std::uint8_t> bytes) {
  return add_bytes(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::uint32_t Zone::add_bytes(std::string_view bytes) {
  const std::size_t at = arena_.size();
  if (at + bytes.size() > UINT32_MAX) throw Error("the zone's data is over 4 GiB, which signet cannot hold");
  arena_.append(bytes);
  return static_cast<std::uint32_t>(at);
}

void Zone::add(NameView owner, std::uint16_t type, std::uint16_t rclass, std::uint32_t ttl,
               std::span<const std::uint8_t> rdata, std::uint16_t file, std::uint32_t line) {
  if (rdata.size() > UINT16_MAX)
    throw Error("rdata of " + std::to_string(rdata.size()) + " octets is over the limit of 65535");
  Record rr;
  rr.owner = intern_name(owner);
  rr.rdata = add_bytes(rdata);
  rr.rdlength = static_cast<std::uint16_t>(rdata.size());
  rr.type = type;
  rr.rclass = rclass;
  rr.file = file;
  rr.ttl = ttl;
  rr.line = line;
  add(rr);
}

void Zone::reserve(std::size_t records, std::size_t arena_bytes) {
  records_.reserve(records);
  arena_.reserve(arena_bytes);
}

void Zone::append(const Zone& other, std::uint32_t line_offset) {
  const std::size_t base = arena_.size();
  if (base + other.arena_.size() > UINT32_MAX) throw Error("the zone's data is over 4 GiB, which signet cannot hold");
  std::vector<std::uint16_t> file_map(other.files_.size());
  for (std::size_t f = 0; f < other.files_.size(); ++f) {
    const auto known = std::find(files_.begin(), files_.end(), other.files_[f]);
    file_map[f] = known != files_.end() ? static_cast<std::uint16_t>(known - files_.begin()) : add_file(other.files_[f]);
  }
  arena_.append(other.arena_);
  records_.reserve(records_.size() + other.records_.size());
  for (Record rr : other.records_) {
    rr.owner += static_cast<std::uint32_t>(base);
    rr.rdata += static_cast<std::uint32_t>(base);
    if (rr.file < file_map.size()) rr.file = file_map[rr.file];
    rr.line += line_offset;
    records_.push_back(rr);
  }
  last_owner_ = UINT32_MAX;
  finalized_ = false;
}

NameView Zone::name_at(std::uint32_t offset) const noexcept { return name_in(arena_, offset); }

NameView Zone::owner(const Record& rr) const noexcept { return name_at(rr.owner); }

std::span<const std::uint8_t> Zone::rdata(const Record& rr) const noexcept { return rdata_in(arena_, rr); }

namespace {

// Zones from this many records on are finalized in two parts on two cores
// when they are in canonical order already.
constexpr std::size_t kSplitFinalizeFrom = 1u << 17;

}  // namespace

// A zone in canonical order already (a zone file signet wrote), indexed in
// two parts on two cores: the second starts at an owner whose parent is the
// origin near the middle, which nothing before it can occlude and which has
// no empty non-terminal above it, so each part is checked and indexed
// alone and the two indexes join. False when the records are not such.
bool Zone::finalize_in_parts() {
  const std::size_t n = records_.size();
  const std::size_t origin_labels = origin_.label_count();
  const auto name = [&](std::size_t i) { return name_in(arena_, records_[i].owner); };
  // The origin first, without a DNAME (which would occlude everything).
  if (n < 2 || !name(0).equals(origin_)) return false;
  for (std::size_t i = 0; i < n && name(i).equals(origin_); ++i)
    if (records_[i].type == rrtype::DNAME) return false;
  const std::size_t stop = std::min(n, n / 2 + 65536);
  std::size_t split = n / 2;
  for (; split < stop; ++split) {
    const NameView here = name(split);
    if (here.label_count() == origin_labels + 1 && here.is_subdomain_of(origin_) && !name(split - 1).equals(here))
      break;
  }
  if (split == stop) return false;

  std::vector<std::uint32_t> ranks(n);
  std::vector<RRsetRef> later_rrsets;
  std::vector<OwnerInfo> later_owners;
  bool first_sorted = false, later_sorted = false;
  common::run_beside(
      [&] {
        first_sorted = sorted_run(arena_, records_, 0, 0, ranks, split) == split;
        if (first_sorted) IndexBuilder(arena_, origin_, records_, rrsets_, owners_).run(ranks, 0, split);
      },
      [&] {
        later_sorted = sorted_run(arena_, records_, split, 0, ranks) == n;
        if (later_sorted) IndexBuilder(arena_, origin_, records_, later_rrsets, later_owners).run(ranks, split, n);
      });
  bool other_name = false;
  if (!first_sorted || !later_sorted || compare_records(arena_, records_[split - 1], records_[split], other_name) >= 0)
    return false;
  const auto base = static_cast<std::uint32_t>(rrsets_.size());
  for (OwnerInfo& o : later_owners) o.first_rrset += base;
  rrsets_.insert(rrsets_.end(), later_rrsets.begin(), later_rrsets.end());
  owners_.insert(owners_.end(), later_owners.begin(), later_owners.end());
  return true;
}

void Zone::finalize(unsigned threads) {
  if (ordered_ == 0 && threads > 1 && records_.size() >= kSplitFinalizeFrom && finalize_in_parts()) {
    ordered_ = records_.size();
    finalized_ = true;
    return;
  }
  std::vector<std::uint32_t> ranks;
  if (ordered_ > 0 && ordered_ <= records_.size()) {
    // The records finalize() ordered last time: their owners' ranks come from
    // the index it built.
    std::vector<std::uint32_t> head_ranks(ordered_);
    std::uint32_t rank = 0;
    for (const OwnerInfo& info : owners_) {
      if (info.rrset_count == 0) continue;
      const RRsetRef& first = rrsets_[info.first_rrset];
      const RRsetRef& last = rrsets_[info.first_rrset + info.rrset_count - 1];
      for (std::size_t r = first.first; r < last.first + last.count && r < ordered_; ++r) head_ranks[r] = rank;
      ++rank;
    }
    if (ordered_ == records_.size()) {
      ranks.swap(head_ranks);
    } else if (merge_appended(arena_, records_, ordered_, head_ranks, ranks)) {
      reindex_rrsets(records_, ranks, rrsets_, owners_);
      ordered_ = records_.size();
      finalized_ = true;
      return;
    }
  } else if (!order_presorted(arena_, records_, ranks)) {
    sort_records(arena_, records_, ranks);
  }
  IndexBuilder(arena_, origin_, records_, rrsets_, owners_).run(ranks);
  ordered_ = records_.size();
  finalized_ = true;
}

void Zone::replace_rdata(std::size_t index, std::uint32_t rdata, std::uint16_t rdlength) {
  Record& rr = records_.at(index);
  rr.rdata = rdata;
  rr.rdlength = rdlength;
  finalized_ = false;
  if (index >= ordered_) return;
  // Order is a property of neighbours: only this record's two pairs can break.
  bool other_name = false;
  const bool before_ok = index == 0 || compare_records(arena_, records_[index - 1], rr, other_name) <= 0;
  const bool after_ok = index + 1 >= ordered_ || compare_records(arena_, rr, records_[index + 1], other_name) <= 0;
  if (!before_ok || !after_ok) ordered_ = index;
}

bool Zone::overwrite(std::size_t first, std::span<const Record> with) {
  const std::size_t n = with.size();
  if (!finalized_ || first > records_.size() || n > records_.size() - first) return false;
  const auto same_name = [&](std::uint32_t a, std::uint32_t b) {
    return a == b || name_in(arena_, a).wire() == name_in(arena_, b).wire();
  };
  bool other_name = false;
  for (std::size_t k = 0; k < n; ++k) {
    const Record& old = records_[first + k];
    const Record& rr = with[k];
    if (rr.type != old.type || rr.rclass != old.rclass || !same_name(rr.owner, old.owner)) return false;
    const Record* before = k > 0 ? &with[k - 1] : first > 0 ? &records_[first - 1] : nullptr;
    if (before != nullptr && compare_records(arena_, *before, rr, other_name) > 0) return false;
  }
  if (n > 0 && first + n < records_.size() && compare_records(arena_, with[n - 1], records_[first + n], other_name) > 0)
    return false;
  std::copy(with.begin(), with.end(), records_.begin() + static_cast<std::ptrdiff_t>(first));
  return true;
}

std::size_t Zone::remove_duplicates() {
  if (!finalized_) finalize();
  // Duplicates are neighbours inside one RRset, and the first record of an
  // RRset always stays: RRsets shrink, owners keep their RRsets, and the
  // order stays canonical, so the indexes are adjusted rather than rebuilt.
  std::size_t kept = 0;
  for (RRsetRef& set : rrsets_) {
    const std::size_t first_kept = kept;
    for (std::uint32_t k = 0; k < set.count; ++k) {
      const Record& rr = records_[set.first + k];
      if (k > 0 && canonical_rdata_compare(rr.type, rdata(records_[kept - 1]), rdata(rr)) == 0) continue;
      records_[kept++] = rr;
    }
    set.first = static_cast<std::uint32_t>(first_kept);
    set.count = static_cast<std::uint32_t>(kept - first_kept);
  }
  const std::size_t dropped = records_.size() - kept;
  records_.resize(kept);
  ordered_ = kept;
  return dropped;
}

// ---- lookup --------------------------------------------------------------------

std::ptrdiff_t Zone::find_owner(NameView name) const noexcept {
  std::size_t lo = 0;
  std::size_t hi = owners_.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const auto c = name_at(owners_[mid].owner).canonical_compare(name);
    if (c == 0) return static_cast<std::ptrdiff_t>(mid);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

std::ptrdiff_t Zone::find_rrset(NameView name, std::uint16_t type) const noexcept {
  const std::ptrdiff_t at = find_owner(name);
  if (at < 0) return -1;
  const OwnerInfo& info = owners_[static_cast<std::size_t>(at)];
  for (std::uint32_t k = 0; k < info.rrset_count; ++k)
    if (records_[rrsets_[info.first_rrset + k].first].type == type)
      return static_cast<std::ptrdiff_t>(info.first_rrset + k);
  return -1;
}

}  // namespace signet::dns
