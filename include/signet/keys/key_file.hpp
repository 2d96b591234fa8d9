// SPDX-License-Identifier: MIT
// BIND key files: K<zone>+<alg>+<tag>.key (comments and one DNSKEY record)
// and .private ("Private-key-format: v1.3" or v1.2, as BIND and ldns write
// them, with timing metadata in v1.3), plus import of a PKCS#8 PEM private key
// such as Knot's keystore holds. Writing is atomic and never replaces a file;
// .private files are created 0600. KeySet (key_set.hpp) loads whole directories.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "signet/crypto/secret_bytes.hpp"
#include "signet/keys/key.hpp"

namespace signet::keys {

// Parses the text of a .key file. `file` names it in errors. Throws
// signet::Error (file:line) when there is no DNSKEY record, the protocol is not
// 3, the algorithm is unknown or the base64 key is malformed.
DnssecKey parse_public_key_file(std::string_view text, const std::string& file);

struct PrivateKeyFile {
  std::string format;  // "v1.2", "v1.3"
  std::uint8_t algorithm = 0;
  crypto::KeyMaterial material;
  KeyTiming timing;
};
// Parses the text of a .private file (v1.2 or v1.3; values may continue on
// indented lines). Throws signet::Error (file:line) on a missing or unknown
// format line, bad base64, an unsupported algorithm or an HSM key.
PrivateKeyFile parse_private_key_file(std::string_view text, const std::string& file);

// The .key text, BIND style (comments with keyid and timing, then the record).
std::string format_public_key_file(const DnssecKey& key);
// The .private text in format v1.3. Throws signet::Error when the key has no private half.
crypto::SecretBytes format_private_key_file(const DnssecKey& key);

// Reads a key pair. `path` may be the base name or end in .key or .private.
// The .private half is optional unless `need_private`. Checks that both halves
// agree (algorithm and public key) and that the name's algorithm and tag match
// the contents. Throws signet::Error naming the file.
DnssecKey read_key(const std::string& path, bool need_private = false);

// Writes <directory>/<base_name>.private (0600) and .key (0644), each through a
// temporary file in the same directory, fsync, and a link that fails if the
// target exists: nothing is ever overwritten. Returns the path without suffix.
// Throws signet::Error when either file exists or writing fails.
std::string write_key(const DnssecKey& key, const std::string& directory);

// Makes a key from a PKCS#8 PEM private key (Knot keystore). The algorithm is
// taken from the key except for RSA, where `algorithm` is required.
DnssecKey import_pem_key(std::string_view pem, const std::string& source, dns::Name zone, std::uint16_t flags,
                         std::optional<std::uint8_t> algorithm = std::nullopt, KeyTiming timing = {});

}  // namespace signet::keys
