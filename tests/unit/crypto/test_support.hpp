// SPDX-License-Identifier: MIT
// Helpers shared by the crypto and keys tests: base64/hex literals, wire
// names, and RRSIG signed data (RFC 4034 3.1.8.1) built by hand so that the
// RFC example signatures can be checked without the dnssec/ layer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "keys/detail/base64.hpp"

namespace signet::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes b64(std::string_view text) {
  auto decoded = keys::detail::base64_decode(text);
  if (!decoded) throw std::runtime_error("bad base64 in test");
  return Bytes(decoded->data(), decoded->data() + decoded->size());
}

inline Bytes hex(std::string_view text) {
  Bytes out;
  int high = -1;
  for (char c : text) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

// "www.example.net" -> \3www\7example\3net\0
inline std::string wire_name(std::string_view dotted) {
  std::string out;
  while (!dotted.empty()) {
    auto dot = dotted.find('.');
    std::string_view label = dotted.substr(0, dot);
    out.push_back(static_cast<char>(label.size()));
    out.append(label);
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  out.push_back('\0');
  return out;
}

inline void put16(Bytes& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(Bytes& b, std::uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xFFFF);
}
inline void put_name(Bytes& b, std::string_view dotted) {
  std::string w = wire_name(dotted);
  b.insert(b.end(), w.begin(), w.end());
}

struct RrsigFields {
  std::uint16_t type;
  std::uint8_t algorithm;
  std::uint8_t labels;
  std::uint32_t ttl, expiration, inception;
  std::uint16_t key_tag;
  std::string_view signer;
};

// Signed data for an RRset of one record (class IN).
inline Bytes signed_data(const RrsigFields& f, std::string_view owner, const Bytes& rdata) {
  Bytes b;
  put16(b, f.type);
  b.push_back(f.algorithm);
  b.push_back(f.labels);
  put32(b, f.ttl);
  put32(b, f.expiration);
  put32(b, f.inception);
  put16(b, f.key_tag);
  put_name(b, f.signer);
  put_name(b, owner);
  put16(b, f.type);
  put16(b, 1);
  put32(b, f.ttl);
  put16(b, static_cast<unsigned>(rdata.size()));
  b.insert(b.end(), rdata.begin(), rdata.end());
  return b;
}

// DNSKEY rdata from flags, algorithm and the public key field.
inline Bytes dnskey_rdata(std::uint16_t flags, std::uint8_t algorithm, const Bytes& key) {
  // Sized up front: push_back growth here trips a GCC 12 -O2 -Wstringop-overread false positive.
  Bytes b(4 + key.size());
  b[0] = static_cast<std::uint8_t>(flags >> 8);
  b[1] = static_cast<std::uint8_t>(flags);
  b[2] = 3;
  b[3] = algorithm;
  std::copy(key.begin(), key.end(), b.begin() + 4);
  return b;
}

}  // namespace signet::test
