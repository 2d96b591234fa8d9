// SPDX-License-Identifier: MIT
// RFC 4034 6.2 canonical rdata (names lower-cased for the types whose row says
// so) and the RFC 4034 6.3 rdata order. Walks the type's fields in wire form;
// rdata that does not decode is used as-is.
#include <algorithm>
#include <cstring>

#include "signet/dns/name.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dns/zone.hpp"

namespace signet::dns {
namespace {

constexpr std::uint8_t lower(std::uint8_t c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c + ('a' - 'A')) : c;
}

// Wire size of a fixed-size field, 0 for variable ones.
constexpr std::size_t fixed_size(FieldKind kind) noexcept {
  switch (kind) {
    case FieldKind::U8:
    case FieldKind::Algorithm:
    case FieldKind::CertAlgorithm:
      return 1;
    case FieldKind::U16:
    case FieldKind::Type:
    case FieldKind::CertType:
      return 2;
    case FieldKind::U32:
    case FieldKind::TTL:
    case FieldKind::Time:
    case FieldKind::A:
      return 4;
    case FieldKind::AAAA:
      return 16;
    default:
      return 0;
  }
}

// Calls `on_name(offset, length)` for each name in the rdata of `row`, in order.
// Returns false when the rdata does not decode far enough to find them all.
// Only the layouts of the lower-casing types need to be walked: names come
// before any to-the-end field in all of them.
template <typename OnName>
bool walk_names(const TypeDescriptor& row, std::span<const std::uint8_t> rdata, OnName&& on_name) {
  std::size_t pos = 0;
  for (const FieldKind kind : row.fields) {
    if (const std::size_t n = fixed_size(kind)) {
      if (rdata.size() - pos < n) return false;
      pos += n;
    } else if (kind == FieldKind::Name) {
      const std::size_t n = NameView::validate(rdata.subspan(pos));
      if (n == 0) return false;
      on_name(pos, n);
      pos += n;
    } else if (kind == FieldKind::String) {
      if (pos >= rdata.size() || rdata.size() - pos - 1 < rdata[pos]) return false;
      pos += 1 + rdata[pos];
    } else {
      return true;  // a to-the-end field: no names after it
    }
  }
  return pos == rdata.size();
}

// Three-way compare of octet strings with the shorter-prefix-first rule.
int compare_octets(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  if (n != 0) {
    const int c = std::memcmp(a.data(), b.data(), n);
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Canonical octet at `i`: lower-cased inside the listed name ranges.
struct CanonicalView {
  std::span<const std::uint8_t> bytes;
  std::size_t ranges[8][2] = {};  // [begin, end) of names; no listed type has more than 2
  std::size_t count = 0;
  bool ok = true;

  std::uint8_t at(std::size_t i) const noexcept {
    for (std::size_t r = 0; r < count; ++r)
      if (i >= ranges[r][0] && i < ranges[r][1]) return lower(bytes[i]);
    return bytes[i];
  }
};

CanonicalView make_view(const TypeDescriptor& row, std::span<const std::uint8_t> rdata) {
  CanonicalView view{rdata};
  view.ok = walk_names(row, rdata, [&](std::size_t offset, std::size_t length) {
    if (view.count < std::size(view.ranges)) {
      view.ranges[view.count][0] = offset;
      view.ranges[view.count][1] = offset + length;
      ++view.count;
    }
  });
  if (!view.ok) view.count = 0;  // undecodable rdata compares as-is
  return view;
}

}  // namespace

void canonical_rdata(std::uint16_t type, std::span<const std::uint8_t> rdata, std::string& out) {
  const std::size_t base = out.size();
  out.append(reinterpret_cast<const char*>(rdata.data()), rdata.size());
  const TypeDescriptor* row = find_type(type);
  if (row == nullptr || !row->canonical_lowercase_names) return;
  // Lower-case in place only once the whole rdata is known to decode.
  std::size_t ranges[8][2];
  std::size_t count = 0;
  const bool ok = walk_names(*row, rdata, [&](std::size_t offset, std::size_t length) {
    if (count < std::size(ranges)) {
      ranges[count][0] = offset;
      ranges[count][1] = offset + length;
      ++count;
    }
  });
  if (!ok) return;
  for (std::size_t r = 0; r < count; ++r)
    for (std::size_t i = ranges[r][0]; i < ranges[r][1]; ++i)
      out[base + i] = static_cast<char>(lower(static_cast<std::uint8_t>(out[base + i])));
}

int canonical_rdata_compare(std::uint16_t type, std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  const TypeDescriptor* row = find_type(type);
  if (row == nullptr || !row->canonical_lowercase_names) return compare_octets(a, b);
  // Lower-casing keeps every octet in place, so equal prefixes stay equal and a
  // first difference where neither octet is an upper-case letter decides as it
  // is: only the rest needs the rdata decoded (the common case in sorting and
  // duplicate checks never does).
  {
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    if (i == n) return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    const auto upper = [](std::uint8_t c) { return c >= 'A' && c <= 'Z'; };
    if (!upper(a[i]) && !upper(b[i])) return a[i] < b[i] ? -1 : 1;
  }
  // Label-length octets are never letters, so lower-casing whole name ranges is exact.
  const CanonicalView va = make_view(*row, a);
  const CanonicalView vb = make_view(*row, b);
  if (va.count == 0 && vb.count == 0) return compare_octets(a, b);
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t x = va.at(i), y = vb.at(i);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace signet::dns
