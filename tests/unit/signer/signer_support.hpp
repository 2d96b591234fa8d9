// SPDX-License-Identifier: MIT
// Shared by the signer and denial tests: a small zone with every kind of name
// (apex, wildcard, empty non-terminals, secure and insecure delegations, glue,
// data below a cut), fixed keys made once per run, and checks that read a
// signed zone back (signatures verified with crypto::verify).
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "signet/crypto/public_key.hpp"
#include "signet/crypto/verify.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/rrsig.hpp"
#include "signet/keys/key.hpp"
#include "signet/signer/signer.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/writer.hpp"

namespace signet::test {

inline constexpr std::string_view kSmallZone =
    "$ORIGIN example.com.\n"
    "$TTL 3600\n"
    "@ IN SOA ns1.example.com. hostmaster.example.com. 2024010100 7200 3600 1209600 300\n"
    "@ IN NS ns1\n"
    "ns1 IN A 192.0.2.1\n"
    "www IN A 192.0.2.2\n"
    "www IN AAAA 2001:db8::2\n"
    "*.wild IN TXT \"wildcard\"\n"
    "a.b.ent IN A 192.0.2.3\n"
    "sec IN NS ns.sec\n"
    "sec IN DS 12345 13 2 "
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
    "ns.sec IN A 192.0.2.4\n"
    "insec IN NS ns.elsewhere.net.\n"
    "deep.insec IN TXT \"below the cut\"\n";

inline dns::Zone parse(std::string_view text) {
  zonefile::ParseResult parsed = zonefile::parse_zone_text(text, "t.zone");
  std::string errors;
  for (const Error& e : parsed.errors) (errors += e.what()) += "\n";
  INFO(errors);
  REQUIRE(parsed.ok());
  return std::move(parsed.zone);
}

inline std::string text_of(const dns::Zone& zone) {
  std::string out;
  zonefile::write_zone(zone, out);
  return out;
}

// Keys made once: a P-256 KSK and ZSK, and an Ed25519 key used as a CSK.
struct TestKeys {
  keys::DnssecKey ksk, zsk, csk15;
  TestKeys()
      : ksk(keys::make_key(dns::Name::parse("example.com."), 257,
                           crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ECDSAP256SHA256)))),
        zsk(keys::make_key(dns::Name::parse("example.com."), 256,
                           crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ECDSAP256SHA256)))),
        csk15(keys::make_key(dns::Name::parse("example.com."), 257,
                             crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ED25519)))) {}
};
inline const TestKeys& test_keys() {
  static const TestKeys k;
  return k;
}

inline signer::SignKeys ksk_zsk() {
  const TestKeys& k = test_keys();
  signer::SignKeys s;
  s.published = {&k.ksk, &k.zsk};
  s.signing = {&k.ksk, &k.zsk};
  return s;
}

inline constexpr dns::UnixTime kNow = 1790000000;  // 2026-09-21

inline signer::SignOptions options_at(dns::UnixTime now) {
  signer::SignOptions o;
  o.now = now;
  o.threads = 2;
  return o;
}

// (owner text, covered type) -> key tags of the signatures over it.
using SigMap = std::map<std::pair<std::string, std::uint16_t>, std::multiset<std::uint16_t>>;

// Checks every RRSIG of `zone` cryptographically against `keys` and returns
// who signed what.
inline SigMap check_signatures(const dns::Zone& zone, const std::vector<const keys::DnssecKey*>& keys) {
  SigMap map;
  std::vector<std::uint8_t> data;
  for (const dns::Record& rr : zone.records()) {
    if (rr.type != dns::rrtype::RRSIG) continue;
    const auto view = dnssec::parse_rrsig(zone.rdata(rr));
    REQUIRE(view.has_value());
    const dnssec::RrsigFields& f = view->fields;
    const dns::NameView owner = zone.owner(rr);
    const std::ptrdiff_t at = zone.find_rrset(owner, f.type_covered);
    INFO(owner.to_text(), " ", dns::type_to_text(f.type_covered));
    REQUIRE(at >= 0);
    const auto set = zone.records_of(zone.rrsets()[static_cast<std::size_t>(at)]);
    CHECK(f.original_ttl == set[0].ttl);
    CHECK(rr.ttl == set[0].ttl);
    CHECK(f.labels == owner.rrsig_label_count());
    CHECK(f.signer == zone.origin().view());
    const keys::DnssecKey* key = nullptr;
    for (const keys::DnssecKey* k : keys)
      if (k->key_tag() == f.key_tag && k->algorithm == f.algorithm) key = k;
    REQUIRE(key != nullptr);
    data.clear();
    dnssec::append_signed_data(f, zone, set, data);
    const crypto::PublicKey pub = crypto::PublicKey::from_dnskey_rdata(key->dnskey_rdata());
    CHECK(crypto::verify(pub, data, view->signature));
    map[{owner.to_text(), f.type_covered}].insert(f.key_tag);
  }
  return map;
}

// The RRSIG records of a zone as text lines, for comparing two signings.
inline std::set<std::string> rrsig_lines(const dns::Zone& zone) {
  std::set<std::string> out;
  for (const dns::Record& rr : zone.records()) {
    if (rr.type != dns::rrtype::RRSIG) continue;
    std::string line;
    zonefile::write_record(zone, rr, line);
    out.insert(line);
  }
  return out;
}

// Types present at an owner in a zone, ascending.
inline std::vector<std::uint16_t> types_at(const dns::Zone& zone, std::string_view owner) {
  std::vector<std::uint16_t> out;
  const std::ptrdiff_t at = zone.find_owner(dns::Name::parse(owner));
  if (at < 0) return out;
  const dns::OwnerInfo& info = zone.owners()[static_cast<std::size_t>(at)];
  for (std::uint32_t k = 0; k < info.rrset_count; ++k)
    out.push_back(zone.records()[zone.rrsets()[info.first_rrset + k].first].type);
  return out;
}

}  // namespace signet::test
