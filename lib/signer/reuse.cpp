// SPDX-License-Identifier: MIT
// Incremental re-signing: the cursor that walks a previous signed zone beside
// the zone being signed, and the test whether an old signature can be kept.
#include "signet/dnssec/rrsig.hpp"
#include "signer/detail/plan.hpp"
#include "signet/dns/rrtype.hpp"

namespace signet::signer::detail {

bool SourceCursor::seek(dns::NameView name) {
  const auto& owners = source_.owners();
  current_ = nullptr;
  while (pos_ < owners.size()) {
    // Usually the source has the very same name next, spelled the same.
    const dns::NameView here = source_.name_at(owners[pos_].owner);
    const auto c = here.wire() == name.wire() ? std::strong_ordering::equal : here.canonical_compare(name);
    if (c > 0) return false;
    if (c == 0) {
      current_ = &owners[pos_];
      return true;
    }
    ++pos_;
  }
  return false;
}

bool SourceCursor::same_rrset(const dns::Zone& zone, const dns::RRsetRef& set) const {
  if (current_ == nullptr) return false;
  const auto& records = source_.records();
  const std::uint16_t type = zone.records()[set.first].type;
  for (std::uint32_t k = 0; k < current_->rrset_count; ++k) {
    const dns::RRsetRef& old = source_.rrsets()[current_->first_rrset + k];
    if (records[old.first].type != type) continue;
    if (old.count != set.count) return false;
    for (std::uint32_t i = 0; i < set.count; ++i) {
      const dns::Record& a = zone.records()[set.first + i];
      const dns::Record& b = records[old.first + i];
      if (a.ttl != b.ttl || a.rclass != b.rclass) return false;
      if (dns::canonical_rdata_compare(type, zone.rdata(a), source_.rdata(b)) != 0) return false;
    }
    return true;
  }
  return false;
}

std::span<const dns::Record> SourceCursor::signatures() const {
  if (current_ == nullptr) return {};
  for (std::uint32_t k = 0; k < current_->rrset_count; ++k) {
    const dns::RRsetRef& set = source_.rrsets()[current_->first_rrset + k];
    if (source_.records()[set.first].type == dns::rrtype::RRSIG) return source_.records_of(set);
  }
  return {};
}

std::uint16_t covered_type(std::span<const std::uint8_t> sig_rdata) noexcept {
  return sig_rdata.size() < 2 ? 0 : static_cast<std::uint16_t>(sig_rdata[0] << 8 | sig_rdata[1]);
}

int reusable_key(std::span<const std::uint8_t> sig_rdata, std::uint32_t sig_ttl, const SignatureCheck& check,
                 std::span<const KeyRole> roles, dns::UnixTime& expiration) {
  const auto view = dnssec::parse_rrsig(sig_rdata);
  if (!view) return -1;
  const dnssec::RrsigFields& f = view->fields;
  if (f.type_covered != check.type || f.labels != check.labels || f.original_ttl != check.ttl ||
      sig_ttl != check.ttl || !(f.signer == check.origin))
    return -1;
  const dns::UnixTime inception = dnssec::rrsig_time(f.inception, check.now);
  expiration = dnssec::rrsig_time(f.expiration, check.now);
  if (inception > check.now || expiration - check.now <= static_cast<dns::UnixTime>(check.refresh)) return -1;
  for (std::size_t r = 0; r < roles.size(); ++r) {
    const KeyRole& role = roles[r];
    if (role.tag != f.key_tag || role.algorithm != f.algorithm) continue;
    if (check.key_type ? role.signs_keys : role.signs_data) return static_cast<int>(r);
  }
  return -1;
}

}  // namespace signet::signer::detail
