// SPDX-License-Identifier: MIT
#include "crypto/detail/ossl.hpp"

#include <openssl/err.h>

#include <string>

#include "signet/error.hpp"

namespace signet::crypto::detail {

void throw_openssl_error(std::string_view what) {
  std::string message(what);
  bool first = true;
  while (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    message += first ? ": " : "; ";
    message += buf;
    first = false;
  }
  if (first) message += ": OpenSSL gave no reason";
  throw Error(std::move(message));
}

void clear_openssl_errors() noexcept { ERR_clear_error(); }

}  // namespace signet::crypto::detail
