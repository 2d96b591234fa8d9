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

#include "signer/detail/plan.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/denial.hpp"
#include "signet/dnssec/rrsig.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/error.hpp"

namespace signet::signer {
namespace {

using namespace detail;
namespace rt = dns::rrtype;
using Bytes = std::vector<std::uint8_t>;

// Which RRsets carry signatures: all authoritative ones; at a delegation only
// DS and NSEC (RFC 4035 2.2); never glue or occluded data.
bool signs_rrset(dns::NameKind kind, std::uint16_t type) noexcept {
  switch (kind) {
    case dns::NameKind::Apex:
    case dns::NameKind::Authoritative:
      return type != rt::RRSIG;
    case dns::NameKind::Delegation:
      return type == rt::DS || type == rt::NSEC;
    default:
      return false;
  }
}

struct SignedSet {
  std::uint32_t rrset = 0;
  std::uint32_t first_sig = 0;
  std::uint32_t count = 0;
};

struct Counters {
  std::size_t kept_previous = 0, kept_input = 0, made = 0;
  std::optional<dns::UnixTime> earliest_expiration;
  void note(dns::UnixTime exp) { earliest_expiration = earliest_expiration ? std::min(*earliest_expiration, exp) : exp; }
  void add(const Counters& o) {
    kept_previous += o.kept_previous;
    kept_input += o.kept_input;
    made += o.made;
    if (o.earliest_expiration) note(*o.earliest_expiration);
  }
};

// Decides the signatures of one RRset: old ones that can stay (the previous
// output first, then the input), new ones for every key role still missing.
class Planner {
 public:
  Planner(const dns::Zone& zone, std::span<const KeyRole> roles, const Times& times, dns::UnixTime now,
          std::vector<SigRef>& sigs, std::vector<WorkItem>& work, Counters& counters)
      : zone_(zone), roles_(roles), times_(times), now_(now), sigs_(sigs), work_(work), c_(counters),
        have_(roles.size()) {}

  SignedSet plan(std::uint32_t rrset, const SourceCursor* previous, bool previous_same, const SourceCursor* input,
                 bool input_same) {
    const dns::RRsetRef& set = zone_.rrsets()[rrset];
    const dns::Record& first = zone_.records()[set.first];
    const dns::NameView owner = zone_.owner(first);
    SignatureCheck check;
    check.type = first.type;
    check.labels = static_cast<std::uint8_t>(owner.rrsig_label_count());
    check.ttl = first.ttl;
    check.origin = zone_.origin().view();
    check.key_type = is_key_type(first.type);
    check.now = now_;
    check.refresh = times_.refresh;

    SignedSet s{rrset, static_cast<std::uint32_t>(sigs_.size()), 0};
    std::fill(have_.begin(), have_.end(), 0);
    // The previous output is signet's own, checked when it was written; a
    // signed input is text anyone may have edited, so its signatures are
    // checked against the data before they are kept.
    const auto take = [&](const SourceCursor* src, bool same, std::size_t& kept, bool check_crypto) {
      if (src == nullptr || !same) return;
      for (const dns::Record& sig : src->signatures()) {
        const auto rd = src->source().rdata(sig);
        if (covered_type(rd) != check.type) continue;
        dns::UnixTime exp = 0;
        const int r = reusable_key(rd, sig.ttl, check, roles_, exp);
        if (r < 0 || have_[static_cast<std::size_t>(r)]) continue;
        if (check_crypto && !signature_holds(rd, set, static_cast<std::size_t>(r))) continue;
        have_[static_cast<std::size_t>(r)] = 1;
        sigs_.push_back(SigRef{rd.data(), 0, static_cast<std::uint16_t>(rd.size()), 0});
        ++kept;
        c_.note(exp);
      }
    };
    take(previous, previous_same, c_.kept_previous, false);
    take(input, input_same, c_.kept_input, true);
    std::uint32_t exp = 0;
    bool exp_known = false;
    for (std::size_t r = 0; r < roles_.size(); ++r) {
      if (have_[r] || !(check.key_type ? roles_[r].signs_keys : roles_[r].signs_data)) continue;
      if (!exp_known) {
        exp = jittered_expiration(times_, owner, check.type);
        exp_known = true;
        c_.note(dnssec::rrsig_time(exp, now_));
      }
      work_.push_back(WorkItem{rrset, static_cast<std::uint32_t>(sigs_.size()), exp, static_cast<std::uint16_t>(r)});
      sigs_.emplace_back();
      ++c_.made;
    }
    s.count = static_cast<std::uint32_t>(sigs_.size()) - s.first_sig;
    return s;
  }

 private:
  bool signature_holds(std::span<const std::uint8_t> sig_rdata, const dns::RRsetRef& set, std::size_t role) {
    const auto view = dnssec::parse_rrsig(sig_rdata);
    if (!view || !roles_[role].public_key) return false;
    buffer_.clear();
    dnssec::append_signed_data(view->fields, zone_, zone_.records_of(set), buffer_);
    return crypto::verify(*roles_[role].public_key, buffer_, view->signature);
  }

  const dns::Zone& zone_;
  std::span<const KeyRole> roles_;
  const Times& times_;
  dns::UnixTime now_;
  std::vector<SigRef>& sigs_;
  std::vector<WorkItem>& work_;
  Counters& c_;
  std::vector<char> have_;
  std::vector<std::uint8_t> buffer_;
};

// The signatures of one apex RRset signed apart from the bulk (SOA, ZONEMD),
// over a one-record zone.
struct ApexSigning {
  dns::Zone zone;
  std::vector<SigRef> sigs;
  std::vector<WorkItem> work;
  std::vector<std::vector<std::uint8_t>> buffers;
  Counters counters;
  bool data_same = false;   // the previous output has exactly this RRset
  std::size_t previous_sigs = 0;  // RRSIGs over this type in the previous output
};

void plan_apex(ApexSigning& a, const dns::Name& origin, std::uint16_t type, std::uint32_t ttl,
               std::span<const std::uint8_t> rdata, const dns::Zone* previous, const dns::Zone* input,
               std::span<const KeyRole> roles, const Times& times, dns::UnixTime now) {
  a.zone = dns::Zone(origin);
  a.zone.add(origin, type, dns::rrclass::IN, ttl, rdata);
  a.zone.finalize();
  std::optional<SourceCursor> prev, in;
  bool ph = false, ih = false;
  if (previous) {
    prev.emplace(*previous);
    ph = prev->seek(origin);
    for (const dns::Record& sig : prev->signatures())
      if (covered_type(previous->rdata(sig)) == type) ++a.previous_sigs;
  }
  if (input) {
    in.emplace(*input);
    ih = in->seek(origin);
  }
  const dns::RRsetRef& set = a.zone.rrsets()[0];
  a.data_same = ph && prev->same_rrset(a.zone, set);
  Planner planner(a.zone, roles, times, now, a.sigs, a.work, a.counters);
  planner.plan(0, ph ? &*prev : nullptr, a.data_same, ih ? &*in : nullptr, ih && in->same_rrset(a.zone, set));
}

bool apex_unchanged(const ApexSigning& a) {
  return a.data_same && a.work.empty() && a.counters.kept_previous == a.previous_sigs;
}

std::vector<Bytes> dnskeys_of(const dns::Zone& zone) {
  std::vector<Bytes> out;
  const std::ptrdiff_t at = zone.find_rrset(zone.origin(), rt::DNSKEY);
  if (at < 0) return out;
  for (const dns::Record& rr : zone.records_of(zone.rrsets()[static_cast<std::size_t>(at)])) {
    const auto rd = zone.rdata(rr);
    out.emplace_back(rd.begin(), rd.end());
  }
  return out;
}

std::string key_label(const Bytes& rdata, const SignKeys& keys) {
  for (const auto* list : {&keys.published, &keys.signing, &keys.sync})
    for (const keys::DnssecKey* k : *list)
      if (k->dnskey_rdata() == rdata) return k->base_name();
  return std::to_string(crypto::key_tag(rdata)) + "/" + std::to_string(rdata.size() > 3 ? rdata[3] : 0);
}

// Appends one RRset's signatures in canonical rdata order, so that the
// signatures appended RRset by RRset form one ordered run and the final
// finalize() merges instead of sorting.
void add_signatures(dns::Zone& out, std::uint32_t owner, std::uint32_t ttl, std::span<const SigRef> refs,
                    std::vector<SigRef>& scratch) {
  const auto bytes = [](const SigRef& r) { return std::span<const std::uint8_t>(r.data, r.size); };
  if (refs.size() > 1) {
    scratch.assign(refs.begin(), refs.end());
    std::sort(scratch.begin(), scratch.end(), [&](const SigRef& a, const SigRef& b) {
      return dns::canonical_rdata_compare(rt::RRSIG, bytes(a), bytes(b)) < 0;
    });
    refs = scratch;
  }
  for (const SigRef& ref : refs) {
    dns::Record r;
    r.owner = owner;
    r.rdata = out.add_bytes(bytes(ref));
    r.rdlength = ref.size;
    r.type = rt::RRSIG;
    r.rclass = dns::rrclass::IN;
    r.ttl = ttl;
    out.add(r);
  }
}

std::uint32_t patch_record(dns::Zone& out, std::uint32_t record, std::span<const std::uint8_t> rdata) {
  out.replace_rdata(record, out.add_bytes(rdata), static_cast<std::uint16_t>(rdata.size()));
  return out.records()[record].owner;
}

}  // namespace

namespace detail {

// What prepare_zone() hands to sign_zone().
struct Prepared {
  const dns::Zone* input = nullptr;   // finalized: the caller's, or input_copy
  std::optional<dns::Zone> input_copy;
  std::vector<KeyRole> roles;
  ContentInfo info;
  dns::Zone zone;                     // content and denial chain, finalized
};

}  // namespace detail

PreparedZone::PreparedZone(std::unique_ptr<detail::Prepared> state) : state_(std::move(state)) {}
PreparedZone::PreparedZone(PreparedZone&&) noexcept = default;
PreparedZone& PreparedZone::operator=(PreparedZone&&) noexcept = default;
PreparedZone::~PreparedZone() = default;

PreparedZone prepare_zone(const dns::Zone& input_arg, const SignKeys& keys, const SignOptions& options) {
  auto p = std::make_unique<detail::Prepared>();
  p->input = &input_arg;
  if (!input_arg.finalized()) {
    p->input_copy.emplace(input_arg);
    p->input_copy->finalize();
    p->input = &*p->input_copy;
  }
  const dns::Zone& input = *p->input;
  p->roles = assign_roles(keys, input.origin());
  read_soa(input, p->info);
  const ContentInfo& info = p->info;

  // The SOA carries the input's serial until sign_zone() knows the one of
  // this run and patches it (nothing before that reads it).
  dns::Zone& zone = p->zone;
  zone = build_content(input, keys, options, p->info, info.input_serial);
  zone.finalize();
  // The denial chain goes straight into the zone; an NSEC takes its owner's
  // offset, so that finalize() places it by owner rank instead of comparing names.
  const std::uint32_t denial_ttl = std::min(info.soa_ttl, info.soa_minimum);
  if (options.denial == Denial::Nsec)
    dnssec::add_nsec_chain(zone, denial_ttl);
  else
    dnssec::add_nsec3_chain(zone, options.nsec3, options.opt_out, denial_ttl, options.threads);
  zone.finalize();
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

  // The serial the zone keeps when nothing changes: the previous output's
  // (or the input's when that is ahead, or with --serial keep).
  const std::optional<std::uint32_t> found_serial = previous ? zone_serial(*previous) : std::nullopt;
  const bool has_previous_serial = found_serial.has_value();
  const std::uint32_t previous_serial = found_serial.value_or(info.input_serial);
  std::uint32_t base = info.input_serial;
  if (has_previous_serial && serial_greater(previous_serial, base)) base = previous_serial;
  const std::uint32_t tentative =
      options.serial == SerialPolicy::Keep || !has_previous_serial ? info.input_serial : base;

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
  std::size_t previous_records = 0, previous_sigs_rest = 0, previous_sigs = 0, input_sigs = 0;
  if (previous)
    for (const dns::Record& rr : previous->records()) {
      if (rr.type == rt::RRSIG) {
        ++previous_sigs;
        const std::uint16_t covered = covered_type(previous->rdata(rr));
        if (covered != rt::SOA && covered != rt::ZONEMD) ++previous_sigs_rest;
      } else if (rr.type != rt::SOA && rr.type != rt::ZONEMD) {
        ++previous_records;
      }
    }
  if (info.input_signed)
    for (const dns::Record& rr : input->records()) input_sigs += rr.type == rt::RRSIG;

  bool changed = !previous || counters.made > 0 || matched_records != rest_records ||
                 previous_records != rest_records || counters.kept_previous != previous_sigs_rest;

  // SOA: unchanged only if its data and signatures all stay.
  const dns::Zone* signed_input = info.input_signed ? input : nullptr;
  ApexSigning soa;
  plan_apex(soa, origin, rt::SOA, info.soa_ttl, with_serial(info, tentative), previous, signed_input, roles, times,
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

  const std::uint32_t serial = changed ? next_serial(options.serial, info.input_serial, base, now) : tentative;
  if (serial != tentative) {
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
  st.signatures_made = counters.made;
  st.signatures_kept = counters.kept_previous + counters.kept_input;
  if (previous) st.signatures_dropped = previous_sigs - counters.kept_previous;
  else st.signatures_dropped = input_sigs - counters.kept_input;
  st.rrsets_signed = rrsets_signed;
  st.serial_before = previous_serial;
  st.serial_after = serial;
  st.changed = changed;
  if (counters.earliest_expiration) st.next_refresh = *counters.earliest_expiration - times.refresh;
  const std::vector<Bytes> after = dnskeys_of(result.zone);
  const std::vector<Bytes> before = dnskeys_of(previous ? *previous : *input);
  for (const Bytes& k : after)
    if (std::find(before.begin(), before.end(), k) == before.end()) st.keys_added.push_back(key_label(k, keys));
  for (const Bytes& k : before)
    if (std::find(after.begin(), after.end(), k) == after.end()) st.keys_removed.push_back(key_label(k, keys));
  return result;
}

}  // namespace signet::signer
