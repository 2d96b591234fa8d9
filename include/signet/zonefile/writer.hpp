// SPDX-License-Identifier: MIT
// Writes a zone in a stable, sorted, diff-friendly presentation form: canonical
// order, one RR per line, absolute owner names, "owner TTL CLASS TYPE rdata"
// separated by tabs, RFC 3597 form for unknown types. Parsing the output gives
// the same zone. Does not write files itself: the caller owns the stream/file.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "signet/dns/zone.hpp"
#include "signet/zonefile/source_text.hpp"

namespace signet::zonefile {

struct WriteOptions {
  bool generic_all = false;  // print every record in RFC 3597 form
  // write_zone_chunked: threads formatting pieces ahead of the sink (0: all
  // cores, 1: the caller's thread only). The sink is always called from the
  // caller's thread, in order.
  unsigned threads = 1;
  // A zone read from a text of self-contained lines (ParseResult::zone and
  // ::source, finalized) whose lines may be copied: a record equal to one of
  // `reuse_zone` in every octet (owner name, class, type, TTL and rdata) is
  // written as that record's text instead of being formatted. The line reads
  // as the same record, so the output parses to the same zone; unchanged
  // records keep their text, as a previous output written by another tool or
  // version of signet had it. Both or neither; not with generic_all.
  // When `reuse_zone` is the zone being written (read from the text, then
  // patched: signer::patch_previous() leaves every record it replaces or
  // adds without a line), a record with a line is written as that line.
  const dns::Zone* reuse_zone = nullptr;
  const SourceText* reuse_source = nullptr;
};

// Appends the zone's text to `out`. Requires zone.finalized().
void write_zone(const dns::Zone& zone, std::string& out, const WriteOptions& options = {});
// The same text in pieces of about `chunk` octets (whole lines), each passed
// to `sink`, so a large zone is never held as one string. The sink returns
// false to stop early; write_zone_chunked then returns false.
bool write_zone_chunked(const dns::Zone& zone, std::size_t chunk, const std::function<bool(std::string_view)>& sink,
                        const WriteOptions& options = {});
// One record's line (without the newline).
void write_record(const dns::Zone& zone, const dns::Record& rr, std::string& out, const WriteOptions& options = {});

}  // namespace signet::zonefile
