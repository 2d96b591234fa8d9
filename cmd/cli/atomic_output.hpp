// SPDX-License-Identifier: MIT
// Replacing an output file so that readers see the old file or the complete
// new one, never a mixture, and a failure leaves nothing behind: the text goes
// to a temporary file in the target's directory, is flushed and fsync()ed, an
// optional check runs on it, and only then is it renamed over the target (and
// the directory synced). Any failure removes the temporary file.
#pragma once

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
  // Writes all of `data`, fsyncs and closes. Throws signet::Error.
  void write_and_sync(std::string_view data);
  // Renames the temporary file over the target and fsyncs the directory.
  void commit();

 private:
  std::string target_, temp_;
  int fd_ = -1;
  bool committed_ = false;
};

// True when the file at `path` exists and holds exactly `data`.
bool file_has_content(const std::string& path, std::string_view data);

// Runs `command` through /bin/sh with `path` appended as one (quoted)
// argument; returns its exit status (127 when it could not run, 128+N for a signal).
int run_check_command(const std::string& command, const std::string& path);

}  // namespace signet::cli
