// SPDX-License-Identifier: MIT
// Private pieces of the signing engine shared by its modules: which key signs
// what (roles), the content zone that gets signed (apex.cpp), the per-RRset
// signature plan (reuse.cpp), the parallel executor (executor.cpp) and the
// SOA serial policy (serial.cpp). Not a public interface: sign_zone() is.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "signet/crypto/public_key.hpp"
#include "signet/dns/zone.hpp"
#include "signet/keys/key.hpp"
#include "signet/signer/signer.hpp"

namespace signet::signer::detail {

// One key that makes signatures and what it signs. Per algorithm, SEP keys
// sign the key RRsets (DNSKEY, CDS, CDNSKEY) and non-SEP keys the rest; an
// algorithm with keys of one kind only uses them for everything (CSK).
struct KeyRole {
  const keys::DnssecKey* key = nullptr;
  std::uint16_t tag = 0;
  std::uint8_t algorithm = 0;
  bool signs_keys = false;
  bool signs_data = false;
  // For checking signatures found in a signed input before keeping them.
  std::shared_ptr<const crypto::PublicKey> public_key;
};

// Checks the keys (zone, private half, signing algorithm) and assigns roles.
// Throws signet::Error when no key can sign or a key belongs elsewhere.
std::vector<KeyRole> assign_roles(const SignKeys& keys, const dns::Name& origin);

// DNSKEY, CDS and CDNSKEY are signed by the key-signing keys.
bool is_key_type(std::uint16_t type) noexcept;

// What the content zone's construction learned about the input.
struct ContentInfo {
  std::uint32_t soa_ttl = 0, soa_minimum = 0;
  std::uint32_t input_serial = 0;
  std::size_t soa_serial_at = 0;     // offset of the serial in SOA rdata
  std::vector<std::uint8_t> soa_rdata;  // as in the input
  bool input_signed = false;         // the input holds RRSIGs
};

// The zone to sign without its denial chain: the input's data without
// RRSIG/NSEC/NSEC3 and without the apex DNSKEY/CDS/CDNSKEY/NSEC3PARAM/ZONEMD,
// then the new apex records (DNSKEY, CDS/CDNSKEY, NSEC3PARAM, a ZONEMD
// placeholder) and the SOA with `serial`. RRsets with mixed TTLs take the
// smallest. Not finalized. `info` must come from read_soa(). Throws
// signet::Error for the refusals of sign_zone().
dns::Zone build_content(const dns::Zone& input, const SignKeys& keys, const SignOptions& options,
                        ContentInfo& info, std::uint32_t serial);
// Whether build_content() of this finalized input would be the input itself
// with the apex records added: nothing to leave out (RRSIG, NSEC, NSEC3, the
// apex records the signer makes), nothing to change (each RRset's TTLs the
// same, each owner's records spelled alike, the apex spelled as the origin)
// and nothing to refuse (a name outside the zone, a CNAME beside other data).
bool content_is_input(const dns::Zone& input);
// The apex records the signer makes, added to the finalized `z` (which they
// leave not finalized): the SOA with `serial` (when `soa`), DNSKEY (with
// `input_dnskeys`, the input's DNSKEYs and their TTLs), CDS/CDNSKEY,
// NSEC3PARAM and a ZONEMD placeholder.
void add_apex_records(dns::Zone& z, const std::vector<std::pair<std::vector<std::uint8_t>, std::uint32_t>>& input_dnskeys,
                      const SignKeys& keys, const SignOptions& options, const ContentInfo& info, std::uint32_t serial,
                      bool soa);
// Reads the SOA of a finalized input zone into `info`; throws when missing.
void read_soa(const dns::Zone& input, ContentInfo& info);
// The SOA serial of a finalized zone, if it has one SOA at its apex.
std::optional<std::uint32_t> zone_serial(const dns::Zone& zone);
// SOA rdata with the serial replaced.
std::vector<std::uint8_t> with_serial(const ContentInfo& info, std::uint32_t serial);

// RFC 1982 serial-number "greater than" for 32-bit serials.
bool serial_greater(std::uint32_t a, std::uint32_t b) noexcept;
// The serial a changed zone gets under `policy`, from the larger of the
// input's and the previous output's serials (`base`).
std::uint32_t next_serial(SerialPolicy policy, std::uint32_t input_serial, std::uint32_t base, dns::UnixTime now);

// A signature of the result: reused bytes from a source zone's arena, or made
// bytes in an executor buffer (data set once the executor has finished).
struct SigRef {
  const std::uint8_t* data = nullptr;
  std::uint32_t offset = 0;
  std::uint16_t size = 0;
  std::uint16_t thread = 0;
};

// A signature to make: RRset `rrset` of the zone with key role `key`.
struct WorkItem {
  std::uint32_t rrset = 0;
  std::uint32_t sig = 0;        // index of its SigRef
  std::uint32_t expiration = 0;
  std::uint16_t key = 0;
};

// The signature times of this run.
struct Times {
  std::uint32_t inception = 0;  // field value
  dns::UnixTime expiration = 0; // before jitter
  std::uint32_t jitter = 0;
  std::uint32_t refresh = 0;
  std::uint64_t seed = 0;
};
Times signature_times(const SignOptions& options);
// Expiration (field value) of a new signature over (owner, type): the base
// expiration less a deterministic share of the jitter.
std::uint32_t jittered_expiration(const Times& times, dns::NameView owner, std::uint16_t type) noexcept;

// Makes the signatures of `work` on `threads` threads (one crypto::Signer per
// key and thread, one buffer per thread), writing each into its SigRef;
// `buffers` receives the bytes. Rethrows the first error of a thread.
// `progress` (may be empty) hears from the first thread every few thousand
// signatures with the number of signatures taken so far.
void run_signing(const dns::Zone& zone, std::span<const KeyRole> roles, std::span<const WorkItem> work,
                 std::uint32_t inception, unsigned threads, std::vector<SigRef>& sigs,
                 std::vector<std::vector<std::uint8_t>>& buffers,
                 const std::function<void(std::size_t, std::size_t)>& progress = {});

// Walks a source of old signatures (the previous output, or a signed input)
// forward in canonical order beside the zone being signed: one name
// comparison per step, no index of the source.
class SourceCursor {
 public:
  explicit SourceCursor(const dns::Zone& source) : source_(source) {}
  const dns::Zone& source() const noexcept { return source_; }
  // Moves to the owner `name` (calls come in canonical order); false when the
  // source has no such name.
  bool seek(dns::NameView name);
  // Moves to the source's owner `index` (into source().owners()).
  void set(std::size_t index) noexcept {
    pos_ = index;
    current_ = &source_.owners()[index];
  }
  // The source holds exactly the records of `set` (of `zone`) at the current
  // owner: same type, TTLs and canonical rdata.
  bool same_rrset(const dns::Zone& zone, const dns::RRsetRef& set) const;
  // The RRSIG records at the current owner.
  std::span<const dns::Record> signatures() const;

 private:
  const dns::Zone& source_;
  std::size_t pos_ = 0;
  const dns::OwnerInfo* current_ = nullptr;
};

// What an old RRSIG record is worth for an RRset being signed now.
struct SignatureCheck {
  std::uint16_t type = 0;           // RRset type
  std::uint8_t labels = 0;          // expected Labels field
  std::uint32_t ttl = 0;            // RRset TTL (original TTL and RRSIG TTL)
  dns::NameView origin;
  bool key_type = false;            // signed by the key-signing role
  dns::UnixTime now = 0;
  std::uint32_t refresh = 0;
};
// The index into `roles` of the key that made `sig` when the signature can be
// kept (right RRset, key still signing in that role, valid now and for more
// than `refresh`), else -1. `expiration` receives its expiration time.
int reusable_key(std::span<const std::uint8_t> sig_rdata, std::uint32_t sig_ttl, const SignatureCheck& check,
                 std::span<const KeyRole> roles, dns::UnixTime& expiration);
// The RRSIG's type covered, or 0 when the rdata is too short.
std::uint16_t covered_type(std::span<const std::uint8_t> sig_rdata) noexcept;

}  // namespace signet::signer::detail
