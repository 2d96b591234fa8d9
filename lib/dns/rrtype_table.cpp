// SPDX-License-Identifier: MIT
// The RR type table: one row per known type (IANA "Resource Record (RR) TYPEs"),
// with its rdata layout as a list of FieldKinds. Parsing, printing and RFC 4034
// 6.2 canonicalization are all driven from these rows.
#include <algorithm>
#include <array>

#include "signet/dns/rrtype.hpp"

namespace signet::dns {
namespace {

using K = FieldKind;

// Field layouts, one per distinct rdata shape.
constexpr K kA[] = {K::A};
constexpr K kName[] = {K::Name};  // NS CNAME PTR DNAME
constexpr K kSoa[] = {K::Name, K::Name, K::U32, K::TTL, K::TTL, K::TTL, K::TTL};
constexpr K kHinfo[] = {K::String, K::String};
constexpr K kPrefName[] = {K::U16, K::Name};  // MX AFSDB KX LP
constexpr K kStrings[] = {K::Strings};        // TXT SPF
constexpr K kRp[] = {K::Name, K::Name};
constexpr K kAaaa[] = {K::AAAA};
constexpr K kLoc[] = {K::Loc};
constexpr K kSrv[] = {K::U16, K::U16, K::U16, K::Name};
constexpr K kNaptr[] = {K::U16, K::U16, K::String, K::String, K::String, K::Name};
constexpr K kCert[] = {K::CertType, K::U16, K::CertAlgorithm, K::Base64Rest};
constexpr K kApl[] = {K::Apl};
constexpr K kDs[] = {K::U16, K::Algorithm, K::U8, K::HexRest};  // DS CDS
constexpr K kSshfp[] = {K::U8, K::U8, K::HexRest};
constexpr K kIpseckey[] = {K::U8, K::IpseckeyGateway};
constexpr K kRrsig[] = {K::Type, K::Algorithm, K::U8, K::TTL, K::Time, K::Time, K::U16, K::Name, K::Base64Rest};
constexpr K kNsec[] = {K::Name, K::TypeBitmap};
constexpr K kDnskey[] = {K::U16, K::U8, K::Algorithm, K::Base64Rest};  // DNSKEY CDNSKEY
constexpr K kBase64[] = {K::Base64Rest};                                 // DHCID OPENPGPKEY
constexpr K kNsec3[] = {K::U8, K::U8, K::U16, K::HexLen, K::Base32HexLen, K::TypeBitmap};
constexpr K kNsec3param[] = {K::U8, K::U8, K::U16, K::HexLen};
constexpr K kTlsa[] = {K::U8, K::U8, K::U8, K::HexRest};  // TLSA SMIMEA
constexpr K kCsync[] = {K::U32, K::U16, K::TypeBitmap};
constexpr K kZonemd[] = {K::U32, K::U8, K::U8, K::HexRest};
constexpr K kSvcb[] = {K::U16, K::Name, K::SvcParams};  // SVCB HTTPS
constexpr K kIlnp64[] = {K::U16, K::Ilnp64};            // NID L64
constexpr K kL32[] = {K::U16, K::A};
constexpr K kEui48[] = {K::Eui48};
constexpr K kEui64[] = {K::Eui64};
constexpr K kUri[] = {K::U16, K::U16, K::UriTarget};
constexpr K kCaa[] = {K::U8, K::CaaTag, K::CaaValue};

// Sorted by code. lower: RFC 4034 6.2 item 3 as amended by RFC 6840 5.1 (NSEC
// and HINFO are not in the list). compressible: RFC 3597 4 (RFC 1035 types).
constexpr TypeDescriptor kTypes[] = {
    {rrtype::A, "A", kA, false, false},
    {rrtype::NS, "NS", kName, true, true},
    {rrtype::CNAME, "CNAME", kName, true, true},
    {rrtype::SOA, "SOA", kSoa, true, true},
    {rrtype::PTR, "PTR", kName, true, true},
    {rrtype::HINFO, "HINFO", kHinfo, false, false},
    {rrtype::MX, "MX", kPrefName, true, true},
    {rrtype::TXT, "TXT", kStrings, false, false},
    {rrtype::RP, "RP", kRp, true, false},
    {rrtype::AFSDB, "AFSDB", kPrefName, true, false},
    {rrtype::AAAA, "AAAA", kAaaa, false, false},
    {rrtype::LOC, "LOC", kLoc, false, false},
    {rrtype::SRV, "SRV", kSrv, true, false},
    {rrtype::NAPTR, "NAPTR", kNaptr, true, false},
    {rrtype::KX, "KX", kPrefName, true, false},
    {rrtype::CERT, "CERT", kCert, false, false},
    {rrtype::DNAME, "DNAME", kName, true, false},
    {rrtype::APL, "APL", kApl, false, false},
    {rrtype::DS, "DS", kDs, false, false},
    {rrtype::SSHFP, "SSHFP", kSshfp, false, false},
    {rrtype::IPSECKEY, "IPSECKEY", kIpseckey, false, false},
    {rrtype::RRSIG, "RRSIG", kRrsig, true, false},
    {rrtype::NSEC, "NSEC", kNsec, false, false},
    {rrtype::DNSKEY, "DNSKEY", kDnskey, false, false},
    {rrtype::DHCID, "DHCID", kBase64, false, false},
    {rrtype::NSEC3, "NSEC3", kNsec3, false, false},
    {rrtype::NSEC3PARAM, "NSEC3PARAM", kNsec3param, false, false},
    {rrtype::TLSA, "TLSA", kTlsa, false, false},
    {rrtype::SMIMEA, "SMIMEA", kTlsa, false, false},
    {rrtype::CDS, "CDS", kDs, false, false},
    {rrtype::CDNSKEY, "CDNSKEY", kDnskey, false, false},
    {rrtype::OPENPGPKEY, "OPENPGPKEY", kBase64, false, false},
    {rrtype::CSYNC, "CSYNC", kCsync, false, false},
    {rrtype::ZONEMD, "ZONEMD", kZonemd, false, false},
    {rrtype::SVCB, "SVCB", kSvcb, false, false},
    {rrtype::HTTPS, "HTTPS", kSvcb, false, false},
    {rrtype::SPF, "SPF", kStrings, false, false},
    {rrtype::NID, "NID", kIlnp64, false, false},
    {rrtype::L32, "L32", kL32, false, false},
    {rrtype::L64, "L64", kIlnp64, false, false},
    {rrtype::LP, "LP", kPrefName, false, false},
    {rrtype::EUI48, "EUI48", kEui48, false, false},
    {rrtype::EUI64, "EUI64", kEui64, false, false},
    {rrtype::URI, "URI", kUri, false, false},
    {rrtype::CAA, "CAA", kCaa, false, false},
};
constexpr std::size_t kTypeCount = std::size(kTypes);

constexpr bool sorted_by_code() {
  for (std::size_t i = 1; i < kTypeCount; ++i)
    if (kTypes[i - 1].code >= kTypes[i].code) return false;
  return true;
}
static_assert(sorted_by_code(), "kTypes must be sorted by code");

// Direct index for codes 0..kMaxDirect: row + 1, 0 for none.
constexpr std::uint16_t kMaxDirect = 257;
constexpr std::array<std::uint8_t, kMaxDirect + 1> make_code_index() {
  std::array<std::uint8_t, kMaxDirect + 1> index{};
  for (std::size_t i = 0; i < kTypeCount; ++i)
    if (kTypes[i].code <= kMaxDirect) index[kTypes[i].code] = static_cast<std::uint8_t>(i + 1);
  return index;
}
constexpr auto kCodeIndex = make_code_index();

constexpr char upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Case-insensitive three-way compare of `text` against an upper-case mnemonic.
constexpr int compare_upper(std::string_view text, std::string_view mnemonic) noexcept {
  const std::size_t n = std::min(text.size(), mnemonic.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char a = upper(text[i]), b = mnemonic[i];
    if (a != b) return a < b ? -1 : 1;
  }
  return text.size() < mnemonic.size() ? -1 : (text.size() > mnemonic.size() ? 1 : 0);
}

constexpr bool unique_mnemonics() {
  for (std::size_t i = 0; i < kTypeCount; ++i)
    for (std::size_t j = i + 1; j < kTypeCount; ++j)
      if (compare_upper(kTypes[i].mnemonic, kTypes[j].mnemonic) == 0) return false;
  return true;
}
static_assert(unique_mnemonics(), "each mnemonic names one type");

// Mnemonic -> row + 1 (0: empty slot), open addressing on an FNV-1a hash of
// the upper-cased text: one probe for nearly every lookup, where the binary
// search it replaces made seven case-insensitive comparisons. A signed
// zone's text looks up a type for every RRSIG and every type in a bitmap.
constexpr std::size_t kHashSlots = 512;  // a power of two, over 4x the types
static_assert(kHashSlots > 4 * kTypeCount);
constexpr std::size_t hash_upper(std::string_view text) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(upper(c));
    h *= 1099511628211ull;
  }
  return static_cast<std::size_t>(h ^ (h >> 29)) & (kHashSlots - 1);
}
constexpr std::array<std::uint8_t, kHashSlots> make_hash_index() {
  std::array<std::uint8_t, kHashSlots> index{};
  for (std::size_t i = 0; i < kTypeCount; ++i) {
    std::size_t slot = hash_upper(kTypes[i].mnemonic);
    while (index[slot] != 0) slot = (slot + 1) & (kHashSlots - 1);
    index[slot] = static_cast<std::uint8_t>(i + 1);
  }
  return index;
}
constexpr auto kHashIndex = make_hash_index();

// Parses the decimal digits after a "TYPE"/"CLASS" prefix (case-insensitive).
std::optional<std::uint16_t> parse_numbered(std::string_view text, std::string_view prefix) noexcept {
  if (text.size() <= prefix.size() || compare_upper(text.substr(0, prefix.size()), prefix) != 0) return std::nullopt;
  const std::string_view digits = text.substr(prefix.size());
  if (digits.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > 0xFFFF) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

struct ClassRow {
  std::uint16_t code;
  std::string_view mnemonic;
};
// IANA "DNS CLASSes" registry.
constexpr ClassRow kClasses[] = {
    {rrclass::IN, "IN"}, {rrclass::CH, "CH"}, {rrclass::HS, "HS"}, {rrclass::NONE, "NONE"}, {rrclass::ANY, "ANY"},
};

}  // namespace

const TypeDescriptor* find_type(std::uint16_t code) noexcept {
  if (code > kMaxDirect) return nullptr;
  const std::uint8_t row = kCodeIndex[code];
  return row == 0 ? nullptr : &kTypes[row - 1];
}

const TypeDescriptor* find_type(std::string_view mnemonic) noexcept {
  for (std::size_t slot = hash_upper(mnemonic); kHashIndex[slot] != 0; slot = (slot + 1) & (kHashSlots - 1)) {
    const TypeDescriptor& row = kTypes[kHashIndex[slot] - 1];
    if (compare_upper(mnemonic, row.mnemonic) == 0) return &row;
  }
  return nullptr;
}

std::string type_to_text(std::uint16_t code) {
  if (const TypeDescriptor* row = find_type(code)) return std::string(row->mnemonic);
  return "TYPE" + std::to_string(code);
}

std::optional<std::uint16_t> type_from_text(std::string_view text) noexcept {
  if (const TypeDescriptor* row = find_type(text)) return row->code;
  return parse_numbered(text, "TYPE");
}

std::string class_to_text(std::uint16_t code) {
  for (const ClassRow& row : kClasses)
    if (row.code == code) return std::string(row.mnemonic);
  return "CLASS" + std::to_string(code);
}

std::optional<std::uint16_t> class_from_text(std::string_view text) noexcept {
  for (const ClassRow& row : kClasses)
    if (compare_upper(text, row.mnemonic) == 0) return row.code;
  return parse_numbered(text, "CLASS");
}

std::span<const TypeDescriptor> all_types() noexcept { return {kTypes, kTypeCount}; }

}  // namespace signet::dns
