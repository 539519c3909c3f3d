#define CAF_SUITE persistence.messages
#include <optional>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "messages/database.hpp"
#include "tests/support/test_system.hpp"

using namespace switchboard;

CAF_TEST(a row keeps its nulls through CAF serialization) {
  test::test_config cfg;
  caf::actor_system sys{cfg};
  db_row row{{std::string{"a"}, std::nullopt, std::string{""}}};
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  CAF_REQUIRE(!sink(row));
  db_row copy;
  caf::binary_deserializer source{sys, buf};
  CAF_REQUIRE(!source(copy));
  CAF_REQUIRE_EQUAL(copy.values.size(), 3u);
  CAF_CHECK_EQUAL(*copy.values[0], "a");
  CAF_CHECK(!copy.values[1]);
  CAF_REQUIRE(copy.values[2]);
  CAF_CHECK_EQUAL(*copy.values[2], "");
}

CAF_TEST(database messages render readably) {
  db_pool_stats stats;
  stats.size = 4;
  stats.connected = 3;
  auto text = caf::deep_to_string(stats);
  CAF_CHECK_NOT_EQUAL(text.find("db_pool_stats"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(text.find("4"), std::string::npos);
  auto row_text = caf::deep_to_string(db_row{{std::string{"x"}, std::nullopt}});
  CAF_CHECK_NOT_EQUAL(row_text.find("x"), std::string::npos);
}
