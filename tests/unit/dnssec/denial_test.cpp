// SPDX-License-Identifier: MIT
#include "signet/dnssec/denial.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../signer/signer_support.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/nsec3.hpp"
#include "signet/dnssec/type_bitmap.hpp"

using namespace signet;
namespace rt = dns::rrtype;

namespace {

std::vector<std::uint16_t> bitmap_types(std::span<const std::uint8_t> bitmap) {
  std::vector<std::uint16_t> types;
  REQUIRE(dnssec::read_type_bitmap(bitmap, types));
  return types;
}

std::vector<std::uint16_t> sorted(std::vector<std::uint16_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The NSEC3 records of a chain as hash label -> (next hash label, flags, types).
struct Nsec3Entry {
  std::string next;
  std::uint8_t flags;
  std::vector<std::uint16_t> types;
};
std::map<std::string, Nsec3Entry> nsec3_map(const std::vector<dnssec::DenialRecord>& chain,
                                            const dnssec::Nsec3Params& params) {
  std::map<std::string, Nsec3Entry> out;
  for (const auto& rec : chain) {
    CHECK(rec.type == rt::NSEC3);
    const auto view = dnssec::parse_nsec3(rec.rdata);
    REQUIRE(view.has_value());
    CHECK(view->hash_algorithm == params.hash_algorithm);
    CHECK(view->iterations == params.iterations);
    CHECK(std::vector<std::uint8_t>(view->salt.begin(), view->salt.end()) == params.salt);
    const std::string owner = rec.owner.to_text();
    out[owner.substr(0, owner.find('.'))] = {dnssec::base32hex_lower(view->next_hashed_owner), view->flags,
                                             bitmap_types(view->type_bitmap)};
  }
  return out;
}

}  // namespace

TEST_CASE("NSEC chain: authoritative names and delegations in canonical order, closing at the apex") {
  // An old NSEC must not count as data or change the chain.
  const dns::Zone zone = test::parse(std::string(test::kSmallZone) +
                                     "www IN NSEC zzz.example.com. A\n");
  const auto chain = dnssec::build_nsec_chain(zone, 300);
  const std::vector<std::pair<std::string, std::vector<std::uint16_t>>> expected = {
      {"example.com.", {rt::NS, rt::SOA, rt::RRSIG, rt::NSEC}},
      {"a.b.ent.example.com.", {rt::A, rt::RRSIG, rt::NSEC}},
      {"insec.example.com.", {rt::NS, rt::RRSIG, rt::NSEC}},
      {"ns1.example.com.", {rt::A, rt::RRSIG, rt::NSEC}},
      {"sec.example.com.", {rt::NS, rt::DS, rt::RRSIG, rt::NSEC}},
      {"*.wild.example.com.", {rt::TXT, rt::RRSIG, rt::NSEC}},
      {"www.example.com.", {rt::A, rt::AAAA, rt::RRSIG, rt::NSEC}},
  };
  REQUIRE(chain.size() == expected.size());
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto& rec = chain[i];
    CHECK(rec.type == rt::NSEC);
    CHECK(rec.ttl == 300);
    CHECK(rec.owner.to_text() == expected[i].first);
    const std::size_t len = dns::NameView::validate(rec.rdata);
    REQUIRE(len > 0);
    const dns::Name next = dns::Name::from_wire(std::string_view(reinterpret_cast<const char*>(rec.rdata.data()), len));
    CHECK(next.to_text() == expected[(i + 1) % expected.size()].first);
    CHECK(bitmap_types(std::span(rec.rdata).subspan(len)) == sorted(expected[i].second));
  }
}

TEST_CASE("NSEC3 chain: every name and empty non-terminal once, hash order, closed; glue left out") {
  const dns::Zone zone = test::parse(test::kSmallZone);
  dnssec::Nsec3Params params;
  const std::map<std::string, std::vector<std::uint16_t>> names = {
      {"example.com.", {rt::NS, rt::SOA, rt::RRSIG}},
      {"a.b.ent.example.com.", {rt::A, rt::RRSIG}},
      {"b.ent.example.com.", {}},
      {"ent.example.com.", {}},
      {"insec.example.com.", {rt::NS}},
      {"ns1.example.com.", {rt::A, rt::RRSIG}},
      {"sec.example.com.", {rt::NS, rt::DS, rt::RRSIG}},
      {"*.wild.example.com.", {rt::TXT, rt::RRSIG}},
      {"wild.example.com.", {}},
      {"www.example.com.", {rt::A, rt::AAAA, rt::RRSIG}},
  };
  for (const bool opt_out : {false, true}) {
    CAPTURE(opt_out);
    const auto chain = dnssec::build_nsec3_chain(zone, params, opt_out, 300);
    const auto got = nsec3_map(chain, params);
    dnssec::Nsec3Hasher hasher(params);
    std::vector<std::string> hashes;
    for (const auto& [name, types] : names) {
      if (opt_out && name == "insec.example.com.") continue;
      const auto hash = dnssec::base32hex_lower(hasher.hash(dns::Name::parse(name)));
      hashes.push_back(hash);
      const std::string shown = name;
      INFO(shown);
      REQUIRE(got.count(hash) == 1);
      CHECK(got.at(hash).types == sorted(types));
      CHECK(got.at(hash).flags == (opt_out ? dnssec::kNsec3OptOut : 0));
    }
    CHECK(got.size() == hashes.size());
    std::sort(hashes.begin(), hashes.end());
    for (std::size_t i = 0; i < chain.size(); ++i) {
      CHECK(chain[i].ttl == 300);
      CHECK(chain[i].owner.to_text() == hashes[i] + ".example.com.");
      CHECK(got.at(hashes[i]).next == hashes[(i + 1) % hashes.size()]);
    }
  }
}

TEST_CASE("NSEC3 chain of the RFC 5155 Appendix A zone (opt-out, salt aabbccdd, 12 iterations)") {
  const dns::Zone zone = test::parse(
      "$ORIGIN example.\n$TTL 3600\n"
      "@ SOA ns1 bugs.x.w 1 3600 300 3600000 3600\n"
      "@ NS ns1\n@ NS ns2\n@ MX 1 xx\n"
      "@ DNSKEY 256 3 5 AQOy1bZVvpPqhg4j7EJoM9rI3ZmyEx2OzDBVrZy/lvI5CQePxXHZS4i8dANH4DX3tbHol61ek8EFMcsGXxKciJFHyhl94C+NwILQdzsUlSFovBZsyl/NX6yEbtw/xN9ZNcrbYvgjjZ/UVPZIySFNsgEYvh0z2542lzMKR4Dh8uZffQ==\n"
      "@ DNSKEY 257 3 5 AQOeX7+baTmvpVHb2CcLnL1dMRWbuscRvHXlLnXwDzvqp4tZVKp1sZMepFb8MvxhhW3y/0QZsyCjczGJ1qk8vJe52iOhInKROVLRwxGpMfzPRLMlGybr51bOV/1se0ODacj3DomyB4QB5gKTYot/K9alk5/j8vfd4jWCWD+E1Sze0Q==\n"
      "@ NSEC3PARAM 1 0 12 aabbccdd\n"
      "a NS ns1.a\na NS ns2.a\na DS 58470 5 1 3079F1593EBAD6DC121E202A8B766A6A4837206C\n"
      "ns1.a A 192.0.2.5\nns2.a A 192.0.2.6\n"
      "ai A 192.0.2.9\nai HINFO \"KLH-10\" \"ITS\"\nai AAAA 2001:db8::f00:baa9\n"
      "c NS ns1.c\nc NS ns2.c\nns1.c A 192.0.2.7\nns2.c A 192.0.2.8\n"
      "ns1 A 192.0.2.1\nns2 A 192.0.2.2\n"
      "*.w MX 1 ai\nx.w MX 1 xx\nx.y.w MX 1 xx\n"
      "2t7b4g4vsa5smi47k61mv5bv1a22bojr A 192.0.2.127\n"
      "xx A 192.0.2.10\nxx HINFO \"KLH-10\" \"TOPS-20\"\nxx AAAA 2001:db8::f00:baaa\n");
  dnssec::Nsec3Params params;
  params.iterations = 12;
  params.salt = {0xaa, 0xbb, 0xcc, 0xdd};
  const auto got = nsec3_map(dnssec::build_nsec3_chain(zone, params, true, 3600), params);
  using T = std::vector<std::uint16_t>;
  const std::map<std::string, std::pair<std::string, T>> rfc = {
      {"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom",
       {"2t7b4g4vsa5smi47k61mv5bv1a22bojr", {rt::NS, rt::SOA, rt::MX, rt::RRSIG, rt::DNSKEY, rt::NSEC3PARAM}}},
      {"2t7b4g4vsa5smi47k61mv5bv1a22bojr", {"2vptu5timamqttgl4luu9kg21e0aor3s", {rt::A, rt::RRSIG}}},
      {"2vptu5timamqttgl4luu9kg21e0aor3s", {"35mthgpgcu1qg68fab165klnsnk3dpvl", {rt::MX, rt::RRSIG}}},
      {"35mthgpgcu1qg68fab165klnsnk3dpvl", {"b4um86eghhds6nea196smvmlo4ors995", {rt::NS, rt::DS, rt::RRSIG}}},
      {"b4um86eghhds6nea196smvmlo4ors995", {"gjeqe526plbf1g8mklp59enfd789njgi", {rt::MX, rt::RRSIG}}},
      {"gjeqe526plbf1g8mklp59enfd789njgi",
       {"ji6neoaepv8b5o6k4ev33abha8ht9fgc", {rt::A, rt::HINFO, rt::AAAA, rt::RRSIG}}},
      {"ji6neoaepv8b5o6k4ev33abha8ht9fgc", {"k8udemvp1j2f7eg6jebps17vp3n8i58h", {}}},
      {"k8udemvp1j2f7eg6jebps17vp3n8i58h", {"kohar7mbb8dc2ce8a9qvl8hon4k53uhi", {}}},
      {"kohar7mbb8dc2ce8a9qvl8hon4k53uhi", {"q04jkcevqvmu85r014c7dkba38o0ji5r", {rt::A, rt::RRSIG}}},
      {"q04jkcevqvmu85r014c7dkba38o0ji5r", {"r53bq7cc2uvmubfu5ocmm6pers9tk9en", {rt::A, rt::RRSIG}}},
      {"r53bq7cc2uvmubfu5ocmm6pers9tk9en", {"t644ebqk9bibcna874givr6joj62mlhv", {rt::MX, rt::RRSIG}}},
      {"t644ebqk9bibcna874givr6joj62mlhv",
       {"0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", {rt::A, rt::HINFO, rt::AAAA, rt::RRSIG}}},
  };
  REQUIRE(got.size() == rfc.size());
  for (const auto& [hash, want] : rfc) {
    const std::string shown = hash;
    INFO(shown);
    REQUIRE(got.count(hash) == 1);
    CHECK(got.at(hash).next == want.first);
    CHECK(got.at(hash).types == sorted(want.second));
    CHECK(got.at(hash).flags == 1);
  }
}

TEST_CASE("NSEC3 chain: hashing on several threads gives the same chain as on one") {
  // Enough names that every thread gets a share (shares start at 4096 names).
  std::string text = "$ORIGIN example.\n@ 3600 IN SOA ns1 host 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n";
  const auto lines = [&text](std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) text.append(p);
    text.push_back('\n');
  };
  const std::string digest(64, 'a');
  for (int i = 0; i < 12000; ++i) {
    const std::string n = std::to_string(i);
    lines({"d", n, " IN NS ns.d", n, ".example."});
    lines({"ns.d", n, " IN A 192.0.2.2"});
    if (i % 3 == 0) lines({"d", n, " IN DS 1 13 2 ", digest});
    if (i % 7 == 0) lines({"h", n, ".ent IN TXT x"});
  }
  const dns::Zone zone = test::parse(text);
  dnssec::Nsec3Params params;
  for (const bool opt_out : {false, true}) {
    CAPTURE(opt_out);
    const auto one = dnssec::build_nsec3_chain(zone, params, opt_out, 300, 1);
    for (const unsigned threads : {2u, 3u, 0u}) {
      CAPTURE(threads);
      const auto many = dnssec::build_nsec3_chain(zone, params, opt_out, 300, threads);
      REQUIRE(many.size() == one.size());
      bool same = true;
      for (std::size_t k = 0; k < one.size() && same; ++k)
        same = one[k].owner == many[k].owner && one[k].rdata == many[k].rdata && one[k].ttl == many[k].ttl;
      CHECK(same);
    }
    CHECK(one.size() > (opt_out ? 5000u : 13000u));
  }
}

TEST_CASE("add_nsec_chain / add_nsec3_chain put into the zone exactly the records build_*_chain returns") {
  const std::string text = std::string(test::kSmallZone) + "www IN NSEC zzz.example.com. A\n";
  const auto records_of = [](dns::Zone zone) {
    zone.finalize();
    std::vector<std::string> out;
    for (const dns::Record& rr : zone.records()) {
      if (rr.type != rt::NSEC && rr.type != rt::NSEC3) continue;
      const auto rdata = zone.rdata(rr);
      out.push_back(zone.owner(rr).to_text() + " " + std::to_string(rr.type) + " " + std::to_string(rr.ttl) + " " +
                    std::string(rdata.begin(), rdata.end()));
    }
    return out;
  };
  const auto with_chain = [](dns::Zone zone, const std::vector<dnssec::DenialRecord>& chain) {
    for (const auto& d : chain) zone.add(d.owner.view(), d.type, dns::rrclass::IN, d.ttl, d.rdata);
    return zone;
  };
  SUBCASE("NSEC") {
    const dns::Zone zone = test::parse(text);
    dns::Zone direct = zone;
    CHECK(dnssec::add_nsec_chain(direct, 300) == 7);
    const auto expected = records_of(with_chain(zone, dnssec::build_nsec_chain(zone, 300)));
    CHECK(expected.size() == 8);  // the seven built and the old one at www
    CHECK(records_of(direct) == expected);
  }
  SUBCASE("NSEC3, with and without opt-out, on one and on three threads") {
    dnssec::Nsec3Params params;
    params.iterations = 1;
    params.salt = {0xAB, 0xCD};
    for (const bool opt_out : {false, true}) {
      for (const unsigned threads : {1u, 3u}) {
        const dns::Zone zone = test::parse(text);
        dns::Zone direct = zone;
        const std::size_t added = dnssec::add_nsec3_chain(direct, params, opt_out, 300, threads);
        const auto chain = dnssec::build_nsec3_chain(zone, params, opt_out, 300, threads);
        CHECK(added == chain.size());
        CHECK(records_of(direct) == records_of(with_chain(zone, chain)));
      }
    }
  }
}

TEST_CASE("NSEC3 chain: a zone name too long for hashed owner names is refused with a reason") {
  // 224 octets: a 32-character hash label and its length octet would make 257.
  const std::string origin = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                             std::string(30, 'd') + ".";
  REQUIRE(dns::Name::parse(origin).view().size() == 224);
  const dns::Zone zone = test::parse("$ORIGIN " + origin + "\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
  CHECK_THROWS_WITH_AS(dnssec::build_nsec3_chain(zone, dnssec::Nsec3Params{}, false, 300),
                       doctest::Contains("too long for NSEC3"), Error);
  // A 222-octet name is the longest that fits: 33 + 222 = 255.
  const std::string fits = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                           std::string(28, 'd') + ".";
  REQUIRE(dns::Name::parse(fits).view().size() == 222);
  const dns::Zone ok = test::parse("$ORIGIN " + fits + "\n$TTL 300\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
  const auto chain = dnssec::build_nsec3_chain(ok, dnssec::Nsec3Params{}, false, 300);
  CHECK(chain.size() == 2);
  for (const auto& rec : chain) CHECK(rec.owner.view().size() == 255);
}
