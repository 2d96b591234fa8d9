// SPDX-License-Identifier: MIT
// RFC 4034 4.1.2 type bitmaps (NSEC, NSEC3, CSYNC): type mnemonics or TYPEnnn
// to the end, in any order, duplicates allowed; encoded as ascending windows
// with trailing zero octets dropped. Printed as mnemonics in ascending order.
#include <array>
#include <bit>
#include <cstring>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {

void parse_type_bitmap(ParseState& st, dns::FieldKind kind) {
  // 256 windows of 32 octets; a window is cleared when first used, so the
  // usual two or three types cost no 8 KiB memset, and only the windows
  // used are visited when encoding (a bit each in `used`).
  std::array<std::uint8_t, 8192> bits;         // NOLINT: cleared per window below
  std::array<std::uint8_t, 256> window_len;    // NOLINT: set when a window is first used
  std::array<std::uint64_t, 4> used{};
  while (!st.at_end()) {
    const Token& token = st.tokens[st.pos++];
    const auto type = dns::type_from_text(token.text);
    if (!type) st.bad(kind, token);
    const unsigned window = *type >> 8, bit = *type & 0xFF;
    std::uint8_t* block = bits.data() + window * 32;
    const std::uint64_t mask = std::uint64_t{1} << (window % 64);
    if ((used[window / 64] & mask) == 0) {
      used[window / 64] |= mask;
      std::memset(block, 0, 32);
      window_len[window] = 0;
    }
    block[bit / 8] = static_cast<std::uint8_t>(block[bit / 8] | (0x80 >> (bit % 8)));
    if (bit / 8 + 1u > window_len[window]) window_len[window] = static_cast<std::uint8_t>(bit / 8 + 1);
  }
  for (unsigned word = 0; word < used.size(); ++word) {
    for (std::uint64_t rest = used[word]; rest != 0; rest &= rest - 1) {
      const unsigned window = word * 64 + static_cast<unsigned>(std::countr_zero(rest));
      st.put_u8(static_cast<std::uint8_t>(window));
      st.put_u8(window_len[window]);
      st.out->append(reinterpret_cast<const char*>(bits.data() + window * 32), window_len[window]);
    }
  }
}

bool print_type_bitmap(WireReader& r, std::string& out) {
  int previous = -1;
  bool first = true;
  while (!r.at_end()) {
    std::uint8_t window, length;
    std::span<const std::uint8_t> block;
    if (!r.u8(window) || !r.u8(length) || length == 0 || length > 32 || !r.take(length, block)) return false;
    if (static_cast<int>(window) <= previous) return false;  // windows must ascend
    if (block[length - 1] == 0) return false;  // trailing zero octets must be omitted (so no empty blocks)
    previous = window;
    for (unsigned i = 0; i < length; ++i) {
      for (unsigned b = 0; b < 8; ++b) {
        if ((block[i] & (0x80 >> b)) == 0) continue;
        if (!first) out += ' ';
        first = false;
        print_type(static_cast<std::uint16_t>(window << 8 | (i * 8 + b)), out);
      }
    }
  }
  return true;
}

}  // namespace signet::zonefile::detail
