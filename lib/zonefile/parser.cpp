// SPDX-License-Identifier: MIT
// The master-file parser: the scanner (detail/scanner) cuts entries, this file
// gives them meaning (owner, TTL, class, type, rdata; $ORIGIN, $TTL, $INCLUDE,
// $GENERATE) and stores records straight into the Zone's arena. Per record it
// reuses one token vector, one rdata buffer and the previous owner's wire
// name, so the steady state allocates only when the Zone's arrays grow.
#include "signet/zonefile/parser.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <new>
#include <optional>
#include <span>
#include <thread>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/rdata_text.hpp"
#include "zonefile/detail/fields.hpp"
#include "zonefile/detail/generate.hpp"
#include "zonefile/detail/mapped_file.hpp"
#include "zonefile/detail/scanner.hpp"

namespace signet::zonefile {
namespace {

using detail::Entry;
using detail::is_absolute;

std::string quote(std::string_view text) {
  std::string s = "'";
  s.append(text.substr(0, 60));
  if (text.size() > 60) s += "...";
  s += '\'';
  return s;
}

bool equals_upper(std::string_view text, std::string_view upper) noexcept {
  if (text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {};
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string canonical_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return path;
  std::string out(resolved);
  std::free(resolved);
  return out;
}

// Kinds that always take exactly one token: used to find the name fields of a
// record's rdata without parsing it (for the "no origin" check).
bool single_token_kind(dns::FieldKind kind) noexcept {
  using K = dns::FieldKind;
  switch (kind) {
    case K::U8: case K::U16: case K::U32: case K::TTL: case K::Type: case K::Time: case K::Algorithm:
    case K::CertType: case K::A: case K::AAAA: case K::String: case K::Base32HexLen: case K::HexLen:
    case K::Eui48: case K::Eui64: case K::Ilnp64: case K::CaaTag: case K::CertAlgorithm:
      return true;
    default:
      return false;
  }
}

// The first rdata token that is a relative domain name, or nullptr.
const Token* relative_rdata_name(std::uint16_t type, std::span<const Token> tokens) {
  if (!tokens.empty() && !tokens[0].quoted && tokens[0].text == "\\#") return nullptr;
  const dns::TypeDescriptor* row = dns::find_type(type);
  if (row == nullptr) return nullptr;
  std::size_t i = 0;
  for (const dns::FieldKind kind : row->fields) {
    if (i >= tokens.size()) return nullptr;
    if (kind == dns::FieldKind::Name) {
      if (!tokens[i].quoted && !is_absolute(tokens[i].text)) return &tokens[i];
    } else if (!single_token_kind(kind)) {
      return nullptr;
    }
    ++i;
  }
  return nullptr;
}

bool is_in_class(std::string_view t) noexcept {
  return t.size() == 2 && (t[0] | 0x20) == 'i' && (t[1] | 0x20) == 'n';
}

// The last few type mnemonics seen, as written: records of a zone mostly
// cycle through a handful of types (NS, DS, A, ...), and an exact match
// saves the case-insensitive table search.
class TypeMemo {
 public:
  bool find(std::string_view text, std::uint16_t& type) const noexcept {
    std::uint64_t key = 0;
    if (!key_of(text, key)) return false;
    for (const Row& row : rows_) {
      if (row.key == key && row.size == text.size()) {
        type = row.type;
        return true;
      }
    }
    return false;
  }
  void add(std::string_view text, std::uint16_t type) noexcept {
    std::uint64_t key = 0;
    if (!key_of(text, key)) return;
    rows_[next_++ % std::size(rows_)] = Row{key, static_cast<std::uint8_t>(text.size()), type};
  }

 private:
  // Up to 8 octets of text as one number (no memcmp call per record).
  static bool key_of(std::string_view text, std::uint64_t& key) noexcept {
    if (text.empty() || text.size() > 8) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
      key |= std::uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
    return true;
  }
  struct Row {
    std::uint64_t key = 0;
    std::uint8_t size = 0;  // 0: empty row
    std::uint16_t type = 0;
  };
  Row rows_[4];
  unsigned next_ = 0;
};

// TTL and class in either order, then the type: what follows the owner.
struct RecordHead {
  std::optional<std::uint32_t> ttl;
  std::optional<std::uint16_t> rclass;
  std::uint16_t type = 0;
  std::size_t rdata_first = 0;  // index of the first rdata token
};

// The state a later stretch of a text starts from (see Parser::handoff()).
struct Handoff {
  std::string origin;
  bool origin_known = false;
  std::optional<std::uint32_t> dollar_ttl;
};

class Parser;

// What the parser reading a shared text from its start (SharedParse) and
// the helper that takes the rest from a split point have in common.
struct ShareState {
  ShareState(std::string path, const ParseOptions& options) : path(std::move(path)), options(options) {}
  // Called by the first parser before each entry of the main text, at
  // `offset`: whether to go on, to stop there (the rest is the helper's
  // part, read without errors from the state the first parser is in), or
  // to read on alone (it is past the helper's start, or that part does
  // not join).
  enum class Step { Go, Stop, Alone };
  Step at(Parser& first, std::size_t offset);

  std::string path, dir, canonical;  // the file, its directory ($INCLUDE), its real path
  ParseOptions options;
  detail::MappedFile file;
  std::string open_error;  // empty when the file is open
  std::string_view text;

  // Published by the first parser without the lock: how far it has read.
  std::atomic<std::size_t> progress{0};
  // Where the helper started (SIZE_MAX until one does).
  std::atomic<std::size_t> limit{SIZE_MAX};
  std::uint64_t published_version = UINT64_MAX;  // of the first parser's state (its thread only)

  std::mutex mutex;  // guards the rest
  std::condition_variable done;
  Handoff state;        // the first parser's origin and $TTL, as last published
  bool closed = false;  // the first parser is through: no helper may start
  bool taken = false;   // a helper reads the text from `split`
  bool helped = false;  // ... and is through
  std::size_t split = 0;
  Handoff guess;        // what the helper started from
  ParseResult second;   // the helper's part
  bool second_ok = false;
  std::shared_ptr<SourceText> second_source;
};

class Parser {
 public:
  Parser(const ParseOptions& options, ParseResult& result) : opt_(options), res_(result), zone_(result.zone) {
    if (opt_.origin_given) {
      origin_.assign(opt_.origin.wire());
      origin_known_ = true;
      zone_origin_set_ = true;
      zone_.set_origin(opt_.origin);
    }
  }

  // What a later stretch of the same file starts from: the origin and $TTL
  // in force. Only these are handed over, and the class must be IN. What is
  // not handed over, a later stretch must not need: a record with no TTL of
  // its own before any with one and no $TTL (the previous record's TTL), or
  // an SOA while no origin is known (which would set it). It gives up there.
  Handoff handoff() const { return Handoff{origin_, origin_known_, dollar_ttl_}; }
  // Starts in the state a first stretch left (`from`), after at least one
  // record and the zone's origin were settled there.
  void assume(const Handoff& from) {
    origin_ = from.origin;
    origin_known_ = from.origin_known;
    dollar_ttl_ = from.dollar_ttl;
    zone_origin_set_ = true;
    seen_record_ = true;
    zone_class_ = dns::rrclass::IN;
    class_set_ = true;
    mid_file_ = true;
  }
  // Whether this later stretch needed more than the handoff: then it
  // stopped, and its result does not count.
  bool gave_up() const noexcept { return gave_up_; }
  // Whether this parser, done with a first stretch, ended in the state
  // `guess` and without errors: then a second stretch parsed from `guess`
  // parsed as it would have in one piece.
  bool ended_in(const Handoff& guess) const {
    // With no origin in the guess, the later stretch refused any name that
    // needed one; the first may have learnt it from its SOA.
    const bool origin_ok = !guess.origin_known || (origin_known_ && origin_ == guess.origin);
    return res_.errors.empty() && origin_ok && dollar_ttl_ == guess.dollar_ttl && class_set_ &&
           zone_class_ == dns::rrclass::IN;
  }
  // Lines read from the main buffer (1 + its newlines).
  std::uint32_t lines() const noexcept { return lines_; }
  // Reads the start of a shared text: before each entry of the main text it
  // asks `share` whether to stop there (see ShareState::at()).
  void share(ShareState* share) noexcept { share_ = share; }
  // Whether it stopped where a helper took over.
  bool stopped_at_split() const noexcept { return stopped_at_split_; }
  // Changes whenever the origin or $TTL in force changes.
  std::uint64_t state_version() const noexcept { return state_version_; }
  // With ParseOptions::keep_source: the record spans of the text given to
  // run(), when every record was a self-contained line; else null.
  std::shared_ptr<SourceText> take_source() {
    if (!self_contained_ || !res_.errors.empty()) source_.reset();
    return std::move(source_);
  }

  void run(std::string_view text, const std::string& name, const std::string& dir, const std::string& canonical) {
    // Measured on generated zones: ~44 octets of text per record, and the arena
    // (wire names and rdata) about two thirds of the text.
    zone_.reserve(text.size() / 40 + 16, text.size() / 4 * 3 + 64);
    if (opt_.keep_source && text.size() <= UINT32_MAX) {
      source_ = std::make_shared<SourceText>();
      source_->text = text;
      source_->lines.reserve(text.size() / 40 + 16);
    }
    try {
      include_stack_.push_back(canonical);
      parse_buffer(text, name, zone_.add_file(name), dir);
    } catch (const std::bad_alloc&) {
      res_.errors.emplace_back(SourceLocation{name, 0, 0}, "out of memory while reading the zone");
    }
  }

  // Reports an error; false when the error limit is reached (stop_ is set).
  bool error(std::uint32_t line, std::uint32_t column, std::string message) {
    if (stop_) return false;
    const std::size_t limit = opt_.max_errors == 0 ? 1 : opt_.max_errors;
    SourceLocation where{*file_, line, column};
    if (res_.errors.size() >= limit) {
      res_.errors.emplace_back(std::move(where), "too many errors; stopping after " + std::to_string(limit));
      stop_ = true;
      return false;
    }
    res_.errors.emplace_back(std::move(where), std::move(message));
    return true;
  }
  bool error(const Token& at, std::string message) { return error(at.line, at.column, std::move(message)); }
  // Reports an error and returns false, for "return fail(...)" in checks.
  // A later stretch stops where it would need what it was not handed.
  bool give_up() {
    gave_up_ = true;
    stop_ = true;
    return false;
  }

  bool fail(const Token& at, std::string message) {
    error(at, std::move(message));
    return false;
  }
  bool fail(std::uint32_t line, std::uint32_t column, std::string message) {
    error(line, column, std::move(message));
    return false;
  }

 private:
  void parse_buffer(std::string_view text, const std::string& name, std::uint16_t index, const std::string& dir) {
    file_ = &name;
    file_index_ = index;
    dir_ = &dir;
    detail::Scanner scanner(text);
    if (depth_ == 0) {
      text_begin_ = text.data();
      text_end_ = text.data() + text.size();
    }
    else self_contained_ = false;  // $INCLUDE: records of another file
    ++depth_;
    while (!stop_) {
      if (share_ != nullptr && depth_ == 1) {
        const ShareState::Step step = share_->at(*this, static_cast<std::size_t>(scanner.position() - text_begin_));
        if (step == ShareState::Step::Stop) {
          stopped_at_split_ = true;
          break;
        }
        if (step == ShareState::Step::Alone) share_ = nullptr;
      }
      if (!scanner.next(entry_)) break;
      if (entry_.has_error) {
        error(entry_.error_line, entry_.error_column, std::move(entry_.error));
        if (!entry_.tokens().empty() && !entry_.blank_owner && entry_.tokens()[0].text.substr(0, 1) != "$") {
          // The broken record named a new owner: lines that continue it are
          // skipped rather than attached to the owner before it.
          owner_cached_ = false;
          have_owner_ = false;
          owner_failed_ = true;
        }
        continue;
      }
      const Token& first = entry_.tokens()[0];
      if (!entry_.blank_owner && !first.quoted && first.text[0] == '$') {
        directive(entry_);
      } else {
        record(entry_);
      }
    }
    if (--depth_ == 0) lines_ = scanner.line();
  }

  // ---- names ----

  // Parses `text` (located at `at`) as a domain name into `out`; reports and
  // returns false on error. `what` names the role for messages ("owner name").
  bool parse_domain(const Token& at, std::string_view text, std::string& out, const char* what) {
    out.clear();
    if (at.quoted) return fail(at, std::string(what) + " must not be quoted");
    if (text == "@") {
      if (!origin_known_)
        return fail(at, "'@' used but no origin is known; add $ORIGIN or give the origin");
      out = origin_;
      return true;
    }
    if (!origin_known_ && !is_absolute(text))
      return fail(at, "relative " + std::string(what) + " " + quote(text) +
                           " but no origin is known; add $ORIGIN or give the origin");
    if (!dns::parse_name_into(text, origin_view(), out, why_))
      return fail(at, "bad " + std::string(what) + " " + quote(text) + ": " + why_);
    return true;
  }

  dns::NameView origin_view() const noexcept {
    return origin_known_ ? dns::NameView(origin_) : dns::NameView();
  }

  void origin_changed() {
    owner_cached_ = false;
    ++state_version_;
  }

  void set_zone_origin(std::string_view wire) {
    zone_origin_set_ = true;
    zone_.set_origin(dns::Name(dns::NameView(wire)));
  }

  // ---- records ----

  // Reads [TTL] [class] type starting at tokens[i]; reports and returns false on error.
  bool parse_head(const Entry& e, std::size_t i, RecordHead& head) {
    const std::size_t n = e.tokens().size();
    for (int k = 0; k < 2 && i < n; ++k) {
      const Token& t = e.tokens()[i];
      if (t.quoted || t.text.empty()) break;
      if (t.text[0] >= '0' && t.text[0] <= '9') {
        if (head.ttl) break;
        std::uint32_t ttl = 0;
        if (!parse_ttl(t.text, ttl))
          return fail(t, "bad TTL " + quote(t.text) + "; expected seconds up to 4294967295 or units like 1h30m");
        head.ttl = ttl;
        ++i;
        continue;
      }
      if (head.rclass) break;
      if (is_in_class(t.text)) {
        head.rclass = dns::rrclass::IN;
      } else if (const auto c = dns::class_from_text(t.text)) {
        head.rclass = *c;
      } else {
        break;
      }
      ++i;
    }
    if (i >= n) return fail(e.tokens()[n - 1], "missing RR type");
    const Token& t = e.tokens()[i];
    if (t.quoted || !type_memo_.find(t.text, head.type)) {
      const auto type = t.quoted ? std::nullopt : dns::type_from_text(t.text);
      if (!type) return fail(t, "unknown RR type " + quote(t.text));
      head.type = *type;
      type_memo_.add(t.text, *type);
    }
    head.rdata_first = i + 1;
    return true;
  }

  void record(Entry& e) {
    seen_record_ = true;
    std::size_t i = 0;
    if (!e.blank_owner) {
      const Token& t = e.tokens()[0];
      if (!owner_cached_ || t.text != owner_text_) {
        owner_cached_ = false;
        have_owner_ = parse_domain(t, t.text, owner_, "owner name");
        owner_failed_ = !have_owner_;
        if (!have_owner_) return;
        owner_text_.assign(t.text);
        owner_cached_ = true;
        owner_offset_valid_ = false;
      }
      i = 1;
    } else if (!have_owner_) {
      if (!owner_failed_)
        error(e.tokens()[0], "no owner name: the line starts with a blank but no record precedes it");
      return;
    }
    RecordHead head;
    if (!parse_head(e, i, head)) return;
    const std::span<const Token> tokens = e.tokens();
    const Token& last = tokens.back();
    const bool spanned = source_ && self_contained_;
    if (spanned)
      self_contained_ = !e.blank_owner && !e.parenthesized && is_absolute(tokens[0].text) && head.ttl &&
                        head.rclass && last.line == e.line;
    relative_name_ = false;
    if (!add_record(owner_, owner_offset_, owner_offset_valid_, head, tokens.subspan(head.rdata_first), tokens[0],
                    e.line) ||
        !spanned || !self_contained_)
      return;
    // A relative name in the rdata needs the origin in force here too.
    self_contained_ = !relative_name_;
    if (self_contained_)
      note_span(e.line, tokens[0].text.data(), last.text.data() + last.text.size() + (last.quoted ? 1 : 0));
  }

  // Where the record that starts on `line` is in the main text.
  void note_span(std::uint32_t line, const char* begin, const char* end) {
    std::vector<SourceText::Span>& lines = source_->lines;
    if (line >= lines.size()) lines.resize(line + 1);  // capacity grows geometrically
    lines[line] = SourceText::Span{static_cast<std::uint32_t>(begin - text_begin_), static_cast<std::uint32_t>(end - begin),
                                   end < text_end_ && *end == '\n'};
  }

  // Parses the rdata, settles class and TTL and stores the record. The owner's
  // arena offset is cached in `owner_offset` while `offset_valid` holds.
  bool add_record(const std::string& owner, std::uint32_t& owner_offset, bool& offset_valid, const RecordHead& head,
                  std::span<const Token> rdata_tokens, const Token& start, std::uint32_t line) {
    const std::uint16_t rclass = head.rclass.value_or(class_set_ ? zone_class_ : dns::rrclass::IN);
    if (!class_set_) {
      zone_class_ = rclass;
      class_set_ = true;
    } else if (rclass != zone_class_) {
      return fail(start, "class " + dns::class_to_text(rclass) + " differs from the zone's class " +
                              dns::class_to_text(zone_class_));
    }
    if (!origin_known_) {
      if (const Token* rel = relative_rdata_name(head.type, rdata_tokens))
        return fail(*rel, "relative name " + quote(rel->text) +
                               " in the rdata but no origin is known; add $ORIGIN or give the origin");
    }
    rdata_.clear();
    try {
      RdataContext ctx;
      ctx.origin = origin_view();
      ctx.file = file_;
      if (source_) ctx.relative_name = &relative_name_;
      parse_rdata(head.type, rdata_tokens, ctx, rdata_);
    } catch (const Error& err) {
      const SourceLocation& w = err.where();
      if (w.line == 0) return fail(start, err.message());
      return fail(w.line, w.column, err.message());
    }
    if (rdata_.size() > 0xFFFF)
      return fail(start, "rdata is " + std::to_string(rdata_.size()) + " octets long; the limit is 65535");

    std::uint32_t ttl = 0;
    if (head.ttl) {
      ttl = *head.ttl;
      last_ttl_ = ttl;
    } else if (dollar_ttl_) {
      ttl = *dollar_ttl_;
    } else if (last_ttl_) {
      ttl = *last_ttl_;
    } else if (mid_file_) {
      return give_up();
    } else if (head.type == dns::rrtype::SOA && rdata_.size() >= 20) {
      // BIND: with no $TTL and no TTL yet, the SOA's MINIMUM field.
      const auto* m = reinterpret_cast<const unsigned char*>(rdata_.data() + rdata_.size() - 4);
      ttl = std::uint32_t{m[0]} << 24 | std::uint32_t{m[1]} << 16 | std::uint32_t{m[2]} << 8 | m[3];
      last_ttl_ = ttl;
    } else if (opt_.default_ttl) {
      ttl = *opt_.default_ttl;
    } else {
      return fail(start, "no TTL for this record and no $TTL before it");
    }

    if (head.type == dns::rrtype::SOA && !zone_origin_set_) set_zone_origin(owner);
    if (head.type == dns::rrtype::SOA && !origin_known_) {
      if (mid_file_) return give_up();
      origin_ = owner;
      origin_known_ = true;
      origin_changed();
    }
    if (!offset_valid) {
      owner_offset = zone_.intern_name(dns::NameView(owner));
      offset_valid = true;
    }
    dns::Record rr;
    rr.owner = owner_offset;
    rr.rdata = zone_.add_bytes(std::string_view(rdata_));
    rr.rdlength = static_cast<std::uint16_t>(rdata_.size());
    rr.type = head.type;
    rr.rclass = rclass;
    rr.file = file_index_;
    rr.ttl = ttl;
    rr.line = line;
    zone_.add(rr);
    return true;
  }

  // ---- directives ----

  void directive(Entry& e) {
    const Token& d = e.tokens()[0];
    const std::size_t n = e.tokens().size();
    if (equals_upper(d.text, "$ORIGIN")) {
      if (n < 2) return void(error(d, "missing domain name after $ORIGIN"));
      if (n > 2) return void(error(e.tokens()[2], "trailing data " + quote(e.tokens()[2].text) + " after $ORIGIN"));
      if (!parse_domain(e.tokens()[1], e.tokens()[1].text, scratch_name_, "$ORIGIN name")) return;
      origin_ = scratch_name_;
      origin_known_ = true;
      origin_changed();
      if (!zone_origin_set_ && !seen_record_) set_zone_origin(origin_);
    } else if (equals_upper(d.text, "$TTL")) {
      if (n < 2) return void(error(d, "missing TTL after $TTL"));
      if (n > 2) return void(error(e.tokens()[2], "trailing data " + quote(e.tokens()[2].text) + " after $TTL"));
      std::uint32_t ttl = 0;
      if (e.tokens()[1].quoted || !parse_ttl(e.tokens()[1].text, ttl))
        return void(error(e.tokens()[1], "bad TTL " + quote(e.tokens()[1].text) +
                                           " in $TTL; expected seconds up to 4294967295 or units like 1h30m"));
      dollar_ttl_ = ttl;
      ++state_version_;
    } else if (equals_upper(d.text, "$INCLUDE")) {
      include(e);
    } else if (equals_upper(d.text, "$GENERATE")) {
      self_contained_ = false;  // its records have no line of their own
      generate(e);
    } else {
      error(d, "unknown directive " + quote(d.text) + "; expected $ORIGIN, $TTL, $INCLUDE or $GENERATE");
    }
  }

  void include(Entry& e) {
    const Token& d = e.tokens()[0];
    const std::size_t n = e.tokens().size();
    if (!opt_.allow_include) return void(error(d, "$INCLUDE is not allowed here (includes are disabled)"));
    if (n < 2) return void(error(d, "missing file name after $INCLUDE"));
    if (n > 3) return void(error(e.tokens()[3], "trailing data " + quote(e.tokens()[3].text) + " after $INCLUDE"));
    const Token file_token = e.tokens()[1];
    const std::string& dir = *dir_;
    std::string path(file_token.text);
    if (!path.empty() && path[0] != '/' && !dir.empty()) path = dir + (dir.back() == '/' ? "" : "/") + path;
    std::string new_origin;
    if (n == 3 && !parse_domain(e.tokens()[2], e.tokens()[2].text, new_origin, "$INCLUDE origin")) return;
    if (include_stack_.size() > opt_.max_include_depth)
      return void(error(file_token, "$INCLUDE nested deeper than " + std::to_string(opt_.max_include_depth) +
                                        " files; is there an include loop?"));
    detail::MappedFile file;
    std::string why;
    if (!file.open(path, why))
      return void(error(file_token, "$INCLUDE file " + quote(file_token.text) + " cannot be opened: " + why));
    std::string canonical = canonical_path(path);
    for (const std::string& open : include_stack_)
      if (open == canonical)
        return void(error(file_token, "$INCLUDE loop: " + quote(file_token.text) + " is already being read"));

    // The including file's origin and owner come back after the included file.
    const std::string saved_origin = origin_;
    const bool saved_origin_known = origin_known_;
    const std::string saved_owner = owner_;
    const bool saved_have_owner = have_owner_;
    const std::string* saved_file = file_;
    const std::uint16_t saved_index = file_index_;
    const std::string* saved_dir = dir_;
    if (n == 3) {
      origin_ = new_origin;
      origin_known_ = true;
      origin_changed();
    }
    const std::string sub_dir = directory_of(path);
    include_stack_.push_back(std::move(canonical));
    parse_buffer(file.data(), path, zone_.add_file(path), sub_dir);
    include_stack_.pop_back();
    origin_ = saved_origin;
    origin_known_ = saved_origin_known;
    ++state_version_;
    owner_ = saved_owner;
    have_owner_ = saved_have_owner;
    owner_failed_ = false;
    owner_cached_ = false;
    owner_offset_valid_ = false;
    file_ = saved_file;
    file_index_ = saved_index;
    dir_ = saved_dir;
  }

  void generate(Entry& e) {
    const Token& d = e.tokens()[0];
    const std::size_t n = e.tokens().size();
    if (n < 5) return void(error(d, "$GENERATE needs a range, an owner template, a type and an rdata template"));
    detail::GenerateRange range;
    std::string why;
    if (!detail::parse_generate_range(e.tokens()[1].text, range, why)) return void(error(e.tokens()[1], why));
    const Token lhs = e.tokens()[2];
    RecordHead head;
    if (!parse_head(e, 3, head)) return;
    if (head.rdata_first >= n) return void(error(e.tokens()[n - 1], "missing rdata template in $GENERATE"));
    seen_record_ = true;
    const std::size_t rhs_count = n - head.rdata_first;
    gen_offsets_.resize(rhs_count + 1);
    gen_tokens_.resize(rhs_count);
    for (std::uint64_t k = 0; k < range.count() && !stop_; ++k) {
      const auto value = static_cast<std::int64_t>(range.start + k * range.step);
      gen_text_.clear();
      if (!detail::expand_generate(lhs.text, value, gen_text_, why)) return void(error(lhs, why));
      const std::size_t owner_end = gen_text_.size();
      for (std::size_t r = 0; r < rhs_count; ++r) {
        const Token& t = e.tokens()[head.rdata_first + r];
        gen_offsets_[r] = gen_text_.size();
        if (!detail::expand_generate(t.text, value, gen_text_, why)) return void(error(t, why));
      }
      gen_offsets_[rhs_count] = gen_text_.size();
      for (std::size_t r = 0; r < rhs_count; ++r) {
        gen_tokens_[r] = e.tokens()[head.rdata_first + r];
        gen_tokens_[r].text = std::string_view(gen_text_).substr(gen_offsets_[r], gen_offsets_[r + 1] - gen_offsets_[r]);
      }
      if (!parse_domain(lhs, std::string_view(gen_text_).substr(0, owner_end), gen_owner_, "owner name")) return;
      bool offset_valid = false;
      std::uint32_t offset = 0;
      if (!add_record(gen_owner_, offset, offset_valid, head, gen_tokens_, d, d.line)) return;
    }
  }

  const ParseOptions& opt_;
  ParseResult& res_;
  dns::Zone& zone_;
  bool stop_ = false;

  // The file being read.
  const std::string* file_ = nullptr;
  std::uint16_t file_index_ = 0;
  const std::string* dir_ = nullptr;
  std::vector<std::string> include_stack_;  // canonical paths, for loop detection

  // Origin for relative names (wire form), and how the zone's origin was settled.
  std::string origin_;
  bool origin_known_ = false;
  bool zone_origin_set_ = false;
  bool seen_record_ = false;
  bool mid_file_ = false;  // started by assume(), after the file's first stretch
  bool gave_up_ = false;   // see gave_up()
  unsigned depth_ = 0;         // buffers being parsed (the main one and $INCLUDEs)
  // ParseOptions::keep_source: the spans so far, and whether every record
  // was a self-contained line (relative_name_: of the record being read).
  std::shared_ptr<SourceText> source_;
  const char* text_begin_ = nullptr;
  const char* text_end_ = nullptr;
  bool self_contained_ = true;
  bool relative_name_ = false;
  std::uint32_t lines_ = 0;    // lines of the main buffer, once parsed
  // SharedParse: the state shared with a helper, when reading a shared text's start.
  ShareState* share_ = nullptr;
  bool stopped_at_split_ = false;
  std::uint64_t state_version_ = 0;

  // The previous owner: wire form, raw token text and arena offset.
  std::string owner_;
  std::string owner_text_;
  bool have_owner_ = false;
  bool owner_failed_ = false;  // the last owner did not parse: its blank-owner lines are skipped quietly
  bool owner_cached_ = false;  // owner_text_ gives owner_ under the current origin
  std::uint32_t owner_offset_ = 0;
  bool owner_offset_valid_ = false;

  // RFC 2308 TTL state and the zone's class.
  std::optional<std::uint32_t> dollar_ttl_;
  std::optional<std::uint32_t> last_ttl_;
  std::uint16_t zone_class_ = dns::rrclass::IN;
  bool class_set_ = false;

  // Reused buffers.
  TypeMemo type_memo_;
  Entry entry_;
  std::string rdata_;
  std::string why_;
  std::string scratch_name_;
  std::string gen_text_;
  std::string gen_owner_;
  std::vector<std::size_t> gen_offsets_;
  std::vector<Token> gen_tokens_;
};

ShareState::Step ShareState::at(Parser& first, std::size_t offset) {
  progress.store(offset, std::memory_order_relaxed);
  if (first.state_version() != published_version) {
    const std::lock_guard<std::mutex> lock(mutex);
    state = first.handoff();
    published_version = first.state_version();
  }
  if (offset < limit.load(std::memory_order_acquire)) return Step::Go;
  std::unique_lock<std::mutex> lock(mutex);
  done.wait(lock, [&] { return helped; });
  return offset == split && second_ok && first.ended_in(guess) ? Step::Stop : Step::Alone;
}

// Whether a line that starts at `p` names an owner: the place a second
// parser can start without the line before it.
bool starts_owner_line(char c) noexcept {
  return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ';' && c != '$' && c != '(' && c != ')' &&
         c != '"';
}

// The start of the first line after offset `from` that names an owner;
// npos when there is none near.
std::size_t owner_line_after(std::string_view text, std::size_t from) {
  std::size_t newline = text.find('\n', from);
  for (int tries = 0; tries < 4096 && newline != std::string_view::npos && newline + 1 < text.size(); ++tries) {
    if (starts_owner_line(text[newline + 1])) return newline + 1;
    newline = text.find('\n', newline + 1);
  }
  return std::string_view::npos;
}

// The spans of a text read in two parts: the second's lines follow the
// first's `line_offset` lines, and its text starts at `split`.
std::shared_ptr<SourceText> join_sources(std::shared_ptr<SourceText> first, std::shared_ptr<SourceText> second,
                                         std::string_view text, std::size_t split, std::uint32_t line_offset) {
  if (!first || !second || text.size() > UINT32_MAX) return nullptr;
  first->text = text;
  std::vector<SourceText::Span>& lines = first->lines;
  lines.resize(std::max<std::size_t>(lines.size(), line_offset + second->lines.size()));
  for (std::size_t k = 1; k < second->lines.size(); ++k) {
    const SourceText::Span& span = second->lines[k];
    if (span.length != 0)
      lines[line_offset + k] = SourceText::Span{span.offset + static_cast<std::uint32_t>(split), span.length, span.whole_line};
  }
  return first;
}

// Joins the second part of a text read in two (`second`, from offset
// `split`, its records and spans `second_source`) to the first (`result`,
// `first_source`, `first_lines` lines read); returns the joined spans.
std::shared_ptr<SourceText> join_second(ParseResult& result, const ParseResult& second,
                                        std::shared_ptr<SourceText> first_source,
                                        std::shared_ptr<SourceText> second_source, std::string_view text,
                                        std::size_t split, std::uint32_t first_lines) {
  const std::uint32_t line_offset = first_lines - 1;
  result.zone.append(second.zone, line_offset);
  result.pieces = 2;
  return join_sources(std::move(first_source), std::move(second_source), text, split, line_offset);
}

// Parses `text` as two halves on two threads into `result`, which must be
// empty; false (and `result` empty again) when the text does not qualify or
// the halves do not join exactly as one parse would have read them. The
// second half starts at an owner line near the middle, in the origin and
// $TTL that the first half's directive lines set; the first half must end
// in that same state, with no parenthesis open, and neither half may have
// an error (errors are reported by the parse in one piece, in file order).
// A file with any directive besides $ORIGIN and $TTL is parsed in one piece.
// With ParseOptions::keep_source, `source` gets the spans of the whole text.
bool parse_in_halves(std::string_view text, const std::string& name, const std::string& dir,
                     const std::string& canonical, const ParseOptions& options, ParseResult& result,
                     std::shared_ptr<SourceText>& source) {
  if (options.threads < 2 || text.size() < std::max<std::size_t>(options.split_from, 2)) return false;
  const std::size_t split = owner_line_after(text, text.size() / 2);
  if (split == std::string_view::npos) return false;

  // The directive lines of the first half, in order; any other directive
  // anywhere: one piece.
  std::string directives;
  for (std::size_t at = text.find('$'); at != std::string_view::npos; at = text.find('$', at + 1)) {
    if (at > 0 && text[at - 1] != '\n') continue;
    const std::size_t eol = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, eol - at);
    const auto is = [&](std::string_view word) {
      if (line.size() <= word.size() || (line[word.size()] != ' ' && line[word.size()] != '\t')) return false;
      for (std::size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(line[i])) != word[i]) return false;
      return true;
    };
    if (!is("$ORIGIN") && !is("$TTL")) return false;
    if (at < split) directives.append(line).push_back('\n');
  }
  ParseResult scratch;
  Parser state(options, scratch);
  state.run(directives, name, dir, canonical);
  if (!scratch.errors.empty()) return false;
  const Handoff guess = state.handoff();

  ParseResult second;
  Parser later(options, second);
  later.assume(guess);
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      later.run(text.substr(split), name, dir, canonical);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  bool joined = false;
  try {
    // Room for the whole text, so that the second half joins without a copy.
    result.zone.reserve(text.size() / 40 + 16, text.size() / 4 * 3 + 64);
    Parser first(options, result);
    first.run(text.substr(0, split), name, dir, canonical);
    worker.join();
    joined = true;
    if (failure) std::rethrow_exception(failure);
    if (first.ended_in(guess) && second.errors.empty() && !later.gave_up()) {
      source = join_second(result, second, first.take_source(), later.take_source(), text, split, first.lines());
      return true;
    }
  } catch (...) {
    if (!joined) worker.join();
    throw;
  }
  result = ParseResult();
  return false;
}

// The end of parsing a mapped file: the text stays mapped for as long as
// its source is kept; else it is unmapped before finalize(), as sorting
// needs as much memory again as the records and the two peaks should not add up.
void finish_file(ParseResult& result, std::shared_ptr<SourceText> source, detail::MappedFile& file,
                 const ParseOptions& options) {
  if (source) {
    auto kept = std::make_shared<detail::MappedFile>(std::move(file));
    source->text = kept->data();
    source->storage = std::move(kept);
    result.source = std::move(source);
  }
  file.close();
  if (result.errors.empty() && options.finalize) result.zone.finalize();
}

}  // namespace

ParseResult parse_zone_file(const std::string& path, const ParseOptions& options) {
  ParseResult result;
  std::shared_ptr<SourceText> source;
  detail::MappedFile file;
  std::string why;
  if (!file.open(path, why)) {
    result.errors.emplace_back(SourceLocation{path, 0, 0}, "cannot open zone file: " + why);
    return result;
  }
  {
    const std::string dir = directory_of(path), canonical = path == "-" ? std::string() : canonical_path(path);
    if (!parse_in_halves(file.data(), path, dir, canonical, options, result, source)) {
      Parser parser(options, result);
      parser.run(file.data(), path, dir, canonical);
      source = parser.take_source();
    }
  }
  finish_file(result, std::move(source), file, options);
  return result;
}

// ---- SharedParse ------------------------------------------------------------

struct SharedParse::State : ShareState {
  using ShareState::ShareState;
};

SharedParse::SharedParse(const std::string& path, const ParseOptions& options)
    : state_(std::make_unique<State>(path, options)) {
  State& s = *state_;
  s.state.origin_known = options.origin_given;
  if (options.origin_given) s.state.origin = options.origin.wire();
  if (!s.file.open(path, s.open_error)) {
    if (s.open_error.empty()) s.open_error = "cannot be read";
    return;
  }
  s.text = s.file.data();
  s.dir = directory_of(path);
  s.canonical = path == "-" ? std::string() : canonical_path(path);
}

SharedParse::~SharedParse() = default;

ParseResult SharedParse::run() {
  State& s = *state_;
  ParseResult result;
  if (!s.open_error.empty()) {
    result.errors.emplace_back(SourceLocation{s.path, 0, 0}, "cannot open zone file: " + s.open_error);
    return result;
  }
  std::shared_ptr<SourceText> source;
  {
    Parser first(s.options, result);
    first.share(&s);
    first.run(s.text, s.path, s.dir, s.canonical);
    // No helper starts from here on; one that did is waited for.
    std::unique_lock<std::mutex> lock(s.mutex);
    s.closed = true;
    s.done.wait(lock, [&] { return !s.taken || s.helped; });
    lock.unlock();
    source = first.take_source();
    if (first.stopped_at_split())
      source = join_second(result, s.second, std::move(source), std::move(s.second_source), s.text, s.split,
                           first.lines());
  }
  s.second = ParseResult();
  finish_file(result, std::move(source), s.file, s.options);
  return result;
}

void SharedParse::help() {
  State& s = *state_;
  {
    const std::lock_guard<std::mutex> lock(s.mutex);
    if (s.closed || s.taken || !s.open_error.empty()) return;
    const std::size_t from = s.progress.load(std::memory_order_relaxed);
    // Less left than a text worth reading in two halves is not worth a second zone to join.
    if (from >= s.text.size() || s.text.size() - from < std::max<std::size_t>(s.options.split_from, 2)) return;
    const std::size_t split = owner_line_after(s.text, from + (s.text.size() - from) / 2);
    if (split == std::string_view::npos) return;
    s.taken = true;
    s.split = split;
    s.guess = s.state;
    s.limit.store(split, std::memory_order_release);
  }
  // The helper stops at its first error or at what it was not handed: the
  // first parser then reads the part itself, and reports what is there.
  ParseResult second;
  std::shared_ptr<SourceText> source;
  bool ok = false;
  try {
    ParseOptions options = s.options;
    options.max_errors = 1;
    Parser later(options, second);
    later.assume(s.guess);
    later.run(s.text.substr(s.split), s.path, s.dir, s.canonical);
    ok = second.errors.empty() && !later.gave_up();
    if (ok) source = later.take_source();
  } catch (...) {
    ok = false;
  }
  {
    const std::lock_guard<std::mutex> lock(s.mutex);
    if (ok) {
      s.second = std::move(second);
      s.second_source = std::move(source);
    }
    s.second_ok = ok;
    s.helped = true;
  }
  s.done.notify_all();
}

ParseResult parse_zone_text(std::string_view text, const std::string& display_name, const ParseOptions& options,
                            const std::string& base_dir) {
  ParseResult result;
  std::shared_ptr<SourceText> source;
  if (!parse_in_halves(text, display_name, base_dir, std::string(), options, result, source)) {
    Parser parser(options, result);
    parser.run(text, display_name, base_dir, std::string());
    source = parser.take_source();
  }
  result.source = std::move(source);  // over `text`, which the caller keeps
  if (result.errors.empty() && options.finalize) result.zone.finalize();
  return result;
}

}  // namespace signet::zonefile
