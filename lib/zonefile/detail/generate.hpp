// SPDX-License-Identifier: MIT
// Private to lib/zonefile: the text side of BIND's $GENERATE directive: the
// range "start-stop[/step]" and the substitution of "$" and
// "${offset[,width[,base]]}" (base d, o, x, X, n, N) in the owner and rdata
// templates; "\$" is a literal dollar. The parser turns the expanded text into
// records; nothing here knows about names or types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace signet::zonefile::detail {

// At most this many records per $GENERATE, to bound memory.
inline constexpr std::uint64_t kMaxGenerateRecords = 65536;

struct GenerateRange {
  std::uint32_t start = 0;
  std::uint32_t stop = 0;
  std::uint32_t step = 1;
  std::uint64_t count() const noexcept { return (std::uint64_t{stop} - start) / step + 1; }
};

// Parses "start-stop[/step]" (start <= stop, step >= 1, at most
// kMaxGenerateRecords values). False with a one-sentence reason in `why`.
bool parse_generate_range(std::string_view text, GenerateRange& range, std::string& why);

// Appends `pattern` to `out` with each "$" replaced by `value` and each
// "${offset[,width[,base]]}" by value+offset in that width and base. Other
// escapes ("\X") are copied unchanged for the field parsers. False with a
// reason in `why` on a malformed modifier or a negative result.
bool expand_generate(std::string_view pattern, std::int64_t value, std::string& out, std::string& why);

}  // namespace signet::zonefile::detail
