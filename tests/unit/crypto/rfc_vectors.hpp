// SPDX-License-Identifier: MIT
// Example keys and signatures from RFC 5702 section 6, RFC 6605 section 6 and
// RFC 8080 section 6 (signatures as corrected by RFC 8080 erratum 4935).
#pragma once

#include "signet/crypto/private_key.hpp"
#include "test_support.hpp"

namespace signet::test {

// RFC 5702 6.1 (RSASHA256, 512 bits) and 6.2 (RSASHA512, 1024 bits).
inline crypto::KeyMaterial rsa_material(bool sha512) {
  auto s = [](std::string_view t) { return crypto::SecretBytes(std::span<const std::uint8_t>(b64(t))); };
  crypto::KeyMaterial m;
  if (!sha512) {
    m.modulus = s("wVwaxrHF2CK64aYKRUibLiH30KpPuPBjel7E8ZydQW1HYWHfoGmidzC2RnhwCC293hCzw+TFR2nqn8OVSY5t2Q==");
    m.public_exponent = s("AQAB");
    m.private_exponent = s("UR44xX6zB3eaeyvTRzmskHADrPCmPWnr8dxsNwiDGHzrMKLN+i/HAam+97HxIKVWNDH2ba9Mf1SA8xu9dcHZAQ==");
    m.prime1 = s("4c8IvFu1AVXGWeFLLFh5vs7fbdzdC6U82fduE6KkSWk=");
    m.prime2 = s("2zZpBE8ZXVnL74QjG4zINlDfH+EOEtjJJ3RtaYDugvE=");
    m.exponent1 = s("G2xAPFfK0KGxGANDVNxd1K1c9wOmmJ51mGbzKFFNMFk=");
    m.exponent2 = s("GYxP1Pa7CAwtHm8SAGX594qZVofOMhgd6YFCNyeVpKE=");
    m.coefficient = s("icQdNRjlZGPmuJm2TIadubcO8X7V4y07aVhX464tx8Q=");
  } else {
    m.modulus = s("0eg1M5b563zoq4k5ZEOnWmd2/BvpjzedJVdfIsDcMuuhE5SQ3pfQ7qmdaeMlC6Nf8DKGoUPGPXe06cP27/WRODtxXquSUytkO0kJDk"
                  "8KX8PtA0+yBWwy7UnZDyCkynO00Uuk8HPVtZeMO1pHtlAGVnc8VjXZlNKdyit99waaE4s=");
    m.public_exponent = s("AQAB");
    m.private_exponent = s("rFS1IPbJllFFgFc33B5DDlC1egO8e81P4fFadODbp56V7sphKa6AZQCx8NYAew6VXFFPAKTw41QdHnK5kIYOwxvfFDjDcUGza88q"
                           "bjyrDPSJenkeZbISMUSSqy7AMFzEolkk6WSn6k3thUVRgSlqDoOV3SEIAsrB043XzGrKIVE=");
    m.prime1 = s("8mbtsu9Tl9v7tKSHdCIeprLIQXQLzxlSZun5T1n/OjvXSUtvD7xnZJ+LHqaBj1dIgMbCq2U8O04QVcK3TS9GiQ==");
    m.prime2 = s("3a6gkfs74d0Jb7yL4j4adAif4fcp7ZrGt7G5NRVDDY/Mv4TERAKMa0TKN3okKE0A7X+Rv2K84mhT4QLDlllEcw==");
    m.exponent1 = s("v3D5A9uuCn5rgVR7wgV8ba0/KSpsdSiLgsoA42GxiB1gvvs7gJMMmVTDu/ZG1p1ZnpLbhh/S/Qd/MSwyNlxC+Q==");
    m.exponent2 = s("m+ezf9dsDvYQK+gzjOLWYeKq5xWYBEYFGa3BLocMiF4oxkzOZ3JPZSWU/h1Fjp5RV7aPP0Vmx+hNjYMPIQ8Y5w==");
    m.coefficient = s("Je5YhYpUron/WdOXjxNAxDubAp3i5X7UOUfhJcyIggqwY86IE0Q/Bk0Dw4SC9zxnsimmdBXW2Izd8Lwuk8FQcQ==");
  }
  return m;
}

inline crypto::KeyMaterial raw_material(std::string_view base64) {
  crypto::KeyMaterial m;
  m.private_key = crypto::SecretBytes(std::span<const std::uint8_t>(b64(base64)));
  return m;
}

// www.example.net. 3600 IN A 192.0.2.91, signed 20000101000000..20300101000000 (RFC 5702 6).
inline Bytes rfc5702_signed_data(std::uint8_t algorithm, std::uint16_t tag) {
  return signed_data({1, algorithm, 3, 3600, 1893456000, 946684800, tag, "example.net"}, "www.example.net",
                     {192, 0, 2, 91});
}

// example.com. 3600 IN MX 10 mail.example.com. (RFC 8080 6), labels 2 as in erratum 4935.
inline Bytes rfc8080_signed_data(std::uint8_t algorithm, std::uint16_t tag, std::uint8_t labels = 2) {
  Bytes mx = {0, 10};
  put_name(mx, "mail.example.com");
  return signed_data({15, algorithm, labels, 3600, 1440021600, 1438207200, tag, "example.com"}, "example.com", mx);
}

}  // namespace signet::test
