// SPDX-License-Identifier: MIT
// SOA serial policies with RFC 1982 serial-number arithmetic, and the
// signature times of a run (inception, expiration, jitter, refresh).
#include <string>

#include "signer/detail/plan.hpp"
#include "signet/dns/timestamp.hpp"

namespace signet::signer::detail {

bool serial_greater(std::uint32_t a, std::uint32_t b) noexcept {
  // RFC 1982 3.2: a > b when the forward distance from b to a is below 2^31.
  return a != b && static_cast<std::uint32_t>(a - b) < 0x80000000u;
}

std::uint32_t next_serial(SerialPolicy policy, std::uint32_t input_serial, std::uint32_t base, dns::UnixTime now) {
  const std::uint32_t bumped = base + 1;  // RFC 1982 addition wraps mod 2^32
  switch (policy) {
    case SerialPolicy::Keep:
      return input_serial;
    case SerialPolicy::Increment:
      return bumped;
    case SerialPolicy::UnixTime: {
      const auto t = static_cast<std::uint32_t>(now);
      return serial_greater(t, base) ? t : bumped;
    }
    case SerialPolicy::Date: {
      // YYYYMMDDnn: today's first serial unless the zone is already there or
      // beyond, in which case it counts on (as BIND's -N date does).
      const std::string day = dns::format_timestamp(now).substr(0, 8);
      const auto today = static_cast<std::uint32_t>(std::stoul(day) * 100);
      return serial_greater(today, base) ? today : bumped;
    }
  }
  return bumped;
}

Times signature_times(const SignOptions& options) {
  Times t;
  t.inception = static_cast<std::uint32_t>(options.now - options.inception_offset);
  t.expiration = options.expiration ? *options.expiration : options.now + options.validity;
  const dns::UnixTime validity = t.expiration - options.now;
  t.jitter = options.jitter;
  if (validity > 0 && t.jitter >= validity) t.jitter = static_cast<std::uint32_t>(validity - 1);
  t.refresh = options.refresh ? *options.refresh : static_cast<std::uint32_t>(validity > 0 ? validity / 4 : 0);
  t.seed = options.jitter_seed;
  return t;
}

std::uint32_t jittered_expiration(const Times& times, dns::NameView owner, std::uint16_t type) noexcept {
  if (times.jitter == 0) return static_cast<std::uint32_t>(times.expiration);
  // FNV-1a over the lower-cased owner and the type, then a splitmix64 finish
  // with the seed: the same seed gives the same expirations on every run.
  std::uint64_t h = 0xcbf29ce484222325ull ^ times.seed;
  for (char c : owner.wire()) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') u = static_cast<unsigned char>(u + 32);
    h = (h ^ u) * 0x100000001b3ull;
  }
  h = (h ^ type) * 0x100000001b3ull;
  h += 0x9e3779b97f4a7c15ull;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
  h ^= h >> 31;
  return static_cast<std::uint32_t>(times.expiration - static_cast<dns::UnixTime>(h % (times.jitter + 1ull)));
}

}  // namespace signet::signer::detail
