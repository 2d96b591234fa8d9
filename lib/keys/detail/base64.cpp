// SPDX-License-Identifier: MIT
#include "keys/detail/base64.hpp"

#include <array>

namespace signet::keys::detail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  t.fill(-1);
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kTable = make_table();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<crypto::SecretBytes> base64_decode(std::string_view text) {
  std::size_t symbols = 0, padding = 0;
  for (char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding != 0 || kTable[static_cast<unsigned char>(c)] < 0) return std::nullopt;
    ++symbols;
  }
  if ((symbols + padding) % 4 != 0 || padding > 2 || (symbols % 4 == 1)) return std::nullopt;
  if (padding != 0 && (symbols + padding) % 4 != 0) return std::nullopt;
  crypto::SecretBytes out(symbols / 4 * 3 + (symbols % 4 == 0 ? 0 : symbols % 4 - 1));
  std::uint32_t acc = 0;
  std::size_t bits = 0, at = 0;
  for (char c : text) {
    if (is_space(c) || c == '=') continue;
    acc = acc << 6 | static_cast<std::uint32_t>(kTable[static_cast<unsigned char>(c)]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.data()[at++] = static_cast<std::uint8_t>(acc >> bits);
    }
  }
  // Leftover bits must be zero (canonical encoding, RFC 4648 3.5).
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

void base64_encode(std::span<const std::uint8_t> bytes, std::string& out) {
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t v = std::uint32_t{bytes[i]} << 16 | std::uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[v >> s & 63]);
  }
  if (std::size_t rest = bytes.size() - i) {
    std::uint32_t v = std::uint32_t{bytes[i]} << 16 | (rest == 2 ? std::uint32_t{bytes[i + 1]} << 8 : 0);
    out.push_back(kAlphabet[v >> 18 & 63]);
    out.push_back(kAlphabet[v >> 12 & 63]);
    out.push_back(rest == 2 ? kAlphabet[v >> 6 & 63] : '=');
    out.push_back('=');
  }
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  base64_encode(bytes, out);
  return out;
}

}  // namespace signet::keys::detail
