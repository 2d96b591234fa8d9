// SPDX-License-Identifier: MIT
// Signature checks of a signed zone: every RRSIG's fields, time window and
// (unless switched off) cryptographic validity; which RRsets must be signed,
// with every algorithm of the DNSKEY RRset; the DNSKEY RRset signed by a SEP
// key; expiry margins; trust anchors; CDS/CDNSKEY against the keys.
//
// The cryptographic part runs on all cores: the RRSIGs to check go into one
// flat list, threads take blocks of it from one atomic counter, each with its own verifiers (one
// per DNSKEY, made when first needed) and its own signed-data buffer, and
// writes one status byte per item. No locks; findings are made afterwards, in
// list order, so the output does not depend on the thread count.
#include <algorithm>
#include <memory>
#include <optional>
#include <atomic>
#include <thread>

#include "signet/crypto/algorithm.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/crypto/public_key.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/dnssec/ds.hpp"
#include "signet/dnssec/rrsig.hpp"
#include "signet/dns/timestamp.hpp"
#include "verifier/detail/reporter.hpp"

namespace signet::verifier::detail {
namespace {

namespace t = dns::rrtype;
using dns::NameKind;

struct ZoneKey {
  const dns::Record* record = nullptr;
  std::uint16_t tag = 0;
  std::uint16_t flags = 0;
  std::uint8_t algorithm = 0;
  std::shared_ptr<const crypto::PublicKey> key;  // null when signet cannot verify its algorithm
  bool sep() const noexcept { return (flags & crypto::dnskey_flag::SEP) != 0; }
  bool revoked() const noexcept { return (flags & crypto::dnskey_flag::REVOKE) != 0; }
};

// One RRSIG to check cryptographically.
struct CryptoItem {
  std::uint32_t sig_record = 0;  // index into zone.records()
  std::uint32_t rrset = 0;       // index into zone.rrsets(): the covered RRset
  std::uint32_t key = 0;         // first candidate index into keys
};

// Which RRsets a validator needs signed (RFC 4035 2.2): all authoritative
// data; at a delegation only DS (and NSEC); never glue or occluded data.
bool must_be_signed(NameKind kind, std::uint16_t type) noexcept {
  switch (kind) {
    case NameKind::Apex:
    case NameKind::Authoritative: return type != t::RRSIG;
    case NameKind::Delegation: return type == t::DS || type == t::NSEC;
    default: return false;
  }
}

std::string place_text(NameKind kind) {
  switch (kind) {
    case NameKind::Glue: return "glue below a delegation";
    case NameKind::Occluded: return "occluded data";
    case NameKind::OutOfZone: return "data outside the zone";
    case NameKind::Delegation: return "a delegation point";
    default: return "this name";
  }
}

class SignatureChecks {
 public:
  SignatureChecks(const dns::Zone& zone, const VerifyOptions& options, const Reporter& reporter, VerifyReport& report)
      : zone_(zone), o_(options), r_(reporter), report_(report) {}

  void run() {
    load_keys();
    walk();
    verify_crypto();
    judge_coverage();
    check_dnskey_sep();
    check_expiry();
    check_trust_anchors();
    check_cds();
  }

 private:
  const dns::Zone& zone_;
  const VerifyOptions& o_;
  const Reporter& r_;
  VerifyReport& report_;
  std::vector<ZoneKey> keys_;
  std::vector<std::uint8_t> zone_algorithms_;
  std::ptrdiff_t dnskey_set_ = -1;
  std::vector<CryptoItem> items_;
  std::vector<std::uint16_t> item_ok_;  // 0 bad, 1 algorithm not verifiable, 2 + k valid with key k
  // Per RRset index: bit per algorithm slot with an RRSIG present / valid.
  std::vector<std::uint32_t> present_, valid_;
  std::optional<dns::UnixTime> first_expiration_;
  const dns::Record* first_expiring_ = nullptr;
  std::uint32_t max_ttl_ = 0;

  int algorithm_slot(std::uint8_t a) const {
    const auto it = std::find(zone_algorithms_.begin(), zone_algorithms_.end(), a);
    return it == zone_algorithms_.end() ? -1 : static_cast<int>(it - zone_algorithms_.begin());
  }

  void load_keys() {
    const dns::NameView origin = zone_.origin();
    dnskey_set_ = zone_.find_rrset(origin, t::DNSKEY);
    if (dnskey_set_ < 0) {
      const dns::Record* any = nullptr;
      for (const dns::Record& rr : zone_.records())
        if (rr.type == t::RRSIG || rr.type == t::NSEC || rr.type == t::NSEC3) {
          any = &rr;
          break;
        }
      r_.report("dnskey-missing", origin, t::DNSKEY, any,
                "the zone has DNSSEC records but no DNSKEY RRset at " + origin.to_text() +
                    ", so none of its signatures can be validated");
      return;
    }
    for (const dns::Record& rr : zone_.records_of(zone_.rrsets()[static_cast<std::size_t>(dnskey_set_)])) {
      const auto rdata = zone_.rdata(rr);
      if (rdata.size() < 4) continue;
      ZoneKey k;
      k.record = &rr;
      k.flags = static_cast<std::uint16_t>(rdata[0] << 8 | rdata[1]);
      k.algorithm = rdata[3];
      k.tag = crypto::key_tag(rdata);
      if ((k.flags & crypto::dnskey_flag::ZONE) == 0) continue;
      if (crypto::find_algorithm(k.algorithm) != nullptr) {
        try {
          k.key = std::make_shared<const crypto::PublicKey>(crypto::PublicKey::from_dnskey_rdata(rdata));
        } catch (const Error&) {
          k.key = nullptr;
        }
      }
      keys_.push_back(std::move(k));
      if (!keys_.back().revoked() && algorithm_slot(keys_.back().algorithm) < 0 && zone_algorithms_.size() < 32)
        zone_algorithms_.push_back(keys_.back().algorithm);
    }
  }

  // The first key with this tag and algorithm at or after `from` (tags are
  // not unique), or keys_.size().
  std::size_t next_candidate(std::uint16_t tag, std::uint8_t algorithm, std::size_t from = 0) const noexcept {
    while (from < keys_.size() && !(keys_[from].tag == tag && keys_[from].algorithm == algorithm)) ++from;
    return from;
  }

  void walk() {
    const auto& owners = zone_.owners();
    const auto& records = zone_.records();
    present_.assign(zone_.rrsets().size(), 0);
    valid_.assign(zone_.rrsets().size(), 0);
    const dns::NameView origin = zone_.origin();
    for (std::size_t i = 0; i < owners.size(); ++i) {
      const dns::OwnerInfo& info = owners[i];
      const dns::NameView owner = zone_.name_at(info.owner);
      for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
        const dns::RRsetRef& set = zone_.rrsets()[info.first_rrset + k];
        if (records[set.first].type != t::RRSIG) {
          for (const dns::Record& rr : zone_.records_of(set)) max_ttl_ = std::max(max_ttl_, rr.ttl);
          continue;
        }
        const unsigned labels = owner.rrsig_label_count();
        for (const dns::Record& sig : zone_.records_of(set)) check_rrsig(i, info, owner, labels, origin, sig);
      }
    }
  }

  // Checks one RRSIG's fields; the text of a finding is made only for one.
  void check_rrsig(std::size_t owner_index, const dns::OwnerInfo& info, dns::NameView owner, unsigned expected_labels,
                   dns::NameView origin, const dns::Record& sig) {
    ++report_.signatures;
    const auto view = dnssec::parse_rrsig(zone_.rdata(sig));
    if (!view) {
      r_.report("rrsig-malformed", sig, "the RRSIG rdata is too short or its signer name is malformed");
      return;
    }
    const dnssec::RrsigFields& f = view->fields;
    const auto covered = [&] { return dns::type_to_text(f.type_covered); };
    const dns::RRsetRef* set = rrset_at(zone_, owner_index, f.type_covered);
    if (set == nullptr || f.type_covered == t::RRSIG) {
      r_.report("rrsig-unexpected", sig,
                "this RRSIG covers " + covered() + ", but " + owner.to_text() + " has no " + covered() + " RRset");
      return;
    }
    const std::uint32_t set_index = static_cast<std::uint32_t>(set - zone_.rrsets().data());
    if (!must_be_signed(info.kind, f.type_covered)) {
      r_.report("rrsig-unexpected", sig,
                "the " + covered() + " RRset at " + owner.to_text() + " is " + place_text(info.kind) +
                    " and must not be signed by this zone (RFC 4035 2.2); remove the RRSIG");
      return;
    }
    bool ok = true;
    if (!(f.signer == origin)) {
      r_.report("rrsig-signer-mismatch", sig,
                "the signer name is " + f.signer.to_text() + ", expected the zone apex " + origin.to_text());
      ok = false;
    }
    if (f.labels != expected_labels) {
      r_.report("rrsig-labels-mismatch", sig,
                "the labels field is " + std::to_string(f.labels) + ", expected " + std::to_string(expected_labels) +
                    " for " + owner.to_text());
      ok = false;
    }
    const dns::Record& first = zone_.records()[set->first];
    if (f.original_ttl != first.ttl || sig.ttl != first.ttl) {
      r_.report("rrsig-ttl-mismatch", sig,
                "the " + covered() + " RRset has TTL " + std::to_string(first.ttl) + ", but this RRSIG has original TTL " +
                    std::to_string(f.original_ttl) + " and record TTL " + std::to_string(sig.ttl) +
                    " (RFC 4034 3: both must equal the RRset TTL)");
      if (f.original_ttl != first.ttl) ok = false;
    }
    const dns::UnixTime inception = dnssec::rrsig_time(f.inception, o_.now);
    const dns::UnixTime expiration = dnssec::rrsig_time(f.expiration, o_.now);
    if (!first_expiration_ || expiration < *first_expiration_) {
      first_expiration_ = expiration;
      first_expiring_ = &sig;
    }
    if (expiration < o_.now) {
      r_.report("rrsig-expired", sig,
                "the signature over " + covered() + " expired at " + dns::format_timestamp(expiration) + ", " +
                    duration_text(o_.now - expiration) + " before " + dns::format_timestamp(o_.now));
      ok = false;
    } else if (inception > o_.now) {
      r_.report("rrsig-not-yet-valid", sig,
                "the signature over " + covered() + " is valid only from " + dns::format_timestamp(inception) + ", " +
                    duration_text(inception - o_.now) + " after " + dns::format_timestamp(o_.now));
      ok = false;
    }
    const int slot = algorithm_slot(f.algorithm);
    if (slot >= 0) present_[set_index] |= 1u << slot;
    const std::size_t key = next_candidate(f.key_tag, f.algorithm);
    if (key == keys_.size()) {
      if (dnskey_set_ >= 0)
        r_.report("rrsig-unknown-key", sig,
                  "no DNSKEY of the zone has key tag " + std::to_string(f.key_tag) + " and algorithm " +
                      crypto::algorithm_to_text(f.algorithm) + "; expected one of the apex DNSKEYs to sign " + covered());
      return;
    }
    if (!ok) return;
    if (!o_.verify_signatures) {
      if (slot >= 0) valid_[set_index] |= 1u << slot;
      // Unchecked, any key with the tag may have made it.
      if (f.type_covered == t::DNSKEY)
        for (std::size_t k = key; k < keys_.size(); k = next_candidate(f.key_tag, f.algorithm, k + 1))
          note_dnskey_signer(static_cast<std::uint32_t>(k));
      return;
    }
    items_.push_back(CryptoItem{static_cast<std::uint32_t>(&sig - zone_.records().data()), set_index,
                                static_cast<std::uint32_t>(key)});
  }

  bool dnskey_signed_by_sep_ = false;
  std::vector<std::uint32_t> dnskey_signers_;  // keys with a valid signature over the DNSKEY RRset

  void note_dnskey_signer(std::uint32_t k) {
    dnskey_signers_.push_back(k);
    if (keys_[k].sep()) dnskey_signed_by_sep_ = true;
  }

  // One thread's share: blocks of items taken from `next` until none are
  // left (a slowed thread does not leave the others idle at the end), with
  // this thread's own verifiers. The first thread reports progress.
  void verify_blocks(std::atomic<std::size_t>& next, bool reports) {
    constexpr std::size_t kBlock = 256;
    std::vector<std::unique_ptr<crypto::SignatureVerifier>> verifiers(keys_.size());
    std::vector<std::uint8_t> data;
    data.reserve(4096);
    const std::size_t n = items_.size();
    std::size_t reported = 0;
    for (;;) {
      const std::size_t begin = next.fetch_add(kBlock, std::memory_order_relaxed);
      if (begin >= n) return;
      const std::size_t end = std::min(n, begin + kBlock);
      if (reports && begin >= reported + 4096) {
        reported = begin;
        o_.progress(end, n);
      }
      for (std::size_t i = begin; i < end; ++i) verify_item(i, verifiers, data);
    }
  }

  // Verifies item i, trying every key with its tag and algorithm.
  void verify_item(std::size_t i, std::vector<std::unique_ptr<crypto::SignatureVerifier>>& verifiers,
                   std::vector<std::uint8_t>& data) {
    const CryptoItem& item = items_[i];
    const dns::Record& sig = zone_.records()[item.sig_record];
    const auto view = dnssec::parse_rrsig(zone_.rdata(sig));
    data.clear();
    dnssec::append_signed_data(view->fields, zone_, zone_.records_of(zone_.rrsets()[item.rrset]), data);
    std::uint16_t result = 0;
    // Try every key with this tag and algorithm (collisions are legal).
    for (std::size_t k = item.key; k < keys_.size() && result == 0; ++k) {
      const ZoneKey& key = keys_[k];
      if (key.tag != view->fields.key_tag || key.algorithm != view->fields.algorithm) continue;
      if (!key.key) {
        result = 1;  // an algorithm signet cannot verify
        break;
      }
      if (!verifiers[k]) verifiers[k] = std::make_unique<crypto::SignatureVerifier>(*key.key);
      try {
        if (verifiers[k]->verify(data, view->signature)) result = static_cast<std::uint16_t>(2 + k);
      } catch (const Error&) {
      }
    }
    item_ok_[i] = result;
  }

  void verify_crypto() {
    item_ok_.assign(items_.size(), 0);
    if (items_.empty()) return;
    unsigned threads = o_.threads != 0 ? o_.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, (items_.size() + 255) / 256));
    std::atomic<std::size_t> next{0};
    const bool reports = static_cast<bool>(o_.progress);
    if (threads <= 1) {
      verify_blocks(next, reports);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t) pool.emplace_back([this, &next] { verify_blocks(next, false); });
      verify_blocks(next, reports);
      for (std::thread& th : pool) th.join();
    }
    if (o_.progress) o_.progress(items_.size(), items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const CryptoItem& item = items_[i];
      const dns::Record& sig = zone_.records()[item.sig_record];
      const auto view = dnssec::parse_rrsig(zone_.rdata(sig));
      if (item_ok_[i] == 1) continue;  // cannot judge: not counted either way
      if (item_ok_[i] == 0) {
        const std::string covered = dns::type_to_text(view->fields.type_covered);
        r_.report("rrsig-bad-signature", sig,
                  "the signature over the " + covered + " RRset does not verify with DNSKEY " +
                      std::to_string(view->fields.key_tag) + " (" + crypto::algorithm_to_text(view->fields.algorithm) +
                      "): the data or the signature was changed after signing, or another key made it");
        continue;
      }
      ++report_.signatures_verified;
      const int slot = algorithm_slot(view->fields.algorithm);
      if (slot >= 0) valid_[item.rrset] |= 1u << slot;
      if (view->fields.type_covered == t::DNSKEY) note_dnskey_signer(static_cast<std::uint32_t>(item_ok_[i] - 2));
    }
  }

  void judge_coverage() {
    if (zone_algorithms_.empty()) return;
    const auto& owners = zone_.owners();
    const std::uint32_t all = zone_algorithms_.size() >= 32 ? ~0u : (1u << zone_algorithms_.size()) - 1;
    for (const dns::OwnerInfo& info : owners) {
      for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
        const std::uint32_t index = info.first_rrset + k;
        const dns::RRsetRef& set = zone_.rrsets()[index];
        const dns::Record& first = zone_.records()[set.first];
        if (!must_be_signed(info.kind, first.type)) continue;
        if ((present_[index] & all) == all) continue;  // every algorithm signs it
        const std::string type = dns::type_to_text(first.type);
        if (present_[index] == 0) {
          // Signatures of unknown algorithms also count as "some signature".
          if (!has_any_rrsig(info, first.type))
            r_.report("rrset-unsigned", first,
                      "the " + type + " RRset at " + zone_.owner(first).to_text() +
                          " has no RRSIG; every authoritative RRset must be signed (RFC 4035 2.2)");
          else report_missing(first, type, all & ~present_[index]);
          continue;
        }
        report_missing(first, type, all & ~present_[index]);
      }
    }
  }

  bool has_any_rrsig(const dns::OwnerInfo& info, std::uint16_t type) const {
    for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
      const dns::RRsetRef& set = zone_.rrsets()[info.first_rrset + k];
      if (zone_.records()[set.first].type != t::RRSIG) continue;
      for (const dns::Record& sig : zone_.records_of(set)) {
        const auto rd = zone_.rdata(sig);
        if (rd.size() >= 2 && (rd[0] << 8 | rd[1]) == type) return true;
      }
    }
    return false;
  }

  void report_missing(const dns::Record& first, const std::string& type, std::uint32_t missing) {
    std::string names;
    for (std::size_t s = 0; s < zone_algorithms_.size(); ++s) {
      if ((missing & (1u << s)) == 0) continue;
      if (!names.empty()) names += ", ";
      names += crypto::algorithm_to_text(zone_algorithms_[s]);
    }
    r_.report("rrset-algorithm-missing", first,
              "the " + type + " RRset at " + zone_.owner(first).to_text() + " has no RRSIG of algorithm " + names +
                  ", which the DNSKEY RRset has; every RRset must be signed with each algorithm (RFC 4035 2.2, RFC 6840 5.11)");
  }

  void check_dnskey_sep() {
    if (dnskey_set_ < 0 || dnskey_signed_by_sep_) return;
    const dns::RRsetRef& set = zone_.rrsets()[static_cast<std::size_t>(dnskey_set_)];
    const bool any_sep = std::any_of(keys_.begin(), keys_.end(), [](const ZoneKey& k) { return k.sep(); });
    r_.report("dnskey-not-signed-by-sep", zone_.records()[set.first],
              any_sep ? "no key with the SEP flag (flags 257) has a valid signature over the DNSKEY RRset; the parent's "
                        "DS points at a SEP key, so validators cannot reach the zone's other keys"
                      : "the DNSKEY RRset has no key with the SEP flag (flags 257); the parent's DS should name a SEP "
                        "key that signs this RRset");
  }

  void check_expiry() {
    report_.first_expiration = first_expiration_;
    if (!first_expiration_) return;
    const std::int64_t left = *first_expiration_ - o_.now;
    if (left < 0) return;  // rrsig-expired said it
    const std::string when = dns::format_timestamp(*first_expiration_);
    const dns::NameView owner = zone_.owner(*first_expiring_);
    if (o_.crit_expiry && left < *o_.crit_expiry) {
      r_.report("signature-expiry-critical", owner, t::RRSIG, first_expiring_,
                "the first signature expires at " + when + ", in " + duration_text(left) + ", within the critical margin of " +
                    duration_text(*o_.crit_expiry) + "; re-sign the zone now");
    } else if (o_.warn_expiry && left < *o_.warn_expiry) {
      r_.report("signature-expiry-warning", owner, t::RRSIG, first_expiring_,
                "the first signature expires at " + when + ", in " + duration_text(left) + ", within the warning margin of " +
                    duration_text(*o_.warn_expiry) + "; re-sign the zone soon");
    }
    // Secondaries keep serving the zone until SOA expire after losing the
    // primary, and caches keep answers for their TTL on top.
    const std::ptrdiff_t soa = zone_.find_rrset(zone_.origin(), t::SOA);
    if (soa < 0) return;
    const auto rdata = zone_.rdata(zone_.records()[zone_.rrsets()[static_cast<std::size_t>(soa)].first]);
    if (rdata.size() < 20) return;
    const std::size_t at = rdata.size() - 8;  // serial refresh retry EXPIRE minimum
    const std::uint32_t expire = static_cast<std::uint32_t>(rdata[at]) << 24 | static_cast<std::uint32_t>(rdata[at + 1]) << 16 |
                                 static_cast<std::uint32_t>(rdata[at + 2]) << 8 | rdata[at + 3];
    const std::int64_t needed = static_cast<std::int64_t>(expire) + max_ttl_;
    if (left < needed)
      r_.report("signature-expiry-before-soa-expire", owner, t::RRSIG, first_expiring_,
                "the first signature expires in " + duration_text(left) + ", less than the SOA expire (" +
                    duration_text(expire) + ") plus the largest TTL (" + duration_text(max_ttl_) +
                    "): a secondary cut off from the primary would serve dead signatures; use a longer validity");
  }

  void check_trust_anchors() {
    if (o_.trust_anchors.empty()) return;
    const dns::NameView origin = zone_.origin();
    for (const TrustAnchor& anchor : o_.trust_anchors) {
      if (!(anchor.owner.view() == origin)) continue;
      for (std::uint32_t k : dnskey_signers_) {
        const ZoneKey& key = keys_[k];
        if (!key.sep()) continue;
        const auto rdata = zone_.rdata(*key.record);
        const bool match = anchor.type == t::DS ? dnssec::ds_matches_dnskey(anchor.rdata, origin, rdata)
                                                : std::equal(rdata.begin(), rdata.end(), anchor.rdata.begin(),
                                                             anchor.rdata.end());
        if (match) return;
      }
    }
    const dns::Record* at = dnskey_set_ >= 0 ? &zone_.records()[zone_.rrsets()[static_cast<std::size_t>(dnskey_set_)].first]
                                             : nullptr;
    std::string tags;
    for (const ZoneKey& key : keys_)
      if (key.sep()) tags += (tags.empty() ? "" : ", ") + std::to_string(key.tag);
    r_.report("trust-anchor-mismatch", origin, t::DNSKEY, at,
              "none of the " + std::to_string(o_.trust_anchors.size()) +
                  " trust anchor records matches a SEP key that signs the DNSKEY RRset (SEP keys here: " +
                  (tags.empty() ? "none" : tags) + "); the parent's DS would make this zone bogus");
  }

  void check_cds() {
    const dns::NameView origin = zone_.origin();
    const std::ptrdiff_t cds = zone_.find_rrset(origin, t::CDS);
    const std::ptrdiff_t cdnskey = zone_.find_rrset(origin, t::CDNSKEY);
    std::vector<std::uint16_t> cds_tags, cdnskey_tags;
    bool cds_delete = false, cdnskey_delete = false;
    if (cds >= 0) {
      for (const dns::Record& rr : zone_.records_of(zone_.rrsets()[static_cast<std::size_t>(cds)])) {
        const auto rd = zone_.rdata(rr);
        if (dnssec::is_cds_delete(rd)) {
          cds_delete = true;
          continue;
        }
        const auto ds = dnssec::parse_ds(rd);
        bool match = false;
        for (const ZoneKey& key : keys_)
          if (dnssec::ds_matches_dnskey(rd, origin, zone_.rdata(*key.record))) match = true;
        if (ds) cds_tags.push_back(ds->key_tag);
        if (!match)
          r_.report("cds-mismatch", rr,
                    "this CDS (key tag " + std::to_string(ds ? ds->key_tag : 0) +
                        ") matches no DNSKEY of the zone; the parent would install a DS that breaks the chain of trust");
      }
    }
    if (cdnskey >= 0) {
      for (const dns::Record& rr : zone_.records_of(zone_.rrsets()[static_cast<std::size_t>(cdnskey)])) {
        const auto rd = zone_.rdata(rr);
        if (dnssec::is_cdnskey_delete(rd)) {
          cdnskey_delete = true;
          continue;
        }
        cdnskey_tags.push_back(crypto::key_tag(rd));
        bool match = false;
        for (const ZoneKey& key : keys_) {
          const auto kd = zone_.rdata(*key.record);
          if (std::equal(kd.begin(), kd.end(), rd.begin(), rd.end())) match = true;
        }
        if (!match)
          r_.report("cds-mismatch", rr,
                    "this CDNSKEY (key tag " + std::to_string(crypto::key_tag(rd)) +
                        ") is not in the DNSKEY RRset (RFC 7344 4.1)");
      }
    }
    if (cds >= 0 && cdnskey >= 0) {
      std::sort(cds_tags.begin(), cds_tags.end());
      cds_tags.erase(std::unique(cds_tags.begin(), cds_tags.end()), cds_tags.end());
      std::sort(cdnskey_tags.begin(), cdnskey_tags.end());
      if (cds_tags != cdnskey_tags || cds_delete != cdnskey_delete)
        r_.report("cds-inconsistent", zone_.records()[zone_.rrsets()[static_cast<std::size_t>(cds)].first],
                  "the CDS and CDNSKEY RRsets name different keys; the parent may act on either (RFC 7344 4)");
    }
  }
};

}  // namespace

void check_signatures(const dns::Zone& zone, const VerifyOptions& options, const Reporter& reporter,
                      VerifyReport& report) {
  SignatureChecks(zone, options, reporter, report).run();
}

}  // namespace signet::verifier::detail
