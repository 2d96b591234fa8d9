// SPDX-License-Identifier: MIT
// Wire-format names: validation, label walking, RFC 4034 6.1 canonical order,
// presentation parsing (RFC 1035 5.1 escapes) and printing (RFC 4343).
#include "signet/dns/name.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace signet::dns {
namespace {

constexpr unsigned char lower(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

const unsigned char* bytes_of(std::string_view s) noexcept { return reinterpret_cast<const unsigned char*>(s.data()); }

// Case-insensitive equality of two byte runs of the same length. Length
// octets (<= 63) are below 'A', so whole wire names can be compared this way.
bool equal_nocase(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i] && lower(a[i]) != lower(b[i])) return false;
  return true;
}

// Offsets of each label's length octet, leftmost first; returns the count
// (the root label is not included). A valid name has at most 127 labels.
constexpr std::size_t kMaxLabels = 128;
std::size_t label_offsets(std::string_view wire, std::uint8_t (&out)[kMaxLabels]) noexcept {
  const unsigned char* p = bytes_of(wire);
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < wire.size() && p[pos] != 0 && count < kMaxLabels) {
    out[count++] = static_cast<std::uint8_t>(pos);
    pos += 1u + p[pos];
  }
  return count;
}

// Characters that must be escaped as \X in presentation format.
constexpr bool needs_backslash(unsigned char c) noexcept {
  switch (c) {
    case '.': case '\\': case '"': case '(': case ')': case ';': case '@': case '$': case ' ':
      return true;
    default:
      return false;
  }
}

// The label's presentation text for messages, shortened to a readable length.
std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 20;
  if (text.size() <= kShown) return std::string(text);
  return std::string(text.substr(0, kShown)) + "\xE2\x80\xA6";  // U+2026 ellipsis
}

// Why the label of `len` octets at text[from] is wrong: empty, or over 63.
[[gnu::cold]] std::string label_error(std::string_view text, std::size_t from, std::size_t len) {
  if (len == 0)
    return from == 0 ? "the name starts with '.', which makes an empty label" : "the name has an empty label ('..')";
  return "label '" + shown(text.substr(from, len)) + "' is " + std::to_string(len) + " octets long; the limit is 63";
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

#if defined(__SSE2__)
// The `r` (1 to 16) bytes at p in the low lanes, zeros above; reads no byte
// past p + r (and none of them twice into a store-forwarding stall).
inline __m128i load_up_to_16(const char* p, std::size_t r) noexcept {
  if (r == 16) return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  std::uint64_t lo = 0, hi = 0;
  if (r >= 8) {
    std::memcpy(&lo, p, 8);
    if (r > 8) {
      std::memcpy(&hi, p + r - 8, 8);
      hi >>= 8 * (16 - r);
    }
  } else if (r >= 4) {
    std::uint32_t a = 0, b = 0;
    std::memcpy(&a, p, 4);
    lo = a;
    if (r > 4) {
      std::memcpy(&b, p + r - 4, 4);
      lo |= std::uint64_t{b >> (8 * (8 - r))} << 32;
    }
  } else {
    for (std::size_t i = 0; i < r; ++i) lo |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
}
#endif

}  // namespace

// ---- NameView ----------------------------------------------------------------

std::size_t NameView::validate(std::span<const std::uint8_t> bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::uint8_t len = bytes[pos];
    if (len == 0) return pos + 1 <= kMaxNameOctets ? pos + 1 : 0;
    if (len > kMaxLabelOctets) return 0;  // also rejects compression pointers
    pos += 1u + len;
    if (pos >= kMaxNameOctets) return 0;  // no room left for the root label
  }
  return 0;
}

unsigned NameView::label_count() const noexcept {
  const std::string_view w = wire();
  const unsigned char* p = bytes_of(w);
  unsigned count = 0;
  for (std::size_t pos = 0; pos < w.size() && p[pos] != 0; pos += 1u + p[pos]) ++count;
  return count;
}

bool NameView::is_wildcard() const noexcept {
  const std::string_view w = wire();
  return w.size() >= 2 && w[0] == 1 && w[1] == '*';
}

unsigned NameView::rrsig_label_count() const noexcept {
  const unsigned n = label_count();
  return is_wildcard() ? n - 1 : n;
}

NameView NameView::parent() const noexcept {
  const std::string_view w = wire();
  if (w.size() <= 1) return NameView();
  const std::size_t skip = 1u + static_cast<unsigned char>(w[0]);
  if (skip >= w.size()) return NameView();
  return NameView(w.substr(skip));
}

bool NameView::is_subdomain_of(NameView ancestor) const noexcept {
  const std::string_view w = wire();
  const std::string_view a = ancestor.wire();
  if (a.size() > w.size()) return false;
  const unsigned char* p = bytes_of(w);
  std::size_t pos = 0;
  const std::size_t target = w.size() - a.size();
  while (pos < target && p[pos] != 0) pos += 1u + p[pos];
  if (pos != target) return false;  // the suffix does not start on a label boundary
  return equal_nocase(p + pos, bytes_of(a), a.size());
}

bool NameView::equals(NameView other) const noexcept {
  const std::string_view a = wire();
  const std::string_view b = other.wire();
  if (a.size() != b.size()) return false;
  if (std::memcmp(a.data(), b.data(), a.size()) == 0) return true;
  return equal_nocase(bytes_of(a), bytes_of(b), a.size());
}

std::strong_ordering NameView::canonical_compare(NameView other) const noexcept {
  const std::string_view a = wire();
  const std::string_view b = other.wire();
  std::uint8_t la[kMaxLabels];
  std::uint8_t lb[kMaxLabels];
  const std::size_t na = label_offsets(a, la);
  const std::size_t nb = label_offsets(b, lb);
  const unsigned char* pa = bytes_of(a);
  const unsigned char* pb = bytes_of(b);
  std::size_t ia = na;
  std::size_t ib = nb;
  while (ia > 0 && ib > 0) {
    --ia;
    --ib;
    const unsigned char* x = pa + la[ia];
    const unsigned char* y = pb + lb[ib];
    const std::size_t lx = x[0];
    const std::size_t ly = y[0];
    const std::size_t n = std::min(lx, ly);
    for (std::size_t i = 1; i <= n; ++i) {
      if (x[i] == y[i]) continue;
      const unsigned char cx = lower(x[i]);
      const unsigned char cy = lower(y[i]);
      if (cx != cy) return cx <=> cy;
    }
    if (lx != ly) return lx <=> ly;
  }
  return na <=> nb;
}

// How each octet is printed: as itself, as \X, or as \DDD.
enum : std::uint8_t { kPlain = 0, kBackslash = 1, kDecimal = 2 };
struct PrintTable {
  std::uint8_t how[256];
  constexpr PrintTable() : how() {
    for (unsigned c = 0; c < 256; ++c)
      how[c] = needs_backslash(static_cast<unsigned char>(c)) ? kBackslash
               : (c < 0x21 || c > 0x7e)                     ? kDecimal
                                                            : kPlain;
  }
};
constexpr PrintTable kPrint;

void NameView::append_text(std::string& out) const {
  const std::string_view w = wire();
  const unsigned char* p = bytes_of(w);
  if (w.size() <= 1) {
    out.push_back('.');
    return;
  }
  // At most four characters per octet, made on the stack (a valid name has
  // at most 255 octets) and appended at once.
  char stack[4 * kMaxNameOctets];
  std::string longer;
  if (w.size() > kMaxNameOctets) longer.resize(4 * w.size());
  char* const begin = w.size() > kMaxNameOctets ? longer.data() : stack;
  char* dst = begin;
  std::size_t pos = 0;
  while (pos < w.size() && p[pos] != 0) {
    const std::size_t len = p[pos];
    const std::size_t end = std::min(w.size(), pos + 1 + len);
    for (std::size_t i = pos + 1; i < end; ++i) {
      const unsigned char c = p[i];
      switch (kPrint.how[c]) {
        case kPlain:
          *dst++ = static_cast<char>(c);
          break;
        case kBackslash:
          *dst++ = '\\';
          *dst++ = static_cast<char>(c);
          break;
        default:
          *dst++ = '\\';
          *dst++ = static_cast<char>('0' + c / 100);
          *dst++ = static_cast<char>('0' + c / 10 % 10);
          *dst++ = static_cast<char>('0' + c % 10);
      }
    }
    *dst++ = '.';
    pos = end;
  }
  out.append(begin, static_cast<std::size_t>(dst - begin));
}

std::string NameView::to_text() const {
  std::string out;
  out.reserve(size() + 8);
  append_text(out);
  return out;
}

// ---- parsing -----------------------------------------------------------------

bool parse_name_into(std::string_view text, NameView origin, std::string& out, std::string& why) {
  if (text.empty()) {
    why = "the name is empty";
    return false;
  }
  const std::string_view origin_wire = origin.wire();
  if (text == "@") {
    out.append(origin_wire);
    return true;
  }
  if (text == ".") {
    out.push_back('\0');
    return true;
  }
  // Most names have no escapes: their wire form is the text shifted by one
  // octet, each dot becoming the length of the label after it (and a final
  // dot the root label). Find the dots (16 at a time, reading only the text),
  // then copy the text once, write the lengths over the dots and append. A
  // name with an escape, or too long to be valid without one, takes the
  // general path.
  if (text.size() < kMaxNameOctets) {
    const std::size_t n = text.size();
    std::uint8_t dots[kMaxNameOctets];  // offsets of the dots in the text
    std::size_t count = 0;
    bool escaped = false;
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (std::size_t k = 0; k < n; k += 16) {
      const __m128i v = load_up_to_16(text.data() + k, std::min<std::size_t>(16, n - k));
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash)) != 0) {
        escaped = true;
        break;
      }
      for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, dot))); bits != 0; bits &= bits - 1)
        dots[count++] = static_cast<std::uint8_t>(k + static_cast<std::size_t>(__builtin_ctz(bits)));
    }
#else
    for (std::size_t i = 0; i < n && !escaped; ++i) {
      if (text[i] == '\\') escaped = true;
      if (text[i] == '.') dots[count++] = static_cast<std::uint8_t>(i);
    }
#endif
    if (!escaped) {
      char wire[kMaxNameOctets + 1];
      std::memcpy(wire + 1, text.data(), n);
      const bool absolute = count != 0 && dots[count - 1] == n - 1;
      const std::size_t labels = absolute ? count : count + 1;
      // Label k runs from just after dot k - 1 to just before dot k (or the end).
      std::size_t from = 0;
      for (std::size_t k = 0; k < labels; ++k) {
        const std::size_t to = k < count ? dots[k] : n;
        const std::size_t len = to - from;
        if (len - 1 >= kMaxLabelOctets) {  // 0, or over 63
          why = label_error(text, from, len);
          return false;
        }
        wire[from] = static_cast<char>(len);  // over the dot before the label, or the first octet
        from = to + 1;
      }
      if (absolute) wire[n] = '\0';  // the final dot: the root label
      const std::size_t total = n + 1 + (absolute ? 0 : origin_wire.size());
      if (total > kMaxNameOctets) {
        why = "name '" + shown(text) + "' is " + std::to_string(total) +
              " octets long in wire format; the limit is 255";
        return false;
      }
      out.append(wire, n + 1);
      if (!absolute) out.append(origin_wire);
      return true;
    }
  }
  const std::size_t base = out.size();
  // With escapes: the wire form is never longer than the text plus a leading
  // length octet and the root; escapes only shrink it. Write through a
  // pointer, trim at the end.
  out.resize(base + text.size() + 2);
  unsigned char* const begin = reinterpret_cast<unsigned char*>(out.data()) + base;
  unsigned char* w = begin;
  const char* s = text.data();
  const char* const end = s + text.size();
  bool absolute = false;
  while (s < end) {
    unsigned char* const len_at = w++;
    const char* const label_text = s;
    while (s < end && *s != '.') {
      if (*s != '\\') {
        *w++ = static_cast<unsigned char>(*s++);
        continue;
      }
      if (end - s < 2) {
        why = "the name ends with a lone backslash";
        return false;
      }
      if (is_digit(s[1])) {
        if (end - s < 4 || !is_digit(s[2]) || !is_digit(s[3])) {
          why = "escape '" + std::string(s, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - s, 4))) +
                "' is not \\DDD with three decimal digits";
          return false;
        }
        const int value = (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if (value > 255) {
          why = "escape '" + std::string(s, 4) + "' is over 255";
          return false;
        }
        *w++ = static_cast<unsigned char>(value);
        s += 4;
      } else {
        *w++ = static_cast<unsigned char>(s[1]);
        s += 2;
      }
    }
    const std::size_t len = static_cast<std::size_t>(w - len_at - 1);
    const std::string_view label(label_text, static_cast<std::size_t>(s - label_text));
    if (len == 0) {
      why = label_text == text.data() ? "the name starts with '.', which makes an empty label"
                                      : "the name has an empty label ('..')";
      return false;
    }
    if (len > kMaxLabelOctets) {
      why = "label '" + shown(label) + "' is " + std::to_string(len) + " octets long; the limit is 63";
      return false;
    }
    *len_at = static_cast<unsigned char>(len);
    if (s < end) {
      ++s;  // the dot
      if (s == end) absolute = true;
    }
  }
  std::size_t total = static_cast<std::size_t>(w - begin);
  if (absolute) {
    *w++ = 0;
    ++total;
    out.resize(base + total);
  } else {
    out.resize(base + total);
    out.append(origin_wire);
    total += origin_wire.size();
  }
  if (total > kMaxNameOctets) {
    why = "name '" + shown(text) + "' is " + std::to_string(total) +
          " octets long in wire format; the limit is 255";
    return false;
  }
  return true;
}

// ---- Name --------------------------------------------------------------------

Name::Name() : wire_(1, '\0') {}

Name Name::parse(std::string_view text, NameView origin, const SourceLocation& where) {
  Name name;
  name.wire_.clear();
  std::string why;
  if (!parse_name_into(text, origin, name.wire_, why)) throw Error(where, "bad name '" + shown(text) + "': " + why);
  return name;
}

Name Name::from_wire(std::string_view wire) {
  const std::size_t n =
      NameView::validate(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(wire.data()), wire.size()));
  if (n == 0 || n != wire.size())
    throw Error("the bytes are not one valid wire-format domain name");
  return Name(NameView(wire));
}

Name Name::lowercased() const {
  Name copy = *this;
  for (char& c : copy.wire_) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
  return copy;
}

}  // namespace signet::dns
