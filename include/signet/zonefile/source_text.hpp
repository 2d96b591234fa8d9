// SPDX-License-Identifier: MIT
// SourceText: the text a zone was read from and where each record's text is
// in it, kept by the parser (ParseOptions::keep_source) for the writer
// (WriteOptions::reuse_source). Holds no parsing or formatting logic.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "signet/dns/zone.hpp"

namespace signet::zonefile {

// The text a zone was read from, kept so that a writer can copy the line of
// a record that did not change instead of formatting it again
// (WriteOptions::reuse_source). Only made for a text in which every record is a
// self-contained line: one line, in the main file, that names its owner,
// TTL, class and type and holds only absolute names. Such a line reads as the
// same record wherever it stands: no $ORIGIN, $TTL, previous owner or
// previous record is needed to read it. A record's text runs from its owner
// to the end of its last field; a comment after it is not part of it.
struct SourceText {
  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t length : 31 = 0;    // 0: no record starts on this line
    std::uint32_t whole_line : 1 = 0;  // the line ends right after the text (no comment, no blank)
  };
  std::string_view text;
  std::vector<Span> lines;              // by line number (Record::line); [0] unused
  std::shared_ptr<const void> storage;  // keeps `text` readable (the file's mapping)

  // The text of `rr` (a record of the zone read from this text), or an
  // empty view when it has none.
  std::string_view record_text(const dns::Record& rr) const noexcept {
    if (rr.file != 0 || rr.line >= lines.size() || lines[rr.line].length == 0) return {};
    return text.substr(lines[rr.line].offset, lines[rr.line].length);
  }
  // True when the line of `rr` is its text and a newline, nothing else: a
  // run of such lines can be copied as it stands.
  bool whole_line(const dns::Record& rr) const noexcept {
    return rr.file == 0 && rr.line < lines.size() && lines[rr.line].whole_line;
  }
};

}  // namespace signet::zonefile
