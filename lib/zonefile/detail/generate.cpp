// SPDX-License-Identifier: MIT
// $GENERATE text expansion, following BIND's genname(): the nibble bases
// ("n", "N") write one hex digit per label, least significant first, and count
// the dots in the width.
#include "zonefile/detail/generate.hpp"

#include <charconv>

namespace signet::zonefile::detail {
namespace {

constexpr unsigned kMaxWidth = 255;

bool parse_u32(std::string_view text, std::uint32_t& value) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string quoted(std::string_view text) {
  std::string s = "'";
  s.append(text.substr(0, 60));
  if (text.size() > 60) s += "...";
  s += '\'';
  return s;
}

// Appends `value` in `base` with at least `width` characters.
void format_value(std::uint64_t value, unsigned width, char base, std::string& out) {
  static constexpr char kLower[] = "0123456789abcdef";
  static constexpr char kUpper[] = "0123456789ABCDEF";
  if (base == 'n' || base == 'N') {
    const char* digits = base == 'n' ? kLower : kUpper;
    do {
      out += digits[value & 0xF];
      value >>= 4;
      if (width > 0) --width;
      if (width > 0 || value != 0) {
        out += '.';
        if (width > 0) --width;
      }
    } while (value != 0 || width > 0);
    return;
  }
  const unsigned radix = base == 'o' ? 8 : (base == 'x' || base == 'X') ? 16 : 10;
  const char* digits = base == 'X' ? kUpper : kLower;
  char buf[32];
  char* p = buf + sizeof buf;
  do {
    *--p = digits[value % radix];
    value /= radix;
  } while (value != 0);
  const auto n = static_cast<unsigned>(buf + sizeof buf - p);
  if (n < width) out.append(width - n, '0');
  out.append(p, n);
}

// Parses the inside of "${...}".
bool parse_modifier(std::string_view text, std::int64_t& offset, unsigned& width, char& base) {
  offset = 0;
  width = 0;
  base = 'd';
  std::string_view parts[3];
  std::size_t n = 0;
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = text.find(',', from);
    if (n == 3) return false;
    parts[n++] = text.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from);
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  std::string_view off = parts[0];
  bool negative = false;
  if (!off.empty() && (off[0] == '+' || off[0] == '-')) {
    negative = off[0] == '-';
    off.remove_prefix(1);
  }
  std::uint32_t magnitude = 0;
  if (!parse_u32(off, magnitude)) return false;
  offset = negative ? -std::int64_t{magnitude} : std::int64_t{magnitude};
  if (n >= 2) {
    std::uint32_t w = 0;
    if (!parse_u32(parts[1], w) || w > kMaxWidth) return false;
    width = w;
  }
  if (n == 3) {
    if (parts[2].size() != 1) return false;
    base = parts[2][0];
    switch (base) {
      case 'd': case 'o': case 'x': case 'X': case 'n': case 'N': break;
      default: return false;
    }
  }
  return true;
}

}  // namespace

bool parse_generate_range(std::string_view text, GenerateRange& range, std::string& why) {
  const std::size_t dash = text.find('-');
  const std::size_t slash = text.find('/');
  if (dash == std::string_view::npos || (slash != std::string_view::npos && slash < dash)) {
    why = "bad $GENERATE range " + quoted(text) + "; expected start-stop[/step]";
    return false;
  }
  const std::string_view start = text.substr(0, dash);
  const std::string_view stop =
      text.substr(dash + 1, slash == std::string_view::npos ? std::string_view::npos : slash - dash - 1);
  GenerateRange r;
  if (!parse_u32(start, r.start) || !parse_u32(stop, r.stop) ||
      (slash != std::string_view::npos && !parse_u32(text.substr(slash + 1), r.step))) {
    why = "bad $GENERATE range " + quoted(text) + "; expected start-stop[/step] with decimal numbers";
    return false;
  }
  if (r.step == 0) {
    why = "$GENERATE step must be at least 1";
    return false;
  }
  if (r.start > r.stop) {
    why = "$GENERATE range start " + std::to_string(r.start) + " is above its stop " + std::to_string(r.stop);
    return false;
  }
  if (r.count() > kMaxGenerateRecords) {
    why = "$GENERATE range " + quoted(text) + " makes " + std::to_string(r.count()) + " records; at most " +
          std::to_string(kMaxGenerateRecords) + " are allowed per directive, to bound memory";
    return false;
  }
  range = r;
  return true;
}

bool expand_generate(std::string_view pattern, std::int64_t value, std::string& out, std::string& why) {
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\\') {
      // "\$" is a literal dollar; any other escape stays for the field parsers.
      if (i + 1 < pattern.size() && pattern[i + 1] == '$') {
        out += '$';
      } else {
        out.append(pattern.substr(i, 2));
      }
      i += 2;
      continue;
    }
    if (c != '$') {
      out += c;
      ++i;
      continue;
    }
    std::int64_t offset = 0;
    unsigned width = 0;
    char base = 'd';
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      const std::size_t close = pattern.find('}', i + 2);
      if (close == std::string_view::npos) {
        why = "unterminated ${ modifier in $GENERATE template " + quoted(pattern);
        return false;
      }
      const std::string_view inside = pattern.substr(i + 2, close - i - 2);
      if (!parse_modifier(inside, offset, width, base)) {
        why = "bad $GENERATE modifier " + quoted(pattern.substr(i, close - i + 1)) +
              "; expected ${offset[,width[,base]]} with base d, o, x, X, n or N";
        return false;
      }
      i = close + 1;
    } else {
      ++i;
    }
    const std::int64_t v = value + offset;
    if (v < 0) {
      why = "$GENERATE value " + std::to_string(v) + " is negative";
      return false;
    }
    format_value(static_cast<std::uint64_t>(v), width, base, out);
  }
  return true;
}

}  // namespace signet::zonefile::detail
