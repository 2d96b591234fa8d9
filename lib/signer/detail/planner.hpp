// SPDX-License-Identifier: MIT
// Deciding signatures, shared by the two ways a zone is signed: building it
// anew (sign_zone.cpp) and patching the previous output (patch.cpp). Which
// RRsets carry signatures, which old ones stay and which are made (Planner),
// the apex RRsets signed apart (SOA, ZONEMD), the serial a run starts from,
// and the statistics of a run. Not a public interface.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "signer/detail/plan.hpp"

namespace signet::signer::detail {

using Bytes = std::vector<std::uint8_t>;

// What prepare_zone() hands to sign_zone() or patch_previous().
struct Prepared {
  const dns::Zone* input = nullptr;   // finalized: the caller's, or input_copy
  std::optional<dns::Zone> input_copy;
  std::vector<KeyRole> roles;
  ContentInfo info;
  dns::Zone zone;                     // the content (no denial chain, no signatures), finalized
};

// Which RRsets carry signatures: all authoritative ones; at a delegation only
// DS and NSEC (RFC 4035 2.2); never glue or occluded data.
bool signs_rrset(dns::NameKind kind, std::uint16_t type) noexcept;

// The signatures of one RRset: sigs[first_sig, first_sig + count) of the
// planner's list.
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

// Decides the signatures of one RRset of `zone`: old ones that can stay (the
// previous output first, then the input), new ones for every key role still
// missing. Kept ones point into their source's arena; made ones become work.
class Planner {
 public:
  Planner(const dns::Zone& zone, std::span<const KeyRole> roles, const Times& times, dns::UnixTime now,
          std::vector<SigRef>& sigs, std::vector<WorkItem>& work, Counters& counters)
      : zone_(zone), roles_(roles), times_(times), now_(now), sigs_(sigs), work_(work), c_(counters),
        have_(roles.size()) {}

  // `previous` and `input` are at the RRset's owner (or null); `*_same`
  // says whether they hold the same RRset.
  SignedSet plan(std::uint32_t rrset, const SourceCursor* previous, bool previous_same, const SourceCursor* input,
                 bool input_same);

 private:
  bool signature_holds(std::span<const std::uint8_t> sig_rdata, const dns::RRsetRef& set, std::size_t role);

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
  bool data_same = false;         // the previous output has exactly this RRset
  std::size_t previous_sigs = 0;  // RRSIGs over this type in the previous output
};

void plan_apex(ApexSigning& a, const dns::Name& origin, std::uint16_t type, std::uint32_t ttl,
               std::span<const std::uint8_t> rdata, const dns::Zone* previous, const dns::Zone* input,
               std::span<const KeyRole> roles, const Times& times, dns::UnixTime now);
// The RRset and all its signatures stay as the previous output has them.
bool apex_unchanged(const ApexSigning& a);

// Appends one RRset's signatures in canonical rdata order, so that the
// signatures appended RRset by RRset form one ordered run and the final
// finalize() merges instead of sorting.
void add_signatures(dns::Zone& out, std::uint32_t owner, std::uint32_t ttl, std::span<const SigRef> refs,
                    std::vector<SigRef>& scratch);

// What the previous output holds besides its SOA and ZONEMD (to tell whether
// anything changed), and its signatures.
struct PreviousCounts {
  std::size_t records = 0;     // not RRSIG, SOA or ZONEMD
  std::size_t sigs_rest = 0;   // RRSIGs over anything but SOA and ZONEMD
  std::size_t sigs = 0;        // all RRSIGs
  void add(const PreviousCounts& o) {
    records += o.records;
    sigs_rest += o.sigs_rest;
    sigs += o.sigs;
  }
};
PreviousCounts count_previous(const dns::Zone& previous);
// Adds one owner's records and signatures to `c`.
void count_owner(const dns::Zone& zone, const dns::OwnerInfo& owner, PreviousCounts& c);

// The serials a run starts from.
struct SerialStart {
  std::uint32_t previous = 0;   // the previous output's (or the input's when there is none)
  std::uint32_t base = 0;       // the larger of the input's and the previous output's
  std::uint32_t tentative = 0;  // the serial when nothing changes
};
SerialStart serial_start(const ContentInfo& info, const dns::Zone* previous, const SignOptions& options);

// The statistics both ways of signing report the same way. `before` is the
// zone whose DNSKEY RRset the result replaces.
void finish_stats(SignStats& st, const Counters& counters, const Times& times, const dns::Zone& result,
                  const dns::Zone& before, const SignKeys& keys);

}  // namespace signet::signer::detail
