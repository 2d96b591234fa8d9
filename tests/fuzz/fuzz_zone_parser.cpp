// SPDX-License-Identifier: MIT
// libFuzzer target for the zone-file parser and writer. Properties checked on
// every input: parsing never crashes, hangs or leaks (the sanitizers watch);
// and when the input parses without errors, the writer's output parses
// without errors to the same number of records, and writing that again gives
// the same text (the round trip is stable). $INCLUDE is off: the fuzzer must
// not read files.
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
  return 0;
}
