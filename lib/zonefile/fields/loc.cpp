// SPDX-License-Identifier: MIT
// LOC rdata (RFC 1876): "d1 [m1 [s1]] N|S d2 [m2 [s2]] E|W alt[m] [siz[m]
// [hp[m] [vp[m]]]]", the whole rdata as one field. Printed as BIND does:
// "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m".
#include <cstdio>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

constexpr std::uint32_t kEquator = 1u << 31;       // RFC 1876: 2^31 is the equator / prime meridian
constexpr std::int64_t kAltitudeBase = 10000000;   // cm below the WGS 84 spheroid reference
constexpr std::uint64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

// "int[.frac]" with at most `max_frac` fractional digits, as an integer scaled by 10^max_frac.
bool parse_fixed(std::string_view text, unsigned max_frac, std::uint64_t max, std::uint64_t& value) noexcept {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  std::uint64_t w = 0, f = 0;
  if (!parse_decimal(whole, max, w)) return false;
  if (dot != std::string_view::npos) {
    if (frac.empty() || frac.size() > max_frac || !parse_decimal(frac, 999, f)) return false;
  }
  for (std::size_t i = frac.size(); i < max_frac; ++i) f *= 10;
  value = w * kPowers[max_frac] + f;
  return true;
}

// Meters with up to two decimals and an optional 'm', as centimeters.
bool parse_meters(std::string_view text, std::uint64_t max_m, std::uint64_t& cm) noexcept {
  if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) text.remove_suffix(1);
  return parse_fixed(text, 2, max_m, cm);
}

// RFC 1876 size/precision: mantissa and power of ten in one octet, in centimeters.
std::uint8_t encode_precision(std::uint64_t cm) noexcept {
  unsigned exponent = 0;
  while (cm >= 10 && exponent < 9) {
    cm /= 10;
    ++exponent;
  }
  return static_cast<std::uint8_t>(cm << 4 | exponent);
}

// Mantissa and exponent 0..9; a zero mantissa only with exponent 0 (the one
// encoding of zero, so that text and wire map one to one).
bool valid_precision(std::uint8_t v) noexcept {
  return (v >> 4) <= 9 && (v & 0xF) <= 9 && ((v >> 4) != 0 || (v & 0xF) == 0);
}

void print_precision(std::uint8_t v, std::string& out) {
  const unsigned mantissa = v >> 4, exponent = v & 0xF;
  char buf[32];
  int n;
  if (exponent >= 2)
    n = std::snprintf(buf, sizeof buf, "%llum", static_cast<unsigned long long>(mantissa * kPowers[exponent - 2]));
  else
    n = std::snprintf(buf, sizeof buf, "0.%02llum", static_cast<unsigned long long>(mantissa * kPowers[exponent]));
  out.append(buf, static_cast<std::size_t>(n));
}

// One coordinate: degrees [minutes [seconds]] hemisphere. Returns the wire value.
std::uint32_t parse_coordinate(ParseState& st, dns::FieldKind kind, unsigned max_degrees, char positive,
                               char negative) {
  std::uint64_t degrees = 0, minutes = 0, millis = 0;
  const Token& deg_token = st.next(kind);
  if (!parse_decimal(deg_token.text, max_degrees, degrees)) st.bad(kind, deg_token, "bad degrees");
  const Token* token = &st.next(kind);
  auto is_hemisphere = [&](const Token& t) {
    return t.text.size() == 1 && ((t.text[0] | 0x20) == (positive | 0x20) || (t.text[0] | 0x20) == (negative | 0x20));
  };
  if (!is_hemisphere(*token)) {
    if (!parse_decimal(token->text, 59, minutes)) st.bad(kind, *token, "bad minutes");
    token = &st.next(kind);
    if (!is_hemisphere(*token)) {
      if (!parse_fixed(token->text, 3, 59, millis) || millis >= 60000) st.bad(kind, *token, "bad seconds");
      token = &st.next(kind);
    }
  }
  if (!is_hemisphere(*token)) st.bad(kind, *token, std::string("expected ") + positive + " or " + negative);
  const std::uint64_t offset = degrees * 3600000 + minutes * 60000 + millis;
  if (offset > std::uint64_t{max_degrees} * 3600000) st.bad(kind, *token, "out of range");
  const bool is_positive = (token->text[0] | 0x20) == (positive | 0x20);
  return is_positive ? kEquator + static_cast<std::uint32_t>(offset) : kEquator - static_cast<std::uint32_t>(offset);
}

void print_coordinate(std::uint32_t value, char positive, char negative, std::string& out) {
  const bool is_positive = value >= kEquator;
  std::uint32_t offset = is_positive ? value - kEquator : kEquator - value;
  const unsigned millis = offset % 1000;
  offset /= 1000;
  char buf[48];
  const int n = std::snprintf(buf, sizeof buf, "%u %u %u.%03u %c", offset / 3600, offset / 60 % 60, offset % 60, millis,
                              is_positive ? positive : negative);
  out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

void parse_loc(ParseState& st, dns::FieldKind kind) {
  const std::uint32_t latitude = parse_coordinate(st, kind, 90, 'N', 'S');
  const std::uint32_t longitude = parse_coordinate(st, kind, 180, 'E', 'W');
  const Token& alt_token = st.next(kind);
  std::string_view alt = alt_token.text;
  const bool below = !alt.empty() && alt[0] == '-';
  if (below) alt.remove_prefix(1);
  std::uint64_t alt_cm = 0;
  // RFC 1876: -100000.00 .. 42849672.95 m.
  if (!parse_meters(alt, below ? 100000 : 42849673, alt_cm) || (!below && alt_cm > 4284967295))
    st.bad(kind, alt_token, "bad altitude");
  std::uint8_t precision[3] = {0x12, 0x16, 0x13};  // defaults: 1m, 10000m, 10m
  for (std::uint8_t& p : precision) {
    if (st.at_end()) break;
    const Token& token = st.tokens[st.pos++];
    std::uint64_t cm = 0;
    if (!parse_meters(token.text, 90000000, cm)) st.bad(kind, token, "bad size or precision");
    p = encode_precision(cm);
  }
  st.put_u8(0);  // version
  for (const std::uint8_t p : precision) st.put_u8(p);
  st.put_u32(latitude);
  st.put_u32(longitude);
  const std::int64_t altitude = kAltitudeBase + (below ? -static_cast<std::int64_t>(alt_cm) : static_cast<std::int64_t>(alt_cm));
  st.put_u32(static_cast<std::uint32_t>(altitude));
}

bool print_loc(WireReader& r, std::string& out) {
  std::uint8_t version, size, hp, vp;
  std::uint32_t latitude, longitude, altitude;
  if (!r.u8(version) || version != 0 || !r.u8(size) || !r.u8(hp) || !r.u8(vp) || !r.u32(latitude) ||
      !r.u32(longitude) || !r.u32(altitude))
    return false;
  if (!valid_precision(size) || !valid_precision(hp) || !valid_precision(vp)) return false;
  const std::uint32_t lat_off = latitude >= kEquator ? latitude - kEquator : kEquator - latitude;
  const std::uint32_t lon_off = longitude >= kEquator ? longitude - kEquator : kEquator - longitude;
  if (lat_off > 90u * 3600000 || lon_off > 180u * 3600000) return false;
  print_coordinate(latitude, 'N', 'S', out);
  out += ' ';
  print_coordinate(longitude, 'E', 'W', out);
  out += ' ';
  const std::int64_t alt = static_cast<std::int64_t>(altitude) - kAltitudeBase;
  const std::uint64_t magnitude = static_cast<std::uint64_t>(alt < 0 ? -alt : alt);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%s%llu.%02llum", alt < 0 ? "-" : "",
                        static_cast<unsigned long long>(magnitude / 100), static_cast<unsigned long long>(magnitude % 100));
  out.append(buf, static_cast<std::size_t>(n));
  for (const std::uint8_t p : {size, hp, vp}) {
    out += ' ';
    print_precision(p, out);
  }
  return true;
}

}  // namespace signet::zonefile::detail
