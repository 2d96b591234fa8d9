// SPDX-License-Identifier: MIT
// Private to lib/zonefile: the bytes of one input file, memory-mapped read-only
// when it is a regular file, read into memory otherwise (pipes, "-" = stdin).
// Owns the mapping; move-only. Does not interpret the bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace signet::zonefile::detail {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Opens `path` ("-" reads standard input). On failure returns false and sets
  // `why` to the system's reason ("No such file or directory").
  bool open(const std::string& path, std::string& why);
  std::string_view data() const noexcept;
  // Unmaps (or frees) the contents now; data() is empty afterwards.
  void close() noexcept { release(); }

 private:
  void release() noexcept;

  void* map_ = nullptr;  // mmap'ed region, or nullptr
  std::size_t map_size_ = 0;
  std::string buffer_;   // contents when not mapped
};

}  // namespace signet::zonefile::detail
