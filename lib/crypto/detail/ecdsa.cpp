// SPDX-License-Identifier: MIT
// ECDSA family (RFC 6605): public keys are raw x||y, signatures raw r||s, each
// part `component_octets` long; OpenSSL wants an uncompressed point (0x04 x y)
// and DER signatures, so this file converts both ways. Signing goes below EVP
// when OpenSSL still has the EC_KEY interface (see EcdsaDigestSigner).
//
// ECDSA_sign_setup and ECDSA_do_sign_ex are deprecated in OpenSSL 3.0 but
// still built by Debian and every distribution; without them (a build with
// OPENSSL_NO_DEPRECATED_3_0) signing takes EVP_PKEY_sign as the other families do.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <algorithm>

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/objects.h>

#include "crypto/detail/family.hpp"
#include "signet/error.hpp"

namespace signet::crypto::detail {
namespace {

EvpPkey generate(const Algorithm& a, unsigned) {
  EvpPkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", a.openssl_name.data()));
  if (!key) throw_openssl_error("cannot generate a " + algorithm_label(a) + " key");
  return key;
}

EvpPkey point_key(const Algorithm& a, std::span<const std::uint8_t> point, SecretBytes* scalar_le,
                  const std::string& what) {
  std::string group(a.openssl_name);
  OSSL_PARAM params[4];
  std::size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group.data(), 0);
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(point.data()),
                                                  point.size());
  if (scalar_le != nullptr) params[n++] = bn_param(OSSL_PKEY_PARAM_PRIV_KEY, *scalar_le);
  params[n] = OSSL_PARAM_construct_end();
  return pkey_from_params("EC", scalar_le != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params, what);
}

EvpPkey from_material(const Algorithm& a, const KeyMaterial& m, const std::string& source) {
  const std::string what = source + ": bad " + algorithm_label(a) + " private key";
  if (m.private_key.size() != a.component_octets)
    throw Error(what + ": the private key is " + std::to_string(m.private_key.size()) + " octets, expected " +
                std::to_string(a.component_octets));
  // The key file holds only the scalar; derive the public point Q = d*G.
  EcGroup group(check_ptr(EC_GROUP_new_by_curve_name_ex(nullptr, nullptr, EC_curve_nist2nid(a.openssl_name.data())), what));
  SecretBigNum d(check_ptr(BN_bin2bn(m.private_key.data(), static_cast<int>(m.private_key.size()), nullptr), what));
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group.get())) >= 0)
    throw Error(what + ": the scalar is not in the range 1..n-1");
  BnCtx bn_ctx(check_ptr(BN_CTX_new(), what));
  EcPoint q(check_ptr(EC_POINT_new(group.get()), what));
  check(EC_POINT_mul(group.get(), q.get(), d.get(), nullptr, nullptr, bn_ctx.get()), what);
  std::uint8_t point[1 + 2 * 66];
  std::size_t len = EC_POINT_point2oct(group.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED, point, sizeof point,
                                       bn_ctx.get());
  if (len == 0) throw_openssl_error(what);
  SecretBytes scalar = reversed(m.private_key.span());
  return point_key(a, {point, len}, &scalar, what);
}

KeyMaterial material(const Algorithm& a, EVP_PKEY* key) {
  KeyMaterial m;
  m.private_key = get_bn(key, OSSL_PKEY_PARAM_PRIV_KEY, a.component_octets);
  return m;
}

EvpPkey decode_public(const Algorithm& a, std::span<const std::uint8_t> field) {
  const std::string what = "bad " + algorithm_label(a) + " public key";
  if (field.size() != 2 * a.component_octets)
    throw Error(what + ": it is " + std::to_string(field.size()) + " octets, RFC 6605 says " +
                std::to_string(2 * a.component_octets));
  std::vector<std::uint8_t> point;
  point.reserve(1 + field.size());
  point.push_back(POINT_CONVERSION_UNCOMPRESSED);
  point.insert(point.end(), field.begin(), field.end());
  return point_key(a, point, nullptr, what + " (not a point on " + std::string(a.openssl_name) + ")");
}

std::vector<std::uint8_t> encode_public(const Algorithm& a, EVP_PKEY* key) {
  std::vector<std::uint8_t> out;
  out.reserve(2 * a.component_octets);
  for (const char* coordinate : {OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y}) {
    SecretBytes c = get_bn(key, coordinate, a.component_octets);
    out.insert(out.end(), c.data(), c.data() + c.size());
  }
  return out;
}

// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 2.2.3) in
// DER, converted by hand: it runs once per signature, and going through
// ECDSA_SIG and two BIGNUMs costs allocations that show in the profile.
// Every length here is below 128 octets (short form) for P-256 and P-384.

// Reads one DER INTEGER at `p` into a big-endian field of `width` octets.
bool read_der_integer(const std::uint8_t*& p, const std::uint8_t* end, std::uint8_t* field, std::size_t width) {
  if (end - p < 2 || p[0] != 0x02 || p[1] == 0 || p[1] > 0x7F || end - p - 2 < p[1]) return false;
  const std::uint8_t* v = p + 2;
  std::size_t len = p[1];
  p = v + len;
  if (v[0] & 0x80) return false;  // negative
  while (len > 1 && v[0] == 0) {
    ++v;
    --len;
  }
  if (len > width) return false;
  std::fill(field, field + (width - len), std::uint8_t{0});
  std::copy(v, v + len, field + (width - len));
  return true;
}

void to_dnssec_signature(const Algorithm& a, std::span<const std::uint8_t> der, std::vector<std::uint8_t>& out) {
  const std::size_t width = a.component_octets;
  const std::size_t at = out.size();
  out.resize(at + 2 * width);
  const std::uint8_t* p = der.data();
  const std::uint8_t* const end = p + der.size();
  const bool ok = der.size() >= 2 && p[0] == 0x30 && p[1] == der.size() - 2 && (p += 2, true) &&
                  read_der_integer(p, end, out.data() + at, width) &&
                  read_der_integer(p, end, out.data() + at + width, width) && p == end;
  if (!ok) throw_openssl_error("OpenSSL returned an unparsable ECDSA signature");
}

// Appends `v` (big-endian, unsigned) as a DER INTEGER.
void append_der_integer(std::span<const std::uint8_t> v, std::vector<std::uint8_t>& out) {
  std::size_t skip = 0;
  while (skip + 1 < v.size() && v[skip] == 0) ++skip;
  v = v.subspan(skip);
  const bool pad = v[0] & 0x80;
  out.push_back(0x02);
  out.push_back(static_cast<std::uint8_t>(v.size() + pad));
  if (pad) out.push_back(0);
  out.insert(out.end(), v.begin(), v.end());
}

bool from_dnssec_signature(const Algorithm& a, std::span<const std::uint8_t> raw, std::vector<std::uint8_t>& out) {
  if (raw.size() != 2 * a.component_octets || a.component_octets == 0 || a.component_octets > 60) return false;
  out.clear();
  out.push_back(0x30);
  out.push_back(0);
  append_der_integer(raw.first(a.component_octets), out);
  append_der_integer(raw.subspan(a.component_octets), out);
  out[1] = static_cast<std::uint8_t>(out.size() - 2);
  return true;
}

bool matches(const Algorithm& a, EVP_PKEY* key) {
  char group[64] = {};
  std::size_t len = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) == 1 &&
         (a.openssl_name == group || EC_curve_nist2nid(a.openssl_name.data()) == OBJ_sn2nid(group));
}

#ifndef OPENSSL_NO_DEPRECATED_3_0
using EcKey = std::unique_ptr<EC_KEY, Deleter<EC_KEY_free>>;

// Signs with the signer's own copy of the EC_KEY and one BN_CTX kept for its
// life: k and r = x(kG) from ECDSA_sign_setup, then s from ECDSA_do_sign_ex.
// Per signature this skips what EVP_PKEY_sign adds around the same curve
// arithmetic: the provider dispatch, the DER encoding (and our parse of it),
// a fresh BN_CTX, and the hedged nonce derivation (SHA-512, fetched by name on
// every call, over the private key, the digest and random octets). k comes
// from OpenSSL's private DRBG (BN_priv_rand_range): the random nonce of
// FIPS 186-4 B.5.2, which is also what GnuTLS (Knot DNS's signer) uses by
// default. 13-16% more P-256 signatures per second on one core than
// EVP_PKEY_sign (interleaved runs; bench/RESULTS.md).
class EcdsaDigestSigner final : public DigestSigner {
 public:
  EcdsaDigestSigner(const Algorithm& a, EcKey key, BnCtx ctx)
      : alg_(a), key_(std::move(key)), ctx_(std::move(ctx)) {}

  void sign(std::span<const std::uint8_t> digest, std::vector<std::uint8_t>& out) override {
    // s = 0 (probability about 2^-256) asks for a new k; a second zero means
    // something is wrong with the key, not bad luck.
    for (int attempt = 0; attempt < 2; ++attempt) {
      BIGNUM* kinv = nullptr;
      BIGNUM* r = nullptr;
      if (ECDSA_sign_setup(key_.get(), ctx_.get(), &kinv, &r) != 1) break;
      const SecretBigNum kinv_owner(kinv);
      const BigNum r_owner(r);
      const EcdsaSig sig(ECDSA_do_sign_ex(digest.data(), static_cast<int>(digest.size()), kinv, r, key_.get()));
      if (!sig) continue;
      const BIGNUM* sig_r = nullptr;
      const BIGNUM* sig_s = nullptr;
      ECDSA_SIG_get0(sig.get(), &sig_r, &sig_s);
      const std::size_t width = alg_.component_octets;
      const std::size_t at = out.size();
      out.resize(at + 2 * width);
      if (BN_bn2binpad(sig_r, out.data() + at, static_cast<int>(width)) < 0 ||
          BN_bn2binpad(sig_s, out.data() + at + width, static_cast<int>(width)) < 0) {
        out.resize(at);
        break;
      }
      if (attempt > 0) clear_openssl_errors();  // the first attempt's reason, now moot
      return;
    }
    throw_openssl_error("cannot sign with " + algorithm_label(alg_));
  }

 private:
  const Algorithm& alg_;
  EcKey key_;
  BnCtx ctx_;
};

std::unique_ptr<DigestSigner> digest_signer(const Algorithm& a, EVP_PKEY* key, const std::string& what) {
  // EVP_PKEY_get1_EC_KEY hands out the key's shared legacy copy; each signer
  // (one per thread) works on a duplicate of it.
  const EcKey shared(EVP_PKEY_get1_EC_KEY(key));
  if (!shared) {
    clear_openssl_errors();
    return nullptr;
  }
  EcKey own(check_ptr(EC_KEY_dup(shared.get()), what));
  BnCtx ctx(check_ptr(BN_CTX_secure_new(), what));
  return std::make_unique<EcdsaDigestSigner>(a, std::move(own), std::move(ctx));
}
#else
constexpr std::unique_ptr<DigestSigner> (*digest_signer)(const Algorithm&, EVP_PKEY*, const std::string&) = nullptr;
#endif

}  // namespace

const FamilyOps ecdsa_ops = {generate, from_material,    material,         decode_public, encode_public, matches,
                             no_configuration, /*prehash=*/true, to_dnssec_signature, from_dnssec_signature,
                             digest_signer};

}  // namespace signet::crypto::detail
