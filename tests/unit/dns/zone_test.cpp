// SPDX-License-Identifier: MIT
// Zone: canonical sort, RRset and owner indexes, empty non-terminals, name
// classification, lookups and duplicate removal.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "signet/dns/name.hpp"
#include "signet/dns/rrtype.hpp"
#include "signet/dns/zone.hpp"

using namespace signet::dns;
using namespace std::string_view_literals;

namespace {

Name name(std::string_view text) { return Name::parse(text); }

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string a_rdata(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
}

void add(Zone& zone, std::string_view owner, std::uint16_t type, std::string_view rdata, std::uint32_t line = 0) {
  zone.add(name(owner), type, rrclass::IN, 3600, bytes(rdata), 0, line);
}

void add_name(Zone& zone, std::string_view owner, std::uint16_t type, std::string_view target, std::uint32_t line = 0) {
  add(zone, owner, type, name(target).wire(), line);
}

// "owner TYPE" per record, for compact order checks.
std::vector<std::string> listing(const Zone& zone) {
  std::vector<std::string> out;
  for (const Record& rr : zone.records())
    out.push_back(zone.owner(rr).to_text() + " " + std::to_string(rr.type));
  return out;
}

// The whole index: each owner (name, kind, its RRsets) in order.
std::vector<std::string> index_of(const Zone& zone) {
  std::vector<std::string> out;
  for (const OwnerInfo& info : zone.owners()) {
    std::string line = Name(zone.name_at(info.owner)).lowercased().to_text() + " kind " +
                       std::to_string(static_cast<int>(info.kind)) + " rrsets " + std::to_string(info.first_rrset) + ":";
    for (std::uint32_t k = 0; k < info.rrset_count; ++k) {
      const RRsetRef& set = zone.rrsets()[info.first_rrset + k];
      line += " " + std::to_string(zone.records()[set.first].type) + "@" + std::to_string(set.first) + "x" +
              std::to_string(set.count);
    }
    out.push_back(line);
  }
  return out;
}

NameKind kind_of(const Zone& zone, std::string_view owner) {
  const std::ptrdiff_t at = zone.find_owner(name(owner));
  REQUIRE(at >= 0);
  return zone.owners()[static_cast<std::size_t>(at)].kind;
}

}  // namespace

TEST_CASE("intern_name reuses the previous owner only for identical bytes") {
  Zone zone(name("example."));
  const std::uint32_t a = zone.intern_name(name("www.example."));
  CHECK(zone.intern_name(name("www.example.")) == a);
  const std::uint32_t upper = zone.intern_name(name("WWW.example."));
  CHECK(upper != a);
  CHECK(zone.name_at(a).wire() == "\3www\7example\0"sv);
  CHECK(zone.name_at(upper).to_text() == "WWW.example.");
  const std::uint32_t raw = zone.add_bytes("\1\2\3"sv);
  CHECK(raw == a + 2 * 13);
  CHECK(zone.arena_size() == raw + 3);
  CHECK(zone.add_file("db.example") == 0);
  CHECK(zone.add_file("inc.example") == 1);
  CHECK(zone.files().size() == 2);
}

TEST_CASE("finalize sorts records canonically: owner, class, type, rdata") {
  Zone zone(name("example."));
  add(zone, "z.example.", rrtype::A, a_rdata(192, 0, 2, 9));
  add(zone, "www.example.", rrtype::AAAA, std::string(16, '\1'));
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 2));
  add(zone, "example.", rrtype::NS, name("ns.example.").wire());
  add(zone, "a.example.", rrtype::TXT, "\2hi"sv);
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 1));
  add(zone, "example.", rrtype::SOA, "\2ns\0\2hm\0AAAABBBBCCCCDDDDEEEE"sv);
  CHECK_FALSE(zone.finalized());
  zone.finalize();
  CHECK(zone.finalized());
  const std::vector<std::string> expected = {"example. 2",     "example. 6",     "a.example. 16", "www.example. 1",
                                             "www.example. 1", "www.example. 28", "z.example. 1"};
  CHECK(listing(zone) == expected);
  const auto& r = zone.records();
  CHECK(zone.rdata(r[3])[3] == 1);
  CHECK(zone.rdata(r[4])[3] == 2);
}

TEST_CASE("class sorts between owner and type") {
  Zone zone(name("example."));
  zone.add(name("x.example."), rrtype::A, rrclass::CH, 0, bytes(a_rdata(1, 1, 1, 1)));
  zone.add(name("x.example."), rrtype::TXT, rrclass::IN, 0, bytes("\1t"sv));
  zone.finalize();
  CHECK(zone.records()[0].rclass == rrclass::IN);
  CHECK(zone.records()[1].rclass == rrclass::CH);
  CHECK(zone.rrsets().size() == 2);
}

TEST_CASE("RRsets group by owner (any case, any arena copy), class and type") {
  Zone zone(name("example."));
  add(zone, "www.example.", rrtype::A, a_rdata(10, 0, 0, 2), 1);
  add(zone, "mail.example.", rrtype::A, a_rdata(10, 0, 0, 9), 2);
  add(zone, "WWW.Example.", rrtype::A, a_rdata(10, 0, 0, 1), 3);
  add(zone, "www.example.", rrtype::AAAA, std::string(16, '\0'), 4);
  zone.finalize();
  REQUIRE(zone.rrsets().size() == 3);
  REQUIRE(zone.owners().size() == 2);  // example. has no data and is the apex: no owner entry
  const std::ptrdiff_t a = zone.find_rrset(name("www.example."), rrtype::A);
  REQUIRE(a >= 0);
  const RRsetRef& set = zone.rrsets()[static_cast<std::size_t>(a)];
  CHECK(set.count == 2);
  const auto records = zone.records_of(set);
  CHECK(records[0].line == 3);  // 10.0.0.1 sorts first
  CHECK(records[1].line == 1);
  const OwnerInfo& www = zone.owners()[static_cast<std::size_t>(zone.find_owner(name("www.EXAMPLE.")))];
  CHECK(www.rrset_count == 2);
  CHECK(zone.find_rrset(name("www.example."), rrtype::MX) == -1);
  CHECK(zone.find_rrset(name("nope.example."), rrtype::A) == -1);
  CHECK(zone.find_owner(name("nope.example.")) == -1);
}

TEST_CASE("empty non-terminals are created between the apex and deeper names") {
  Zone zone(name("example."));
  add_name(zone, "example.", rrtype::NS, "ns.example.");
  add(zone, "a.b.c.example.", rrtype::A, a_rdata(192, 0, 2, 1));
  add(zone, "x.c.example.", rrtype::A, a_rdata(192, 0, 2, 2));
  add(zone, "deep.out.of.zone.", rrtype::A, a_rdata(192, 0, 2, 3));
  zone.finalize();
  std::vector<std::string> owners;
  for (const OwnerInfo& o : zone.owners()) owners.push_back(zone.name_at(o.owner).to_text());
  const std::vector<std::string> expected = {"example.",   "c.example.",       "b.c.example.",
                                             "a.b.c.example.", "x.c.example.", "deep.out.of.zone."};
  CHECK(owners == expected);
  CHECK(kind_of(zone, "c.example.") == NameKind::EmptyNonTerminal);
  CHECK(kind_of(zone, "b.c.example.") == NameKind::EmptyNonTerminal);
  CHECK(kind_of(zone, "a.b.c.example.") == NameKind::Authoritative);
  CHECK(kind_of(zone, "deep.out.of.zone.") == NameKind::OutOfZone);
  const OwnerInfo& ent = zone.owners()[1];
  CHECK(ent.rrset_count == 0);
  CHECK(zone.find_rrset(name("c.example."), rrtype::A) == -1);
}

TEST_CASE("names are classified: apex, delegation, glue, occluded, out of zone") {
  Zone zone(name("example."));
  add(zone, "example.", rrtype::SOA, "\2ns\0\2hm\0AAAABBBBCCCCDDDDEEEE"sv);
  add_name(zone, "example.", rrtype::NS, "ns.sub.example.");
  add_name(zone, "sub.example.", rrtype::NS, "ns.sub.example.");
  add(zone, "sub.example.", rrtype::DS, "\0\1\10\2abcd"sv);
  add(zone, "ns.sub.example.", rrtype::A, a_rdata(192, 0, 2, 53));
  add(zone, "txt.sub.example.", rrtype::TXT, "\1x"sv);
  add(zone, "host.deep.sub.example.", rrtype::A, a_rdata(192, 0, 2, 54));
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 80));
  add_name(zone, "d.example.", rrtype::DNAME, "target.org.");
  add(zone, "x.d.example.", rrtype::A, a_rdata(192, 0, 2, 1));
  add_name(zone, "cut.d.example.", rrtype::NS, "ns.elsewhere.");
  add(zone, "g.cut.d.example.", rrtype::A, a_rdata(192, 0, 2, 2));
  add(zone, "after.example.", rrtype::A, a_rdata(192, 0, 2, 3));
  add(zone, "other.org.", rrtype::A, a_rdata(192, 0, 2, 4));
  zone.finalize();
  CHECK(kind_of(zone, "example.") == NameKind::Apex);
  CHECK(kind_of(zone, "sub.example.") == NameKind::Delegation);
  CHECK(kind_of(zone, "ns.sub.example.") == NameKind::Glue);
  CHECK(kind_of(zone, "txt.sub.example.") == NameKind::Glue);  // below a cut whatever its type
  CHECK(kind_of(zone, "deep.sub.example.") == NameKind::Glue);  // an empty name below the cut
  CHECK(kind_of(zone, "host.deep.sub.example.") == NameKind::Glue);
  CHECK(kind_of(zone, "www.example.") == NameKind::Authoritative);
  CHECK(kind_of(zone, "d.example.") == NameKind::Authoritative);
  CHECK(kind_of(zone, "x.d.example.") == NameKind::Occluded);
  CHECK(kind_of(zone, "cut.d.example.") == NameKind::Occluded);
  CHECK(kind_of(zone, "g.cut.d.example.") == NameKind::Occluded);
  CHECK(kind_of(zone, "after.example.") == NameKind::Authoritative);
  CHECK(kind_of(zone, "other.org.") == NameKind::OutOfZone);
}

TEST_CASE("the apex's NS does not make it a delegation, and a re-finalize is stable") {
  Zone zone(name("example."));
  add_name(zone, "example.", rrtype::NS, "ns1.example.");
  add(zone, "ns1.example.", rrtype::A, a_rdata(192, 0, 2, 1));
  zone.finalize();
  CHECK(kind_of(zone, "example.") == NameKind::Apex);
  CHECK(kind_of(zone, "ns1.example.") == NameKind::Authoritative);
  const auto before = listing(zone);
  zone.mutable_records();
  CHECK_FALSE(zone.finalized());
  zone.finalize();
  CHECK(listing(zone) == before);
}

TEST_CASE("sorting follows RFC 4034 6.1 over the whole zone, including \\000 labels") {
  Zone zone(name("example."));
  for (std::string_view owner : {"\\200.z.example.", "*.z.example.", "\\001.z.example.", "z.example.",
                                 "zABC.a.EXAMPLE.", "Z.a.example.", "yljkjljk.a.example.", "a.example.",
                                 "example.", "a\\000.example.", "a.z.example."})
    add(zone, owner, rrtype::TXT, "\1x"sv);
  zone.finalize();
  std::vector<std::string> owners;
  for (const OwnerInfo& o : zone.owners()) owners.push_back(zone.name_at(o.owner).to_text());
  const std::vector<std::string> expected = {
      "example.",   "a.example.",      "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "a\\000.example.",
      "z.example.", "\\001.z.example.", "*.z.example.",        "a.z.example.", "\\200.z.example."};
  CHECK(owners == expected);
}

TEST_CASE("identical records stay in input order; remove_duplicates keeps the first") {
  Zone zone(name("example."));
  add_name(zone, "example.", rrtype::NS, "NS1.example.", 10);
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 1), 11);
  add_name(zone, "example.", rrtype::NS, "ns1.EXAMPLE.", 12);  // same in canonical form
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 1), 13);
  add(zone, "WWW.example.", rrtype::A, a_rdata(192, 0, 2, 1), 14);
  add(zone, "www.example.", rrtype::A, a_rdata(192, 0, 2, 2), 15);
  add(zone, "www.example.", rrtype::TXT, "\1x"sv, 16);
  zone.finalize();
  std::vector<std::uint32_t> lines;
  for (const Record& rr : zone.records()) lines.push_back(rr.line);
  CHECK(lines == std::vector<std::uint32_t>{10, 12, 11, 13, 14, 15, 16});
  CHECK(zone.remove_duplicates() == 3);
  CHECK(zone.finalized());
  lines.clear();
  for (const Record& rr : zone.records()) lines.push_back(rr.line);
  CHECK(lines == std::vector<std::uint32_t>{10, 11, 15, 16});
  REQUIRE(zone.rrsets().size() == 3);
  CHECK(zone.rrsets()[1].first == 1);
  CHECK(zone.rrsets()[1].count == 2);
  CHECK(zone.rrsets()[2].first == 3);
  CHECK(zone.find_rrset(name("www.example."), rrtype::TXT) == 2);
  CHECK(zone.remove_duplicates() == 0);
}

TEST_CASE("an empty zone finalizes to nothing") {
  Zone zone(name("example."));
  zone.finalize();
  CHECK(zone.records().empty());
  CHECK(zone.rrsets().empty());
  CHECK(zone.owners().empty());
  CHECK(zone.find_owner(name("example.")) == -1);
  CHECK(zone.remove_duplicates() == 0);
}

TEST_CASE("finalize agrees with canonical_compare on many generated names") {
  // Long shared labels force the sort past its first 16 key bytes; case
  // variants and re-used names give one name several arena copies.
  std::uint32_t seed = 12345;
  auto next = [&seed](std::uint32_t bound) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % bound;
  };
  const char alphabet[] = {'a', 'B', 'c', '\0', '-', 'Z', '\xff', '0'};
  std::vector<Name> pool;
  for (int i = 0; i < 400; ++i) {
    std::string wire;
    const std::uint32_t labels = 1 + next(4);
    for (std::uint32_t l = 0; l < labels; ++l) {
      const std::uint32_t len = 1 + next(l == labels - 1 ? 20 : 3);
      wire.push_back(static_cast<char>(len));
      for (std::uint32_t k = 0; k < len; ++k) wire.push_back(k < 17 && l == labels - 1 ? 'q' : alphabet[next(8)]);
    }
    wire += "\7example\0"sv;
    pool.push_back(Name::from_wire(wire));
  }
  Zone zone(name("example."));
  std::size_t added = 0;
  for (int i = 0; i < 1500; ++i) {
    const Name& owner = pool[next(static_cast<std::uint32_t>(pool.size()))];
    const Name cased = next(2) ? owner : owner.lowercased();
    const std::uint16_t types[] = {rrtype::A, rrtype::TXT, rrtype::AAAA};  // no NS: no cuts here
    add(zone, cased.to_text(), types[next(3)], a_rdata(0, 0, 0, static_cast<std::uint8_t>(next(4))));
    ++added;
  }
  zone.finalize();
  REQUIRE(zone.records().size() == added);
  const auto& owners = zone.owners();
  for (std::size_t i = 1; i < owners.size(); ++i) {
    CAPTURE(i);
    REQUIRE(zone.name_at(owners[i - 1].owner).canonical_compare(zone.name_at(owners[i].owner)) ==
            std::strong_ordering::less);
  }
  const NameView origin = zone.origin().view();
  for (const OwnerInfo& o : owners) {
    const NameView here = zone.name_at(o.owner);
    // Every name between the origin and an owner is itself an owner.
    for (NameView up = here.parent(); up.size() > origin.size(); up = up.parent())
      REQUIRE(zone.find_owner(up) >= 0);
    for (std::uint32_t k = 0; k < o.rrset_count; ++k) {
      const RRsetRef& set = zone.rrsets()[o.first_rrset + k];
      const auto records = zone.records_of(set);
      for (std::size_t r = 0; r < records.size(); ++r) {
        CHECK(zone.owner(records[r]) == here);
        CHECK(records[r].type == records[0].type);
        if (r > 0)
          CHECK(canonical_rdata_compare(records[r].type, zone.rdata(records[r - 1]), zone.rdata(records[r])) <= 0);
      }
      if (k > 0) CHECK(zone.records_of(zone.rrsets()[o.first_rrset + k - 1])[0].type < records[0].type);
    }
    CHECK((o.rrset_count == 0) == (o.kind == NameKind::EmptyNonTerminal));
  }
}

TEST_CASE("records already in order, or appended to a finalized zone, finalize as a full sort would") {
  // finalize() skips the sort for ordered records and only sorts and merges
  // an appended tail (the signer's case): the result must be the same
  // records in the same order as sorting everything, ties included.
  std::uint32_t seed = 777;
  auto next = [&seed](std::uint32_t bound) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % bound;
  };
  const char* owners[] = {"example.", "a.example.", "B.a.example.", "b.A.example.", "c.example.",
                          "*.c.example.", "z.example.", "a\\000.example.", "sub.z.EXAMPLE."};
  const std::uint16_t types[] = {rrtype::A, rrtype::TXT, rrtype::AAAA, rrtype::MX};
  struct Item {
    std::string owner;
    std::uint16_t type;
    std::string rdata;
    std::uint32_t line;
  };
  std::vector<Item> items;
  for (std::uint32_t i = 0; i < 600; ++i)
    items.push_back({owners[next(9)], types[next(4)], a_rdata(0, 0, 0, static_cast<std::uint8_t>(next(3))), i + 1});
  const auto fill = [](Zone& zone, const std::vector<Item>& from, std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) add(zone, from[i].owner, from[i].type, from[i].rdata, from[i].line);
  };
  const auto lines_of = [](const Zone& zone) {
    std::vector<std::uint32_t> out;
    for (const Record& rr : zone.records()) out.push_back(rr.line);
    return out;
  };
  Zone whole(name("example."));
  fill(whole, items, 0, items.size());
  whole.finalize();
  const std::vector<std::uint32_t> expected = lines_of(whole);

  SUBCASE("a finalized zone with records appended in any order") {
    for (std::size_t split : {std::size_t{300}, std::size_t{450}, std::size_t{599}}) {
      CAPTURE(split);
      Zone zone(name("example."));
      fill(zone, items, 0, split);
      zone.finalize();
      fill(zone, items, split, items.size());
      zone.finalize();
      CHECK(lines_of(zone) == expected);
      CHECK(listing(zone) == listing(whole));
      CHECK(zone.owners().size() == whole.owners().size());
      CHECK(zone.rrsets().size() == whole.rrsets().size());
    }
  }
  SUBCASE("records appended at names the finalized zone has (as signatures are) are placed by owner rank") {
    for (std::size_t split : {std::size_t{200}, std::size_t{590}}) {
      CAPTURE(split);
      Zone zone(name("example."));
      fill(zone, items, 0, split);
      zone.finalize();
      // Appended records reuse the owner offsets of records already there.
      Zone reference(name("example."));
      fill(reference, items, 0, split);
      std::vector<Record> head(zone.records().begin(), zone.records().end());
      for (std::size_t i = split; i < items.size(); ++i) {
        const Record& at = head[next(static_cast<std::uint32_t>(head.size()))];
        Record rr;
        rr.owner = at.owner;
        rr.type = items[i].type;
        rr.rclass = rrclass::IN;
        rr.ttl = 3600;
        rr.line = items[i].line;
        rr.rdata = zone.add_bytes(items[i].rdata);
        rr.rdlength = static_cast<std::uint16_t>(items[i].rdata.size());
        zone.add(rr);
        reference.add(zone.owner(rr), rr.type, rr.rclass, rr.ttl, zone.rdata(rr), 0, rr.line);
      }
      zone.finalize();
      reference.finalize();
      CHECK(lines_of(zone) == lines_of(reference));
      CHECK(listing(zone) == listing(reference));
      CHECK(index_of(zone) == index_of(reference));
    }
  }
  SUBCASE("appended records that change owners or kinds rebuild the index") {
    // Signatures and NSECs at names with data keep owners and kinds (the
    // index is updated in place); an NS or DNAME at such a name, or a record
    // at an empty non-terminal, changes them.
    const auto base = [&] {
      Zone zone(name("example."));
      fill(zone, items, 0, items.size());
      add(zone, "x.ent.example.", rrtype::A, a_rdata(192, 0, 2, 1));
      add(zone, "d.c.example.", rrtype::A, a_rdata(192, 0, 2, 2));
      zone.finalize();
      return zone;
    };
    // As the signer adds them: at the owner offset the zone already uses.
    const auto add_at = [](Zone& zone, std::string_view owner, std::uint16_t type, std::string_view rdata) {
      const std::ptrdiff_t at = zone.find_owner(name(owner));
      REQUIRE(at >= 0);
      Record rr;
      rr.owner = zone.owners()[static_cast<std::size_t>(at)].owner;
      rr.type = type;
      rr.rclass = rrclass::IN;
      rr.ttl = 3600;
      rr.rdata = zone.add_bytes(rdata);
      rr.rdlength = static_cast<std::uint16_t>(rdata.size());
      zone.add(rr);
    };
    const auto appended = [&](std::string_view owner, std::uint16_t type, std::string_view rdata) {
      Zone zone = base();
      CHECK(kind_of(zone, "ent.example.") == NameKind::EmptyNonTerminal);
      add_at(zone, owner, type, rdata);
      add_at(zone, "a.example.", rrtype::RRSIG, "sig");
      add_at(zone, "x.ent.example.", rrtype::RRSIG, "sig");
      zone.finalize();
      Zone reference(name("example."));
      for (const Record& rr : zone.records())
        reference.add(zone.owner(rr), rr.type, rr.rclass, rr.ttl, zone.rdata(rr), 0, rr.line);
      reference.finalize();
      CHECK(index_of(zone) == index_of(reference));
      return zone;
    };
    CHECK(kind_of(appended("c.example.", rrtype::NSEC, "n"), "c.example.") == NameKind::Authoritative);
    const Zone cut = appended("c.example.", rrtype::NS, name("ns.example.").wire());
    CHECK(kind_of(cut, "c.example.") == NameKind::Delegation);
    CHECK(kind_of(cut, "d.c.example.") == NameKind::Glue);
    CHECK(kind_of(appended("c.example.", rrtype::DNAME, name("t.example.").wire()), "d.c.example.") ==
          NameKind::Occluded);
    CHECK(kind_of(appended("ent.example.", rrtype::TXT, "\001t"), "ent.example.") == NameKind::Authoritative);
  }
  SUBCASE("replace_rdata keeps the order it can and re-sorts what it breaks") {
    Zone zone(name("example."));
    fill(zone, items, 0, items.size());
    zone.finalize();
    // Move the first record of a multi-record RRset past its neighbours.
    const RRsetRef* wide = nullptr;
    for (const RRsetRef& set : zone.rrsets())
      if (set.count > 2) wide = &set;
    REQUIRE(wide != nullptr);
    const std::size_t index = wide->first;
    zone.replace_rdata(index, zone.add_bytes(a_rdata(255, 255, 255, 255)), 4);
    CHECK_FALSE(zone.finalized());
    zone.finalize();
    // A full sort of the same records, added in reverse, gives the same
    // order (names compared case-folded: ties of case variants may differ).
    Zone shuffled(name("example."));
    for (std::size_t i = zone.records().size(); i-- > 0;) {
      const Record& rr = zone.records()[i];
      shuffled.add(zone.owner(rr), rr.type, rr.rclass, rr.ttl, zone.rdata(rr), 0, rr.line);
    }
    shuffled.finalize();
    const auto folded = [](const Zone& z) {
      std::vector<std::string> out;
      for (const Record& rr : z.records())
        out.push_back(Name(z.owner(rr)).lowercased().to_text() + " " + std::to_string(rr.type) + " " +
                      std::to_string(z.rdata(rr)[0]) + "." + std::to_string(z.rdata(rr)[3]));
      return out;
    };
    CHECK(folded(zone) == folded(shuffled));
    CHECK(zone.rrsets().size() == shuffled.rrsets().size());
    const auto& moved = zone.records()[wide->first + wide->count - 1];
    CHECK(zone.rdata(moved)[0] == 255);
  }
  SUBCASE("records added in canonical order") {
    Zone zone(name("example."));
    for (const Record& rr : whole.records())
      zone.add(whole.owner(rr), rr.type, rr.rclass, rr.ttl, whole.rdata(rr), 0, rr.line);
    zone.finalize();
    CHECK(lines_of(zone) == expected);
    // And a sorted tail appended to a sorted zone merges.
    Zone merged(name("example."));
    Zone first(name("example.")), second(name("example."));
    for (std::size_t i = 0; i < items.size(); ++i)
      add(i % 2 ? second : first, items[i].owner, items[i].type, items[i].rdata, items[i].line);
    first.finalize();
    second.finalize();
    for (const Zone* part : {&first, &second})
      for (const Record& rr : part->records())
        merged.add(part->owner(rr), rr.type, rr.rclass, rr.ttl, part->rdata(rr), 0, rr.line);
    merged.finalize();
    // Ties between the two runs (same name in another case) may come in
    // either run's order, so compare names case-insensitively.
    const auto folded = [](const Zone& zone) {
      std::vector<std::string> out;
      for (const Record& rr : zone.records())
        out.push_back(Name(zone.owner(rr)).lowercased().to_text() + " " + std::to_string(rr.type) + " " +
                      std::to_string(zone.rdata(rr)[3]));
      return out;
    };
    CHECK(folded(merged) == folded(whole));
    CHECK(merged.rrsets().size() == whole.rrsets().size());
  }
}

TEST_CASE("overwrite: new data for the same records keeps the index; anything else is refused") {
  Zone zone(name("example."));
  add(zone, "example.", rrtype::A, a_rdata(192, 0, 2, 1));
  add(zone, "a.example.", rrtype::A, a_rdata(192, 0, 2, 2));
  add(zone, "a.example.", rrtype::A, a_rdata(192, 0, 2, 3));
  add(zone, "b.example.", rrtype::TXT, "\x02hi");
  zone.finalize();
  const std::vector<std::string> index = index_of(zone);
  const auto record = [&](std::size_t i, std::string_view rdata, std::uint32_t ttl = 3600) {
    Record rr = zone.records()[i];
    rr.rdata = zone.add_bytes(rdata);
    rr.rdlength = static_cast<std::uint16_t>(rdata.size());
    rr.ttl = ttl;
    rr.line = 0;
    return rr;
  };
  // a.example.'s two addresses, new ones still in canonical order, one TTL changed.
  const std::vector<Record> two = {record(1, a_rdata(192, 0, 2, 7), 60), record(2, a_rdata(192, 0, 2, 8), 60)};
  CHECK(zone.overwrite(1, two));
  CHECK(zone.finalized());
  CHECK(index_of(zone) == index);
  CHECK(zone.records()[1].ttl == 60);
  CHECK(zone.rdata(zone.records()[2])[3] == 8);
  // Out of canonical order within the RRset: refused, nothing changed.
  const std::vector<Record> swapped = {record(1, a_rdata(192, 0, 2, 9)), record(2, a_rdata(192, 0, 2, 5))};
  CHECK_FALSE(zone.overwrite(1, swapped));
  CHECK(zone.rdata(zone.records()[1])[3] == 7);
  // Another type, or another owner: refused.
  Record other_type = record(3, "\x02ho");
  other_type.type = rrtype::A;
  CHECK_FALSE(zone.overwrite(3, std::vector<Record>{other_type}));
  Record other_owner = record(3, "\x02ho");
  other_owner.owner = zone.records()[0].owner;
  CHECK_FALSE(zone.overwrite(3, std::vector<Record>{other_owner}));
  // Past the end: refused.
  CHECK_FALSE(zone.overwrite(3, two));
  CHECK(index_of(zone) == index);
}

TEST_CASE("a big zone in canonical order is indexed in two parts exactly as in one") {
  // Over 2^17 records, with delegations and glue, a DNAME and what it
  // occludes, empty non-terminals and names deep below the apex, on both
  // sides of the middle, and names outside the zone at the end.
  Zone unsorted(name("example."));
  add(unsorted, "example.", rrtype::A, a_rdata(192, 0, 2, 1));
  for (std::uint32_t i = 0; i < 75000; ++i) {
    const std::string n = "n" + std::to_string(i) + ".example.";
    switch (i % 5) {
      case 0:
        add_name(unsorted, n, rrtype::NS, "ns." + n);
        add(unsorted, "ns." + n, rrtype::A, a_rdata(10, 0, 0, 1));
        break;
      case 1:
        add_name(unsorted, n, rrtype::DNAME, "target.example.");
        add(unsorted, "below." + n, rrtype::A, a_rdata(10, 0, 0, 2));
        break;
      case 2: add(unsorted, "x.y.z." + n, rrtype::A, a_rdata(10, 0, 0, 3)); break;
      default:
        add(unsorted, n, rrtype::A, a_rdata(10, 0, 0, 4));
        add(unsorted, n, rrtype::AAAA, std::string(16, '\x01'));
    }
  }
  add(unsorted, "a.outside.", rrtype::A, a_rdata(10, 0, 0, 5));
  unsorted.finalize();
  REQUIRE(unsorted.records().size() >= (1u << 17));
  // The records again, in canonical order and not finalized.
  const auto copy = [&] {
    Zone z(name("example."));
    for (const Record& rr : unsorted.records())
      z.add(unsorted.owner(rr), rr.type, rr.rclass, rr.ttl, unsorted.rdata(rr));
    return z;
  };
  Zone one = copy(), two = copy();
  one.finalize(1);
  two.finalize(2);
  CHECK(two.finalized());
  CHECK(index_of(two) == index_of(one));
  CHECK(index_of(two) == index_of(unsorted));
  CHECK(kind_of(two, "below.n1.example.") == NameKind::Occluded);
  CHECK(kind_of(two, "ns.n74995.example.") == NameKind::Glue);
  CHECK(kind_of(two, "y.z.n74997.example.") == NameKind::EmptyNonTerminal);
  CHECK(kind_of(two, "a.outside.") == NameKind::OutOfZone);
  // Out of order near the end: found, and the records sorted as one zone.
  Zone late = copy();
  std::swap(late.mutable_records()[late.records().size() - 3], late.mutable_records()[late.records().size() - 10]);
  late.finalize(2);
  CHECK(index_of(late) == index_of(one));
}
