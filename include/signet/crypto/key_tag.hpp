// SPDX-License-Identifier: MIT
// The key tag of RFC 4034 Appendix B: a 16-bit checksum over DNSKEY rdata that
// RRSIG and DS records use to point at a key. Tags are not unique (two keys
// may share one); callers still compare keys. Also the DNSKEY flag bits.
#pragma once

#include <cstdint>
#include <span>

namespace signet::crypto {

// DNSKEY flags (RFC 4034 2.1.1, RFC 5011 7).
namespace dnskey_flag {
inline constexpr std::uint16_t ZONE = 0x0100, REVOKE = 0x0080, SEP = 0x0001;
}

// Key tag of DNSKEY (or CDNSKEY) rdata: flags, protocol, algorithm, key.
// Algorithm 1 (RSAMD5) uses its special rule (RFC 4034 B.1). Rdata shorter
// than 4 octets yields 0.
std::uint16_t key_tag(std::span<const std::uint8_t> dnskey_rdata) noexcept;

}  // namespace signet::crypto
