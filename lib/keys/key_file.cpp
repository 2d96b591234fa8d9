// SPDX-License-Identifier: MIT
// BIND key file formats. The .key file is a one-record zone file fragment;
// .private is "Field: value" lines whose fields are listed in two tables (key
// material and timing), so reading and writing share the same names.
#include "signet/keys/key_file.hpp"

#include <charconv>
#include <cstdio>
#include <vector>

#include "keys/detail/base64.hpp"
#include "keys/detail/exclusive_file.hpp"
#include "signet/crypto/algorithm.hpp"
#include "signet/error.hpp"

namespace signet::keys {
namespace {

// Key material fields of .private files, in BIND's order.
struct MaterialField {
  std::string_view name;
  crypto::SecretBytes crypto::KeyMaterial::*member;
  bool rsa;  // RSA component (else the single PrivateKey field)
};
constexpr MaterialField kMaterialFields[] = {
    {"Modulus", &crypto::KeyMaterial::modulus, true},
    {"PublicExponent", &crypto::KeyMaterial::public_exponent, true},
    {"PrivateExponent", &crypto::KeyMaterial::private_exponent, true},
    {"Prime1", &crypto::KeyMaterial::prime1, true},
    {"Prime2", &crypto::KeyMaterial::prime2, true},
    {"Exponent1", &crypto::KeyMaterial::exponent1, true},
    {"Exponent2", &crypto::KeyMaterial::exponent2, true},
    {"Coefficient", &crypto::KeyMaterial::coefficient, true},
    {"PrivateKey", &crypto::KeyMaterial::private_key, false},
};

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

template <typename T>
bool parse_number(std::string_view text, T& out) noexcept {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

struct Token {
  std::string_view text;
  std::uint32_t line;
  std::uint32_t column;
};

// Whitespace-separated tokens of a .key file with ';' comments and the
// parentheses of multi-line records removed.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = ++i;
    } else if (c == ';') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '(' || c == ')') {
      ++i;
    } else {
      std::size_t start = i;
      while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n' &&
             text[i] != ';' && text[i] != '(' && text[i] != ')')
        ++i;
      tokens.push_back({text.substr(start, i - start), line, static_cast<std::uint32_t>(start - line_start + 1)});
    }
  }
  return tokens;
}

}  // namespace

DnssecKey parse_public_key_file(std::string_view text, const std::string& file) {
  std::vector<Token> tokens = tokenize(text);
  auto where = [&](std::size_t i) {
    return i < tokens.size() ? SourceLocation{file, tokens[i].line, tokens[i].column} : SourceLocation{file, 0, 0};
  };
  std::size_t i = 0;
  if (tokens.empty()) throw Error(where(0), "no DNSKEY record in key file");
  DnssecKey key;
  key.zone = dns::Name::parse(tokens[0].text, dns::NameView(), where(0));
  ++i;
  // Optional TTL and class, in either order.
  for (int k = 0; k < 2 && i < tokens.size(); ++k) {
    std::uint32_t ttl = 0;
    if (parse_number(tokens[i].text, ttl)) {
      key.ttl = ttl;
      ++i;
    } else if (iequals(tokens[i].text, "IN")) {
      ++i;
    }
  }
  if (i >= tokens.size() || !iequals(tokens[i].text, "DNSKEY"))
    throw Error(where(i), "expected a DNSKEY record in key file");
  ++i;
  if (i + 3 > tokens.size()) throw Error(where(i), "missing DNSKEY fields in key file");
  unsigned protocol = 0;
  if (!parse_number(tokens[i].text, key.flags)) throw Error(where(i), "bad DNSKEY flags '" + std::string(tokens[i].text) + "'");
  if (!parse_number(tokens[i + 1].text, protocol) || protocol != 3)
    throw Error(where(i + 1), "DNSKEY protocol is '" + std::string(tokens[i + 1].text) + "', RFC 4034 requires 3");
  key.protocol = 3;
  const crypto::Algorithm* a = crypto::find_algorithm(tokens[i + 2].text);
  if (a == nullptr) throw Error(where(i + 2), "unsupported DNSSEC algorithm '" + std::string(tokens[i + 2].text) + "'");
  key.algorithm = a->number;
  std::string b64;
  for (std::size_t j = i + 3; j < tokens.size(); ++j) b64.append(tokens[j].text);
  if (b64.empty()) throw Error(where(i + 3), "missing public key in DNSKEY record");
  auto decoded = detail::base64_decode(b64);
  if (!decoded) throw Error(where(i + 3), "bad base64 in DNSKEY public key");
  key.public_key.assign(decoded->data(), decoded->data() + decoded->size());
  try {
    crypto::PublicKey::from_dnskey(*a, key.public_key);  // validates the encoding
  } catch (const Error& e) {
    throw Error(where(i + 3), e.message());
  }
  return key;
}

PrivateKeyFile parse_private_key_file(std::string_view text, const std::string& file) {
  PrivateKeyFile out;
  // Join indented continuation lines onto their field.
  struct Field {
    std::string_view name;
    std::string value;
    std::uint32_t line;
  };
  std::vector<Field> fields;
  std::uint32_t line_no = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (trim(line).empty() || trim(line).front() == ';') continue;
    if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
      fields.back().value.append(trim(line));
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) throw Error(SourceLocation{file, line_no, 1}, "expected 'Field: value' in private key file");
    fields.push_back({trim(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))), line_no});
  }
  auto fail = [&](const Field& f, const std::string& why) -> Error { return Error(SourceLocation{file, f.line, 1}, why); };
  if (fields.empty() || !iequals(fields[0].name, "Private-key-format"))
    throw Error(SourceLocation{file, 1, 1}, "not a private key file: the first line must be 'Private-key-format: v1.x'");
  out.format = fields[0].value;
  if (out.format != "v1.2" && out.format != "v1.3")
    throw fail(fields[0], "unsupported private key format '" + out.format + "' (signet reads v1.2 and v1.3)");
  bool have_algorithm = false;
  for (std::size_t i = 1; i < fields.size(); ++i) {
    Field& f = fields[i];
    if (iequals(f.name, "Algorithm")) {
      std::string_view number = f.value;
      number = number.substr(0, number.find(' '));
      unsigned n = 0;
      if (!parse_number(number, n) || n > 255 || crypto::find_algorithm(static_cast<std::uint8_t>(n)) == nullptr)
        throw fail(f, "unsupported DNSSEC algorithm '" + f.value + "'");
      out.algorithm = static_cast<std::uint8_t>(n);
      have_algorithm = true;
      continue;
    }
    if (iequals(f.name, "Engine") || iequals(f.name, "Label"))
      throw fail(f, "the key is kept in an HSM or OpenSSL engine ('" + std::string(f.name) + "'); signet reads only keys stored in the file");
    bool known = false;
    for (const MaterialField& m : kMaterialFields) {
      if (!iequals(f.name, m.name)) continue;
      auto decoded = detail::base64_decode(f.value);
      crypto::wipe(f.value);
      if (!decoded) throw fail(f, "bad base64 in " + std::string(m.name));
      out.material.*m.member = std::move(*decoded);
      known = true;
    }
    for (const TimingField& t : timing_fields()) {
      if (!iequals(f.name, t.name)) continue;
      auto when = parse_timestamp(f.value);
      if (!when) throw fail(f, "bad " + std::string(t.name) + " time '" + f.value + "' (expected YYYYMMDDHHMMSS)");
      out.timing.*t.member = *when;
      known = true;
    }
    (void)known;  // other fields (written by newer BIND versions) are ignored
  }
  if (!have_algorithm) throw Error(SourceLocation{file, 0, 0}, "missing Algorithm in private key file");
  return out;
}

std::string format_public_key_file(const DnssecKey& key) {
  std::string out;
  const std::string zone = key.zone.to_text();
  out += "; This is a ";
  if (key.is_revoked()) out += "revoked ";
  out += key.is_ksk() ? "key-signing key" : "zone-signing key";
  out += ", keyid " + std::to_string(key.key_tag()) + ", for " + zone + "\n";
  for (const TimingField& t : timing_fields()) {
    if (const auto& when = key.timing.*t.member)
      out += "; " + std::string(t.name) + ": " + format_timestamp(*when) + " (" + format_human_time(*when) + ")\n";
  }
  out += zone;
  if (key.ttl) out += " " + std::to_string(*key.ttl);
  out += " IN DNSKEY " + std::to_string(key.flags) + " " + std::to_string(key.protocol) + " " +
         std::to_string(key.algorithm) + " ";
  detail::base64_encode(key.public_key, out);
  out += "\n";
  return out;
}

crypto::SecretBytes format_private_key_file(const DnssecKey& key) {
  if (!key.private_key) throw Error(key.base_name() + ": the key has no private half to write");
  const crypto::Algorithm& a = key.private_key->algorithm();
  const crypto::KeyMaterial material = key.private_key->material();
  std::string out;
  out.reserve(8192);  // large enough for a 4096-bit RSA key: no reallocation leaves copies behind
  out += "Private-key-format: v1.3\nAlgorithm: " + std::to_string(a.number) + " (" + std::string(a.bind_name) + ")\n";
  const bool rsa = a.family == crypto::KeyFamily::Rsa;
  for (const MaterialField& m : kMaterialFields) {
    if (m.rsa != rsa) continue;
    out += m.name;
    out += ": ";
    detail::base64_encode((material.*m.member).span(), out);
    out += "\n";
  }
  for (const TimingField& t : timing_fields()) {
    if (const auto& when = key.timing.*t.member) out += std::string(t.name) + ": " + format_timestamp(*when) + "\n";
  }
  crypto::SecretBytes result(std::string_view{out});
  crypto::wipe(out);
  return result;
}

namespace {

std::string strip_suffix(const std::string& path) {
  for (std::string_view suffix : {".key", ".private"}) {
    if (path.size() > suffix.size() && path.ends_with(suffix)) return path.substr(0, path.size() - suffix.size());
  }
  return path;
}

// Checks "K<zone>+<alg>+<tag>" in the file name against the contents, when the name has that shape.
void check_file_name(const std::string& base, const DnssecKey& key) {
  std::string_view name = base;
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  auto plus2 = name.rfind('+');
  if (name.empty() || name[0] != 'K' || plus2 == std::string_view::npos || plus2 < 1) return;
  auto plus1 = name.rfind('+', plus2 - 1);
  if (plus1 == std::string_view::npos) return;
  unsigned alg = 0, tag = 0;
  if (!parse_number(name.substr(plus1 + 1, plus2 - plus1 - 1), alg) || !parse_number(name.substr(plus2 + 1), tag)) return;
  if (alg != key.algorithm || tag != key.key_tag())
    throw Error(SourceLocation{base + ".key", 0, 0},
                "the file name says algorithm " + std::to_string(alg) + " and key tag " + std::to_string(tag) +
                    " but the key has algorithm " + std::to_string(key.algorithm) + " and key tag " +
                    std::to_string(key.key_tag()));
}

}  // namespace

DnssecKey read_key(const std::string& path, bool need_private) {
  const std::string base = strip_suffix(path);
  const std::string key_path = base + ".key", private_path = base + ".private";
  DnssecKey key = parse_public_key_file(detail::read_file(key_path), key_path);
  check_file_name(base, key);
  if (!need_private && !detail::file_exists(private_path)) return key;
  std::string text = detail::read_file(private_path);
  PrivateKeyFile pf;
  try {
    pf = parse_private_key_file(text, private_path);
  } catch (...) {
    crypto::wipe(text);
    throw;
  }
  crypto::wipe(text);
  if (pf.algorithm != key.algorithm)
    throw Error(SourceLocation{private_path, 0, 0}, "algorithm " + std::to_string(pf.algorithm) +
                                                        " does not match the .key file's algorithm " +
                                                        std::to_string(key.algorithm));
  crypto::PrivateKey priv = crypto::PrivateKey::from_material(crypto::algorithm(pf.algorithm), pf.material, private_path);
  if (priv.public_key_field() != key.public_key)
    throw Error(SourceLocation{private_path, 0, 0}, "the private key does not belong to the public key in " + key_path);
  key.private_key = std::move(priv);
  key.timing = pf.timing;
  return key;
}

std::string write_key(const DnssecKey& key, const std::string& directory) {
  const std::string base = (directory.empty() ? std::string(".") : directory) + "/" + key.base_name();
  const std::string key_path = base + ".key", private_path = base + ".private";
  for (const std::string& p : {key_path, private_path})
    if (detail::file_exists(p)) throw Error(SourceLocation{p, 0, 0}, "refusing to overwrite an existing key file");
  crypto::SecretBytes private_text = format_private_key_file(key);
  detail::write_new_file(private_path, private_text.view(), 0600);
  try {
    detail::write_new_file(key_path, format_public_key_file(key), 0644);
  } catch (...) {
    ::remove(private_path.c_str());  // we created it a moment ago; leave no half pair behind
    throw;
  }
  return base;
}

DnssecKey import_pem_key(std::string_view pem, const std::string& source, dns::Name zone, std::uint16_t flags,
                         std::optional<std::uint8_t> algorithm, KeyTiming timing) {
  return make_key(std::move(zone), flags, crypto::PrivateKey::from_pem(pem, algorithm, source), timing);
}

}  // namespace signet::keys
