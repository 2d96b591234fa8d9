// SPDX-License-Identifier: MIT
#include "keys/detail/exclusive_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "signet/error.hpp"

namespace signet::keys::detail {
namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int err) {
  throw Error(SourceLocation{path, 0, 0}, std::string(what) + ": " + std::strerror(err));
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

bool file_exists(const std::string& path) noexcept {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

void write_new_file(const std::string& path, std::string_view data, unsigned mode) {
  if (file_exists(path)) throw Error(SourceLocation{path, 0, 0}, "refusing to overwrite an existing file");
  std::string temp_name = path + ".tmp-XXXXXX";
  std::vector<char> temp(temp_name.begin(), temp_name.end());
  temp.push_back('\0');
  Fd file;
  file.fd = ::mkstemp(temp.data());  // created 0600, O_EXCL
  if (file.fd < 0) fail(path, "cannot create a temporary file next to it", errno);
  const std::string temp_path(temp.data());
  try {
    if (::fchmod(file.fd, static_cast<mode_t>(mode)) != 0) fail(path, "cannot set permissions", errno);
    for (std::size_t done = 0; done < data.size();) {
      ssize_t n = ::write(file.fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(path, "cannot write", errno);
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(file.fd) != 0) fail(path, "cannot sync", errno);
    if (::link(temp_path.c_str(), path.c_str()) != 0) {
      if (errno == EEXIST) throw Error(SourceLocation{path, 0, 0}, "refusing to overwrite an existing file");
      fail(path, "cannot create", errno);
    }
  } catch (...) {
    ::unlink(temp_path.c_str());
    throw;
  }
  ::unlink(temp_path.c_str());
  Fd dir;
  dir.fd = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir.fd >= 0) ::fsync(dir.fd);  // best effort: some file systems refuse directory fsync
}

std::string read_file(const std::string& path) {
  Fd file;
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) fail(path, "cannot open", errno);
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(file.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, "cannot read", errno);
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace signet::keys::detail
