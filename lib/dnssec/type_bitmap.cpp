// SPDX-License-Identifier: MIT
// Windowed type bitmaps (RFC 4034 4.1.2): 256 windows of up to 32 octets,
// each written as window number, length, and the octets up to the last
// non-zero one.
#include "signet/dnssec/type_bitmap.hpp"

#include <algorithm>
#include <array>

namespace signet::dnssec {

void append_type_bitmap(std::span<const std::uint16_t> types, std::vector<std::uint8_t>& out) {
  if (types.empty()) return;
  std::array<std::uint16_t, 64> small{};
  std::vector<std::uint16_t> large;
  std::span<std::uint16_t> sorted;
  if (types.size() <= small.size()) {
    std::copy(types.begin(), types.end(), small.begin());
    sorted = std::span<std::uint16_t>(small.data(), types.size());
  } else {
    large.assign(types.begin(), types.end());
    sorted = large;
  }
  std::sort(sorted.begin(), sorted.end());
  std::size_t i = 0;
  while (i < sorted.size()) {
    const unsigned window = sorted[i] >> 8;
    std::array<std::uint8_t, 32> bits{};
    unsigned length = 0;
    for (; i < sorted.size() && (sorted[i] >> 8) == window; ++i) {
      const unsigned low = sorted[i] & 0xFF;
      bits[low / 8] |= static_cast<std::uint8_t>(0x80 >> (low % 8));
      length = std::max(length, low / 8 + 1);
    }
    out.push_back(static_cast<std::uint8_t>(window));
    out.push_back(static_cast<std::uint8_t>(length));
    out.insert(out.end(), bits.begin(), bits.begin() + length);
  }
}

std::vector<std::uint8_t> make_type_bitmap(std::span<const std::uint16_t> types) {
  std::vector<std::uint8_t> out;
  append_type_bitmap(types, out);
  return out;
}

namespace {

// Calls `visit(type)` for every listed type; false when malformed.
template <typename Visit>
bool walk_bitmap(std::span<const std::uint8_t> bitmap, Visit&& visit) {
  std::size_t pos = 0;
  int last_window = -1;
  while (pos < bitmap.size()) {
    if (bitmap.size() - pos < 2) return false;
    const unsigned window = bitmap[pos];
    const unsigned length = bitmap[pos + 1];
    if (static_cast<int>(window) <= last_window || length == 0 || length > 32) return false;
    if (bitmap.size() - pos - 2 < length) return false;
    for (unsigned octet = 0; octet < length; ++octet) {
      const std::uint8_t bits = bitmap[pos + 2 + octet];
      for (unsigned bit = 0; bit < 8; ++bit) {
        if ((bits & (0x80 >> bit)) != 0) {
          if (!visit(static_cast<std::uint16_t>(window << 8 | (octet * 8 + bit)))) return true;
        }
      }
    }
    last_window = static_cast<int>(window);
    pos += 2 + length;
  }
  return true;
}

}  // namespace

bool read_type_bitmap(std::span<const std::uint8_t> bitmap, std::vector<std::uint16_t>& types) {
  types.clear();
  return walk_bitmap(bitmap, [&](std::uint16_t t) {
    types.push_back(t);
    return true;
  });
}

bool bitmap_has_type(std::span<const std::uint8_t> bitmap, std::uint16_t type) noexcept {
  // Validate the whole bitmap first so malformed input answers false.
  if (!walk_bitmap(bitmap, [](std::uint16_t) { return true; })) return false;
  std::size_t pos = 0;
  const unsigned window = type >> 8, low = type & 0xFF;
  while (pos + 2 <= bitmap.size()) {
    const unsigned w = bitmap[pos], length = bitmap[pos + 1];
    if (w == window) return low / 8 < length && (bitmap[pos + 2 + low / 8] & (0x80 >> (low % 8))) != 0;
    pos += 2 + length;
  }
  return false;
}

}  // namespace signet::dnssec
