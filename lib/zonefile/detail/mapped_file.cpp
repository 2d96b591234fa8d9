// SPDX-License-Identifier: MIT
// mmap for regular files (no copy, pages read on demand); read() loop for
// everything else, because pipes and terminals cannot be mapped.
#include "zonefile/detail/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace signet::zonefile::detail {
namespace {

std::string errno_text(int err) { return std::generic_category().message(err); }

// Reads all of `fd` into `out`; false (errno set) on a read error.
bool read_all(int fd, std::string& out) {
  constexpr std::size_t kChunk = 1 << 16;
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + kChunk);
    const ssize_t n = ::read(fd, out.data() + old, kChunk);
    if (n < 0) {
      out.resize(old);
      if (errno == EINTR) continue;
      return false;
    }
    out.resize(old + static_cast<std::size_t>(n));
    if (n == 0) return true;
  }
}

}  // namespace

MappedFile::MappedFile(MappedFile&& other) noexcept
    : map_(std::exchange(other.map_, nullptr)),
      map_size_(std::exchange(other.map_size_, 0)),
      buffer_(std::move(other.buffer_)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    map_ = std::exchange(other.map_, nullptr);
    map_size_ = std::exchange(other.map_size_, 0);
    buffer_ = std::move(other.buffer_);
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() noexcept {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = nullptr;
  map_size_ = 0;
  buffer_.clear();
  buffer_.shrink_to_fit();
}

bool MappedFile::open(const std::string& path, std::string& why) {
  release();
  if (path == "-") {
    if (!read_all(STDIN_FILENO, buffer_)) {
      why = errno_text(errno);
      return false;
    }
    return true;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = errno_text(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    why = errno_text(errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    why = errno_text(EISDIR);
    ::close(fd);
    return false;
  }
  bool ok = true;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;  // the whole file is read once: map it all up front
#endif
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, flags, fd, 0);
    if (p != MAP_FAILED) {
      map_ = p;
      map_size_ = static_cast<std::size_t>(st.st_size);
      ::madvise(p, map_size_, MADV_SEQUENTIAL);
    } else {
      ok = read_all(fd, buffer_);
    }
  } else if (!S_ISREG(st.st_mode)) {
    ok = read_all(fd, buffer_);
  }
  if (!ok) why = errno_text(errno);
  ::close(fd);
  return ok;
}

std::string_view MappedFile::data() const noexcept {
  if (map_ != nullptr) return {static_cast<const char*>(map_), map_size_};
  return buffer_;
}

}  // namespace signet::zonefile::detail
