// SPDX-License-Identifier: MIT
// Replacing an output file so that readers see the old file or the complete
// new one, never a mixture, and a failure leaves nothing behind: the text goes
// to a temporary file in the target's directory, is flushed and fsync()ed, an
// optional check runs on it, and only then is it renamed over the target (and
// the directory synced). Any failure removes the temporary file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace signet::cli {

// A temporary file next to `target`, removed by the destructor unless
// commit() succeeded.
class AtomicOutput {
 public:
  // Creates "<dir>/.<name>.XXXXXX" with the mode of an existing target (else
  // 0644 less the umask). Throws signet::Error naming the directory.
  explicit AtomicOutput(std::string target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::string& temp_path() const noexcept { return temp_; }
  // Appends `data` to the temporary file. Throws signet::Error. On Linux,
  // every few MiB the kernel is asked to start writing back what came so far,
  // so that sync() waits for the last stretch only.
  void write(std::string_view data);
  // Appends the first `length` octets of the file at `path`. Throws
  // signet::Error when that file is shorter or cannot be read.
  void copy_prefix(const std::string& path, std::uint64_t length);
  // Fsyncs and closes the temporary file. Throws signet::Error.
  void sync();
  // write(data), then sync().
  void write_and_sync(std::string_view data) {
    write(data);
    sync();
  }
  // Renames the temporary file over the target and fsyncs the directory.
  void commit();

 private:
  std::string target_, temp_;
  int fd_ = -1;
  bool committed_ = false;
  std::uint64_t written_ = 0, flushed_ = 0;  // octets written; octets handed to writeback
};

// Asks the system to drop the cached pages of the file at `path` (a file
// about to be replaced and not read again), so that they are not freed at
// the rename that replaces it. A hint: errors are ignored.
void drop_cached_pages(const std::string& path) noexcept;

// Compares a file with text that arrives in pieces, reading the file as the
// pieces come: feed() returns false at the first difference, and
// matches() says whether the file held exactly the text fed, no more.
// A file that cannot be opened matches nothing.
class FileComparison {
 public:
  explicit FileComparison(const std::string& path);
  ~FileComparison();
  FileComparison(const FileComparison&) = delete;
  FileComparison& operator=(const FileComparison&) = delete;
  bool feed(std::string_view data);
  bool matches();

 private:
  std::FILE* file_ = nullptr;
  bool same_ = false;
  std::string buffer_;
};

// Runs `command` through /bin/sh with `path` appended as one (quoted)
// argument; returns its exit status (127 when it could not run, 128+N for a signal).
int run_check_command(const std::string& command, const std::string& path);

}  // namespace signet::cli
