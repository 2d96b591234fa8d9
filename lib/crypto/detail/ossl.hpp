// SPDX-License-Identifier: MIT
// The one place that names OpenSSL handle types: each alias is declared once
// as a std::unique_ptr with a stateless deleter (no per-object function
// pointer). Secret-holding BIGNUMs use BN_clear_free. Also the error helper that
// drains OpenSSL's error queue into a signet::Error. Only lib/crypto includes this.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>
#include <string_view>

namespace signet::crypto::detail {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

using EvpPkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using EvpPkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using EvpMd = std::unique_ptr<EVP_MD, Deleter<EVP_MD_free>>;
using EvpMdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BigNum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;              // public numbers
using SecretBigNum = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;  // private numbers
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using OsslParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using OsslParams = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using EcGroup = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using EcPoint = std::unique_ptr<EC_POINT, Deleter<EC_POINT_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;

// Throws signet::Error "<what>: <OpenSSL reasons>" after draining the whole
// error queue (so stale entries never leak into a later message).
[[noreturn]] void throw_openssl_error(std::string_view what);
// Discards queued OpenSSL errors (after an expected failure, e.g. a bad signature).
void clear_openssl_errors() noexcept;

// Throws via throw_openssl_error when `ok` is not 1 (OpenSSL's success value).
inline void check(int ok, std::string_view what) {
  if (ok != 1) throw_openssl_error(what);
}
template <typename T>
T* check_ptr(T* p, std::string_view what) {
  if (p == nullptr) throw_openssl_error(what);
  return p;
}

}  // namespace signet::crypto::detail
