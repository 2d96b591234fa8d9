// SPDX-License-Identifier: MIT
// signet-bench-parse: parse-only throughput of the zone-file parser.
// Usage: signet-bench-parse [-o ORIGIN] [-n RUNS] ZONEFILE
// Reads the file into memory once (so disk speed is not measured), parses it
// RUNS times with parse_zone_text, and prints records, bytes and the best and
// median MB/s (1 MB = 10^6 bytes). Exit 0, or 3 when the file does not parse.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "signet/dns/name.hpp"
#include "signet/zonefile/parser.hpp"

namespace {

bool read_file(const char* path, std::string& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

void usage() { std::fprintf(stderr, "usage: signet-bench-parse [-o ORIGIN] [-n RUNS] ZONEFILE\n"); }

}  // namespace

int main(int argc, char** argv) {
  std::string origin;
  int runs = 5;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      origin = argv[++i];
    } else if (std::strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (argv[i][0] != '-' && path == nullptr) {
      path = argv[i];
    } else {
      usage();
      return 2;
    }
  }
  if (path == nullptr) {
    usage();
    return 2;
  }
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "%s: cannot read the file\n", path);
    return 3;
  }
  signet::zonefile::ParseOptions options;
  if (!origin.empty()) {
    options.origin = signet::dns::Name::parse(origin);
    options.origin_given = true;
  }
  std::string base_dir;
  if (const char* slash = std::strrchr(path, '/')) base_dir.assign(path, slash);

  std::vector<double> seconds;
  std::size_t records = 0;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto result = signet::zonefile::parse_zone_text(text, path, options, base_dir);
    const auto stop = std::chrono::steady_clock::now();
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.errors.front().what());
      return 3;
    }
    records = result.zone.records().size();
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double mb = static_cast<double>(text.size()) / 1e6;
  const double median = seconds[seconds.size() / 2];
  std::printf("file %s\nbytes %zu\nrecords %zu\nruns %d\nbest %.4f s  %.1f MB/s\nmedian %.4f s  %.1f MB/s\n",
              path, text.size(), records, runs, seconds.front(), mb / seconds.front(), median, mb / median);
  return 0;
}
