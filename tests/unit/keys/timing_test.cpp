// SPDX-License-Identifier: MIT
#include "signet/keys/timing.hpp"

#include <doctest/doctest.h>

using namespace signet::keys;

TEST_CASE("timing field table: BIND names in BIND order") {
  const char* names[] = {"Created", "Publish", "Activate", "Revoke", "Inactive", "Delete", "SyncPublish", "SyncDelete"};
  REQUIRE(timing_fields().size() == 8);
  KeyTiming t;
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(timing_fields()[i].name == names[i]);
    t.*timing_fields()[i].member = static_cast<UnixTime>(i);
  }
  CHECK(t.created == 0);
  CHECK(t.sync_delete == 7);
}
