// SPDX-License-Identifier: MIT
// DS, CDS and CDNSKEY (RFC 4034 5, RFC 7344, RFC 8078): DS rdata for a DNSKEY,
// whether a DS names a given DNSKEY, and the RFC 8078 "delete" forms. The
// digest itself is crypto/ds_digest.hpp; printing is zonefile/'s job.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "signet/dns/name.hpp"

namespace signet::dnssec {

// A parsed DS (or CDS) rdata: views into the rdata.
struct DsView {
  std::uint16_t key_tag = 0;
  std::uint8_t algorithm = 0;
  std::uint8_t digest_type = 0;
  std::span<const std::uint8_t> digest;
};

std::optional<DsView> parse_ds(std::span<const std::uint8_t> rdata) noexcept;

// DS rdata (key tag, algorithm, digest type, digest) for a DNSKEY owned by
// `owner`. Throws signet::Error for an unsupported digest type or DNSKEY rdata
// shorter than its fixed fields.
std::vector<std::uint8_t> make_ds_rdata(dns::NameView owner, std::span<const std::uint8_t> dnskey_rdata,
                                        std::uint8_t digest_type);

// True when `ds_rdata` is a DS of that DNSKEY: same tag and algorithm and a
// digest that matches (a DS of an unsupported digest type never matches).
bool ds_matches_dnskey(std::span<const std::uint8_t> ds_rdata, dns::NameView owner,
                       std::span<const std::uint8_t> dnskey_rdata);

// RFC 8078 4: "CDS 0 0 0 00" and "CDNSKEY 0 3 0 AA==" ask the parent to remove the DS.
std::vector<std::uint8_t> cds_delete_rdata();
std::vector<std::uint8_t> cdnskey_delete_rdata();
bool is_cds_delete(std::span<const std::uint8_t> rdata) noexcept;
bool is_cdnskey_delete(std::span<const std::uint8_t> rdata) noexcept;

}  // namespace signet::dnssec
