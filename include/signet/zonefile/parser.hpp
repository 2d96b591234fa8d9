// SPDX-License-Identifier: MIT
// RFC 1035 section 5 master-file parser: parentheses, comments, blank owner,
// "@", relative names, escapes, quoted strings, class and TTL in either order,
// TTL units, $ORIGIN, $TTL, $INCLUDE, $GENERATE (BIND syntax), RFC 2308
// default TTL rules, RFC 3597 generic rdata. Reads from a memory-mapped file
// (or a caller's buffer) with a hand-written scanner; no iostreams, no regex.
// Collects up to `max_errors` located errors, then stops. Does not judge the
// zone's content (verifier/ does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/dns/zone.hpp"
#include "signet/error.hpp"
#include "signet/zonefile/source_text.hpp"

namespace signet::zonefile {

struct ParseOptions {
  // Initial $ORIGIN. When empty (root) and the file sets no $ORIGIN before the
  // first relative name, relative names are an error.
  dns::Name origin;
  bool origin_given = false;
  // TTL for records with no explicit TTL before any $TTL or SOA (RFC 2308).
  std::optional<std::uint32_t> default_ttl;
  std::size_t max_errors = 20;
  bool allow_include = true;   // $INCLUDE permitted
  unsigned max_include_depth = 16;
  // finalize() the zone when there are no errors. Off only for callers that
  // add more records first, and for measuring the parser by itself.
  bool finalize = true;
  // Threads for one text: from `split_from` octets on, with 2 or more
  // threads, the text is read as two halves on two threads and joined (the
  // zone is the same as from one piece). A text with errors, directives
  // other than $ORIGIN and $TTL, or whose second half would need more than
  // the origin and $TTL in force (a record taking the TTL of one before the
  // middle) is read in one piece, as are classes other than IN.
  unsigned threads = 1;
  std::size_t split_from = 4u << 20;
  // Keep the text and where each record's line is (ParseResult::source),
  // when every record is a self-contained line (see SourceText).
  bool keep_source = false;
};

struct ParseResult {
  dns::Zone zone;             // finalize()d when errors is empty (and options.finalize)
  std::vector<Error> errors;  // in file order; at most max_errors (+1 "too many errors")
  unsigned pieces = 1;        // parts the text was read in, on as many threads (ParseOptions::threads)
  // With ParseOptions::keep_source, when every record is a self-contained
  // line and there are no errors; else null.
  std::shared_ptr<const SourceText> source;
  bool ok() const noexcept { return errors.empty(); }
};

// Parses the file at `path` (memory-mapped). A file that cannot be opened is
// reported as an Error in `errors` (location: the path). Never throws for bad input.
ParseResult parse_zone_file(const std::string& path, const ParseOptions& options = {});
// One file read by the thread that calls run(), which a second thread can
// join once it is free: help() takes the second half of what run() has not
// read yet, from a line that names an owner on, into a zone of its own that
// joins run()'s at the end. The result is the one parse_zone_file() gives
// (records in file order, their lines, the kept source); a part that would
// not join exactly as one parse reads it (run() already past the split, an
// entry across it, an error or a directive the helper was not handed) is
// read by run() after all. options.threads is not used.
class SharedParse {
 public:
  // Maps the file; a file that cannot be opened is reported by run().
  SharedParse(const std::string& path, const ParseOptions& options);
  ~SharedParse();
  SharedParse(const SharedParse&) = delete;
  SharedParse& operator=(const SharedParse&) = delete;
  // Parses the file on the calling thread, with what help() read. Once.
  ParseResult run();
  // On another thread: reads part of what run() has not reached and returns
  // when done; at once when run() is through or was helped, or when less
  // than options.split_from octets are left.
  void help();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Parses text already in memory; `display_name` is used in locations, and
// $INCLUDE paths are relative to `base_dir` ("" = current directory).
ParseResult parse_zone_text(std::string_view text, const std::string& display_name,
                            const ParseOptions& options = {}, const std::string& base_dir = "");

}  // namespace signet::zonefile
