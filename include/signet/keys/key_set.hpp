// SPDX-License-Identifier: MIT
// KeySet: every key of one zone found in a key directory (BIND's
// K<zone>+<alg>+<tag> pairs), and what each key does at a time the caller
// passes in: published in the DNSKEY RRset, active (signing), retired
// (inactive but still published), revoked, or deleted. Rules follow BIND's
// timing metadata; a key with no Publish and no Activate time (a v1.2 file) is
// published and active. It never reads the clock and does not pick policies.
#pragma once

#include <string>
#include <vector>

#include "signet/keys/key.hpp"

namespace signet::keys {

struct KeyState {
  bool published = false;  // in the zone's DNSKEY RRset
  bool active = false;     // makes signatures (if its private key is available)
  bool retired = false;    // past Inactive: published until Delete, no longer signing
  bool revoked = false;    // REVOKE flag set, or past its Revoke time
  bool deleted = false;    // past Delete: gone from the zone
};

// What `key` does at `now`.
KeyState key_state(const DnssecKey& key, UnixTime now) noexcept;

class KeySet {
 public:
  KeySet() = default;
  explicit KeySet(std::vector<DnssecKey> keys);

  // Loads every K<zone>+*.key file of `zone` in `directory` with its
  // .private half when present (halves are checked to match). Keys are sorted
  // by algorithm then key tag. Throws signet::Error naming the bad file.
  static KeySet load(const std::string& directory, const dns::Name& zone);

  const std::vector<DnssecKey>& keys() const noexcept { return keys_; }
  bool empty() const noexcept { return keys_.empty(); }

  std::vector<const DnssecKey*> published(UnixTime now) const;
  // Active keys that have their private half: these sign.
  std::vector<const DnssecKey*> signing(UnixTime now) const;
  std::vector<const DnssecKey*> retired(UnixTime now) const;
  std::vector<const DnssecKey*> revoked(UnixTime now) const;
  // True when `candidate`'s tag or revoked tag equals the tag or revoked tag
  // of a key of the same algorithm in the set (signet-keygen avoids these).
  bool tag_collides(const DnssecKey& candidate) const;

 private:
  std::vector<DnssecKey> keys_;
};

}  // namespace signet::keys
