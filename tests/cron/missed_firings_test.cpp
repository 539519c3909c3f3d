#define CAF_SUITE cron.missed
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/missed_firings.hpp"
#include "tests/cron/cron_test_support.hpp"

using switchboard::cron::catch_up;
using switchboard::cron::missed_policy;
using switchboard::cron::plan_catch_up;
using switchboard::cron::run_all_missed;
using switchboard::cron::run_missed_once;
using switchboard::cron::skip_missed;
using switchboard::cron::test::cron;
using switchboard::cron::test::iso;
using switchboard::cron::test::utc;
using switchboard::cron::test::zone;
using strings = std::vector<std::string>;

namespace {

catch_up plan(const char* expr, const char* last, const char* now,
              missed_policy p, const char* zone_name = "UTC") {
  return plan_catch_up(cron(expr), zone(zone_name), utc(last), utc(now), p);
}

} // namespace

CAF_TEST(skip runs nothing and waits for the next firing) {
  auto c = plan("@hourly", "2026-03-10 10:00:00", "2026-03-10 13:30:00",
                skip_missed());
  CAF_CHECK(c.run_now.empty());
  CAF_CHECK(c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
}

CAF_TEST(run once runs the latest missed firing) {
  auto c = plan("@hourly", "2026-03-10 10:00:00", "2026-03-10 13:30:00",
                run_missed_once());
  CAF_CHECK_EQUAL(iso(c.run_now), (strings{"2026-03-10T13:00:00Z"}));
  CAF_CHECK(c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
}

CAF_TEST(run all under the cap runs every missed firing in order) {
  auto c = plan("@hourly", "2026-03-10 10:00:00", "2026-03-10 13:30:00",
                run_all_missed(10));
  CAF_CHECK_EQUAL(iso(c.run_now),
                  (strings{"2026-03-10T11:00:00Z", "2026-03-10T12:00:00Z",
                           "2026-03-10T13:00:00Z"}));
  CAF_CHECK(!c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
}

CAF_TEST(run all over the cap keeps the most recent) {
  auto c = plan("@hourly", "2026-03-10 10:00:00", "2026-03-10 13:30:00",
                run_all_missed(2));
  CAF_CHECK_EQUAL(iso(c.run_now),
                  (strings{"2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z"}));
  CAF_CHECK(c.dropped);
  auto none = plan("@hourly", "2026-03-10 10:00:00", "2026-03-10 13:30:00",
                   run_all_missed(0));
  CAF_CHECK(none.run_now.empty());
  CAF_CHECK(none.dropped);
}

CAF_TEST(nothing missed since the last firing) {
  for (auto p : {skip_missed(), run_missed_once(), run_all_missed(5)}) {
    auto c = plan("@hourly", "2026-03-10 13:00:00", "2026-03-10 13:30:00", p);
    CAF_CHECK(c.run_now.empty());
    CAF_CHECK(!c.dropped);
    CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
  }
}

CAF_TEST(the last fired instant is never run again) {
  auto c = plan("@hourly", "2026-03-10 13:00:00", "2026-03-10 13:00:00.5",
                run_all_missed(5));
  CAF_CHECK(c.run_now.empty());
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
}

CAF_TEST(a firing exactly at now is due now) {
  auto c = plan("@hourly", "2026-03-10 13:00:00", "2026-03-10 14:00:00",
                run_missed_once());
  CAF_CHECK_EQUAL(iso(c.run_now), (strings{"2026-03-10T14:00:00Z"}));
  CAF_CHECK(!c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T15:00:00Z");
}

CAF_TEST(a clock that went back misses nothing) {
  auto c = plan("@hourly", "2026-03-10 13:00:00", "2026-03-10 11:30:00",
                run_all_missed(5));
  CAF_CHECK(c.run_now.empty());
  CAF_CHECK(!c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-10T14:00:00Z");
}

CAF_TEST(a year of downtime costs one step per firing returned) {
  // Every second for a year is 31.5 million firings; only three are visited.
  auto c = plan("* * * * * *", "2026-01-01 00:00:00", "2026-12-31 12:00:00.7",
                run_all_missed(3));
  CAF_CHECK_EQUAL(iso(c.run_now),
                  (strings{"2026-12-31T11:59:58Z", "2026-12-31T11:59:59Z",
                           "2026-12-31T12:00:00Z"}));
  CAF_CHECK(c.dropped);
  CAF_CHECK_EQUAL(iso(c.next), "2026-12-31T12:00:01Z");
}

CAF_TEST(missed firings across a DST change keep their instants) {
  auto c = plan("30 2 * * *", "2026-03-28 01:30:00", "2026-03-30 12:00:00",
                run_all_missed(5), "Europe/Berlin");
  CAF_CHECK_EQUAL(iso(c.run_now),
                  (strings{"2026-03-29T01:00:00Z",    // 03:00 CEST
                           "2026-03-30T00:30:00Z"})); // 02:30 CEST
  CAF_CHECK_EQUAL(iso(c.next), "2026-03-31T00:30:00Z");
}

CAF_TEST(an expression that never fires misses nothing) {
  auto c = plan("0 0 30 2 *", "2026-01-01 00:00:00", "2027-01-01 00:00:00",
                run_all_missed(5));
  CAF_CHECK(c.run_now.empty());
  CAF_CHECK(!c.dropped);
  CAF_CHECK(!c.next);
}
