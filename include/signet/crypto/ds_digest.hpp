// SPDX-License-Identifier: MIT
// DS digests (RFC 4034 5.1.4): the hash of the owner name in canonical
// (lower-case) wire form followed by the DNSKEY rdata, for the digest types of
// the IANA "Delegation Signer (DS) Resource Record (RR) Type Digest Algorithms"
// registry that signet supports: one table row each. Building and printing DS,
// CDS and CDNSKEY records is dnssec/'s job.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "signet/crypto/digest.hpp"
#include "signet/dns/name.hpp"

namespace signet::crypto {

namespace ds_digest_type {
inline constexpr std::uint8_t SHA_1 = 1, SHA_256 = 2, SHA_384 = 4;  // RFC 3658, 4509, 6605
}

struct DsDigestType {
  std::uint8_t number;
  std::string_view mnemonic;  // IANA: "SHA-1", "SHA-256", "SHA-384"
  DigestAlgorithm digest;
};

// The row for a digest type number, or nullptr.
const DsDigestType* find_ds_digest_type(std::uint8_t number) noexcept;
// The row for a mnemonic ("SHA-256", "sha256" also accepted) or a decimal number, or nullptr.
const DsDigestType* find_ds_digest_type(std::string_view text) noexcept;
std::span<const DsDigestType> all_ds_digest_types() noexcept;

// The DS digest of a DNSKEY owned by `owner`. Throws signet::Error for an
// unsupported digest type.
std::vector<std::uint8_t> ds_digest(dns::NameView owner, std::span<const std::uint8_t> dnskey_rdata,
                                    std::uint8_t digest_type);

}  // namespace signet::crypto
