// SPDX-License-Identifier: MIT
// RR types and their rdata layouts: one table (lib/dns/rrtype_table.cpp) with
// one row per type, listing the rdata fields and their kinds. The table drives
// presentation parsing and printing (zonefile/), wire checks and RFC 4034 6.2
// canonical form (names in the rdata of the types listed there are lower-cased).
// Types not in the table are handled as RFC 3597 opaque data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace signet::dns {

// IANA "Resource Record (RR) TYPEs" registry values used by the code.
namespace rrtype {
inline constexpr std::uint16_t A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, HINFO = 13, MX = 15, TXT = 16,
                               RP = 17, AFSDB = 18, AAAA = 28, LOC = 29, SRV = 33, NAPTR = 35, KX = 36,
                               CERT = 37, DNAME = 39, APL = 42, DS = 43, SSHFP = 44, IPSECKEY = 45,
                               RRSIG = 46, NSEC = 47, DNSKEY = 48, DHCID = 49, NSEC3 = 50, NSEC3PARAM = 51,
                               TLSA = 52, SMIMEA = 53, CDS = 59, CDNSKEY = 60, OPENPGPKEY = 61, CSYNC = 62,
                               ZONEMD = 63, SVCB = 64, HTTPS = 65, SPF = 99, NID = 104, L32 = 105, L64 = 106,
                               LP = 107, EUI48 = 108, EUI64 = 109, URI = 256, CAA = 257;
}  // namespace rrtype

namespace rrclass {
inline constexpr std::uint16_t IN = 1, CH = 3, HS = 4, NONE = 254, ANY = 255;
}

// How one rdata field is written in presentation and wire form.
enum class FieldKind : std::uint8_t {
  U8,            // decimal 0..255
  U16,           // decimal 0..65535
  U32,           // decimal 0..4294967295
  TTL,           // u32 written as a TTL ("1h30m" accepted on input; printed as a number)
  Type,          // u16 RR type mnemonic or TYPEnnn (RRSIG type covered)
  Time,          // u32 YYYYMMDDHHmmSS or plain decimal seconds (RRSIG, RFC 4034 3.2)
  Algorithm,     // u8 DNSSEC algorithm number or mnemonic (DS, DNSKEY, RRSIG)
  CertType,      // u16 CERT type number or mnemonic (RFC 4398)
  Name,          // domain name, uncompressed (lower-cased in canonical form if the type says so)
  A,             // IPv4, 4 octets
  AAAA,          // IPv6, 16 octets
  String,        // one <character-string> (length-prefixed, max 255)
  Strings,       // one or more <character-string>s to the end (TXT, SPF)
  Base64Rest,    // base64, may be split by whitespace, to the end (may be empty for some types)
  HexRest,       // hex, may be split by whitespace, to the end ("-" allowed where RFC says empty)
  Base32HexLen,  // u8 length + base32hex without padding (NSEC3 next hashed owner)
  HexLen,        // u8 length + hex, "-" for empty (NSEC3/NSEC3PARAM salt)
  TypeBitmap,    // RFC 4034 4.1.2 windowed type bitmap, to the end
  SvcParams,     // RFC 9460 SvcParams, to the end
  Loc,           // whole LOC rdata (RFC 1876), special syntax
  Apl,           // APL items to the end (RFC 3123)
  IpseckeyGateway,  // gateway type + algorithm + gateway + key (RFC 4025), whole rest of rdata
  Eui48,         // xx-xx-xx-xx-xx-xx
  Eui64,         // xx-xx-xx-xx-xx-xx-xx-xx
  Ilnp64,        // xxxx:xxxx:xxxx:xxxx (NID, L64)
  CaaTag,        // CAA tag: one alphanumeric token, u8 length + octets (flags are a U8, value a CaaValue)
  UriTarget,     // URI: quoted string, not length-prefixed, to end of rdata
  Base16Opt,     // hex to the end that may be empty (no tokens); printed as nothing when empty
  // Added by the rdata work (appended so existing values keep their numbers):
  CaaValue,      // CAA value: one character-string token of any length, not length-prefixed, to the end
  CertAlgorithm, // u8 DNSSEC algorithm, number or mnemonic, printed as a mnemonic when known (CERT, as BIND)
};

struct TypeDescriptor {
  std::uint16_t code;
  std::string_view mnemonic;
  std::span<const FieldKind> fields;
  // Names in this type's rdata are lower-cased for RFC 4034 6.2 canonical form
  // (RFC 4034 6.2 item 3 as amended by RFC 6840 5.1).
  bool canonical_lowercase_names;
  // Names in this type's rdata may be compressed on the wire (RFC 3597 4: only
  // the RFC 1035 types). Kept for completeness of wire decoding.
  bool compressible_names;
};

// The row for a known type, or nullptr.
const TypeDescriptor* find_type(std::uint16_t code) noexcept;
// The row for a mnemonic (case-insensitive), or nullptr. "TYPEnnn" is not a mnemonic.
const TypeDescriptor* find_type(std::string_view mnemonic) noexcept;
// Mnemonic or "TYPEnnn" for any code.
std::string type_to_text(std::uint16_t code);
// Parses a mnemonic or "TYPEnnn"; nullopt when neither.
std::optional<std::uint16_t> type_from_text(std::string_view text) noexcept;
// "IN", "CH", "HS", "NONE", "ANY" or "CLASSnnn".
std::string class_to_text(std::uint16_t code);
std::optional<std::uint16_t> class_from_text(std::string_view text) noexcept;
// All rows, in type-code order (for tests and docs).
std::span<const TypeDescriptor> all_types() noexcept;

}  // namespace signet::dns
