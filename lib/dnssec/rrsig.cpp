// SPDX-License-Identifier: MIT
// RRSIG rdata and the signed data of RFC 4034 3.1.8.1. The signed data is
// built straight into the caller's buffer: fields, then each RR in canonical
// form. RRsets from a finalized Zone are already in canonical rdata order, so
// the common path never sorts.
#include "signet/dnssec/rrsig.hpp"

#include <algorithm>
#include <string>

#include "signet/dns/rrtype.hpp"
#include "detail/wire.hpp"

namespace signet::dnssec {
namespace {

using detail::put16;
using detail::put32;
std::uint8_t lower(std::uint8_t c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c + 32) : c; }

void append_lower(std::string_view wire, std::vector<std::uint8_t>& out) {
  for (char c : wire) out.push_back(lower(static_cast<std::uint8_t>(c)));
}

// Appends the owner as the signature sees it: lower-cased, and reduced to
// "*." + the rightmost `labels` labels when the RRset came from a wildcard.
void append_signed_owner(dns::NameView owner, unsigned labels, std::vector<std::uint8_t>& out) {
  std::string_view wire = owner.wire();
  unsigned count = owner.label_count();
  if (labels >= count) {
    append_lower(wire, out);
    return;
  }
  while (count > labels) {
    wire.remove_prefix(1 + static_cast<std::uint8_t>(wire[0]));
    --count;
  }
  out.push_back(1);
  out.push_back('*');
  append_lower(wire, out);
}

// Per-thread scratch buffers, so signing every RRset allocates nothing.
std::vector<std::uint8_t>& scratch_head() {
  thread_local std::vector<std::uint8_t> buffer;
  return buffer;
}
std::string& scratch_rdata() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

std::optional<RrsigView> parse_rrsig(std::span<const std::uint8_t> rdata) noexcept {
  if (rdata.size() < 18 + 1) return std::nullopt;
  const auto u16 = [&](std::size_t at) { return static_cast<std::uint16_t>(rdata[at] << 8 | rdata[at + 1]); };
  const auto u32 = [&](std::size_t at) { return static_cast<std::uint32_t>(u16(at)) << 16 | u16(at + 2); };
  RrsigView view;
  view.fields.type_covered = u16(0);
  view.fields.algorithm = rdata[2];
  view.fields.labels = rdata[3];
  view.fields.original_ttl = u32(4);
  view.fields.expiration = u32(8);
  view.fields.inception = u32(12);
  view.fields.key_tag = u16(16);
  const std::size_t name_size = dns::NameView::validate(rdata.subspan(18));
  if (name_size == 0) return std::nullopt;
  view.fields.signer = dns::NameView(std::string_view(reinterpret_cast<const char*>(rdata.data() + 18), name_size));
  view.signature = rdata.subspan(18 + name_size);
  if (view.signature.empty()) return std::nullopt;
  return view;
}

void append_rrsig_fields(const RrsigFields& fields, std::vector<std::uint8_t>& out) {
  put16(out, fields.type_covered);
  out.push_back(fields.algorithm);
  out.push_back(fields.labels);
  put32(out, fields.original_ttl);
  put32(out, fields.expiration);
  put32(out, fields.inception);
  put16(out, fields.key_tag);
  append_lower(fields.signer.wire(), out);
}

void append_signed_data(const RrsigFields& fields, const dns::Zone& zone, std::span<const dns::Record> records,
                        std::vector<std::uint8_t>& out) {
  append_rrsig_fields(fields, out);
  if (records.empty()) return;
  const dns::TypeDescriptor* row = dns::find_type(records.front().type);
  const bool lowercase = row != nullptr && row->canonical_lowercase_names;
  const auto rdata_less = [&](const dns::Record& a, const dns::Record& b) {
    return dns::canonical_rdata_compare(a.type, zone.rdata(a), zone.rdata(b)) < 0;
  };
  std::vector<dns::Record> sorted;
  if (!std::is_sorted(records.begin(), records.end(), rdata_less)) {
    sorted.assign(records.begin(), records.end());
    std::sort(sorted.begin(), sorted.end(), rdata_less);
    records = sorted;
  }
  // The owner, type, class and TTL part is the same for every RR: build it once.
  std::vector<std::uint8_t>& head = scratch_head();
  head.clear();
  append_signed_owner(zone.owner(records.front()), fields.labels, head);
  put16(head, records.front().type);
  put16(head, records.front().rclass);
  put32(head, fields.original_ttl);
  std::string& canonical = scratch_rdata();
  for (std::size_t i = 0; i < records.size(); ++i) {
    out.insert(out.end(), head.begin(), head.end());
    const auto rdata = zone.rdata(records[i]);
    if (!lowercase) {
      put16(out, static_cast<std::uint32_t>(rdata.size()));
      out.insert(out.end(), rdata.begin(), rdata.end());
    } else {
      canonical.clear();
      dns::canonical_rdata(records[i].type, rdata, canonical);
      put16(out, static_cast<std::uint32_t>(canonical.size()));
      out.insert(out.end(), canonical.begin(), canonical.end());
    }
  }
}

std::vector<std::uint8_t> make_rrsig_rdata(const RrsigFields& fields, std::span<const std::uint8_t> signature) {
  std::vector<std::uint8_t> out;
  out.reserve(18 + fields.signer.size() + signature.size());
  append_rrsig_fields(fields, out);
  out.insert(out.end(), signature.begin(), signature.end());
  return out;
}

dns::UnixTime rrsig_time(std::uint32_t t, dns::UnixTime now) noexcept {
  // The value congruent to t mod 2^32 nearest to now (RFC 4034 3.1.5, RFC 1982).
  const std::int64_t diff = static_cast<std::int32_t>(t - static_cast<std::uint32_t>(now));
  return now + diff;
}

}  // namespace signet::dnssec
