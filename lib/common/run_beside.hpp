// SPDX-License-Identifier: MIT
// Two pieces of work on two cores: `there` on a thread of its own, `here` on
// the caller's. Shared by the library's modules that split a big zone in two
// (the copy of the content, its index, the re-sign's walk). Not a public
// interface.
#pragma once

#include <exception>
#include <thread>

namespace signet::common {

// Runs `there` on another thread beside `here` on this one and returns when
// both have finished. An exception from `here` is rethrown first; else one
// from `there`.
template <typename Here, typename There>
void run_beside(Here&& here, There&& there) {
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      there();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    here();
  } catch (...) {
    worker.join();
    throw;
  }
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace signet::common
