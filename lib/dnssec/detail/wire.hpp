// SPDX-License-Identifier: MIT
// Big-endian appends for building DNSSEC rdata and signed data (RFC 4034).
#pragma once

#include <cstdint>
#include <vector>

namespace signet::dnssec::detail {

inline void put16(std::vector<std::uint8_t>& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

inline void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFF);
}

}  // namespace signet::dnssec::detail
