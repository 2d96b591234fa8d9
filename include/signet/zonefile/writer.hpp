// SPDX-License-Identifier: MIT
// Writes a zone in a stable, sorted, diff-friendly presentation form: canonical
// order, one RR per line, absolute owner names, "owner TTL CLASS TYPE rdata"
// separated by tabs, RFC 3597 form for unknown types. Parsing the output gives
// the same zone. Does not write files itself: the caller owns the stream/file.
#pragma once

#include <string>

#include "signet/dns/zone.hpp"

namespace signet::zonefile {

struct WriteOptions {
  bool generic_all = false;  // print every record in RFC 3597 form
};

// Appends the zone's text to `out`. Requires zone.finalized().
void write_zone(const dns::Zone& zone, std::string& out, const WriteOptions& options = {});
// One record's line (without the newline).
void write_record(const dns::Zone& zone, const dns::Record& rr, std::string& out, const WriteOptions& options = {});

}  // namespace signet::zonefile
