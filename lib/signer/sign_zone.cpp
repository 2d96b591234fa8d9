// SPDX-License-Identifier: MIT
// sign_zone(): the content zone and its denial chain are built and sorted,
// one forward walk beside the previous output (and a signed input) decides
// for every RRset which old signatures stay and which are made, the executor
// makes the new ones on all cores, and the result is assembled in place
// (records appended to the content zone's arrays, one final sort).
//
// The SOA and ZONEMD come last: whether the serial moves depends on whether
// anything else changed, and ZONEMD digests the finished zone. Each is signed
// from a one-record zone so the big zone is sorted once more only for ZONEMD.
#include <algorithm>

#include "signer/detail/planner.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/denial.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/error.hpp"

namespace signet::signer {
namespace {

using namespace detail;
namespace rt = dns::rrtype;
using Bytes = std::vector<std::uint8_t>;

std::uint32_t patch_record(dns::Zone& out, std::uint32_t record, std::span<const std::uint8_t> rdata) {
  out.replace_rdata(record, out.add_bytes(rdata), static_cast<std::uint16_t>(rdata.size()));
  return out.records()[record].owner;
}

}  // namespace

PreparedZone::PreparedZone(std::unique_ptr<detail::Prepared> state) : state_(std::move(state)) {}
PreparedZone::PreparedZone(PreparedZone&&) noexcept = default;
PreparedZone& PreparedZone::operator=(PreparedZone&&) noexcept = default;
PreparedZone::~PreparedZone() = default;

namespace {

// What every way of preparing reads first: the keys' roles and the input's SOA.
void read_input(detail::Prepared& p, const dns::Zone& input, const SignKeys& keys) {
  p.roles = assign_roles(keys, input.origin());
  read_soa(input, p.info);
}

// The zone to sign as build_content()'s copy of p.input (finalized). The
// SOA carries the input's serial until sign_zone() knows the one of this
// run and patches it (nothing before that reads it).
void copy_content(detail::Prepared& p, const SignKeys& keys, const SignOptions& options) {
  read_input(p, *p.input, keys);
  p.zone = build_content(*p.input, keys, options, p.info, p.info.input_serial);
  p.zone.finalize();
}

}  // namespace

PreparedZone prepare_zone(const dns::Zone& input, const SignKeys& keys, const SignOptions& options) {
  auto p = std::make_unique<detail::Prepared>();
  p->input = &input;
  if (!input.finalized()) {
    p->input_copy.emplace(input);
    p->input_copy->finalize();
    p->input = &*p->input_copy;
  }
  copy_content(*p, keys, options);
  return PreparedZone(std::move(p));
}

PreparedZone prepare_zone(dns::Zone&& input, const SignKeys& keys, const SignOptions& options) {
  if (!input.finalized()) input.finalize();
  auto p = std::make_unique<detail::Prepared>();
  if (!content_is_input(input)) {
    // Records to leave out or change, or a refusal: the copy does it.
    p->input = &p->input_copy.emplace(std::move(input));
    copy_content(*p, keys, options);
    return PreparedZone(std::move(p));
  }
  // The input is the content: the apex records join it. What sign_zone()
  // reads of the input besides (its signatures and DNSKEYs, for reuse and
  // statistics) it does not have: an empty zone stands for it.
  read_input(*p, input, keys);
  p->input = &p->input_copy.emplace(input.origin());
  p->input_copy->finalize();
  p->zone = std::move(input);
  add_apex_records(p->zone, {}, keys, options, p->info, p->info.input_serial, false);
  p->zone.finalize();
  return PreparedZone(std::move(p));
}

SignResult sign_zone(const dns::Zone& input, const dns::Zone* previous, const SignKeys& keys,
                     const SignOptions& options) {
  return sign_zone(prepare_zone(input, keys, options), previous, keys, options);
}

SignResult sign_zone(PreparedZone prepared, const dns::Zone* previous_arg, const SignKeys& keys,
                     const SignOptions& options) {
  detail::Prepared& p = *prepared.state_;
  const dns::Zone* input = p.input;
  const ContentInfo& info = p.info;
  const std::vector<KeyRole>& roles = p.roles;
  dns::Zone zone = std::move(p.zone);
  // The denial chain goes straight into the zone; an NSEC takes its owner's
  // offset, so that finalize() places it by owner rank instead of comparing names.
  const std::uint32_t denial_ttl = std::min(info.soa_ttl, info.soa_minimum);
  if (options.denial == Denial::Nsec)
    dnssec::add_nsec_chain(zone, denial_ttl);
  else
    dnssec::add_nsec3_chain(zone, options.nsec3, options.opt_out, denial_ttl, options.threads);
  zone.finalize();
  std::optional<dns::Zone> previous_copy;
  const dns::Zone* previous = previous_arg;
  if (previous && !previous->finalized()) {
    previous_copy.emplace(*previous_arg);
    previous_copy->finalize();
    previous = &*previous_copy;
  }
  const dns::Name& origin = input->origin();
  const dns::UnixTime now = options.now;
  const Times times = signature_times(options);

  const SerialStart start = serial_start(info, previous, options);

  // The walk: every RRset against the previous output (for reuse and to see
  // whether anything changed) and against a signed input (for reuse).
  std::optional<SourceCursor> prev_cursor, input_cursor;
  if (previous) prev_cursor.emplace(*previous);
  if (info.input_signed) input_cursor.emplace(*input);
  std::vector<SigRef> sigs;
  std::vector<WorkItem> work;
  std::vector<SignedSet> sets;
  sigs.reserve(zone.rrsets().size());
  sets.reserve(zone.rrsets().size());
  Counters counters;
  Planner planner(zone, roles, times, now, sigs, work, counters);
  std::size_t matched_records = 0, rest_records = 0;
  std::optional<std::uint32_t> soa_set, zonemd_set;
  const auto& records = zone.records();
  const auto& rrsets = zone.rrsets();
  for (const dns::OwnerInfo& owner : zone.owners()) {
    const dns::NameView name = zone.name_at(owner.owner);
    const bool ph = prev_cursor && prev_cursor->seek(name);
    const bool ih = input_cursor && input_cursor->seek(name);
    for (std::uint32_t k = 0; k < owner.rrset_count; ++k) {
      const std::uint32_t index = owner.first_rrset + k;
      const dns::RRsetRef& set = rrsets[index];
      const std::uint16_t type = records[set.first].type;
      if (owner.kind == dns::NameKind::Apex && (type == rt::SOA || type == rt::ZONEMD)) {
        (type == rt::SOA ? soa_set : zonemd_set) = index;
        continue;
      }
      rest_records += set.count;
      const bool ps = ph && prev_cursor->same_rrset(zone, set);
      if (ps) matched_records += set.count;
      if (!signs_rrset(owner.kind, type)) continue;
      const bool is = ih && input_cursor->same_rrset(zone, set);
      sets.push_back(planner.plan(index, ph ? &*prev_cursor : nullptr, ps, ih ? &*input_cursor : nullptr, is));
    }
  }
  if (!soa_set) throw Error("internal error: the signed zone lost its SOA");

  // What the previous output holds besides its SOA and ZONEMD, to tell
  // whether anything changed; and what the sources' signatures were.
  const PreviousCounts before = previous ? count_previous(*previous) : PreviousCounts{};
  std::size_t input_sigs = 0;
  if (info.input_signed)
    for (const dns::Record& rr : input->records()) input_sigs += rr.type == rt::RRSIG;

  bool changed = !previous || counters.made > 0 || matched_records != rest_records ||
                 before.records != rest_records || counters.kept_previous != before.sigs_rest;

  // SOA: unchanged only if its data and signatures all stay.
  const dns::Zone* signed_input = info.input_signed ? input : nullptr;
  ApexSigning soa;
  plan_apex(soa, origin, rt::SOA, info.soa_ttl, with_serial(info, start.tentative), previous, signed_input, roles, times,
            now);
  if (!apex_unchanged(soa)) changed = true;
  // ZONEMD: a new scheme or hash, or signatures due, change the zone too.
  if (previous && !changed) {
    const std::ptrdiff_t at = previous->find_rrset(origin, rt::ZONEMD);
    if (zonemd_set.has_value() != (at >= 0)) {
      changed = true;
    } else if (zonemd_set) {
      const auto mine = dnssec::parse_zonemd(zone.rdata(records[rrsets[*zonemd_set].first]));
      const auto theirs = dnssec::parse_zonemd(previous->rdata(previous->records()[previous->rrsets()[static_cast<std::size_t>(at)].first]));
      if (!mine || !theirs || mine->hash_algorithm != theirs->hash_algorithm || mine->scheme != theirs->scheme ||
          previous->rrsets()[static_cast<std::size_t>(at)].count != 1)
        changed = true;
      // Would its old signatures all stay? (Its data is checked once known.)
      SignatureCheck check;
      check.type = rt::ZONEMD;
      check.labels = static_cast<std::uint8_t>(origin.view().rrsig_label_count());
      check.ttl = records[rrsets[*zonemd_set].first].ttl;
      check.origin = origin.view();
      check.now = now;
      check.refresh = times.refresh;
      SourceCursor cur(*previous);
      cur.seek(origin);
      std::vector<char> have(roles.size(), 0);
      for (const dns::Record& sig : cur.signatures()) {
        dns::UnixTime exp = 0;
        const int r = covered_type(previous->rdata(sig)) == rt::ZONEMD
                          ? reusable_key(previous->rdata(sig), sig.ttl, check, roles, exp)
                          : -1;
        if (r >= 0) have[static_cast<std::size_t>(r)] = 1;
      }
      for (std::size_t r = 0; r < roles.size(); ++r)
        if (roles[r].signs_data && !have[r]) changed = true;
    }
  }

  const std::uint32_t serial = changed ? next_serial(options.serial, info.input_serial, start.base, now) : start.tentative;
  if (serial != start.tentative) {
    soa = ApexSigning();
    plan_apex(soa, origin, rt::SOA, info.soa_ttl, with_serial(info, serial), previous, signed_input, roles, times,
              now);
  }

  std::vector<std::vector<std::uint8_t>> buffers;
  run_signing(zone, roles, work, times.inception, options.threads, sigs, buffers, options.progress);
  run_signing(soa.zone, roles, soa.work, times.inception, 1, soa.sigs, soa.buffers);
  counters.add(soa.counters);

  // Assembly in place: the signatures join the content zone's arrays.
  const std::uint32_t soa_record = rrsets[*soa_set].first;
  dns::Zone out = std::move(zone);
  {
    std::size_t bytes = 0;
    for (const SigRef& s : sigs) bytes += s.size;
    out.reserve(out.records().size() + sigs.size() + 2 * roles.size() + 2, out.arena_size() + bytes + 4096);
  }
  // RRset by RRset in canonical order, the SOA's in its place among them.
  const std::uint32_t apex_owner = patch_record(out, soa_record, with_serial(info, serial));
  bool soa_added = false;
  std::vector<SigRef> scratch;
  const auto add_soa_signatures = [&] {
    add_signatures(out, apex_owner, info.soa_ttl, soa.sigs, scratch);
    soa_added = true;
  };
  std::size_t rrsets_signed = !soa.sigs.empty();
  for (const SignedSet& s : sets) {
    if (!soa_added && s.rrset > *soa_set) add_soa_signatures();
    const dns::Record first = out.records()[out.rrsets()[s.rrset].first];
    add_signatures(out, first.owner, first.ttl, std::span<const SigRef>(sigs).subspan(s.first_sig, s.count), scratch);
    rrsets_signed += s.count > 0;
  }
  if (!soa_added) add_soa_signatures();
  std::vector<SigRef>().swap(sigs);
  std::vector<std::vector<std::uint8_t>>().swap(buffers);
  out.finalize();

  if (zonemd_set) {
    const std::uint8_t hash = *options.zonemd_hash;
    const Bytes digest = dnssec::zonemd_digest(out, hash);
    const Bytes rdata = dnssec::make_zonemd_rdata(serial, dnssec::kZonemdSchemeSimple, hash, digest);
    const std::ptrdiff_t at = out.find_rrset(origin, rt::ZONEMD);
    if (at < 0) throw Error("internal error: the signed zone lost its ZONEMD");
    const dns::Record rec = out.records()[out.rrsets()[static_cast<std::size_t>(at)].first];
    ApexSigning zmd;
    plan_apex(zmd, origin, rt::ZONEMD, rec.ttl, rdata, previous, signed_input, roles, times, now);
    run_signing(zmd.zone, roles, zmd.work, times.inception, 1, zmd.sigs, zmd.buffers);
    counters.add(zmd.counters);
    if (previous && !apex_unchanged(zmd)) changed = true;
    patch_record(out, out.rrsets()[static_cast<std::size_t>(at)].first, rdata);
    add_signatures(out, rec.owner, rec.ttl, zmd.sigs, scratch);
    rrsets_signed += !zmd.sigs.empty();
    out.finalize();
  }

  SignResult result{std::move(out), {}};
  SignStats& st = result.stats;
  finish_stats(st, counters, times, result.zone, previous ? *previous : *input, keys);
  st.signatures_dropped = previous ? before.sigs - counters.kept_previous : input_sigs - counters.kept_input;
  st.rrsets_signed = rrsets_signed;
  st.serial_before = start.previous;
  st.serial_after = serial;
  st.changed = changed;
  return result;
}

}  // namespace signet::signer
