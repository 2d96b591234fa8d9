// SPDX-License-Identifier: MIT
// The content zone that gets signed: the input's data without old DNSSEC
// records, plus the apex records the signer owns (DNSKEY, CDS/CDNSKEY,
// NSEC3PARAM, ZONEMD). The refusals of sign_zone() about the input are here.
//
// DNSKEY TTL, as BIND's dnssec-signzone picks it: the TTL of DNSKEYs already
// at the apex of the input, else the TTL given in the key files, else the SOA
// TTL; when these disagree the smallest wins. CDS and CDNSKEY use the same TTL;
// NSEC3PARAM uses the denial TTL (RFC 9077: min of SOA TTL and minimum) and
// ZONEMD the SOA TTL (RFC 8976 2: SHOULD match the SOA).
#include <algorithm>
#include <thread>

#include "common/run_beside.hpp"
#include "signer/detail/plan.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/ds.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/error.hpp"

namespace signet::signer::detail {
namespace {

namespace rt = dns::rrtype;
constexpr std::size_t kAhead = 16;
using Bytes = std::vector<std::uint8_t>;

std::uint32_t read32(std::span<const std::uint8_t> b, std::size_t at) noexcept {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

SourceLocation where(const dns::Zone& zone, const dns::Record& rr) {
  SourceLocation loc;
  if (rr.line != 0 && rr.file < zone.files().size()) {
    loc.file = zone.files()[rr.file];
    loc.line = rr.line;
  }
  return loc;
}

bool is_replaced_at_apex(std::uint16_t type) noexcept {
  return type == rt::DNSKEY || type == rt::CDS || type == rt::CDNSKEY || type == rt::NSEC3PARAM || type == rt::ZONEMD;
}

// The apex records the signer makes. They go at the apex's arena offset in
// the copy when there is one spelling the origin exactly (so the text is the
// same): finalize() then places them by owner rank, reading no name, and
// keeps the owner index as it is.
class ApexAdder {
 public:
  ApexAdder(dns::Zone& z, dns::NameView origin) : z_(z), origin_(origin) {
    const std::ptrdiff_t at = z.find_owner(origin);
    if (at < 0) return;
    const dns::OwnerInfo& info = z.owners()[static_cast<std::size_t>(at)];
    if (info.rrset_count > 0 && z.name_at(info.owner).wire() == origin.wire()) {
      offset_ = info.owner;
      at_offset_ = true;
    }
  }
  void operator()(std::uint16_t type, std::uint32_t ttl, std::span<const std::uint8_t> rdata) {
    if (!at_offset_) return z_.add(origin_, type, dns::rrclass::IN, ttl, rdata);
    dns::Record rr;
    rr.owner = offset_;
    rr.rdata = z_.add_bytes(rdata);
    rr.rdlength = static_cast<std::uint16_t>(rdata.size());
    rr.type = type;
    rr.rclass = dns::rrclass::IN;
    rr.ttl = ttl;
    z_.add(rr);
  }

 private:
  dns::Zone& z_;
  dns::NameView origin_;
  std::uint32_t offset_ = 0;
  bool at_offset_ = false;
};

}  // namespace

void read_soa(const dns::Zone& input, ContentInfo& info) {
  const dns::Name& origin = input.origin();
  const std::ptrdiff_t at = input.find_rrset(origin, rt::SOA);
  if (at < 0) throw Error("the zone has no SOA record at its apex " + origin.to_text());
  const dns::RRsetRef& set = input.rrsets()[static_cast<std::size_t>(at)];
  const dns::Record& rr = input.records()[set.first];
  if (set.count != 1)
    throw Error(where(input, input.records()[set.first + 1]),
                "the zone has " + std::to_string(set.count) + " SOA records; it must have exactly one");
  const auto rdata = input.rdata(rr);
  const std::size_t mname = dns::NameView::validate(rdata);
  const std::size_t rname = mname == 0 ? 0 : dns::NameView::validate(rdata.subspan(mname));
  if (mname == 0 || rname == 0 || rdata.size() != mname + rname + 20)
    throw Error(where(input, rr), "the SOA record's rdata is malformed");
  info.soa_ttl = rr.ttl;
  info.soa_serial_at = mname + rname;
  info.input_serial = read32(rdata, info.soa_serial_at);
  info.soa_minimum = read32(rdata, info.soa_serial_at + 16);
  info.soa_rdata.assign(rdata.begin(), rdata.end());
}

std::optional<std::uint32_t> zone_serial(const dns::Zone& zone) {
  const std::ptrdiff_t at = zone.find_rrset(zone.origin(), rt::SOA);
  if (at < 0) return std::nullopt;
  const auto rdata = zone.rdata(zone.records()[zone.rrsets()[static_cast<std::size_t>(at)].first]);
  const std::size_t mname = dns::NameView::validate(rdata);
  const std::size_t rname = mname == 0 ? 0 : dns::NameView::validate(rdata.subspan(mname));
  if (mname == 0 || rname == 0 || rdata.size() != mname + rname + 20) return std::nullopt;
  return read32(rdata, mname + rname);
}

std::vector<std::uint8_t> with_serial(const ContentInfo& info, std::uint32_t serial) {
  Bytes out = info.soa_rdata;
  for (int i = 0; i < 4; ++i) out[info.soa_serial_at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(serial >> (24 - 8 * i));
  return out;
}

namespace {

// Copies the data of input.owners()[first, last) into `z`, in canonical
// order, without the records the signer replaces; the apex's DNSKEYs go to
// `input_dnskeys`. Throws on the first refusal in that range.
void copy_owners(const dns::Zone& input, std::size_t first, std::size_t last, dns::Zone& z,
                 std::vector<std::pair<Bytes, std::uint32_t>>& input_dnskeys, bool& input_signed) {
  const dns::Name& origin = input.origin();
  const auto& records = input.records();
  const auto& rrsets = input.rrsets();
  const auto& owners = input.owners();
  for (std::size_t o = first; o < last; ++o) {
    const dns::OwnerInfo& owner = owners[o];
    if (owner.rrset_count == 0) continue;
    const dns::Record& first_rr = records[rrsets[owner.first_rrset].first];
    const dns::NameView name = input.name_at(owner.owner);
    if (owner.kind == dns::NameKind::OutOfZone)
      throw Error(where(input, first_rr), name.to_text() + " is outside the zone " + origin.to_text());
    const bool apex = owner.kind == dns::NameKind::Apex;
    const bool data_owner = apex || owner.kind == dns::NameKind::Authoritative || owner.kind == dns::NameKind::Delegation;
    bool cname = false;
    std::uint16_t other = 0;
    for (std::uint32_t k = 0; k < owner.rrset_count; ++k) {
      const dns::RRsetRef& set = rrsets[owner.first_rrset + k];
      const std::uint16_t type = records[set.first].type;
      if (type == rt::RRSIG) {
        input_signed = true;
        continue;
      }
      if (type == rt::NSEC || type == rt::NSEC3) continue;
      if (type == rt::CNAME) cname = true;
      else other = type;
      if (apex && type == rt::SOA) continue;  // added below with its serial
      if (apex && is_replaced_at_apex(type)) {
        if (type == rt::DNSKEY)
          for (std::uint32_t i = 0; i < set.count; ++i) {
            const auto rd = input.rdata(records[set.first + i]);
            input_dnskeys.emplace_back(Bytes(rd.begin(), rd.end()), records[set.first + i].ttl);
          }
        continue;
      }
      std::uint32_t ttl = records[set.first].ttl;
      for (std::uint32_t i = 1; i < set.count; ++i) ttl = std::min(ttl, records[set.first + i].ttl);
      for (std::uint32_t i = 0; i < set.count; ++i) {
        // The input's names and rdata lie in file order, not in this walk's
        // order: ask for those of a record further on now.
        if (const std::size_t ahead = set.first + i + kAhead; ahead < records.size()) {
          input.prefetch_name(records[ahead].owner);
          input.prefetch_name(records[ahead].rdata);
        }
        dns::Record rr = records[set.first + i];
        rr.owner = z.intern_name(name);
        rr.rdata = z.add_bytes(input.rdata(records[set.first + i]));
        rr.ttl = ttl;
        z.add(rr);
      }
    }
    if (data_owner && cname && other != 0)
      throw Error(where(input, first_rr), name.to_text() + " has a CNAME and other data (" + dns::type_to_text(other) +
                                              "); a CNAME must be alone at its name");
  }
}

// Zones from this many records on are copied in two halves on two cores.
constexpr std::size_t kSplitCopyFrom = 65536;

}  // namespace

dns::Zone build_content(const dns::Zone& input, const SignKeys& keys, const SignOptions& options,
                        ContentInfo& info, std::uint32_t serial) {
  const dns::Name& origin = input.origin();
  dns::Zone z(origin);
  for (const std::string& f : input.files()) z.add_file(f);
  z.reserve(input.records().size() + 32, input.arena_size() + 4096);

  // The second half of the owners goes to a zone of its own on another core
  // and is appended after the first (the halves stay in canonical order).
  // Its refusals count only when the first half has none, as in one walk.
  std::vector<std::pair<Bytes, std::uint32_t>> input_dnskeys;
  const std::size_t owner_count = input.owners().size();
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  bool signed_first = false;
  if (threads > 1 && input.records().size() >= kSplitCopyFrom) {
    const std::size_t mid = owner_count / 2;
    dns::Zone later(origin);
    for (const std::string& f : input.files()) later.add_file(f);
    std::vector<std::pair<Bytes, std::uint32_t>> later_dnskeys;  // empty unless the apex is there
    bool signed_later = false;
    common::run_beside([&] { copy_owners(input, 0, mid, z, input_dnskeys, signed_first); },
                       [&] {
                         later.reserve(input.records().size() / 2 + 32, input.arena_size() / 2 + 4096);
                         copy_owners(input, mid, owner_count, later, later_dnskeys, signed_later);
                       });
    z.append(later);
    input_dnskeys.insert(input_dnskeys.end(), later_dnskeys.begin(), later_dnskeys.end());
    if (signed_first || signed_later) info.input_signed = true;
  } else {
    copy_owners(input, 0, owner_count, z, input_dnskeys, signed_first);
    if (signed_first) info.input_signed = true;
  }

  // The copy is in the input's canonical order: ordering it now is one check,
  // and the apex records are then placed by a few binary searches.
  z.finalize();
  add_apex_records(z, input_dnskeys, keys, options, info, serial, true);
  return z;
}

bool content_is_input(const dns::Zone& input) {
  const dns::Name& origin = input.origin();
  const auto& records = input.records();
  const auto& rrsets = input.rrsets();
  for (const dns::OwnerInfo& owner : input.owners()) {
    if (owner.rrset_count == 0) continue;
    if (owner.kind == dns::NameKind::OutOfZone) return false;
    const bool apex = owner.kind == dns::NameKind::Apex;
    const std::string_view spelled = input.name_at(owner.owner).wire();
    if (apex && spelled != origin.wire()) return false;
    const bool data_owner = apex || owner.kind == dns::NameKind::Authoritative || owner.kind == dns::NameKind::Delegation;
    bool cname = false, other = false;
    for (std::uint32_t k = 0; k < owner.rrset_count; ++k) {
      const dns::RRsetRef& set = rrsets[owner.first_rrset + k];
      const dns::Record& first = records[set.first];
      if (first.type == rt::RRSIG || first.type == rt::NSEC || first.type == rt::NSEC3) return false;
      if (apex && is_replaced_at_apex(first.type)) return false;
      (first.type == rt::CNAME ? cname : other) = true;
      for (std::uint32_t i = 0; i < set.count; ++i) {
        const dns::Record& rr = records[set.first + i];
        if (rr.ttl != first.ttl) return false;
        if (rr.owner != owner.owner && input.name_at(rr.owner).wire() != spelled) return false;
      }
    }
    if (data_owner && cname && other) return false;
  }
  return true;
}

void add_apex_records(dns::Zone& z, const std::vector<std::pair<Bytes, std::uint32_t>>& input_dnskeys,
                      const SignKeys& keys, const SignOptions& options, const ContentInfo& info,
                      std::uint32_t serial, bool soa) {
  const dns::Name& origin = z.origin();
  ApexAdder add_generated(z, origin.view());
  // SOA with the serial of this run.
  if (soa) add_generated(rt::SOA, info.soa_ttl, with_serial(info, serial));

  // DNSKEY RRset: our published and signing keys, and DNSKEYs of the input
  // that are none of our keys (another signer's, RFC 8901).
  std::vector<const keys::DnssecKey*> ours;
  for (const auto* list : {&keys.published, &keys.signing})
    for (const keys::DnssecKey* k : *list)
      if (std::find(ours.begin(), ours.end(), k) == ours.end()) ours.push_back(k);
  std::vector<Bytes> dnskeys;
  std::optional<std::uint32_t> ttl;
  const auto lower = [&](std::uint32_t t) { ttl = ttl ? std::min(*ttl, t) : t; };
  for (const keys::DnssecKey* k : ours) {
    Bytes rd = k->dnskey_rdata();
    if (std::find(dnskeys.begin(), dnskeys.end(), rd) == dnskeys.end()) dnskeys.push_back(std::move(rd));
  }
  const auto known = [&](const Bytes& rd) {
    if (rd.size() < 4) return false;
    for (const auto* list : {&keys.published, &keys.signing, &keys.sync})
      for (const keys::DnssecKey* k : *list)
        if (k->algorithm == rd[3] && std::equal(k->public_key.begin(), k->public_key.end(), rd.begin() + 4, rd.end()))
          return true;
    return false;
  };
  for (auto& [rd, t] : input_dnskeys) {
    lower(t);
    if (!known(rd) && std::find(dnskeys.begin(), dnskeys.end(), rd) == dnskeys.end()) dnskeys.push_back(rd);
  }
  if (input_dnskeys.empty())
    for (const keys::DnssecKey* k : ours)
      if (k->ttl) lower(*k->ttl);
  // The parent's DS names a key with the SEP flag (RFC 4034 2.1.1, RFC 6781
  // 3.1): without one the gate would refuse the signed zone, so say why now.
  // Only the flags' low octet holds SEP (bit 15 of the field).
  if (std::none_of(dnskeys.begin(), dnskeys.end(), [](const Bytes& rd) { return rd.size() > 1 && (rd[1] & 1) != 0; })) {
    std::string active;
    for (const keys::DnssecKey* k : keys.signing) active += (active.empty() ? "" : ", ") + k->base_name();
    throw Error("no key-signing key: none of the DNSKEYs of " + origin.to_text() +
                " has the SEP flag (flags 257), which the parent's DS must name; the active keys (" + active +
                ") are all zone-signing keys. Make one with 'signet-keygen --ksk " + origin.to_text() +
                "' (a KSK alone also signs the rest of the zone, as a CSK)");
  }
  const std::uint32_t key_ttl = ttl ? *ttl : info.soa_ttl;
  for (const Bytes& rd : dnskeys) add_generated(rt::DNSKEY, key_ttl, rd);

  // CDS/CDNSKEY for the keys in their sync window, or the RFC 8078 delete form.
  if (options.cds_delete) {
    add_generated(rt::CDS, key_ttl, dnssec::cds_delete_rdata());
    add_generated(rt::CDNSKEY, key_ttl, dnssec::cdnskey_delete_rdata());
  } else {
    for (const keys::DnssecKey* k : keys.sync) {
      const Bytes rd = k->dnskey_rdata();
      for (std::uint8_t dt : options.cds_digest_types)
        add_generated(rt::CDS, key_ttl, dnssec::make_ds_rdata(origin, rd, dt));
      add_generated(rt::CDNSKEY, key_ttl, rd);
    }
  }

  const std::uint32_t denial_ttl = std::min(info.soa_ttl, info.soa_minimum);
  if (options.denial == Denial::Nsec3) {
    dnssec::Nsec3Params params = options.nsec3;
    params.flags = 0;
    add_generated(rt::NSEC3PARAM, denial_ttl, dnssec::make_nsec3param_rdata(params));
  }
  if (options.zonemd_hash) {
    const std::size_t size = *options.zonemd_hash == dnssec::kZonemdSha512 ? 64 : 48;
    const Bytes zeros(size, 0);
    add_generated(rt::ZONEMD, info.soa_ttl,
                  dnssec::make_zonemd_rdata(serial, dnssec::kZonemdSchemeSimple, *options.zonemd_hash, zeros));
  }
}

}  // namespace signet::signer::detail
