// SPDX-License-Identifier: MIT
// The zone writer: one "owner<TAB>ttl<TAB>CLASS<TAB>TYPE<TAB>rdata" line per
// record, in the finalized zone's canonical order, appended to the caller's
// string. Mnemonics come from the type table without building temporary
// strings, so a large zone is written without per-record allocation. A
// record equal to one of a zone read before is written as its text there
// (WriteOptions::reuse_zone), found by a walk beside the writer's.
#include "signet/zonefile/writer.hpp"

#include <algorithm>
#include <compare>
#include <deque>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "signet/dns/rrtype.hpp"
#include "signet/zonefile/rdata_text.hpp"

namespace signet::zonefile {
namespace {

void append_decimal(std::uint32_t value, std::string& out) {
  char buf[10];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

void append_class(std::uint16_t rclass, std::string& out) {
  switch (rclass) {
    case dns::rrclass::IN: out += "IN"; return;
    case dns::rrclass::CH: out += "CH"; return;
    case dns::rrclass::HS: out += "HS"; return;
    default:
      out += "CLASS";
      append_decimal(rclass, out);
  }
}

void append_type(std::uint16_t type, bool generic, std::string& out) {
  if (!generic) {
    if (const dns::TypeDescriptor* row = dns::find_type(type)) {
      out += row->mnemonic;
      return;
    }
  }
  out += "TYPE";
  append_decimal(type, out);
}

}  // namespace

namespace {

// A record's line after its owner name, without the newline.
void write_after_owner(const dns::Zone& zone, const dns::Record& rr, std::string& out, const WriteOptions& options) {
  out += '\t';
  append_decimal(rr.ttl, out);
  out += '\t';
  append_class(rr.rclass, out);
  out += '\t';
  append_type(rr.type, options.generic_all, out);
  out += '\t';
  if (options.generic_all)
    print_rdata_generic(zone.rdata(rr), out);
  else
    print_rdata(rr.type, zone.rdata(rr), out);
}

// Finds, for the records a piece writes in canonical order, the record of
// the reuse zone equal to each, and its text. It walks forward beside the
// writer: one name comparison per owner it passes, one record comparison per
// record (two where records differ).
class Reuse {
 public:
  Reuse(const dns::Zone& from, const SourceText& source) : from_(from), source_(source) {}

  // The text of the record of the reuse zone equal to `rr` (the next record
  // in canonical order of `zone`), or an empty view.
  std::string_view find(const dns::Zone& zone, const dns::Record& rr) {
    if (rr.owner != owner_offset_) {
      owner_offset_ = rr.owner;
      enter(zone.owner(rr));
    }
    const auto& records = from_.records();
    const std::uint32_t class_type = std::uint32_t{rr.rclass} << 16 | rr.type;
    const auto rdata = zone.rdata(rr);
    const std::string_view owner = zone.owner(rr).wire();
    for (; next_ < end_; ++next_) {
      const dns::Record& x = records[next_];
      const auto x_rdata = from_.rdata(x);
      // The owner as spelled: one name's records may spell it in other cases.
      if (x.type == rr.type && x.rclass == rr.rclass && x.ttl == rr.ttl && x.rdlength == rr.rdlength &&
          std::equal(rdata.begin(), rdata.end(), x_rdata.begin()) && from_.owner(x).wire() == owner)
        return source_.record_text(records[next_++]);
      // A record of the reuse zone that sorts after `rr` may equal a later one.
      const std::uint32_t x_class_type = std::uint32_t{x.rclass} << 16 | x.type;
      if (x_class_type > class_type ||
          (x_class_type == class_type && dns::canonical_rdata_compare(x.type, x_rdata, rdata) >= 0))
        break;
    }
    return {};
  }

 private:
  // Moves to the reuse zone's owner `name` (in any case: find() compares
  // each record's spelling), or to none.
  void enter(dns::NameView name) {
    const auto& owners = from_.owners();
    if (!started_) {
      started_ = true;
      owner_ = static_cast<std::size_t>(
          std::partition_point(owners.begin(), owners.end(),
                               [&](const dns::OwnerInfo& o) { return from_.name_at(o.owner).canonical_compare(name) < 0; }) -
          owners.begin());
    }
    next_ = end_ = 0;
    for (; owner_ < owners.size(); ++owner_) {
      const dns::OwnerInfo& o = owners[owner_];
      const dns::NameView here = from_.name_at(o.owner);
      const auto order = here.wire() == name.wire() ? std::strong_ordering::equal : here.canonical_compare(name);
      if (order == 0) {
        if (o.rrset_count > 0) {
          const dns::RRsetRef& last = from_.rrsets()[o.first_rrset + o.rrset_count - 1];
          next_ = from_.rrsets()[o.first_rrset].first;
          end_ = last.first + last.count;
        }
        return;
      }
      if (order > 0) return;  // past it: the reuse zone has no such name
    }
  }

  const dns::Zone& from_;
  const SourceText& source_;
  bool started_ = false;
  std::size_t owner_ = 0;  // index into from_.owners()
  std::uint32_t owner_offset_ = UINT32_MAX;
  std::size_t next_ = 0, end_ = 0;  // the records of that owner not passed yet
};

// The zone is written as its own reuse zone: read from the source text (and
// patched since, its changed records without a line), a record's line is
// its text.
bool own_lines(const dns::Zone& zone, const WriteOptions& options) noexcept {
  return options.reuse_zone == &zone && options.reuse_source != nullptr && !options.generic_all;
}

// A stretch of a piece's text: lines copied from the reuse source as they
// stand there (`from`), or lines formatted into the piece's buffer.
struct Segment {
  const char* from = nullptr;  // in the source text; null: in the buffer, from `offset`
  std::size_t offset = 0, length = 0;
};

// Lines for records [first, last). An owner's text is made once for the
// records in a row that share its offset (a name's RRsets and signatures).
// With `segments`, lines of the zone's own source text (a zone written as
// its reuse zone) that follow one another there are not copied: they become
// one segment pointing into the source, and `out` holds only the rest.
void write_lines(const dns::Zone& zone, std::size_t first, std::size_t last, std::string& out,
                 const WriteOptions& options, std::vector<Segment>* segments = nullptr) {
  const auto& records = zone.records();
  std::optional<Reuse> reuse;
  const bool reusing = options.reuse_zone != nullptr && options.reuse_source != nullptr && !options.generic_all;
  const bool from_own_text = own_lines(zone, options);
  if (reusing && !from_own_text) reuse.emplace(*options.reuse_zone, *options.reuse_source);
  if (!from_own_text) segments = nullptr;
  const char* run_begin = nullptr;  // the source lines of the current run
  const char* run_end = nullptr;
  std::size_t formatted = out.size();  // the buffer's text from here is in no segment yet
  const auto end_formatted = [&] {
    if (out.size() > formatted) segments->push_back(Segment{nullptr, formatted, out.size() - formatted});
    formatted = out.size();
  };
  const auto end_run = [&] {
    if (run_begin == nullptr) return;
    segments->push_back(Segment{run_begin, 0, static_cast<std::size_t>(run_end - run_begin)});
    run_begin = nullptr;
  };
  std::uint32_t owner = UINT32_MAX;
  std::string owner_text;
  for (std::size_t i = first; i < last; ++i) {
    const dns::Record& rr = records[i];
    if (reusing) {
      const std::string_view text = from_own_text ? options.reuse_source->record_text(rr) : reuse->find(zone, rr);
      if (!text.empty()) {
        const char* const line_end = text.data() + text.size();
        // The parser noted which lines hold nothing but the text: reading
        // the byte after it here would stream the whole previous output
        // through the cache once more, before the write copies it.
        if (segments != nullptr && options.reuse_source->whole_line(rr)) {
          if (run_begin == nullptr || run_end != text.data()) {
            end_run();
            end_formatted();
            run_begin = text.data();
          }
          run_end = line_end + 1;
          continue;
        }
        if (segments != nullptr) end_run();
        out += text;
        out += '\n';
        continue;
      }
    }
    if (segments != nullptr) end_run();
    if (rr.owner != owner) {
      owner = rr.owner;
      owner_text.clear();
      zone.owner(rr).append_text(owner_text);
    }
    out += owner_text;
    write_after_owner(zone, rr, out, options);
    out += '\n';
  }
  if (segments != nullptr) {
    end_run();
    end_formatted();
  }
}

}  // namespace

void write_record(const dns::Zone& zone, const dns::Record& rr, std::string& out, const WriteOptions& options) {
  zone.owner(rr).append_text(out);
  write_after_owner(zone, rr, out, options);
}

void write_zone(const dns::Zone& zone, std::string& out, const WriteOptions& options) {
  const auto& records = zone.records();
  // Most lines are well under 80 octets; one reservation avoids regrowth.
  out.reserve(out.size() + records.size() * 64);
  write_lines(zone, 0, records.size(), out, options);
}

namespace {

// Records [first, last) as text: the buffer and, for a zone written from
// its own source text, the segments of it (else the buffer is the text).
struct Piece {
  std::string buffer;
  std::vector<Segment> segments;
  bool segmented = false;
};

Piece format_piece(const dns::Zone& zone, std::size_t first, std::size_t last, const WriteOptions& options) {
  Piece piece;
  piece.segmented = own_lines(zone, options);
  if (!piece.segmented) piece.buffer.reserve((last - first) * 96);
  write_lines(zone, first, last, piece.buffer, options, piece.segmented ? &piece.segments : nullptr);
  return piece;
}

// Hands a piece's text to the sink, segment by segment.
bool hand_over(const Piece& piece, const std::function<bool(std::string_view)>& sink) {
  if (!piece.segmented) return sink(piece.buffer);
  for (const Segment& s : piece.segments)
    if (!sink(s.from != nullptr ? std::string_view(s.from, s.length)
                                : std::string_view(piece.buffer).substr(s.offset, s.length)))
      return false;
  return true;
}

// Pieces of a fixed number of records, formatted by up to `threads` tasks
// ahead of the caller, who hands them to the sink in order. Formatting is
// most of the writer's time and every record formats on its own, so this
// scales with the cores while the sink (a file write) overlaps with it.
bool write_pieces_in_parallel(const dns::Zone& zone, std::size_t records_per_piece, unsigned threads,
                              const std::function<bool(std::string_view)>& sink, const WriteOptions& options) {
  const std::size_t n = zone.records().size();
  std::deque<std::future<Piece>> ahead;
  std::size_t next = 0;
  const auto launch = [&] {
    const std::size_t first = next, last = std::min(n, next + records_per_piece);
    next = last;
    ahead.push_back(std::async(std::launch::async,
                               [&zone, &options, first, last] { return format_piece(zone, first, last, options); }));
  };
  while (next < n && ahead.size() < threads) launch();
  while (!ahead.empty()) {
    const Piece piece = ahead.front().get();
    ahead.pop_front();
    if (next < n) launch();
    // The futures still running are waited for when the sink stops early.
    if (!hand_over(piece, sink)) return false;
  }
  return true;
}

}  // namespace

bool write_zone_chunked(const dns::Zone& zone, std::size_t chunk, const std::function<bool(std::string_view)>& sink,
                        const WriteOptions& options) {
  const unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // About `chunk` octets per piece at a typical signed zone's line length.
  const std::size_t per_piece = std::max<std::size_t>(1024, chunk / 128);
  const std::size_t n = zone.records().size();
  // A zone written from its own text is mostly runs of its lines handed
  // over as they stand: there is little to format, and formatting threads
  // would only compete with the caller and whatever runs beside it.
  if (own_lines(zone, options)) {
    for (std::size_t first = 0; first < n; first += per_piece)
      if (!hand_over(format_piece(zone, first, std::min(n, first + per_piece), options), sink)) return false;
    return true;
  }
  if (threads > 1 && zone.records().size() > 2 * per_piece)
    return write_pieces_in_parallel(zone, per_piece, threads, sink, options);
  std::string buffer;
  buffer.reserve(chunk + 4096);
  for (std::size_t first = 0; first < n; first += per_piece) {
    write_lines(zone, first, std::min(n, first + per_piece), buffer, options);
    if (buffer.size() >= chunk) {
      if (!sink(buffer)) return false;
      buffer.clear();
    }
  }
  return buffer.empty() || sink(buffer);
}

}  // namespace signet::zonefile
