#define CAF_SUITE cron.default_table
#include <set>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_entry.hpp"
#include "actors/cron/default_table.hpp"
#include "tests/cron/cron_test_support.hpp"

using switchboard::cron::default_table;
using switchboard::cron::find_zone;
using switchboard::cron::missed_mode;
using switchboard::cron::next_fire;
using switchboard::cron::parse_cron;
using switchboard::cron::unique_key;
using switchboard::cron::test::iso;
using switchboard::cron::test::utc;
using strings = std::vector<std::string>;

CAF_TEST(the seed schedule in order) {
  strings names;
  for (const auto& e : default_table())
    names.push_back(e.name);
  CAF_CHECK_EQUAL(
      names, (strings{"stories", "sessions", "messages", "temp_files",
                      "database_maintenance", "prekeys", "statistics",
                      "stale_websockets", "health_check", "orphaned_media"}));
}

CAF_TEST(every entry parses in a known zone and names a cleanup job) {
  for (const auto& e : default_table()) {
    CAF_MESSAGE(e.name);
    CAF_CHECK(parse_cron(e.expression));
    CAF_CHECK_EQUAL(e.zone, "UTC");
    CAF_CHECK(find_zone(e.zone) != nullptr);
    CAF_CHECK_EQUAL(e.queue, "cleanup");
    CAF_CHECK_EQUAL(e.kind, e.name);
    auto type = R"({"type":")" + e.kind + R"(")";
    CAF_CHECK_EQUAL(e.payload.compare(0, type.size(), type), 0);
  }
}

CAF_TEST(next firings from a fixed instant) {
  // Saturday 2026-03-28 22:47:13 UTC; the 29th is a Sunday.
  auto after = utc("2026-03-28 22:47:13");
  strings next;
  for (const auto& e : default_table())
    next.push_back(
        e.name + " "
        + iso(next_fire(*parse_cron(e.expression), *find_zone(e.zone), after)));
  CAF_CHECK_EQUAL(next, (strings{
                            "stories 2026-03-28T23:00:00Z",
                            "sessions 2026-03-29T00:00:00Z",
                            "messages 2026-03-29T01:00:00Z",
                            "temp_files 2026-03-29T02:00:00Z",
                            "database_maintenance 2026-03-29T03:00:00Z",
                            "prekeys 2026-03-29T04:00:00Z",
                            "statistics 2026-03-29T00:00:00Z",
                            "stale_websockets 2026-03-28T23:00:00Z",
                            "health_check 2026-03-28T22:50:00Z",
                            "orphaned_media 2026-03-29T05:00:00Z",
                        }));
}

CAF_TEST(database maintenance is VACUUM ANALYZE) {
  const auto& e = default_table().at(4);
  CAF_CHECK_EQUAL(e.name, "database_maintenance");
  CAF_CHECK_EQUAL(
      e.payload,
      R"({"type":"database_maintenance","data":{"operation":"vacuum_analyze"}})");
}

CAF_TEST(missed policies) {
  for (const auto& e : default_table()) {
    CAF_MESSAGE(e.name);
    if (e.name == "stale_websockets" || e.name == "health_check") {
      CAF_CHECK(e.missed.mode == missed_mode::skip);
    } else if (e.name == "statistics") {
      CAF_CHECK(e.missed.mode == missed_mode::run_all);
      CAF_CHECK_EQUAL(e.missed.cap, 4u);
    } else {
      CAF_CHECK(e.missed.mode == missed_mode::run_once);
    }
  }
}

CAF_TEST(unique keys name the entry and the fire time to the second) {
  CAF_CHECK_EQUAL(unique_key("stories", utc("2026-03-29 01:00:00.500")),
                  "cron-stories-2026-03-29T01:00:00Z");
  CAF_CHECK_EQUAL(unique_key("health_check", utc("2026-12-31 23:55:00")),
                  "cron-health_check-2026-12-31T23:55:00Z");
  std::set<std::string> keys;
  for (const auto& e : default_table())
    keys.insert(unique_key(e.name, utc("2026-03-29 00:00:00")));
  CAF_CHECK_EQUAL(keys.size(), default_table().size());
}
