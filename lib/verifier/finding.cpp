// SPDX-License-Identifier: MIT
// The check table: one row per check id (kept in id order, which all_checks()
// promises and find_check's binary search relies on), plus severity names and
// the finding counts.
#include "signet/verifier/finding.hpp"

#include <algorithm>
#include <array>

namespace signet::verifier {
namespace {

constexpr std::array kChecks{
    CheckInfo{"apex-ns-missing", Severity::Error, "the zone apex has no NS RRset"},
    CheckInfo{"cname-multiple", Severity::Error, "a name has more than one CNAME record"},
    CheckInfo{"cname-with-other-data", Severity::Error,
              "a name has a CNAME and other data besides RRSIG, NSEC and NSEC3 (RFC 1034 3.6.2, RFC 2181 10.1)"},
    CheckInfo{"dname-has-descendants", Severity::Error, "a name with a DNAME has names below it (RFC 6672 2.3)"},
    CheckInfo{"dname-multiple", Severity::Error, "a name has more than one DNAME record (RFC 6672 2.4)"},
    CheckInfo{"duplicate-record", Severity::Warning, "the same record (owner, class, type, rdata) appears twice"},
    CheckInfo{"ns-missing-glue", Severity::Error,
              "an NS target at or below its delegation has no A or AAAA glue record in the zone"},
    CheckInfo{"ns-target-missing-address", Severity::Warning,
              "an NS target in the zone's authoritative data has no A or AAAA record"},
    CheckInfo{"occluded-data", Severity::Error,
              "data below a zone cut that is not glue, data at a cut other than NS/DS/NSEC/RRSIG/glue, or data below a DNAME"},
    CheckInfo{"out-of-zone", Severity::Error, "a record's owner is not at or below the zone origin"},
    CheckInfo{"rrset-ttl-mismatch", Severity::Warning,
              "the records of one RRset have different TTLs (RFC 2181 5.2)"},
    CheckInfo{"soa-missing", Severity::Error, "the zone apex has no SOA record"},
    CheckInfo{"soa-multiple", Severity::Error, "the zone apex has more than one SOA record"},
    CheckInfo{"soa-not-at-apex", Severity::Error, "an SOA record is owned by a name other than the zone apex"},
};

constexpr bool sorted_by_id() {
  for (std::size_t i = 1; i < kChecks.size(); ++i)
    if (!(kChecks[i - 1].id < kChecks[i].id)) return false;
  return true;
}
static_assert(sorted_by_id(), "keep the check table in id order");

}  // namespace

std::string_view severity_name(Severity s) noexcept {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Summary summarize(std::span<const Finding> findings) {
  Summary out;
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::Info: ++out.infos; break;
      case Severity::Warning: ++out.warnings; break;
      case Severity::Error: ++out.errors; break;
    }
  }
  return out;
}

std::span<const CheckInfo> all_checks() noexcept { return kChecks; }

const CheckInfo* find_check(std::string_view id) noexcept {
  auto it = std::lower_bound(kChecks.begin(), kChecks.end(), id,
                             [](const CheckInfo& row, std::string_view key) { return row.id < key; });
  return it != kChecks.end() && it->id == id ? &*it : nullptr;
}

}  // namespace signet::verifier
