// SPDX-License-Identifier: MIT
// Unsigned-zone checks. One walk over the owner names in canonical order
// classifies each (apex, authoritative, zone cut, below a cut, below a DNAME,
// out of zone) and runs the per-owner and per-RRset checks: a name's
// descendants follow it contiguously, so one "current occluder" replaces any
// tree. NS targets elsewhere in the zone are looked up (binary search) after
// the walk, once every name is classified. O(n log n) overall; allocates only
// for findings and the short list of such targets.
#include "signet/verifier/verify.hpp"

#include <algorithm>
#include <future>
#include <iterator>
#include <string>
#include <tuple>

#include "signet/dns/rrtype.hpp"
#include "verifier/detail/reporter.hpp"

namespace signet::verifier {
namespace {

namespace t = dns::rrtype;

enum class Place : std::uint8_t { Apex, Authoritative, Cut, BelowCut, BelowDname, OutOfZone };

struct OwnerPlace {
  Place place = Place::Authoritative;
  std::uint32_t anchor = 0;  // owner index of the cut or DNAME above, for BelowCut/BelowDname
};

class Checker {
 public:
  Checker(const dns::Zone& zone, std::vector<Finding>& out) : zone_(zone), reporter_(zone, out) {}

  void run() {
    const auto& owners = zone_.owners();
    places_.assign(owners.size(), OwnerPlace{});
    // Owner names are scattered over the zone's arena in canonical order:
    // fetch a later one while this one is checked.
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < owners.size(); ++i) {
      if (i + kAhead < owners.size()) {
        zone_.prefetch_name(owners[i + kAhead].owner);
      }
      const dns::NameView name = owner_name(i);
      const KeySets sets = key_sets(i);
      classify(i, name, sets);
      check_owner(i, name, sets);
    }
    // Targets elsewhere in the zone may sort after their NS record: look them
    // up once every name is classified.
    for (const Deferred& d : deferred_) check_target_elsewhere(zone_.records()[d.record], d.target);
    check_apex();
  }

 private:
  const dns::Zone& zone_;
  detail::Reporter reporter_;
  struct Deferred {
    std::uint32_t record;  // index of the NS record
    dns::NameView target;
  };
  std::vector<OwnerPlace> places_;
  std::vector<Deferred> deferred_;
  std::ptrdiff_t apex_ = -1;
  // The innermost zone cut or DNAME owner the walk is below, if any.
  std::ptrdiff_t occluder_ = -1;
  dns::NameView occluder_name_;
  bool occluder_is_dname_ = false;

  // --- helpers --------------------------------------------------------------

  dns::NameView owner_name(std::size_t i) const { return zone_.name_at(zone_.owners()[i].owner); }

  std::span<const dns::RRsetRef> rrsets_of(std::size_t i) const {
    const dns::OwnerInfo& o = zone_.owners()[i];
    return std::span<const dns::RRsetRef>(zone_.rrsets()).subspan(o.first_rrset, o.rrset_count);
  }
  std::uint16_t type_of(const dns::RRsetRef& set) const { return zone_.records()[set.first].type; }
  const dns::RRsetRef* find_type(std::size_t i, std::uint16_t type) const {
    for (const dns::RRsetRef& set : rrsets_of(i))
      if (type_of(set) == type) return &set;
    return nullptr;
  }
  // The RRsets that decide what a name is and what else may be there, found
  // in one pass over its RRsets.
  struct KeySets {
    const dns::RRsetRef* ns = nullptr;
    const dns::RRsetRef* cname = nullptr;
    const dns::RRsetRef* dname = nullptr;
  };
  KeySets key_sets(std::size_t i) const {
    KeySets out;
    for (const dns::RRsetRef& set : rrsets_of(i)) {
      const dns::RRsetRef** slot = nullptr;  // the first of each type, as find_type()
      switch (type_of(set)) {
        case t::NS: slot = &out.ns; break;
        case t::CNAME: slot = &out.cname; break;
        case t::DNAME: slot = &out.dname; break;
        default: break;
      }
      if (slot != nullptr && *slot == nullptr) *slot = &set;
    }
    return out;
  }
  bool has_address(std::ptrdiff_t i) const {
    return i >= 0 && (find_type(static_cast<std::size_t>(i), t::A) || find_type(static_cast<std::size_t>(i), t::AAAA));
  }

  void report(std::string_view id, dns::NameView owner, std::uint16_t type, const dns::Record* rr,
              std::string message) {
    reporter_.report(id, owner, type, rr, std::move(message));
  }
  void report(std::string_view id, const dns::Record& rr, std::string message) {
    reporter_.report(id, rr, std::move(message));
  }

  static std::string type_text(std::uint16_t type) { return dns::type_to_text(type); }

  // The record written last in the files: the "extra" one of a set whose
  // canonical order need not follow the file order.
  static const dns::Record& written_last(std::span<const dns::Record> records) {
    const dns::Record* last = &records.front();
    for (const dns::Record& rr : records)
      if (std::tie(rr.file, rr.line) > std::tie(last->file, last->line)) last = &rr;
    return *last;
  }

  // --- classification -------------------------------------------------------

  // Canonical order puts a name's descendants right after it, so one
  // "current occluder" replaces a tree walk.
  void classify(std::size_t i, dns::NameView name, const KeySets& sets) {
    const dns::NameView origin = zone_.origin().view();
    if (occluder_ >= 0) {
      if (name.size() > occluder_name_.size() && name.is_subdomain_of(occluder_name_)) {
        places_[i] = {occluder_is_dname_ ? Place::BelowDname : Place::BelowCut, static_cast<std::uint32_t>(occluder_)};
        return;
      }
      occluder_ = -1;
    }
    if (!name.is_subdomain_of(origin)) {
      places_[i].place = Place::OutOfZone;
      return;
    }
    if (name.size() == origin.size()) {
      places_[i].place = Place::Apex;
      apex_ = static_cast<std::ptrdiff_t>(i);
    } else if (sets.ns) {
      places_[i].place = Place::Cut;
      occluder_ = static_cast<std::ptrdiff_t>(i);
      occluder_name_ = name;
      occluder_is_dname_ = false;
      return;
    } else {
      places_[i].place = Place::Authoritative;
    }
    if (sets.dname) {
      occluder_ = static_cast<std::ptrdiff_t>(i);
      occluder_name_ = name;
      occluder_is_dname_ = true;
    }
  }

  // Where an NS target that does not exist as an owner would be: the place of
  // its closest existing ancestor.
  Place place_of_name(dns::NameView name, std::ptrdiff_t& index) const {
    index = zone_.find_owner(name);
    if (index >= 0) return places_[static_cast<std::size_t>(index)].place;
    const dns::NameView origin = zone_.origin().view();
    for (dns::NameView up = name.parent(); up.is_subdomain_of(origin); up = up.parent()) {
      const std::ptrdiff_t at = zone_.find_owner(up);
      if (at >= 0) {
        const Place p = places_[static_cast<std::size_t>(at)].place;
        if (p == Place::Cut) return Place::BelowCut;
        if ((p == Place::Apex || p == Place::Authoritative) && find_type(static_cast<std::size_t>(at), t::DNAME))
          return Place::BelowDname;
        return p;
      }
      if (up.is_root()) break;
    }
    return Place::Authoritative;
  }

  // --- checks ---------------------------------------------------------------

  void check_owner(std::size_t i, dns::NameView name, const KeySets& key) {
    const OwnerPlace where = places_[i];
    const auto sets = rrsets_of(i);
    for (const dns::RRsetRef& set : sets) {
      const auto records = zone_.records_of(set);
      const dns::Record& first = records.front();
      switch (where.place) {
        case Place::OutOfZone:
          report("out-of-zone", first,
                 "this " + type_text(first.type) + " record is outside the zone " + zone_.origin().to_text() +
                     "; expected names at or below the origin (check for a wrong or missing trailing dot)");
          continue;  // nothing else is meaningful for data that is not in the zone
        case Place::BelowCut:
          if (first.type != t::A && first.type != t::AAAA)
            report("occluded-data", first,
                   type_text(first.type) + " data below the delegation at " + owner_name(where.anchor).to_text() +
                       " is never served (occluded); only A and AAAA glue may be below a zone cut");
          break;
        case Place::BelowDname:
          report("occluded-data", first,
                 type_text(first.type) + " data below the DNAME at " + owner_name(where.anchor).to_text() +
                     " is never served (occluded); remove it or the DNAME");
          break;
        case Place::Cut:
          switch (first.type) {
            case t::NS: case t::DS: case t::NSEC: case t::RRSIG: case t::A: case t::AAAA: break;
            default:
              report("occluded-data", first,
                     type_text(first.type) + " data at the delegation point " + name.to_text() +
                         " is served by the child zone, not this one; only NS, DS, NSEC, RRSIG and glue A/AAAA belong at a zone cut");
          }
          break;
        default: break;
      }
      check_rrset(name, where.place, records);
    }
    if (where.place == Place::OutOfZone) return;
    if (key.cname) check_cname(i, name, *key.cname);
    if (key.dname) check_dname(i, name, *key.dname);
    if ((where.place == Place::Cut || where.place == Place::Apex) && key.ns)
      check_ns_targets(i, name, where.place, zone_.records_of(*key.ns));
  }

  void check_rrset(dns::NameView name, Place place, std::span<const dns::Record> records) {
    const dns::Record& first = records.front();
    if (first.type == t::SOA && place != Place::Apex) {
      for (const dns::Record& rr : records)
        report("soa-not-at-apex", rr,
               "an SOA record belongs only at the zone apex " + zone_.origin().to_text() + ", but " + name.to_text() +
                   " has one");
    }
    if (first.type == t::SOA && place == Place::Apex && records.size() > 1) {
      report("soa-multiple", written_last(records),
             "the apex must have exactly one SOA record, but it has " + std::to_string(records.size()));
    }
    if (first.type == t::CNAME && records.size() > 1) {
      report("cname-multiple", written_last(records),
             "a name may have only one CNAME record, but " + name.to_text() + " has " +
                 std::to_string(records.size()));
    }
    if (first.type == t::DNAME && records.size() > 1) {
      report("dname-multiple", written_last(records),
             "a name may have only one DNAME record, but " + name.to_text() + " has " +
                 std::to_string(records.size()));
    }
    // RRSIGs covering different types legitimately differ (RFC 4034 3).
    if (first.type != t::RRSIG) {
      const dns::Record* reference = &records.front();
      for (const dns::Record& rr : records)
        if (std::tie(rr.file, rr.line) < std::tie(reference->file, reference->line)) reference = &rr;
      const dns::Record* odd = nullptr;
      for (const dns::Record& rr : records)
        if (rr.ttl != reference->ttl && (!odd || std::tie(rr.file, rr.line) < std::tie(odd->file, odd->line)))
          odd = &rr;
      if (odd)
        report("rrset-ttl-mismatch", *odd,
               "all records of an RRset must have the same TTL (RFC 2181 5.2): expected " +
                   std::to_string(reference->ttl) + " as on line " + std::to_string(reference->line) +
                   ", found " + std::to_string(odd->ttl));
    }
    for (std::size_t k = 1; k < records.size(); ++k) {
      const dns::Record& a = records[k - 1];
      const dns::Record& b = records[k];
      if (a.rclass == b.rclass && dns::canonical_rdata_compare(b.type, zone_.rdata(a), zone_.rdata(b)) == 0) {
        const bool b_later = std::tie(b.file, b.line) > std::tie(a.file, a.line);
        report("duplicate-record", b_later ? b : a,
               "this record repeats the one on line " + std::to_string(b_later ? a.line : b.line) +
                   "; remove the copy (servers keep only one)");
      }
    }
  }

  void check_cname(std::size_t i, dns::NameView name, const dns::RRsetRef& cname) {
    std::string others;
    for (const dns::RRsetRef& set : rrsets_of(i)) {
      const std::uint16_t type = type_of(set);
      if (type == t::CNAME || type == t::RRSIG || type == t::NSEC || type == t::NSEC3) continue;
      if (!others.empty()) others += ", ";
      others += type_text(type);
    }
    if (others.empty()) return;
    report("cname-with-other-data", zone_.records()[cname.first],
           "a name with a CNAME may have no other data except RRSIG and NSEC (RFC 1034 3.6.2), but " +
               name.to_text() + " also has " + others);
  }

  void check_dname(std::size_t i, dns::NameView name, const dns::RRsetRef& dname) {
    const auto& owners = zone_.owners();
    // Descendants follow contiguously in canonical order; skip empty non-terminals
    // to name a descendant that has data.
    for (std::size_t k = i + 1; k < owners.size(); ++k) {
      const dns::NameView below = owner_name(k);
      if (!below.is_subdomain_of(name)) break;
      if (owners[k].rrset_count == 0) continue;
      report("dname-has-descendants", zone_.records()[dname.first],
             "a name with a DNAME may have no names below it (RFC 6672 2.3), but " + name.to_text() + " has " +
                 below.to_text() + " below it");
      return;
    }
  }

  // Index of `target`, a name at or below owner `cut` (index `cut_index`): the
  // cut's descendants follow it, and are usually only a glue name or two, so a
  // short forward scan beats a binary search over the whole zone.
  std::ptrdiff_t find_below(std::size_t cut_index, dns::NameView cut, dns::NameView target) const {
    if (target.size() == cut.size()) return static_cast<std::ptrdiff_t>(cut_index);
    const std::size_t end = std::min(zone_.owners().size(), cut_index + 1 + kScanLimit);
    for (std::size_t k = cut_index + 1; k < end; ++k) {
      const dns::NameView name = owner_name(k);
      if (!name.is_subdomain_of(cut)) return -1;
      if (name.equals(target)) return static_cast<std::ptrdiff_t>(k);
    }
    return zone_.find_owner(target);
  }
  static constexpr std::size_t kScanLimit = 16;

  void check_ns_targets(std::size_t index, dns::NameView owner, Place place, std::span<const dns::Record> records) {
    const dns::NameView origin = zone_.origin().view();
    for (const dns::Record& rr : records) {
      const auto rdata = zone_.rdata(rr);
      const std::size_t len = dns::NameView::validate(rdata);
      if (len == 0) continue;
      const dns::NameView target(std::string_view(reinterpret_cast<const char*>(rdata.data()), len));
      if (place == Place::Cut && target.is_subdomain_of(owner)) {
        const std::ptrdiff_t at = find_below(index, owner, target);
        if (!has_address(at))
          report("ns-missing-glue", rr,
                 "the name server " + target.to_text() + " is inside the delegated zone " + owner.to_text() +
                     ", so this zone needs an A or AAAA glue record for it, but has none");
        continue;
      }
      if (!target.is_subdomain_of(origin)) continue;
      deferred_.push_back({static_cast<std::uint32_t>(&rr - zone_.records().data()), target});
    }
  }

  void check_target_elsewhere(const dns::Record& rr, dns::NameView target) {
    std::ptrdiff_t at = -1;
    const Place target_place = place_of_name(target, at);
    if (target_place != Place::Apex && target_place != Place::Authoritative) return;  // sibling glue is optional
    if (!has_address(at))
      report("ns-target-missing-address", rr,
             "the name server " + target.to_text() + " is in this zone's data, so it needs an A or AAAA record, "
             "but has none");
  }

  void check_apex() {
    const dns::NameView origin = zone_.origin().view();
    const dns::Record* anchor = nullptr;
    if (apex_ >= 0) {
      const auto sets = rrsets_of(static_cast<std::size_t>(apex_));
      if (!sets.empty()) anchor = &zone_.records()[sets.front().first];
    }
    const bool has_soa = apex_ >= 0 && find_type(static_cast<std::size_t>(apex_), t::SOA);
    const bool has_ns = apex_ >= 0 && find_type(static_cast<std::size_t>(apex_), t::NS);
    if (!has_soa)
      report("soa-missing", origin, t::SOA, anchor,
             "the zone apex " + origin.to_text() + " must have one SOA record, but has none");
    if (!has_ns)
      report("apex-ns-missing", origin, t::NS, anchor,
             "the zone apex " + origin.to_text() + " must have an NS RRset naming its servers, but has none");
  }
};

}  // namespace

std::string detail::hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string detail::duration_text(std::int64_t seconds) {
  const bool negative = seconds < 0;
  std::uint64_t s = negative ? static_cast<std::uint64_t>(-seconds) : static_cast<std::uint64_t>(seconds);
  std::string out = negative ? "-" : "";
  if (s >= 86400) {
    out += std::to_string(s / 86400) + "d";
    s %= 86400;
    if (s >= 3600) out += std::to_string(s / 3600) + "h";
    return out;
  }
  if (s >= 3600) return out + std::to_string(s / 3600) + "h" + (s % 3600 >= 60 ? std::to_string(s % 3600 / 60) + "m" : "");
  if (s >= 60) return out + std::to_string(s / 60) + "m";
  return out + std::to_string(s) + "s";
}

namespace {

// Any DNSSEC record makes the zone a signed one: its signatures, keys and
// chain are then checked as well.
bool looks_signed(const dns::Zone& zone) {
  for (const dns::RRsetRef& set : zone.rrsets()) {
    const std::uint16_t type = zone.records()[set.first].type;
    if (type == t::RRSIG || type == t::NSEC || type == t::NSEC3 || type == t::DNSKEY) return true;
  }
  return false;
}

}  // namespace

VerifyReport verify(const dns::Zone& zone, const VerifyOptions& options) {
  VerifyReport report;
  report.signed_zone = looks_signed(zone);
  // The denial chain check reads only the zone: on a big zone it runs on
  // another core beside the others, into its own list, which joins the
  // findings where a sequential run would have put it.
  std::vector<Finding> denial;
  std::future<void> denial_done;
  const bool denial_apart = report.signed_zone && options.threads != 1 && zone.owners().size() >= 20000;
  if (denial_apart)
    denial_done = std::async(std::launch::async,
                             [&] { detail::check_denial(zone, detail::Reporter(zone, denial), options.threads); });
  Checker(zone, report.findings).run();
  const detail::Reporter reporter(zone, report.findings);
  if (report.signed_zone) {
    detail::check_signatures(zone, options, reporter, report);
    if (denial_apart) {
      denial_done.get();
      std::move(denial.begin(), denial.end(), std::back_inserter(report.findings));
    } else {
      detail::check_denial(zone, reporter, options.threads);
    }
  }
  detail::check_zonemd(zone, options, reporter);
  std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.line, a.owner, a.check) < std::tie(b.file, b.line, b.owner, b.check);
  });
  return report;
}

std::vector<Finding> verify_zone(const dns::Zone& zone, const VerifyOptions& options) {
  return verify(zone, options).findings;
}

}  // namespace signet::verifier
