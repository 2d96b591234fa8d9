// SPDX-License-Identifier: MIT
#include "signet/verifier/finding.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace signet::verifier;

TEST_CASE("severity names are the words used in text and JSON output") {
  CHECK(severity_name(Severity::Info) == "info");
  CHECK(severity_name(Severity::Warning) == "warning");
  CHECK(severity_name(Severity::Error) == "error");
}

TEST_CASE("the check table is in id order, kebab-case, and every row is found by id") {
  const auto checks = all_checks();
  REQUIRE(checks.size() == 50);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (i > 0) CHECK(checks[i - 1].id < checks[i].id);
    for (char c : checks[i].id) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    CHECK(!checks[i].summary.empty());
    const CheckInfo* row = find_check(checks[i].id);
    REQUIRE(row != nullptr);
    CHECK(row->id.data() == checks[i].id.data());
  }
  CHECK(find_check("no-such-check") == nullptr);
  CHECK(find_check("") == nullptr);
  CHECK(find_check("soa-missing")->severity == Severity::Error);
  CHECK(find_check("duplicate-record")->severity == Severity::Warning);
  CHECK(find_check("rrset-ttl-mismatch")->severity == Severity::Warning);
  CHECK(find_check("ns-target-missing-address")->severity == Severity::Warning);
  CHECK(find_check("ns-missing-glue")->severity == Severity::Error);
}

TEST_CASE("summarize counts findings by severity") {
  std::vector<Finding> findings(6);
  findings[0].severity = Severity::Error;
  findings[1].severity = Severity::Warning;
  findings[2].severity = Severity::Warning;
  findings[3].severity = Severity::Info;
  findings[4].severity = Severity::Error;
  findings[5].severity = Severity::Error;
  const Summary s = summarize(findings);
  CHECK(s.errors == 3);
  CHECK(s.warnings == 2);
  CHECK(s.infos == 1);
  CHECK(s.records == 0);
  const Summary none = summarize({});
  CHECK(none.errors + none.warnings + none.infos == 0);
}
