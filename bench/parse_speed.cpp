// SPDX-License-Identifier: MIT
// signet-bench-parse: parse-only throughput of the zone-file parser.
// Usage: signet-bench-parse [-o ORIGIN] [-n RUNS] [-t THREADS] [-k] ZONEFILE (-k: keep the text, as a re-sign does)
// Reads the file into memory once (so disk speed is not measured), parses it
// RUNS times with parse_zone_text, and prints records, bytes and the best and
// median MB/s (1 MB = 10^6 bytes) of the whole call (parse + Zone::finalize),
// then of the parse alone and of finalize alone (timed apart in the same runs).
// Exit 0, or 3 when the file does not parse.
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

void usage() { std::fprintf(stderr, "usage: signet-bench-parse [-o ORIGIN] [-n RUNS] [-t THREADS] [-k] ZONEFILE\n"); }

}  // namespace

int main(int argc, char** argv) {
  std::string origin;
  int runs = 5;
  unsigned threads = 1;  // -t: ParseOptions::threads (2 reads big texts as two halves)
  bool keep = false;     // -k: ParseOptions::keep_source (as a re-sign reads its previous output)
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      origin = argv[++i];
    } else if (std::strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
      threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (std::strcmp(argv[i], "-k") == 0) {
      keep = true;
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

  options.finalize = false;  // timed apart below
  options.threads = threads;
  options.keep_source = keep;

  std::vector<double> seconds, parse_seconds, finalize_seconds;
  std::size_t records = 0;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto result = signet::zonefile::parse_zone_text(text, path, options, base_dir);
    const auto parsed = std::chrono::steady_clock::now();
    if (!result.ok()) {
      std::fprintf(stderr, "%s\n", result.errors.front().what());
      return 3;
    }
    result.zone.finalize();
    const auto stop = std::chrono::steady_clock::now();
    records = result.zone.records().size();
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
    parse_seconds.push_back(std::chrono::duration<double>(parsed - start).count());
    finalize_seconds.push_back(std::chrono::duration<double>(stop - parsed).count());
  }
  for (auto* v : {&seconds, &parse_seconds, &finalize_seconds}) std::sort(v->begin(), v->end());
  const double mb = static_cast<double>(text.size()) / 1e6;
  const auto median = [](const std::vector<double>& v) { return v[v.size() / 2]; };
  std::printf("file %s\nbytes %zu\nrecords %zu\nruns %d\n", path, text.size(), records, runs);
  std::printf("best %.4f s  %.1f MB/s\nmedian %.4f s  %.1f MB/s\n", seconds.front(), mb / seconds.front(),
              median(seconds), mb / median(seconds));
  std::printf("parse only: best %.4f s  %.1f MB/s  median %.4f s  %.1f MB/s\n", parse_seconds.front(),
              mb / parse_seconds.front(), median(parse_seconds), mb / median(parse_seconds));
  std::printf("finalize only: best %.4f s  median %.4f s\n", finalize_seconds.front(), median(finalize_seconds));
  return 0;
}
