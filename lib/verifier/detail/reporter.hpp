// SPDX-License-Identifier: MIT
// Private to lib/verifier: turning a check id, a record and a sentence into a
// Finding (severity from the check table, file and line from the record), and
// the pieces every check module shares. The modules: verify.cpp (structure of
// any zone), signatures.cpp (RRSIGs, coverage, keys, expiry, trust), denial.cpp
// (NSEC/NSEC3 chains), zonemd.cpp (RFC 8976).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "signet/dns/rrtype.hpp"
#include "signet/dns/zone.hpp"
#include "signet/verifier/finding.hpp"
#include "signet/verifier/verify.hpp"

namespace signet::verifier::detail {

class Reporter {
 public:
  Reporter(const dns::Zone& zone, std::vector<Finding>& out) : zone_(zone), out_(out) {}

  void report(std::string_view id, dns::NameView owner, std::uint16_t type, const dns::Record* rr,
              std::string message) const {
    const CheckInfo* info = find_check(id);
    Finding f;
    f.check = info ? info->id : id;
    f.severity = info ? info->severity : Severity::Error;
    f.owner = owner.to_text();
    f.type = type;
    if (rr) {
      if (rr->file < zone_.files().size()) f.file = zone_.files()[rr->file];
      f.line = rr->line;
    } else if (!zone_.files().empty()) {
      f.file = zone_.files()[0];
    }
    f.message = std::move(message);
    out_.push_back(std::move(f));
  }
  void report(std::string_view id, const dns::Record& rr, std::string message) const {
    report(id, zone_.owner(rr), rr.type, &rr, std::move(message));
  }
  std::vector<Finding>& findings() const noexcept { return out_; }

 private:
  const dns::Zone& zone_;
  std::vector<Finding>& out_;
};

// The RRset of `type` at owner index `i`, or nullptr.
inline const dns::RRsetRef* rrset_at(const dns::Zone& zone, std::size_t i, std::uint16_t type) {
  const dns::OwnerInfo& o = zone.owners()[i];
  for (std::uint32_t k = 0; k < o.rrset_count; ++k) {
    const dns::RRsetRef& set = zone.rrsets()[o.first_rrset + k];
    if (zone.records()[set.first].type == type) return &set;
  }
  return nullptr;
}

// True when owner index `i` holds only NSEC3 records (and their RRSIGs): a
// hashed owner name of the NSEC3 chain, not a name of the zone's data.
inline bool is_nsec3_owner(const dns::Zone& zone, std::size_t i) {
  const dns::OwnerInfo& o = zone.owners()[i];
  bool nsec3 = false;
  for (std::uint32_t k = 0; k < o.rrset_count; ++k) {
    const std::uint16_t type = zone.records()[zone.rrsets()[o.first_rrset + k].first].type;
    if (type == dns::rrtype::NSEC3) nsec3 = true;
    else if (type != dns::rrtype::RRSIG) return false;
  }
  return nsec3;
}

std::string hex(std::span<const std::uint8_t> bytes);
std::string duration_text(std::int64_t seconds);

// The checks of a signed zone, each module one function.
void check_signatures(const dns::Zone& zone, const VerifyOptions& options, const Reporter& reporter,
                      VerifyReport& report);
// `threads` (0 = all cores) hash NSEC3 names.
void check_denial(const dns::Zone& zone, const Reporter& reporter, unsigned threads = 1);
void check_zonemd(const dns::Zone& zone, const VerifyOptions& options, const Reporter& reporter);

}  // namespace signet::verifier::detail
