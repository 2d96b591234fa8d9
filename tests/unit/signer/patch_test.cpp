// SPDX-License-Identifier: MIT
// patch_previous(): for every change that keeps the zone's shape it gives
// the zone sign_zone() builds, byte for byte (Ed25519 signatures are
// deterministic), with the same statistics; for every other change it
// declines and leaves the previous zone as it was.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "signer_support.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/verifier/verify.hpp"

using namespace signet;
using test::kNow;

namespace {

// Two Ed25519 keys, a KSK and a ZSK: every signature is deterministic.
struct Ed25519Keys {
  keys::DnssecKey ksk, zsk, extra;
  Ed25519Keys()
      : ksk(keys::make_key(dns::Name::parse("example.com."), 257,
                           crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ED25519)))),
        zsk(keys::make_key(dns::Name::parse("example.com."), 256,
                           crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ED25519)))),
        extra(keys::make_key(dns::Name::parse("example.com."), 256,
                             crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ED25519)))) {}
};
const Ed25519Keys& ed_keys() {
  static const Ed25519Keys k;
  return k;
}
signer::SignKeys ed_ksk_zsk(bool with_extra = false) {
  const Ed25519Keys& k = ed_keys();
  signer::SignKeys s;
  s.published = s.signing = {&k.ksk, &k.zsk};
  if (with_extra) s.published.push_back(&k.extra), s.signing.push_back(&k.extra);
  return s;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct Run {
  std::optional<signer::SignResult> patched;
  signer::SignResult built;
  dns::Zone previous_after;  // what patch_previous() left of the previous zone
};

// Signs `first` at kNow, then `second` over that output at `later` both
// ways (the previous zone is read back from its text, as the binary does).
Run resign(std::string_view first, std::string_view second, signer::SignOptions o, dns::UnixTime later,
           const signer::SignKeys& keys_first, const signer::SignKeys& keys_second,
           const std::optional<signer::SignOptions>& o_second = std::nullopt) {
  const dns::Zone input1 = test::parse(first);
  const signer::SignResult signed1 = signer::sign_zone(input1, nullptr, keys_first, o);
  dns::Zone previous = test::parse(test::text_of(signed1.zone));
  signer::SignOptions o2 = o_second.value_or(o);
  o2.now = later;
  const dns::Zone input2 = test::parse(second);
  Run run{std::nullopt, signer::sign_zone(input2, &previous, keys_second, o2), dns::Zone()};
  run.patched = signer::patch_previous(signer::prepare_zone(input2, keys_second, o2), previous, keys_second, o2);
  run.previous_after = std::move(previous);
  return run;
}

void check_same(const Run& run, dns::UnixTime later) {
  REQUIRE(run.patched.has_value());
  const signer::SignStats& a = run.patched->stats;
  const signer::SignStats& b = run.built.stats;
  CHECK(test::text_of(run.patched->zone) == test::text_of(run.built.zone));
  CHECK(a.signatures_kept == b.signatures_kept);
  CHECK(a.signatures_made == b.signatures_made);
  CHECK(a.signatures_dropped == b.signatures_dropped);
  CHECK(a.rrsets_signed == b.rrsets_signed);
  CHECK(a.serial_before == b.serial_before);
  CHECK(a.serial_after == b.serial_after);
  CHECK(a.changed == b.changed);
  CHECK(a.next_refresh == b.next_refresh);
  CHECK(a.keys_added == b.keys_added);
  CHECK(a.keys_removed == b.keys_removed);
  // The patched zone is indexed as a fresh read of its text would be.
  const dns::Zone reread = test::parse(test::text_of(run.patched->zone));
  CHECK(run.patched->zone.owners().size() == reread.owners().size());
  CHECK(run.patched->zone.rrsets().size() == reread.rrsets().size());
  verifier::VerifyOptions vo;
  vo.now = later;
  vo.threads = 2;
  CHECK(verifier::verify(run.patched->zone, vo).findings.size() == verifier::verify(run.built.zone, vo).findings.size());
}

const std::string kZone(test::kSmallZone);
// With an RRset of two records, to take one away.
const std::string kBase = kZone + "www IN A 192.0.2.77\n";
constexpr dns::UnixTime kHour = 3600, kDay = 86400;

}  // namespace

TEST_CASE("patching the previous output gives the zone sign_zone() builds, for changes that keep the shape") {
  struct Change {
    const char* what;
    std::string zone;
  };
  const std::vector<Change> changes = {
      {"nothing", kBase},
      {"an address", replaced(kBase, "192.0.2.2", "192.0.2.99")},
      {"a record added to an RRset", kBase + "www IN A 192.0.2.78\n"},
      {"a record taken from an RRset", kZone},
      {"a DS added beside one", kBase + "sec IN DS 54321 13 2 " + std::string(64, 'a') + "\n"},
      {"an RRset's TTL", replaced(kBase, "www IN AAAA", "www 600 IN AAAA")},
      {"a delegation's NS target (unsigned)", replaced(kBase, "ns.elsewhere.net.", "ns.other.net.")},
      {"a DS digest", replaced(kBase, "0123456789abcdef0123", "fedcba9876543210fedc")},
      {"a name's case in rdata (the same data)", replaced(kBase, "@ IN NS ns1", "@ IN NS NS1")},
      {"an SOA field", replaced(kBase, "7200 3600 1209600 300", "7201 3600 1209600 300")},
      {"glue", replaced(kBase, "192.0.2.4", "192.0.2.44")},
      {"data below a cut", replaced(kBase, "below the cut", "still below")},
  };
  struct Mode {
    const char* what;
    signer::Denial denial;
    bool opt_out;
  };
  for (const Mode& mode : {Mode{"NSEC", signer::Denial::Nsec, false}, Mode{"NSEC3", signer::Denial::Nsec3, false},
                           Mode{"NSEC3 opt-out", signer::Denial::Nsec3, true}})
    for (const auto serial : {signer::SerialPolicy::Keep, signer::SerialPolicy::Increment})
      for (const Change& change : changes)
        for (const dns::UnixTime later : {kNow + kHour, kNow + 12 * kDay}) {
          // 12 days on, most signatures are in their refresh window: made again.
          CAPTURE(mode.what);
          CAPTURE(change.what);
          CAPTURE(later - kNow);
          CAPTURE(static_cast<int>(serial));
          signer::SignOptions o = test::options_at(kNow);
          o.denial = mode.denial;
          o.opt_out = mode.opt_out;
          o.serial = serial;
          o.jitter = 3 * kDay;
          check_same(resign(kBase, change.zone, o, later, ed_ksk_zsk(), ed_ksk_zsk()), later);
        }
}

TEST_CASE("patching: nothing due and nothing changed leaves every record as it was") {
  signer::SignOptions o = test::options_at(kNow);
  const Run run = resign(kZone, kZone, o, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk());
  REQUIRE(run.patched.has_value());
  CHECK_FALSE(run.patched->stats.changed);
  CHECK(run.patched->stats.signatures_made == 0);
  // Every record keeps its line in the previous text (none was replaced).
  for (const dns::Record& rr : run.patched->zone.records()) CHECK(rr.line != 0);
}

TEST_CASE("patching: a changed record has no line; the others keep theirs") {
  signer::SignOptions o = test::options_at(kNow);
  const Run run = resign(kZone, replaced(kZone, "192.0.2.2", "192.0.2.99"), o, kNow + kHour, ed_ksk_zsk(),
                         ed_ksk_zsk());
  REQUIRE(run.patched.has_value());
  std::size_t without_line = 0;
  for (const dns::Record& rr : run.patched->zone.records()) without_line += rr.line == 0;
  // The A record and its signature by the ZSK.
  CHECK(without_line == 2);
}

TEST_CASE("patching: a key added or removed keeps the shape and gives the same zone") {
  signer::SignOptions o = test::options_at(kNow);
  check_same(resign(kZone, kZone, o, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk(true)), kNow + kHour);
  check_same(resign(kZone, kZone, o, kNow + kHour, ed_ksk_zsk(true), ed_ksk_zsk()), kNow + kHour);
}

TEST_CASE("patching declines a change of shape and leaves the previous zone as it was") {
  struct Change {
    const char* what;
    std::string zone;
    std::optional<signer::SignOptions> options;
  };
  signer::SignOptions nsec3 = test::options_at(kNow);
  nsec3.denial = signer::Denial::Nsec3;
  signer::SignOptions salted = nsec3;
  salted.nsec3.salt = {0xab, 0xcd};
  signer::SignOptions opt_out = nsec3;
  opt_out.opt_out = true;
  signer::SignOptions zonemd = nsec3;
  zonemd.zonemd_hash = dnssec::kZonemdSha384;
  signer::SignOptions nsec = test::options_at(kNow);
  const std::vector<Change> changes = {
      {"a name added", kZone + "new IN A 192.0.2.50\n", std::nullopt},
      {"a name removed", replaced(kZone, "*.wild IN TXT \"wildcard\"\n", ""), std::nullopt},
      {"a type added at a name", kZone + "www IN TXT \"more\"\n", std::nullopt},
      {"a type removed from a name", replaced(kZone, "www IN AAAA 2001:db8::2\n", ""), std::nullopt},
      {"a name spelled in other cases", replaced(kZone, "www IN A", "WWW IN A"), std::nullopt},
      {"a DS added (the delegation becomes secure)", kZone + "insec IN DS 1 13 2 " + std::string(64, 'b') + "\n",
       std::nullopt},
      {"the SOA minimum (the denial TTL)", replaced(kZone, "1209600 300", "1209600 299"), std::nullopt},
      {"NSEC to NSEC3", kZone, nsec},
      {"a new salt", kZone, salted},
      {"opt-out", kZone, opt_out},
      {"ZONEMD", kZone, zonemd},
  };
  for (const Change& change : changes) {
    CAPTURE(change.what);
    const Run run = resign(kZone, change.zone, nsec3, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk(),
                           change.options ? std::optional(*change.options) : std::optional(nsec3));
    CHECK_FALSE(run.patched.has_value());
    // sign_zone() over the same previous zone still reads it whole.
    CHECK(run.previous_after.records().size() > 0);
  }
  // NSEC3 to NSEC, the other way.
  const Run back = resign(kZone, kZone, nsec3, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk(), nsec);
  CHECK_FALSE(back.patched.has_value());
}

TEST_CASE("patching a zone big enough to be walked in two parts on two cores") {
  // Over 16384 owners: the walk splits at a content owner near the middle.
  std::string zone = kZone, changed = replaced(kZone, "192.0.2.2", "192.0.2.98");
  for (int i = 0; i < 20000; ++i) {
    const std::string d = "d" + std::to_string(i);
    zone += d + " IN NS ns." + d + ".net.\n";
    changed += d + " IN NS ns." + (i % 97 == 0 ? "x" : "") + d + ".net.\n";
    if (i % 7 == 0) {
      const std::string ds = d + " IN DS 1 13 2 " + std::string(64, 'c') + "\n";
      zone += ds;
      changed += ds;
    }
  }
  signer::SignOptions o = test::options_at(kNow);
  o.serial = signer::SerialPolicy::Increment;
  check_same(resign(zone, changed, o, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk()), kNow + kHour);
  // NSEC3 with opt-out: few signatures, so the walk is what is tested.
  o.denial = signer::Denial::Nsec3;
  o.opt_out = true;
  check_same(resign(zone, changed, o, kNow + 12 * kDay, ed_ksk_zsk(), ed_ksk_zsk()), kNow + 12 * kDay);
  o.threads = 1;
  check_same(resign(zone, changed, o, kNow + kHour, ed_ksk_zsk(), ed_ksk_zsk()), kNow + kHour);
}

TEST_CASE("patching random zones with random changes: the same zone as sign_zone(), or declined") {
  // A fixed seed: the same cases on every run.
  std::uint32_t seed = 20261124;
  const auto next = [&seed](std::uint32_t bound) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % bound;
  };
  struct Rec {
    std::string owner, type, rdata;
    std::uint32_t ttl;
  };
  const char* names[] = {"a", "b.a", "c.b.a", "d", "*.e", "f.g.h", "m", "n", "x"};
  const auto random_zone = [&] {
    std::vector<Rec> recs;
    for (const char* n : names) {
      const std::uint32_t kinds = 1 + next(3);
      for (std::uint32_t k = 0; k < kinds; ++k) {
        const std::uint32_t count = 1 + next(3);
        for (std::uint32_t i = 0; i < count; ++i) switch (k) {
            case 0: recs.push_back({n, "A", "192.0.2." + std::to_string(next(250)), 3600}); break;
            case 1: recs.push_back({n, "TXT", "\"t" + std::to_string(next(1000)) + "\"", 3600}); break;
            default: recs.push_back({n, "MX", std::to_string(next(50)) + " mx" + std::to_string(next(5)), 3600});
          }
      }
    }
    // Delegations: one secure with glue, one insecure with data below it.
    recs.push_back({"sec", "NS", "ns.sec", 3600});
    recs.push_back({"sec", "DS", "1 13 2 " + std::string(64, "0123456789abcdef"[next(16)]), 3600});
    recs.push_back({"ns.sec", "A", "192.0.2.200", 3600});
    recs.push_back({"insec", "NS", "ns.elsewhere.net.", 3600});
    recs.push_back({"deep.insec", "TXT", "\"occluded\"", 3600});
    return recs;
  };
  const auto text_of_recs = [](const std::vector<Rec>& recs) {
    std::string t = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 7 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n";
    for (const Rec& r : recs) t += r.owner + " " + std::to_string(r.ttl) + " IN " + r.type + " " + r.rdata + "\n";
    return t;
  };
  std::size_t patched = 0, declined = 0;
  for (int round = 0; round < 100; ++round) {
    const std::vector<Rec> before = random_zone();
    std::vector<Rec> after = before;
    // Edits: most keep the shape (data, TTLs, records added to or taken
    // from an RRset that keeps one); some add or remove a name or a type.
    const std::uint32_t edits = 1 + next(4);
    for (std::uint32_t e = 0; e < edits; ++e) {
      Rec& r = after[next(static_cast<std::uint32_t>(after.size()))];
      switch (next(7)) {
        case 0: if (r.type == "A") r.rdata = "198.51.100." + std::to_string(next(250)); break;
        case 1: if (r.type != "NS" && r.type != "DS") r.ttl = 60 + next(3) * 60; break;
        case 2: if (r.type == "TXT" || r.type == "A" || r.type == "MX") after.push_back({r.owner, r.type, r.type == "A" ? "203.0.113." + std::to_string(next(250)) : r.type == "TXT" ? "\"new\"" : "5 mx9", r.ttl}); break;
        case 3: {
          // Take a record from an RRset that has another.
          const std::size_t i = static_cast<std::size_t>(&r - after.data());
          for (std::size_t j = 0; j < after.size(); ++j)
            if (j != i && after[j].owner == r.owner && after[j].type == r.type) {
              after.erase(after.begin() + static_cast<std::ptrdiff_t>(i));
              break;
            }
          break;
        }
        case 4: if (r.type == "DS") r.rdata = "2 13 2 " + std::string(64, 'e'); break;
        case 5: if (next(4) == 0) after.push_back({"new" + std::to_string(next(3)), "A", "192.0.2.9", 3600}); break;
        default: if (next(4) == 0) after.push_back({r.owner, "AAAA", "2001:db8::1", 3600}); break;
      }
    }
    signer::SignOptions o = test::options_at(kNow);
    o.denial = next(2) ? signer::Denial::Nsec3 : signer::Denial::Nsec;
    o.opt_out = o.denial == signer::Denial::Nsec3 && next(2);
    o.serial = next(2) ? signer::SerialPolicy::Increment : signer::SerialPolicy::Keep;
    o.jitter = next(2) * 3 * kDay;
    const dns::UnixTime later = kNow + (next(2) ? kHour : 11 * kDay + next(3) * kDay);
    CAPTURE(round);
    const Run run = resign(text_of_recs(before), text_of_recs(after), o, later, ed_ksk_zsk(), ed_ksk_zsk());
    if (run.patched) {
      ++patched;
      check_same(run, later);
    } else {
      ++declined;
    }
  }
  CHECK(patched > 50);
  CHECK(declined > 0);
}

TEST_CASE("patching declines a previous output that spells one name two ways") {
  // As a hand edit may leave it: one signature's owner in upper case. A
  // zone built anew spells every record as the input does; so must a patch.
  signer::SignOptions o = test::options_at(kNow);
  const dns::Zone input = test::parse(kZone);
  const signer::SignResult first = signer::sign_zone(input, nullptr, ed_ksk_zsk(), o);
  std::string text = test::text_of(first.zone);
  const std::size_t at = text.find("www.example.com.\t3600\tIN\tRRSIG\tA ");
  REQUIRE(at != std::string::npos);
  text.replace(at, 3, "WWW");
  dns::Zone previous = test::parse(text);
  o.now = kNow + kHour;
  CHECK_FALSE(signer::patch_previous(signer::prepare_zone(input, ed_ksk_zsk(), o), previous, ed_ksk_zsk(), o));
  // Spelled one way throughout, it is patched.
  dns::Zone again = test::parse(test::text_of(first.zone));
  CHECK(signer::patch_previous(signer::prepare_zone(input, ed_ksk_zsk(), o), again, ed_ksk_zsk(), o).has_value());
}
