// SPDX-License-Identifier: MIT
#include "cli/atomic_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "signet/error.hpp"

namespace signet::cli {
namespace {

std::pair<std::string, std::string> split_path(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {".", path};
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

Error file_error(const std::string& path, std::string_view what) {
  return Error(SourceLocation{path, 0, 0}, std::string(what) + ": " + std::strerror(errno));
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace

AtomicOutput::AtomicOutput(std::string target) : target_(std::move(target)) {
  const auto [dir, name] = split_path(target_);
  std::string pattern = dir + "/." + name + ".XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  fd_ = ::mkstemp(buffer.data());
  if (fd_ < 0) throw file_error(dir, "cannot create a temporary file in the output directory");
  temp_.assign(buffer.data());
  struct stat st {};
  mode_t mode = 0644;
  if (::stat(target_.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0644 & ~mask;
  }
  if (::fchmod(fd_, mode) != 0) throw file_error(temp_, "cannot set the mode of the temporary file");
}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicOutput::write(std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw file_error(temp_, "cannot write the output");
    }
    done += static_cast<std::size_t>(n);
  }
  written_ += data.size();
#ifdef SYNC_FILE_RANGE_WRITE
  // Writeback starts now, behind the writes that follow; the final fsync()
  // then has little left to wait for (42 MB: 25-40 ms -> 2 ms here).
  constexpr std::uint64_t kWritebackStep = 4u << 20;
  if (written_ - flushed_ >= kWritebackStep) {
    ::sync_file_range(fd_, static_cast<off_t>(flushed_), static_cast<off_t>(written_ - flushed_), SYNC_FILE_RANGE_WRITE);
    flushed_ = written_;
  }
#endif
}

void AtomicOutput::copy_prefix(const std::string& path, std::uint64_t length) {
  const int in = ::open(path.c_str(), O_RDONLY);
  if (in < 0) throw file_error(path, "cannot read the previous output");
  std::vector<char> block(std::min<std::uint64_t>(length, 1u << 20));
  std::uint64_t done = 0;
  while (done < length) {
    const ssize_t n = ::read(in, block.data(), std::min<std::uint64_t>(block.size(), length - done));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      const int saved = n < 0 ? errno : EIO;
      ::close(in);
      errno = saved;
      throw file_error(path, "cannot read the previous output");
    }
    write(std::string_view(block.data(), static_cast<std::size_t>(n)));
    done += static_cast<std::uint64_t>(n);
  }
  ::close(in);
}

void AtomicOutput::sync() {
  if (::fsync(fd_) != 0) throw file_error(temp_, "cannot sync the output to disk");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw file_error(temp_, "cannot close the output");
}

void AtomicOutput::commit() {
  if (::rename(temp_.c_str(), target_.c_str()) != 0) throw file_error(target_, "cannot rename the new output into place");
  committed_ = true;
  const auto [dir, name] = split_path(target_);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

FileComparison::FileComparison(const std::string& path) : file_(std::fopen(path.c_str(), "rb")), same_(file_ != nullptr) {}

FileComparison::~FileComparison() {
  if (file_ != nullptr) std::fclose(file_);
}

bool FileComparison::feed(std::string_view data) {
  if (!same_) return false;
  buffer_.resize(data.size());
  same_ = std::fread(buffer_.data(), 1, data.size(), file_) == data.size() &&
          std::memcmp(buffer_.data(), data.data(), data.size()) == 0;
  return same_;
}

bool FileComparison::matches() {
  if (!same_) return false;
  char extra = 0;
  same_ = std::fread(&extra, 1, 1, file_) == 0;  // the file ends where the text does
  return same_;
}

int run_check_command(const std::string& command, const std::string& path) {
  const std::string line = command + " " + shell_quote(path);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    // The check's stdout must not mix with a zone written to stdout.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 127;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 127;
}

void drop_cached_pages(const std::string& path) noexcept {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

}  // namespace signet::cli
