// SPDX-License-Identifier: MIT
#include "signet/crypto/key_tag.hpp"

namespace signet::crypto {

std::uint16_t key_tag(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 4) return 0;
  if (rdata[3] == 1) {  // RSAMD5 (RFC 4034 B.1): the most significant 16 of the modulus's lowest 24 bits
    if (rdata.size() < 7) return 0;
    return static_cast<std::uint16_t>(rdata[rdata.size() - 3] << 8 | rdata[rdata.size() - 2]);
  }
  std::uint32_t ac = 0;
  for (std::size_t i = 0; i < rdata.size(); ++i) ac += (i & 1) ? rdata[i] : std::uint32_t{rdata[i]} << 8;
  ac += ac >> 16 & 0xFFFF;
  return static_cast<std::uint16_t>(ac & 0xFFFF);
}

}  // namespace signet::crypto
