// SPDX-License-Identifier: MIT
// RFC 4648 base64 for key files: decoding skips whitespace (BIND splits long
// values) and writes into SecretBytes so private numbers are wiped; encoding
// is unwrapped. Not a general-purpose codec for zone rdata (zonefile/ has its own).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "signet/crypto/secret_bytes.hpp"

namespace signet::keys::detail {

// Decoded bytes, or nullopt on a bad character, bad padding or a truncated group.
std::optional<crypto::SecretBytes> base64_decode(std::string_view text);
void base64_encode(std::span<const std::uint8_t> bytes, std::string& out);
std::string base64_encode(std::span<const std::uint8_t> bytes);

}  // namespace signet::keys::detail
