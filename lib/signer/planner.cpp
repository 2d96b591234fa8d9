// SPDX-License-Identifier: MIT
// Deciding signatures: see planner.hpp.
#include "signer/detail/planner.hpp"

#include <algorithm>

#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/rrsig.hpp"

namespace signet::signer::detail {
namespace {

namespace rt = dns::rrtype;

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

}  // namespace

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

SignedSet Planner::plan(std::uint32_t rrset, const SourceCursor* previous, bool previous_same,
                        const SourceCursor* input, bool input_same) {
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

bool Planner::signature_holds(std::span<const std::uint8_t> sig_rdata, const dns::RRsetRef& set, std::size_t role) {
  const auto view = dnssec::parse_rrsig(sig_rdata);
  if (!view || !roles_[role].public_key) return false;
  buffer_.clear();
  dnssec::append_signed_data(view->fields, zone_, zone_.records_of(set), buffer_);
  return crypto::verify(*roles_[role].public_key, buffer_, view->signature);
}

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

void count_owner(const dns::Zone& zone, const dns::OwnerInfo& owner, PreviousCounts& c) {
  // By RRsets: only the apex's signatures are read, for the ones over SOA and ZONEMD.
  const bool apex = owner.kind == dns::NameKind::Apex;
  for (std::uint32_t k = 0; k < owner.rrset_count; ++k) {
    const dns::RRsetRef& set = zone.rrsets()[owner.first_rrset + k];
    const std::uint16_t type = zone.records()[set.first].type;
    if (type == rt::RRSIG) {
      c.sigs += set.count;
      c.sigs_rest += set.count;
      if (apex)
        for (const dns::Record& rr : zone.records_of(set)) {
          const std::uint16_t covered = covered_type(zone.rdata(rr));
          if (covered == rt::SOA || covered == rt::ZONEMD) --c.sigs_rest;
        }
    } else if (!apex || (type != rt::SOA && type != rt::ZONEMD)) {
      c.records += set.count;
    }
  }
}

PreviousCounts count_previous(const dns::Zone& previous) {
  PreviousCounts c;
  for (const dns::OwnerInfo& owner : previous.owners()) count_owner(previous, owner, c);
  return c;
}

SerialStart serial_start(const ContentInfo& info, const dns::Zone* previous, const SignOptions& options) {
  // The serial the zone keeps when nothing changes: the previous output's
  // (or the input's when that is ahead, or with --serial keep).
  const std::optional<std::uint32_t> found = previous ? zone_serial(*previous) : std::nullopt;
  SerialStart s;
  s.previous = found.value_or(info.input_serial);
  s.base = info.input_serial;
  if (found && serial_greater(s.previous, s.base)) s.base = s.previous;
  s.tentative = options.serial == SerialPolicy::Keep || !found ? info.input_serial : s.base;
  return s;
}

void finish_stats(SignStats& st, const Counters& counters, const Times& times, const dns::Zone& result,
                  const dns::Zone& before, const SignKeys& keys) {
  st.signatures_made = counters.made;
  st.signatures_kept = counters.kept_previous + counters.kept_input;
  if (counters.earliest_expiration) st.next_refresh = *counters.earliest_expiration - times.refresh;
  const std::vector<Bytes> after_keys = dnskeys_of(result);
  const std::vector<Bytes> before_keys = dnskeys_of(before);
  for (const Bytes& k : after_keys)
    if (std::find(before_keys.begin(), before_keys.end(), k) == before_keys.end())
      st.keys_added.push_back(key_label(k, keys));
  for (const Bytes& k : before_keys)
    if (std::find(after_keys.begin(), after_keys.end(), k) == after_keys.end())
      st.keys_removed.push_back(key_label(k, keys));
}
}  // namespace signet::signer::detail
