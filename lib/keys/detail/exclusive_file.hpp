// SPDX-License-Identifier: MIT
// Creating a file that must not exist yet, atomically: the bytes go to a
// temporary file in the same directory, are fsync'ed, and the file is linked
// to its final name with link(2), which fails with EEXIST instead of replacing
// (O_EXCL semantics for the finished file). The directory is fsync'ed after.
#pragma once

#include <string>
#include <string_view>

namespace signet::keys::detail {

// Throws signet::Error naming `path` when it exists or any step fails; the
// temporary file is removed in every case.
void write_new_file(const std::string& path, std::string_view data, unsigned mode);
bool file_exists(const std::string& path) noexcept;
// Reads a whole file; throws signet::Error naming `path`.
std::string read_file(const std::string& path);

}  // namespace signet::keys::detail
