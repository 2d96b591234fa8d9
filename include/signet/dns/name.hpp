// SPDX-License-Identifier: MIT
// Domain names in uncompressed wire format (RFC 1035 3.1), always absolute.
// NameView is a non-owning view (used over the Zone arena); Name owns its bytes.
// Equality is case-insensitive for ASCII; ordering is RFC 4034 section 6.1
// canonical order. Presentation-format parsing (escapes, relative names) lives
// here too because every layer needs it. Does not do compression.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "signet/error.hpp"

namespace signet::dns {

inline constexpr std::size_t kMaxNameOctets = 255;
inline constexpr std::size_t kMaxLabelOctets = 63;

// A view of a valid wire-format name (sequence of length-prefixed labels
// ending in the root label). Constructing from unvalidated bytes is the
// caller's responsibility; use NameView::validate for untrusted input.
class NameView {
 public:
  constexpr NameView() = default;  // the root name
  explicit NameView(std::string_view wire) : wire_(wire) {}

  // Returns the length of the name at the start of `bytes`, or 0 when the bytes
  // are not a valid uncompressed wire name (bad label length, too long, no root).
  static std::size_t validate(std::span<const std::uint8_t> bytes);

  std::string_view wire() const noexcept { return wire_.empty() ? std::string_view("\0", 1) : wire_; }
  std::size_t size() const noexcept { return wire().size(); }
  bool is_root() const noexcept { return size() == 1; }
  // Number of labels, not counting the root label ("www.example." -> 2).
  unsigned label_count() const noexcept;
  // RRSIG Labels value: label_count() minus one if the leftmost label is "*".
  unsigned rrsig_label_count() const noexcept;
  bool is_wildcard() const noexcept;  // leftmost label is "*"
  // The name with its leftmost label removed; the root's parent is the root.
  NameView parent() const noexcept;
  // True when *this equals `ancestor` or is below it.
  bool is_subdomain_of(NameView ancestor) const noexcept;
  // RFC 4034 6.1 canonical ordering (case-insensitive, labels compared from the root).
  std::strong_ordering canonical_compare(NameView other) const noexcept;
  bool equals(NameView other) const noexcept;  // case-insensitive
  // Presentation form, absolute, with a trailing dot; special characters
  // escaped as \X or \DDD (RFC 4343).
  std::string to_text() const;
  void append_text(std::string& out) const;

 private:
  std::string_view wire_;
};

inline bool operator==(NameView a, NameView b) noexcept { return a.equals(b); }

class Name {
 public:
  Name();  // the root name
  explicit Name(NameView view) : wire_(view.wire()) {}

  // Parses presentation format. A name not ending in '.' is relative to
  // `origin`; "@" is the origin. Throws signet::Error (with `where`) on bad
  // escapes, empty labels, a label over 63 octets or a name over 255 octets.
  static Name parse(std::string_view text, NameView origin = NameView(), const SourceLocation& where = {});
  // Takes wire bytes that must form exactly one valid name; throws otherwise.
  static Name from_wire(std::string_view wire);

  NameView view() const noexcept { return NameView(wire_); }
  operator NameView() const noexcept { return view(); }
  std::string_view wire() const noexcept { return wire_; }
  std::string to_text() const { return view().to_text(); }
  unsigned label_count() const noexcept { return view().label_count(); }
  Name parent() const { return Name(view().parent()); }
  bool is_subdomain_of(NameView ancestor) const noexcept { return view().is_subdomain_of(ancestor); }
  // Lower-cases ASCII letters (RFC 4034 6.2 canonical form).
  Name lowercased() const;

  friend bool operator==(const Name& a, const Name& b) noexcept { return a.view().equals(b.view()); }

 private:
  std::string wire_;
};

// Canonical-order comparator for containers.
struct CanonicalLess {
  bool operator()(NameView a, NameView b) const noexcept { return a.canonical_compare(b) < 0; }
};

// Decodes one presentation-format name into wire format, appending to `out`.
// Returns false (and leaves `out` unspecified past its old size) and sets
// `why` to a one-sentence reason on error. The building block of Name::parse,
// exposed so the zone parser can write names straight into its arena.
bool parse_name_into(std::string_view text, NameView origin, std::string& out, std::string& why);

}  // namespace signet::dns
