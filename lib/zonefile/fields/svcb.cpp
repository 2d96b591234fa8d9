// SPDX-License-Identifier: MIT
// SVCB/HTTPS SvcParams (RFC 9460 2.1, 7, 8; dohpath RFC 9461; ohttp RFC 9540).
// Input: "key[=value]" tokens in any order, a value optionally quoted, either
// inside the token (alpn="h2,h3") or as the next, quoted token after "key=".
// Values are first decoded as a <character-string>, then as a comma-separated
// list where "\," and "\\" escape (RFC 9460 A.1). The wire form is sorted by
// key; duplicate keys, bad values and broken "mandatory" lists are errors.
// Output follows BIND: alpn, dohpath and keyNNNNN values quoted, others bare.
#include <algorithm>
#include <vector>

#include "zonefile/detail/fields.hpp"

namespace signet::zonefile::detail {
namespace {

enum : std::uint16_t { kMandatory = 0, kAlpn = 1, kNoDefaultAlpn = 2, kPort = 3, kIpv4Hint = 4, kEch = 5,
                       kIpv6Hint = 6, kDohPath = 7, kOhttp = 8, kInvalidKey = 65535 };

// IANA "Service Parameter Keys (SvcParamKeys)" registry.
constexpr std::string_view kKeyNames[] = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint",
                                          "ech",       "ipv6hint", "dohpath", "ohttp"};

bool parse_key(std::string_view text, std::uint16_t& key) noexcept {
  for (std::size_t i = 0; i < std::size(kKeyNames); ++i)
    if (text == kKeyNames[i]) {
      key = static_cast<std::uint16_t>(i);
      return true;
    }
  std::uint64_t value = 0;
  if (text.size() > 3 && text.substr(0, 3) == "key" && text.size() <= 8 &&
      parse_decimal(text.substr(3), 65535, value)) {
    key = static_cast<std::uint16_t>(value);
    return true;
  }
  return false;
}

void print_key(std::uint16_t key, std::string& out) {
  if (key < std::size(kKeyNames)) {
    out += kKeyNames[key];
  } else {
    out += "key";
    print_decimal(key, out);
  }
}

std::string key_text(std::uint16_t key) {
  std::string s;
  print_key(key, s);
  return s;
}

// Splits a decoded value at unescaped commas; "\," and "\\" are literal.
// Calls item(string_view) per item; false if an item is empty or escape dangles.
template <typename Item>
bool split_list(std::string_view value, std::string& scratch, Item&& item) {
  scratch.clear();
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || value[i] == ',') {
      if (scratch.empty() || !item(std::string_view(scratch))) return false;
      scratch.clear();
      continue;
    }
    if (value[i] == '\\') {
      if (++i == value.size()) return false;
    }
    scratch.push_back(value[i]);
  }
  return true;
}

struct Param {
  std::uint16_t key;
  std::uint32_t offset;  // into the value buffer
  std::uint32_t length;
  const Token* token;
};

// Encodes one parameter's value (already escape-decoded) into `wire`.
// Returns an empty string on success, "bad" for a malformed value, else the reason.
std::string encode_value(std::uint16_t key, bool has_value, std::string_view value, std::string& wire) {
  std::string scratch;
  const auto put_u16 = [&](std::uint16_t v) {
    wire.push_back(static_cast<char>(v >> 8));
    wire.push_back(static_cast<char>(v & 0xFF));
  };
  if (key == kNoDefaultAlpn || key == kOhttp)
    return value.empty() ? std::string() : "takes no value";
  const bool needs_value = key <= kDohPath;
  if (needs_value && (!has_value || value.empty())) return "needs a value";
  switch (key) {
    case kMandatory: {
      const bool ok = split_list(value, scratch, [&](std::string_view item) {
        std::uint16_t k;
        if (!parse_key(item, k)) return false;
        put_u16(k);
        return true;
      });
      return ok ? std::string() : "bad";
    }
    case kAlpn: {
      const bool ok = split_list(value, scratch, [&](std::string_view item) {
        if (item.size() > 255) return false;
        wire.push_back(static_cast<char>(item.size()));
        wire.append(item);
        return true;
      });
      return ok ? std::string() : "bad";
    }
    case kPort: {
      std::uint64_t port = 0;
      if (!parse_decimal(value, 0xFFFF, port)) return "bad";
      put_u16(static_cast<std::uint16_t>(port));
      return {};
    }
    case kIpv4Hint:
    case kIpv6Hint: {
      const bool v4 = key == kIpv4Hint;
      const bool ok = split_list(value, scratch, [&](std::string_view item) {
        std::uint8_t bytes[16];
        if (!(v4 ? parse_ipv4(item, bytes) : parse_ipv6(item, bytes))) return false;
        wire.append(reinterpret_cast<const char*>(bytes), v4 ? 4 : 16);
        return true;
      });
      return ok ? std::string() : "bad";
    }
    case kEch:
      return decode_base64(value, wire) ? std::string() : "bad";
    default:  // dohpath and unknown keys: opaque octets
      wire.append(value);
      return {};
  }
}

}  // namespace

void parse_svc_params(ParseState& st, dns::FieldKind kind) {
  std::vector<Param> params;
  std::string values, decoded;
  while (!st.at_end()) {
    const Token& token = st.tokens[st.pos++];
    const std::string_view text = token.text;
    const std::size_t eq = text.find('=');
    const bool has_value = eq != std::string_view::npos;
    std::string_view raw = has_value ? text.substr(eq + 1) : std::string_view();
    std::uint16_t key = 0;
    if (!parse_key(text.substr(0, eq), key)) st.bad(kind, token, "unknown key");
    if (key == kInvalidKey) st.bad(kind, token, "key65535 is reserved");
    if (has_value && raw.empty() && !st.at_end() && st.tokens[st.pos].quoted) raw = st.tokens[st.pos++].text;
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') raw = raw.substr(1, raw.size() - 2);
    decoded.clear();
    if (!decode_escapes(raw, decoded)) st.bad(kind, token, "bad escape");
    const std::size_t offset = values.size();
    const std::string why = encode_value(key, has_value, decoded, values);
    if (why == "bad")
      st.fail(token, "bad value '" + std::string(raw) + "' for service parameter " + key_text(key) + " in " +
                         st.type_text());
    if (!why.empty()) st.fail(token, "service parameter " + key_text(key) + " " + why + " in " + st.type_text());
    if (values.size() - offset > 0xFFFF) st.fail(token, "service parameter " + key_text(key) + " is too long");
    params.push_back({key, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(values.size() - offset),
                      &token});
  }
  std::stable_sort(params.begin(), params.end(), [](const Param& a, const Param& b) { return a.key < b.key; });
  for (std::size_t i = 1; i < params.size(); ++i)
    if (params[i].key == params[i - 1].key)
      st.fail(*params[i].token, "duplicate service parameter " + key_text(params[i].key) + " in " + st.type_text());
  // RFC 9460 8: every key in "mandatory" must be present, once, and not be "mandatory".
  if (!params.empty() && params[0].key == kMandatory) {
    const Param& m = params[0];
    std::vector<std::uint16_t> keys;
    for (std::uint32_t i = 0; i < m.length; i += 2)
      keys.push_back(static_cast<std::uint16_t>(static_cast<std::uint8_t>(values[m.offset + i]) << 8 |
                                                static_cast<std::uint8_t>(values[m.offset + i + 1])));
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == kMandatory) st.fail(*m.token, "mandatory must not list itself in " + st.type_text());
      if (i > 0 && keys[i] == keys[i - 1])
        st.fail(*m.token, "key " + key_text(keys[i]) + " appears twice in mandatory in " + st.type_text());
      const bool present = std::any_of(params.begin(), params.end(), [&](const Param& p) { return p.key == keys[i]; });
      if (!present)
        st.fail(*m.token, "key " + key_text(keys[i]) + " is listed in mandatory but missing in " + st.type_text());
      values[m.offset + 2 * i] = static_cast<char>(keys[i] >> 8);  // wire order: ascending
      values[m.offset + 2 * i + 1] = static_cast<char>(keys[i] & 0xFF);
    }
  }
  for (const Param& p : params) {
    st.put_u16(p.key);
    st.put_u16(static_cast<std::uint16_t>(p.length));
    st.out->append(values, p.offset, p.length);
  }
}

namespace {

// RFC 9460 8 on the wire: "mandatory" lists keys in strictly ascending order,
// not itself, each present in the record. `params` is the whole SvcParams area.
bool mandatory_ok(std::span<const std::uint8_t> params) {
  if (params.size() < 4 || (params[0] << 8 | params[1]) != kMandatory) return true;
  const std::size_t length = static_cast<std::size_t>(params[2] << 8 | params[3]);
  if (params.size() - 4 < length) return false;
  int previous = kMandatory;
  for (std::size_t i = 4; i + 1 < 4 + length; i += 2) {
    const int wanted = params[i] << 8 | params[i + 1];
    if (wanted <= previous) return false;
    previous = wanted;
    bool present = false;
    for (std::size_t p = 0; p + 4 <= params.size();) {
      if ((params[p] << 8 | params[p + 1]) == wanted) present = true;
      p += 4 + static_cast<std::size_t>(params[p + 2] << 8 | params[p + 3]);
    }
    if (!present) return false;
  }
  return true;
}

}  // namespace

bool print_svc_params(WireReader& r, std::string& out) {
  if (!mandatory_ok(r.data.subspan(r.pos))) return false;
  int previous = -1;
  bool first = true;
  std::string scratch;
  while (!r.at_end()) {
    std::uint16_t key, length;
    std::span<const std::uint8_t> v;
    if (!r.u16(key) || !r.u16(length) || !r.take(length, v)) return false;
    if (static_cast<int>(key) <= previous || key == kInvalidKey) return false;
    previous = key;
    if (!first) out += ' ';
    first = false;
    print_key(key, out);
    switch (key) {
      case kMandatory:
        if (v.empty() || v.size() % 2 != 0) return false;
        out += '=';
        for (std::size_t i = 0; i < v.size(); i += 2) {
          if (i != 0) out += ',';
          print_key(static_cast<std::uint16_t>(v[i] << 8 | v[i + 1]), out);
        }
        break;
      case kAlpn: {
        scratch.clear();  // value-list escaping first, then <character-string> escaping
        for (std::size_t i = 0; i < v.size();) {
          const std::size_t n = v[i];
          if (n == 0 || v.size() - i - 1 < n) return false;
          if (i != 0) scratch += ',';
          for (std::size_t j = i + 1; j <= i + n; ++j) {
            if (v[j] == ',' || v[j] == '\\') scratch += '\\';
            scratch += static_cast<char>(v[j]);
          }
          i += 1 + n;
        }
        if (scratch.empty()) return false;
        out += '=';
        print_quoted({reinterpret_cast<const std::uint8_t*>(scratch.data()), scratch.size()}, out);
        break;
      }
      case kNoDefaultAlpn:
      case kOhttp:
        if (!v.empty()) return false;
        break;
      case kPort:
        if (v.size() != 2) return false;
        out += '=';
        print_decimal(static_cast<std::uint16_t>(v[0] << 8 | v[1]), out);
        break;
      case kIpv4Hint:
      case kIpv6Hint: {
        const std::size_t size = key == kIpv4Hint ? 4 : 16;
        if (v.empty() || v.size() % size != 0) return false;
        out += '=';
        for (std::size_t i = 0; i < v.size(); i += size) {
          if (i != 0) out += ',';
          if (size == 4)
            print_ipv4(v.data() + i, out);
          else
            print_ipv6(v.data() + i, out);
        }
        break;
      }
      case kEch:
        if (v.empty()) return false;
        out += '=';
        print_base64(v, out);
        break;
      default:  // dohpath and unknown keys
        if (key == kDohPath && v.empty()) return false;
        if (!v.empty()) {
          out += '=';
          print_quoted(v, out);
        }
        break;
    }
  }
  return true;
}

}  // namespace signet::zonefile::detail
