// SPDX-License-Identifier: MIT
// patch_previous(): a re-sign that patches the previous output instead of
// building the signed zone anew. It applies when the zone keeps its shape:
// walking the content (the input's data with the new apex records) beside
// the previous output, owner by owner in canonical order, finds the same
// names spelled the same, of the same kinds, with the same types, and the
// previous denial records are of this run's mode, parameters and TTL. The
// denial chain, which depends only on the names and their types, then stays
// as it is, and the work is what changed: the RRsets whose records differ,
// the signatures to make, the SOA. The previous output's records are copied
// once into a new array with those changes (an owner that did not change is
// copied as a block), and the order they keep is checked by finalize() in
// one pass instead of sorted.
//
// It decides signatures exactly as sign_zone() does (the same Planner, the
// same SOA and serial logic), so both give the same zone; tests hold them to it.
#include <algorithm>

#include "signer/detail/planner.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/error.hpp"

namespace signet::signer {
namespace {

using namespace detail;
namespace rt = dns::rrtype;

constexpr std::uint32_t kNone = UINT32_MAX;

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

// One owner of the previous output and what the patch does there.
struct OwnerStep {
  std::uint32_t previous_owner = 0;         // index into previous.owners()
  std::uint32_t content_owner = kNone;      // index into content.owners(); kNone for a denial-only owner
  std::uint32_t first_set = 0, set_count = 0;  // its signed RRsets, in `sets`
  std::uint32_t first_replaced = 0, replaced_count = 0;  // its RRsets replaced from the content
  bool touched = false;
};

// A signed RRset: in the content zone (its data may be new) or in the
// previous output (a denial record, kept as it is), or the SOA.
struct PlannedSet {
  enum class From : std::uint8_t { Content, Previous, Soa } from = From::Content;
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

}  // namespace

std::optional<SignResult> patch_previous(const PreparedZone& prepared, dns::Zone& previous, const SignKeys& keys,
                                         const SignOptions& options) {
  const detail::Prepared& p = *prepared.state_;
  const ContentInfo& info = p.info;
  const dns::Zone& content = p.zone;
  const std::vector<KeyRole>& roles = p.roles;
  if (info.input_signed || options.zonemd_hash || !previous.finalized() || !content.finalized()) return std::nullopt;

  // ---- the shape ----------------------------------------------------------
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
  std::vector<OwnerStep> steps;
  steps.reserve(prev_owners.size());
  {
    std::size_t at = 0;
    const auto skip_denial_owners = [&] {
      for (; at < prev_owners.size() && denial_only(prev_owners[at]); ++at)
        steps.push_back(OwnerStep{static_cast<std::uint32_t>(at)});
    };
    for (std::size_t c = 0; c < content_owners.size(); ++c) {
      skip_denial_owners();
      if (at == prev_owners.size()) return std::nullopt;
      const dns::OwnerInfo& co = content_owners[c];
      const dns::OwnerInfo& po = prev_owners[at];
      if (co.kind != po.kind || content.name_at(co.owner).wire() != previous.name_at(po.owner).wire())
        return std::nullopt;
      // The previous owner's types, without RRSIG and an NSEC, are the content's.
      std::uint32_t k = 0;
      for (std::uint32_t j = 0; j < po.rrset_count; ++j) {
        const dns::RRsetRef& set = prev_rrsets[po.first_rrset + j];
        const dns::Record& rr = prev_records[set.first];
        if (rr.type == rt::RRSIG) continue;
        if (rr.type == rt::NSEC && !nsec3) {
          if (!denial_as_expected(set)) return std::nullopt;
          continue;
        }
        if (k == co.rrset_count || class_type(content_records[content_rrsets[co.first_rrset + k].first]) != class_type(rr))
          return std::nullopt;
        ++k;
      }
      if (k != co.rrset_count) return std::nullopt;
      steps.push_back(OwnerStep{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(c)});
      ++at;
    }
    skip_denial_owners();
    if (at != prev_owners.size()) return std::nullopt;
  }

  // ---- the signatures, as sign_zone() decides them -----------------------
  const dns::Name& origin = content.origin();
  const dns::UnixTime now = options.now;
  const Times times = signature_times(options);
  std::vector<SigRef> content_sigs, previous_sigs;
  std::vector<WorkItem> content_work, previous_work;
  Counters counters;
  Planner content_planner(content, roles, times, now, content_sigs, content_work, counters);
  Planner previous_planner(previous, roles, times, now, previous_sigs, previous_work, counters);
  SourceCursor cursor(previous);
  std::vector<PlannedSet> sets;
  std::vector<Replaced> replaced;
  std::size_t matched_records = 0, rest_records = 0;
  std::uint32_t soa_previous_rrset = kNone, apex_step = kNone;
  for (OwnerStep& step : steps) {
    const dns::OwnerInfo& po = prev_owners[step.previous_owner];
    cursor.set(step.previous_owner);
    step.first_set = static_cast<std::uint32_t>(sets.size());
    step.first_replaced = static_cast<std::uint32_t>(replaced.size());
    const dns::OwnerInfo* co = step.content_owner == kNone ? nullptr : &content_owners[step.content_owner];
    std::uint32_t k = 0;  // the content RRset that the next previous one of its type pairs with
    for (std::uint32_t j = 0; j < po.rrset_count; ++j) {
      const std::uint32_t prev_index = po.first_rrset + j;
      const dns::RRsetRef& prev_set = prev_rrsets[prev_index];
      const std::uint16_t type = prev_records[prev_set.first].type;
      if (type == rt::RRSIG) continue;
      if (type == denial_type) {
        // The chain stays: its records are the same, their signatures are planned.
        rest_records += prev_set.count;
        matched_records += prev_set.count;
        if (signs_rrset(po.kind, type))
          sets.push_back({PlannedSet::From::Previous, previous_planner.plan(prev_index, &cursor, true, nullptr, false)});
        continue;
      }
      const std::uint32_t index = co->first_rrset + k++;
      const dns::RRsetRef& set = content_rrsets[index];
      if (co->kind == dns::NameKind::Apex && type == rt::SOA) {
        soa_previous_rrset = prev_index;
        apex_step = static_cast<std::uint32_t>(&step - steps.data());
        continue;
      }
      rest_records += set.count;
      // The same octets are the same data; other octets may still be the
      // same data in canonical form (names in other cases), whose signatures hold.
      const bool octets = same_octets(content, set, previous, prev_set);
      const bool same = octets || cursor.same_rrset(content, set);
      if (same) matched_records += set.count;
      if (!octets) replaced.push_back({index, prev_index});
      if (signs_rrset(co->kind, type))
        sets.push_back({PlannedSet::From::Content, content_planner.plan(index, &cursor, same, nullptr, false)});
    }
    step.set_count = static_cast<std::uint32_t>(sets.size()) - step.first_set;
    step.replaced_count = static_cast<std::uint32_t>(replaced.size()) - step.first_replaced;
  }
  if (soa_previous_rrset == kNone) return std::nullopt;

  const PreviousCounts before = count_previous(previous);
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

  std::vector<std::vector<std::uint8_t>> content_buffers, previous_buffers;
  run_signing(content, roles, content_work, times.inception, options.threads, content_sigs, content_buffers,
              options.progress);
  run_signing(previous, roles, previous_work, times.inception, options.threads, previous_sigs, previous_buffers);
  run_signing(soa.zone, roles, soa.work, times.inception, 1, soa.sigs, soa.buffers);
  counters.add(soa.counters);

  SignResult result;
  SignStats& st = result.stats;
  finish_stats(st, counters, times, content, previous, keys);
  st.signatures_dropped = before.sigs - counters.kept_previous;
  st.rrsets_signed = static_cast<std::size_t>(!soa.sigs.empty()) +
                     static_cast<std::size_t>(std::count_if(sets.begin(), sets.end(), [](const PlannedSet& s) { return s.set.count > 0; }));
  st.serial_before = start.previous;
  st.serial_after = serial;
  st.changed = changed;

  // ---- the patch -----------------------------------------------------------
  // Each owner's new RRSIGs: kept ones are records of the previous output
  // (found by their rdata, which the kept SigRefs point at), made ones new.
  const std::vector<std::uint8_t> soa_rdata = with_serial(info, serial);
  const dns::Record& old_soa = prev_records[prev_rrsets[soa_previous_rrset].first];
  const auto old_soa_rdata = previous.rdata(old_soa);
  const bool soa_replaced = old_soa.ttl != info.soa_ttl || old_soa.rdlength != soa_rdata.size() ||
                            !std::equal(soa_rdata.begin(), soa_rdata.end(), old_soa_rdata.begin());
  std::vector<BlockSig> block_sigs;
  std::vector<std::uint32_t> block_at(steps.size() + 1, 0);  // step i's RRSIGs: block_sigs[block_at[i], block_at[i + 1])
  std::size_t new_bytes = soa_replaced ? soa_rdata.size() : 0, new_records = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    OwnerStep& step = steps[i];
    const dns::OwnerInfo& po = prev_owners[step.previous_owner];
    block_at[i] = static_cast<std::uint32_t>(block_sigs.size());
    std::span<const dns::Record> old_sigs;
    for (std::uint32_t j = 0; j < po.rrset_count; ++j)
      if (prev_records[prev_rrsets[po.first_rrset + j].first].type == rt::RRSIG)
        old_sigs = previous.records_of(prev_rrsets[po.first_rrset + j]);
    const auto add = [&](const SigRef& ref, std::uint32_t ttl) {
      BlockSig b{kNone, nullptr, ttl};
      for (const dns::Record& rr : old_sigs)
        if (previous.rdata(rr).data() == ref.data) b.previous_record = static_cast<std::uint32_t>(&rr - prev_records.data());
      if (b.previous_record == kNone) {
        b.made = &ref;
        new_bytes += ref.size;
        step.touched = true;
      }
      block_sigs.push_back(b);
    };
    for (std::uint32_t s = step.first_set; s < step.first_set + step.set_count; ++s) {
      const PlannedSet& ps = sets[s];
      const bool from_content = ps.from == PlannedSet::From::Content;
      const dns::Zone& z = from_content ? content : previous;
      const std::uint32_t ttl = z.records()[z.rrsets()[ps.set.rrset].first].ttl;
      const std::vector<SigRef>& refs = from_content ? content_sigs : previous_sigs;
      for (std::uint32_t r = ps.set.first_sig; r < ps.set.first_sig + ps.set.count; ++r) add(refs[r], ttl);
    }
    if (i == apex_step) {
      for (const SigRef& ref : soa.sigs) add(ref, info.soa_ttl);
      if (soa_replaced) step.touched = true;
    }
    if (block_sigs.size() - block_at[i] != old_sigs.size()) step.touched = true;
    for (std::uint32_t r = step.first_replaced; r < step.first_replaced + step.replaced_count; ++r) {
      const dns::RRsetRef& set = content_rrsets[replaced[r].content_rrset];
      for (std::uint32_t x = 0; x < set.count; ++x) new_bytes += content_records[set.first + x].rdlength;
      new_records += set.count;
      step.touched = true;
    }
  }
  block_at[steps.size()] = static_cast<std::uint32_t>(block_sigs.size());

  // The new records of each owner that changed, in canonical order.
  // From here the previous zone's arena may move: only record indices and
  // the made signatures (in the executor's buffers) are used.
  previous.reserve(prev_records.size(), previous.arena_size() + new_bytes + 64);
  std::vector<dns::Record> patch;  // owner after owner
  std::vector<std::pair<std::uint32_t, std::uint32_t>> patch_at;  // step, end of its records in `patch`
  bool in_place = true;  // every owner keeps its number of records of each type
  {
    std::vector<dns::Record> block;
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
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const OwnerStep& step = steps[i];
      if (!step.touched) continue;
      const dns::OwnerInfo& po = prev_owners[step.previous_owner];
      if (po.rrset_count == 0) continue;
      block.clear();
      for (std::uint32_t b = block_at[i]; b < block_at[i + 1]; ++b) {
        const BlockSig& s = block_sigs[b];
        if (s.previous_record != kNone) block.push_back(prev_records[s.previous_record]);
        else block.push_back(fresh(po.owner, rt::RRSIG, dns::rrclass::IN, s.ttl, {s.made->data, s.made->size}));
      }
      std::sort(block.begin(), block.end(), [&](const dns::Record& a, const dns::Record& b) {
        return dns::canonical_rdata_compare(rt::RRSIG, previous.rdata(a), previous.rdata(b)) < 0;
      });
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
          if (replaced[x].previous_rrset == prev_index) r = &replaced[x];
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
      patch_at.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(patch.size()));
    }
  }

  if (in_place) {
    // The same records of each type at each owner, only their data new: the
    // zone's index and order stay, each owner's records are overwritten.
    std::size_t from = 0;
    for (const auto& [i, end] : patch_at) {
      const dns::OwnerInfo& po = prev_owners[steps[i].previous_owner];
      const std::size_t first = prev_rrsets[po.first_rrset].first;
      if (!previous.overwrite(first, std::span<const dns::Record>(patch).subspan(from, end - from)))
        throw Error("internal error: a patched owner lost its order");
      from = end;
    }
  } else if (!patch_at.empty()) {
    std::vector<dns::Record> out;
    out.reserve(prev_records.size() + patch.size());
    std::size_t copied = 0, from = 0;  // previous records before `copied` are in `out` or replaced
    for (const auto& [i, end] : patch_at) {
      const dns::OwnerInfo& po = prev_owners[steps[i].previous_owner];
      const dns::RRsetRef& last_set = prev_rrsets[po.first_rrset + po.rrset_count - 1];
      const std::size_t first = prev_rrsets[po.first_rrset].first;
      out.insert(out.end(), prev_records.begin() + static_cast<std::ptrdiff_t>(copied),
                 prev_records.begin() + static_cast<std::ptrdiff_t>(first));
      out.insert(out.end(), patch.begin() + static_cast<std::ptrdiff_t>(from),
                 patch.begin() + static_cast<std::ptrdiff_t>(end));
      copied = last_set.first + last_set.count;
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
