// SPDX-License-Identifier: MIT
#include "signet/crypto/key_tag.hpp"

#include <doctest/doctest.h>

#include "test_support.hpp"

using namespace signet::crypto;
using namespace signet::test;

TEST_CASE("key tags of RFC example keys (RFC 4034 Appendix B)") {
  // RFC 4034 5.4: dskey.example.com. DNSKEY 256 3 5 -> 60485
  CHECK(key_tag(dnskey_rdata(256, 5,
                             b64("AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdj"
                                 "MmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/"
                                 "rljwvFw=="))) == 60485);
  // RFC 5702 6.1 / 6.2
  CHECK(key_tag(dnskey_rdata(256, 8, b64("AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk="))) == 9033);
  CHECK(key_tag(dnskey_rdata(256, 10,
                             b64("AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/"
                                 "1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL"))) ==
        3740);
  // RFC 6605 6.1 / RFC 8080 6.1
  CHECK(key_tag(dnskey_rdata(257, 13, b64("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="))) == 55648);
  CHECK(key_tag(dnskey_rdata(257, 15, b64("l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4="))) == 3613);
}

TEST_CASE("key tag: the REVOKE bit changes the tag by 128; short rdata gives 0") {
  Bytes key = b64("l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=");
  CHECK(key_tag(dnskey_rdata(257 | dnskey_flag::REVOKE, 15, key)) == 3613 + 128);
  CHECK(key_tag(Bytes{1, 0, 3}) == 0);
}
