// SPDX-License-Identifier: MIT
#include "signet/keys/key_set.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "signet/error.hpp"
#include "signet/keys/key_file.hpp"

namespace signet::keys {
namespace {

bool reached(const std::optional<UnixTime>& when, UnixTime now) noexcept { return when && *when <= now; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

template <typename Pred>
std::vector<const DnssecKey*> select(const std::vector<DnssecKey>& keys, Pred pred) {
  std::vector<const DnssecKey*> out;
  for (const DnssecKey& k : keys)
    if (pred(k)) out.push_back(&k);
  return out;
}

}  // namespace

KeyState key_state(const DnssecKey& key, UnixTime now) noexcept {
  const KeyTiming& t = key.timing;
  KeyState s;
  s.deleted = reached(t.deleted, now);
  if (s.deleted) return s;
  const bool no_schedule = !t.publish && !t.activate;  // v1.2 files: in use from the start
  s.published = no_schedule || reached(t.publish, now) || reached(t.activate, now);
  s.retired = reached(t.inactive, now);
  s.active = s.published && !s.retired && (no_schedule || reached(t.activate, now));
  s.revoked = key.is_revoked() || reached(t.revoke, now);
  return s;
}

KeySet::KeySet(std::vector<DnssecKey> keys) : keys_(std::move(keys)) {
  std::sort(keys_.begin(), keys_.end(), [](const DnssecKey& a, const DnssecKey& b) {
    return std::pair(a.algorithm, a.key_tag()) < std::pair(b.algorithm, b.key_tag());
  });
}

KeySet KeySet::load(const std::string& directory, const dns::Name& zone) {
  const std::string prefix = lower("K" + zone.to_text() + "+");
  std::vector<std::string> bases;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > prefix.size() + 4 && name.ends_with(".key") && lower(name).starts_with(prefix))
      bases.push_back(entry.path().string());
  }
  if (ec) throw Error(SourceLocation{directory, 0, 0}, "cannot list key directory: " + ec.message());
  std::sort(bases.begin(), bases.end());
  std::vector<DnssecKey> keys;
  for (const std::string& path : bases) {
    DnssecKey key = read_key(path);
    if (!(key.zone == zone))
      throw Error(SourceLocation{path, 0, 0}, "the key belongs to " + key.zone.to_text() + ", not " + zone.to_text());
    keys.push_back(std::move(key));
  }
  return KeySet(std::move(keys));
}

std::vector<const DnssecKey*> KeySet::published(UnixTime now) const {
  return select(keys_, [now](const DnssecKey& k) { return key_state(k, now).published; });
}

std::vector<const DnssecKey*> KeySet::signing(UnixTime now) const {
  return select(keys_, [now](const DnssecKey& k) { return k.private_key && key_state(k, now).active; });
}

std::vector<const DnssecKey*> KeySet::retired(UnixTime now) const {
  return select(keys_, [now](const DnssecKey& k) {
    KeyState s = key_state(k, now);
    return s.retired && s.published;
  });
}

std::vector<const DnssecKey*> KeySet::revoked(UnixTime now) const {
  return select(keys_, [now](const DnssecKey& k) { return key_state(k, now).revoked; });
}

bool KeySet::tag_collides(const DnssecKey& candidate) const {
  const std::uint16_t tag = candidate.key_tag(), revoked_tag = candidate.revoked_key_tag();
  return std::any_of(keys_.begin(), keys_.end(), [&](const DnssecKey& k) {
    if (k.algorithm != candidate.algorithm) return false;
    const std::uint16_t t = k.key_tag(), r = k.revoked_key_tag();
    return t == tag || t == revoked_tag || r == tag || r == revoked_tag;
  });
}

}  // namespace signet::keys
