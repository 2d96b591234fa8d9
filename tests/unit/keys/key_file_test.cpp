// SPDX-License-Identifier: MIT
#include "signet/keys/key_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../crypto/test_support.hpp"
#include "keys/detail/exclusive_file.hpp"
#include "signet/crypto/signer.hpp"
#include "signet/error.hpp"

using namespace signet;
using namespace signet::keys;
using signet::test::b64;
using signet::test::Bytes;

namespace {

const std::string kData = std::string(SIGNET_TEST_DATA) + "/keys";

std::string slurp(const std::string& path) { return keys::detail::read_file(path); }

// A fresh empty directory under /tmp, removed at scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    char pattern[] = "/tmp/signet-keys-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

unsigned mode_of(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 07777;
}

// Everything but the DNSKEY line (BIND splits the base64 with a space).
std::string comments(const std::string& key_file) {
  return key_file.substr(0, key_file.rfind("\nexample.com.") + 1);
}

struct Expected {
  const char* base;
  std::uint8_t algorithm;
  std::uint16_t tag;
  bool ksk;
};

}  // namespace

TEST_CASE("keys from dnssec-keygen are read with their timing, and written back byte for byte") {
  const Expected bind_keys[] = {
      {"Kexample.com.+005+18976", 5, 18976, false},  {"Kexample.com.+007+12210", 7, 12210, false},
      {"Kexample.com.+008+56071", 8, 56071, false},  {"Kexample.com.+010+06930", 10, 6930, false},
      {"Kexample.com.+013+21767", 13, 21767, false}, {"Kexample.com.+013+55655", 13, 55655, true},
      {"Kexample.com.+014+37140", 14, 37140, false}, {"Kexample.com.+015+26630", 15, 26630, false},
      {"Kexample.com.+016+63528", 16, 63528, false},
  };
  for (const Expected& e : bind_keys) {
    CAPTURE(e.base);
    const std::string base = kData + "/bind/" + e.base;
    DnssecKey key = read_key(base + ".private", true);
    CHECK(key.zone.to_text() == "example.com.");
    CHECK(key.algorithm == e.algorithm);
    CHECK(key.key_tag() == e.tag);
    CHECK(key.is_ksk() == e.ksk);
    CHECK(key.base_name() == e.base);
    REQUIRE(key.private_key.has_value());
    CHECK(key.timing.created == parse_timestamp("20261122210157"));
    CHECK(key.timing.publish == parse_timestamp("20260101000000"));
    if (e.ksk) {
      CHECK(key.ttl == std::nullopt);
      CHECK(key.timing.activate == parse_timestamp("20260101000000"));
      CHECK(key.timing.revoke == parse_timestamp("20261201000000"));
      CHECK(key.timing.sync_publish == parse_timestamp("20260110000000"));
      CHECK(key.timing.sync_delete == parse_timestamp("20270110000000"));
      CHECK_FALSE(key.timing.inactive);
    } else {
      CHECK(key.ttl == 3600u);
      CHECK(key.timing.activate == parse_timestamp("20260115000000"));
      CHECK(key.timing.inactive == parse_timestamp("20270101000000"));
      CHECK(key.timing.deleted == parse_timestamp("20270201000000"));
      CHECK_FALSE(key.timing.revoke);
    }
    // Our v1.3 text is BIND's, byte for byte; our .key comments are BIND's too.
    CHECK(format_private_key_file(key).view() == slurp(base + ".private"));
    const std::string ours = format_public_key_file(key);
    CHECK(comments(ours) == comments(slurp(base + ".key")));
    DnssecKey again = parse_public_key_file(ours, "ours.key");
    CHECK(again.public_key == key.public_key);
    CHECK(again.flags == key.flags);
    CHECK(again.ttl == key.ttl);
  }
}

TEST_CASE("keys from ldns-keygen (v1.2, no timing) are read") {
  const Expected ldns_keys[] = {
      {"Kexample.com.+005+30565", 5, 30565, false},  {"Kexample.com.+008+45970", 8, 45970, false},
      {"Kexample.com.+010+13833", 10, 13833, false}, {"Kexample.com.+013+50239", 13, 50239, false},
      {"Kexample.com.+013+61766", 13, 61766, true},  {"Kexample.com.+014+39301", 14, 39301, false},
      {"Kexample.com.+015+34892", 15, 34892, false}, {"Kexample.com.+016+24936", 16, 24936, false},
  };
  for (const Expected& e : ldns_keys) {
    CAPTURE(e.base);
    const std::string base = kData + "/ldns/" + e.base;
    DnssecKey key = read_key(base + ".key", true);
    CHECK(key.algorithm == e.algorithm);
    CHECK(key.key_tag() == e.tag);
    CHECK(key.is_ksk() == e.ksk);
    CHECK(key.timing == KeyTiming{});
    REQUIRE(key.private_key.has_value());
    CHECK(parse_private_key_file(slurp(base + ".private"), "x").format == "v1.2");
    // Written as v1.3 it parses back to the same key.
    PrivateKeyFile back = parse_private_key_file(format_private_key_file(key).view(), "back");
    CHECK(back.format == "v1.3");
    CHECK(crypto::PrivateKey::from_material(crypto::algorithm(back.algorithm), back.material, "back").public_key_field() ==
          key.public_key);
  }
}

TEST_CASE("PEM keys from Knot's keymgr keystore are imported with the tags keymgr lists") {
  struct Knot {
    const char* id;
    std::uint8_t algorithm;
    std::uint16_t tag;
    bool ksk;
  };
  const Knot knot_keys[] = {
      {"1ca2ca0eff3212c292aa3f3f43f1213e7bc46800", 15, 53221, false},
      {"30a8a1310b5c3c9d84ba32aa1331b6238b419dba", 14, 59940, false},
      {"33779f60fe40ae135f6a58b5f3b1f03db9cb63df", 16, 59636, false},
      {"5eb5437f9bb8510cac9816fe75eb460f6387fc1e", 8, 37320, false},
      {"809e1f7be3dde4c13b3eea6e45cdce09dbd3773e", 10, 26772, false},
      {"9aac5393b7ad0951b817c219f8225601248443c9", 13, 24570, true},
      {"db8554151b4a836079c45970734b88cba5940c23", 13, 39587, false},
  };
  for (const Knot& k : knot_keys) {
    CAPTURE(k.id);
    const std::string path = kData + "/knot/" + k.id + ".pem";
    std::optional<std::uint8_t> algorithm;
    if (k.algorithm == 8 || k.algorithm == 10) algorithm = k.algorithm;  // RSA PEM does not say which hash
    KeyTiming timing;
    timing.publish = 1767225600;
    DnssecKey key = import_pem_key(slurp(path), path, dns::Name::parse("example.com."), k.ksk ? 257 : 256, algorithm, timing);
    CHECK(key.algorithm == k.algorithm);
    CHECK(key.key_tag() == k.tag);
    CHECK(key.timing.publish == 1767225600);
  }
}

TEST_CASE("write_key: 0600 private file, parses back identically, never overwrites") {
  TempDir dir;
  KeyTiming timing;
  timing.created = 1767225600;
  timing.publish = 1767225600;
  timing.activate = 1768435200;
  DnssecKey key = make_key(dns::Name::parse("Example.ORG."), 257,
                           crypto::PrivateKey::generate(crypto::algorithm(crypto::alg::ECDSAP256SHA256)), timing, 86400);
  const std::string base = write_key(key, dir.path);
  CHECK(base == dir.path + "/" + key.base_name());
  CHECK(mode_of(base + ".private") == 0600);
  CHECK(mode_of(base + ".key") == 0644);
  DnssecKey back = read_key(base, true);
  CHECK(back.zone == key.zone);
  CHECK(back.flags == 257);
  CHECK(back.ttl == 86400u);
  CHECK(back.timing == timing);
  CHECK(back.public_key == key.public_key);
  CHECK(back.private_key->public_key_field() == key.public_key);
  CHECK(format_private_key_file(back).view() == format_private_key_file(key).view());
  CHECK(format_public_key_file(back) == format_public_key_file(key));

  // Both halves exist now: a second write refuses and leaves the files alone.
  const std::string before = slurp(base + ".private");
  CHECK_THROWS_WITH_AS(write_key(key, dir.path), doctest::Contains("refusing to overwrite"), Error);
  CHECK(slurp(base + ".private") == before);
  // Only the .key exists: still refused, and no .private appears.
  std::filesystem::remove(base + ".private");
  CHECK_THROWS_WITH_AS(write_key(key, dir.path), doctest::Contains("refusing to overwrite"), Error);
  CHECK_FALSE(keys::detail::file_exists(base + ".private"));
  // No temporary files are left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("write_new_file refuses an existing target even when it appears late") {
  TempDir dir;
  const std::string path = dir.path + "/f";
  keys::detail::write_new_file(path, "one", 0600);
  CHECK_THROWS_WITH_AS(keys::detail::write_new_file(path, "two", 0600), doctest::Contains("refusing to overwrite"), Error);
  CHECK(slurp(path) == "one");
}

TEST_CASE("RFC 5702 6.1 key in v1.2 form, as printed (continuation lines), signs the RFC example") {
  DnssecKey key = read_key(kData + "/rfc/Kexample.net.+008+09033", true);
  CHECK(key.key_tag() == 9033);
  CHECK(key.ttl == 3600u);
  Bytes data = signet::test::signed_data({1, 8, 3, 3600, 1893456000, 946684800, 9033, "example.net"}, "www.example.net",
                                         {192, 0, 2, 91});
  CHECK(crypto::Signer(*key.private_key).sign(data) ==
        b64("kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg=="));
  DnssecKey ed448 = read_key(kData + "/rfc/Kexample.com.+016+09713.key", true);
  CHECK(ed448.key_tag() == 9713);
}

TEST_CASE("bad key files give located, plain errors") {
  CHECK_THROWS_WITH_AS(parse_public_key_file("example.com. IN DNSKEY 256 2 13 AAAA", "k.key"),
                       doctest::Contains("k.key:1:28: DNSKEY protocol is '2'"), Error);
  CHECK_THROWS_WITH_AS(parse_public_key_file("; only a comment\n", "k.key"), doctest::Contains("no DNSKEY record"), Error);
  CHECK_THROWS_WITH_AS(parse_public_key_file("example.com. IN DS 1 2 3 AA", "k.key"),
                       doctest::Contains("expected a DNSKEY record"), Error);
  CHECK_THROWS_WITH_AS(parse_public_key_file("example.com. IN DNSKEY 256 3 99 AAAA", "k.key"),
                       doctest::Contains("unsupported DNSSEC algorithm '99'"), Error);
  CHECK_THROWS_WITH_AS(parse_public_key_file("example.com. IN DNSKEY 256 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA", "k.key"),
                       doctest::Contains("bad base64"), Error);
  CHECK_THROWS_WITH_AS(parse_public_key_file("example.com. IN DNSKEY 256 3 15 AAAA", "k.key"),
                       doctest::Contains("RFC 8080 says 32"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Private-key-format: v1.4\nAlgorithm: 13\n", "k.private"),
                       doctest::Contains("k.private:1:1: unsupported private key format 'v1.4'"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Algorithm: 13\n", "k.private"), doctest::Contains("first line"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Private-key-format: v1.3\nAlgorithm: 13\nEngine: pkcs11\n", "k.private"),
                       doctest::Contains("k.private:3:1: the key is kept in an HSM"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Private-key-format: v1.3\nAlgorithm: 13\nPublish: 2026\n", "k.private"),
                       doctest::Contains("bad Publish time '2026'"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Private-key-format: v1.3\nAlgorithm: 13\nPrivateKey: **\n", "k.private"),
                       doctest::Contains("bad base64 in PrivateKey"), Error);
  CHECK_THROWS_WITH_AS(parse_private_key_file("Private-key-format: v1.3\nPrivateKey: AAAA\n", "k.private"),
                       doctest::Contains("missing Algorithm"), Error);
}

TEST_CASE("halves that do not match, and misnamed files, are refused") {
  TempDir dir;
  const std::string bind = kData + "/bind/";
  auto copy = [&](const std::string& from, const std::string& to) {
    std::filesystem::copy_file(bind + from, dir.path + "/" + to);
  };
  copy("Kexample.com.+013+21767.key", "Kexample.com.+013+21767.key");
  copy("Kexample.com.+013+55655.private", "Kexample.com.+013+21767.private");
  CHECK_THROWS_WITH_AS(read_key(dir.path + "/Kexample.com.+013+21767"),
                       doctest::Contains("does not belong to the public key"), Error);
  copy("Kexample.com.+015+26630.private", "Kexample.com.+015+21767.private");
  copy("Kexample.com.+013+21767.key", "Kexample.com.+015+21767.key");
  CHECK_THROWS_WITH_AS(read_key(dir.path + "/Kexample.com.+015+21767"), doctest::Contains("the file name says algorithm 15"),
                       Error);
  CHECK_THROWS_WITH_AS(read_key(dir.path + "/Kmissing.+013+00001", true), doctest::Contains("cannot open"), Error);
}
