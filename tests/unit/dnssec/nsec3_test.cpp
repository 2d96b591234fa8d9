// SPDX-License-Identifier: MIT
#include "signet/dnssec/nsec3.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "dnssec_support.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dnssec/denial.hpp"
#include "signet/dnssec/type_bitmap.hpp"
#include "signet/error.hpp"

using namespace signet;
using test::Bytes;
namespace rt = dns::rrtype;

namespace {

dnssec::Nsec3Params rfc5155_params() {
  dnssec::Nsec3Params p;
  p.hash_algorithm = 1;
  p.flags = 0;
  p.iterations = 12;
  p.salt = {0xAA, 0xBB, 0xCC, 0xDD};
  return p;
}

std::string hash_text(dnssec::Nsec3Hasher& hasher, std::string_view name) {
  return dnssec::base32hex_lower(hasher.hash(dns::Name::parse(name)));
}

// RFC 5155 Appendix A: the example zone, with the NSEC3 records the RFC shows
// for it (RRSIGs left out: the chain builder neither needs nor reads them).
constexpr std::string_view kRfc5155Zone = R"(
$ORIGIN example.
$TTL 3600
example.       3600 IN SOA ns1.example. bugs.x.w.example. 1 3600 300 (
                              3600000 3600 )
example.       3600 IN NS ns1.example.
example.       3600 IN NS ns2.example.
example.       3600 IN MX 1 xx.example.
example.       3600 IN DNSKEY 256 3 7 AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LU (
                              sAD0QPWU+wzt89epO6tHzkMBVDkC7qphQO2h
                              TY4hHn9npWFRw5BYubE= )
example.       3600 IN DNSKEY 257 3 7 AwEAAcUlFV1vhmqx6NSOUOq2R/dsR7Xm3upJ (
                              j7IommWSpJABVfW8Q0rOvXdM6kzt+TAu92L9
                              AbsUdblMFin8CVF3n4s= )
example.       3600 IN NSEC3PARAM 1 0 12 aabbccdd
0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS
                              SOA NSEC3PARAM RRSIG )
2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN A 192.0.2.127
2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG )
2vptu5timamqttgl4luu9kg21e0aor3s.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              35mthgpgcu1qg68fab165klnsnk3dpvl MX RRSIG )
35mthgpgcu1qg68fab165klnsnk3dpvl.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG )
a.example.     3600 IN NS ns1.a.example.
a.example.     3600 IN NS ns2.a.example.
a.example.     3600 IN DS 58470 5 1 ( 3079F1593EBAD6DC121E202A8B766A6A4837206C )
ns1.a.example. 3600 IN A 192.0.2.5
ns2.a.example. 3600 IN A 192.0.2.6
ai.example.    3600 IN A 192.0.2.9
ai.example.    3600 IN HINFO "KLH-10" "ITS"
ai.example.    3600 IN AAAA 2001:db8:0:0:0:0:f00:baa9
b4um86eghhds6nea196smvmlo4ors995.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG )
c.example.     3600 IN NS ns1.c.example.
c.example.     3600 IN NS ns2.c.example.
ns1.c.example. 3600 IN A 192.0.2.7
ns2.c.example. 3600 IN A 192.0.2.8
gjeqe526plbf1g8mklp59enfd789njgi.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              ji6neoaepv8b5o6k4ev33abha8ht9fgc HINFO A AAAA
                              RRSIG )
ji6neoaepv8b5o6k4ev33abha8ht9fgc.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              k8udemvp1j2f7eg6jebps17vp3n8i58h )
k8udemvp1j2f7eg6jebps17vp3n8i58h.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              kohar7mbb8dc2ce8a9qvl8hon4k53uhi )
kohar7mbb8dc2ce8a9qvl8hon4k53uhi.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              q04jkcevqvmu85r014c7dkba38o0ji5r A RRSIG )
ns1.example.   3600 IN A 192.0.2.1
ns2.example.   3600 IN A 192.0.2.2
q04jkcevqvmu85r014c7dkba38o0ji5r.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG )
r53bq7cc2uvmubfu5ocmm6pers9tk9en.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              t644ebqk9bibcna874givr6joj62mlhv MX RRSIG )
t644ebqk9bibcna874givr6joj62mlhv.example. 3600 IN NSEC3 1 1 12 aabbccdd (
                              0p9mhaveqvm6t7vbl5lop2u3t2rp3tom HINFO A AAAA
                              RRSIG )
*.w.example.   3600 IN MX 1 ai.example.
x.w.example.   3600 IN MX 1 xx.example.
x.y.w.example. 3600 IN MX 1 xx.example.
xx.example.    3600 IN A 192.0.2.10
xx.example.    3600 IN HINFO "KLH-10" "TOPS-20"
xx.example.    3600 IN AAAA 2001:db8:0:0:0:0:f00:baaa
)";

// RFC 5155 Appendix A, "The hashed owner names", in hash order.
const std::vector<std::pair<std::string, std::string>> kRfc5155Hashes = {
    {"example.", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"},
    {"ns1.example.", "2t7b4g4vsa5smi47k61mv5bv1a22bojr"},
    {"x.y.w.example.", "2vptu5timamqttgl4luu9kg21e0aor3s"},
    {"a.example.", "35mthgpgcu1qg68fab165klnsnk3dpvl"},
    {"x.w.example.", "b4um86eghhds6nea196smvmlo4ors995"},
    {"ai.example.", "gjeqe526plbf1g8mklp59enfd789njgi"},
    {"y.w.example.", "ji6neoaepv8b5o6k4ev33abha8ht9fgc"},
    {"w.example.", "k8udemvp1j2f7eg6jebps17vp3n8i58h"},
    {"2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "kohar7mbb8dc2ce8a9qvl8hon4k53uhi"},
    {"ns2.example.", "q04jkcevqvmu85r014c7dkba38o0ji5r"},
    {"*.w.example.", "r53bq7cc2uvmubfu5ocmm6pers9tk9en"},
    {"xx.example.", "t644ebqk9bibcna874givr6joj62mlhv"},
};

std::vector<std::uint16_t> types_of(std::span<const std::uint8_t> bitmap) {
  std::vector<std::uint16_t> types;
  REQUIRE(dnssec::read_type_bitmap(bitmap, types));
  return types;
}

}  // namespace

TEST_CASE("RFC 5155 Appendix A: hashed owner names (SHA-1, salt aabbccdd, 12 iterations)") {
  dnssec::Nsec3Hasher hasher(rfc5155_params());
  CHECK(hasher.params() == rfc5155_params());
  for (const auto& entry : kRfc5155Hashes) {
    CAPTURE(entry.first);
    CHECK(hash_text(hasher, entry.first) == entry.second);
  }
  // The hash is over the canonical (lower-case) name.
  CHECK(hash_text(hasher, "EXAMPLE.") == "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom");
  CHECK(hash_text(hasher, "X.y.W.Example.") == "2vptu5timamqttgl4luu9kg21e0aor3s");
  CHECK(hash_text(hasher, "2T7B4G4VSA5SMI47K61MV5BV1A22BOJR.example.") == "kohar7mbb8dc2ce8a9qvl8hon4k53uhi");
  // The hasher is reusable: the same name again gives the same hash.
  CHECK(hash_text(hasher, "example.") == "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom");
}

TEST_CASE("RFC 7129 section 5: the example.org NSEC3 owner (salt dead, 2 iterations)") {
  dnssec::Nsec3Params p;
  p.iterations = 2;
  p.salt = {0xDE, 0xAD};
  dnssec::Nsec3Hasher hasher(p);
  CHECK(hash_text(hasher, "example.org.") == "15bg9l6359f5ch23e34ddua6n1rihl9h");
}

TEST_CASE("NSEC3 hashing: iterations and salt are both used; only algorithm 1 exists") {
  dnssec::Nsec3Params p = rfc5155_params();
  dnssec::Nsec3Hasher base(p);
  const dns::Name name = dns::Name::parse("example.");
  const dnssec::Nsec3Hash h12 = base.hash(name);
  p.iterations = 11;
  CHECK(dnssec::Nsec3Hasher(p).hash(name) != h12);
  p.iterations = 12;
  p.salt = {0xAA, 0xBB, 0xCC};
  CHECK(dnssec::Nsec3Hasher(p).hash(name) != h12);
  // Zero iterations with no salt (RFC 9276's recommended parameters) is by the
  // RFC 5155 definition IH(salt, x, 0) = H(x || salt) plain SHA-1 of the wire name.
  dnssec::Nsec3Params zero;
  dnssec::Nsec3Hasher z(zero);
  crypto::Digester sha1(crypto::DigestAlgorithm::Sha1);
  const std::string wire(name.wire());
  sha1.update(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(wire.data()), wire.size()));
  const std::vector<std::uint8_t> digest = sha1.finish();
  const dnssec::Nsec3Hash got = z.hash(name);
  CHECK(std::vector<std::uint8_t>(got.begin(), got.end()) == digest);

  dnssec::Nsec3Params sha256 = rfc5155_params();
  sha256.hash_algorithm = 2;
  CHECK_THROWS_WITH_AS(dnssec::Nsec3Hasher{sha256}, doctest::Contains("unsupported NSEC3 hash algorithm 2"),
                       signet::Error);
}

TEST_CASE("base32hex (RFC 4648 section 10 vectors, lower case, no padding)") {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},          {"f", "co"},           {"fo", "cpng"},          {"foo", "cpnmu"},
      {"foob", "cpnmuog"}, {"fooba", "cpnmuoj1"}, {"foobar", "cpnmuoj1e8"},
  };
  for (const auto& vector : vectors) {
    const std::string& plain = vector.first;
    const std::string& encoded = vector.second;
    CAPTURE(plain);
    const Bytes bytes(plain.begin(), plain.end());
    CHECK(dnssec::base32hex_lower(bytes) == encoded);
    const auto decoded = dnssec::base32hex_decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == bytes);
    std::string upper = encoded;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
      return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    });
    const auto decoded_upper = dnssec::base32hex_decode(upper);
    REQUIRE(decoded_upper.has_value());
    CHECK(*decoded_upper == bytes);
  }
  CHECK(dnssec::base32hex_lower(Bytes{0x00}) == "00");
  CHECK(dnssec::base32hex_lower(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0xFF}) == "vvvvvvvv");

  // Every RFC 5155 hash round-trips through decode and encode as 20 octets.
  for (const auto& entry : kRfc5155Hashes) {
    const auto bytes = dnssec::base32hex_decode(entry.second);
    REQUIRE(bytes.has_value());
    CHECK(bytes->size() == dnssec::kNsec3HashOctets);
    CHECK(dnssec::base32hex_lower(*bytes) == entry.second);
  }
}

TEST_CASE("base32hex_decode rejects what is not base32hex") {
  CHECK_FALSE(dnssec::base32hex_decode("cw").has_value());        // 'w' is past the alphabet
  CHECK_FALSE(dnssec::base32hex_decode("CPNMUOJ1E8======").has_value());  // padding is not accepted
  CHECK_FALSE(dnssec::base32hex_decode("cpnm uoj1").has_value());
  CHECK_FALSE(dnssec::base32hex_decode("c").has_value());         // 5 bits: not a whole octet
  CHECK_FALSE(dnssec::base32hex_decode("cpn").has_value());       // 15 bits: 7 left over
  CHECK_FALSE(dnssec::base32hex_decode("cp").has_value());        // left-over bits not zero
  CHECK_FALSE(dnssec::base32hex_decode("2t7b4g4vsa5zmi47k61mv5bv1a22bojr").has_value());
  CHECK_FALSE(dnssec::base32hex_decode("2t7b4g4vsa5smi47k61mv5bv1a22bojz").has_value());
}

TEST_CASE("nsec3_owner and nsec3_owner_hash") {
  dnssec::Nsec3Hasher hasher(rfc5155_params());
  const dns::Name zone = dns::Name::parse("example.");
  for (const auto& entry : kRfc5155Hashes) {
    CAPTURE(entry.first);
    const dnssec::Nsec3Hash h = hasher.hash(dns::Name::parse(entry.first));
    const dns::Name owner = dnssec::nsec3_owner(h, zone);
    CHECK(owner.to_text() == entry.second + ".example.");
    CHECK(owner.label_count() == 2);
    const auto back = dnssec::nsec3_owner_hash(owner);
    REQUIRE(back.has_value());
    CHECK(*back == h);
  }
  const dnssec::Nsec3Hash apex = hasher.hash(zone);
  CHECK(dnssec::nsec3_owner(apex, dns::Name::parse("Sub.Example.COM.")).to_text() ==
        "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.Sub.Example.COM.");

  // Upper-case owners (names compare case-insensitively) carry the same hash.
  const auto upper = dnssec::nsec3_owner_hash(dns::Name::parse("0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example."));
  REQUIRE(upper.has_value());
  CHECK(*upper == apex);
  // Not an NSEC3 owner: wrong label length, bad characters, no label at all.
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse("example.")).has_value());
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse(".")).has_value());
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse("0p9mhaveqvm6t7vbl5lop2u3t2rp3to.example.")).has_value());
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse("0p9mhaveqvm6t7vbl5lop2u3t2rp3tomm.example.")).has_value());
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse("0p9mhaveqvm6t7vbl5lop2u3t2rp3toz.example.")).has_value());
  CHECK_FALSE(dnssec::nsec3_owner_hash(dns::Name::parse("www.example.")).has_value());
  // 32 characters are exactly 160 bits: no padding bits, so any 32-character
  // base32hex label is a hash.
  const auto last = dnssec::nsec3_owner_hash(dns::Name::parse("vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv.example."));
  REQUIRE(last.has_value());
  CHECK(std::all_of(last->begin(), last->end(), [](std::uint8_t b) { return b == 0xFF; }));
}

TEST_CASE("NSEC3 and NSEC3PARAM rdata: the RFC 5155 records read, split and rebuilt") {
  const dns::Zone zone = test::zone_of(kRfc5155Zone);
  const dnssec::Nsec3Params params = rfc5155_params();

  const Bytes param_rdata = test::rdata_of(zone, "example.", rt::NSEC3PARAM);
  CHECK(param_rdata == Bytes{0x01, 0x00, 0x00, 0x0C, 0x04, 0xAA, 0xBB, 0xCC, 0xDD});
  const auto parsed_params = dnssec::parse_nsec3param(param_rdata);
  REQUIRE(parsed_params.has_value());
  CHECK(*parsed_params == params);
  CHECK(dnssec::make_nsec3param_rdata(params) == param_rdata);
  Bytes longer = param_rdata;
  longer.push_back(0);
  CHECK_FALSE(dnssec::parse_nsec3param(longer).has_value());
  CHECK_FALSE(dnssec::parse_nsec3param(Bytes(param_rdata.begin(), param_rdata.end() - 1)).has_value());
  CHECK_FALSE(dnssec::parse_nsec3param(Bytes{1, 0, 0}).has_value());
  dnssec::Nsec3Params no_salt;
  CHECK(dnssec::make_nsec3param_rdata(no_salt) == Bytes{1, 0, 0, 0, 0});
  CHECK(dnssec::parse_nsec3param(Bytes{1, 0, 0, 0, 0}) == no_salt);

  // 2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG
  const Bytes rdata = test::rdata_of(zone, "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", rt::NSEC3);
  const auto view = dnssec::parse_nsec3(rdata);
  REQUIRE(view.has_value());
  CHECK(view->hash_algorithm == 1);
  CHECK(view->flags == 1);
  CHECK(view->opt_out());
  CHECK(view->iterations == 12);
  CHECK(test::bytes_of(view->salt) == params.salt);
  CHECK(dnssec::base32hex_lower(view->next_hashed_owner) == "2vptu5timamqttgl4luu9kg21e0aor3s");
  CHECK(types_of(view->type_bitmap) == std::vector<std::uint16_t>{rt::A, rt::RRSIG});
  CHECK(dnssec::make_nsec3_rdata(params, dnssec::kNsec3OptOut, view->next_hashed_owner, view->type_bitmap) == rdata);
  // The record's flags are its own, not params.flags.
  dnssec::Nsec3Params flagged = params;
  flagged.flags = 0x80;
  CHECK(dnssec::make_nsec3_rdata(flagged, dnssec::kNsec3OptOut, view->next_hashed_owner, view->type_bitmap) == rdata);

  // An NSEC3 with an empty bitmap (ji6neo..., an empty non-terminal's).
  const Bytes ent_rdata = test::rdata_of(zone, "ji6neoaepv8b5o6k4ev33abha8ht9fgc.example.", rt::NSEC3);
  const auto ent = dnssec::parse_nsec3(ent_rdata);
  REQUIRE(ent.has_value());
  CHECK(ent->type_bitmap.empty());
  CHECK(dnssec::base32hex_lower(ent->next_hashed_owner) == "k8udemvp1j2f7eg6jebps17vp3n8i58h");

  // Malformed: cut inside the salt, inside the hash, no hash at all, hash length 0.
  CHECK_FALSE(dnssec::parse_nsec3(Bytes(rdata.begin(), rdata.begin() + 4)).has_value());
  CHECK_FALSE(dnssec::parse_nsec3(Bytes(rdata.begin(), rdata.begin() + 7)).has_value());
  CHECK_FALSE(dnssec::parse_nsec3(Bytes(rdata.begin(), rdata.begin() + 9)).has_value());
  CHECK_FALSE(dnssec::parse_nsec3(Bytes(rdata.begin(), rdata.begin() + 20)).has_value());
  CHECK_FALSE(dnssec::parse_nsec3(Bytes{1, 0, 0, 0, 0, 0}).has_value());
  const Bytes cut(rdata.begin(), rdata.begin() + 30);
  const auto no_bitmap = dnssec::parse_nsec3(cut);
  REQUIRE(no_bitmap.has_value());
  CHECK(no_bitmap->next_hashed_owner.size() == 20);
  CHECK(no_bitmap->type_bitmap.empty());
}

TEST_CASE("RFC 5155 Appendix A: build_nsec3_chain with opt-out gives the RFC's NSEC3 records exactly") {
  const dns::Zone zone = test::zone_of(kRfc5155Zone);
  const auto chain = dnssec::build_nsec3_chain(zone, rfc5155_params(), true, 3600);
  REQUIRE(chain.size() == kRfc5155Hashes.size());
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const std::string owner = kRfc5155Hashes[i].second + ".example.";
    CAPTURE(owner);
    CHECK(chain[i].type == rt::NSEC3);
    CHECK(chain[i].ttl == 3600);
    CHECK(chain[i].owner.to_text() == owner);
    // The whole rdata, next hashed owner and bitmap included, is the RFC's.
    CHECK(chain[i].rdata == test::rdata_of(zone, owner, rt::NSEC3));
  }

  const auto view_at = [&](std::size_t i) {
    const auto v = dnssec::parse_nsec3(chain[i].rdata);
    REQUIRE(v.has_value());
    return *v;
  };
  // The apex: NS SOA MX RRSIG DNSKEY NSEC3PARAM.
  CHECK(types_of(view_at(0).type_bitmap) ==
        std::vector<std::uint16_t>{rt::NS, rt::SOA, rt::MX, rt::RRSIG, rt::DNSKEY, rt::NSEC3PARAM});
  // ns1.example.: A RRSIG.
  CHECK(types_of(view_at(1).type_bitmap) == std::vector<std::uint16_t>{rt::A, rt::RRSIG});
  // a.example., a secure delegation: NS DS RRSIG (no glue types).
  CHECK(types_of(view_at(3).type_bitmap) == std::vector<std::uint16_t>{rt::NS, rt::DS, rt::RRSIG});
  // w.example. and y.w.example. are empty non-terminals: empty bitmaps.
  CHECK(view_at(6).type_bitmap.empty());
  CHECK(view_at(7).type_bitmap.empty());
  // The RFC's own NSEC3 at 2t7b4g4...example. is not data: its bitmap is A RRSIG.
  CHECK(types_of(view_at(8).type_bitmap) == std::vector<std::uint16_t>{rt::A, rt::RRSIG});
  for (std::size_t i = 0; i < chain.size(); ++i) {
    CHECK(view_at(i).opt_out());
    CHECK(view_at(i).flags == dnssec::kNsec3OptOut);
    CHECK(dnssec::base32hex_lower(view_at(i).next_hashed_owner) == kRfc5155Hashes[(i + 1) % chain.size()].second);
    const auto owner_hash = dnssec::nsec3_owner_hash(chain[i].owner);
    REQUIRE(owner_hash.has_value());
    CHECK(dnssec::base32hex_lower(*owner_hash) == kRfc5155Hashes[i].second);
  }
}

TEST_CASE("RFC 5155 Appendix A zone without opt-out: the insecure delegation c.example. joins the chain") {
  const dns::Zone zone = test::zone_of(kRfc5155Zone);
  dnssec::Nsec3Params params = rfc5155_params();
  params.flags = dnssec::kNsec3OptOut;  // ignored by the builder
  const auto chain = dnssec::build_nsec3_chain(zone, params, false, 300);
  REQUIRE(chain.size() == kRfc5155Hashes.size() + 1);

  dnssec::Nsec3Hasher hasher(rfc5155_params());
  const std::string c_hash = hash_text(hasher, "c.example.");
  std::vector<std::string> expected;
  for (const auto& entry : kRfc5155Hashes) expected.push_back(entry.second);
  expected.push_back(c_hash);
  std::sort(expected.begin(), expected.end());

  std::map<std::string, Bytes> rfc_bitmaps;
  for (const auto& entry : kRfc5155Hashes) {
    const Bytes rdata = test::rdata_of(zone, entry.second + ".example.", rt::NSEC3);
    const auto v = dnssec::parse_nsec3(rdata);
    REQUIRE(v.has_value());
    rfc_bitmaps[entry.second] = test::bytes_of(v->type_bitmap);
  }
  for (std::size_t i = 0; i < chain.size(); ++i) {
    CAPTURE(expected[i]);
    CHECK(chain[i].ttl == 300);
    CHECK(chain[i].owner.to_text() == expected[i] + ".example.");
    const auto v = dnssec::parse_nsec3(chain[i].rdata);
    REQUIRE(v.has_value());
    CHECK(v->flags == 0);
    CHECK_FALSE(v->opt_out());
    CHECK(v->iterations == 12);
    CHECK(test::bytes_of(v->salt) == params.salt);
    CHECK(dnssec::base32hex_lower(v->next_hashed_owner) == expected[(i + 1) % expected.size()]);
    if (expected[i] == c_hash) {
      // An insecure delegation: NS only (no RRSIG, no glue).
      CHECK(types_of(v->type_bitmap) == std::vector<std::uint16_t>{rt::NS});
    } else {
      CHECK(test::bytes_of(v->type_bitmap) == rfc_bitmaps.at(expected[i]));
    }
  }
}
