// SPDX-License-Identifier: MIT
// libFuzzer target for the zone-file parser and writer. Properties checked on
// every input: parsing never crashes, hangs or leaks (the sanitizers watch);
// and when the input parses without errors, the writer's output parses
// without errors to the same number of records, and writing that again gives
// the same text (the round trip is stable). And when a parse that keeps its
// source (ParseOptions::keep_source) says every record is a self-contained
// line, each record's text read alone, under another origin and with no
// default TTL, is exactly that record; and writing the zone with its own
// text to copy from gives a text that reads as the same zone. $INCLUDE is
// off: the fuzzer must not read files.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "signet/dns/name.hpp"
#include "signet/zonefile/parser.hpp"
#include "signet/zonefile/writer.hpp"

namespace {

signet::zonefile::ParseOptions fuzz_options() {
  signet::zonefile::ParseOptions options;
  options.origin = signet::dns::Name::parse("fuzz.example.");
  options.origin_given = true;
  options.default_ttl = 3600;
  options.allow_include = false;
  options.max_errors = 4;
  return options;
}

signet::zonefile::ParseOptions alone_options() {
  signet::zonefile::ParseOptions options;
  options.origin = signet::dns::Name::parse("other.invalid.");
  options.origin_given = true;
  options.allow_include = false;
  options.max_errors = 1;
  return options;
}

bool same_record(const signet::dns::Zone& a, const signet::dns::Record& x, const signet::dns::Zone& b,
                 const signet::dns::Record& y) {
  const auto ra = a.rdata(x), rb = b.rdata(y);
  return a.owner(x).wire() == b.owner(y).wire() && x.type == y.type && x.rclass == y.rclass && x.ttl == y.ttl &&
         std::string_view(reinterpret_cast<const char*>(ra.data()), ra.size()) ==
             std::string_view(reinterpret_cast<const char*>(rb.data()), rb.size());
}

[[noreturn]] void fail(const char* what, const std::string& text, const std::string& detail) {
  std::fprintf(stderr, "round-trip property violated: %s\n%s\n--- written text ---\n%s\n", what,
               detail.c_str(), text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const signet::zonefile::ParseOptions options = fuzz_options();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto first = signet::zonefile::parse_zone_text(input, "fuzz-input", options);
  if (!first.ok()) return 0;

  std::string written;
  signet::zonefile::write_zone(first.zone, written);

  auto second = signet::zonefile::parse_zone_text(written, "fuzz-written", options);
  if (!second.ok()) fail("the writer's output does not parse", written, second.errors.front().what());
  if (second.zone.records().size() != first.zone.records().size()) {
    fail("the record count changed", written,
         std::to_string(first.zone.records().size()) + " records before, " +
             std::to_string(second.zone.records().size()) + " after");
  }
  std::string rewritten;
  signet::zonefile::write_zone(second.zone, rewritten);
  if (rewritten != written) fail("writing the re-parsed zone gives different text", written, rewritten);

  static const signet::zonefile::ParseOptions keep = [] {
    signet::zonefile::ParseOptions o = fuzz_options();
    o.keep_source = true;
    return o;
  }();
  static const signet::zonefile::ParseOptions alone = alone_options();
  const auto kept = signet::zonefile::parse_zone_text(input, "fuzz-input", keep);
  if (!kept.source) return 0;
  for (const signet::dns::Record& rr : kept.zone.records()) {
    const std::string line = std::string(kept.source->record_text(rr)) + "\n";
    const auto one = signet::zonefile::parse_zone_text(line, "fuzz-line", alone);
    if (!one.ok()) fail("a self-contained record's text does not parse alone", line, one.errors.front().what());
    if (one.zone.records().size() != 1 || !same_record(kept.zone, rr, one.zone, one.zone.records()[0]))
      fail("a self-contained record's text read alone is another record", line, std::string(input));
  }
  signet::zonefile::WriteOptions reuse;
  reuse.reuse_zone = &kept.zone;
  reuse.reuse_source = kept.source.get();
  std::string copied;
  signet::zonefile::write_zone(kept.zone, copied, reuse);
  // In pieces, lines that follow one another in the text go out as they
  // stand there, without a copy: the same text.
  std::string chunked;
  signet::zonefile::write_zone_chunked(kept.zone, 256, [&](std::string_view piece) {
    chunked += piece;
    return true;
  }, reuse);
  if (chunked != copied) fail("the text written in pieces with copied lines differs", chunked, copied);
  const auto third = signet::zonefile::parse_zone_text(copied, "fuzz-copied", options);
  if (!third.ok()) fail("the text written with copied lines does not parse", copied, third.errors.front().what());
  std::string third_written;
  signet::zonefile::write_zone(third.zone, third_written);
  if (third_written != written) fail("the text written with copied lines reads as another zone", copied, third_written);
  return 0;
}
