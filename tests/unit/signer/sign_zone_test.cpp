// SPDX-License-Identifier: MIT
#include "signet/signer/signer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>

#include "signer/detail/plan.hpp"
#include "signer_support.hpp"
#include "signet/dnssec/ds.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/dnssec/type_bitmap.hpp"
#include "signet/dnssec/zonemd.hpp"
#include "signet/verifier/verify.hpp"

using namespace signet;
using test::kNow;
namespace rt = dns::rrtype;

namespace {

std::uint32_t serial_of(const dns::Zone& zone) { return *signer::detail::zone_serial(zone); }

std::string replaced_in(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::size_t count_type(const dns::Zone& zone, std::uint16_t type) {
  return static_cast<std::size_t>(
      std::count_if(zone.records().begin(), zone.records().end(), [&](const dns::Record& r) { return r.type == type; }));
}

std::vector<const keys::DnssecKey*> all_keys() {
  const auto& k = test::test_keys();
  return {&k.ksk, &k.zsk, &k.csk15};
}

void check_signed_small_zone(const dns::Zone& z, signer::Denial denial) {
  const auto& k = test::test_keys();
  const test::SigMap sigs = test::check_signatures(z, all_keys());
  const std::multiset<std::uint16_t> by_ksk = {k.ksk.key_tag()}, by_zsk = {k.zsk.key_tag()};
  CHECK(sigs.at({"example.com.", rt::DNSKEY}) == by_ksk);
  CHECK(sigs.at({"example.com.", rt::SOA}) == by_zsk);
  CHECK(sigs.at({"example.com.", rt::NS}) == by_zsk);
  CHECK(sigs.at({"www.example.com.", rt::A}) == by_zsk);
  CHECK(sigs.at({"*.wild.example.com.", rt::TXT}) == by_zsk);
  CHECK(sigs.at({"sec.example.com.", rt::DS}) == by_zsk);
  // Delegation NS, glue and data below a cut are not signed.
  CHECK(sigs.count({"sec.example.com.", rt::NS}) == 0);
  CHECK(sigs.count({"insec.example.com.", rt::NS}) == 0);
  CHECK(sigs.count({"ns.sec.example.com.", rt::A}) == 0);
  CHECK(sigs.count({"deep.insec.example.com.", rt::TXT}) == 0);
  // Glue and occluded data are carried over.
  CHECK(z.find_rrset(dns::Name::parse("ns.sec.example.com."), rt::A) >= 0);
  CHECK(z.find_rrset(dns::Name::parse("deep.insec.example.com."), rt::TXT) >= 0);
  // The wildcard's signature has the labels of "wild.example.com.".
  if (denial == signer::Denial::Nsec) {
    CHECK(sigs.at({"sec.example.com.", rt::NSEC}) == by_zsk);
    CHECK(sigs.at({"insec.example.com.", rt::NSEC}) == by_zsk);
    CHECK(count_type(z, rt::NSEC) == 7);
    CHECK(count_type(z, rt::NSEC3) == 0);
    CHECK(test::types_at(z, "example.com.") ==
          std::vector<std::uint16_t>{rt::NS, rt::SOA, rt::RRSIG, rt::NSEC, rt::DNSKEY});
  } else {
    CHECK(count_type(z, rt::NSEC) == 0);
    CHECK(count_type(z, rt::NSEC3PARAM) == 1);
  }
}

}  // namespace

TEST_CASE("sign_zone with NSEC: KSK signs DNSKEY, ZSK the rest, every signature verifies") {
  const dns::Zone input = test::parse(test::kSmallZone);
  const auto result = signer::sign_zone(input, nullptr, test::ksk_zsk(), test::options_at(kNow));
  check_signed_small_zone(result.zone, signer::Denial::Nsec);
  CHECK(result.stats.changed);
  CHECK(result.stats.signatures_kept == 0);
  CHECK(result.stats.signatures_made == count_type(result.zone, rt::RRSIG));
  CHECK(result.stats.serial_after == 2024010100);  // --serial keep
  CHECK(result.stats.keys_added.size() == 2);
  // Times: inception an hour back, expiration 14 days on; refresh a quarter of that.
  for (const dns::Record& rr : result.zone.records()) {
    if (rr.type != rt::RRSIG) continue;
    const auto v = dnssec::parse_rrsig(result.zone.rdata(rr));
    CHECK(v->fields.inception == kNow - 3600);
    CHECK(v->fields.expiration == kNow + 14 * 86400);
  }
  REQUIRE(result.stats.next_refresh.has_value());
  CHECK(*result.stats.next_refresh == kNow + 14 * 86400 - 14 * 86400 / 4);
  // The DNSKEY RRset has the SOA TTL when neither the zone nor the keys say otherwise.
  const auto at = result.zone.find_rrset(dns::Name::parse("example.com."), rt::DNSKEY);
  CHECK(result.zone.records()[result.zone.rrsets()[static_cast<std::size_t>(at)].first].ttl == 3600);
  // The NSEC TTL is min(SOA TTL, SOA minimum) (RFC 9077).
  const auto nsec = result.zone.find_rrset(dns::Name::parse("www.example.com."), rt::NSEC);
  CHECK(result.zone.records()[result.zone.rrsets()[static_cast<std::size_t>(nsec)].first].ttl == 300);
}

TEST_CASE("sign_zone with NSEC3 and opt-out") {
  const dns::Zone input = test::parse(test::kSmallZone);
  for (const bool opt_out : {false, true}) {
    CAPTURE(opt_out);
    auto o = test::options_at(kNow);
    o.denial = signer::Denial::Nsec3;
    o.opt_out = opt_out;
    const auto result = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
    check_signed_small_zone(result.zone, signer::Denial::Nsec3);
    // 10 names (7 with data or a cut, 3 empty non-terminals); opt-out leaves out "insec".
    CHECK(count_type(result.zone, rt::NSEC3) == (opt_out ? 9u : 10u));
    dnssec::Nsec3Hasher hasher(dnssec::Nsec3Params{});
    const dns::Name apex_hash = dnssec::nsec3_owner(hasher.hash(dns::Name::parse("example.com.")), dns::Name::parse("example.com."));
    const auto at = result.zone.find_rrset(apex_hash, rt::NSEC3);
    REQUIRE(at >= 0);
    const auto view = dnssec::parse_nsec3(result.zone.rdata(result.zone.records()[result.zone.rrsets()[static_cast<std::size_t>(at)].first]));
    CHECK(view->opt_out() == opt_out);
    std::vector<std::uint16_t> types;
    REQUIRE(dnssec::read_type_bitmap(view->type_bitmap, types));
    CHECK(types == std::vector<std::uint16_t>{rt::NS, rt::SOA, rt::RRSIG, rt::DNSKEY, rt::NSEC3PARAM});
    const test::SigMap sigs = test::check_signatures(result.zone, all_keys());
    CHECK(sigs.at({apex_hash.to_text(), rt::NSEC3}).size() == 1);
  }
}

TEST_CASE("the gate's NSEC3 check finds a type bitmap or a next hash changed after signing") {
  auto o = test::options_at(kNow);
  o.denial = signer::Denial::Nsec3;
  dns::Zone z = signer::sign_zone(test::parse(test::kSmallZone), nullptr, test::ksk_zsk(), o).zone;
  verifier::VerifyOptions vo;
  vo.now = kNow;
  vo.verify_signatures = false;
  const auto nsec3_findings = [&](const dns::Zone& zone) {
    std::vector<std::string> out;
    for (const verifier::Finding& f : verifier::verify(zone, vo).findings)
      if (f.check.rfind("nsec3", 0) == 0) out.push_back(std::string(f.check) + ": " + f.message);
    return out;
  };
  CHECK(nsec3_findings(z).empty());
  // An NSEC3 with types (an empty non-terminal's has an empty bitmap).
  std::size_t index = 0;
  while (z.records()[index].type != rt::NSEC3 || dnssec::parse_nsec3(z.rdata(z.records()[index]))->type_bitmap.empty())
    ++index;
  const auto rdata = z.rdata(z.records()[index]);
  SUBCASE("a type added to the bitmap") {
    std::vector<std::uint8_t> changed(rdata.begin(), rdata.end());
    const std::uint8_t last = changed.back();  // stays non-zero, so the bitmap stays well formed
    changed.back() = (last & 1) != 0 ? static_cast<std::uint8_t>(last ^ 2) : static_cast<std::uint8_t>(last | 1);
    z.replace_rdata(index, z.add_bytes(changed), static_cast<std::uint16_t>(changed.size()));
    z.finalize();
    const auto found = nsec3_findings(z);
    REQUIRE(found.size() == 1);
    INFO(found[0]);
    CHECK(found[0].rfind("nsec3-bitmap-mismatch: the type bitmap lists", 0) == 0);
  }
  SUBCASE("every NSEC3 flagged opt-out, one of them for the insecure delegation: allowed") {
    // The check hashes insecure delegations only when an NSEC3 matches none
    // of the names that must have one; here one does (insec's), and it must
    // be recognised as an insecure delegation's, not reported.
    bool insec_has_nsec3 = false;
    dnssec::Nsec3Hasher hasher(dnssec::Nsec3Params{});
    const dns::Name insec_hash =
        dnssec::nsec3_owner(hasher.hash(dns::Name::parse("insec.example.com.")), dns::Name::parse("example.com."));
    for (std::size_t i = 0; i < z.records().size(); ++i) {
      if (z.records()[i].type != rt::NSEC3) continue;
      insec_has_nsec3 = insec_has_nsec3 || dns::Name(z.owner(z.records()[i])) == insec_hash;
      std::vector<std::uint8_t> flagged(z.rdata(z.records()[i]).begin(), z.rdata(z.records()[i]).end());
      flagged[1] |= 0x01;  // the opt-out flag
      z.replace_rdata(i, z.add_bytes(flagged), static_cast<std::uint16_t>(flagged.size()));
    }
    z.finalize();
    REQUIRE(insec_has_nsec3);
    CHECK(nsec3_findings(z).empty());
    // And an NSEC3 for nothing is still reported: insec's, once insec and
    // the names below it are gone.
    dns::Zone without(z.origin());
    const dns::Name insec = dns::Name::parse("insec.example.com.");
    for (const dns::Record& rr : z.records())
      if (!z.owner(rr).is_subdomain_of(insec.view()))
        without.add(z.owner(rr), rr.type, rr.rclass, rr.ttl, z.rdata(rr));
    without.finalize();
    const auto found = nsec3_findings(without);
    CHECK(std::count_if(found.begin(), found.end(), [](const std::string& f) { return f.rfind("nsec3-unexpected", 0) == 0; }) == 1);
  }
  SUBCASE("an empty non-terminal's NSEC3 removed: that name is reported missing") {
    // a.b.ent needs NSEC3s for the empty non-terminals b.ent and ent above it.
    for (const char* ent : {"b.ent.example.com.", "ent.example.com."}) {
      CAPTURE(ent);
      dnssec::Nsec3Hasher hasher(dnssec::Nsec3Params{});
      const dns::Name hashed = dnssec::nsec3_owner(hasher.hash(dns::Name::parse(ent)), dns::Name::parse("example.com."));
      dns::Zone without(z.origin());
      std::size_t dropped = 0;
      for (const dns::Record& rr : z.records()) {
        if (dns::Name(z.owner(rr)) == hashed) {
          ++dropped;
          continue;
        }
        without.add(z.owner(rr), rr.type, rr.rclass, rr.ttl, z.rdata(rr));
      }
      without.finalize();
      REQUIRE(dropped == 2);  // the NSEC3 and its RRSIG
      const auto found = nsec3_findings(without);
      const auto missing = std::find_if(found.begin(), found.end(), [](const std::string& f) { return f.rfind("nsec3-missing", 0) == 0; });
      REQUIRE(missing != found.end());
      CHECK(missing->find(std::string("the name ") + ent + " has no NSEC3") != std::string::npos);
      CHECK(std::count_if(found.begin(), found.end(), [](const std::string& f) { return f.rfind("nsec3-missing", 0) == 0; }) == 1);
    }
  }
  SUBCASE("the next hashed owner") {
    std::vector<std::uint8_t> changed(rdata.begin(), rdata.end());
    changed[6] ^= 0x01;  // no salt: the next hash starts at octet 6
    z.replace_rdata(index, z.add_bytes(changed), static_cast<std::uint16_t>(changed.size()));
    z.finalize();
    const auto found = nsec3_findings(z);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("nsec3-chain-broken", 0) == 0);
  }
}

TEST_CASE("the gate's NSEC3 check gives the same findings on one thread or several") {
  // Enough names that the hashing is shared out, and one bitmap broken.
  std::string text(test::kSmallZone);
  for (int i = 0; i < 9000; ++i) text += "h" + std::to_string(i) + " IN A 192.0.2.7\n";
  signer::SignKeys csk;
  csk.published = csk.signing = {&test::test_keys().csk15};
  auto o = test::options_at(kNow);
  o.denial = signer::Denial::Nsec3;
  dns::Zone z = signer::sign_zone(test::parse(text), nullptr, csk, o).zone;
  std::size_t index = z.records().size();
  while (index-- > 0)
    if (z.records()[index].type == rt::NSEC3 && !dnssec::parse_nsec3(z.rdata(z.records()[index]))->type_bitmap.empty())
      break;
  std::vector<std::uint8_t> changed(z.rdata(z.records()[index]).begin(), z.rdata(z.records()[index]).end());
  changed.back() = (changed.back() & 1) != 0 ? static_cast<std::uint8_t>(changed.back() ^ 2)
                                             : static_cast<std::uint8_t>(changed.back() | 1);
  z.replace_rdata(index, z.add_bytes(changed), static_cast<std::uint16_t>(changed.size()));
  z.finalize();
  const auto findings = [&](unsigned threads) {
    verifier::VerifyOptions vo;
    vo.now = kNow;
    vo.verify_signatures = false;
    vo.threads = threads;
    std::vector<std::string> out;
    for (const verifier::Finding& f : verifier::verify(z, vo).findings) out.push_back(std::string(f.check) + ": " + f.message);
    return out;
  };
  const auto one = findings(1);
  CHECK(std::count_if(one.begin(), one.end(), [](const std::string& f) { return f.rfind("nsec3-bitmap-mismatch", 0) == 0; }) == 1);
  CHECK(findings(2) == one);
  CHECK(findings(3) == one);
}

TEST_CASE("re-signing an unchanged zone keeps every signature and every byte") {
  const dns::Zone input = test::parse(test::kSmallZone);
  for (const auto denial : {signer::Denial::Nsec, signer::Denial::Nsec3}) {
    auto o = test::options_at(kNow);
    o.denial = denial;
    o.serial = signer::SerialPolicy::Increment;
    o.zonemd_hash = dnssec::kZonemdSha384;
    o.jitter = 86400;
    const auto first = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
    CHECK(first.stats.serial_after == 2024010101);
    o.now = kNow + 86400;  // a day later: nothing in the refresh window yet
    const auto again = signer::sign_zone(input, &first.zone, test::ksk_zsk(), o);
    CHECK(again.stats.signatures_made == 0);
    CHECK(again.stats.signatures_dropped == 0);
    CHECK(again.stats.signatures_kept == count_type(first.zone, rt::RRSIG));
    CHECK_FALSE(again.stats.changed);
    CHECK(again.stats.serial_after == 2024010101);
    CHECK(test::text_of(again.zone) == test::text_of(first.zone));
  }
}

TEST_CASE("a one-record change re-signs only that RRset, its denial records and the SOA") {
  const dns::Zone input = test::parse(test::kSmallZone);
  auto o = test::options_at(kNow);
  o.serial = signer::SerialPolicy::Increment;
  const auto first = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
  o.now = kNow + 3600;

  SUBCASE("changed rdata: the RRset and the SOA") {
    std::string text(test::kSmallZone);
    text.replace(text.find("192.0.2.2"), 9, "192.0.2.99");
    const auto second = signer::sign_zone(test::parse(text), &first.zone, test::ksk_zsk(), o);
    CHECK(second.stats.changed);
    CHECK(second.stats.signatures_made == 2);
    CHECK(second.stats.signatures_dropped == 2);
    CHECK(second.stats.serial_after == 2024010102);  // the first signing made 2024010101
    const auto before = test::rrsig_lines(first.zone), after = test::rrsig_lines(second.zone);
    std::vector<std::string> added;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    REQUIRE(added.size() == 2);
    const auto sigs = test::check_signatures(second.zone, all_keys());
    CHECK(sigs.size() == test::check_signatures(first.zone, all_keys()).size());
    CHECK(std::any_of(added.begin(), added.end(), [](const std::string& l) { return l.rfind("www.example.com.", 0) == 0 && l.find("RRSIG\tA ") != std::string::npos; }));
    CHECK(std::any_of(added.begin(), added.end(), [](const std::string& l) { return l.rfind("example.com.", 0) == 0 && l.find("RRSIG\tSOA ") != std::string::npos; }));
  }
  SUBCASE("a new name: its RRset, its NSEC and its predecessor's NSEC, and the SOA") {
    const auto second =
        signer::sign_zone(test::parse(std::string(test::kSmallZone) + "new IN A 192.0.2.50\n"), &first.zone,
                          test::ksk_zsk(), o);
    CHECK(second.stats.signatures_made == 4);  // new A, new NSEC, insec's NSEC (insec < new < ns1), SOA
    const auto before = test::rrsig_lines(first.zone), after = test::rrsig_lines(second.zone);
    std::vector<std::string> added;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(added));
    CHECK(added.size() == 4);
    CHECK(std::any_of(added.begin(), added.end(), [](const std::string& l) { return l.rfind("insec.example.com.", 0) == 0 && l.find("RRSIG\tNSEC ") != std::string::npos; }));
    test::check_signatures(second.zone, all_keys());
  }
  SUBCASE("signatures in the refresh window are remade, the rest kept") {
    o.now = kNow + 14 * 86400 - 14 * 86400 / 4 + 1;
    const auto second = signer::sign_zone(input, &first.zone, test::ksk_zsk(), o);
    CHECK(second.stats.signatures_kept == 0);
    CHECK(second.stats.changed);
    CHECK(second.stats.serial_after == 2024010102);
  }
}

TEST_CASE("serial policies and RFC 1982 arithmetic") {
  using signer::SerialPolicy;
  using signer::detail::next_serial;
  using signer::detail::serial_greater;
  CHECK(serial_greater(1, 0));
  CHECK(serial_greater(0, 0xFFFFFFFFu));  // wraps
  CHECK_FALSE(serial_greater(0x80000000u, 0));  // undefined distance: not greater
  CHECK_FALSE(serial_greater(5, 5));
  CHECK(next_serial(SerialPolicy::Keep, 7, 9, kNow) == 7);
  CHECK(next_serial(SerialPolicy::Increment, 7, 0xFFFFFFFFu, kNow) == 0);
  CHECK(next_serial(SerialPolicy::UnixTime, 7, 9, kNow) == kNow);
  CHECK(next_serial(SerialPolicy::UnixTime, 7, kNow + 5, kNow) == kNow + 6);
  // 1790000000 is 2026-09-21.
  CHECK(next_serial(SerialPolicy::Date, 7, 2024010100, kNow) == 2026092100);
  CHECK(next_serial(SerialPolicy::Date, 7, 2026092105, kNow) == 2026092106);

  const dns::Zone input = test::parse(test::kSmallZone);
  auto o = test::options_at(kNow);
  o.serial = SerialPolicy::Date;
  const auto first = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
  CHECK(serial_of(first.zone) == 2026092100);
  std::string text(test::kSmallZone);
  text.replace(text.find("192.0.2.2"), 9, "192.0.2.77");
  const auto second = signer::sign_zone(test::parse(text), &first.zone, test::ksk_zsk(), o);
  CHECK(serial_of(second.zone) == 2026092101);
  CHECK(second.stats.serial_before == 2026092100);
  o.serial = SerialPolicy::UnixTime;
  // The input's 2024010100 is ahead of the clock in RFC 1982 terms: unixtime never moves a serial back.
  CHECK(serial_of(signer::sign_zone(input, nullptr, test::ksk_zsk(), o).zone) == 2024010101);
  std::string small_serial(test::kSmallZone);
  small_serial.replace(small_serial.find("2024010100"), 10, "1000");
  CHECK(serial_of(signer::sign_zone(test::parse(small_serial), nullptr, test::ksk_zsk(), o).zone) == kNow);
}

TEST_CASE("CDS and CDNSKEY for keys in their sync window, signed by the KSK; the RFC 8078 delete form") {
  const dns::Zone input = test::parse(test::kSmallZone);
  const auto& k = test::test_keys();
  auto keys = test::ksk_zsk();
  keys.sync = {&k.ksk};
  auto o = test::options_at(kNow);
  o.cds_digest_types = {2, 4};
  const auto result = signer::sign_zone(input, nullptr, keys, o);
  const dns::Name apex = dns::Name::parse("example.com.");
  const auto cds = result.zone.records_of(result.zone.rrsets()[static_cast<std::size_t>(result.zone.find_rrset(apex, rt::CDS))]);
  REQUIRE(cds.size() == 2);
  std::set<std::vector<std::uint8_t>> want = {dnssec::make_ds_rdata(apex, k.ksk.dnskey_rdata(), 2),
                                               dnssec::make_ds_rdata(apex, k.ksk.dnskey_rdata(), 4)};
  for (const dns::Record& rr : cds) {
    const auto rd = result.zone.rdata(rr);
    CHECK(want.count(std::vector<std::uint8_t>(rd.begin(), rd.end())) == 1);
  }
  const auto cdnskey = result.zone.records_of(result.zone.rrsets()[static_cast<std::size_t>(result.zone.find_rrset(apex, rt::CDNSKEY))]);
  REQUIRE(cdnskey.size() == 1);
  const auto rd = result.zone.rdata(cdnskey[0]);
  CHECK(std::vector<std::uint8_t>(rd.begin(), rd.end()) == k.ksk.dnskey_rdata());
  const auto sigs = test::check_signatures(result.zone, all_keys());
  CHECK(sigs.at({"example.com.", rt::CDS}) == std::multiset<std::uint16_t>{k.ksk.key_tag()});
  CHECK(sigs.at({"example.com.", rt::CDNSKEY}) == std::multiset<std::uint16_t>{k.ksk.key_tag()});

  o.cds_delete = true;
  const auto del = signer::sign_zone(input, nullptr, keys, o);
  const auto c = del.zone.records_of(del.zone.rrsets()[static_cast<std::size_t>(del.zone.find_rrset(apex, rt::CDS))]);
  REQUIRE(c.size() == 1);
  CHECK(dnssec::is_cds_delete(del.zone.rdata(c[0])));
}

TEST_CASE("ZONEMD is the digest of the signed zone and is signed") {
  const dns::Zone input = test::parse(test::kSmallZone);
  auto o = test::options_at(kNow);
  o.zonemd_hash = dnssec::kZonemdSha384;
  o.serial = signer::SerialPolicy::Increment;
  const auto result = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
  const dns::Name apex = dns::Name::parse("example.com.");
  const auto at = result.zone.find_rrset(apex, rt::ZONEMD);
  REQUIRE(at >= 0);
  const auto view = dnssec::parse_zonemd(result.zone.rdata(result.zone.records()[result.zone.rrsets()[static_cast<std::size_t>(at)].first]));
  REQUIRE(view.has_value());
  CHECK(view->serial == 2024010101);
  CHECK(view->scheme == dnssec::kZonemdSchemeSimple);
  CHECK(view->hash_algorithm == dnssec::kZonemdSha384);
  const auto digest = dnssec::zonemd_digest(result.zone, dnssec::kZonemdSha384);
  CHECK(std::vector<std::uint8_t>(view->digest.begin(), view->digest.end()) == digest);
  const auto sigs = test::check_signatures(result.zone, all_keys());
  CHECK(sigs.at({"example.com.", rt::ZONEMD}).size() == 1);
}

TEST_CASE("two algorithms: every RRset signed with both; an SEP-only algorithm acts as a CSK") {
  const dns::Zone input = test::parse(test::kSmallZone);
  const auto& k = test::test_keys();
  auto keys = test::ksk_zsk();
  keys.published.push_back(&k.csk15);
  keys.signing.push_back(&k.csk15);
  const auto result = signer::sign_zone(input, nullptr, keys, test::options_at(kNow));
  const auto sigs = test::check_signatures(result.zone, all_keys());
  CHECK(sigs.at({"example.com.", rt::DNSKEY}) == std::multiset<std::uint16_t>{k.ksk.key_tag(), k.csk15.key_tag()});
  CHECK(sigs.at({"www.example.com.", rt::A}) == std::multiset<std::uint16_t>{k.zsk.key_tag(), k.csk15.key_tag()});
  CHECK(sigs.at({"sec.example.com.", rt::NSEC}) == std::multiset<std::uint16_t>{k.zsk.key_tag(), k.csk15.key_tag()});
}

TEST_CASE("jitter spreads expirations deterministically from the seed") {
  const dns::Zone input = test::parse(test::kSmallZone);
  auto o = test::options_at(kNow);
  o.jitter = 3 * 86400;
  o.jitter_seed = 42;
  const auto a = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
  const auto b = signer::sign_zone(input, nullptr, test::ksk_zsk(), o);
  std::set<std::uint32_t> expirations;
  for (const dns::Record& rr : a.zone.records()) {
    if (rr.type != rt::RRSIG) continue;
    const auto exp = dnssec::parse_rrsig(a.zone.rdata(rr))->fields.expiration;
    CHECK(exp <= kNow + 14 * 86400);
    CHECK(exp >= kNow + 11 * 86400);
    expirations.insert(exp);
  }
  CHECK(expirations.size() > 5);
  // ECDSA signatures are randomized, so compare the expirations only.
  std::set<std::uint32_t> again;
  for (const dns::Record& rr : b.zone.records())
    if (rr.type == rt::RRSIG) again.insert(dnssec::parse_rrsig(b.zone.rdata(rr))->fields.expiration);
  CHECK(again == expirations);
}

TEST_CASE("the input's DNSSEC records are replaced; foreign DNSKEYs kept; the input's signatures reused") {
  const auto& k = test::test_keys();
  const dns::Zone input = test::parse(test::kSmallZone);
  const auto signed_once = signer::sign_zone(input, nullptr, test::ksk_zsk(), test::options_at(kNow));
  // Re-sign the signed output as the input, with the Ed25519 key's DNSKEY added as another signer's.
  std::string text = test::text_of(signed_once.zone);
  const auto rd = k.csk15.dnskey_rdata();
  std::string signed_text = text;
  {
    dns::Zone tmp(dns::Name::parse("example.com."));
    tmp.add(dns::Name::parse("example.com."), rt::DNSKEY, 1, 3600, rd);
    tmp.finalize();
    signed_text += test::text_of(tmp);
  }
  const dns::Zone reinput = test::parse(signed_text);
  const auto result = signer::sign_zone(reinput, nullptr, test::ksk_zsk(), test::options_at(kNow + 60));
  CHECK(test::types_at(result.zone, "example.com.").size() == 5);
  const auto keys_at = result.zone.records_of(result.zone.rrsets()[static_cast<std::size_t>(result.zone.find_rrset(dns::Name::parse("example.com."), rt::DNSKEY))]);
  CHECK(keys_at.size() == 3);
  // The DNSKEY RRset changed (a foreign key joined): re-signed; all else kept from the input.
  CHECK(result.stats.signatures_made == 1);
  CHECK(result.stats.signatures_kept == count_type(signed_once.zone, rt::RRSIG) - 1);
  CHECK(result.stats.signatures_dropped == 1);
  test::check_signatures(result.zone, all_keys());
  CHECK(count_type(result.zone, rt::NSEC) == 7);
}

TEST_CASE("a zone prepared apart signs byte for byte as sign_zone() does, fresh and over a previous output") {
  // Ed25519 signatures are deterministic, so the two ways must give the same text.
  signer::SignKeys csk;
  csk.published = csk.signing = {&test::test_keys().csk15};
  const dns::Zone input = test::parse(test::kSmallZone);
  std::string changed(test::kSmallZone);
  changed.replace(changed.find("192.0.2.2"), 9, "192.0.2.99");
  const dns::Zone input2 = test::parse(changed);
  for (const auto denial : {signer::Denial::Nsec, signer::Denial::Nsec3}) {
    CAPTURE(static_cast<int>(denial));
    auto o = test::options_at(kNow);
    o.denial = denial;
    o.serial = signer::SerialPolicy::Increment;
    o.zonemd_hash = dnssec::kZonemdSha384;
    const auto whole = signer::sign_zone(input, nullptr, csk, o);
    const auto apart = signer::sign_zone(signer::prepare_zone(input, csk, o), nullptr, csk, o);
    CHECK(test::text_of(apart.zone) == test::text_of(whole.zone));
    CHECK(apart.stats.signatures_made == whole.stats.signatures_made);
    // Over the previous output, with one change: the serial moves past the
    // previous one, which prepare_zone() cannot know.
    o.now = kNow + 3600;
    const auto again = signer::sign_zone(input2, &whole.zone, csk, o);
    const auto again_apart = signer::sign_zone(signer::prepare_zone(input2, csk, o), &whole.zone, csk, o);
    CHECK(again.stats.serial_after == 2024010102);
    CHECK(again_apart.stats.serial_after == 2024010102);
    CHECK(again_apart.stats.signatures_kept == again.stats.signatures_kept);
    CHECK(again_apart.stats.signatures_kept > 0);
    CHECK(test::text_of(again_apart.zone) == test::text_of(again.zone));
  }
  // The refusals about the input come from prepare_zone().
  CHECK_THROWS_WITH_AS(signer::prepare_zone(test::parse(std::string(test::kSmallZone) + "www IN CNAME ns1\n"), csk,
                                            test::options_at(kNow)),
                       doctest::Contains("CNAME and other data"), Error);
}

TEST_CASE("a large zone is copied for signing in two halves on two cores exactly as on one") {
  // From 65536 records on, build_content() copies the second half of the
  // owners on another core. The zone, what it learns of the input and which
  // refusal it makes must not depend on that.
  std::string text(test::kSmallZone);
  for (int i = 0; i < 70000; ++i) text += "h" + std::to_string(i) + " 300 IN A 192.0.2." + std::to_string(i % 200) + "\n";
  const auto content = [&](const dns::Zone& input, unsigned threads, signer::detail::ContentInfo& info) {
    auto o = test::options_at(kNow);
    o.threads = threads;
    signer::detail::read_soa(input, info);
    return signer::detail::build_content(input, test::ksk_zsk(), o, info, info.input_serial);
  };
  {
    // A signature in the second half (zz sorts last): the input is signed.
    dns::Zone input = test::parse(text);
    input.add(dns::Name::parse("zz.example.com."), rt::RRSIG, 1, 300, std::vector<std::uint8_t>(30, 1));
    input.add(dns::Name::parse("zz.example.com."), rt::A, 1, 300, std::vector<std::uint8_t>{192, 0, 2, 7});
    input.finalize();
    signer::detail::ContentInfo one_info, two_info;
    dns::Zone one = content(input, 1, one_info);
    dns::Zone two = content(input, 2, two_info);
    one.finalize();
    two.finalize();
    CHECK(one.records().size() == input.records().size() - 1 + 2);  // no RRSIG, the KSK's and ZSK's DNSKEYs
    CHECK(test::text_of(two) == test::text_of(one));
    CHECK(one_info.input_signed);
    CHECK(two_info.input_signed);
  }
  const auto refusal = [&](const dns::Zone& input, unsigned threads) {
    signer::detail::ContentInfo info;
    try {
      content(input, threads, info);
    } catch (const Error& e) {
      return e.message();
    }
    return std::string("no refusal");
  };
  {
    // Only the second half is refused (example.net. sorts after every name of example.com.).
    dns::Zone input = test::parse(text);
    input.add(dns::Name::parse("www.example.net."), rt::A, 1, 3600, std::vector<std::uint8_t>{192, 0, 2, 1});
    input.finalize();
    CHECK(refusal(input, 2).find("outside the zone") != std::string::npos);
    CHECK(refusal(input, 2) == refusal(input, 1));
    // Both halves: the first half's refusal, as one walk makes it.
    const std::string target(dns::Name::parse("h1.example.com.").wire());
    input.add(dns::Name::parse("a.example.com."), rt::CNAME, 1, 3600,
              std::vector<std::uint8_t>(target.begin(), target.end()));
    input.add(dns::Name::parse("a.example.com."), rt::TXT, 1, 3600, std::vector<std::uint8_t>{1, 'x'});
    input.finalize();
    CHECK(refusal(input, 2).find("CNAME and other data") != std::string::npos);
    CHECK(refusal(input, 2) == refusal(input, 1));
  }
}

TEST_CASE("the apex records the signer makes keep the origin's spelling when the input's apex differs") {
  // The generated SOA, DNSKEY and NSEC3PARAM share the apex's place in the
  // arena only when it spells the origin exactly; otherwise each record
  // keeps its own spelling, as the writer prints it.
  std::string text(test::kSmallZone);
  text.replace(text.find("@ IN NS ns1"), 11, "EXAMPLE.COM. IN NS ns1");
  signer::SignKeys csk;
  csk.published = csk.signing = {&test::test_keys().csk15};
  for (const auto denial : {signer::Denial::Nsec, signer::Denial::Nsec3}) {
    auto o = test::options_at(kNow);
    o.denial = denial;
    const auto result = signer::sign_zone(test::parse(text), nullptr, csk, o);
    std::map<std::uint16_t, std::string> spelled;
    for (const dns::Record& rr : result.zone.records())
      if (dns::Name(result.zone.owner(rr)).lowercased() == dns::Name::parse("example.com.") && rr.type != rt::RRSIG)
        spelled[rr.type] = result.zone.owner(rr).to_text();
    CHECK(spelled.at(rt::NS) == "EXAMPLE.COM.");
    CHECK(spelled.at(rt::SOA) == "example.com.");
    CHECK(spelled.at(rt::DNSKEY) == "example.com.");
    if (denial == signer::Denial::Nsec3) CHECK(spelled.at(rt::NSEC3PARAM) == "example.com.");
  }
}

TEST_CASE("refusals: outside the zone, CNAME with other data, no signing key, a key of another zone") {
  const auto keys = test::ksk_zsk();
  const auto o = test::options_at(kNow);
  {
    dns::Zone z = test::parse(test::kSmallZone);
    z.add(dns::Name::parse("www.example.net."), rt::A, 1, 3600, std::vector<std::uint8_t>{192, 0, 2, 1});
    z.finalize();
    CHECK_THROWS_WITH_AS(signer::sign_zone(z, nullptr, keys, o), doctest::Contains("outside the zone"), Error);
  }
  CHECK_THROWS_WITH_AS(signer::sign_zone(test::parse(std::string(test::kSmallZone) + "www IN CNAME ns1\n"), nullptr,
                                         keys, o),
                       doctest::Contains("CNAME and other data"), Error);
  signer::SignKeys none;
  CHECK_THROWS_WITH_AS(signer::sign_zone(test::parse(test::kSmallZone), nullptr, none, o),
                       doctest::Contains("no active key"), Error);
  // A ZSK alone: no DNSKEY with the SEP flag for the parent's DS to name.
  signer::SignKeys zsk_only;
  zsk_only.published = zsk_only.signing = {&test::test_keys().zsk};
  CHECK_THROWS_WITH_AS(signer::sign_zone(test::parse(test::kSmallZone), nullptr, zsk_only, o),
                       doctest::Contains("no key-signing key"), Error);
  // A foreign DNSKEY with the SEP flag in the input (RFC 8901) is one.
  {
    dns::Zone z = test::parse(test::kSmallZone);
    const auto& ksk = test::test_keys().ksk;
    z.add(dns::Name::parse("example.com."), rt::DNSKEY, 1, 3600, ksk.dnskey_rdata());
    z.finalize();
    signer::SignKeys foreign;
    foreign.published = foreign.signing = {&test::test_keys().zsk};
    CHECK_NOTHROW(signer::prepare_zone(z, foreign, o));
  }
  static const keys::DnssecKey other = keys::make_key(
      dns::Name::parse("example.org."), 257, crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ED25519)));
  signer::SignKeys wrong = keys;
  wrong.signing.push_back(&other);
  CHECK_THROWS_WITH_AS(signer::sign_zone(test::parse(test::kSmallZone), nullptr, wrong, o),
                       doctest::Contains("is for zone example.org."), Error);
}

TEST_CASE("progress is reported from the signing threads and ends at the total") {
  // 5000 hosts: 5000 A RRsets and their NSEC RRsets, more than one report
  // interval even when the work is split over two threads.
  std::string text(test::kSmallZone);
  for (int i = 0; i < 5000; ++i) text += "h" + std::to_string(i) + ".example.com. 300 IN A 192.0.2.7\n";
  const dns::Zone input = test::parse(text);
  auto options = test::options_at(kNow);
  options.threads = 2;
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  std::mutex m;  // the test's own bookkeeping; the library calls from one thread
  options.progress = [&](std::size_t done, std::size_t total) {
    std::lock_guard<std::mutex> lock(m);
    calls.emplace_back(done, total);
  };
  const auto result = signer::sign_zone(input, nullptr, test::ksk_zsk(), options);
  REQUIRE(calls.size() >= 2);
  const std::size_t total = calls.back().second;
  CHECK(calls.back().first == total);
  CHECK(total > 10000);
  CHECK(total <= result.stats.signatures_made);
  for (std::size_t i = 1; i < calls.size(); ++i) {
    CHECK(calls[i].second == total);
    CHECK(calls[i].first >= calls[i - 1].first);
    CHECK(calls[i].first <= total);
  }
}

TEST_CASE("an input given to prepare_zone() signs as a copy of it would, clean or not") {
  // A clean input becomes the zone to sign itself; any other is copied as
  // before. Both must sign byte for byte alike (Ed25519 is deterministic).
  signer::SignKeys csk;
  csk.published = csk.signing = {&test::test_keys().csk15};
  const std::string base(test::kSmallZone);
  struct Case {
    const char* what;
    std::string text;
  };
  const std::vector<Case> cases = {
      {"clean", base},
      {"an RRset with two TTLs", base + "www 60 IN A 192.0.2.9\n"},
      {"a name spelled two ways", base + "WWW IN TXT \"upper\"\n"},
      {"the apex spelled otherwise", replaced_in(base, "@ IN NS ns1", "EXAMPLE.com. IN NS ns1")},
      {"a DNSKEY at the apex", base + "@ IN DNSKEY 257 3 15 " + std::string(43, 'A') + "=\n"},
      {"an NSEC left in", base + "www IN NSEC zzz.example.com. A\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    for (const auto denial : {signer::Denial::Nsec, signer::Denial::Nsec3}) {
      auto o = test::options_at(kNow);
      o.denial = denial;
      o.zonemd_hash = dnssec::kZonemdSha384;
      const dns::Zone input = test::parse(c.text);
      const auto copied = signer::sign_zone(signer::prepare_zone(input, csk, o), nullptr, csk, o);
      const auto taken = signer::sign_zone(signer::prepare_zone(test::parse(c.text), csk, o), nullptr, csk, o);
      CHECK(test::text_of(taken.zone) == test::text_of(copied.zone));
      CHECK(taken.stats.keys_added == copied.stats.keys_added);
      CHECK(taken.stats.signatures_made == copied.stats.signatures_made);
      // Over a previous output too.
      o.now = kNow + 3600;
      const auto again_copied = signer::sign_zone(signer::prepare_zone(input, csk, o), &copied.zone, csk, o);
      const auto again_taken =
          signer::sign_zone(signer::prepare_zone(test::parse(c.text), csk, o), &copied.zone, csk, o);
      CHECK(test::text_of(again_taken.zone) == test::text_of(again_copied.zone));
    }
  }
  // The refusals are the same.
  for (const char* bad : {"www IN CNAME ns1\n", "elsewhere.org. IN A 192.0.2.1\n"}) {
    CAPTURE(bad);
    std::string copy_error, take_error;
    try {
      const dns::Zone input = test::parse(base + bad);
      signer::prepare_zone(input, csk, test::options_at(kNow));
    } catch (const Error& e) {
      copy_error = e.what();
    }
    try {
      dns::Zone input = test::parse(base + bad);
      signer::prepare_zone(std::move(input), csk, test::options_at(kNow));
    } catch (const Error& e) {
      take_error = e.what();
    }
    CHECK_FALSE(copy_error.empty());
    CHECK(take_error == copy_error);
  }
}
