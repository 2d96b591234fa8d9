// SPDX-License-Identifier: MIT
// One pass over the bytes: a 256-entry class table, and SSE2 (when the target
// has it) to find the end of a word 16 bytes at a time. With SSE2, a line
// that is only words, blanks and a newline (most lines of a large zone) is
// cut from bit masks of 64 bytes at a time; any other line takes the
// byte-by-byte loop. Tokens are views into the buffer. Newlines end an entry
// unless a '(' is open. A quoted string may not span lines (as BIND): an
// unterminated quote then costs one line, not the rest of the file.
#include "zonefile/detail/scanner.hpp"

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace signet::zonefile::detail {
namespace {

enum Class : std::uint8_t {
  kWord = 0,   // part of a word
  kSpace,      // space, tab, CR, FF, VT
  kNewline,
  kComment,    // ';'
  kOpen,       // '('
  kClose,      // ')'
  kQuote,      // '"'
  kEscape,     // '\'
  kBad,        // NUL and other control characters
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = kBad;
  t[0x7F] = kBad;
  t[' '] = kSpace;
  t['\t'] = kSpace;
  t['\r'] = kSpace;
  t['\f'] = kSpace;
  t['\v'] = kSpace;
  t['\n'] = kNewline;
  t[';'] = kComment;
  t['('] = kOpen;
  t[')'] = kClose;
  t['"'] = kQuote;
  t['\\'] = kEscape;
  return t;
}
constexpr std::array<std::uint8_t, 256> kClasses = make_classes();

inline std::uint8_t class_of(char c) noexcept { return kClasses[static_cast<unsigned char>(c)]; }

#if defined(__SSE2__)
// Lanes holding ';', '(', ')', '"', '\\' or DEL: the bytes above 0x20 that end a word.
inline __m128i punctuation(__m128i v) noexcept {
  __m128i m = _mm_cmpeq_epi8(v, _mm_set1_epi8(';'));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('(')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(')')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  return _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
}
#endif

// The end of the word starting at `p`: the first byte that is not kWord, with
// "\X" taken as part of the word (except before a newline).
inline const char* word_end(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // v <= 0x20, or punctuation
    const __m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, space), space), punctuation(v));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(m));
    if (mask == 0) {
      p += 16;
      continue;
    }
    p += __builtin_ctz(mask);
    if (*p != '\\') return p;
    p += (p + 1 < end && p[1] != '\n') ? 2 : 1;
  }
#endif
  while (p < end) {
    const std::uint8_t c = class_of(*p);
    if (c == kWord) {
      ++p;
    } else if (c == kEscape) {
      p += (p + 1 < end && p[1] != '\n') ? 2 : 1;
    } else {
      break;
    }
  }
  return p;
}

inline void add_token(Entry& entry, const Token& token) {
  if (entry.count == entry.storage.size()) entry.storage.resize(entry.storage.size() * 2 + 16);
  entry.storage[entry.count++] = token;
}

#if defined(__SSE2__)
// The common line: words separated by spaces and tabs, ending in a newline,
// with nothing else (no ';', parentheses, quotes, backslashes or other
// control bytes). Scans the physical line at `begin` 64 bytes at a time,
// adding its words to `entry` and setting `next` past the newline. Returns
// false, with `entry` as it was, for any other line or when fewer than 64
// bytes remain: the general loop then takes the line from its start.
inline bool plain_line(const char* begin, const char* end, Entry& entry, std::uint32_t line,
                       const char*& next) {
  const std::size_t count = entry.count;
  const __m128i x1f = _mm_set1_epi8(0x1F);
  const __m128i x20 = _mm_set1_epi8(0x20);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const char* q = begin;
  const char* start = begin;  // of the word being read
  std::uint64_t carry = 0;    // 1 when the previous block ended inside a word
  while (end - q >= 64) {
    std::uint64_t newlines = 0, special = 0, blank = 0;
    for (int c = 0; c < 4; ++c) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 16 * c));
      const __m128i nl = _mm_cmpeq_epi8(v, newline);
      const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, x1f), x1f);  // v < 0x20
      const __m128i other_control = _mm_andnot_si128(_mm_or_si128(nl, _mm_cmpeq_epi8(v, tab)), control);
      const __m128i sp = _mm_or_si128(other_control, punctuation(v));
      const __m128i bl = _mm_cmpeq_epi8(_mm_max_epu8(v, x20), x20);  // v <= 0x20
      newlines |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(nl))} << (16 * c);
      special |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(sp))} << (16 * c);
      blank |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(bl))} << (16 * c);
    }
    const std::uint64_t valid = newlines != 0 ? (newlines & (0 - newlines)) - 1 : ~std::uint64_t{0};
    if ((special & valid) != 0) break;
    const std::uint64_t word = ~blank & valid;
    const std::uint64_t before = (word << 1) | carry;  // bit i: byte i - 1 is in a word
    std::uint64_t starts = word & ~before;
    std::uint64_t ends = ~word & before & ((valid << 1) | 1);
    // Starts and ends alternate; a word left open by the previous block ends first.
    const auto emit = [&](const char* word_start, std::uint64_t& end_bits) {
      const char* const stop = q + __builtin_ctzll(end_bits);
      end_bits &= end_bits - 1;
      add_token(entry, Token{{word_start, static_cast<std::size_t>(stop - word_start)},
                             false,
                             line,
                             static_cast<std::uint32_t>(word_start - begin) + 1});
    };
    if (carry != 0 && ends != 0) emit(start, ends);
    for (; starts != 0; starts &= starts - 1) {
      start = q + __builtin_ctzll(starts);
      if (ends == 0) break;  // the word goes on in the next block
      emit(start, ends);
    }
    if (newlines != 0) {
      next = q + __builtin_ctzll(newlines) + 1;
      return true;
    }
    carry = word >> 63;
    q += 64;
  }
  entry.count = count;
  return false;
}
#endif

std::string byte_name(unsigned char c) {
  if (c == 0) return "NUL byte";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string s = "control character 0x";
  s += kHex[c >> 4];
  s += kHex[c & 0xF];
  return s;
}

}  // namespace

Scanner::Scanner(std::string_view text) noexcept
    : p_(text.data()), end_(text.data() + text.size()), line_start_(text.data()) {}

void Scanner::fail(Entry& entry, const char* at, std::string message) {
  if (entry.has_error) return;
  entry.has_error = true;
  entry.error_line = line_;
  entry.error_column = column_of(at);
  entry.error = std::move(message);
}

void Scanner::bad_byte(Entry& entry) {
  const auto c = static_cast<unsigned char>(*p_);
  std::string message = byte_name(c);
  message += " in the zone file";
  if (c != 0) {
    message += "; write it as \\";
    message += static_cast<char>('0' + c / 100);
    message += static_cast<char>('0' + c / 10 % 10);
    message += static_cast<char>('0' + c % 10);
  }
  fail(entry, p_, std::move(message));
  ++p_;
}

void Scanner::scan_quoted(Entry& entry) {
  const char* open = p_;
  const std::uint32_t open_line = line_;
  const std::uint32_t open_column = column_of(open);
  const char* start = ++p_;
  while (p_ < end_) {
    const char c = *p_;
    if (c == '"') {
      add_token(entry, Token{{start, static_cast<std::size_t>(p_ - start)}, true, open_line, open_column});
      ++p_;
      return;
    }
    if (c == '\\') {
      p_ += (p_ + 1 < end_ && p_[1] != '\n') ? 2 : 1;
      continue;
    }
    if (c == '\n') break;
    if (class_of(c) == kBad) {
      bad_byte(entry);
      continue;
    }
    ++p_;
  }
  fail(entry, open, "unterminated quoted string starting at line " + std::to_string(open_line));
  add_token(entry, Token{{start, static_cast<std::size_t>(p_ - start)}, true, open_line, open_column});
}

bool Scanner::next(Entry& entry) {
  entry.count = 0;
  entry.has_error = false;
  entry.parenthesized = false;
  entry.error.clear();
  if (p_ >= end_) return false;

  const char* p = p_;
  const char* const end = end_;
  const char* line_start = line_start_;
  std::uint32_t line = line_;
  unsigned depth = 0;
  std::uint32_t open_line = 0, open_column = 0;
  bool done = false;

  // Runs a rare path that works on the members.
  const auto out_of_line = [&](auto&& fn) {
    p_ = p;
    line_start_ = line_start;
    line_ = line;
    fn();
    p = p_;
  };

  while (!done && p < end) {
    // At the start of a physical line.
    if (depth == 0 && entry.count == 0 && !entry.has_error) {
      entry.line = line;
      entry.blank_owner = *p == ' ' || *p == '\t';
#if defined(__SSE2__)
      const char* next_line = nullptr;
      if (plain_line(p, end, entry, line, next_line)) {
        p = next_line;
        ++line;
        line_start = p;
        if (entry.count != 0) break;
        continue;
      }
#endif
    }
    while (p < end) {
      const char c = *p;
      const std::uint8_t cls = class_of(c);
      if (cls == kWord || cls == kEscape) {
        const char* start = p;
        p = word_end(p, end);
        add_token(entry, Token{{start, static_cast<std::size_t>(p - start)},
                               false,
                               line,
                               static_cast<std::uint32_t>(start - line_start) + 1});
        continue;
      }
      if (cls == kSpace) {
        ++p;
        continue;
      }
      if (cls == kNewline) {
        ++p;
        ++line;
        line_start = p;
        if (depth == 0 && (entry.count != 0 || entry.has_error)) done = true;
        break;
      }
      switch (cls) {
        case kComment:
          while (p < end && *p != '\n') ++p;
          break;
        case kOpen:
          entry.parenthesized = true;
          if (depth++ == 0) {
            open_line = line;
            open_column = static_cast<std::uint32_t>(p - line_start) + 1;
          }
          ++p;
          break;
        case kClose:
          if (depth == 0) {
            out_of_line([&] { fail(entry, p_, "unbalanced ')'"); });
          } else {
            --depth;
          }
          ++p;
          break;
        case kQuote:
          out_of_line([&] { scan_quoted(entry); });
          break;
        default:
          out_of_line([&] { bad_byte(entry); });
          break;
      }
    }
  }
  p_ = p;
  line_start_ = line_start;
  line_ = line;
  if (depth != 0 && !entry.has_error) {
    entry.has_error = true;
    entry.error_line = open_line;
    entry.error_column = open_column;
    entry.error = "missing closing ')' for '(' opened at line " + std::to_string(open_line);
  }
  return entry.count != 0 || entry.has_error;
}

}  // namespace signet::zonefile::detail
