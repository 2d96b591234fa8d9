// SPDX-License-Identifier: MIT
// The windowed type bitmap of NSEC, NSEC3 (RFC 4034 4.1.2, RFC 5155 3.2.1) and
// CSYNC: building it from a list of types and reading it back. Which types a
// name's bitmap must list is decided by the chain builders (nsec.hpp, nsec3.hpp)
// and checked by the verifier.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace signet::dnssec {

// Appends the bitmap for `types` (any order, duplicates allowed) to `out`.
// An empty list appends nothing.
void append_type_bitmap(std::span<const std::uint16_t> types, std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> make_type_bitmap(std::span<const std::uint16_t> types);

// The types listed by a bitmap, ascending; false when the bitmap is malformed
// (windows out of order or repeated, a length of 0 or over 32, truncated).
bool read_type_bitmap(std::span<const std::uint8_t> bitmap, std::vector<std::uint16_t>& types);

// Whether a well-formed bitmap lists `type` (false for malformed input).
bool bitmap_has_type(std::span<const std::uint8_t> bitmap, std::uint16_t type) noexcept;

}  // namespace signet::dnssec
