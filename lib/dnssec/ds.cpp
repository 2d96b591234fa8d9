// SPDX-License-Identifier: MIT
// DS rdata (RFC 4034 5.1) and the RFC 8078 delete forms of CDS/CDNSKEY.
#include "signet/dnssec/ds.hpp"

#include <algorithm>

#include "signet/crypto/ds_digest.hpp"
#include "signet/crypto/key_tag.hpp"
#include "signet/error.hpp"

namespace signet::dnssec {

std::optional<DsView> parse_ds(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 5) return std::nullopt;
  DsView v;
  v.key_tag = static_cast<std::uint16_t>(rdata[0] << 8 | rdata[1]);
  v.algorithm = rdata[2];
  v.digest_type = rdata[3];
  v.digest = rdata.subspan(4);
  return v;
}

std::vector<std::uint8_t> make_ds_rdata(dns::NameView owner, std::span<const std::uint8_t> dnskey_rdata,
                                        std::uint8_t digest_type) {
  if (dnskey_rdata.size() < 4) throw Error("DNSKEY rdata is shorter than its fixed fields (4 octets)");
  const std::vector<std::uint8_t> digest = crypto::ds_digest(owner, dnskey_rdata, digest_type);
  const std::uint16_t tag = crypto::key_tag(dnskey_rdata);
  std::vector<std::uint8_t> out(4 + digest.size());
  out[0] = static_cast<std::uint8_t>(tag >> 8);
  out[1] = static_cast<std::uint8_t>(tag);
  out[2] = dnskey_rdata[3];
  out[3] = digest_type;
  std::copy(digest.begin(), digest.end(), out.begin() + 4);
  return out;
}

bool ds_matches_dnskey(std::span<const std::uint8_t> ds_rdata, dns::NameView owner,
                       std::span<const std::uint8_t> dnskey_rdata) {
  const auto ds = parse_ds(ds_rdata);
  if (!ds || dnskey_rdata.size() < 4) return false;
  if (ds->algorithm != dnskey_rdata[3] || ds->key_tag != crypto::key_tag(dnskey_rdata)) return false;
  if (crypto::find_ds_digest_type(ds->digest_type) == nullptr) return false;
  const std::vector<std::uint8_t> digest = crypto::ds_digest(owner, dnskey_rdata, ds->digest_type);
  return std::equal(digest.begin(), digest.end(), ds->digest.begin(), ds->digest.end());
}

std::vector<std::uint8_t> cds_delete_rdata() { return {0, 0, 0, 0, 0}; }
std::vector<std::uint8_t> cdnskey_delete_rdata() { return {0, 0, 3, 0, 0}; }

bool is_cds_delete(std::span<const std::uint8_t> rdata) noexcept {
  return rdata.size() == 5 && std::all_of(rdata.begin(), rdata.end(), [](std::uint8_t b) { return b == 0; });
}
bool is_cdnskey_delete(std::span<const std::uint8_t> rdata) noexcept {
  return rdata.size() == 5 && rdata[0] == 0 && rdata[1] == 0 && rdata[2] == 3 && rdata[3] == 0 && rdata[4] == 0;
}

}  // namespace signet::dnssec
