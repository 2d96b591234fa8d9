// SPDX-License-Identifier: MIT
// The denial-of-existence chain of a signed zone: NSEC (RFC 4034 4, RFC 4035
// 2.3) or NSEC3 (RFC 5155 7.1, 8.3; RFC 9276 lint). Both checks work from
// what the chain must be: the names that need a denial record come from the
// zone's own classification, and the chain is compared with them, so every
// finding says what was expected (the next name, the hash, the types).
#include <algorithm>
#include <optional>

#include "signet/dnssec/nsec3.hpp"
#include "signet/dnssec/type_bitmap.hpp"
#include "verifier/detail/reporter.hpp"

namespace signet::verifier::detail {
namespace {

namespace t = dns::rrtype;
using dns::NameKind;

std::string types_text(const std::vector<std::uint16_t>& types) {
  std::string out;
  for (std::uint16_t type : types) {
    if (!out.empty()) out += " ";
    out += dns::type_to_text(type);
  }
  return out.empty() ? "none" : out;
}

// What expected_types() saw at the owner on the way.
struct OwnerTypes {
  bool nsec3_owner = false;  // only NSEC3 and RRSIG: a hashed name of the chain (is_nsec3_owner)
  bool ds = false;
};

// The types a denial record at owner `i` must list, into `types` (ascending):
// every RRset there; at a delegation only NS, DS and their signatures (the
// rest is the child's). NSEC3 never lists itself (it lives at the hashed name).
OwnerTypes expected_types(const dns::Zone& zone, std::size_t i, bool nsec3, std::vector<std::uint16_t>& types) {
  types.clear();
  const dns::OwnerInfo& info = zone.owners()[i];
  bool has_nsec3 = false, other = false;
  OwnerTypes found;
  for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
    const std::uint16_t type = zone.records()[zone.rrsets()[info.first_rrset + k].first].type;
    has_nsec3 = has_nsec3 || type == t::NSEC3;
    other = other || (type != t::NSEC3 && type != t::RRSIG);
    found.ds = found.ds || type == t::DS;
    if (nsec3 && type == t::NSEC3) continue;
    if (info.kind == NameKind::Delegation && type != t::NS && type != t::DS && type != t::RRSIG && type != t::NSEC)
      continue;
    types.push_back(type);
  }
  found.nsec3_owner = has_nsec3 && !other;
  // RRsets come in type order within a class: the sort is for mixed classes.
  if (!std::is_sorted(types.begin(), types.end())) std::sort(types.begin(), types.end());
  return found;
}

// Compares a bitmap with the expected types; empty string when equal.
std::string bitmap_difference(std::span<const std::uint8_t> bitmap, const std::vector<std::uint16_t>& expected) {
  std::vector<std::uint16_t> listed;
  if (!dnssec::read_type_bitmap(bitmap, listed)) return "the type bitmap is malformed (RFC 4034 4.1.2)";
  if (listed == expected) return {};
  std::vector<std::uint16_t> missing, extra;
  std::set_difference(expected.begin(), expected.end(), listed.begin(), listed.end(), std::back_inserter(missing));
  std::set_difference(listed.begin(), listed.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  std::string out = "the type bitmap lists " + types_text(listed) + ", expected " + types_text(expected);
  if (!missing.empty()) out += " (missing " + types_text(missing) + ")";
  if (!extra.empty()) out += " (not at the name: " + types_text(extra) + ")";
  return out;
}

// The bitmap check of one denial record, with buffers kept between calls: a
// bitmap that is byte for byte the expected one (the usual case) is settled
// by one comparison; anything else is decoded to say what differs.
class BitmapCheck {
 public:
  std::string difference(const dns::Zone& zone, std::size_t owner, bool nsec3, std::span<const std::uint8_t> bitmap) {
    expected_types(zone, owner, nsec3, types_);
    expected_bitmap_.clear();
    dnssec::append_type_bitmap(types_, expected_bitmap_);
    if (std::equal(bitmap.begin(), bitmap.end(), expected_bitmap_.begin(), expected_bitmap_.end())) return {};
    return bitmap_difference(bitmap, types_);
  }

 private:
  std::vector<std::uint16_t> types_;
  std::vector<std::uint8_t> expected_bitmap_;
};

const dns::Record* first_record(const dns::Zone& zone, std::size_t i) {
  const dns::OwnerInfo& info = zone.owners()[i];
  return info.rrset_count == 0 ? nullptr : &zone.records()[zone.rrsets()[info.first_rrset].first];
}

class DenialChecks {
 public:
  DenialChecks(const dns::Zone& zone, const Reporter& reporter, unsigned threads)
      : zone_(zone), r_(reporter), threads_(threads) {}

  void run() {
    // One pass over the RRsets finds the chain's kind and, for NSEC3, its
    // records (the check then reads them without a search at each owner).
    const dns::Record* nsec = nullptr;
    const dns::Record* nsec3 = nullptr;
    const auto& rrsets = zone_.rrsets();
    for (std::size_t k = 0; k < rrsets.size(); ++k) {
      const dns::Record& rr = zone_.records()[rrsets[k].first];
      if (rr.type == t::NSEC && nsec == nullptr) nsec = &rr;
      if (rr.type == t::NSEC3) {
        if (nsec3 == nullptr) nsec3 = &rr;
        nsec3_sets_.push_back(static_cast<std::uint32_t>(k));
      }
    }
    const dns::NameView origin = zone_.origin();
    if (nsec && nsec3) {
      r_.report("denial-mixed", *nsec3,
                "the zone has both NSEC and NSEC3 records; a zone uses one chain (re-sign with one denial mode)");
      return;
    }
    if (!nsec && !nsec3) {
      const std::ptrdiff_t soa = zone_.find_rrset(origin, t::SOA);
      r_.report("denial-missing", origin, 0, soa >= 0 ? &zone_.records()[zone_.rrsets()[static_cast<std::size_t>(soa)].first] : nullptr,
                "the zone is signed but has no NSEC or NSEC3 records, so no negative answer can be validated");
      return;
    }
    if (nsec) check_nsec();
    else check_nsec3();
  }

 private:
  const dns::Zone& zone_;
  const Reporter& r_;
  unsigned threads_;
  BitmapCheck bitmaps_;
  std::vector<std::uint8_t> expected_bitmaps_;  // NSEC3: the names' expected bitmaps, one after another
  std::vector<std::uint32_t> nsec3_sets_;       // the NSEC3 RRsets, in canonical order

  // Whether a name with data needs a denial record of its own: an
  // authoritative name or a delegation, not a hashed name of the NSEC3 chain.
  static bool needs_denial(const dns::OwnerInfo& info, bool nsec3_owner) noexcept {
    return info.rrset_count != 0 && !nsec3_owner &&
           (info.kind == NameKind::Apex || info.kind == NameKind::Authoritative || info.kind == NameKind::Delegation);
  }
  bool needs_denial(std::size_t i) const {
    const dns::OwnerInfo& info = zone_.owners()[i];
    return needs_denial(info, info.rrset_count != 0 && is_nsec3_owner(zone_, i));
  }

  // --- NSEC ---------------------------------------------------------------

  void check_nsec() {
    const auto& owners = zone_.owners();
    std::vector<std::size_t> chain;  // owners with an NSEC that should have one
    for (std::size_t i = 0; i < owners.size(); ++i) {
      const dns::RRsetRef* set = rrset_at(zone_, i, t::NSEC);
      const bool needs = needs_denial(i);
      if (set && !needs) {
        r_.report("nsec-unexpected", zone_.records()[set->first],
                  "an NSEC record belongs only at authoritative names and delegations, but " +
                      zone_.name_at(owners[i].owner).to_text() + " is glue, occluded or outside the zone");
        continue;
      }
      if (!needs) continue;
      if (!set) {
        r_.report("nsec-missing", zone_.name_at(owners[i].owner), t::NSEC, first_record(zone_, i),
                  "the name " + zone_.name_at(owners[i].owner).to_text() +
                      " has no NSEC record; every authoritative name and delegation needs one (RFC 4035 2.3)");
        continue;
      }
      chain.push_back(i);
    }
    const dns::NameView origin = zone_.origin();
    for (std::size_t j = 0; j < chain.size(); ++j) {
      const std::size_t i = chain[j];
      const dns::RRsetRef* set = rrset_at(zone_, i, t::NSEC);
      const dns::Record& rr = zone_.records()[set->first];
      const auto rdata = zone_.rdata(rr);
      const std::size_t len = dns::NameView::validate(rdata);
      const dns::NameView expected =
          j + 1 < chain.size() ? zone_.name_at(owners[chain[j + 1]].owner) : origin;
      if (len == 0) {
        r_.report("nsec-chain-broken", rr, "the NSEC next name is malformed; expected " + expected.to_text());
        continue;
      }
      const dns::NameView next(std::string_view(reinterpret_cast<const char*>(rdata.data()), len));
      if (!next.equals(expected))
        r_.report("nsec-chain-broken", rr,
                  "the NSEC next name is " + next.to_text() + ", expected " + expected.to_text() +
                      (j + 1 < chain.size() ? " (the next name of the zone in canonical order)"
                                            : " (the last NSEC must point back to the apex)"));
      const std::string diff = bitmaps_.difference(zone_, i, false, rdata.subspan(len));
      if (!diff.empty()) r_.report("nsec-bitmap-mismatch", rr, diff);
    }
  }

  // --- NSEC3 --------------------------------------------------------------

  struct Nsec3Entry {
    dnssec::Nsec3Hash hash;
    const dns::Record* record;
    dnssec::Nsec3View view;
  };
  struct NameHash {
    dnssec::Nsec3Hash hash;
    std::size_t owner;
    bool required;
    std::uint32_t bitmap_at;    // the expected type bitmap, in expected_bitmaps_
    std::uint32_t bitmap_size;
  };
  // Hash order, settled by the first eight octets but for a collision of them.
  static std::uint64_t hash_head(const dnssec::Nsec3Hash& h) noexcept {
    std::uint64_t v = 0;
    for (std::size_t k = 0; k < 8; ++k) v = v << 8 | h[k];
    return v;
  }
  static bool hash_less(const dnssec::Nsec3Hash& a, const dnssec::Nsec3Hash& b) noexcept {
    const std::uint64_t x = hash_head(a), y = hash_head(b);
    return x != y ? x < y : a < b;
  }

  // What the NSEC3 chain owes each owner name, and the type bitmap its
  // NSEC3 must have (in expected_bitmaps_).
  enum Need : std::uint8_t { kNone, kRequired, kOptional };
  struct OwnerNeed {
    std::uint32_t bitmap_at = 0;
    std::uint16_t bitmap_size = 0;
    Need need = kNone;
  };

  // The names the chain must (or, under opt-out, may) cover, with their
  // expected bitmaps, in one pass over the owners in canonical order: the
  // check visits names in hash order, where reading the zone's records for
  // the types would jump all over memory.
  std::vector<OwnerNeed> owner_needs(bool any_opt_out) {
    const auto& owners = zone_.owners();
    const dns::NameView origin = zone_.origin();
    std::vector<OwnerNeed> needs(owners.size());
    std::vector<std::uint16_t> types, last_types;
    expected_bitmaps_.clear();
    std::uint32_t at = 0;
    std::uint16_t size = 0;  // the last bitmap made
    for (std::size_t i = 0; i < owners.size(); ++i) {
      const dns::OwnerInfo& info = owners[i];
      if (!needs_denial(info, false)) continue;  // then the types tell a hashed name
      const OwnerTypes found = expected_types(zone_, i, true, types);
      if (found.nsec3_owner) continue;
      const bool insecure_cut = info.kind == NameKind::Delegation && !found.ds;
      // Names in a row mostly have the same types (delegations with DS or
      // without): they share one bitmap.
      if (expected_bitmaps_.empty() || types != last_types) {
        at = static_cast<std::uint32_t>(expected_bitmaps_.size());
        dnssec::append_type_bitmap(types, expected_bitmaps_);
        size = static_cast<std::uint16_t>(expected_bitmaps_.size() - at);
        last_types.swap(types);
      }
      needs[i] = OwnerNeed{at, size, insecure_cut && any_opt_out ? kOptional : kRequired};
    }
    // Empty non-terminals above a required name are required; the others
    // (above opted-out delegations only) may be left out. Their bitmap is
    // empty. A name right below the apex has none above it.
    const std::size_t below_apex = origin.size() + 1;
    for (std::size_t i = 0; i < owners.size(); ++i) {
      if (needs[i].need == kNone) continue;
      const dns::NameView name = zone_.name_at(owners[i].owner);
      if (name.size() == below_apex + static_cast<std::uint8_t>(name.wire()[0])) continue;
      const bool req = needs[i].need == kRequired;
      for (dns::NameView up = name.parent(); up.is_subdomain_of(origin) && !up.equals(origin); up = up.parent()) {
        const std::ptrdiff_t found = zone_.find_owner(up);
        if (found < 0 || owners[static_cast<std::size_t>(found)].kind != NameKind::EmptyNonTerminal) break;
        OwnerNeed& ent = needs[static_cast<std::size_t>(found)];
        if (ent.need == kRequired || (!req && ent.need == kOptional)) break;
        ent = OwnerNeed{0, 0, req ? kRequired : kOptional};
      }
    }
    return needs;
  }

  // The hashes of the names that are required (and optional, when asked)
  // with their expected bitmaps, in hash order.
  std::vector<NameHash> hashed_names(const dnssec::Nsec3Params& params, const std::vector<OwnerNeed>& needs,
                                     bool with_optional) {
    std::vector<NameHash> names;
    for (std::size_t i = 0; i < needs.size(); ++i) {
      const OwnerNeed& n = needs[i];
      if (n.need == kRequired || (with_optional && n.need == kOptional))
        names.push_back(NameHash{{}, i, n.need == kRequired, n.bitmap_at, n.bitmap_size});
    }
    const auto& owners = zone_.owners();
    dnssec::hash_names(
        params, names.size(), [&](std::size_t k) { return zone_.name_at(owners[names[k].owner].owner); },
        [&](std::size_t k, const dnssec::Nsec3Hash& h) { names[k].hash = h; }, threads_);
    // Sorted through a compact key, then put in that order. Hashes are
    // uniform: one counting pass on their first 16 bits spreads them over
    // buckets of a name or two, each then sorted by insertion.
    struct Key {
      std::uint64_t head;
      std::uint32_t index;
    };
    const auto key_less = [&](const Key& a, const Key& b) {
      return a.head != b.head ? a.head < b.head : names[a.index].hash < names[b.index].hash;
    };
    constexpr std::size_t kBuckets = 1 << 16;
    std::vector<std::uint32_t> end(kBuckets + 1, 0);
    for (const NameHash& n : names) ++end[(hash_head(n.hash) >> 48) + 1];
    for (std::size_t b = 1; b <= kBuckets; ++b) end[b] += end[b - 1];
    std::vector<Key> keys(names.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
      const std::uint64_t head = hash_head(names[k].hash);
      keys[end[head >> 48]++] = Key{head, static_cast<std::uint32_t>(k)};
    }
    for (std::size_t b = 0, first = 0; b < kBuckets; first = end[b++])
      for (std::size_t i = first + 1; i < end[b]; ++i)
        for (std::size_t j = i; j > first && key_less(keys[j], keys[j - 1]); --j) std::swap(keys[j], keys[j - 1]);
    std::vector<NameHash> sorted(names.size());
    for (std::size_t k = 0; k < keys.size(); ++k) sorted[k] = names[keys[k].index];
    return sorted;
  }

  void check_nsec3() {
    const dns::NameView origin = zone_.origin();
    const auto& owners = zone_.owners();
    // The parameters: NSEC3PARAM's, or the first NSEC3's when it is missing.
    std::optional<dnssec::Nsec3Params> params;
    const dns::Record* param_record = nullptr;
    const std::ptrdiff_t param_set = zone_.find_rrset(origin, t::NSEC3PARAM);
    if (param_set >= 0) {
      const dns::RRsetRef& set = zone_.rrsets()[static_cast<std::size_t>(param_set)];
      param_record = &zone_.records()[set.first];
      params = dnssec::parse_nsec3param(zone_.rdata(*param_record));
      if (set.count > 1)
        r_.report("nsec3param-mismatch", zone_.records()[set.first + 1],
                  "the apex has " + std::to_string(set.count) + " NSEC3PARAM records; expected exactly one");
      if (!params) r_.report("nsec3param-mismatch", *param_record, "the NSEC3PARAM rdata is malformed");
    }
    std::vector<Nsec3Entry> entries;
    entries.reserve(nsec3_sets_.size());
    bool any_opt_out = false;
    for (const std::uint32_t k : nsec3_sets_) {
      const dns::Record& rr = zone_.records()[zone_.rrsets()[k].first];
      const dns::NameView owner = zone_.owner(rr);
      const auto hash = dnssec::nsec3_owner_hash(owner);
      const auto view = dnssec::parse_nsec3(zone_.rdata(rr));
      if (!hash || !owner.parent().equals(origin) || !view) {
        r_.report("nsec3-unexpected", rr,
                  "an NSEC3 owner must be a 32-character base32hex hash label directly below " + origin.to_text() +
                      " with well-formed rdata, but " + owner.to_text() + " is not");
        continue;
      }
      if (!params) {
        params = dnssec::Nsec3Params{view->hash_algorithm, 0, view->iterations, {view->salt.begin(), view->salt.end()}};
        if (param_set < 0)
          r_.report("nsec3param-mismatch", origin, t::NSEC3PARAM, &rr,
                    "the zone has NSEC3 records but no NSEC3PARAM at the apex; expected one with algorithm " +
                        std::to_string(view->hash_algorithm) + ", " + std::to_string(view->iterations) + " iterations");
      }
      if (view->hash_algorithm != params->hash_algorithm || view->iterations != params->iterations ||
          !std::equal(view->salt.begin(), view->salt.end(), params->salt.begin(), params->salt.end())) {
        r_.report("nsec3param-mismatch", rr,
                  "this NSEC3 has algorithm " + std::to_string(view->hash_algorithm) + ", " +
                      std::to_string(view->iterations) + " iterations, salt " +
                      (view->salt.empty() ? std::string("-") : hex(view->salt)) + "; the NSEC3PARAM says algorithm " +
                      std::to_string(params->hash_algorithm) + ", " + std::to_string(params->iterations) +
                      " iterations, salt " + (params->salt.empty() ? std::string("-") : hex(params->salt)));
        continue;
      }
      any_opt_out = any_opt_out || view->opt_out();
      entries.push_back(Nsec3Entry{*hash, &rr, *view});
    }
    if (!params || params->hash_algorithm != dnssec::kNsec3Sha1) return;
    const dns::Record* lint_at = param_record ? param_record : (entries.empty() ? nullptr : entries.front().record);
    if (params->iterations > 0)
      r_.report("nsec3-iterations", origin, t::NSEC3PARAM, lint_at,
                "NSEC3 uses " + std::to_string(params->iterations) +
                    " extra iterations; RFC 9276 3.1 says 0 (validators may treat more as insecure)");
    if (!params->salt.empty())
      r_.report("nsec3-salt", origin, t::NSEC3PARAM, lint_at,
                "NSEC3 uses the salt " + hex(params->salt) + "; RFC 9276 3.1 says use none (-)");

    const std::vector<OwnerNeed> needs = owner_needs(any_opt_out);
    // NSEC3 owners in canonical order are in hash order already.
    const auto entry_less = [](const Nsec3Entry& a, const Nsec3Entry& b) { return hash_less(a.hash, b.hash); };
    if (!std::is_sorted(entries.begin(), entries.end(), entry_less)) std::sort(entries.begin(), entries.end(), entry_less);

    // When every NSEC3 has the opt-out flag, a name that may be left out (an
    // insecure delegation) is fine wherever its hash falls: matched by an
    // NSEC3 or covered by one with opt-out. Its hash is needed only if some
    // NSEC3 matches none of the names that must be there, to tell an NSEC3
    // for an insecure delegation from one for nothing. So the optional names
    // (most of an opt-out TLD) are hashed only then.
    const bool all_opt_out =
        std::all_of(entries.begin(), entries.end(), [](const Nsec3Entry& e) { return e.view.opt_out(); });
    bool with_optional = !all_opt_out;
    std::vector<NameHash> names = hashed_names(*params, needs, with_optional);
    if (!with_optional &&
        std::any_of(needs.begin(), needs.end(), [](const OwnerNeed& n) { return n.need == kOptional; })) {
      std::size_t at = 0;
      for (const Nsec3Entry& e : entries) {
        while (at < names.size() && hash_less(names[at].hash, e.hash)) ++at;
        if (at == names.size() || names[at].hash != e.hash) {
          with_optional = true;
          break;
        }
      }
      if (with_optional) names = hashed_names(*params, needs, true);
    }

    // Both lists are in hash order: each is walked once beside the other.
    std::size_t at_name = 0;
    for (std::size_t j = 0; j < entries.size(); ++j) {
      const Nsec3Entry& e = entries[j];
      const dnssec::Nsec3Hash& expected = entries[(j + 1) % entries.size()].hash;
      if (!std::equal(e.view.next_hashed_owner.begin(), e.view.next_hashed_owner.end(), expected.begin(), expected.end()))
        r_.report("nsec3-chain-broken", *e.record,
                  "the next hashed owner is " + dnssec::base32hex_lower(e.view.next_hashed_owner) + ", expected " +
                      dnssec::base32hex_lower(expected) +
                      (j + 1 < entries.size() ? " (the next NSEC3 in hash order)" : " (the last NSEC3 points back to the first)"));
      while (at_name < names.size() && hash_less(names[at_name].hash, e.hash)) ++at_name;
      if (at_name == names.size() || names[at_name].hash != e.hash) {
        r_.report("nsec3-unexpected", *e.record,
                  "this NSEC3's hash matches no authoritative name, delegation or empty non-terminal of the zone "
                  "(an NSEC3 for glue, occluded data or a removed name)");
        continue;
      }
      const NameHash& match = names[at_name];
      const std::span<const std::uint8_t> want(expected_bitmaps_.data() + match.bitmap_at, match.bitmap_size);
      if (std::equal(e.view.type_bitmap.begin(), e.view.type_bitmap.end(), want.begin(), want.end())) continue;
      const std::string diff = bitmaps_.difference(zone_, match.owner, true, e.view.type_bitmap);
      if (!diff.empty())
        r_.report("nsec3-bitmap-mismatch", *e.record,
                  diff + " for " + zone_.name_at(owners[match.owner].owner).to_text());
    }
    std::size_t at_entry = 0;
    for (const NameHash& n : names) {
      while (at_entry < entries.size() && hash_less(entries[at_entry].hash, n.hash)) ++at_entry;
      if (at_entry < entries.size() && entries[at_entry].hash == n.hash) continue;
      const dns::NameView name = zone_.name_at(owners[n.owner].owner);
      if (!n.required) {
        // An opted-out delegation: the NSEC3 that covers its hash must have the opt-out flag.
        if (entries.empty()) continue;
        const Nsec3Entry& cover = at_entry == 0 ? entries.back() : entries[at_entry - 1];
        if (cover.view.opt_out()) continue;
        r_.report("nsec3-missing", name, t::NSEC3, first_record(zone_, n.owner),
                  "the insecure delegation " + name.to_text() + " has no NSEC3 at " +
                      dnssec::nsec3_owner(n.hash, origin).to_text() +
                      " and the NSEC3 covering its hash has no opt-out flag (RFC 5155 6)");
        continue;
      }
      r_.report("nsec3-missing", name, t::NSEC3, first_record(zone_, n.owner),
                "the name " + name.to_text() + " has no NSEC3; expected one at " +
                    dnssec::nsec3_owner(n.hash, origin).to_text() + " (RFC 5155 7.1)");
    }
  }
};

}  // namespace

void check_denial(const dns::Zone& zone, const Reporter& reporter, unsigned threads) {
  DenialChecks(zone, reporter, threads).run();
}

}  // namespace signet::verifier::detail
