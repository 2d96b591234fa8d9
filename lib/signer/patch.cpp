// SPDX-License-Identifier: MIT
// patch_previous(): a re-sign that patches the previous output instead of
// building the signed zone anew. It applies when the zone keeps its shape:
// walking the content (the input's data with the new apex records) beside
// the previous output, owner by owner in canonical order, finds the same
// names spelled the same, of the same kinds, with the same types, and the
// previous denial records are of this run's mode, parameters and TTL. The
// denial chain, which depends only on the names and their types, then stays
// as it is, and the work is what changed: the RRsets whose records differ,
// the signatures to make, the SOA.
//
// The walk, which also decides the signatures, goes in two parts on two
// cores (split at a content owner found in the previous output). Owners
// that keep their number of records of each type are overwritten in place,
// leaving the zone's index as it is; otherwise the record array is rebuilt
// in one pass and finalize() checks its order instead of sorting.
//
// It decides signatures exactly as sign_zone() does (the same Planner, the
// same SOA and serial logic), so both give the same zone; tests hold them to it.
#include <algorithm>
#include <thread>

#include "common/run_beside.hpp"
#include "signer/detail/planner.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/error.hpp"

namespace signet::signer {
namespace {

using namespace detail;
namespace rt = dns::rrtype;

constexpr std::uint32_t kNone = UINT32_MAX;
// Walks of this many content owners and more go in two parts on two cores.
constexpr std::size_t kSplitFrom = 16384;

std::uint32_t class_type(const dns::Record& rr) noexcept { return std::uint32_t{rr.rclass} << 16 | rr.type; }

// The two RRsets hold the same records octet for octet (TTL, class, rdata).
bool same_octets(const dns::Zone& a, const dns::RRsetRef& sa, const dns::Zone& b, const dns::RRsetRef& sb) {
  if (sa.count != sb.count) return false;
  for (std::uint32_t i = 0; i < sa.count; ++i) {
    const dns::Record& x = a.records()[sa.first + i];
    const dns::Record& y = b.records()[sb.first + i];
    if (x.ttl != y.ttl || x.rclass != y.rclass || x.rdlength != y.rdlength) return false;
    const auto rx = a.rdata(x), ry = b.rdata(y);
    if (!std::equal(rx.begin(), rx.end(), ry.begin())) return false;
  }
  return true;
}

// One owner of the previous output and what the patch does there. The
// first_* fields index its part's lists.
struct OwnerStep {
  std::uint32_t previous_owner = 0;            // index into previous.owners()
  std::uint32_t content_owner = kNone;         // index into content.owners(); kNone for a denial-only owner
  std::uint32_t first_set = 0, set_count = 0;  // its signed RRsets
  std::uint32_t first_replaced = 0, replaced_count = 0;  // its RRsets replaced from the content
  std::uint32_t first_block = 0, block_count = 0;        // its RRSIGs after the patch
  bool touched = false;
};

// A signed RRset: in the content zone (its data may be new) or in the
// previous output (a denial record, kept as it is).
struct PlannedSet {
  bool from_content = true;
  SignedSet set;
};

// A content RRset whose records replace the previous output's.
struct Replaced {
  std::uint32_t content_rrset = 0;
  std::uint32_t previous_rrset = 0;
};

// An RRSIG of a patched owner: a record of the previous output kept as it
// is, or a new one.
struct BlockSig {
  std::uint32_t previous_record = kNone;
  const SigRef* made = nullptr;
  std::uint32_t ttl = 0;
};

// The owners one core walks: previous.owners()[previous_begin, previous_end)
// beside content.owners()[content_begin, content_end), and all it found.
struct Part {
  std::size_t previous_begin = 0, previous_end = 0, content_begin = 0, content_end = 0;
  bool same_shape = true;
  std::vector<OwnerStep> steps;
  std::vector<SigRef> content_sigs, previous_sigs;
  std::vector<WorkItem> content_work, previous_work;
  std::vector<std::vector<std::uint8_t>> content_buffers, previous_buffers;
  Counters counters;
  PreviousCounts before;
  std::vector<PlannedSet> sets;
  std::vector<Replaced> replaced;
  std::vector<BlockSig> block_sigs;
  std::size_t matched_records = 0, rest_records = 0, new_bytes = 0;
  std::uint32_t soa_previous_rrset = kNone;
  std::uint32_t apex_step = kNone;  // into steps
};

// Runs `fn` on each part, the second on another thread.
template <typename Fn>
void in_parts(std::vector<Part>& parts, Fn&& fn) {
  if (parts.size() == 1) return fn(parts[0]);
  common::run_beside([&] { fn(parts[0]); }, [&] { fn(parts[1]); });
}

}  // namespace

std::optional<SignResult> patch_previous(const PreparedZone& prepared, dns::Zone& previous, const SignKeys& keys,
                                         const SignOptions& options) {
  const detail::Prepared& p = *prepared.state_;
  const ContentInfo& info = p.info;
  const dns::Zone& content = p.zone;
  const std::vector<KeyRole>& roles = p.roles;
  if (info.input_signed || options.zonemd_hash || !previous.finalized() || !content.finalized()) return std::nullopt;

  const bool nsec3 = options.denial == Denial::Nsec3;
  const std::uint16_t denial_type = nsec3 ? rt::NSEC3 : rt::NSEC;
  const std::uint32_t denial_ttl = std::min(info.soa_ttl, info.soa_minimum);
  // NSEC3 rdata starts as NSEC3PARAM rdata does: algorithm, flags,
  // iterations, salt.
  std::vector<std::uint8_t> nsec3_head;
  if (nsec3) {
    dnssec::Nsec3Params params = options.nsec3;
    params.flags = options.opt_out ? 1 : 0;
    nsec3_head = dnssec::make_nsec3param_rdata(params);
  }
  const auto& prev_records = previous.records();
  const auto& prev_rrsets = previous.rrsets();
  const auto& prev_owners = previous.owners();
  const auto& content_records = content.records();
  const auto& content_rrsets = content.rrsets();
  const auto& content_owners = content.owners();
  const auto denial_as_expected = [&](const dns::RRsetRef& set) {
    if (set.count != 1) return false;
    const dns::Record& rr = prev_records[set.first];
    if (rr.ttl != denial_ttl) return false;
    if (!nsec3) return true;
    const auto rd = previous.rdata(rr);
    return rd.size() > nsec3_head.size() && std::equal(nsec3_head.begin(), nsec3_head.end(), rd.begin());
  };
  // An owner of the previous output that only holds an NSEC3 record and its
  // signatures: a hashed name of the chain, with no counterpart in the content.
  const auto denial_only = [&](const dns::OwnerInfo& o) {
    if (!nsec3 || o.rrset_count == 0) return false;
    bool found = false;
    for (std::uint32_t k = 0; k < o.rrset_count; ++k) {
      const dns::RRsetRef& set = prev_rrsets[o.first_rrset + k];
      const std::uint16_t type = prev_records[set.first].type;
      if (type == rt::NSEC3) found = denial_as_expected(set);
      else if (type != rt::RRSIG) return false;
    }
    return found;
  };
  // The content owner's types are the previous owner's without RRSIG and
  // NSEC, and every previous record there spells the name as the content does.
  const auto same_types = [&](const dns::OwnerInfo& co, const dns::OwnerInfo& po) {
    const std::string_view spelled = content.name_at(co.owner).wire();
    if (co.kind != po.kind || spelled != previous.name_at(po.owner).wire()) return false;
    std::uint32_t k = 0;
    for (std::uint32_t j = 0; j < po.rrset_count; ++j) {
      const dns::RRsetRef& set = prev_rrsets[po.first_rrset + j];
      const dns::Record& rr = prev_records[set.first];
      for (std::uint32_t i = 0; i < set.count; ++i) {
        const std::uint32_t at = prev_records[set.first + i].owner;
        if (at != po.owner && previous.name_at(at).wire() != spelled) return false;
      }
      if (rr.type == rt::RRSIG) continue;
      if (rr.type == rt::NSEC && !nsec3) {
        if (!denial_as_expected(set)) return false;
        continue;
      }
      if (k == co.rrset_count ||
          class_type(content_records[content_rrsets[co.first_rrset + k].first]) != class_type(rr))
        return false;
      ++k;
    }
    return k == co.rrset_count;
  };

  // ---- the parts -----------------------------------------------------------
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Part> parts(1);
  parts[0].previous_end = prev_owners.size();
  parts[0].content_end = content_owners.size();
  if (threads > 1 && content_owners.size() >= kSplitFrom) {
    const std::size_t content_mid = content_owners.size() / 2;
    const std::ptrdiff_t previous_mid = previous.find_owner(content.name_at(content_owners[content_mid].owner));
    if (previous_mid < 0) return std::nullopt;  // a name the previous output does not have
    parts.resize(2);
    parts[1].previous_begin = parts[0].previous_end = static_cast<std::size_t>(previous_mid);
    parts[1].content_begin = parts[0].content_end = content_mid;
    parts[1].previous_end = prev_owners.size();
    parts[1].content_end = content_owners.size();
  }

  // ---- the walk: the shape, and the signatures as sign_zone() decides them
  const dns::Name& origin = content.origin();
  const dns::UnixTime now = options.now;
  const Times times = signature_times(options);
  // The index of the first record at or after previous owner `o` (an empty
  // non-terminal's first_rrset is the next owner's).
  const auto first_record_of = [&](std::size_t o) -> std::size_t {
    if (o >= prev_owners.size() || prev_owners[o].first_rrset >= prev_rrsets.size()) return prev_records.size();
    return prev_rrsets[prev_owners[o].first_rrset].first;
  };
  in_parts(parts, [&](Part& part) {
    // Room for what the part holds when the keys stay (each record is at
    // most one signed RRset or one signature to keep), so that the lists
    // are not copied as they grow.
    const std::size_t records = first_record_of(part.previous_end) - first_record_of(part.previous_begin);
    part.steps.reserve(part.previous_end - part.previous_begin);
    part.sets.reserve(records);
    part.content_sigs.reserve(records);
    part.previous_sigs.reserve(records);
    part.block_sigs.reserve(records);
    Planner content_planner(content, roles, times, now, part.content_sigs, part.content_work, part.counters);
    Planner previous_planner(previous, roles, times, now, part.previous_sigs, part.previous_work, part.counters);
    SourceCursor cursor(previous);
    const auto visit = [&](std::size_t previous_owner, std::uint32_t content_owner) {
      const dns::OwnerInfo& po = prev_owners[previous_owner];
      count_owner(previous, po, part.before);
      cursor.set(previous_owner);
      OwnerStep step{static_cast<std::uint32_t>(previous_owner), content_owner};
      step.first_set = static_cast<std::uint32_t>(part.sets.size());
      step.first_replaced = static_cast<std::uint32_t>(part.replaced.size());
      const dns::OwnerInfo* co = content_owner == kNone ? nullptr : &content_owners[content_owner];
      std::uint32_t k = 0;  // the content RRset that pairs with the next previous one
      for (std::uint32_t j = 0; j < po.rrset_count; ++j) {
        const std::uint32_t prev_index = po.first_rrset + j;
        const dns::RRsetRef& prev_set = prev_rrsets[prev_index];
        const std::uint16_t type = prev_records[prev_set.first].type;
        if (type == rt::RRSIG) continue;
        if (type == denial_type) {
          // The chain stays: its records are the same, their signatures are planned.
          part.rest_records += prev_set.count;
          part.matched_records += prev_set.count;
          if (signs_rrset(po.kind, type))
            part.sets.push_back({false, previous_planner.plan(prev_index, &cursor, true, nullptr, false)});
          continue;
        }
        const std::uint32_t index = co->first_rrset + k++;
        const dns::RRsetRef& set = content_rrsets[index];
        if (co->kind == dns::NameKind::Apex && type == rt::SOA) {
          part.soa_previous_rrset = prev_index;
          part.apex_step = static_cast<std::uint32_t>(part.steps.size());
          continue;
        }
        part.rest_records += set.count;
        // The same octets are the same data; other octets may still be the
        // same data in canonical form (names in other cases), whose signatures hold.
        const bool octets = same_octets(content, set, previous, prev_set);
        const bool same = octets || cursor.same_rrset(content, set);
        if (same) part.matched_records += set.count;
        if (!octets) part.replaced.push_back({index, prev_index});
        if (signs_rrset(co->kind, type))
          part.sets.push_back({true, content_planner.plan(index, &cursor, same, nullptr, false)});
      }
      step.set_count = static_cast<std::uint32_t>(part.sets.size()) - step.first_set;
      step.replaced_count = static_cast<std::uint32_t>(part.replaced.size()) - step.first_replaced;
      part.steps.push_back(step);
    };
    std::size_t at = part.previous_begin;
    const auto denial_owners = [&] {
      for (; at < part.previous_end && denial_only(prev_owners[at]); ++at) visit(at, kNone);
    };
    for (std::size_t c = part.content_begin; c < part.content_end; ++c) {
      denial_owners();
      if (at == part.previous_end || !same_types(content_owners[c], prev_owners[at])) {
        part.same_shape = false;
        return;
      }
      visit(at++, static_cast<std::uint32_t>(c));
    }
    denial_owners();
    part.same_shape = at == part.previous_end;
  });
  Counters counters;
  PreviousCounts before;
  std::size_t matched_records = 0, rest_records = 0, rrsets_signed = 0;
  std::uint32_t soa_previous_rrset = kNone;
  const Part* apex_part = nullptr;
  for (const Part& part : parts) {
    if (!part.same_shape) return std::nullopt;
    counters.add(part.counters);
    before.add(part.before);
    matched_records += part.matched_records;
    rest_records += part.rest_records;
    rrsets_signed += static_cast<std::size_t>(
        std::count_if(part.sets.begin(), part.sets.end(), [](const PlannedSet& s) { return s.set.count > 0; }));
    if (part.soa_previous_rrset != kNone) {
      soa_previous_rrset = part.soa_previous_rrset;
      apex_part = &part;
    }
  }
  if (apex_part == nullptr || prev_rrsets[soa_previous_rrset].count != 1) return std::nullopt;

  // ---- the SOA and the serial, as in sign_zone() --------------------------
  bool changed = counters.made > 0 || matched_records != rest_records || before.records != rest_records ||
                 counters.kept_previous != before.sigs_rest;
  const SerialStart start = serial_start(info, &previous, options);
  ApexSigning soa;
  plan_apex(soa, origin, rt::SOA, info.soa_ttl, with_serial(info, start.tentative), &previous, nullptr, roles, times,
            now);
  if (!apex_unchanged(soa)) changed = true;
  const std::uint32_t serial =
      changed ? next_serial(options.serial, info.input_serial, start.base, now) : start.tentative;
  if (serial != start.tentative) {
    soa = ApexSigning();
    plan_apex(soa, origin, rt::SOA, info.soa_ttl, with_serial(info, serial), &previous, nullptr, roles, times, now);
  }

  for (Part& part : parts) {
    run_signing(content, roles, part.content_work, times.inception, options.threads, part.content_sigs,
                part.content_buffers, options.progress);
    run_signing(previous, roles, part.previous_work, times.inception, options.threads, part.previous_sigs,
                part.previous_buffers);
  }
  run_signing(soa.zone, roles, soa.work, times.inception, 1, soa.sigs, soa.buffers);
  counters.add(soa.counters);

  SignResult result;
  SignStats& st = result.stats;
  finish_stats(st, counters, times, content, previous, keys);
  st.signatures_dropped = before.sigs - counters.kept_previous;
  st.rrsets_signed = rrsets_signed + static_cast<std::size_t>(!soa.sigs.empty());
  st.serial_before = start.previous;
  st.serial_after = serial;
  st.changed = changed;

  // ---- each owner's RRSIGs after the patch ---------------------------------
  // Kept ones are records of the previous output (found by their rdata,
  // which the kept SigRefs point at), made ones new.
  const std::vector<std::uint8_t> soa_rdata = with_serial(info, serial);
  const dns::Record& old_soa = prev_records[prev_rrsets[soa_previous_rrset].first];
  const auto old_soa_rdata = previous.rdata(old_soa);
  const bool soa_replaced = old_soa.ttl != info.soa_ttl || old_soa.rdlength != soa_rdata.size() ||
                            !std::equal(soa_rdata.begin(), soa_rdata.end(), old_soa_rdata.begin());
  in_parts(parts, [&](Part& part) {
    for (std::size_t i = 0; i < part.steps.size(); ++i) {
      OwnerStep& step = part.steps[i];
      const dns::OwnerInfo& po = prev_owners[step.previous_owner];
      step.first_block = static_cast<std::uint32_t>(part.block_sigs.size());
      std::span<const dns::Record> old_sigs;
      for (std::uint32_t j = 0; j < po.rrset_count; ++j)
        if (prev_records[prev_rrsets[po.first_rrset + j].first].type == rt::RRSIG)
          old_sigs = previous.records_of(prev_rrsets[po.first_rrset + j]);
      const auto add = [&](const SigRef& ref, std::uint32_t ttl) {
        BlockSig b{kNone, nullptr, ttl};
        for (const dns::Record& rr : old_sigs)
          if (previous.rdata(rr).data() == ref.data)
            b.previous_record = static_cast<std::uint32_t>(&rr - prev_records.data());
        if (b.previous_record == kNone) {
          b.made = &ref;
          part.new_bytes += ref.size;
          step.touched = true;
        }
        part.block_sigs.push_back(b);
      };
      for (std::uint32_t s = step.first_set; s < step.first_set + step.set_count; ++s) {
        const PlannedSet& ps = part.sets[s];
        const dns::Zone& z = ps.from_content ? content : previous;
        const std::uint32_t ttl = z.records()[z.rrsets()[ps.set.rrset].first].ttl;
        const std::vector<SigRef>& refs = ps.from_content ? part.content_sigs : part.previous_sigs;
        for (std::uint32_t r = ps.set.first_sig; r < ps.set.first_sig + ps.set.count; ++r) add(refs[r], ttl);
      }
      if (&part == apex_part && i == part.apex_step) {
        for (const SigRef& ref : soa.sigs) add(ref, info.soa_ttl);
        if (soa_replaced) step.touched = true;
      }
      step.block_count = static_cast<std::uint32_t>(part.block_sigs.size()) - step.first_block;
      if (step.block_count != old_sigs.size()) step.touched = true;
      for (std::uint32_t r = step.first_replaced; r < step.first_replaced + step.replaced_count; ++r) {
        const dns::RRsetRef& set = content_rrsets[part.replaced[r].content_rrset];
        for (std::uint32_t x = 0; x < set.count; ++x) part.new_bytes += content_records[set.first + x].rdlength;
        step.touched = true;
      }
    }
  });

  // ---- the patch -----------------------------------------------------------
  // The new records of each owner that changed, in canonical order. From
  // here the previous zone's arena may move: only record indices and the
  // made signatures (in the executor's buffers) are used.
  std::size_t new_bytes = soa_replaced ? soa_rdata.size() : 0;
  for (const Part& part : parts) new_bytes += part.new_bytes;
  previous.reserve(prev_records.size(), previous.arena_size() + new_bytes + 64);
  std::vector<dns::Record> patch;  // owner after owner
  std::vector<std::pair<std::uint32_t, std::uint32_t>> patch_at;  // previous owner, end of its records in `patch`
  bool in_place = true;  // every owner keeps its number of records of each type
  const auto fresh = [&](std::uint32_t owner, std::uint16_t type, std::uint16_t rclass, std::uint32_t ttl,
                         std::span<const std::uint8_t> rdata) {
    dns::Record rr;
    rr.owner = owner;
    rr.rdata = previous.add_bytes(rdata);
    rr.rdlength = static_cast<std::uint16_t>(rdata.size());
    rr.type = type;
    rr.rclass = rclass;
    rr.ttl = ttl;
    return rr;  // file 0, line 0: no text of the previous output says this
  };
  std::vector<dns::Record> block;
  for (const Part& part : parts)
    for (const OwnerStep& step : part.steps) {
      const dns::OwnerInfo& po = prev_owners[step.previous_owner];
      if (!step.touched || po.rrset_count == 0) continue;
      block.clear();
      for (std::uint32_t b = step.first_block; b < step.first_block + step.block_count; ++b) {
        const BlockSig& s = part.block_sigs[b];
        if (s.previous_record != kNone) block.push_back(prev_records[s.previous_record]);
        else block.push_back(fresh(po.owner, rt::RRSIG, dns::rrclass::IN, s.ttl, {s.made->data, s.made->size}));
      }
      std::sort(block.begin(), block.end(), [&](const dns::Record& a, const dns::Record& b) {
        return dns::canonical_rdata_compare(rt::RRSIG, previous.rdata(a), previous.rdata(b)) < 0;
      });
      // The RRSIGs go where RRSIG sorts among the owner's types.
      const std::uint32_t block_key = std::uint32_t{dns::rrclass::IN} << 16 | rt::RRSIG;
      bool block_placed = false;
      const auto place_block = [&](std::uint32_t old_count) {
        if (block_placed) return;
        patch.insert(patch.end(), block.begin(), block.end());
        block_placed = true;
        if (block.size() != old_count) in_place = false;
      };
      for (std::uint32_t j = 0; j < po.rrset_count; ++j) {
        const std::uint32_t prev_index = po.first_rrset + j;
        const dns::RRsetRef& set = prev_rrsets[prev_index];
        const dns::Record& head = prev_records[set.first];
        if (head.type == rt::RRSIG) {
          place_block(set.count);
          continue;
        }
        if (class_type(head) > block_key) place_block(0);
        if (prev_index == soa_previous_rrset && soa_replaced) {
          patch.push_back(fresh(po.owner, rt::SOA, head.rclass, info.soa_ttl, soa_rdata));
          continue;
        }
        const Replaced* r = nullptr;
        for (std::uint32_t x = step.first_replaced; x < step.first_replaced + step.replaced_count; ++x)
          if (part.replaced[x].previous_rrset == prev_index) r = &part.replaced[x];
        if (r == nullptr) {
          patch.insert(patch.end(), prev_records.begin() + set.first, prev_records.begin() + set.first + set.count);
          continue;
        }
        const dns::RRsetRef& from = content_rrsets[r->content_rrset];
        if (from.count != set.count) in_place = false;
        for (std::uint32_t x = 0; x < from.count; ++x) {
          const dns::Record& c = content_records[from.first + x];
          patch.push_back(fresh(po.owner, c.type, c.rclass, c.ttl, content.rdata(c)));
        }
      }
      place_block(0);
      patch_at.emplace_back(step.previous_owner, static_cast<std::uint32_t>(patch.size()));
    }

  const auto owner_records = [&](std::uint32_t owner) {
    const dns::OwnerInfo& po = prev_owners[owner];
    const dns::RRsetRef& last = prev_rrsets[po.first_rrset + po.rrset_count - 1];
    return std::pair<std::size_t, std::size_t>(prev_rrsets[po.first_rrset].first, last.first + last.count);
  };
  if (in_place) {
    // The same records of each type at each owner, only their data new: the
    // zone's index and order stay, each owner's records are overwritten.
    std::size_t from = 0;
    for (const auto& [owner, end] : patch_at) {
      if (!previous.overwrite(owner_records(owner).first, std::span<const dns::Record>(patch).subspan(from, end - from)))
        throw Error("internal error: a patched owner lost its order");
      from = end;
    }
  } else {
    std::vector<dns::Record> out;
    out.reserve(prev_records.size() + patch.size());
    std::size_t copied = 0, from = 0;  // previous records before `copied` are in `out` or replaced
    for (const auto& [owner, end] : patch_at) {
      const auto [first, last] = owner_records(owner);
      out.insert(out.end(), prev_records.begin() + static_cast<std::ptrdiff_t>(copied),
                 prev_records.begin() + static_cast<std::ptrdiff_t>(first));
      out.insert(out.end(), patch.begin() + static_cast<std::ptrdiff_t>(from),
                 patch.begin() + static_cast<std::ptrdiff_t>(end));
      copied = last;
      from = end;
    }
    out.insert(out.end(), prev_records.begin() + static_cast<std::ptrdiff_t>(copied), prev_records.end());
    previous.mutable_records().swap(out);
    std::vector<dns::Record>().swap(out);
    previous.finalize();
  }
  result.zone = std::move(previous);
  return result;
}

}  // namespace signet::signer
